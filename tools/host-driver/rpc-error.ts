/**
 * Errors from the dynamic-provider host, decoded into plain JS errors.
 *
 * The host answers a failed Create/Update whose error carries an `id` with gRPC status UNKNOWN plus a
 * `grpc-status-details-bin` trailer holding `pulumirpc.ErrorResourceInitFailed {id, properties,
 * reasons}`: the object exists but did not finish initialising, and the engine must keep it in state.
 */
import type { ServiceError } from "@grpc/grpc-js";
import { fromStruct, type PropertyMap } from "./struct";
import type { PulumiSdk } from "./sdk";

export const INIT_FAILED_TYPE = "pulumirpc.ErrorResourceInitFailed";
export const STATUS_DETAILS_KEY = "grpc-status-details-bin";

/** A resource the provider created but could not finish setting up. */
export interface InitFailure {
    readonly id: string;
    readonly properties: PropertyMap;
    readonly reasons: readonly string[];
}

export class HostRpcError extends Error {
    override readonly name = "HostRpcError";
    /** The RPC, e.g. `create`. */
    readonly method: string;
    /** gRPC status code (2 = UNKNOWN for provider errors, 12 = UNIMPLEMENTED, 4 = DEADLINE_EXCEEDED). */
    readonly code: number;
    /** The provider's own message, without gRPC's `2 UNKNOWN:` prefix. */
    readonly details: string;
    /** Present when the provider reported a partially initialised resource. */
    readonly initFailure?: InitFailure;

    constructor(method: string, code: number, details: string, initFailure?: InitFailure) {
        super(`${method} failed: ${details}`);
        this.method = method;
        this.code = code;
        this.details = details;
        this.initFailure = initFailure;
    }
}

export function toHostRpcError(sdk: PulumiSdk, method: string, error: ServiceError): HostRpcError {
    const code = typeof error.code === "number" ? error.code : sdk.grpc.status.UNKNOWN;
    const details = typeof error.details === "string" && error.details !== "" ? error.details : error.message;
    return new HostRpcError(method, code, details, decodeInitFailure(sdk, error));
}

/** Reads `ErrorResourceInitFailed` from the status-details trailer, when there is one. */
export function decodeInitFailure(sdk: PulumiSdk, error: Pick<ServiceError, "metadata">): InitFailure | undefined {
    const raw = error.metadata?.get(STATUS_DETAILS_KEY)?.[0];
    if (raw === undefined) return undefined;
    const bytes = typeof raw === "string" ? Buffer.from(raw, "base64") : raw;
    const status = sdk.statusPb.Status.deserializeBinary(new Uint8Array(bytes));
    for (const any of status.getDetailsList()) {
        if (any.getTypeName() !== INIT_FAILED_TYPE) continue;
        const detail = sdk.providerPb.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
        return {
            id: detail.getId(),
            properties: fromStruct(detail.getProperties()),
            reasons: detail.getReasonsList(),
        };
    }
    return undefined;
}
