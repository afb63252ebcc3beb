/**
 * The properties table and the validation rules agree: the plugin's schema is derived from the table,
 * the zod rules are written per property, and this proves they say the same thing.
 */
import { strict as assert } from "node:assert";
import { checkInputs } from "../../../provider/resource/check";
import { replaceFields } from "../../../provider/resource/diff";
import { secretOutputs } from "../../../provider/resource/definition";
import type { PropertySpec } from "../../../provider/resource/definition";
import { fieldSchemas } from "../../../provider/resource/schema";
import { LIVE_RECORD_NOTIFY_CONFIG as RN } from "../../../provider/resources/live-record-notify-config/definition";

const PROPERTIES: readonly PropertySpec[] = RN.properties;
const INPUT_KEYS = PROPERTIES.map((p) => p.name);
const FIELD_SCHEMAS = fieldSchemas(RN);
const REPLACE_FIELDS = replaceFields(RN);
const SECRET_OUTPUTS = secretOutputs(RN);

const VALID = { domainName: "live.example.com", notifyUrl: "https://hooks.example.com/r" };
const SAMPLE = { string: "x", boolean: true } as const;

describe("resource/properties (the table the rules and the schema share)", () => {
    it("names exactly the input properties the rules know", () => {
        assert.deepEqual(PROPERTIES.map((p) => p.name).sort(), [...INPUT_KEYS].sort());
        assert.deepEqual(Object.keys(FIELD_SCHEMAS).sort(), [...INPUT_KEYS].sort());
    });

    for (const spec of PROPERTIES) {
        it(`${spec.name}: required, type, default, secret and replace agree with the rules`, () => {
            const without: Record<string, unknown> = { ...VALID };
            delete without[spec.name];
            const missing = checkInputs(RN, without).failures ?? [];
            assert.equal(
                missing.some((f) => f.property === spec.name),
                spec.required,
                `absent ${spec.name} is ${spec.required ? "refused" : "accepted"}`,
            );
            if (!spec.required) assert.equal((checkInputs(RN, without).inputs as unknown as Record<string, unknown>)[spec.name], spec.defaultValue);

            const otherType = spec.type === "string" ? SAMPLE.boolean : SAMPLE.string;
            const wrongType = checkInputs(RN, { ...VALID, [spec.name]: otherType }).failures ?? [];
            assert.ok(
                wrongType.some((f) => f.property === spec.name),
                `a ${typeof otherType} ${spec.name} is refused: it must be a ${spec.type}`,
            );
            assert.equal((SECRET_OUTPUTS as readonly string[]).includes(spec.name), spec.secret, "secret");
            assert.equal(REPLACE_FIELDS.has(spec.name as never), spec.replaces, "replaces");
        });
    }
});
