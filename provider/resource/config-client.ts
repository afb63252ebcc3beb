/**
 * A resource's plain client: its four operations as signed calls of the actions its binding names,
 * the configuration written and read as its table's `wire` columns say. One call per method, no
 * retries (the retrying client wraps this). Knows nothing of Pulumi.
 */
import { LiveApiError } from "../api/errors";
import { apiResult } from "../api/response";
import type { LiveRpc } from "../api/rpc";
import { integerField } from "../api/response";
import type { ApiResult, Bag, CallOptions, ConfigApi, Described } from "../api/types";
import { identityProperties, type ResourceDefinition } from "./definition";
import { describedConfig, identityParams, isEmptyDescribe, valueAt, writeParams } from "./wire";

/** The longest a paged Describe goes on: 10,000 pages of up to 30 configurations each is far beyond any account. */
const MAX_PAGES = 10_000;

export class ConfigClient implements ConfigApi<Bag, Bag> {
    readonly #definition: ResourceDefinition;
    readonly #rpc: LiveRpc;

    constructor(definition: ResourceDefinition, rpc: LiveRpc) {
        this.#definition = definition;
        this.#rpc = rpc;
    }

    async add(config: Bag): Promise<ApiResult> {
        return apiResult(await this.#rpc.call(this.#definition.binding.actions.create.name, writeParams(this.#definition, config)));
    }

    async update(config: Bag): Promise<ApiResult> {
        return apiResult(await this.#rpc.call(this.#definition.binding.actions.update.name, writeParams(this.#definition, config, "update")));
    }

    async describe(identity: Bag, options?: CallOptions): Promise<Described<Bag>> {
        const definition = this.#definition;
        const action = definition.binding.actions.read.name;
        const shape = definition.binding.described;
        if (shape.in === "list") return this.#describeListed(identity, shape, options);
        const body = await this.#rpc.call(action, identityParams(definition, identity));
        if (isEmptyDescribe(definition, body)) {
            // Some readings of the API answer 200 with an empty config instead of 404: the same "none".
            const shape = definition.binding.described;
            throw new LiveApiError({
                action,
                kind: "not-found",
                statusCode: 200,
                requestId: apiResult(body).requestId || undefined,
                serviceMessage: `the answer holds no ${shape.in === "field" ? shape.field : definition.type}`,
                mayHaveApplied: false,
            });
        }
        return { ...apiResult(body), ...describedConfig(definition, body, identity) };
    }

    /**
     * A configuration Describe lists, filtered by its identity's fields and paged: the entry whose
     * identity is exactly this one (Describe may list others: an app's stream-level configurations, or
     * under some readings the `*` app's), on whichever page it is. Every page after the first is paced
     * (`options.pace`).
     */
    async #describeListed(
        identity: Bag,
        shape: { readonly path: string; readonly pageSize: number },
        options?: CallOptions,
    ): Promise<Described<Bag>> {
        const definition = this.#definition;
        const action = definition.binding.actions.read.name;
        const wanted = identityParams(definition, identity);
        let requestId = "";
        for (let page = 1; page <= MAX_PAGES; page++) {
            if (page > 1) await options?.pace?.();
            const body = await this.#rpc.call(action, { ...wanted, PageNum: page, PageSize: shape.pageSize });
            requestId = apiResult(body).requestId;
            const entries = valueAt(body, shape.path);
            const list = Array.isArray(entries) ? (entries as Record<string, unknown>[]) : [];
            const found = list.find((entry) => sameIdentity(definition, entry, wanted));
            if (found !== undefined) return { requestId, ...describedConfig(definition, found, identity) };
            const totalPages = integerField(body?.TotalPage) ?? 1;
            if (page >= totalPages || list.length < shape.pageSize) break;
        }
        throw new LiveApiError({
            action,
            kind: "not-found",
            statusCode: 200,
            requestId: requestId || undefined,
            serviceMessage: `no entry of ${shape.path} is the configuration asked for`,
            mayHaveApplied: false,
        });
    }

    async delete(identity: Bag): Promise<ApiResult> {
        return apiResult(await this.#rpc.call(this.#definition.binding.actions.delete.name, identityParams(this.#definition, identity)));
    }
}

/**
 * Whether a listed entry is the configuration of `wanted`'s identity: each identity parameter equal (the
 * domain in any case, as DNS names compare), and no identity field the identity leaves out (an app-level
 * configuration is not one of its streams').
 */
function sameIdentity(definition: ResourceDefinition, entry: Record<string, unknown>, wanted: Readonly<Record<string, unknown>>): boolean {
    return identityProperties(definition).every((spec) => {
        const param = spec.wire!.name;
        const have = typeof entry[param] === "string" ? entry[param] : "";
        const want = typeof wanted[param] === "string" ? wanted[param] : "";
        return spec.name === "domainName" ? have.toLowerCase() === want.toLowerCase() : have === want;
    });
}
