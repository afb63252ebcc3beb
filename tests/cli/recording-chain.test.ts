/**
 * The whole recording chain of a domain (examples/recording-chain) through the real `pulumi` CLI, in
 * TypeScript (its index.ts, the dynamic provider's classes) and in Python (its python/ program, the
 * generated SDK and the provider plugin), the same steps for both: `up` deploys the recording
 * configuration on demand, the signed record-notify config with its onDemandUrl, the snapshot
 * configuration, the snapshot callbacks and the ingest domain's stream callbacks; the preview right after is empty; the emulator then
 * records a push of the covered app (asking the example's receiver, which answers "record as MP4")
 * and calls the receiver back, signed, and records nothing (sends nothing) for an app no recording
 * configuration covers; `destroy` removes every configuration, after which no push is recorded.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEMO_ACCOUNT } from "../../emulator";
import type { Venv } from "../../tools/python-venv/obtain";
import { startChainReceiver, type RunningChainReceiver } from "../../examples/recording-chain/receiver";
import { userPythonVenv } from "../support/sdk-packages";
import { labelTests, pinnedSet, type SetRun } from "./support/cli";
import { rewrite, startExampleStack, type ExampleStack } from "./support/example-stack";
import { PLUGIN_DIR } from "./support/plugin";
import { REPO_ROOT } from "./support/programs";

const DOMAIN = "live.example.com";
const INGEST_DOMAIN = "push.example.com";
const APP = "live";
const CALLBACK_HOST = "hooks.example.com";
const BASE = `https://${CALLBACK_HOST}/live`;
/** A fixed test key (16-32 letters and digits), not a secret of anything. */
const KEY = "RecordingChainKey2026";

interface Variant {
    readonly language: string;
    /** The folder under examples/. */
    readonly example: string;
    readonly project: string;
    /** Readies the copy and names the stack config and environment the variant needs. */
    prepare(
        set: SetRun,
    ): Promise<{ prepare: (dir: string) => void; env: Record<string, string>; config: Record<string, { value: string; secret?: boolean }> }>;
    /** The resources' type tokens in the state. */
    readonly typePrefix: string;
}

const VARIANTS: readonly Variant[] = [
    {
        language: "TypeScript (the dynamic provider)",
        example: "recording-chain",
        project: "alicloud-live-recording-chain",
        typePrefix: "pulumi-nodejs:dynamic/alicloud-live:",
        prepare: (set) =>
            Promise.resolve({
                // The repository's node_modules, where `pulumi-alicloud-live` is this checkout; python/ is the other variant's.
                prepare: (dir: string) => {
                    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
                    fs.rmSync(path.join(dir, "python"), { recursive: true });
                },
                // Type-checked by the build already (tsconfig includes examples/): only transpiled here, as the demo does.
                env: { ...set.env, PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
                // The dynamic provider reads the keys as `alicloud:*` (the endpoint as `alicloud-live:endpoint`).
                config: {
                    "alicloud:accessKey": { value: DEMO_ACCOUNT.accessKeyId },
                    "alicloud:secretKey": { value: DEMO_ACCOUNT.accessKeySecret, secret: true },
                },
            }),
    },
    {
        language: "Python (the plugin's SDK)",
        example: "recording-chain/python",
        project: "alicloud-live-recording-chain-python",
        typePrefix: "alicloud-live:index:",
        prepare: async (set) => {
            const venv: Venv = await userPythonVenv();
            return {
                // The npm package's plugin from this checkout, named absolutely for the copy.
                prepare: (dir: string) => rewrite(path.join(dir, "Pulumi.yaml"), "path: ../../../bin", `path: ${PLUGIN_DIR}`),
                env: { PATH: [path.join(venv.dir, "bin"), set.env.PATH].join(path.delimiter) },
                config: {},
            };
        },
    },
];

for (const variant of VARIANTS) {
    describe(`cli: the recording chain (examples/${variant.example}) in ${variant.language}: deploy, record the covered app only, destroy`, function () {
        this.timeout(600_000);
        let stack: ExampleStack;
        let receiver: RunningChainReceiver;
        const refusals: string[] = [];
        const push = (app: string, stream = "cam1") => stack.admin.simulateRecording({ domainName: DOMAIN, app, stream, pause: true });

        before(async function () {
            const set = await pinnedSet();
            labelTests(this, set.label);
            const { prepare, env, config } = await variant.prepare(set);
            receiver = await startChainReceiver({ callbackHost: CALLBACK_HOST, key: KEY, log: (line) => refusals.push(line) });
            stack = await startExampleStack({
                cli: set.cli,
                example: variant.example,
                stacks: ["chain"],
                prepare,
                env,
                emulator: { deliver: { [CALLBACK_HOST]: receiver.origin }, callbackDelivery: { retryIntervalMs: 20 } },
            });
            for (const [key, { value, secret }] of Object.entries(config)) await stack.workspace.setConfig(stack.stack, key, value, secret);
            await stack.workspace.setConfig(stack.stack, `${variant.project}:notifyAuthKey`, KEY, true);
        });

        after(async () => {
            await stack?.cleanup();
            await receiver?.close();
        });

        it("up deploys the chain: the recording configuration on demand, the signed callbacks with their onDemandUrl, snapshots and their callbacks, stream callbacks; the preview right after is empty", async () => {
            await stack.pulumi(["up", "--yes", "--skip-preview"]);
            const notify = (await stack.live.configs()).get(DOMAIN);
            assert.deepEqual(
                notify && { notifyUrl: notify.notifyUrl, onDemandUrl: notify.onDemandUrl, signed: notify.notifyReqAuth, key: notify.notifyAuthKey },
                { notifyUrl: `${BASE}/record`, onDemandUrl: `${BASE}/on-demand`, signed: true, key: KEY },
            );
            const [recording] = await stack.admin.configsOf("LiveAppRecordConfig");
            const formats = (recording?.recordFormats ?? []) as { Format: string; OssObjectPrefix?: string }[];
            assert.deepEqual(recording && [recording.id, recording.onDemand, formats.map((f) => [f.Format, f.OssObjectPrefix])], [
                `${DOMAIN}/${APP}`,
                1,
                [["mp4", "record/{AppName}/{StreamName}/{StartTime}_{EndTime}"]],
            ]);
            const [snapshots] = await stack.admin.configsOf("LiveAppSnapshotConfig");
            assert.deepEqual(snapshots && [snapshots.id, snapshots.timeInterval], [`${DOMAIN}/${APP}`, 10]);
            const [snapshotCallbacks] = await stack.admin.configsOf("LiveSnapshotNotifyConfig");
            assert.equal(snapshotCallbacks?.notifyUrl, `${BASE}/snapshot`);
            assert.equal(snapshotCallbacks?.notifyAuthKey, KEY);
            const [streamCallbacks] = await stack.admin.configsOf("LiveStreamsNotifyUrlConfig");
            assert.deepEqual(
                streamCallbacks && [streamCallbacks.id, streamCallbacks.notifyUrl, streamCallbacks.exceptionNotifyUrl, streamCallbacks.notifyAuthKey],
                [INGEST_DOMAIN, `${BASE}/stream`, `${BASE}/stream-exception`, KEY],
            );
            const state = await stack.workspace.exportState(stack.stack);
            assert.ok(!state.text.includes(KEY), "no plaintext key in the exported state");
            const types = (state.deployment.resources ?? []).map((r) => r.type).filter((t) => t.startsWith(variant.typePrefix));
            assert.deepEqual(
                types.sort(),
                [
                    "LiveAppRecordConfig",
                    "LiveAppSnapshotConfig",
                    "LiveRecordNotifyConfig",
                    "LiveSnapshotNotifyConfig",
                    "LiveStreamsNotifyUrlConfig",
                ].map((t) => variant.typePrefix + t),
            );
            await stack.pulumi(["preview", "--expect-no-changes"]);
        });

        it("a push of the covered app is recorded on demand and called back to the receiver, signed; a push of an app no configuration covers sends nothing", async () => {
            const covered = await push(APP);
            assert.equal(covered.recorded, true, covered.reason);
            assert.equal(covered.recordConfig, `${DOMAIN}/${APP}`);
            assert.deepEqual(
                covered.deliveries.map((d) => `${d.kind}:${d.outcome}`),
                [
                    "on_demand:delivered",
                    "record_started:delivered",
                    "record_paused:delivered",
                    "record_resumed:delivered",
                    "file_generated:delivered",
                ],
            );
            assert.ok(covered.deliveries.slice(1).every((d) => d.signed && d.deliveredTo === receiver.origin));
            assert.deepEqual(
                receiver.asked.map((q) => `${q.domain}/${q.app}/${q.stream}`),
                [`${DOMAIN}/${APP}/cam1`],
            );
            assert.deepEqual(
                receiver.accepted.map((c) => (c.kind === "status" ? c.event : c.uri.split(".").pop())),
                ["record_started", "record_paused", "record_resumed", "mp4"],
            );
            assert.deepEqual(refusals, [], "the receiver refused nothing");

            const uncovered = await push("other");
            assert.equal(uncovered.recorded, false);
            assert.match(uncovered.reason ?? "", /no recording configuration covers live\.example\.com\/other\/cam1/);
            assert.deepEqual(uncovered.deliveries, []);
            assert.equal(receiver.accepted.length + receiver.asked.length, 5, "the receiver got nothing for the uncovered app");
        });

        it("destroy removes every configuration of the chain; a push is then recorded nowhere", async () => {
            await stack.pulumi(["destroy", "--yes", "--skip-preview"]);
            assert.equal((await stack.live.configs()).size, 0);
            for (const kind of ["LiveAppRecordConfig", "LiveAppSnapshotConfig", "LiveSnapshotNotifyConfig", "LiveStreamsNotifyUrlConfig"])
                assert.deepEqual(await stack.admin.configsOf(kind), [], kind);
            await assert.rejects(push(APP), /404/);
            for (const result of stack.outputs) assert.ok(!result.output.includes(KEY), "a pulumi command printed the key");
        });
    });
}
