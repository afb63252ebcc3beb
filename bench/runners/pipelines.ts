/** The pipelines scenario family: K provider hosts on one account, with and without the shared quota store. */
import type { PipelineNumbers } from "../pipeline-numbers";
import { PIPELINE_VARIANTS, runPipelineSuite } from "../pipelines";
import { ACCOUNT_ID, COMPETITOR_QPS, READ_QPS, WRITE_QPS, type BenchRun } from "./run";

export async function runPipelines({ args, ctx, texts, print }: BenchRun): Promise<PipelineNumbers[]> {
    if (!args.pipelines) return [];
    print();
    print(
        `Pipelines: K provider hosts, one key each, one account learned from STS; ${WRITE_QPS} writes/s per action, foreign client ${COMPETITOR_QPS}/s`,
    );
    return runPipelineSuite({
        ks: args.pipelineKs,
        variants: args.pipelineVariants ?? (args.contention ? PIPELINE_VARIANTS : PIPELINE_VARIANTS.filter((v) => v !== "store+foreign")),
        projectDir: ctx.projectDir,
        providerText: texts.get("this-provider")!,
        parallel: args.parallel,
        writeQps: WRITE_QPS,
        readQps: READ_QPS,
        foreignRate: COMPETITOR_QPS,
        accountId: ACCOUNT_ID,
        ...(args.timeLimitSeconds !== undefined ? { timeLimitSeconds: args.timeLimitSeconds } : {}),
        print,
    });
}
