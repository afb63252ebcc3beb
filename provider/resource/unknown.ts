/**
 * Pulumi's placeholder for values not known yet. During a preview, an input computed from another
 * resource's output arrives at `check` and `diff` as this sentinel string. Pure.
 */

/** The sentinel the engine sends for an unknown value (`rpc.unknownValue` in the Node SDK). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True for the sentinel, a string containing it, or an array/object holding one anywhere. */
export function isUnknown(value: unknown): boolean {
    if (typeof value === "string") return value.includes(UNKNOWN_VALUE);
    if (Array.isArray(value)) return value.some(isUnknown);
    if (typeof value === "object" && value !== null) return Object.values(value).some(isUnknown);
    return false;
}
