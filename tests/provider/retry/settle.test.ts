import { strict as assert } from "node:assert";
import * as sinon from "sinon";
import type { ErrorKind } from "../../../provider/api/error-kind";
import type { RecordNotifyConfig } from "../../../provider/client/types";
import { holdsConfig } from "../../../provider/client/normalize";
import { observe, verdictAfterAmbiguity, writeOutcome, type WriteOperation } from "../../../provider/retry/settle";
import { forbidden, notFound } from "./support/live-errors";

const desired: RecordNotifyConfig = {
    domainName: "live.example.com",
    notifyUrl: "https://hooks.example.com/record",
    needStatusNotify: true,
};

describe("retry/settle", () => {
    describe("verdictAfterAmbiguity", () => {
        const table: ReadonlyArray<readonly [WriteOperation, ErrorKind, string]> = [
            ["add", "already-exists", "observe"],
            ["delete", "not-found", "applied"],
            ["update", "not-found", "as-is"],
            ["add", "not-found", "as-is"],
            ["delete", "already-exists", "as-is"],
            ["add", "throttled", "as-is"],
            ["update", "transient", "as-is"],
            ["add", "forbidden", "as-is"],
        ];
        for (const [operation, kind, verdict] of table) {
            it(`${operation} meeting ${kind} after an ambiguous attempt: ${verdict}`, () => {
                assert.equal(verdictAfterAmbiguity(operation, kind), verdict);
            });
        }
    });

    describe("writeOutcome", () => {
        it("an Add or Update is applied when the service holds the desired config, by canonical value", () => {
            const stored: RecordNotifyConfig = { ...desired, onDemandUrl: "", notifyReqAuth: false };
            assert.equal(writeOutcome("add", desired, stored, holdsConfig), "applied");
            assert.equal(writeOutcome("update", desired, stored, holdsConfig), "applied");
        });

        it("an Add or Update is not applied when the service holds another config, or none", () => {
            const other = { ...desired, notifyUrl: "https://elsewhere.example.com/x" };
            assert.equal(writeOutcome("add", desired, other, holdsConfig), "not-applied");
            assert.equal(writeOutcome("update", desired, { ...desired, needStatusNotify: false }, holdsConfig), "not-applied");
            assert.equal(writeOutcome("add", desired, undefined, holdsConfig), "not-applied");
        });

        it("a Delete is applied when the service holds no config", () => {
            assert.equal(writeOutcome("delete", { domainName: desired.domainName }, undefined, holdsConfig), "applied");
            assert.equal(writeOutcome("delete", { domainName: desired.domainName }, desired, holdsConfig), "not-applied");
        });
    });

    describe("observe", () => {
        it("returns the stored config and the Describe's request id", async () => {
            const describe = sinon.stub().resolves({ requestId: "D1", config: desired });
            assert.deepEqual(await observe(describe, { domainName: "live.example.com" }), { config: desired, requestId: "D1" });
            sinon.assert.calledOnceWithExactly(describe, { domainName: "live.example.com" });
        });

        it("reads not-found as no config", async () => {
            const error = notFound("DescribeLiveRecordNotifyConfig");
            const seen = await observe(sinon.stub().rejects(error), { domainName: "live.example.com" });
            assert.deepEqual(seen, { config: undefined, requestId: error.requestId });
        });

        it("lets other errors through", async () => {
            const error = forbidden("DescribeLiveRecordNotifyConfig");
            await assert.rejects(observe(sinon.stub().rejects(error), { domainName: "live.example.com" }), (e) => e === error);
        });
    });
});
