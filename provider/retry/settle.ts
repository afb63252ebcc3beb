/**
 * Safe retries of writes that may already have been applied.
 *
 * These actions take no idempotency token, so after an attempt whose fate is unknown (a reset, a
 * timeout, a 5xx: `mayHaveApplied`), a retry can meet the effect of that very attempt:
 * - Add then answers `already-exists`: Describe decides. The config we asked for means the earlier
 *   attempt applied it (success); a different one belongs to someone else (the error stands); none
 *   means nothing was applied after all (try the Add again).
 * - Delete then answers `not-found`: the earlier attempt deleted it (success).
 * - Update sends the full state, so repeating it is harmless: it is simply retried.
 * And when a write that may have applied gives up, one last Describe tells whether it did, so an
 * applied write is never reported as a failure (which would leave an orphan behind).
 *
 * The decisions are pure; `observe` is the one I/O step.
 */
import type { ErrorKind } from "../api/error-kind";
import { LiveApiError } from "../api/errors";
import type { AuthKeyView, Bag, Described } from "../api/types";

export type WriteOperation = "add" | "update" | "delete";

/** Whether the write is in effect, judged from what the service holds. */
export type WriteOutcome = "applied" | "not-applied";

/** What an error means after an earlier attempt of the same write may have been applied. */
export type AmbiguityVerdict =
    /** The error itself proves the write applied. */
    | "applied"
    /** Only the service's current state can tell: Describe, then `writeOutcome`. */
    | "observe"
    /** The error means what it says. */
    | "as-is";

export function verdictAfterAmbiguity(operation: WriteOperation, kind: ErrorKind): AmbiguityVerdict {
    if (operation === "add" && kind === "already-exists") return "observe";
    if (operation === "delete" && kind === "not-found") return "applied";
    return "as-is";
}

/**
 * Whether the service holds `desired`, judged from Describe's `described` config and how it showed the
 * secret key (`view`): a resource's own comparison of canonical forms (resource/canonical.ts).
 */
export type Holds<C> = (described: C, view: AuthKeyView | undefined, desired: C) => boolean;

/**
 * Pure. `observed` is the config the service holds for the identity, `undefined` when it holds none.
 * An Add or Update is in effect when the service holds the desired config (`holds` judges, the key as
 * `view` shows it); a Delete when it holds none.
 */
export function writeOutcome<C>(
    operation: WriteOperation,
    desired: unknown,
    observed: C | undefined,
    holds: Holds<C>,
    view?: AuthKeyView,
): WriteOutcome {
    if (operation === "delete") return observed === undefined ? "applied" : "not-applied";
    return observed !== undefined && holds(observed, view, desired as C) ? "applied" : "not-applied";
}

export interface Observation<C = Bag> {
    /** The stored config, or `undefined` when the identity has none. */
    readonly config: C | undefined;
    /** How Describe showed the key. */
    readonly authKeyView?: AuthKeyView;
    /** The Describe's request id: the evidence for a settled write. */
    readonly requestId: string;
}

/** Describes the identity's config; `not-found` means "none". Other errors propagate. */
export async function observe<C, I>(describe: (identity: I) => Promise<Described<C>>, identity: I): Promise<Observation<C>> {
    try {
        const result = await describe(identity);
        return { config: result.config, requestId: result.requestId, ...(result.authKeyView ? { authKeyView: result.authKeyView } : {}) };
    } catch (error) {
        if (error instanceof LiveApiError && error.kind === "not-found") {
            return { config: undefined, requestId: error.requestId ?? "" };
        }
        throw error;
    }
}
