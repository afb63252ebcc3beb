/**
 * A resource's plain client: its four operations as signed calls of the actions its binding names,
 * the configuration written and read as its table's `wire` columns say. One call per method, no
 * retries (the retrying client wraps this). Knows nothing of Pulumi.
 */
import { LiveApiError } from "../api/errors";
import { apiResult } from "../api/response";
import type { LiveRpc } from "../api/rpc";
import type { ApiResult, Bag, ConfigApi, Described } from "../api/types";
import type { ResourceDefinition } from "./definition";
import { describedConfig, identityParams, isEmptyDescribe, writeParams } from "./wire";

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
        return apiResult(await this.#rpc.call(this.#definition.binding.actions.update.name, writeParams(this.#definition, config)));
    }

    async describe(identity: Bag): Promise<Described<Bag>> {
        const definition = this.#definition;
        const action = definition.binding.actions.read.name;
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

    async delete(identity: Bag): Promise<ApiResult> {
        return apiResult(await this.#rpc.call(this.#definition.binding.actions.delete.name, identityParams(this.#definition, identity)));
    }
}
