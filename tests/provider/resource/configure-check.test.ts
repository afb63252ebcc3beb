/**
 * The configure-time check against the emulator and its STS listener: a definite answer (no
 * credentials, refused keys, an endpoint that does not resolve or refuses) rejects with one message;
 * an undecided one (STS unreachable) warns once and goes on; one GetCallerIdentity serves the check
 * and account discovery; the switch turns it off.
 */
import { strict as assert } from "node:assert";
import { startEmulator, type RunningEmulator } from "../../../emulator";
import { NoCredentialsError } from "../../../provider/api/default-credential";
import { StsClient, type CallerIdentityApi } from "../../../provider/api/sts";
import { forgetDiscoveredAccounts, resolveAccount } from "../../../provider/resource/account";
import { checkAtConfigure, CredentialsCheckError, forgetConfigureChecks, type ConfigureCheckDeps } from "../../../provider/resource/configure-check";
import { forgetSaid } from "../../../provider/resource/said-once";
import { resolveSettings, type Settings } from "../../../provider/resource/settings";
import { freePort } from "../../../tools/redis/server";

const ACCOUNT = "1888000000000001";
const SECRET = "check-test-secret-Zr4";
const TOKEN = "check-test-sts-token-Qm8";

describe("resource/configure-check: credentials and endpoint, at configure", function () {
    this.timeout(60_000);
    let emulator: RunningEmulator;
    let skewed: RunningEmulator;
    let notices: string[];

    const keys = [
        { accessKeyId: "CHECK-KEY-OK", accessKeySecret: SECRET, accountId: ACCOUNT },
        { accessKeyId: "CHECK-KEY-EXPIRED", accessKeySecret: SECRET, accountId: ACCOUNT, securityToken: TOKEN, expiresAt: Date.now() - 60_000 },
    ];

    const settingsOf = (config: Record<string, string>, env: Record<string, string> = {}): Settings => resolveSettings((key) => config[key], env);
    const withEmulator = (extra: Record<string, string> = {}) =>
        settingsOf({
            "alicloud-live:endpoint": emulator.url,
            "alicloud-live:stsEndpoint": emulator.sts!.url,
            "alicloud:accessKey": "CHECK-KEY-OK",
            "alicloud:secretKey": SECRET,
            ...extra,
        });
    /** The real STS client, counting its calls. */
    const counting = () => {
        const counter = {
            calls: 0,
            stsFor: (settings: Settings): CallerIdentityApi => {
                const real = new StsClient({ endpoint: settings.stsEndpoint, credentials: settings.credentials });
                return { getCallerIdentity: () => (counter.calls++, real.getCallerIdentity()) };
            },
        };
        return counter;
    };
    const deps = (over: Partial<ConfigureCheckDeps> = {}): ConfigureCheckDeps => ({ notice: (m) => notices.push(m), ...over });
    const rejection = async (promise: Promise<unknown>): Promise<CredentialsCheckError> => {
        const outcome = await promise.then(
            () => undefined,
            (e: unknown) => e,
        );
        assert.ok(outcome instanceof CredentialsCheckError, `expected a CredentialsCheckError, got ${String(outcome)}`);
        return outcome;
    };

    before(async () => {
        emulator = await startEmulator({ stsPort: 0, accounts: keys });
        // A service whose clock is 20 minutes ahead of this machine's: this machine's clock is off, as the service sees it.
        skewed = await startEmulator({ stsPort: 0, accounts: keys, now: () => Date.now() + 20 * 60_000 });
    });
    after(async () => {
        await emulator?.stop();
        await skewed?.stop();
    });
    beforeEach(() => {
        forgetConfigureChecks();
        forgetDiscoveredAccounts();
        forgetSaid();
        notices = [];
    });

    it("good keys and a reachable endpoint: no error, no warning; the one GetCallerIdentity also serves account discovery", async () => {
        const sts = counting();
        const settings = withEmulator();
        await checkAtConfigure(settings, deps({ stsFor: sts.stsFor }));
        assert.deepEqual(await resolveAccount(settings, { notice: (m) => notices.push(m), stsFor: sts.stsFor }), {
            key: ACCOUNT,
            accountId: ACCOUNT,
        });
        assert.equal(sts.calls, 1, "one call for the check and the discovery");
        assert.deepEqual(notices, []);
    });

    it("is made once per process for the same settings", async () => {
        const sts = counting();
        let probes = 0;
        const probe = async () => (probes++, { reachable: true as const, host: "x" });
        for (let i = 0; i < 3; i++) await checkAtConfigure(withEmulator(), deps({ stsFor: sts.stsFor, probe }));
        assert.deepEqual({ calls: sts.calls, probes }, { calls: 1, probes: 1 });
    });

    it("an unknown AccessKey ID fails with the key id, the service's code and words, and never the secret", async () => {
        const error = await rejection(checkAtConfigure(withEmulator({ "alicloud:accessKey": "CHECK-KEY-UNKNOWN" }), deps()));
        assert.match(
            error.message,
            /^Checking the Alibaba Cloud credentials failed: STS GetCallerIdentity at 127\.0\.0\.1:\d+ answered InvalidAccessKeyId\.NotFound \(HTTP 404\): Specified access key is not found\. /,
        );
        assert.match(error.message, /The AccessKey ID is CHECK-KEY-UNKNOWN \(from alicloud:accessKey\)\. The service knows no such AccessKey ID/);
        assert.ok(!error.message.includes(SECRET));
    });

    it("a wrong secret fails with SignatureDoesNotMatch, naming the key id and not the secret", async () => {
        const wrong = "check-test-wrong-secret-Jx1";
        const error = await rejection(checkAtConfigure(withEmulator({ "alicloud:secretKey": wrong }), deps()));
        assert.match(
            error.message,
            /answered SignatureDoesNotMatch \(HTTP 400\): .*The AccessKey ID is CHECK-KEY-OK .*secret does not belong to the AccessKey ID/,
        );
        assert.ok(!error.message.includes(wrong) && !error.message.includes(SECRET));
    });

    it("an expired STS token fails saying so, without the token", async () => {
        const settings = settingsOf(
            { "alicloud-live:endpoint": emulator.url, "alicloud-live:stsEndpoint": emulator.sts!.url },
            { ALIBABA_CLOUD_ACCESS_KEY_ID: "CHECK-KEY-EXPIRED", ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET, ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN },
        );
        const error = await rejection(checkAtConfigure(settings, deps()));
        assert.match(
            error.message,
            /answered InvalidSecurityToken\.Expired .*\(from ALIBABA_CLOUD_ACCESS_KEY_ID\)\. The STS security token has expired/,
        );
        assert.ok(!error.message.includes(TOKEN) && !error.message.includes(SECRET));
    });

    it("a clock far from the service's fails saying the machine's clock is off", async () => {
        const settings = settingsOf({
            "alicloud-live:endpoint": skewed.url,
            "alicloud-live:stsEndpoint": skewed.sts!.url,
            "alicloud:accessKey": "CHECK-KEY-OK",
            "alicloud:secretKey": SECRET,
        });
        const error = await rejection(checkAtConfigure(settings, deps()));
        assert.match(error.message, /answered InvalidTimeStamp\.Expired \(HTTP 400\): .*This machine's clock is off/);
    });

    it("an endpoint that does not resolve fails naming its host, the setting that chose it and the default", async () => {
        const error = await rejection(
            checkAtConfigure(withEmulator({ "alicloud-live:endpoint": "https://live.first-contact-test.invalid" }), deps()),
        );
        assert.match(
            error.message,
            /^The ApsaraVideo Live endpoint https:\/\/live\.first-contact-test\.invalid does not resolve: this machine's DNS knows no host live\.first-contact-test\.invalid \(ENOTFOUND: getaddrinfo ENOTFOUND live\.first-contact-test\.invalid\)\. It was set by alicloud-live:endpoint \(the default is live\.aliyuncs\.com\): /,
        );
        assert.match(error.message, /alicloud-live:skipCredentialsValidation/);
    });

    it("the default endpoint, when it does not resolve, is named as the default", async () => {
        const probe = async () => ({
            reachable: false as const,
            host: "live.aliyuncs.com",
            code: "ENOTFOUND",
            words: "getaddrinfo ENOTFOUND live.aliyuncs.com",
        });
        const settings = settingsOf({
            "alicloud:accessKey": "CHECK-KEY-OK",
            "alicloud:secretKey": SECRET,
            "alicloud-live:stsEndpoint": emulator.sts!.url,
        });
        const error = await rejection(checkAtConfigure(settings, deps({ probe })));
        assert.match(
            error.message,
            /It is the default endpoint \(none of alicloud-live:endpoint, alicloud:endpoints, ALICLOUD_LIVE_ENDPOINT is set\)/,
        );
    });

    it("an endpoint that refuses connections fails naming it and the variable that chose it", async () => {
        const closed = await freePort();
        const settings = settingsOf(
            { "alicloud:accessKey": "CHECK-KEY-OK", "alicloud:secretKey": SECRET },
            { ALICLOUD_LIVE_ENDPOINT: `http://127.0.0.1:${closed}` },
        );
        const error = await rejection(checkAtConfigure(settings, deps()));
        assert.match(
            error.message,
            new RegExp(`endpoint http://127\\.0\\.0\\.1:${closed} refuses connections: .*ECONNREFUSED.*It was set by ALICLOUD_LIVE_ENDPOINT`),
        );
    });

    it("STS unreachable while the endpoint answers: goes on with one warning, which discovery does not repeat", async () => {
        const closed = await freePort();
        const settings = withEmulator({ "alicloud-live:stsEndpoint": `http://127.0.0.1:${closed}` });
        await checkAtConfigure(settings, deps());
        await checkAtConfigure(settings, deps());
        await resolveAccount(settings, { notice: (m) => notices.push(m) });
        assert.equal(notices.length, 1, notices.join("\n"));
        assert.match(
            notices[0],
            /could not check the credentials and endpoint at configure time \(GetCallerIdentity at 127\.0\.0\.1:\d+ failed \(ECONNREFUSED\)/,
        );
        assert.match(notices[0], /the first API call will tell/);
    });

    it("a timeout is not definite either: one warning", async () => {
        const probe = async () => ({ reachable: false as const, host: "live.example.com", code: "ETIMEDOUT", words: "no connection within 5 s" });
        await checkAtConfigure(withEmulator(), deps({ probe }));
        assert.equal(notices.length, 1);
        assert.match(notices[0], /the endpoint live\.example\.com did not accept a connection: ETIMEDOUT/);
    });

    it("no credentials anywhere fails with the places looked in and what to set", async () => {
        const settings = settingsOf({ "alicloud-live:endpoint": emulator.url, "alicloud-live:stsEndpoint": emulator.sts!.url });
        const credential = () => ({ getCredential: () => Promise.reject(new NoCredentialsError()) });
        const places = () => ({ env: {}, cliConfigExists: false, credentialsFile: "~/.alibabacloud/credentials", credentialsFileExists: false });
        const error = await rejection(checkAtConfigure(settings, deps({ credential, places })));
        assert.match(error.message, /^No Alibaba Cloud credentials were found\. /);
        assert.match(error.message, /ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
    });

    it("the default chain's keys are checked too, named by where the chain found them", async () => {
        const settings = settingsOf({ "alicloud-live:endpoint": emulator.url, "alicloud-live:stsEndpoint": emulator.sts!.url });
        const credential = () => ({
            getCredential: () => Promise.resolve({ accessKeyId: "CHECK-KEY-UNKNOWN", accessKeySecret: SECRET, providerName: "default/cli_profile" }),
        });
        const stsFor = (): CallerIdentityApi =>
            new StsClient({ endpoint: emulator.sts!.url, credentials: { accessKeyId: "CHECK-KEY-UNKNOWN", accessKeySecret: SECRET } });
        const error = await rejection(checkAtConfigure(settings, deps({ credential, stsFor })));
        assert.match(error.message, /The AccessKey ID is CHECK-KEY-UNKNOWN \(from the Alibaba Cloud CLI profile \(~\/\.aliyun\/config\.json\)\)/);
    });

    it("a local emulator with no STS endpoint set: STS is not asked, the endpoint is still probed", async () => {
        const settings = settingsOf({
            "alicloud-live:endpoint": emulator.url,
            "alicloud:accessKey": "CHECK-KEY-UNKNOWN",
            "alicloud:secretKey": SECRET,
        });
        let probed = false;
        const probe = async () => ((probed = true), { reachable: true as const, host: "x" });
        await checkAtConfigure(settings, deps({ probe, stsFor: () => assert.fail("STS must not be asked") }));
        assert.ok(probed);
        assert.deepEqual(notices, []);
    });

    it("skipCredentialsValidation turns it off: nothing is resolved, probed or asked", async () => {
        const settings = settingsOf(
            { "alicloud-live:endpoint": "https://live.first-contact-test.invalid" },
            { ALICLOUD_LIVE_SKIP_CREDENTIALS_VALIDATION: "true" },
        );
        await checkAtConfigure(
            settings,
            deps({
                credential: () => assert.fail("credentials must not be resolved"),
                probe: () => assert.fail("the endpoint must not be probed"),
                stsFor: () => assert.fail("STS must not be asked"),
            }),
        );
        assert.deepEqual(notices, []);
    });
});
