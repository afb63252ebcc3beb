/**
 * Whole operations (up, refresh, destroy) through Pulumi's real dynamic-provider host and the engine
 * stand-in, against the emulator under the profiles that matter most: the defaults, the all-adverse
 * combination, and all-adverse with a key Describe never shows. After every `up` followed by a
 * `refresh`, another `up` proposes no change, and the state holds what the cloud holds.
 */
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator, type RunningEmulator } from "../../../emulator";
import { Engine, type OperationResult, type Program } from "../../../tools/host-driver/engine";
import type { ProviderHost } from "../../../tools/host-driver/host";
import { projectDirFor, type ProjectDir } from "../../../tools/host-driver/project-dir";
import { emptyState, type StackState } from "../../../tools/host-driver/state";
import { LiveClient } from "../../../provider/client/live-client";
import { canonicalConfig } from "../../../provider/client/normalize";
import { registrationOf, type ResourceSpec } from "../../../tools/soak/model";
import { serializedProviderText } from "../../../tools/serialized-provider";
import { ALL_ADVERSE, keepsOnDemandUrl, PROFILES, type Profile } from "../../../tools/semantics-profiles";
import { startConfiguredHost } from "../../support/configured-host";

const BUILD_ROOT = path.resolve(__dirname, "..", "..", "..");
const KEY = "HostProfilesKey00042";

const HOST_PROFILES: readonly Profile[] = [
    PROFILES.find((p) => p.name === "defaults")!,
    { name: "all-adverse", options: ALL_ADVERSE },
    { name: "all-adverse, key absent from Describe", options: { ...ALL_ADVERSE, describeAuthKey: "absent" } },
];

describe("provider through the real host under semantics profiles", function () {
    this.timeout(180_000);
    let project: ProjectDir;
    let providerText: string;

    before(async () => {
        project = projectDirFor(BUILD_ROOT);
        providerText = await serializedProviderText();
    });
    after(() => project?.cleanup());

    for (const profile of HOST_PROFILES) {
        describe(profile.name, () => {
            let emulator: RunningEmulator;
            let admin: EmulatorAdmin;
            let host: ProviderHost;
            let state: StackState = emptyState("profiles", "dev");

            before(async () => {
                emulator = await startEmulator(profile.options);
                admin = new EmulatorAdmin(emulator.url);
                host = await startConfiguredHost({ projectDir: project.dir, project: "profiles", endpoint: emulator.url, key: DEMO_ACCOUNT });
            });
            after(async () => {
                await host?.stop();
                await emulator?.stop();
            });

            const engine = () => new Engine({ host, state, checkpoint: (s) => (state = s) });
            const program =
                (specs: Record<string, ResourceSpec>): Program =>
                async (declare) => {
                    await Promise.all(Object.entries(specs).map(([name, spec]) => declare(registrationOf(name, spec, providerText))));
                };
            const ok = (result: OperationResult, what: string) => assert.ok(result.ok, `${what}: ${result.errors.join("; ")}`);
            /** State and cloud agree on every resource (the key compared too: the state must hold the real one). */
            const agree = async () => {
                const cloud = new Map((await admin.configs()).map((c) => [c.domainName, canonicalConfig(c)]));
                assert.equal(cloud.size, state.resources.length, "one config per resource");
                for (const r of state.resources)
                    assert.deepEqual(canonicalConfig(r.outputs as never), cloud.get(r.id), `${r.name}: state and cloud differ`);
            };
            /** `up`, `refresh`, then an `up` that must propose nothing. */
            const converge = async (specs: Record<string, ResourceSpec>, what: string) => {
                ok(await engine().up(program(specs)), `${what}: up`);
                await agree();
                const refreshed = await engine().refresh();
                ok(refreshed, `${what}: refresh`);
                assert.equal(refreshed.drifted, 0, `${what}: a refresh right after up found drift`);
                ok(await engine().up(program(specs), { expectNoChanges: true }), `${what}: a second up proposed changes`);
                await agree();
            };

            it("create, update, remove optional fields, drift, destroy: no perpetual diff, state always the cloud's", async () => {
                const full: ResourceSpec = {
                    domainName: "full.example.com",
                    notifyUrl: "https://cb.example.com/full",
                    onDemandUrl: "https://cb.example.com/od",
                    needStatusNotify: true,
                    notifyReqAuth: true,
                    notifyAuthKey: KEY,
                };
                const small: ResourceSpec = { domainName: "small.example.com", notifyUrl: "https://cb.example.com/small" };
                await converge({ full, small }, "create");
                await converge({ full: { ...full, notifyUrl: "https://cb.example.com/v2" }, small: { ...small, needStatusNotify: true } }, "update");

                // Stop signing and drop the key; and try to drop the on-demand URL.
                const { onDemandUrl: _od, notifyAuthKey: _key, notifyReqAuth: _auth, ...bare } = { ...full, notifyUrl: "https://cb.example.com/v2" };
                if (keepsOnDemandUrl(profile.options)) {
                    const refused = await engine().up(program({ full: bare, small }));
                    assert.equal(refused.ok, false);
                    assert.match(refused.errors.join("\n"), /onDemandUrl cannot be cleared/);
                    await agree(); // the failed update recorded what the cloud holds
                    await converge({ full: { ...bare, onDemandUrl: full.onDemandUrl }, small }, "remove the key, keep the URL as advised");
                } else {
                    await converge({ full: bare, small }, "remove the key and the URL");
                }
                const now = Object.fromEntries(state.resources.map((r) => [r.name, canonicalConfig(r.outputs as never)])) as Record<
                    string,
                    ResourceSpec
                >;

                // Someone changes a callback URL behind Pulumi's back: refresh sees it, up puts it back.
                await new LiveClient({ endpoint: emulator.url, credentials: DEMO_ACCOUNT }).update({
                    ...now.small,
                    notifyUrl: "https://elsewhere.example.net/cb",
                });
                const drifted = await engine().refresh();
                ok(drifted, "refresh after drift");
                assert.equal(drifted.drifted, 1);
                await converge(now, "undo the drift");

                ok(await engine().destroy(), "destroy");
                assert.deepEqual(await admin.configs(), []);
                assert.equal(state.resources.length, 0);
            });

            it("the host printed no secret", () => {
                const { stdout, stderr } = host.output();
                for (const secret of [DEMO_ACCOUNT.accessKeySecret, KEY]) assert.ok(!stdout.includes(secret) && !stderr.includes(secret));
            });
        });
    }
});
