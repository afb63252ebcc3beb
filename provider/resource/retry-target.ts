/** What the retrying client needs to know of a resource, from its definition. Pure. */
import type { Bag } from "../api/types";
import type { RetryTarget } from "../retry/retrying-api";
import { holdsOf } from "./canonical";
import type { ResourceDefinition } from "./definition";
import { identityOf } from "./wire";

export function retryTarget(definition: ResourceDefinition): RetryTarget<Bag, Bag> {
    const { create, update, read, delete: remove } = definition.binding.actions;
    return {
        actions: { add: create, update, describe: read, delete: remove },
        identityOf: (request) => identityOf(definition, request),
        domainOf: (request) => (typeof request.domainName === "string" ? request.domainName : ""),
        holds: holdsOf(definition),
        ...(definition.binding.described.in === "list" ? { pagedDescribe: true } : {}),
    };
}
