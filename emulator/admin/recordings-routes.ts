/**
 * `/_emulator/recordings`: POST simulates a push of a stream (recorded where a recording configuration
 * covers it, its callbacks sent to the domain's record-notify config) and answers once every callback has been
 * delivered or given up (with the documented timings that can take a while: up to 6 attempts of
 * 5 s per callback); GET lists the runs; GET `recordings/ID` shows one. Loopback peers only, like
 * the rest of the admin API. Answers never contain a NotifyAuthKey.
 */
import { ADMIN_PREFIX, isLoopbackAddress, type AdminRequest, type AdminResponse } from "./routes";
import type { CallbackSender } from "../callbacks/callback-delivery";
import { simulateRecording } from "../callbacks/recording";
import { APP_RECORD_KIND, type AppRecordConfig } from "../api/app-record-actions";
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
    const ofDomain = <T extends { accountId: string; domainName: string }>(list: readonly T[]) =>
        list.filter((c) => c.domainName.toLowerCase() === domain && (spec.accountId === undefined || c.accountId === spec.accountId));
    const notifies = ofDomain(state.store.list());
    const recordConfigs = ofDomain(state.store.listOf(APP_RECORD_KIND) as AppRecordConfig[]);
    const accounts = [...new Set([...notifies, ...recordConfigs].map((c) => c.accountId))];
    if (accounts.length === 0) {
        return problem(
            404,
            `no recording configuration and no recording callback config for domain ${JSON.stringify(spec.domainName)}${spec.accountId ? ` in account ${spec.accountId}` : ""}`,
        );
    }
    if (accounts.length > 1) {
        return problem(409, `${accounts.length} accounts configured ${JSON.stringify(spec.domainName)} (${accounts.join(", ")}): give "accountId"`);
    }
    const [accountId] = accounts;
    const notify = notifies.find((c) => c.accountId === accountId);
    const configs = { accountId, ...(notify ? { notify } : {}), recordConfigs: recordConfigs.filter((c) => c.accountId === accountId) };
    const run = await simulateRecording(state.recordings.newId(), spec, configs, sender, () => state.now());
    state.recordings.add(run);
    return { status: 200, body: run };
}
