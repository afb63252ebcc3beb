import { strict as assert } from "node:assert";
import { ResourceInitError } from "../../../provider/resource/init-error";

describe("resource/init-error", () => {
    it("has the shape the host packs into ErrorResourceInitFailed", () => {
        const cause = new Error("UpdateLiveRecordNotifyConfig failed (Forbidden)");
        const error = new ResourceInitError(
            "d.example.com",
            { domainName: "d.example.com", onDemandUrl: undefined },
            "provider text",
            cause,
            "Run it again.",
        );
        assert.equal(error.id, "d.example.com");
        assert.deepEqual(error.properties, { domainName: "d.example.com", __provider: "provider text" });
        assert.equal(error.message, "UpdateLiveRecordNotifyConfig failed (Forbidden) Run it again.");
        assert.deepEqual(error.reasons, [error.message]);
        assert.equal(error.cause, cause);
        assert.ok(error instanceof Error);
    });

    it("accepts non-Error causes", () => {
        assert.equal(new ResourceInitError("x.example.com", {}, "p", "plain text").message, "plain text");
    });
});
