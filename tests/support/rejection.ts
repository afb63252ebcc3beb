/**
 * Awaiting a promise that must reject: `rejection` returns whatever it rejected with; `liveApiRejection`
 * also asserts it is the API client's `LiveApiError` (a call that fails as the API fails).
 */
import { strict as assert } from "node:assert";
import { LiveApiError } from "../../provider/api/errors";

export async function rejection<E = Error>(promise: Promise<unknown>): Promise<E> {
    try {
        await promise;
    } catch (error) {
        return error as E;
    }
    assert.fail("expected a rejection");
}

export async function liveApiRejection(promise: Promise<unknown>): Promise<LiveApiError> {
    const error = await rejection<unknown>(promise);
    assert.ok(error instanceof LiveApiError, `expected LiveApiError, got ${String(error)}`);
    return error;
}
