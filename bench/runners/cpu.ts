/** The CPU scenario family: the provider code's CPU per 1000 operations, against a bare provider. */
import { measureCpuCost, type CpuCost } from "../cpu-cost";
import type { BenchRun } from "./run";

/** CPU runs per variant (the median is used). */
const CPU_RUNS = 3;
const QUICK_CPU_RUNS = 1;

export async function runCpu({ args, ctx, texts, print }: BenchRun): Promise<CpuCost | undefined> {
    if (args.cpuN <= 0) return undefined;
    print();
    print(`Provider code CPU: ${args.cpuN} creates + deletes, real provider vs a bare one, quota raised`);
    return measureCpuCost(
        { admin: ctx.admin, endpoint: ctx.endpoint, providerKey: ctx.providerKey, projectDir: ctx.projectDir, parallel: args.parallel },
        { real: texts.get("this-provider")!, bare: texts.get("bare")! },
        args.cpuN,
        args.quick ? QUICK_CPU_RUNS : CPU_RUNS,
        print,
    );
}
