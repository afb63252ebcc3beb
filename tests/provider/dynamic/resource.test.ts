import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { LiveRecordNotifyConfig } from "../../../provider/dynamic/resource";
import { KEY } from "../resource/fixtures";

interface Registration {
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, unknown>;
}

/** The Node SDK marks a secret value on the wire with this signature key and value. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";

function resolved<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

describe("dynamic/resource (LiveRecordNotifyConfig under setMocks)", function () {
    this.timeout(30_000);
    const registrations: Registration[] = [];

    before(async () => {
        await pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    registrations.push({ type: args.type, name: args.name, inputs: args.inputs });
                    // The provider's outputs echo its inputs; here the mock does it.
                    return { id: String(args.inputs.domainName), state: { ...args.inputs } };
                },
                call: () => ({}),
            },
            "resource-test",
            "dev",
            false,
        );
    });

    beforeEach(() => registrations.splice(0));

    it("registers under the alicloud-live module with every input and the serialized handler", async () => {
        const config = new LiveRecordNotifyConfig("a", {
            domainName: "a.example.com",
            notifyUrl: "https://c.example.com/cb",
            needStatusNotify: true,
        });
        assert.equal(await resolved(config.id), "a.example.com");
        assert.equal(registrations.length, 1);
        const { type, name, inputs } = registrations[0];
        assert.equal(type, "pulumi-nodejs:dynamic/alicloud-live:LiveRecordNotifyConfig");
        assert.equal(name, "a");
        assert.equal(inputs.domainName, "a.example.com");
        assert.equal(inputs.needStatusNotify, true);
        const providerText = inputs.__provider as string;
        assert.equal(typeof providerText, "string");
        assert.ok(providerText.includes("pulumi-alicloud-live/dist/provider/dynamic/provider.js"), providerText.slice(0, 300));
        assert.ok(!providerText.includes(process.cwd()), "no absolute path in __provider");
    });

    it("has an Output for every output, set or not", async () => {
        const config = new LiveRecordNotifyConfig("b", { domainName: "b.example.com", notifyUrl: "https://c.example.com/cb" });
        assert.equal(await resolved(config.domainName), "b.example.com");
        assert.equal(await resolved(config.notifyUrl), "https://c.example.com/cb");
        for (const output of [config.onDemandUrl, config.needStatusNotify, config.notifyReqAuth, config.notifyAuthKey]) {
            assert.ok(pulumi.Output.isInstance(output));
        }
        assert.equal(await resolved(config.onDemandUrl), undefined);
    });

    it("sends the key as a secret even when given as a plain string, and its output is secret", async () => {
        const config = new LiveRecordNotifyConfig("c", {
            domainName: "c.example.com",
            notifyUrl: "https://c.example.com/cb",
            notifyReqAuth: true,
            notifyAuthKey: KEY,
        });
        assert.equal(await pulumi.isSecret(config.notifyAuthKey), true);
        assert.equal(await pulumi.isSecret(config.domainName), false);
        assert.equal(await resolved(config.notifyAuthKey), KEY);
        const sent = registrations[0].inputs.notifyAuthKey as Record<string, unknown>;
        assert.equal(sent[SECRET_SIG], SECRET_SIG_VALUE);
        assert.equal(sent.value, KEY);
        assert.ok(!(registrations[0].inputs.__provider as string).includes(KEY), "the key is not captured in __provider");
    });

    it("does not touch the caller's args, so one args object can serve two resources", async () => {
        const args = { domainName: "d.example.com", notifyUrl: "https://c.example.com/cb" };
        const first = new LiveRecordNotifyConfig("d1", args);
        const second = new LiveRecordNotifyConfig("d2", { ...args, domainName: "e.example.com" });
        const third = new LiveRecordNotifyConfig("d3", args);
        await Promise.all([resolved(first.id), resolved(second.id), resolved(third.id)]);
        assert.deepEqual(Object.keys(args), ["domainName", "notifyUrl"]);
        // Every resource shares one provider text (one cache entry and one provider object in the host).
        assert.equal(new Set(registrations.map((r) => r.inputs.__provider)).size, 1);
    });

    it("refuses missing args with a TypeError naming the resource", () => {
        assert.throws(
            () => new LiveRecordNotifyConfig("z", undefined as never),
            (error: Error) => error instanceof TypeError && /LiveRecordNotifyConfig z: args must be an object/.test(error.message),
        );
    });
});
