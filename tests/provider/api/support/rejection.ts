/** Awaits a call that must fail with a LiveApiError, and returns that error. */
import { strict as assert } from "node:assert";
import { LiveApiError } from "../../../../provider/api/errors";

export async function rejection(p: Promise<unknown>): Promise<LiveApiError> {
    try {
        await p;
    } catch (e) {
        assert.ok(e instanceof LiveApiError, `expected LiveApiError, got ${e}`);
        return e;
    }
    assert.fail("expected a rejection");
}
