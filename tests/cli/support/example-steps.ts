/**
 * Steps the example suites (examples/yaml, examples/go, examples/python) share: each example declares
 * live1.example.com (signed with the stack's secret `notifyAuthKey`) and live2.example.com (unsigned,
 * with an on-demand URL) from stack config, so the same commands must have the same effect in the cloud.
 */
import { strict as assert } from "node:assert";
import type { CommandResult } from "../../../tools/pulumi-cli/workspace";
import type { ExampleStack } from "./example-stack";

/** The first `up` creates both (and the default provider); the key reaches the cloud but not the state. Returns the `up`. */
export async function upCreatesBoth(stack: ExampleStack, key: string, base: string): Promise<CommandResult> {
    const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
    assert.match(up.stdout, /3 created/);
    const configs = await stack.live.configs();
    assert.equal(configs.get("live1.example.com")!.notifyAuthKey, key);
    assert.equal(configs.get("live1.example.com")!.notifyReqAuth, true);
    assert.equal(configs.get("live2.example.com")!.notifyReqAuth, false);
    assert.equal(configs.get("live2.example.com")!.onDemandUrl, `${base}/live2.example.com/on-demand`);
    const state = await stack.workspace.exportState(stack.stack);
    assert.ok(!state.text.includes(key), "no plaintext key in the exported state");
    const preview = await stack.pulumi(["preview", "--expect-no-changes"]);
    assert.match(preview.stdout, /3 unchanged/);
    return up;
}

/** Setting `<project>:needStatusNotify` updates both in place, with Update calls only. */
export async function needStatusNotifyUpdatesBoth(stack: ExampleStack, project: string): Promise<void> {
    const since = await stack.live.lastSeq();
    await stack.workspace.setConfig(stack.stack, `${project}:needStatusNotify`, "true");
    const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
    assert.match(up.stdout, /2 updated/);
    assert.deepEqual((await stack.live.writesSince(since)).sort(), [
        "UpdateLiveRecordNotifyConfig live1.example.com",
        "UpdateLiveRecordNotifyConfig live2.example.com",
    ]);
    assert.equal((await stack.live.configs()).get("live2.example.com")!.needStatusNotify, true);
}

/** live2's needStatusNotify turned off out of band: caught by preview --refresh, taken in by refresh, restored by up. */
export async function needStatusNotifyDriftIsCaught(stack: ExampleStack): Promise<void> {
    const { config } = await stack.client.describe({ domainName: "live2.example.com" });
    await stack.client.update({ ...config, needStatusNotify: false });
    const preview = await stack.pulumi(["preview", "--refresh", "--expect-no-changes", "--diff"], "non-zero");
    assert.match(preview.output, /needStatusNotify/);
    await stack.pulumi(["refresh", "--yes", "--skip-preview"]);
    await stack.pulumi(["up", "--yes", "--skip-preview"]);
    assert.equal((await stack.live.configs()).get("live2.example.com")!.needStatusNotify, true);
    await stack.pulumi(["preview", "--refresh", "--expect-no-changes"]);
}
