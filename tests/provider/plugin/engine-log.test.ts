import { strict as assert } from "node:assert";
import * as grpc from "@grpc/grpc-js";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { LogSeverity, type LogRequest } from "@pulumi/pulumi/proto/engine_pb";
import { engineAddressOf, engineLog } from "../../../provider/plugin/engine-log";
import { Empty } from "../../../provider/plugin/well-known-types";

/** A stand-in engine on 127.0.0.1 that only takes Log calls. */
async function startEngine(received: LogRequest[]): Promise<{ address: string; stop(): void }> {
    const server = new grpc.Server();
    const log: grpc.handleUnaryCall<LogRequest, InstanceType<typeof Empty>> = (call, callback) => {
        received.push(call.request);
        callback(null, new Empty());
    };
    server.addService(EngineService, { log });
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    return { address: `127.0.0.1:${port}`, stop: () => server.forceShutdown() };
}

async function until(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!condition()) {
        if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}

describe("plugin/engine-log", function () {
    this.timeout(20_000);

    it("finds the engine's address after the flags the engine may put first", () => {
        assert.equal(engineAddressOf(["127.0.0.1:4000"]), "127.0.0.1:4000");
        assert.equal(engineAddressOf(["--logtostderr", "-v=9", "--tracing", "http://127.0.0.1:9411", "127.0.0.1:4000"]), "127.0.0.1:4000");
        assert.equal(engineAddressOf([]), undefined);
        assert.equal(engineAddressOf(["--logtostderr"]), undefined);
    });

    it("sends each warning to the engine's Log service, with the provider's prefix and nothing on stderr", async () => {
        const received: LogRequest[] = [];
        const engine = await startEngine(received);
        const fallback: string[] = [];
        const log = engineLog(engine.address, (line) => fallback.push(line));
        try {
            log.warn("the quota store is down");
            log.warn("it is back");
            await until(() => received.length === 2, "two Log calls");
            assert.deepEqual(
                received.map((r) => [r.getSeverity(), r.getMessage(), r.getUrn()]),
                [
                    [LogSeverity.WARNING, "alicloud-live: the quota store is down", ""],
                    [LogSeverity.WARNING, "alicloud-live: it is back", ""],
                ],
            );
            assert.deepEqual(fallback, []);
        } finally {
            log.close();
            engine.stop();
        }
    });

    it("writes the warning to the fallback when the engine cannot take it", async () => {
        const fallback: string[] = [];
        // Port 1 on loopback: nothing listens there.
        const log = engineLog("127.0.0.1:1", (line) => fallback.push(line));
        try {
            assert.doesNotThrow(() => log.warn("pacing alone"));
            await until(() => fallback.length === 1, "the fallback line");
            assert.deepEqual(fallback, ["warning: alicloud-live: pacing alone\n"]);
        } finally {
            log.close();
        }
    });
});
