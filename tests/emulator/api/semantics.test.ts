import { strict as assert } from "node:assert";
import { DEMO_ACCOUNT, EmulatorAdmin, type EmulatorOptions } from "../../../emulator";
import { parseCliArgs, USAGE } from "../../../emulator/cli/cli-args";
import { resolveOptions } from "../../../emulator/instance/options";
import { DEFAULT_SEMANTICS, maskAuthKey, SEMANTICS_CHOICES, SEMANTICS_KEYS } from "../../../emulator/api/semantics";
import { coreCall, outcomeOf, type CoreResult } from "../support/core-client";
import { ADD, DESCRIBE, emulatorFixture, UPDATE } from "../support/fixtures";

const DOMAIN = "live.example.com";
const URL_A = "http://learn.aliyundoc.com/examplecallback.action";
const URL_B = "https://guide.aliyundoc.com/ondemandcallback.action";
const KEY = "testkeyyourkey12";

type Query = Record<string, string | boolean | undefined>;

describe("emulator semantics profiles", () => {
    const start = emulatorFixture();

    async function emulator(options: EmulatorOptions) {
        const emu = await start(options);
        const admin = new EmulatorAdmin(emu.url);
        const call = (action: string, query: Query): Promise<CoreResult> => coreCall(emu.endpoint, DEMO_ACCOUNT, action, query);
        return { admin, call, stored: async () => (await admin.configs())[0] };
    }

    const full: Query = { DomainName: DOMAIN, NotifyUrl: URL_A, OnDemandUrl: URL_B, NeedStatusNotify: true, NotifyReqAuth: true, NotifyAuthKey: KEY };

    describe("options and flags", () => {
        it("default to the readings modelled before profiles existed", () => {
            assert.deepEqual(resolveOptions({}).semantics, DEFAULT_SEMANTICS);
            assert.deepEqual(DEFAULT_SEMANTICS, {
                updateOmitted: "reset",
                emptyUrl: "clear",
                describeAuthKey: "clear",
                boolWire: "bool",
                missingConfig: "404",
                authKeyRule: "16-32-alnum",
                throttleCode: "Throttling.User",
                addExisting: "refuse",
                starApp: "separate",
            });
        });

        it("take every listed value, as an option and as a flag listed in --help; refuse others naming the rule", () => {
            for (const key of SEMANTICS_KEYS) {
                const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
                assert.ok(USAGE.includes(flag), `${flag} is not in --help`);
                for (const value of SEMANTICS_CHOICES[key]) {
                    assert.equal(resolveOptions({ [key]: value }).semantics[key], value);
                    assert.deepEqual(parseCliArgs([flag, value]).options, { [key]: value });
                }
                assert.throws(() => resolveOptions({ [key]: "nope" }), new RegExp(`options.${key} must be one of`));
                assert.throws(() => parseCliArgs([`${flag}=nope`]), new RegExp(`${flag} must be one of`));
            }
        });

        it("--retry-after on|off is retryAfterHeader; --retry-after-header is --retry-after on", () => {
            assert.deepEqual(parseCliArgs(["--retry-after", "on"]).options, { retryAfterHeader: true });
            assert.deepEqual(parseCliArgs(["--retry-after=off"]).options, { retryAfterHeader: false });
            assert.deepEqual(parseCliArgs(["--retry-after-header"]).options, { retryAfterHeader: true });
            assert.throws(() => parseCliArgs(["--retry-after", "yes"]), /--retry-after must be on or off/);
            assert.throws(() => parseCliArgs(["--retry-after", "off", "--retry-after-header"]), /contradicts/);
        });
    });

    describe("--update-omitted", () => {
        it("reset: a field left out of Update returns to its default", async () => {
            const { call, stored } = await emulator({});
            assert.equal(outcomeOf(await call(ADD, full)), "OK");
            assert.equal(outcomeOf(await call(UPDATE, { DomainName: DOMAIN, NotifyUrl: URL_A })), "OK");
            assert.deepEqual(
                { ...(await stored()), accountId: "" },
                { accountId: "", domainName: DOMAIN, notifyUrl: URL_A, needStatusNotify: false, notifyReqAuth: false },
            );
        });

        it("keep: a field left out keeps its value; an explicitly empty one clears it", async () => {
            const { call, stored } = await emulator({ updateOmitted: "keep" });
            assert.equal(outcomeOf(await call(ADD, full)), "OK");
            assert.equal(outcomeOf(await call(UPDATE, { DomainName: DOMAIN, NotifyUrl: URL_B })), "OK");
            assert.deepEqual(
                { ...(await stored()), accountId: "" },
                {
                    accountId: "",
                    domainName: DOMAIN,
                    notifyUrl: URL_B,
                    onDemandUrl: URL_B,
                    needStatusNotify: true,
                    notifyReqAuth: true,
                    notifyAuthKey: KEY,
                },
            );
            assert.equal(
                outcomeOf(await call(UPDATE, { DomainName: DOMAIN, NotifyUrl: URL_B, OnDemandUrl: "", NotifyReqAuth: false, NotifyAuthKey: "" })),
                "OK",
            );
            const s = await stored();
            assert.equal(s.onDemandUrl, undefined);
            assert.equal(s.notifyAuthKey, undefined);
            assert.equal(s.needStatusNotify, true, "still kept");
        });

        it("keep: clearing the key while signing stays on is refused (MissingNotifyAuthKey)", async () => {
            const { call } = await emulator({ updateOmitted: "keep" });
            await call(ADD, full);
            assert.equal(outcomeOf(await call(UPDATE, { DomainName: DOMAIN, NotifyUrl: URL_A, NotifyAuthKey: "" })), "MissingNotifyAuthKey");
        });
    });

    describe("--empty-url", () => {
        it("malformed: an empty OnDemandUrl is refused on Add and Update, under either update reading", async () => {
            for (const updateOmitted of ["reset", "keep"] as const) {
                const { call, stored, admin } = await emulator({ emptyUrl: "malformed", updateOmitted });
                assert.equal(outcomeOf(await call(ADD, { DomainName: DOMAIN, NotifyUrl: URL_A, OnDemandUrl: "" })), "InvalidOnDemandUrl.Malformed");
                await call(ADD, full);
                assert.equal(outcomeOf(await call(UPDATE, { ...full, OnDemandUrl: "" })), "InvalidOnDemandUrl.Malformed");
                assert.equal((await stored()).onDemandUrl, URL_B);
                await admin.reset();
            }
        });

        it("clear (default): an empty OnDemandUrl means none", async () => {
            const { call, stored } = await emulator({ updateOmitted: "keep" });
            await call(ADD, full);
            assert.equal(outcomeOf(await call(UPDATE, { ...full, OnDemandUrl: "" })), "OK");
            assert.equal((await stored()).onDemandUrl, undefined);
        });
    });

    describe("--describe-auth-key", () => {
        const described = async (options: EmulatorOptions, query: Query) => {
            const { call } = await emulator(options);
            await call(ADD, query);
            const r = await call(DESCRIBE, { DomainName: DOMAIN });
            assert.ok(r.ok);
            return r.body["LiveRecordNotifyConfig"] as Record<string, unknown>;
        };

        it("clear shows the key; masked shows its first and last two characters; absent leaves the field out", async () => {
            assert.equal((await described({}, full))["NotifyAuthKey"], KEY);
            assert.equal(maskAuthKey(KEY), "te****12");
            assert.equal((await described({ describeAuthKey: "masked" }, full))["NotifyAuthKey"], "te****12");
            const absent = await described({ describeAuthKey: "absent" }, full);
            assert.ok(!("NotifyAuthKey" in absent));
            assert.equal(absent["NotifyReqAuth"], true);
        });

        it("a config without a key shows an empty key, masked or clear", async () => {
            assert.equal((await described({ describeAuthKey: "masked" }, { DomainName: DOMAIN, NotifyUrl: URL_A }))["NotifyAuthKey"], "");
        });
    });

    describe("--bool-wire yesno", () => {
        it("accepts the official SDK's true/false and the API pages' yes/no in any case, and describes yes/no", async () => {
            const { call, stored } = await emulator({ boolWire: "yesno" });
            // What the official SDKs send (booleans as "true"/"false"): a service its SDK cannot call is no reading at all.
            assert.equal(outcomeOf(await call(ADD, { ...full, NeedStatusNotify: true, NotifyReqAuth: true })), "OK");
            assert.equal((await stored()).needStatusNotify, true);
            assert.equal(outcomeOf(await call(UPDATE, { ...full, NeedStatusNotify: "No", NotifyReqAuth: "yes" })), "OK");
            assert.equal((await stored()).needStatusNotify, false);
            const r = await call(DESCRIBE, { DomainName: DOMAIN });
            assert.ok(r.ok);
            assert.deepEqual([r.body["LiveRecordNotifyConfig"].NeedStatusNotify, r.body["LiveRecordNotifyConfig"].NotifyReqAuth], ["no", "yes"]);
        });

        it("still refuses a value that is no boolean in either form, naming the parameter", async () => {
            const { call } = await emulator({ boolWire: "yesno" });
            const refused = await call(ADD, { ...full, NeedStatusNotify: "maybe" });
            assert.equal(outcomeOf(refused), "InvalidParameter");
            assert.match(refused.ok ? "" : String(refused.data?.["Message"]), /NeedStatusNotify/);
        });
    });

    describe("--auth-key-rule", () => {
        for (const [authKeyRule, expected] of [
            ["16-32-alnum", "InvalidNotifyAuthKey.Malformed"],
            ["none", "OK"],
        ] as const) {
            it(`${authKeyRule}: a 12-character key with a hyphen answers ${expected}; a 16-32 letters-and-digits key is always taken`, async () => {
                const { call, stored } = await emulator({ authKeyRule });
                const r = await call(ADD, { ...full, NotifyAuthKey: "short-key-12" });
                assert.equal(outcomeOf(r), expected);
                if (!r.ok) {
                    // The rule is in the answer (a client can name it), the key never is.
                    assert.match(String(r.data?.["Message"]), /16 to 32 characters .* letters and digits/);
                    assert.ok(!JSON.stringify(r.data).includes("short-key-12"));
                } else {
                    assert.equal((await stored()).notifyAuthKey, "short-key-12");
                }
                assert.equal(outcomeOf(await call(r.ok ? UPDATE : ADD, full)), "OK");
            });
        }
    });

    describe("--missing-config", () => {
        it("empty: Describe of a domain without a config answers 200 with an empty LiveRecordNotifyConfig; Update and Delete still 404", async () => {
            const { call } = await emulator({ missingConfig: "empty" });
            const r = await call(DESCRIBE, { DomainName: DOMAIN });
            assert.ok(r.ok);
            assert.deepEqual(r.body["LiveRecordNotifyConfig"], {});
            assert.equal(outcomeOf(await call(UPDATE, { DomainName: DOMAIN, NotifyUrl: URL_A })), "InvalidConfig.NotFound");
        });

        it("404 (default): InvalidConfig.NotFound", async () => {
            const { call } = await emulator({});
            assert.equal(outcomeOf(await call(DESCRIBE, { DomainName: DOMAIN })), "InvalidConfig.NotFound");
        });
    });

    describe("--throttle-code", () => {
        for (const [throttleCode, code, status] of [
            ["Throttling.User", "Throttling.User", 400],
            ["Throttling.Api", "Throttling.Api", 400],
            ["Throttling", "Throttling", 400],
            ["429", "Throttling", 429],
        ] as const) {
            it(`${throttleCode}: a call over quota answers HTTP ${status} ${code}`, async () => {
                const { call } = await emulator({ throttleCode, readQps: 1 });
                assert.equal(outcomeOf(await call(DESCRIBE, { DomainName: DOMAIN })), "InvalidConfig.NotFound");
                const r = await call(DESCRIBE, { DomainName: DOMAIN });
                assert.equal(outcomeOf(r), code);
                assert.equal(r.ok ? 200 : r.statusCode, status);
            });
        }
    });
});
