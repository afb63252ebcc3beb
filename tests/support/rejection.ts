/** Awaits a promise that must reject, and returns what it rejected with. */
import { strict as assert } from "node:assert";

export async function rejection<E = Error>(promise: Promise<unknown>): Promise<E> {
    try {
        await promise;
    } catch (error) {
        return error as E;
    }
    assert.fail("expected a rejection");
}
