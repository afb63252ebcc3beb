import { strict as assert } from "node:assert";
import {
    KIND_BY_CODE,
    KIND_BY_CODE_PREFIX,
    NOT_SENT_NETWORK_CODES,
    RETRYABLE_KINDS,
    TRANSIENT_NETWORK_CODES,
    UNREACHABLE_NETWORK_CODES,
} from "../../../provider/api/error-kind";

describe("provider/api/error-kind", () => {
    it("retries only throttles, transient failures and (briefly) an unreachable endpoint", () => {
        assert.deepEqual([...RETRYABLE_KINDS].sort(), ["throttled", "transient", "unreachable"]);
    });

    it("lists every never-sent network code among the transient or unreachable ones (mayHaveApplied reads only those)", () => {
        const missing = [...NOT_SENT_NETWORK_CODES].filter((code) => !TRANSIENT_NETWORK_CODES.has(code) && !UNREACHABLE_NETWORK_CODES.has(code));
        assert.deepEqual(missing, []);
    });

    it("has no network code that a service code table would shadow, and no code both transient and unreachable", () => {
        const shadowed = [...TRANSIENT_NETWORK_CODES, ...UNREACHABLE_NETWORK_CODES].filter((code) => code in KIND_BY_CODE);
        assert.deepEqual(shadowed, []);
        assert.deepEqual(
            [...UNREACHABLE_NETWORK_CODES].filter((code) => TRANSIENT_NETWORK_CODES.has(code)),
            [],
        );
    });

    it("an unreachable endpoint is a name the DNS says does not exist, or a refused connection; a resolver that did not answer is transient", () => {
        assert.deepEqual([...UNREACHABLE_NETWORK_CODES].sort(), ["ECONNREFUSED", "ENOTFOUND"]);
        assert.ok(TRANSIENT_NETWORK_CODES.has("EAI_AGAIN"));
    });

    it("tries the specific Invalid* prefixes before the general one", () => {
        const prefixes = KIND_BY_CODE_PREFIX.map(([prefix]) => prefix);
        for (const specific of ["InvalidAccessKeyId", "InvalidSecurityToken"]) {
            assert.ok(prefixes.indexOf(specific) < prefixes.indexOf("Invalid"), `${specific} comes after "Invalid": ${prefixes.join(", ")}`);
        }
    });
});
