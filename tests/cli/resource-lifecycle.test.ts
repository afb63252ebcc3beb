/**
 * Every resource of the package through the real `pulumi` CLI, one suite parameterised by resource
 * (tests/support/resource-cases.ts), in one stack so that each step is one command for all of them: the
 * provider plugin with the TypeScript program of tests/cli/fixtures/resources-program (the classes of
 * `pulumi-alicloud-live/plugin`, the plugin found on PATH), and a lighter pass of the dynamic provider's
 * classes beside them. Steps: up, an empty preview, an update in place and a replace (create before
 * delete) in one up, drift caught by `preview --refresh` and restored by `up --refresh` while `.get()`
 * reads each type by id, `pulumi import` of configurations made out of band then an empty preview,
 * secrets only as ciphertext, destroy.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator, type RunningEmulator } from "../../emulator";
import { RpcClient } from "../../provider/api/rpc";
import type { Bag } from "../../provider/api/types";
import { SECRET_SIG, SIG_KEY } from "../../provider/plugin/properties";
import { resourceType } from "../../provider/plugin/tokens";
import { holdsConfig } from "../../provider/resource/canonical";
import { ConfigClient } from "../../provider/resource/config-client";
import { checkInputs } from "../../provider/resource/check";
import { idOf } from "../../provider/resource/identity";
import { pathWithCli } from "../../tools/pulumi-cli/obtain";
import { PulumiWorkspace, type CommandResult } from "../../tools/pulumi-cli/workspace";
import { RESOURCE_CASES, type ResourceCase } from "../support/resource-cases";
import { labelTests, pinnedSet } from "./support/cli";
import { assertNoSecretAnywhere } from "./support/emulator-cloud";
import type { Declared, DeclaredResource, GotResource } from "./fixtures/resources-program/declared";
import { copyPluginProgram, PLUGIN_DIR } from "./support/plugin";
import { runPulumi, type ExpectedExit } from "./support/run-pulumi";

const STACK = "lifecycle";
const PROJECT = "alicloud-live-resources-program";
const KEY = "LifecycleCliKey2026";

/** One declared resource of a case: its name, its args (as checked, so comparable with the cloud) and how it is declared. */
interface Entry {
    readonly case: ResourceCase;
    readonly declared: DeclaredResource;
}

const entry = (resource: ResourceCase, name: string, args: Bag, options: { keyed?: boolean; dynamic?: boolean } = {}): Entry => ({
    case: resource,
    declared: { type: resource.definition.type, name, args, ...options },
});
/** The args with the key the program adds for `keyed`. */
const withKey = (e: Entry): Bag => (e.declared.keyed ? { ...e.declared.args, notifyAuthKey: KEY } : e.declared.args);
const checked = (e: Entry): Bag => checkInputs(e.case.definition, withKey(e)).inputs as Bag;
const idOfEntry = (e: Entry): string => idOf(e.case.definition, checked(e));
/** The domain, as the emulator's request log names a call. */
const domainOfEntry = (e: Entry): string => String(checked(e).domainName);
/** Signed (`keyed`) when the resource has a key. */
const signed = (resource: ResourceCase) => resource.definition.properties.some((p) => p.secret);
const typeName = (resource: ResourceCase) => resource.definition.type;

describe("cli: every resource's lifecycle, through the plugin (and the dynamic provider), one suite parameterised by resource", function () {
    this.timeout(900_000);
    let tmp: string;
    let emulator: RunningEmulator;
    let admin: EmulatorAdmin;
    let workspace: PulumiWorkspace;
    const outputs: CommandResult[] = [];
    const outsiders = new Map<string, ConfigClient>();

    const pulumi = (args: string[], expect: ExpectedExit = 0) => runPulumi(workspace, args, { stack: STACK, outputs, expect });
    const declare = (declared: Declared) => fs.writeFileSync(path.join(workspace.projectDir, "declared.json"), JSON.stringify(declared));
    const stateOf = async () => (await workspace.exportState(STACK)).deployment.resources ?? [];
    const outsider = (resource: ResourceCase) => outsiders.get(typeName(resource))!;
    /** Whether the cloud holds what `e` declares. */
    const holds = async (e: Entry): Promise<boolean> => {
        const definition = e.case.definition;
        const described = await outsider(e.case)
            .describe(checked(e))
            .catch(() => undefined);
        return described !== undefined && holdsConfig(definition, described.config, described.authKeyView, checked(e));
    };
    /** The writes (not Describes) after `seq`, as "Action id". */
    const writesSince = async (seq: number) =>
        (await admin.requests(seq)).filter((r) => !r.action.startsWith("Describe")).map((r) => `${r.action} ${r.domainName ?? ""}`);
    const lastSeq = async () => (await admin.requests()).at(-1)?.seq ?? 0;

    /** Per case: `a` (updated in place later), `b` (replaced later), and for the resources after the first a dynamic one. */
    const initial = (): Entry[] =>
        RESOURCE_CASES.flatMap((resource, i) => [
            entry(resource, `${typeName(resource)}-a`, resource.args(1), { keyed: signed(resource) }),
            entry(resource, `${typeName(resource)}-b`, resource.args(2), { keyed: signed(resource) }),
            ...(i === 0 ? [] : [entry(resource, `${typeName(resource)}-dynamic`, resource.args(3), { keyed: signed(resource), dynamic: true })]),
        ]);
    let current: Entry[] = [];
    let gets: GotResource[] = [];
    const declareEntries = (entries: Entry[]) => {
        current = entries;
        declare({ resources: entries.map((e) => e.declared), gets });
    };
    const withArgs = (e: Entry, overrides: Bag): Entry => ({ ...e, declared: { ...e.declared, args: { ...e.declared.args, ...overrides } } });

    before(async function () {
        const { cli, label } = await pinnedSet();
        labelTests(this, label);
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cli-lifecycle-"));
        emulator = await startEmulator({ host: "127.0.0.1" });
        admin = new EmulatorAdmin(emulator.url);
        for (const resource of RESOURCE_CASES) {
            outsiders.set(
                typeName(resource),
                new ConfigClient(resource.definition, new RpcClient({ endpoint: emulator.url, credentials: DEMO_ACCOUNT })),
            );
        }
        // The npm package's plugin, found through plugins.providers (its launcher folder), as the plugin suite finds it.
        const projectDir = copyPluginProgram("resources-program", path.join(tmp, "program"));
        fs.appendFileSync(path.join(projectDir, "Pulumi.yaml"), `plugins:\n  providers:\n    - name: alicloud-live\n      path: ${PLUGIN_DIR}\n`);
        workspace = new PulumiWorkspace({ cli, projectDir, env: { PATH: pathWithCli(cli) } });
        await workspace.ok(["stack", "init", STACK]);
        // The plugin's own namespace; the dynamic provider reads the `alicloud:*` keys (and the same endpoint).
        await workspace.setConfig(STACK, "alicloud-live:endpoint", emulator.url);
        await workspace.setConfig(STACK, "alicloud-live:accessKey", DEMO_ACCOUNT.accessKeyId);
        await workspace.setConfig(STACK, "alicloud-live:secretKey", DEMO_ACCOUNT.accessKeySecret, true);
        await workspace.setConfig(STACK, "alicloud:accessKey", DEMO_ACCOUNT.accessKeyId);
        await workspace.setConfig(STACK, "alicloud:secretKey", DEMO_ACCOUNT.accessKeySecret, true);
        await workspace.setConfig(STACK, `${PROJECT}:authKey`, KEY, true);
    });

    after(async () => {
        await workspace?.cleanup();
        await emulator?.stop();
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("up creates every resource, signed; the preview right after is empty", async () => {
        declareEntries(initial());
        await pulumi(["up", "--yes", "--skip-preview"]);
        for (const e of current) assert.ok(await holds(e), `the cloud holds ${e.declared.name}`);
        const state = await stateOf();
        for (const resource of RESOURCE_CASES) {
            assert.ok(
                state.some((r) => r.type === resourceType(typeName(resource))),
                `${typeName(resource)} through the plugin`,
            );
        }
        // The dynamic resources' serialized provider loads the installed package's provider for its type, by name.
        for (const resource of RESOURCE_CASES.slice(1)) {
            const dynamic = state.find((r) => r.type === `pulumi-nodejs:dynamic/alicloud-live:${typeName(resource)}`);
            const text = String(dynamic?.inputs?.__provider ?? "");
            assert.ok(
                text.includes("pulumi-alicloud-live/dist/provider/dynamic/provider.js") && text.includes(typeName(resource)),
                text.slice(0, 600),
            );
            assert.ok(!text.includes(tmp) && !text.includes(process.cwd()), "no absolute path in __provider");
        }
        await pulumi(["preview", "--expect-no-changes"]);
    });

    it("one up updates in place (one Update each, the dynamic ones too) and replaces on the fields that replace (a new identity created first, the same one deleted first)", async () => {
        const next = current.map((e) => (e.declared.name.endsWith("-b") ? withArgs(e, e.case.replaced(2)) : withArgs(e, e.case.inPlace)));
        const before = new Map(current.map((e) => [e.declared.name, e]));
        const since = await lastSeq();
        declareEntries(next);
        const up = await pulumi(["up", "--yes", "--skip-preview"]);
        const dynamicCount = RESOURCE_CASES.length - 1;
        assert.match(up.stdout, new RegExp(`${RESOURCE_CASES.length + dynamicCount} updated`));
        assert.match(up.stdout, new RegExp(`${RESOURCE_CASES.length} replaced`));
        const writes = await writesSince(since);
        for (const e of current) {
            assert.ok(await holds(e), `the cloud holds ${e.declared.name}`);
            const { actions } = e.case.definition.binding;
            if (e.declared.name.endsWith("-b")) {
                const old = before.get(e.declared.name)!;
                const added = writes.indexOf(`${actions.create.name} ${domainOfEntry(e)}`);
                const deleted = writes.lastIndexOf(`${actions.delete.name} ${domainOfEntry(old)}`);
                assert.ok(added >= 0 && deleted >= 0, `${e.declared.name}: an Add and a Delete: ${writes.join(", ")}`);
                // Another identity: the new one is created first. The same identity (a field Update cannot take): the old one goes first.
                if (idOfEntry(old) === idOfEntry(e))
                    assert.ok(deleted < added, `${e.declared.name}: deleted before it is created again: ${writes.join(", ")}`);
                else assert.ok(added < deleted, `${e.declared.name}: created before the old one is deleted: ${writes.join(", ")}`);
            } else {
                assert.deepEqual(
                    writes.filter((w) => w.endsWith(` ${domainOfEntry(e)}`)),
                    [`${actions.update.name} ${domainOfEntry(e)}`],
                    `${e.declared.name}: one Update`,
                );
            }
        }
    });

    it("drift: preview --refresh names each changed property and value; up --refresh restores them while .get() reads each type by id", async () => {
        const drifted = current.filter((e) => e.declared.name.endsWith("-a"));
        for (const e of drifted) {
            const { property, value } = e.case.drift;
            const held = await outsider(e.case).describe(checked(e));
            await outsider(e.case).update({ ...held.config, ...(e.declared.keyed ? { notifyAuthKey: KEY } : {}), [property]: value });
        }
        const preview = await pulumi(["preview", "--refresh", "--expect-no-changes", "--diff"], "non-zero");
        for (const e of drifted) {
            assert.ok(preview.output.includes(String(e.case.drift.value)), `${e.declared.name}: the drifted value is shown`);
            assert.match(preview.output, new RegExp(e.case.drift.property));
        }
        gets = current
            .filter((e) => e.declared.name.endsWith("-b"))
            .map((e): GotResource => ({ type: e.declared.type, name: `got-${e.declared.type}`, id: idOfEntry(e), property: e.case.drift.property }));
        declareEntries(current);
        await pulumi(["up", "--refresh", "--yes", "--skip-preview"]);
        for (const e of drifted) assert.ok(await holds(e), `${e.declared.name} restored`);
        const { stdout } = await pulumi(["stack", "output", "declaredOutputs", "--json", "--show-secrets"]);
        const got = JSON.parse(stdout) as Record<string, { value: unknown; keyIsSecret: boolean }>;
        for (const g of gets) {
            const source = current.find((e) => e.declared.type === g.type && e.declared.name.endsWith("-b"))!;
            assert.deepEqual(got[g.name], { value: checked(source)[g.property], keyIsSecret: signed(source.case) }, `.get() of ${g.type}`);
        }
    });

    it("pulumi import of configurations made out of band records them; declared as they are, the preview is empty", async () => {
        const imported = RESOURCE_CASES.map((resource) => entry(resource, `${typeName(resource)}-imported`, resource.args(4)));
        for (const e of imported) await outsider(e.case).add(checked(e));
        const file = path.join(tmp, "import.json");
        fs.writeFileSync(
            file,
            JSON.stringify({ resources: imported.map((e) => ({ type: resourceType(e.declared.type), name: e.declared.name, id: idOfEntry(e) })) }),
        );
        const since = await lastSeq();
        const result = await pulumi(["import", "--file", file, "--yes", "--generate-code=false", "--protect=false"]);
        assert.match(result.stdout, new RegExp(`${imported.length} imported`));
        assert.deepEqual(await writesSince(since), [], "importing writes nothing");
        declareEntries([...current, ...imported]);
        await pulumi(["preview", "--expect-no-changes"]);
    });

    it("secrets: each key only as ciphertext in stack export, the ones .get() read too", async () => {
        const exported = await workspace.exportState(STACK);
        assert.ok(!exported.text.includes(KEY), "no plaintext key in the exported state");
        for (const resource of exported.deployment.resources ?? []) {
            for (const bag of [resource.inputs ?? {}, resource.outputs ?? {}]) {
                const key = bag.notifyAuthKey as Record<string, unknown> | undefined;
                if (key !== undefined) assert.equal(key[SIG_KEY], SECRET_SIG, `${resource.urn}: the key is a Pulumi secret`);
            }
        }
        const keyed = (exported.deployment.resources ?? []).filter((r) => r.outputs?.notifyAuthKey !== undefined);
        const signedTypes = RESOURCE_CASES.filter(signed).length;
        assert.ok(keyed.length >= signedTypes * 2, `${keyed.length} resources hold a key`);
    });

    it("destroy removes every configuration of every kind the stack manages", async () => {
        await pulumi(["destroy", "--yes", "--skip-preview"]);
        for (const e of current) assert.equal(await holds(e), false, `${e.declared.name} is gone`);
        assert.deepEqual(await admin.configs(), []);
        for (const resource of RESOURCE_CASES.slice(1)) assert.deepEqual(await admin.configsOf(typeName(resource)), [], typeName(resource));
        assertNoSecretAnywhere(workspace, outputs, [DEMO_ACCOUNT.accessKeySecret, KEY]);
    });
});
