/** The admin API over HTTP: the recordings routes first (they deliver callbacks), then the others. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleRecordingsAdmin } from "../admin/recordings-routes";
import { handleAdmin } from "../admin/routes";
import type { CallbackSender } from "../callbacks/callback-delivery";
import type { EmulatorState } from "../instance/state";
import { MAX_BODY_BYTES, readBody, sendJson } from "./http-json";

/** `path` and `search` as `routeOf` split them. */
export async function handleAdminRequest(
    req: IncomingMessage,
    res: ServerResponse,
    route: { readonly path: string; readonly search: string },
    state: EmulatorState,
    callbacks: CallbackSender,
): Promise<void> {
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === undefined) return sendJson(res, 413, { error: "the body is too large" });
    const request = {
        method: req.method ?? "GET",
        path: route.path,
        search: new URLSearchParams(route.search),
        peer: req.socket.remoteAddress,
        body,
    };
    const answer = (await handleRecordingsAdmin(request, state, callbacks)) ?? handleAdmin(request, state);
    sendJson(res, answer.status, answer.body);
}
