/**
 * How Live signs a callback when NotifyReqAuth is on, from the "Callback authentication" document:
 * `ALI-LIVE-TIMESTAMP` is the send time in Unix seconds, `ALI-LIVE-SIGNATURE` the lowercase hex MD5
 * of `<hostname of the callback URL>|<timestamp>|<NotifyAuthKey>`. Written here from the document,
 * not shared with the provider's verifier, so one side's mistake cannot hide in the other.
 */
import { createHash } from "node:crypto";

export const CALLBACK_TIMESTAMP_HEADER = "ALI-LIVE-TIMESTAMP";
export const CALLBACK_SIGNATURE_HEADER = "ALI-LIVE-SIGNATURE";

/** The two headers for a callback to `url` sent at `nowMs`. */
export function callbackAuthHeaders(url: URL, nowMs: number, notifyAuthKey: string): Record<string, string> {
    const timestamp = String(Math.floor(nowMs / 1000));
    const signature = createHash("md5").update([url.hostname, timestamp, notifyAuthKey].join("|"), "utf8").digest("hex");
    return { [CALLBACK_TIMESTAMP_HEADER]: timestamp, [CALLBACK_SIGNATURE_HEADER]: signature };
}
