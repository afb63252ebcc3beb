import { strict as assert } from "node:assert";
import type { CallOptions } from "../../../provider/client/types";
import { operationApi } from "../../../provider/resource/operation-api";
import { stubApi } from "./fixtures";

describe("resource/operation-api (one deadline and cancellation per operation)", () => {
    it("without options the API is used as it is", () => {
        const api = stubApi();
        assert.equal(operationApi(api), api);
    });

    it("every call gets what is left of the operation's budget, and its signal", async () => {
        let now = 1_000;
        const api = stubApi();
        api.describe.resolves({ requestId: "R", config: { domainName: "d.example.com", notifyUrl: "https://h.example.com/" } });
        const signal = new AbortController().signal;
        const live = operationApi(api, { timeoutMs: 5_000, signal }, { now: () => now });
        await live.add({ domainName: "d.example.com", notifyUrl: "https://h.example.com/" });
        now += 3_000;
        await live.describe({ domainName: "d.example.com" });
        now += 4_000;
        await live.update({ domainName: "d.example.com", notifyUrl: "https://h.example.com/" });
        const budgets = [api.add, api.describe, api.update].map((stub) => (stub.firstCall.args[1] as CallOptions).timeoutMs);
        assert.deepEqual(budgets, [5_000, 2_000, 1], "past the deadline a call gets a token budget and stops at its first check");
        assert.equal((api.describe.firstCall.args[1] as CallOptions).signal, signal);
    });

    it("a signal alone leaves each call its default budget", async () => {
        const api = stubApi();
        const signal = new AbortController().signal;
        await operationApi(api, { signal }).delete({ domainName: "d.example.com" });
        assert.deepEqual(api.delete.firstCall.args[1], { signal });
    });
});
