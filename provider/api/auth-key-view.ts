/**
 * How Describe shows NotifyAuthKey, which no document settles: in clear text, masked (`ab****yz`),
 * or not at all. What can be known about the stored key follows from the view. Pure.
 *
 * Detectable: under `clear`, every change; under `masked`, a change of the visible characters (two
 * keys with the same first and last characters look alike), and a key appearing or disappearing;
 * under `absent`, only that a key exists when callbacks are signed (see resource/refresh.ts).
 */
import type { AuthKeyView } from "./types";

/** The API's rule for a key: a described value that breaks it is not the key itself. */
const KEY_PATTERN = /^[A-Za-z0-9]{16,32}$/;

/** Reads the described `NotifyAuthKey` field (`undefined`: the answer has no such field). */
export function authKeyView(raw: unknown): AuthKeyView {
    if (raw === undefined || raw === null) return { kind: "absent" };
    const text = typeof raw === "string" ? raw.trim() : "";
    if (text === "") return { kind: "clear" };
    return KEY_PATTERN.test(text) ? { kind: "clear", key: text } : { kind: "masked", mask: text };
}

/**
 * Could the service hold `known` (a key, or `undefined` for none), judging by the view? `undefined`
 * when the view cannot tell.
 */
export function keyConsistent(view: AuthKeyView, known: string | undefined): boolean | undefined {
    switch (view.kind) {
        case "clear":
            return view.key === known;
        case "masked":
            return known !== undefined && maskFits(view.mask, known);
        case "absent":
            return undefined;
    }
}

/** A mask's visible characters, before and after its hidden run, match the key's ends. */
export function maskFits(mask: string, key: string): boolean {
    const m = /^([^*]*)\*+([^*]*)$/.exec(mask);
    if (!m) return false;
    const [, head, tail] = m as unknown as [string, string, string];
    return key.length >= head.length + tail.length && key.startsWith(head) && key.endsWith(tail);
}

/** Whether the service (probably) still holds a key: shown, masked, or unknowable. */
export function mayHoldKey(view: AuthKeyView): boolean {
    return view.kind === "masked" || view.kind === "absent" || view.key !== undefined;
}
