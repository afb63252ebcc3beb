import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import { resolveSettings, SettingsError, type Environment } from "../../../provider/resource/settings";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { renderSettingsTable, SETTINGS, SETTINGS_TABLE_END, SETTINGS_TABLE_START } from "../../../provider/resource/settings-table";
import { repoRoot } from "./fixtures";

const SECRET = "SeCrEt-value-never-printed";
const TOKEN = "sts-token-never-printed";

function configOf(values: Record<string, string>): (key: string) => string | undefined {
    return (key) => values[key];
}

function resolve(config: Record<string, string> = {}, env: Environment = {}) {
    return resolveSettings(configOf(config), env);
}

function settingsError(config: Record<string, string>, env: Environment = {}): SettingsError {
    try {
        resolve(config, env);
    } catch (error) {
        assert.ok(error instanceof SettingsError, `expected a SettingsError, got ${String(error)}`);
        return error;
    }
    assert.fail("expected resolveSettings to throw");
}

describe("resource/settings", () => {
    it("defaults: the public endpoint, the default credential chain, documented quotas, 5 minutes, v3", () => {
        assert.deepEqual(resolve(), {
            endpoint: "live.aliyuncs.com",
            endpointSource: "the default endpoint",
            stsEndpoint: "sts.aliyuncs.com",
            stsEndpointSet: false,
            operationTimeoutMs: 300_000,
            quotaHeadroom: 0,
            writeQps: 30,
            readQps: 50,
            actionQps: new Map(),
            signatureVersion: "v3",
            skipCredentialsValidation: false,
        });
    });

    it("reads every setting from Pulumi config", () => {
        const settings = resolve({
            "alicloud:accessKey": "AKID1",
            "alicloud:secretKey": SECRET,
            "alicloud:securityToken": TOKEN,
            "alicloud:region": "cn-shanghai",
            "alicloud-live:endpoint": "http://127.0.0.1:9000",
            "alicloud-live:accountId": "1234567890123456",
            "alicloud-live:operationTimeout": "42.5",
            "alicloud-live:quotaHeadroom": "0.25",
            "alicloud-live:writeQps": "60",
            "alicloud-live:readQps": "100",
            "alicloud-live:signatureVersion": "V2",
            "alicloud-live:skipCredentialsValidation": "True",
        });
        assert.deepEqual(
            { ...settings, credentials: { ...settings.credentials } },
            {
                endpoint: "http://127.0.0.1:9000",
                endpointSource: "alicloud-live:endpoint",
                stsEndpoint: "sts.aliyuncs.com",
                stsEndpointSet: false,
                credentials: { accessKeyId: "AKID1", accessKeySecret: SECRET, securityToken: TOKEN },
                credentialsSource: "alicloud:accessKey",
                skipCredentialsValidation: true,
                regionId: "cn-shanghai",
                accountId: "1234567890123456",
                operationTimeoutMs: 42_500,
                quotaHeadroom: 0.25,
                writeQps: 60,
                readQps: 100,
                actionQps: new Map(),
                signatureVersion: "v2",
            },
        );
    });

    it("reads every setting from the environment", () => {
        const settings = resolve(
            {},
            {
                ALIBABA_CLOUD_ACCESS_KEY_ID: "AKID2",
                ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
                ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN,
                ALIBABA_CLOUD_REGION: "ap-southeast-1",
                ALICLOUD_LIVE_ENDPOINT: "https://live.example.net:8443",
                ALICLOUD_LIVE_ACCOUNT_ID: "acct-1",
                ALICLOUD_LIVE_OPERATION_TIMEOUT: "600",
                ALICLOUD_LIVE_QUOTA_HEADROOM: "0.9",
                ALICLOUD_LIVE_WRITE_QPS: "15",
                ALICLOUD_LIVE_READ_QPS: "25",
                ALICLOUD_LIVE_SIGNATURE_VERSION: "v2",
                ALICLOUD_LIVE_SKIP_CREDENTIALS_VALIDATION: "false",
            },
        );
        assert.deepEqual(
            { ...settings, credentials: { ...settings.credentials } },
            {
                endpoint: "https://live.example.net:8443",
                endpointSource: "ALICLOUD_LIVE_ENDPOINT",
                stsEndpoint: "sts.aliyuncs.com",
                stsEndpointSet: false,
                credentials: { accessKeyId: "AKID2", accessKeySecret: SECRET, securityToken: TOKEN },
                credentialsSource: "ALIBABA_CLOUD_ACCESS_KEY_ID",
                skipCredentialsValidation: false,
                regionId: "ap-southeast-1",
                accountId: "acct-1",
                operationTimeoutMs: 600_000,
                quotaHeadroom: 0.9,
                writeQps: 15,
                readQps: 25,
                actionQps: new Map(),
                signatureVersion: "v2",
            },
        );
    });

    describe("precedence", () => {
        it("config wins over the environment", () => {
            const settings = resolve(
                { "alicloud-live:writeQps": "10", "alicloud:region": "cn-beijing" },
                { ALICLOUD_LIVE_WRITE_QPS: "20", ALIBABA_CLOUD_REGION: "cn-hangzhou" },
            );
            assert.equal(settings.writeQps, 10);
            assert.equal(settings.regionId, "cn-beijing");
        });

        it("ALIBABA_CLOUD_* wins over the deprecated ALICLOUD_* names, which still work alone", () => {
            const both = resolve(
                {},
                {
                    ALIBABA_CLOUD_ACCESS_KEY_ID: "NEW",
                    ALIBABA_CLOUD_ACCESS_KEY_SECRET: "new-secret",
                    ALICLOUD_ACCESS_KEY: "OLD",
                    ALICLOUD_SECRET_KEY: "old-secret",
                    ALIBABA_CLOUD_REGION: "cn-a",
                    ALICLOUD_REGION: "cn-b",
                },
            );
            assert.equal(both.credentials?.accessKeyId, "NEW");
            assert.equal(both.credentials?.accessKeySecret, "new-secret");
            assert.equal(both.regionId, "cn-a");
            const old = resolve(
                {},
                { ALICLOUD_ACCESS_KEY: "OLD", ALICLOUD_SECRET_KEY: "old-secret", ALICLOUD_SECURITY_TOKEN: TOKEN, ALICLOUD_REGION: "cn-b" },
            );
            assert.deepEqual({ ...old.credentials }, { accessKeyId: "OLD", accessKeySecret: "old-secret", securityToken: TOKEN });
            assert.equal(old.regionId, "cn-b");
        });

        it("static keys come as a set: config keys never pair with an environment secret or token", () => {
            const settings = resolve(
                { "alicloud:accessKey": "CFG", "alicloud:secretKey": "cfg-secret" },
                { ALIBABA_CLOUD_ACCESS_KEY_ID: "ENV", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret", ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN },
            );
            assert.deepEqual({ ...settings.credentials }, { accessKeyId: "CFG", accessKeySecret: "cfg-secret" });
        });

        it("endpoint: alicloud-live:endpoint, then the live entry of alicloud:endpoints, then ALICLOUD_LIVE_ENDPOINT", () => {
            const endpoints = JSON.stringify([{ ecs: "ecs.example.com" }, { live: "live-vpc.example.com" }]);
            const env = { ALICLOUD_LIVE_ENDPOINT: "env.example.com" };
            assert.equal(resolve({ "alicloud-live:endpoint": "own.example.com", "alicloud:endpoints": endpoints }, env).endpoint, "own.example.com");
            assert.equal(resolve({ "alicloud:endpoints": endpoints }, env).endpoint, "live-vpc.example.com");
            assert.equal(resolve({ "alicloud:endpoints": JSON.stringify([{ ecs: "ecs.example.com" }]) }, env).endpoint, "env.example.com");
            assert.equal(resolve({ "alicloud:endpoints": JSON.stringify({ live: "obj.example.com" }) }).endpoint, "obj.example.com");
        });

        it("blank values count as not set", () => {
            const settings = resolve({ "alicloud-live:writeQps": "  " }, { ALICLOUD_LIVE_WRITE_QPS: "", ALICLOUD_LIVE_READ_QPS: "7" });
            assert.equal(settings.writeQps, 30);
            assert.equal(settings.readQps, 7);
        });
    });

    describe("bad values name the key and the rule", () => {
        const bad: ReadonlyArray<readonly [string, Record<string, string>, Environment, string, RegExp]> = [
            [
                "endpoint",
                { "alicloud-live:endpoint": "http://live.example.com" },
                {},
                "alicloud-live:endpoint",
                /plain http:\/\/ to a non-loopback host/,
            ],
            ["endpoint from env", {}, { ALICLOUD_LIVE_ENDPOINT: "ftp://x" }, "ALICLOUD_LIVE_ENDPOINT", /must use https:\/\//],
            ["endpoints JSON", { "alicloud:endpoints": "[{live:" }, {}, "alicloud:endpoints", /JSON list of endpoint objects/],
            ["endpoints entries", { "alicloud:endpoints": "[1]" }, {}, "alicloud:endpoints", /JSON list of endpoint objects/],
            ["endpoints live entry", { "alicloud:endpoints": '[{"live": 3}]' }, {}, "alicloud:endpoints", /`live` entry must be a non-empty string/],
            [
                "timeout not a number",
                { "alicloud-live:operationTimeout": "5m" },
                {},
                "alicloud-live:operationTimeout",
                /must be a number greater than 0 .*seconds.*"5m"/,
            ],
            ["timeout zero", {}, { ALICLOUD_LIVE_OPERATION_TIMEOUT: "0" }, "ALICLOUD_LIVE_OPERATION_TIMEOUT", /greater than 0/],
            ["timeout too long", { "alicloud-live:operationTimeout": "86401" }, {}, "alicloud-live:operationTimeout", /at most 86400/],
            ["headroom too big", { "alicloud-live:quotaHeadroom": "0.95" }, {}, "alicloud-live:quotaHeadroom", /at least 0 and at most 0.9/],
            ["headroom negative", {}, { ALICLOUD_LIVE_QUOTA_HEADROOM: "-0.1" }, "ALICLOUD_LIVE_QUOTA_HEADROOM", /at least 0/],
            ["writeQps", { "alicloud-live:writeQps": "fast" }, {}, "alicloud-live:writeQps", /calls per second/],
            ["readQps", {}, { ALICLOUD_LIVE_READ_QPS: "0" }, "ALICLOUD_LIVE_READ_QPS", /greater than 0/],
            ["readQps hex", {}, { ALICLOUD_LIVE_READ_QPS: "0x10" }, "ALICLOUD_LIVE_READ_QPS", /must be a number/],
            ["signatureVersion", { "alicloud-live:signatureVersion": "v4" }, {}, "alicloud-live:signatureVersion", /"v3" or "v2"/],
            [
                "skipCredentialsValidation",
                {},
                { ALICLOUD_LIVE_SKIP_CREDENTIALS_VALIDATION: "yes" },
                "ALICLOUD_LIVE_SKIP_CREDENTIALS_VALIDATION",
                /must be true or false, not "yes"/,
            ],
            ["region", { "alicloud:region": "CN Shanghai" }, {}, "alicloud:region", /region id/],
            ["accountId", {}, { ALICLOUD_LIVE_ACCOUNT_ID: "a b" }, "ALICLOUD_LIVE_ACCOUNT_ID", /letters, digits/],
            ["key id without secret", { "alicloud:accessKey": "AKID" }, {}, "alicloud:accessKey", /no AccessKey secret .*alicloud:secretKey/],
            [
                "secret without key id",
                {},
                { ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET },
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                /no AccessKey ID .*ALIBABA_CLOUD_ACCESS_KEY_ID/,
            ],
            ["secret with whitespace", { "alicloud:accessKey": "AKID", "alicloud:secretKey": "two words" }, {}, "alicloud:secretKey", /whitespace/],
        ];
        for (const [name, config, env, key, rule] of bad) {
            it(name, () => {
                const error = settingsError(config, env);
                assert.equal(error.key, key);
                assert.ok(error.message.includes(key), error.message);
                assert.match(error.message, rule);
            });
        }
    });

    it("never puts a secret in a message or in a printed Settings", () => {
        const noId = settingsError({ "alicloud:secretKey": SECRET, "alicloud:securityToken": TOKEN });
        assert.ok(!noId.message.includes(SECRET));
        const spaced = settingsError({ "alicloud:accessKey": "AKID", "alicloud:secretKey": `${SECRET} x` });
        assert.ok(!spaced.message.includes(SECRET));

        const settings = resolve({ "alicloud:accessKey": "AKID", "alicloud:secretKey": SECRET, "alicloud:securityToken": TOKEN });
        for (const printed of [JSON.stringify(settings), inspect(settings, { depth: 5 }), `${JSON.stringify(settings.credentials)}`]) {
            assert.ok(!printed.includes(SECRET), printed);
            assert.ok(!printed.includes(TOKEN), printed);
            assert.ok(printed.includes("AKID"), printed);
        }
        // ...while the values themselves are there for the client.
        assert.equal(settings.credentials?.accessKeySecret, SECRET);
        assert.equal(settings.credentials?.securityToken, TOKEN);
    });

    it("stsEndpoint: alicloud-live:stsEndpoint, then the sts entry of alicloud:endpoints, then ALICLOUD_LIVE_STS_ENDPOINT", () => {
        const endpoints = JSON.stringify([{ live: "live-vpc.example.com" }, { sts: "sts-vpc.example.com" }]);
        const env = { ALICLOUD_LIVE_STS_ENDPOINT: "sts-env.example.com" };
        assert.equal(
            resolve({ "alicloud-live:stsEndpoint": "own.example.com", "alicloud:endpoints": endpoints }, env).stsEndpoint,
            "own.example.com",
        );
        assert.equal(resolve({ "alicloud:endpoints": endpoints }, env).stsEndpoint, "sts-vpc.example.com");
        assert.equal(resolve({}, env).stsEndpoint, "sts-env.example.com");
        assert.equal(settingsError({ "alicloud-live:stsEndpoint": "http://sts.example.com" }).key, "alicloud-live:stsEndpoint");
        assert.match(settingsError({ "alicloud-live:stsEndpoint": "http://sts.example.com" }).message, /loopback/);
    });

    it("quotaStore: a redis:// or rediss:// URL whose password never prints nor appears in an error", () => {
        const password = "pw-Qz93-settings";
        const settings = resolve({ "alicloud-live:quotaStore": `rediss://app:${password}@r-bp1.redis.rds.aliyuncs.com:6380/2` });
        assert.equal(settings.quotaStore?.tls, true);
        assert.equal(settings.quotaStore?.url, `rediss://app:${password}@r-bp1.redis.rds.aliyuncs.com:6380/2`);
        for (const printed of [JSON.stringify(settings), inspect(settings, { depth: 5 }), `${settings.quotaStore}`]) {
            assert.ok(!printed.includes(password), printed);
            assert.ok(printed.includes("r-bp1.redis.rds.aliyuncs.com"), printed);
        }
        const error = settingsError({}, { ALICLOUD_LIVE_QUOTA_STORE: `http://user:${password}@host` });
        assert.equal(error.key, "ALICLOUD_LIVE_QUOTA_STORE");
        assert.ok(!error.message.includes(password), error.message);
        assert.match(error.message, /redis:\/\//);
    });

    describe("the settings table", () => {
        it("names each setting once, with config keys or variables, and marks the secrets", () => {
            const names = SETTINGS.map((s) => s.name);
            assert.equal(new Set(names).size, names.length);
            for (const spec of SETTINGS) {
                assert.ok(spec.configKeys.length + spec.envVars.length > 0, spec.name);
                assert.ok(spec.description.length > 20, spec.name);
                for (const key of spec.configKeys) assert.match(key, /^(alicloud|alicloud-live):[A-Za-z]+$/);
                for (const variable of spec.envVars) assert.match(variable, /^[A-Z_]+$/);
            }
            assert.deepEqual(
                SETTINGS.filter((s) => s.secret).map((s) => s.name),
                ["accessKeySecret", "securityToken", "quotaStore"],
            );
        });

        it("its defaults are the ones the resolver applies", () => {
            const resolved = resolve();
            const byName = Object.fromEntries(SETTINGS.map((s) => [s.name, s.defaultValue]));
            assert.equal(byName.endpoint, resolved.endpoint);
            assert.equal(Number(byName.operationTimeout) * 1000, resolved.operationTimeoutMs);
            assert.equal(Number(byName.quotaHeadroom), resolved.quotaHeadroom);
            assert.equal(Number(byName.writeQps), resolved.writeQps);
            assert.equal(Number(byName.readQps), resolved.readQps);
            assert.equal(byName.signatureVersion, resolved.signatureVersion);
            assert.equal(byName.skipCredentialsValidation, String(resolved.skipCredentialsValidation));
        });

        it("every key and variable in it is read by the resolver", () => {
            // Set each source alone to a value that is invalid for it; the resolver must notice.
            for (const spec of SETTINGS) {
                if (spec.name === "accessKeySecret" || spec.name === "securityToken") continue; // covered by the set rules
                for (const key of spec.configKeys) {
                    const value = key === "alicloud:endpoints" ? '[{"live":"ftp://x"}]' : "not valid!";
                    if (spec.name === "accessKeyId") {
                        assert.equal(settingsError({ [key]: "AKID" }).key, key);
                        continue;
                    }
                    assert.equal(settingsError({ [key]: value }).key, key);
                }
                for (const variable of spec.envVars) {
                    if (spec.name === "accessKeyId") {
                        assert.equal(settingsError({}, { [variable]: "AKID" }).key, variable);
                        continue;
                    }
                    assert.equal(settingsError({}, { [variable]: "not valid!" }).key, variable, variable);
                }
            }
        });
    });
});

describe("resource/settings-table rendering", () => {
    it("renders one row per setting with its keys, variables, default and secrecy", () => {
        const lines = renderSettingsTable().split("\n");
        assert.equal(lines.length, 2 + SETTINGS.length);
        const secretRow = lines.find((l) => l.includes("`alicloud:secretKey`"));
        assert.ok(secretRow?.includes("`ALIBABA_CLOUD_ACCESS_KEY_SECRET`, `ALICLOUD_SECRET_KEY`"));
        assert.match(secretRow ?? "", /\| yes \|/);
        assert.match(lines.find((l) => l.includes("`alicloud-live:writeQps`")) ?? "", /\| `30` \| no \|/);
    });

    it("docs/configuration.md's table, between the markers, is the generated one", () => {
        const doc = readFileSync(path.join(repoRoot(), "docs", "configuration.md"), "utf8");
        const start = doc.indexOf(SETTINGS_TABLE_START);
        const end = doc.indexOf(SETTINGS_TABLE_END);
        assert.ok(start >= 0 && end > start, "docs/configuration.md lacks the settings-table markers");
        assert.equal(doc.slice(start + SETTINGS_TABLE_START.length, end).trim(), renderSettingsTable());
    });
});
