/** What the demo needs from "something that runs Pulumi operations": the CLI, or the engine stand-in. */
import type { DemoConfigEntry } from "./scenario";

export interface OperationOutcome {
    /** Exit status 0. */
    readonly ok: boolean;
    /** Resources found drifted by a refresh, when the driver can tell (the engine stand-in can). */
    readonly drifted?: readonly string[];
}

export interface DemoDriver {
    /** Printed at the start: how the operations run. */
    readonly description: string;
    setConfig(entries: readonly DemoConfigEntry[]): Promise<void>;
    up(): Promise<OperationOutcome>;
    /** `preview --refresh --expect-no-changes`. */
    previewExpectNoChanges(): Promise<OperationOutcome>;
    refresh(): Promise<OperationOutcome>;
    destroy(): Promise<OperationOutcome>;
    /** Removes temp state; never throws. */
    cleanup(): Promise<void>;
}
