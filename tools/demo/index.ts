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
 *
 * Every operation runs through the real `pulumi` CLI, obtained as `npm run pulumi-cli` does (the one
 * on PATH, a cached build, or a fresh build from Pulumi's Go modules), on a copy of examples/basic.
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
import { DemoStack } from "./stack";
import {
    changedConfig,
    DOMAINS,
    DRIFT_DOMAIN,
    DRIFTED_ON_DEMAND_URL,
    initialConfig,
    newNotifyAuthKey,
    SIGNED_DOMAIN,
    STATUS_DOMAIN,
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

export async function main(): Promise<number> {
    const started = Date.now();
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-live-demo-"));
    let emulator: RunningEmulator | undefined;
    let driver: DemoStack | undefined;
    try {
        const cli = await obtainPulumiCli({ log: print });
        print(`Running through the real ${describeCli(cli)}.`);
        emulator = await startEmulator({});
        print(`Live API emulator listening on ${emulator.url} (demo key ${DEMO_ACCOUNT.accessKeyId}; no cloud account involved)`);
        const projectDir = copyExample(findRepoRoot(__dirname), "basic", path.join(workDir, "basic"));
        driver = new DemoStack(cli, projectDir, print);
        print(`Project: a copy of examples/basic in ${projectDir}; state: a file backend in ${driver.backendDir}.`);
        await scenario(driver, emulator);
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
        await emulator?.stop();
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
