/**
 * `npm run demo`: the basic example's whole lifecycle against an embedded Live API emulator, with no
 * credentials and no cloud account.
 *
 *   1. create three recording callback configs (one with signed callbacks, its key a secret)
 *   2. change one through stack config
 *   3. change one behind Pulumi's back, with a plain API client
 *   4. `preview --refresh --expect-no-changes` fails: the drift shows
 *   5. `refresh` records the drift
 *   6. `up` puts the declared value back
 *   7. `destroy`
 *   8. the whole recording chain of a domain (a copy of examples/recording-chain): recording on demand,
 *      its signed callbacks with the onDemandUrl, snapshots and their callbacks, stream callbacks
 *   9. a push of the recorded app is called back to a receiver on loopback, signed; a push of another
 *      app sends nothing (Live records only where a recording configuration covers the app)
 *  10. `destroy` of the chain
 *
 * Every operation runs through the real `pulumi` CLI, obtained as `npm run pulumi-cli` does (the one
 * on PATH, a cached build, or a fresh build from Pulumi's Go modules), on copies of examples/basic and
 * examples/recording-chain.
 * After each step the demo checks the emulator's state and exits non-zero if the step did not do
 * what it should.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator, type RunningEmulator, type StoredConfig } from "../../emulator";
import { LiveClient } from "../../provider/client/live-client";
import { CliBuildError } from "../pulumi-cli/build";
import { copyExample } from "../pulumi-cli/example-project";
import { findRepoRoot } from "../repo-root";
import { describeCli, obtainPulumiCli } from "../pulumi-cli/obtain";
import { startDemoReceiver, type DemoReceiver } from "./receiver";
import { DemoStack } from "./stack";
import {
    CALLBACK_HOST,
    CHAIN_APP,
    CHAIN_DOMAIN,
    chainConfig,
    changedConfig,
    DOMAINS,
    DRIFT_DOMAIN,
    DRIFTED_ON_DEMAND_URL,
    initialConfig,
    newNotifyAuthKey,
    SIGNED_DOMAIN,
    STATUS_DOMAIN,
    UNCOVERED_APP,
    type DemoConnection,
} from "./scenario";

const print = (line: string) => console.log(line);

class DemoFailure extends Error {}

function expect(condition: boolean, what: string): void {
    if (!condition) throw new DemoFailure(what);
    print(`  ok: ${what}`);
}

/** What the emulator (the "cloud") holds, printed without the signing key. */
async function cloud(admin: EmulatorAdmin): Promise<Map<string, StoredConfig>> {
    const configs = await admin.configs();
    print(`  cloud now holds ${configs.length} config(s):`);
    for (const c of [...configs].sort((a, b) => a.domainName.localeCompare(b.domainName))) {
        const flags = [c.needStatusNotify ? "status callbacks" : "", c.notifyReqAuth ? `signed (key ${c.notifyAuthKey ? "set" : "missing"})` : ""]
            .filter(Boolean)
            .join(", ");
        print(`    ${c.domainName}  onDemand=${c.onDemandUrl ?? "-"}${flags ? `  [${flags}]` : ""}`);
    }
    return new Map(configs.map((c) => [c.domainName, c]));
}

async function scenario(driver: DemoStack, emulator: RunningEmulator): Promise<void> {
    const admin = new EmulatorAdmin(emulator.url);
    const connection = { endpoint: emulator.url, accessKeyId: DEMO_ACCOUNT.accessKeyId, accessKeySecret: DEMO_ACCOUNT.accessKeySecret };

    print("\n== 1. Create: three domains, one with signed callbacks (the key is a secret config value)");
    await driver.setConfig(initialConfig(connection, newNotifyAuthKey()));
    expect(await driver.up(), "up succeeded");
    let state = await cloud(admin);
    expect(
        DOMAINS.every((d) => state.has(d)),
        `all ${DOMAINS.length} domains have a config`,
    );
    expect(state.get(SIGNED_DOMAIN)?.notifyReqAuth === true && !!state.get(SIGNED_DOMAIN)?.notifyAuthKey, `${SIGNED_DOMAIN} signs its callbacks`);

    print(`\n== 2. Change one through config: status callbacks for ${STATUS_DOMAIN}`);
    await driver.setConfig([changedConfig()]);
    expect(await driver.up(), "up succeeded");
    state = await cloud(admin);
    expect(state.get(STATUS_DOMAIN)?.needStatusNotify === true, `${STATUS_DOMAIN} now sends status callbacks`);

    print(`\n== 3. Change ${DRIFT_DOMAIN} outside Pulumi, with a plain API client`);
    const client = new LiveClient({ endpoint: emulator.url, credentials: DEMO_ACCOUNT });
    const { config } = await client.describe({ domainName: DRIFT_DOMAIN });
    await client.update({ ...config, onDemandUrl: DRIFTED_ON_DEMAND_URL });
    print(`  UpdateLiveRecordNotifyConfig ${DRIFT_DOMAIN} onDemandUrl=${DRIFTED_ON_DEMAND_URL}`);
    state = await cloud(admin);
    expect(state.get(DRIFT_DOMAIN)?.onDemandUrl === DRIFTED_ON_DEMAND_URL, "the cloud holds the out-of-band value");

    print("\n== 4. Preview with refresh, expecting no changes: must fail, because of the drift");
    expect(!(await driver.previewExpectNoChanges()), "preview --refresh --expect-no-changes failed on the drift");

    print("\n== 5. Refresh: the stack's state takes in the drift");
    expect(await driver.refresh(), "refresh succeeded");

    print("\n== 6. Up: the declared value goes back");
    expect(await driver.up(), "up succeeded");
    state = await cloud(admin);
    expect(state.get(DRIFT_DOMAIN)?.onDemandUrl !== DRIFTED_ON_DEMAND_URL, `${DRIFT_DOMAIN} has its declared onDemandUrl again`);

    print("\n== 7. Destroy");
    expect(await driver.destroy(), "destroy succeeded");
    state = await cloud(admin);
    expect(state.size === 0, "no configs left");
}

/** Steps 8-10: the recording chain of one domain, deployed, pushed to, destroyed. */
async function chainScenario(
    chain: DemoStack,
    emulator: RunningEmulator,
    receiver: DemoReceiver,
    connection: DemoConnection,
    key: string,
): Promise<void> {
    const admin = new EmulatorAdmin(emulator.url);
    const started = Date.now();
    print(`\n== 8. The whole recording chain of ${CHAIN_DOMAIN}: recording on demand, its signed callbacks, snapshots and theirs, stream callbacks`);
    await chain.setConfig(chainConfig(connection, key));
    expect(await chain.up(), "up succeeded");
    const [recording] = await admin.configsOf("LiveAppRecordConfig");
    expect(recording?.id === `${CHAIN_DOMAIN}/${CHAIN_APP}` && recording.onDemand === 1, `${CHAIN_DOMAIN}/${CHAIN_APP} is recorded on demand`);
    const notify = (await admin.configs()).find((c) => c.domainName === CHAIN_DOMAIN);
    expect(notify?.onDemandUrl !== undefined && notify.notifyReqAuth, "its recording callbacks are signed and Live asks the onDemandUrl first");
    const snapshots = (await admin.configsOf("LiveAppSnapshotConfig")).length + (await admin.configsOf("LiveSnapshotNotifyConfig")).length;
    expect(snapshots === 2, "snapshots and snapshot callbacks are configured");
    const [streams] = await admin.configsOf("LiveStreamsNotifyUrlConfig");
    expect(streams?.notifyReqAuth === true, `stream callbacks are signed on the ingest domain ${String(streams?.id)}`);

    print(`\n== 9. Streams are pushed: ${CHAIN_APP}/cam1 (recorded) and ${UNCOVERED_APP}/cam1 (no recording configuration covers it)`);
    const covered = await admin.simulateRecording({ domainName: CHAIN_DOMAIN, app: CHAIN_APP, stream: "cam1" });
    for (const d of covered.deliveries) print(`  ${d.kind.padEnd(14)} ${d.method} ${d.url}${d.signed ? " (signed)" : ""}: ${d.outcome}`);
    expect(
        covered.recorded && covered.deliveries.length > 0 && covered.deliveries.every((d) => d.outcome === "delivered"),
        `${CHAIN_APP}/cam1 recorded, every callback delivered`,
    );
    expect(
        receiver.accepted.length === covered.deliveries.length - 1 && receiver.refused.length === 0,
        "the receiver verified and accepted each callback",
    );
    const uncovered = await admin.simulateRecording({ domainName: CHAIN_DOMAIN, app: UNCOVERED_APP, stream: "cam1" });
    print(`  ${UNCOVERED_APP}/cam1: not recorded: ${uncovered.reason ?? "-"}`);
    expect(!uncovered.recorded && uncovered.deliveries.length === 0, `nothing sent for ${UNCOVERED_APP}/cam1`);

    print("\n== 10. Destroy the chain");
    expect(await chain.destroy(), "destroy succeeded");
    let left = (await admin.configs()).length;
    for (const kind of ["LiveAppRecordConfig", "LiveAppSnapshotConfig", "LiveSnapshotNotifyConfig", "LiveStreamsNotifyUrlConfig"])
        left += (await admin.configsOf(kind)).length;
    expect(left === 0, "no configuration of the chain left");
    print(`  (the chain's steps took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

export async function main(): Promise<number> {
    const started = Date.now();
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-live-demo-"));
    let emulator: RunningEmulator | undefined;
    let driver: DemoStack | undefined;
    let chain: DemoStack | undefined;
    let receiver: DemoReceiver | undefined;
    try {
        const cli = await obtainPulumiCli({ log: print });
        print(`Running through the real ${describeCli(cli)}.`);
        const chainKey = newNotifyAuthKey();
        receiver = await startDemoReceiver(CALLBACK_HOST, () => chainKey);
        emulator = await startEmulator({ deliver: { [CALLBACK_HOST]: receiver.origin } });
        print(`Live API emulator listening on ${emulator.url} (demo key ${DEMO_ACCOUNT.accessKeyId}; no cloud account involved)`);
        const projectDir = copyExample(findRepoRoot(__dirname), "basic", path.join(workDir, "basic"));
        driver = new DemoStack(cli, projectDir, print);
        print(`Project: a copy of examples/basic in ${projectDir}; state: a file backend in ${driver.backendDir}.`);
        await scenario(driver, emulator);
        const chainDir = copyExample(findRepoRoot(__dirname), "recording-chain", path.join(workDir, "recording-chain"));
        // Type-checked by the build already: the chain's program is only transpiled here, to keep the demo short.
        chain = new DemoStack(cli, chainDir, print, { PULUMI_NODEJS_TRANSPILE_ONLY: "true" });
        print(`\nProject: a copy of examples/recording-chain in ${chainDir}; callbacks for ${CALLBACK_HOST} delivered to ${receiver.origin}.`);
        const connection = { endpoint: emulator.url, accessKeyId: DEMO_ACCOUNT.accessKeyId, accessKeySecret: DEMO_ACCOUNT.accessKeySecret };
        await chainScenario(chain, emulator, receiver, connection, chainKey);
        print(`\nDemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
        return 0;
    } catch (error) {
        const message =
            error instanceof CliBuildError
                ? `cannot obtain the Pulumi CLI: ${error.message}`
                : error instanceof Error
                  ? error.message
                  : String(error);
        print(`\nDemo FAILED: ${message}`);
        return 1;
    } finally {
        await driver?.cleanup();
        await chain?.cleanup();
        await emulator?.stop();
        await receiver?.close();
        fs.rmSync(workDir, { recursive: true, force: true });
    }
}

if (require.main === module) {
    main().then(
        (code) => process.exit(code),
        (error) => {
            console.error(error);
            process.exit(1);
        },
    );
}
