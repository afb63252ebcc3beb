import { strict as assert } from "node:assert";
import { checkInputs } from "../../../provider/resource/check";
import { UNKNOWN_VALUE } from "../../../provider/resource/unknown";
import { KEY, PROVIDER_TEXT } from "./fixtures";
import { LIVE_RECORD_NOTIFY_CONFIG as RN } from "../../../provider/resources/live-record-notify-config/definition";

const VALID = { domainName: "live.example.com", notifyUrl: "https://callbacks.example.com/live" };

function failuresOf(news: Record<string, unknown>): Array<[string, string]> {
    return (checkInputs(RN, news).failures ?? []).map((f) => [f.property, f.reason]);
}

function propertiesOf(news: Record<string, unknown>): string[] {
    return failuresOf(news).map(([property]) => property);
}

describe("resource/check", () => {
    it("passes valid inputs, normalized, with defaults applied and no __provider", () => {
        const result = checkInputs(RN, {
            ...VALID,
            domainName: "  Live.Example.COM ",
            notifyUrl: " https://callbacks.example.com/live ",
            __provider: PROVIDER_TEXT,
        });
        assert.equal(result.failures, undefined);
        assert.deepEqual(result.inputs, {
            domainName: "live.example.com",
            notifyUrl: "https://callbacks.example.com/live",
            needStatusNotify: false,
            notifyReqAuth: false,
        });
    });

    it("keeps every optional property that is set", () => {
        const news = {
            ...VALID,
            onDemandUrl: "http://od.example.com/cb",
            needStatusNotify: true,
            notifyReqAuth: true,
            notifyAuthKey: KEY,
            adoptExisting: true,
        };
        assert.deepEqual(checkInputs(RN, news), { inputs: news });
    });

    it("treats null and empty optional values as not set", () => {
        const result = checkInputs(RN, { ...VALID, onDemandUrl: "", notifyAuthKey: null, adoptExisting: null, needStatusNotify: null });
        assert.equal(result.failures, undefined);
        assert.deepEqual(result.inputs, { ...VALID, needStatusNotify: false, notifyReqAuth: false });
        assert.ok(!Object.values(result.inputs as object).includes(undefined));
    });

    it("an empty required property does not hide the other failures", () => {
        assert.deepEqual(propertiesOf({ domainName: "", notifyUrl: "ftp://callbacks.example.com/live", notifyReqAuth: true }), [
            "domainName",
            "notifyUrl",
            "notifyAuthKey",
        ]);
        assert.deepEqual(propertiesOf({ domainName: "live.example.com", notifyUrl: " ", notifyReqAuth: true }), ["notifyUrl", "notifyAuthKey"]);
    });

    describe("each rule", () => {
        const rules: ReadonlyArray<readonly [string, Record<string, unknown>, string, RegExp]> = [
            ["domainName is required", { notifyUrl: VALID.notifyUrl }, "domainName", /domainName is required/],
            ["domainName not blank", { ...VALID, domainName: "   " }, "domainName", /domainName is required/],
            ["domainName is a string", { ...VALID, domainName: 42 }, "domainName", /domainName must be a string/],
            ["domainName syntax", { ...VALID, domainName: "bad_domain.com" }, "domainName", /domainName must have labels of letters/],
            ["domainName length", { ...VALID, domainName: `${"a".repeat(250)}.com` }, "domainName", /at most 253 characters/],
            ["notifyUrl is required", { domainName: VALID.domainName }, "notifyUrl", /notifyUrl is required/],
            ["notifyUrl is http(s)", { ...VALID, notifyUrl: "ftp://x.example.com/" }, "notifyUrl", /notifyUrl must use http:\/\/ or https:\/\//],
            ["notifyUrl is a URL", { ...VALID, notifyUrl: "not a url" }, "notifyUrl", /notifyUrl must be an absolute http/],
            ["notifyUrl is safe", { ...VALID, notifyUrl: "http://192.168.1.10/cb" }, "notifyUrl", /notifyUrl must not point at a private address/],
            [
                "onDemandUrl same rules",
                { ...VALID, onDemandUrl: "http://169.254.169.254/" },
                "onDemandUrl",
                /onDemandUrl must not point at a metadata address/,
            ],
            ["onDemandUrl is a string", { ...VALID, onDemandUrl: ["http://x.example.com"] }, "onDemandUrl", /onDemandUrl must be a string/],
            ["needStatusNotify is a boolean", { ...VALID, needStatusNotify: "true" }, "needStatusNotify", /needStatusNotify must be a boolean/],
            ["notifyReqAuth is a boolean", { ...VALID, notifyReqAuth: 1 }, "notifyReqAuth", /notifyReqAuth must be a boolean/],
            ["adoptExisting is a boolean", { ...VALID, adoptExisting: "yes" }, "adoptExisting", /adoptExisting must be a boolean/],
            ["notifyAuthKey too long", { ...VALID, notifyAuthKey: "a".repeat(257) }, "notifyAuthKey", /notifyAuthKey must be at most 256 characters/],
            [
                "notifyAuthKey with a space",
                { ...VALID, notifyAuthKey: "abcdefgh 12345678" },
                "notifyAuthKey",
                /notifyAuthKey must not contain whitespace or control characters/,
            ],
            [
                "notifyAuthKey with a control character",
                { ...VALID, notifyAuthKey: "abcdefgh\u000112345678" },
                "notifyAuthKey",
                /must not contain whitespace or control/,
            ],
            ["notifyAuthKey required with notifyReqAuth", { ...VALID, notifyReqAuth: true }, "notifyAuthKey", /required when notifyReqAuth is true/],
            [
                "unknown property",
                { ...VALID, notifyURL: "https://typo.example.com" },
                "notifyURL",
                /not a property of LiveRecordNotifyConfig .*notifyUrl/,
            ],
        ];
        for (const [name, news, property, reason] of rules) {
            it(name, () => {
                const failures = failuresOf(news);
                assert.equal(failures.length, 1, JSON.stringify(failures));
                assert.equal(failures[0][0], property);
                assert.match(failures[0][1], reason);
            });
        }
    });

    it("reports every failure at once, each with its property", () => {
        const properties = propertiesOf({
            domainName: "-bad-.com",
            notifyUrl: "http://localhost/cb",
            onDemandUrl: "gopher://x.example.com",
            needStatusNotify: "no",
            notifyReqAuth: true,
            extra: 1,
            another: 2,
        });
        assert.deepEqual(properties.sort(), ["another", "domainName", "extra", "needStatusNotify", "notifyAuthKey", "notifyUrl", "onDemandUrl"]);
    });

    it("never puts the key's value in a reason", () => {
        const secret = "Sup3rSecret ButInvalid-Key!";
        const failures = failuresOf({ ...VALID, notifyReqAuth: true, notifyAuthKey: secret });
        assert.equal(failures.length, 1);
        assert.equal(failures[0][0], "notifyAuthKey");
        assert.ok(!failures[0][1].includes(secret));
        // eslint-disable-next-line no-loss-of-precision -- a key typed as a long number, as a user might write it
        assert.ok(!JSON.stringify(checkInputs(RN, { ...VALID, notifyAuthKey: 12345678901234567890 }).failures).includes("12345678901234567890"));
    });

    describe("unknown values (preview)", () => {
        it("passes unknown values through without validating them", () => {
            const news = { domainName: UNKNOWN_VALUE, notifyUrl: `https://${UNKNOWN_VALUE}/cb`, needStatusNotify: UNKNOWN_VALUE };
            const result = checkInputs(RN, news);
            assert.equal(result.failures, undefined);
            assert.deepEqual(result.inputs, { ...news, notifyReqAuth: false });
        });

        it("still validates the known properties", () => {
            assert.deepEqual(propertiesOf({ domainName: UNKNOWN_VALUE, notifyUrl: "ftp://x.example.com" }), ["notifyUrl"]);
        });

        it("skips the key requirement when the key or the switch is unknown", () => {
            assert.deepEqual(failuresOf({ ...VALID, notifyReqAuth: true, notifyAuthKey: UNKNOWN_VALUE }), []);
            assert.deepEqual(failuresOf({ ...VALID, notifyReqAuth: UNKNOWN_VALUE }), []);
        });
    });

    it("never throws, whatever it is given", () => {
        const odd: unknown[] = [undefined, null, {}, { domainName: {} }, { domainName: Symbol("x") }, { notifyUrl: { toString: null } }];
        const throwing = new Proxy(
            {},
            {
                ownKeys() {
                    throw new Error("boom");
                },
            },
        );
        for (const news of [...odd, throwing]) {
            const result = checkInputs(RN, news as Record<string, unknown>);
            assert.ok((result.failures ?? []).length > 0, `expected failures for ${String(news)}`);
        }
        assert.match(checkInputs(RN, throwing).failures?.[0].reason ?? "", /could not validate the inputs: boom/);
    });
});
