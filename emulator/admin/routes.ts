/**
 * The admin API under `/_emulator/`: fault rules, the cloud's stored configs, the request log,
 * counters, quota changes and reset. JSON in and out; answered only to loopback peers, so an
 * emulator bound to a wider address still cannot be steered from another machine.
 */
import { isActionName } from "../api/actions";
import { FaultSpecError } from "../api/faults";
import { parseIpv4 } from "../api/url-safety";
import type { EmulatorState } from "../instance/state";
import type { QuotaRates } from "../api/quota";

export const ADMIN_PREFIX = "/_emulator/";

export interface AdminRequest {
    readonly method: string;
    /** Path without the query, e.g. "/_emulator/faults/fault-3". */
    readonly path: string;
    readonly search: URLSearchParams;
    /** The socket's remote address. */
    readonly peer: string | undefined;
    readonly body: Buffer;
}

export interface AdminResponse {
    readonly status: number;
    readonly body: unknown;
}

/** 127.0.0.0/8, ::1, and IPv4 loopback as an IPv4-mapped IPv6 address. */
export function isLoopbackAddress(address: string | undefined): boolean {
    if (address === undefined) return false;
    if (address === "::1") return true;
    const v4 = parseIpv4(address.toLowerCase().startsWith("::ffff:") ? address.slice(7) : address);
    return v4 !== undefined && Math.floor(v4 / 2 ** 24) === 127;
}

const ok = (body: unknown, status = 200): AdminResponse => ({ status, body });
const problem = (status: number, error: string): AdminResponse => ({ status, body: { error } });

function parseJson(body: Buffer): { value: unknown } | { error: string } {
    const text = body.toString("utf8");
    if (text.trim() === "") return { value: {} };
    try {
        return { value: JSON.parse(text) };
    } catch {
        return { error: "the body is not valid JSON" };
    }
}

const isRate = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v > 0;

function parseQuota(value: unknown): Partial<QuotaRates> | string {
    if (typeof value !== "object" || value === null || Array.isArray(value))
        return "the body must be a JSON object {writeQps?, readQps?, actionQps?}";
    const out: { writeQps?: number; readQps?: number; actionQps?: Record<string, number> } = {};
    for (const [name, v] of Object.entries(value)) {
        if (name === "actionQps") {
            if (typeof v !== "object" || v === null || Array.isArray(v)) return `"actionQps" must be an object of action names and rates`;
            for (const [action, rate] of Object.entries(v as Record<string, unknown>)) {
                if (action !== "*" && !isActionName(action)) return `"actionQps": ${JSON.stringify(action)} is not an action`;
                if (!isRate(rate)) return `"actionQps.${action}" must be a positive finite number (got ${JSON.stringify(rate)})`;
            }
            out.actionQps = { ...(v as Record<string, number>) };
            continue;
        }
        if (name !== "writeQps" && name !== "readQps") return `unknown field ${JSON.stringify(name)} (allowed: writeQps, readQps, actionQps)`;
        if (!isRate(v)) return `"${name}" must be a positive finite number (got ${JSON.stringify(v)})`;
        out[name] = v;
    }
    return out;
}

/** Routes one admin request. Never throws for bad input: answers 4xx with `{error}`. */
export function handleAdmin(request: AdminRequest, state: EmulatorState): AdminResponse {
    if (!isLoopbackAddress(request.peer)) return problem(403, "the admin API answers loopback clients only");
    const route = request.path.slice(ADMIN_PREFIX.length).replace(/\/+$/, "");
    const method = request.method.toUpperCase();
    const allow = (methods: string[]): AdminResponse | undefined =>
        methods.includes(method) ? undefined : problem(405, `${method} is not allowed on ${request.path} (allowed: ${methods.join(", ")})`);

    if (route === "faults") {
        const denied = allow(["GET", "POST", "DELETE"]);
        if (denied) return denied;
        if (method === "GET") return ok(state.faults.list());
        if (method === "DELETE") return ok({ cleared: state.faults.clear() });
        const parsed = parseJson(request.body);
        if ("error" in parsed) return problem(400, parsed.error);
        try {
            return ok({ id: state.faults.add(parsed.value).id }, 201);
        } catch (error) {
            if (error instanceof FaultSpecError) return problem(400, error.message);
            throw error;
        }
    }
    if (route.startsWith("faults/")) {
        const denied = allow(["DELETE"]);
        if (denied) return denied;
        const id = decodeURIComponent(route.slice("faults/".length));
        return state.faults.remove(id) ? ok({ deleted: id }) : problem(404, `no fault rule ${JSON.stringify(id)}`);
    }
    if (route === "configs") return allow(["GET"]) ?? ok(state.store.list());
    if (route.startsWith("configs/")) {
        const kind = decodeURIComponent(route.slice("configs/".length));
        return allow(["GET"]) ?? ok(kind === "LiveRecordNotifyConfig" ? state.store.list() : state.store.listOf(kind));
    }
    if (route === "requests") {
        const denied = allow(["GET"]);
        if (denied) return denied;
        const since = request.search.get("since");
        if (since !== null && !/^\d+$/.test(since)) return problem(400, `"since" must be a non-negative integer (got ${JSON.stringify(since)})`);
        return ok(state.log.entries(since === null ? 0 : Number(since)));
    }
    if (route === "stats") return allow(["GET"]) ?? ok(state.log.stats());
    if (route === "quota") {
        const denied = allow(["GET", "PUT"]);
        if (denied) return denied;
        if (method === "GET") return ok(state.quota.rates);
        const parsed = parseJson(request.body);
        if ("error" in parsed) return problem(400, parsed.error);
        const rates = parseQuota(parsed.value);
        if (typeof rates === "string") return problem(400, rates);
        return ok(state.quota.setRates(rates, state.now()));
    }
    if (route === "reset") {
        const denied = allow(["POST"]);
        if (denied) return denied;
        state.reset();
        return ok({ reset: true });
    }
    return problem(404, `no admin route ${request.path}`);
}
