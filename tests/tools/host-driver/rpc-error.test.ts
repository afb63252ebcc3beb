import { strict as assert } from "node:assert";
import { decodeInitFailure, INIT_FAILED_TYPE, STATUS_DETAILS_KEY } from "../../../tools/host-driver/rpc-error";
import { loadSdk } from "../../../tools/host-driver/sdk";

describe("tools/host-driver/rpc-error", () => {
    const sdk = loadSdk();

    /** Builds the trailer exactly as the host's grpcResponseFromError does. */
    function trailer(detail: { id: string; properties: Record<string, unknown>; reasons: string[] }) {
        const anyPb = require(require.resolve("google-protobuf/google/protobuf/any_pb", { paths: [sdk.root] }));
        const init = new sdk.providerPb.ErrorResourceInitFailed();
        init.setId(detail.id);
        init.setProperties(sdk.structPb.Struct.fromJavaScript(detail.properties as never));
        init.setReasonsList(detail.reasons);
        const any = new anyPb.Any();
        any.pack(init.serializeBinary(), INIT_FAILED_TYPE);
        const status = new sdk.statusPb.Status();
        status.setCode(2);
        status.addDetails(any);
        const metadata = new sdk.grpc.Metadata();
        metadata.add(STATUS_DETAILS_KEY, Buffer.from(status.serializeBinary()));
        return { metadata };
    }

    it("decodes ErrorResourceInitFailed from the status-details trailer", () => {
        const decoded = decodeInitFailure(sdk, trailer({ id: "live1", properties: { a: 1, __provider: "p" }, reasons: ["r1", "r2"] }));
        assert.deepEqual(decoded, { id: "live1", properties: { a: 1, __provider: "p" }, reasons: ["r1", "r2"] });
    });

    it("returns undefined for an error without the trailer", () => {
        assert.equal(decodeInitFailure(sdk, { metadata: new sdk.grpc.Metadata() }), undefined);
    });
});
