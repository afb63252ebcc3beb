/**
 * What Pulumi stores in every resource's `__provider`: the SDK's real serialization of a real
 * LiveRecordNotifyConfig, captured under setMocks. It must carry no credential and no machine detail.
 */
import { strict as assert } from "node:assert";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { LiveRecordNotifyConfig, LiveSnapshotNotifyConfig } from "../../../provider";
import { installedCopyProjectDir, type ProjectDir } from "../../../tools/host-driver/project-dir";
import { findRepoRoot } from "../../../tools/repo-root";
import { captureRegistrations } from "../../../tools/serialized-provider";

const BUILD_ROOT = path.resolve(__dirname, "..", "..", "..");
const TYPE = "pulumi-nodejs:dynamic/alicloud-live:LiveRecordNotifyConfig";

/** Distinctive fake credentials: if any of them leaks into the text, the test finds it. */
const FAKE = {
    envKeyId: "LTAIfakeEnvKeyId4SerialTest",
    envSecret: "fakeEnvSecretValue0000SerialTest",
    envToken: "fakeEnvStsToken0000SerialTest",
    configKeyId: "LTAIfakeConfigKeyId4SerialTest",
    configSecret: "fakeConfigSecretValue000SerialTest",
    authKey: "AuthKey0000SerialTest",
};

function declare(Cls: typeof LiveRecordNotifyConfig, count = 1): () => pulumi.Resource[] {
    return () =>
        Array.from(
            { length: count },
            (_, i) =>
                new Cls(`cfg${i}`, {
                    domainName: `live${i}.example.com`,
                    notifyUrl: "https://callbacks.example.com/record",
                    notifyReqAuth: true,
                    notifyAuthKey: FAKE.authKey,
                }),
        );
}

describe("dynamic: the serialized __provider", function () {
    this.timeout(30_000);
    const savedEnv = { ...process.env };
    const savedConfig = pulumi.runtime.allConfig();
    let text: string;

    before(async () => {
        process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = FAKE.envKeyId;
        process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = FAKE.envSecret;
        process.env.ALIBABA_CLOUD_SECURITY_TOKEN = FAKE.envToken;
        pulumi.runtime.setConfig("alicloud:accessKey", FAKE.configKeyId);
        pulumi.runtime.setConfig("alicloud:secretKey", FAKE.configSecret);
        const regs = await captureRegistrations(declare(LiveRecordNotifyConfig));
        assert.equal(regs.length, 1);
        assert.equal(regs[0].type, TYPE);
        text = regs[0].inputs.__provider as string;
        assert.equal(typeof text, "string");
    });

    after(() => {
        for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
        Object.assign(process.env, savedEnv);
        pulumi.runtime.setAllConfig(savedConfig);
    });

    it("is a module that loads the provider by package name at run time", () => {
        assert.match(text, /^exports\.handler = /);
        assert.match(text, /require\("pulumi-alicloud-live\/dist\/provider\/dynamic\/(provider|handler)\.js"\)/);
    });

    it("holds no credential from the environment or the stack config, and not the signing key", () => {
        for (const [name, value] of Object.entries(FAKE)) assert.ok(!text.includes(value), `${name} leaked into __provider`);
    });

    it("holds no absolute path: not the repository, the build, the home or the temp directory", () => {
        const repoRoot = findRepoRoot(BUILD_ROOT);
        for (const p of [repoRoot, BUILD_ROOT, os.homedir(), os.tmpdir(), "/work", __dirname]) {
            assert.ok(!text.includes(p), `${p} appears in __provider`);
        }
        assert.doesNotMatch(text, /["'`]\/(?:home|tmp|root|usr|var|work)\//);
    });

    it("is small, and the same text for every resource (so the host deserializes it once)", async () => {
        assert.ok(Buffer.byteLength(text) < 4096, `${Buffer.byteLength(text)} bytes`);
        const regs = await captureRegistrations(declare(LiveRecordNotifyConfig, 5));
        assert.deepEqual(new Set(regs.map((r) => r.inputs.__provider)), new Set([text]));
    });

    describe("installed under node_modules", () => {
        let a: ProjectDir;
        let b: ProjectDir;
        before(() => {
            const repoRoot = findRepoRoot(BUILD_ROOT);
            a = installedCopyProjectDir({ buildRoot: BUILD_ROOT, repoRoot });
            b = installedCopyProjectDir({ buildRoot: BUILD_ROOT, repoRoot });
        });
        after(() => {
            a?.cleanup();
            b?.cleanup();
        });

        it("is the ~300-byte require of the handler, byte-identical from two different install directories", async () => {
            // By folder, not by name: inside this repository the package's exports map makes its own name resolve
            // to itself (a self-reference), not to the copy installed in `dir`.
            const load = (dir: string) =>
                (require(path.join(dir, "node_modules", "pulumi-alicloud-live")) as typeof import("../../../provider")).LiveRecordNotifyConfig;
            const [ra] = await captureRegistrations(declare(load(a.dir)));
            const [rb] = await captureRegistrations(declare(load(b.dir)));
            const ta = ra.inputs.__provider as string;
            const tb = rb.inputs.__provider as string;
            assert.equal(ta, tb);
            assert.match(ta, /^exports\.handler = __f0;\nconst provider = require\("pulumi-alicloud-live\/dist\/provider\/dynamic\/handler\.js"\);/);
            assert.ok(Buffer.byteLength(ta) < 400, `${Buffer.byteLength(ta)} bytes`);
            assert.ok(!ta.includes(a.dir) && !ta.includes(b.dir));
        });

        it("each other resource's is the small require of its own handler module, byte-identical from two install directories", async () => {
            const load = (dir: string) =>
                (require(path.join(dir, "node_modules", "pulumi-alicloud-live")) as typeof import("../../../provider")).LiveSnapshotNotifyConfig;
            const declareSnapshot = (Cls: typeof LiveSnapshotNotifyConfig) => () => [
                new Cls("snap", {
                    domainName: "live.example.com",
                    notifyUrl: "https://callbacks.example.com/snapshot",
                    notifyReqAuth: true,
                    notifyAuthKey: FAKE.authKey,
                }),
            ];
            const [ra] = await captureRegistrations(declareSnapshot(load(a.dir)));
            const [rb] = await captureRegistrations(declareSnapshot(load(b.dir)));
            const ta = ra.inputs.__provider as string;
            assert.equal(ra.type, "pulumi-nodejs:dynamic/alicloud-live:LiveSnapshotNotifyConfig");
            assert.equal(ta, rb.inputs.__provider);
            assert.match(ta, /require\("pulumi-alicloud-live\/dist\/provider\/resources\/live-snapshot-notify-config\/handler\.js"\)/);
            assert.ok(Buffer.byteLength(ta) < 400, `${Buffer.byteLength(ta)} bytes`);
            assert.ok(!ta.includes(FAKE.authKey) && !ta.includes(a.dir) && !ta.includes(b.dir));
        });
    });
});
