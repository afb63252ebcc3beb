/**
 * A bare provider for the CPU measurement, loaded by the provider host: the same HTTP calls as the
 * real provider (one LiveClient call per operation) and nothing else: no input checking, no
 * diffing rules, no rate limiter, no retries. The host CPU it costs is the floor that the real
 * provider's own code is measured against.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { LiveClient } from "../../provider/client/live-client";
import type { RecordNotifyConfig } from "../../provider/client/types";

type Bag = Record<string, unknown>;

let client: Promise<LiveClient> | undefined;

function configFields(bag: Bag): RecordNotifyConfig {
    const out: Record<string, unknown> = { domainName: bag.domainName, notifyUrl: bag.notifyUrl };
    for (const key of ["onDemandUrl", "needStatusNotify", "notifyReqAuth", "notifyAuthKey"]) {
        if (bag[key] !== undefined) out[key] = bag[key];
    }
    return out as unknown as RecordNotifyConfig;
}

async function live(): Promise<LiveClient> {
    if (!client) throw new Error("the bare provider was not configured");
    return client;
}

export const provider: Required<Pick<dynamic.ResourceProvider, "configure" | "check" | "diff" | "create" | "update" | "delete">> = {
    async configure(req) {
        const get = (key: string): string => {
            const value = req.config.get(key);
            if (!value) throw new Error(`the bare provider needs ${key}`);
            return value;
        };
        client = Promise.resolve(
            new LiveClient({
                endpoint: get("alicloud-live:endpoint"),
                credentials: { accessKeyId: get("alicloud:accessKey"), accessKeySecret: get("alicloud:secretKey") },
            }),
        );
        await client;
    },
    async check(_olds, news) {
        return { inputs: news };
    },
    async diff() {
        return { changes: true };
    },
    async create(inputs) {
        const config = configFields(inputs);
        await (await live()).add(config);
        return { id: config.domainName, outs: config };
    },
    async update(_id, _olds, news) {
        const config = configFields(news);
        await (await live()).update(config);
        return { outs: config };
    },
    async delete(id) {
        await (await live()).delete({ domainName: id });
    },
};
