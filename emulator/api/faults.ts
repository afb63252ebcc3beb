/**
 * Fault rules injected through the admin API: answer an error, add latency, drop the connection
 * (nothing applied), or apply the write and then drop it (the ambiguous case a retrying client must
 * settle). Specs are validated eagerly with messages that name the field and the rule.
 */
import { ACTIONS, type ActionName } from "./actions";
import { ERROR_CATALOGUE, isCatalogued } from "./errors";

/** The longest injectable delay: long enough for any client timeout, short enough to end a test. */
export const MAX_LATENCY_MS = 600_000;

export interface FaultErrorSpec {
    readonly code: string;
    /** 400-599. May be omitted for codes in the emulator's catalogue. */
    readonly status?: number;
    readonly message?: string;
}

/** What a client posts to `/_emulator/faults`. */
export interface FaultSpec {
    /** One of the four actions, or "*" (default) for all. */
    readonly action?: string;
    /** Chance that a matching request is affected, 0..1 (default 1). */
    readonly probability?: number;
    /** Affect at most this many requests, then the rule is removed (default: unlimited). */
    readonly count?: number;
    readonly error?: FaultErrorSpec;
    readonly latencyMs?: number;
    readonly drop?: boolean;
    readonly ambiguous?: boolean;
}

export interface FaultRule {
    readonly id: string;
    readonly action: ActionName | "*";
    readonly probability: number;
    /** Requests still to affect; absent = unlimited. */
    readonly remaining?: number;
    /** Requests affected so far. */
    readonly matched: number;
    readonly error?: { readonly code: string; readonly status: number; readonly message: string };
    readonly latencyMs?: number;
    readonly drop?: true;
    readonly ambiguous?: true;
}

export class FaultSpecError extends Error {
    override readonly name = "FaultSpecError";
}

const FIELDS = new Set(["action", "probability", "count", "error", "latencyMs", "drop", "ambiguous"]);
const ERROR_FIELDS = new Set(["code", "status", "message"]);

function fail(message: string): never {
    throw new FaultSpecError(`fault rule: ${message}`);
}

const show = (value: unknown): string => (value === undefined ? "undefined" : JSON.stringify(value));

function checkFields(value: object, allowed: ReadonlySet<string>, where: string): void {
    for (const name of Object.keys(value)) {
        if (!allowed.has(name)) fail(`unknown field ${where}${JSON.stringify(name)} (allowed: ${[...allowed].join(", ")})`);
    }
}

function parseError(value: unknown): FaultRule["error"] {
    if (typeof value !== "object" || value === null || Array.isArray(value)) fail(`"error" must be an object {code, status?, message?}`);
    checkFields(value, ERROR_FIELDS, "error.");
    const { code, status, message } = value as Record<string, unknown>;
    if (typeof code !== "string" || code === "" || code.length > 100) {
        fail(`"error.code" must be a non-empty string of at most 100 characters (got ${show(code)})`);
    }
    let resolvedStatus: number;
    if (status === undefined) {
        if (!isCatalogued(code)) fail(`"error.status" is required for ${JSON.stringify(code)}, which is not in the emulator's catalogue`);
        resolvedStatus = ERROR_CATALOGUE[code].status;
    } else {
        if (!Number.isInteger(status) || (status as number) < 400 || (status as number) > 599) {
            fail(`"error.status" must be an integer from 400 to 599 (got ${show(status)})`);
        }
        resolvedStatus = status as number;
    }
    if (message !== undefined && (typeof message !== "string" || message.length > 1000)) {
        fail(`"error.message" must be a string of at most 1000 characters (got ${show(message)})`);
    }
    return {
        code,
        status: resolvedStatus,
        message: message ?? (isCatalogued(code) ? ERROR_CATALOGUE[code].message : `Injected fault ${code}.`),
    };
}

/** Validates a posted spec. The result lacks only `id` and `matched`. */
export function parseFaultSpec(input: unknown): Omit<FaultRule, "id" | "matched"> {
    if (typeof input !== "object" || input === null || Array.isArray(input)) fail("the body must be a JSON object");
    checkFields(input, FIELDS, "");
    const spec = input as Record<string, unknown>;
    const action = spec["action"] ?? "*";
    if (action !== "*" && !(ACTIONS as readonly unknown[]).includes(action)) {
        fail(`"action" must be "*" or one of ${ACTIONS.join(", ")} (got ${show(action)})`);
    }
    const probability = spec["probability"] ?? 1;
    if (typeof probability !== "number" || !(probability >= 0 && probability <= 1)) {
        fail(`"probability" must be a number from 0 to 1 (got ${show(probability)})`);
    }
    const count = spec["count"];
    if (count !== undefined && (!Number.isInteger(count) || (count as number) < 1)) {
        fail(`"count" must be a positive integer (got ${show(count)})`);
    }
    const latencyMs = spec["latencyMs"];
    if (latencyMs !== undefined && (!Number.isInteger(latencyMs) || (latencyMs as number) < 0 || (latencyMs as number) > MAX_LATENCY_MS)) {
        fail(`"latencyMs" must be an integer from 0 to ${MAX_LATENCY_MS} (got ${show(latencyMs)})`);
    }
    for (const name of ["drop", "ambiguous"] as const) {
        if (spec[name] !== undefined && spec[name] !== true) fail(`"${name}" must be true when given (got ${show(spec[name])})`);
    }
    const error = spec["error"] === undefined ? undefined : parseError(spec["error"]);
    const outcomes = [error !== undefined, spec["drop"] === true, spec["ambiguous"] === true].filter(Boolean).length;
    if (outcomes > 1) fail(`"error", "drop" and "ambiguous" are alternatives: give at most one`);
    if (outcomes === 0 && latencyMs === undefined) fail(`give at least one of "error", "latencyMs", "drop", "ambiguous"`);
    return {
        action: action as ActionName | "*",
        probability,
        ...(count !== undefined ? { remaining: count as number } : {}),
        ...(error !== undefined ? { error } : {}),
        ...(latencyMs !== undefined ? { latencyMs: latencyMs as number } : {}),
        ...(spec["drop"] === true ? { drop: true as const } : {}),
        ...(spec["ambiguous"] === true ? { ambiguous: true as const } : {}),
    };
}

/** The active rules, in the order they were added; the first that applies wins. */
export class FaultBook {
    private rules: FaultRule[] = [];
    private nextId = 1;

    add(input: unknown): FaultRule {
        const rule: FaultRule = { id: `fault-${this.nextId++}`, matched: 0, ...parseFaultSpec(input) };
        this.rules.push(rule);
        return rule;
    }

    list(): readonly FaultRule[] {
        return [...this.rules];
    }

    remove(id: string): boolean {
        const before = this.rules.length;
        this.rules = this.rules.filter((r) => r.id !== id);
        return this.rules.length !== before;
    }

    clear(): number {
        const n = this.rules.length;
        this.rules = [];
        return n;
    }

    /**
     * The rule affecting this request, if any. A rule whose dice roll fails does not use up its
     * count; a rule whose count is used up is removed.
     */
    match(action: ActionName, random: () => number): FaultRule | undefined {
        for (let i = 0; i < this.rules.length; i++) {
            const rule = this.rules[i];
            if (rule.action !== "*" && rule.action !== action) continue;
            if (rule.probability < 1 && !(random() < rule.probability)) continue;
            const used: FaultRule = {
                ...rule,
                matched: rule.matched + 1,
                ...(rule.remaining !== undefined ? { remaining: rule.remaining - 1 } : {}),
            };
            if (used.remaining === 0) this.rules.splice(i, 1);
            else this.rules[i] = used;
            return used;
        }
        return undefined;
    }
}
