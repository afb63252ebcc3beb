/**
 * Property-based tests of request building: inputs that `check` accepted, turned into parameters the
 * way the client does (`configParams`, then openapi-core's `OpenApiUtil.query`), must form a request
 * the API accepts. The judge is the emulator's own model of the API's rules (emulator/api/actions.ts and
 * emulator/api/validation.ts), which shares no code with the provider: first in-process for thousands of
 * inputs, then over real HTTP through the signed client for a sample.
 */
import { strict as assert } from "node:assert";
import { OpenApiUtil } from "@alicloud/openapi-core";
import fc from "fast-check";
import { DEMO_ACCOUNT, EmulatorAdmin, startEmulator, type RunningEmulator } from "../../../emulator";
import { resolveKey } from "../../../emulator/api/accounts";
import { runAction, type ActionName } from "../../../emulator/api/actions";
import { describeView } from "../../../emulator/api/record-notify-actions";
import { ApiError } from "../../../emulator/api/errors";
import { DEFAULT_SEMANTICS, type SemanticsProfile } from "../../../emulator/api/semantics";
import { ConfigStore } from "../../../emulator/api/store";
import { LiveClient } from "../../../provider/client/live-client";
import { canonicalConfig, type CanonicalConfig } from "../../../provider/client/normalize";
import { apiResult } from "../../../provider/api/response";
import type { DescribeResult } from "../../../provider/client/types";
import { describedConfig, writeParams } from "../../../provider/resource/wire";
import { checkInputs } from "../../../provider/resource/check";
import { desiredConfig } from "../../../provider/resource/inputs";
import { isUnknown } from "../../../provider/resource/unknown";
import { inputsArb, mostlyValidInputsArb, type InputBag } from "./support/input-arbitraries";
import { LIVE_RECORD_NOTIFY_CONFIG as RN } from "../../../provider/resources/live-record-notify-config/definition";

/** LiveRecordNotifyConfig's wire mapping, under the names the 0.1 client gave it. */
const configParams = (config: Record<string, unknown>) => writeParams(RN, config);
const describeResult = (body: Record<string, unknown> | undefined, domainName: string) =>
    ({ ...apiResult(body), ...describedConfig(RN, body, { domainName }) }) as DescribeResult;

const SEED = Number(process.env.PROPERTY_SEED ?? 20261128);
const PARAMS: ReadonlySet<string> = new Set(["DomainName", "NotifyUrl", "OnDemandUrl", "NeedStatusNotify", "NotifyReqAuth", "NotifyAuthKey"]);
const KEY = resolveKey(DEMO_ACCOUNT);

/** The desired config of inputs `check` accepted, or `undefined` when it refused them or a value is unknown. */
function acceptedConfig(news: InputBag): CanonicalConfig | undefined {
    const result = checkInputs(RN, news);
    if (result.failures !== undefined && result.failures.length > 0) return undefined;
    if (result.inputs === undefined || Object.values(result.inputs).some(isUnknown)) return undefined;
    return desiredConfig(RN, result.inputs) as CanonicalConfig;
}

/** The parameters exactly as the client puts them on the wire (before signing). */
function wireParams(config: CanonicalConfig): Map<string, string> {
    return new Map(Object.entries(OpenApiUtil.query(configParams(config)) as Record<string, string>));
}

/**
 * The service that takes any NotifyAuthKey (`--auth-key-rule none`): the provider leaves the documented
 * 16-32 rule to the service, so only under this reading must every accepted input be accepted.
 */
const ANY_KEY: SemanticsProfile = { ...DEFAULT_SEMANTICS, authKeyRule: "none" };
const DOCUMENTED_KEY = /^[A-Za-z0-9]{16,32}$/;

/** Runs one action on the emulator's model; a rejection is returned as its error code. */
function emulate(
    action: ActionName,
    params: ReadonlyMap<string, string>,
    store: ConfigStore,
    semantics: SemanticsProfile = ANY_KEY,
): { ok: true; body: Record<string, unknown> } | { ok: false; code: string } {
    try {
        return {
            ok: true,
            body: runAction(action, params, { store, key: KEY, ownsDomain: () => true, semantics }),
        };
    } catch (error) {
        if (error instanceof ApiError) return { ok: false, code: error.code };
        throw error;
    }
}

describe("provider/api/request (property-based, judged by the emulator's rules)", function () {
    this.timeout(120_000);

    it("every request built from accepted inputs is well-formed and accepted by Add and Update, and Describe gives the config back", () => {
        let accepted = 0;
        fc.assert(
            fc.property(fc.oneof({ arbitrary: mostlyValidInputsArb, weight: 3 }, { arbitrary: inputsArb, weight: 1 }), (news) => {
                const config = acceptedConfig(news);
                if (config === undefined) return;
                accepted++;
                const params = wireParams(config);
                for (const [name, value] of params) {
                    assert.ok(PARAMS.has(name), `unexpected parameter ${name}`);
                    assert.equal(typeof value, "string", name);
                    assert.ok(value !== "" && value !== "undefined" && value !== "null", `${name}=${JSON.stringify(value)}`);
                }
                for (const flag of ["NeedStatusNotify", "NotifyReqAuth"]) assert.match(params.get(flag) ?? "", /^(true|false)$/, flag);

                const store = new ConfigStore();
                const added = emulate("AddLiveRecordNotifyConfig", params, store);
                assert.ok(added.ok, `the API would refuse Add with ${added.ok ? "" : added.code} for ${JSON.stringify(Object.fromEntries(params))}`);
                const updated = emulate("UpdateLiveRecordNotifyConfig", params, store);
                assert.ok(updated.ok, `the API would refuse Update with ${updated.ok ? "" : updated.code}`);

                const stored = store.get(KEY.accountId, config.domainName);
                assert.ok(stored, "Add stored nothing");
                const read = describeResult({ RequestId: "R", LiveRecordNotifyConfig: describeView(stored) }, config.domainName);
                assert.deepEqual(canonicalConfig(read.config), config, "the service would hold something else than was declared");

                // Under the documented key rule, a key outside it is the one thing the service may refuse.
                const strict = emulate("AddLiveRecordNotifyConfig", params, new ConfigStore(), DEFAULT_SEMANTICS);
                const keyOutsideRule = config.notifyAuthKey !== undefined && !DOCUMENTED_KEY.test(config.notifyAuthKey);
                assert.deepEqual(strict.ok ? "OK" : strict.code, keyOutsideRule ? "InvalidNotifyAuthKey.Malformed" : "OK");
            }),
            { numRuns: 3_000, seed: SEED + 10 },
        );
        assert.ok(accepted >= 1_000, `only ${accepted} of 3000 generated inputs were accepted: the generator no longer reaches the request`);
    });

    describe("over HTTP, through the signed client", () => {
        let emulator: RunningEmulator;
        let admin: EmulatorAdmin;
        let client: LiveClient;

        before(async () => {
            // A generous quota: this test is about the form of requests, not about throttling.
            emulator = await startEmulator({ writeQps: 100_000, readQps: 100_000, authKeyRule: "none" });
            admin = new EmulatorAdmin(emulator.url);
            client = new LiveClient({ endpoint: emulator.url, credentials: DEMO_ACCOUNT });
        });
        after(() => emulator?.stop());

        it("the emulator accepts Add for accepted inputs, and Describe returns exactly the declared config", async () => {
            let sent = 0;
            await fc.assert(
                fc.asyncProperty(mostlyValidInputsArb, async (news) => {
                    const config = acceptedConfig(news);
                    if (config === undefined) return;
                    sent++;
                    await admin.reset();
                    await client.add(config);
                    const described = await client.describe({ domainName: config.domainName });
                    assert.deepEqual(canonicalConfig(described.config), config);
                    await client.delete({ domainName: config.domainName });
                }),
                { numRuns: 300, seed: SEED + 11 },
            );
            assert.ok(sent >= 100, `only ${sent} of 300 inputs reached the emulator`);
        });
    });
});
