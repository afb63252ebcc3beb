/**
 * A key without write permission: the service answers `Forbidden` ("Ram Permission is forbidden."),
 * and the provider must say which RAM action the key lacks, at once (a permission error is not worth
 * retrying), through the provider and through Pulumi's real dynamic-provider host.
 */
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { EmulatorAdmin, startEmulator, type RunningEmulator } from "../../emulator";
import type { ProviderHost } from "../../tools/host-driver/host";
import { HostRpcError } from "../../tools/host-driver/rpc-error";
import { projectDirFor, type ProjectDir } from "../../tools/host-driver/project-dir";
import { LiveClient } from "../../provider/client/live-client";
import { createProvider, type LiveRecordNotifyConfigProvider } from "../../provider/dynamic/provider";
import { serializedProviderText } from "../../tools/serialized-provider";
import { rejection } from "../support/rejection";
import { startConfiguredHost } from "../support/configured-host";

const BUILD_ROOT = path.resolve(__dirname, "..", "..");
const ACCOUNT_ID = "1000000000000042";
const OWNER = { accessKeyId: "PermissionTestOwner", accessKeySecret: "permission-owner-secret-1", accountId: ACCOUNT_ID };
const READER = { accessKeyId: "PermissionTestReader", accessKeySecret: "permission-reader-secret-1", accountId: ACCOUNT_ID, readOnly: true };
const DOMAIN = "ram.example.com";
const INPUTS = { domainName: DOMAIN, notifyUrl: "https://callbacks.example.com/ram" };
const OUTPUTS = { ...INPUTS, needStatusNotify: false, notifyReqAuth: false };

describe("security: a key without RAM permission", function () {
    this.timeout(60_000);
    let emulator: RunningEmulator;
    let admin: EmulatorAdmin;
    let provider: LiveRecordNotifyConfigProvider;

    /** The requests the emulator saw for `action` since the last reset. */
    const requests = async (action: string) => (await admin.requests()).filter((r) => r.action === action);

    before(async () => {
        emulator = await startEmulator({ accounts: [OWNER, READER] });
        admin = new EmulatorAdmin(emulator.url);
        provider = createProvider({
            env: {
                ALICLOUD_LIVE_ENDPOINT: emulator.url,
                ALIBABA_CLOUD_ACCESS_KEY_ID: READER.accessKeyId,
                ALIBABA_CLOUD_ACCESS_KEY_SECRET: READER.accessKeySecret,
                ALICLOUD_LIVE_OPERATION_TIMEOUT: "20",
            },
        });
        await provider.configure({ config: { get: () => undefined, require: () => "" } });
    });
    after(() => emulator?.stop());
    beforeEach(() => admin.reset());

    const cases = [
        { method: "create", action: "AddLiveRecordNotifyConfig", seeded: false, run: () => provider.create(INPUTS) },
        {
            method: "update",
            action: "UpdateLiveRecordNotifyConfig",
            seeded: true,
            run: () => provider.update(DOMAIN, OUTPUTS, { ...INPUTS, needStatusNotify: true }),
        },
        { method: "delete", action: "DeleteLiveRecordNotifyConfig", seeded: true, run: () => provider.delete(DOMAIN, OUTPUTS) },
    ] as const;

    for (const c of cases) {
        it(`${c.method} fails at once with a permission error naming live:${c.action}`, async () => {
            if (c.seeded) await new LiveClient({ endpoint: emulator.url, credentials: OWNER }).add(INPUTS);
            const error = await rejection<Error & Record<string, unknown>>(c.run());
            assert.equal(error.kind, "forbidden");
            assert.equal(error.code, "Forbidden");
            assert.match(error.message, new RegExp(`^${c.action} failed \\(Forbidden, HTTP 400\\): Ram Permission is forbidden\\.`));
            assert.match(error.message, new RegExp(`lacks the RAM permission live:${c.action}; grant it to the RAM user or role`));
            assert.match(error.message, /RequestId: [0-9A-F-]{36}/);
            assert.ok(!error.message.includes(READER.accessKeySecret));
            const sent = await requests(c.action);
            assert.equal(sent.length, 1, "a permission error is not retried");
            assert.equal(sent[0].outcome, "Forbidden");
            // Nothing changed in the cloud.
            assert.deepEqual(
                (await admin.configs()).map((x) => x.notifyUrl),
                c.seeded ? [INPUTS.notifyUrl] : [],
            );
        });
    }

    it("reading is allowed: read still works with the read-only key", async () => {
        await new LiveClient({ endpoint: emulator.url, credentials: OWNER }).add(INPUTS);
        const read = await provider.read(DOMAIN, OUTPUTS);
        assert.equal(read.id, DOMAIN);
        assert.equal(read.props?.notifyUrl, INPUTS.notifyUrl);
    });

    describe("through Pulumi's real dynamic-provider host", () => {
        let project: ProjectDir;
        let host: ProviderHost;
        let providerText: string;

        before(async () => {
            project = projectDirFor(BUILD_ROOT);
            providerText = await serializedProviderText();
            host = await startConfiguredHost({ projectDir: project.dir, project: "permission", endpoint: emulator.url, key: READER });
        });
        after(async () => {
            await host?.stop();
            project?.cleanup();
        });

        it("Create fails with the RAM action in the message the engine shows, and nothing is kept", async () => {
            const news = { __provider: providerText, ...INPUTS };
            const checked = await host.check({ olds: {}, news });
            assert.deepEqual(checked.failures, []);
            const error = await rejection<Error & Record<string, unknown>>(host.create({ properties: checked.inputs }));
            assert.ok(error instanceof HostRpcError);
            assert.match(error.details, /^AddLiveRecordNotifyConfig failed \(Forbidden, HTTP 400\)/);
            assert.match(error.details, /lacks the RAM permission live:AddLiveRecordNotifyConfig/);
            assert.equal(error.initFailure, undefined, "a refused create leaves nothing to keep in the state");
            const { stdout, stderr } = host.output();
            assert.ok(!`${stdout}${stderr}`.includes(READER.accessKeySecret));
        });
    });
});
