/**
 * The emulator's STS listener: GetCallerIdentity (2015-04-01) on its own port, signed like every
 * call, answering the fields STS documents; keys of one account answer one AccountId.
 */
import { strict as assert } from "node:assert";
import { startEmulator, type RunningEmulator } from "../../../emulator";
import { parseCliArgs } from "../../../emulator/cli/cli-args";
import { resolveOptions } from "../../../emulator/instance/options";
import { callerIdentity } from "../../../emulator/wire/sts";
import { coreCall } from "../support/core-client";

const SECRET = "emulator-sts-secret";

describe("emulator: STS GetCallerIdentity", function () {
    this.timeout(30_000);
    let emulator: RunningEmulator;
    const call = (endpoint: string, accessKeyId: string, options: { version?: string; token?: string; secret?: string; action?: string } = {}) =>
        coreCall(
            endpoint,
            { accessKeyId, accessKeySecret: options.secret ?? SECRET, ...(options.token ? { securityToken: options.token } : {}) },
            options.action ?? "GetCallerIdentity",
            {},
            { version: options.version ?? "2015-04-01" },
        );

    before(async () => {
        emulator = await startEmulator({
            stsPort: 0,
            accounts: [
                { accessKeyId: "STS-A1", accessKeySecret: SECRET, accountId: "1555000000000001" },
                { accessKeyId: "STS-A2", accessKeySecret: SECRET, accountId: "1555000000000001", readOnly: true },
                { accessKeyId: "STS-ROLE", accessKeySecret: SECRET, accountId: "1555000000000001", securityToken: "tok" },
            ],
        });
    });
    after(() => emulator?.stop());

    it("listens on a port of its own", () => {
        assert.ok(emulator.sts);
        assert.notEqual(emulator.sts.port, emulator.port);
        assert.equal(emulator.sts.url, `http://127.0.0.1:${emulator.sts.port}`);
    });

    it("answers a RAM user's keys, read-only ones too (no RAM permission needed), with one AccountId per account", async () => {
        const [a1, a2] = [await call(emulator.sts!.endpoint, "STS-A1"), await call(emulator.sts!.endpoint, "STS-A2")];
        assert.ok(a1.ok && a2.ok);
        assert.equal(a1.body.AccountId, "1555000000000001");
        assert.equal(a2.body.AccountId, "1555000000000001");
        assert.equal(a1.body.IdentityType, "RAMUser");
        assert.match(a1.body.UserId, /^\d{16}$/);
        assert.equal(a1.body.PrincipalId, a1.body.UserId);
        assert.match(a1.body.Arn, /^acs:ram::1555000000000001:user\//);
        assert.notEqual(a1.body.UserId, a2.body.UserId, "two keys, two users");
        assert.equal(typeof a1.body.RequestId, "string");
    });

    it("a key with a security token is a role session: AssumedRoleUser, RoleId, no UserId", async () => {
        const role = await call(emulator.sts!.endpoint, "STS-ROLE", { token: "tok" });
        assert.ok(role.ok);
        assert.equal(role.body.IdentityType, "AssumedRoleUser");
        assert.match(role.body.RoleId, /^\d{16}$/);
        assert.equal(role.body.UserId, undefined);
        assert.match(role.body.PrincipalId, new RegExp(`^${role.body.RoleId}:`));
        assert.match(role.body.Arn, /^acs:ram::1555000000000001:assumed-role\//);
    });

    it("is authenticated like every call, and knows only its own action and version", async () => {
        const bad = await call(emulator.sts!.endpoint, "STS-A1", { secret: "wrong" });
        assert.ok(!bad.ok && bad.code === "SignatureDoesNotMatch");
        const unknown = await call(emulator.sts!.endpoint, "NOPE");
        assert.ok(!unknown.ok && unknown.code === "InvalidAccessKeyId.NotFound");
        const version = await call(emulator.sts!.endpoint, "STS-A1", { version: "2016-11-01" });
        assert.ok(!version.ok && version.code === "InvalidVersion");
        const live = await call(emulator.sts!.endpoint, "STS-A1", { action: "DescribeLiveRecordNotifyConfig" });
        assert.ok(!live.ok && live.code === "InvalidAction.NotFound");
        const onLivePort = await call(emulator.endpoint, "STS-A1");
        assert.ok(!onLivePort.ok && onLivePort.code === "InvalidAction.NotFound");
    });

    it("no STS listener unless asked for; --sts-port and stsPort are checked", () => {
        assert.equal(resolveOptions({}).stsPort, undefined);
        assert.equal(resolveOptions({ stsPort: 0 }).stsPort, 0);
        assert.throws(() => resolveOptions({ stsPort: 70000 }), /options.stsPort must be an integer from 0 to 65535/);
        assert.equal(parseCliArgs(["--sts-port", "9001"]).options.stsPort, 9001);
        assert.throws(() => parseCliArgs(["--sts-port", "x"]), /--sts-port must be an integer/);
    });

    it("callerIdentity is stable per key", () => {
        const key = { accessKeyId: "K", accessKeySecret: "S", accountId: "1", readOnly: false };
        assert.deepEqual(callerIdentity(key), callerIdentity(key));
    });
});
