/**
 * What every scenario family's runner of `npm run bench` shares: the quotas the emulator enforces, the
 * parsed arguments, the emulator and keys, the project directory the hosts start in, the provider texts,
 * and where lines are printed.
 */
import type { BenchArgs } from "../args";
import { floorSeconds } from "../metrics";
import type { ScenarioContext } from "../scenario";
import type { StrategyName } from "../strategies";

/** The documented quotas the emulator enforces. */
export const WRITE_QPS = 30;
export const READ_QPS = 50;
/** The competitor spends half of each write action's quota. */
export const COMPETITOR_QPS = WRITE_QPS / 2;
/** The account both keys belong to. */
export const ACCOUNT_ID = "1000000000000001";

export interface BenchRun {
    readonly args: BenchArgs;
    /** The emulator, keys, project directory and rates of the host scenarios. */
    readonly ctx: ScenarioContext;
    /** The compiled tree (dist/) and the repository root. */
    readonly buildRoot: string;
    readonly repoRoot: string;
    /** Each strategy's serialized provider, "bare" (the CPU baseline) and, when needed, this provider's. */
    readonly texts: ReadonlyMap<StrategyName | "bare", string>;
    readonly print: (line?: string) => void;
}

/** Default cut-off of a scenario: three times its floor, plus a minute for slow process starts. */
export function defaultTimeLimitSeconds(n: number, availableQps: number): number {
    return Math.ceil(3 * floorSeconds(3 * n, availableQps) + 60);
}
