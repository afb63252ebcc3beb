/**
 * An operation's failure as the engine wants it over gRPC. A failure after the cloud changed (the
 * resource's `ResourceInitError`) carries `ErrorResourceInitFailed` details, so the engine keeps the
 * resource in state with what the cloud now holds, and state and cloud still agree.
 */
import * as grpc from "@grpc/grpc-js";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { ResourceInitError } from "../resource/init-error";
import { toStruct } from "./properties";
import { Any } from "./well-known-types";

export function rpcError(error: unknown, inputs?: object): Partial<grpc.StatusObject> {
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof ResourceInitError)) return { code: grpc.status.UNKNOWN, details: message };

    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(error.id);
    detail.setProperties(toStruct(error.properties));
    detail.setReasonsList([...error.reasons]);
    if (inputs !== undefined) detail.setInputs(toStruct(inputs));
    const any = new Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    status.addDetails(any);
    // The Go engine reads structured details from this trailer.
    const metadata = new grpc.Metadata();
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
    return { code: grpc.status.UNKNOWN, details: message, metadata };
}
