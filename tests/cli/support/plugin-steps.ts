/**
 * Lifecycle steps the plugin suites share (the pinned set's TypeScript program and the current set's
 * installed package): the same CLI commands and the same checks against the emulator, on whichever stack
 * the suite drives.
 */
import { strict as assert } from "node:assert";
import type { LiveClient } from "../../../provider/client/live-client";
import { RESOURCE_TYPE } from "../../../provider/plugin/tokens";
import type { CommandResult, StateResource } from "../../../tools/pulumi-cli/workspace";
import type { EmulatorCloud } from "./emulator-cloud";
import type { ExpectedExit } from "./run-pulumi";

/** A declared config, as the suites' programs read it from stack config. */
export interface DeclaredConfig {
    readonly domainName: string;
    readonly notifyUrl: string;
    readonly needStatusNotify?: boolean;
}

/** What a step needs of a suite: its stack's commands, its declared configs, and the cloud. */
export interface PluginStack<S extends DeclaredConfig> {
    pulumi(args: string[], expect?: ExpectedExit): Promise<CommandResult>;
    declare(specs: readonly S[]): Promise<unknown>;
    stateOf(): Promise<readonly StateResource[]>;
    readonly live: EmulatorCloud;
    readonly client: LiveClient;
}

/** After the first `up`: `signed`'s key and signing reached the cloud, and the plugin is the resources' provider. */
export async function createdThroughPlugin<S extends DeclaredConfig>(stack: PluginStack<S>, signed: S, key: string): Promise<void> {
    const configs = await stack.live.configs();
    assert.equal(configs.get(signed.domainName)!.notifyAuthKey, key);
    assert.equal(configs.get(signed.domainName)!.notifyReqAuth, true);
    const types = (await stack.stateOf()).map((r) => r.type);
    assert.ok(types.includes(RESOURCE_TYPE), types.join(", "));
    assert.ok(types.includes("pulumi:providers:alicloud-live"), "the plugin is the resources' provider");
}

/** With `kept` and `changed` declared, `changed` differing in needStatusNotify: one Update call, in place. */
export async function updatesInPlace<S extends DeclaredConfig>(stack: PluginStack<S>, kept: S, changed: S): Promise<void> {
    const since = await stack.live.lastSeq();
    await stack.declare([kept, { ...changed, needStatusNotify: true }]);
    const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
    assert.match(up.stdout, /1 updated/);
    assert.deepEqual(await stack.live.writesSince(since), [`UpdateLiveRecordNotifyConfig ${changed.domainName}`]);
    assert.equal((await stack.live.configs()).get(changed.domainName)!.needStatusNotify, true);
}

/**
 * An out-of-band notifyUrl change: `preview --refresh --expect-no-changes` fails naming the property and the
 * value, `refresh` takes the cloud's value into the state, `up` puts the declared one back.
 */
export async function driftIsCaughtAndRestored<S extends DeclaredConfig>(stack: PluginStack<S>, declared: S): Promise<void> {
    const drifted = "https://elsewhere.example.net/drift";
    const { config } = await stack.client.describe({ domainName: declared.domainName });
    await stack.client.update({ ...config, notifyUrl: drifted });
    const preview = await stack.pulumi(["preview", "--refresh", "--expect-no-changes", "--diff"], "non-zero");
    assert.match(preview.output, /notifyUrl/);
    assert.ok(preview.output.includes(drifted), "the drifted value is shown");
    await stack.pulumi(["refresh", "--yes", "--skip-preview"]);
    const held = (await stack.stateOf()).find((r) => r.id === declared.domainName)!;
    assert.equal(held.outputs!.notifyUrl, drifted, "the state holds the cloud's value");
    await stack.pulumi(["up", "--yes", "--skip-preview"]);
    assert.equal((await stack.live.configs()).get(declared.domainName)!.notifyUrl, declared.notifyUrl);
    await stack.pulumi(["preview", "--refresh", "--expect-no-changes"]);
}

/**
 * `replaced` declared under `newDomain` (with needStatusNotify, as `updatesInPlace` left it): one replace, the
 * new config added before the old one is deleted. Returns what is now declared in its place.
 */
export async function replacesCreateBeforeDelete<S extends DeclaredConfig>(
    stack: PluginStack<S>,
    kept: S,
    replaced: S,
    newDomain: string,
): Promise<S> {
    const moved = { ...replaced, needStatusNotify: true, domainName: newDomain };
    const since = await stack.live.lastSeq();
    await stack.declare([kept, moved]);
    const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
    assert.match(up.stdout, /1 replaced/);
    assert.deepEqual(await stack.live.writesSince(since), [
        `AddLiveRecordNotifyConfig ${newDomain}`,
        `DeleteLiveRecordNotifyConfig ${replaced.domainName}`,
    ]);
    return moved;
}
