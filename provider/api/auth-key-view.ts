/**
 * How Describe shows NotifyAuthKey, which no document settles: in clear text, masked (`ab****yz`),
 * or not at all. What can be known about the stored key follows from the view. Pure.
 *
 * Detectable: under `clear`, every change; under `masked`, a change of the visible characters (two
 * keys with the same first and last characters look alike), and a key appearing or disappearing;
 * under `absent`, only that a key exists when callbacks are signed (see resource/refresh.ts).
 */
import type { AuthKeyView } from "./types";

/**
 * A mask: a run of three or more `*` (the emulator's `ab****yz`; the real mask, if any, is
 * undocumented). Not "anything outside the documented 16-32 letters and digits": the service may
 * take other keys (docs/resource.md#notifyauthkey), and such a key shown in clear text must read
 * as itself, or every refresh would see drift.
 */
const MASK_PATTERN = /\*{3,}/;

/** Reads the described `NotifyAuthKey` field (`undefined`: the answer has no such field). */
export function authKeyView(raw: unknown): AuthKeyView {
    if (raw === undefined || raw === null) return { kind: "absent" };
    const text = typeof raw === "string" ? raw.trim() : "";
    if (text === "") return { kind: "clear" };
    return MASK_PATTERN.test(text) ? { kind: "masked", mask: text } : { kind: "clear", key: text };
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
