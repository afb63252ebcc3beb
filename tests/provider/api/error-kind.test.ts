import { strict as assert } from "node:assert";
import {
    KIND_BY_CODE,
    KIND_BY_CODE_PREFIX,
    NOT_SENT_NETWORK_CODES,
    RETRYABLE_KINDS,
    TRANSIENT_NETWORK_CODES,
} from "../../../provider/api/error-kind";

describe("provider/api/error-kind", () => {
    it("retries only throttles and transient failures", () => {
        assert.deepEqual([...RETRYABLE_KINDS].sort(), ["throttled", "transient"]);
    });

    it("lists every never-sent network code among the transient ones (mayHaveApplied only reads transient failures)", () => {
        const missing = [...NOT_SENT_NETWORK_CODES].filter((code) => !TRANSIENT_NETWORK_CODES.has(code));
        assert.deepEqual(missing, []);
    });

    it("has no network code that a service code table would shadow", () => {
        const shadowed = [...TRANSIENT_NETWORK_CODES].filter((code) => code in KIND_BY_CODE);
        assert.deepEqual(shadowed, []);
    });

    it("tries the specific Invalid* prefixes before the general one", () => {
        const prefixes = KIND_BY_CODE_PREFIX.map(([prefix]) => prefix);
        for (const specific of ["InvalidAccessKeyId", "InvalidSecurityToken"]) {
            assert.ok(prefixes.indexOf(specific) < prefixes.indexOf("Invalid"), `${specific} comes after "Invalid": ${prefixes.join(", ")}`);
        }
    });
});
