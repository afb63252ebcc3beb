/**
 * `/_emulator/recordings`: POST simulates a recording and answers once every callback has been
 * delivered or given up (with the documented timings that can take a while: up to 6 attempts of
 * 5 s per callback); GET lists the runs; GET `recordings/ID` shows one. Loopback peers only, like
 * the rest of the admin API. Answers never contain a NotifyAuthKey.
 */
import { ADMIN_PREFIX, isLoopbackAddress, type AdminRequest, type AdminResponse } from "./routes";
import type { CallbackSender } from "../callbacks/callback-delivery";
import { simulateRecording } from "../callbacks/recording";
import { parseRecordingSpec } from "../callbacks/recording-spec";
import type { EmulatorState } from "../instance/state";

const ROUTE = "recordings";

const problem = (status: number, error: string): AdminResponse => ({ status, body: { error } });

/** Answers a recordings route, or `undefined` when the request is for another admin route. */
export function handleRecordingsAdmin(request: AdminRequest, state: EmulatorState, sender: CallbackSender): Promise<AdminResponse> | undefined {
    const route = request.path.slice(ADMIN_PREFIX.length).replace(/\/+$/, "");
    if (route !== ROUTE && !route.startsWith(`${ROUTE}/`)) return undefined;
    return answer(route, request, state, sender);
}

async function answer(route: string, request: AdminRequest, state: EmulatorState, sender: CallbackSender): Promise<AdminResponse> {
    if (!isLoopbackAddress(request.peer)) return problem(403, "the admin API answers loopback clients only");
    const method = request.method.toUpperCase();
    if (route !== ROUTE) {
        if (method !== "GET") return problem(405, `${method} is not allowed on ${request.path} (allowed: GET)`);
        const id = decodeURIComponent(route.slice(ROUTE.length + 1));
        const run = state.recordings.get(id);
        return run ? { status: 200, body: run } : problem(404, `no recording ${JSON.stringify(id)}`);
    }
    if (method === "GET") return { status: 200, body: state.recordings.list() };
    if (method !== "POST") return problem(405, `${method} is not allowed on ${request.path} (allowed: GET, POST)`);

    let body: unknown;
    try {
        body = JSON.parse(request.body.toString("utf8") || "{}");
    } catch {
        return problem(400, "the body is not valid JSON");
    }
    const spec = parseRecordingSpec(body);
    if ("errors" in spec) return problem(400, spec.errors.join("; "));
    const domain = spec.domainName.toLowerCase();
    const configs = state.store
        .list()
        .filter((c) => c.domainName.toLowerCase() === domain && (spec.accountId === undefined || c.accountId === spec.accountId));
    if (configs.length === 0) {
        return problem(
            404,
            `no recording callback config for domain ${JSON.stringify(spec.domainName)}${spec.accountId ? ` in account ${spec.accountId}` : ""}`,
        );
    }
    if (configs.length > 1) {
        return problem(
            409,
            `${configs.length} accounts configured ${JSON.stringify(spec.domainName)} (${configs.map((c) => c.accountId).join(", ")}): give "accountId"`,
        );
    }
    const run = await simulateRecording(state.recordings.newId(), spec, configs[0], sender, () => state.now());
    state.recordings.add(run);
    return { status: 200, body: run };
}
