import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as path from "node:path";

/** The compiled callbacks entry point, next to this compiled test. */
const ENTRY = path.resolve(__dirname, "..", "..", "..", "provider", "callbacks", "index.js");

describe("provider/callbacks entry point", () => {
    it("loads without Pulumi: requiring it pulls in no @pulumi module", () => {
        const script = `const c = require(${JSON.stringify(ENTRY)});
const pulumi = Object.keys(require.cache).filter((k) => k.includes("@pulumi"));
console.log(JSON.stringify({ pulumi, exports: Object.keys(c).sort() }));`;
        const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as { pulumi: string[]; exports: string[] };
        assert.deepEqual(out.pulumi, []);
        for (const name of ["verifyCallbackSignature", "parseRecordingCallback", "parseOnDemandRequest", "onDemandAnswer", "createCallbackHandler"]) {
            assert.ok(out.exports.includes(name), `${name} is exported`);
        }
    });

    it("the package's main entry re-exports it", async () => {
        const main = await import("../../../provider/index");
        assert.equal(typeof main.verifyCallbackSignature, "function");
        assert.equal(typeof main.createCallbackHandler, "function");
    });
});
