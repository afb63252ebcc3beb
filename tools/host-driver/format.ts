/**
 * How the engine stand-in prints what it does, one line per step, in the spirit of the CLI's
 * `+ create`, `~ update`, `+- replace`, `- delete`. Property names only, never values: a value may
 * be a secret.
 */
import type { StepOp } from "./steps";

export type EngineEvent =
    | {
          readonly kind: "step";
          readonly op: StepOp;
          readonly type: string;
          readonly name: string;
          readonly keys: readonly string[];
          /** Delete skipped because of retainOnDelete. */
          readonly retained?: boolean;
          /** The delete of the original of a create-before-delete replacement. */
          readonly replaced?: boolean;
      }
    | {
          readonly kind: "refresh";
          readonly type: string;
          readonly name: string;
          readonly outcome: "unchanged" | "drift" | "gone";
          readonly keys: readonly string[];
      }
    | {
          readonly kind: "failure";
          readonly op: string;
          readonly type: string;
          readonly name: string;
          readonly message: string;
      };

const SYMBOL: Readonly<Record<StepOp, string>> = { create: "+", update: "~", replace: "+-", delete: "-", same: "=" };

/** `pulumi-nodejs:dynamic/alicloud-live:LiveRecordNotifyConfig` -> `LiveRecordNotifyConfig`. */
export function shortType(type: string): string {
    return type.slice(type.lastIndexOf(":") + 1);
}

function keyList(keys: readonly string[]): string {
    return keys.length > 0 ? ` [${keys.join(", ")}]` : "";
}

export function formatEvent(event: EngineEvent): string {
    const what = `${shortType(event.type)} ${event.name}`;
    switch (event.kind) {
        case "step":
            return (
                `${SYMBOL[event.op]} ${event.op} ${what}${keyList(event.keys)}` +
                (event.replaced ? " (the replaced original)" : "") +
                (event.retained ? " (retained: retainOnDelete, Delete not called)" : "")
            );
        case "refresh":
            if (event.outcome === "gone") return `- refresh ${what}: gone (deleted outside Pulumi), removed from state`;
            if (event.outcome === "drift") return `~ refresh ${what}: drift in ${event.keys.join(", ")}`;
            return `= refresh ${what}: no drift`;
        case "failure":
            return `! ${event.op} ${what} failed: ${event.message}`;
    }
}

export interface StepCounts {
    create: number;
    update: number;
    replace: number;
    delete: number;
    same: number;
}

export function emptyCounts(): StepCounts {
    return { create: 0, update: 0, replace: 0, delete: 0, same: 0 };
}

export function formatSummary(counts: StepCounts, preview: boolean): string {
    const verb = preview ? ["to create", "to update", "to replace", "to delete"] : ["created", "updated", "replaced", "deleted"];
    return (
        `Resources: ${counts.create} ${verb[0]}, ${counts.update} ${verb[1]}, ${counts.replace} ${verb[2]}, ` +
        `${counts.delete} ${verb[3]}, ${counts.same} unchanged`
    );
}
