/**
 * The plain signed client for a baseline provider, from the provider's resolved settings. Baselines
 * sign with static keys only: the benchmark always configures them.
 */
import { LiveClient } from "../../provider/client/live-client";
import type { Settings } from "../../provider/resource/settings";

export function plainClient(settings: Settings): LiveClient {
    if (!settings.credentials) throw new Error("benchmark providers need static keys (alicloud:accessKey and alicloud:secretKey)");
    return new LiveClient({
        endpoint: settings.endpoint,
        credentials: settings.credentials,
        signatureVersion: settings.signatureVersion,
        regionId: settings.regionId,
    });
}
