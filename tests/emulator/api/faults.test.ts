import { strict as assert } from "node:assert";
import { FaultBook, FaultSpecError, parseFaultSpec } from "../../../emulator/api/faults";

describe("emulator/api/faults", () => {
    describe("parseFaultSpec", () => {
        it("fills defaults and resolves catalogued statuses and messages", () => {
            assert.deepEqual(parseFaultSpec({ error: { code: "Throttling.User" } }), {
                action: "*",
                probability: 1,
                error: { code: "Throttling.User", status: 400, message: "Request was denied due to user flow control." },
            });
            assert.deepEqual(parseFaultSpec({ action: "DeleteLiveRecordNotifyConfig", count: 2, latencyMs: 10, drop: true }), {
                action: "DeleteLiveRecordNotifyConfig",
                probability: 1,
                remaining: 2,
                latencyMs: 10,
                drop: true,
            });
            assert.equal(parseFaultSpec({ error: { code: "ServiceUnavailable", status: 503 } }).error?.message, "Injected fault ServiceUnavailable.");
        });

        const rejects: Array<[unknown, RegExp]> = [
            [null, /JSON object/],
            [[], /JSON object/],
            [{}, /at least one of/],
            [{ latencyMs: 5, colour: "red" }, /unknown field "colour"/],
            [{ action: "AddSomething", drop: true }, /"action" must be "\*" or one of/],
            [{ probability: 1.5, drop: true }, /"probability" must be a number from 0 to 1 \(got 1.5\)/],
            [{ probability: "0.5", drop: true }, /"probability"/],
            [{ count: 0, drop: true }, /"count" must be a positive integer \(got 0\)/],
            [{ count: 1.5, drop: true }, /"count"/],
            [{ latencyMs: -1 }, /"latencyMs" must be an integer from 0 to 600000/],
            [{ latencyMs: 600_001 }, /"latencyMs"/],
            [{ drop: false }, /"drop" must be true/],
            [{ drop: true, ambiguous: true }, /alternatives/],
            [{ drop: true, error: { code: "InternalError" } }, /alternatives/],
            [{ error: "InternalError" }, /"error" must be an object/],
            [{ error: { code: "" } }, /"error.code"/],
            [{ error: { code: "MadeUp" } }, /"error.status" is required for "MadeUp"/],
            [{ error: { code: "MadeUp", status: 302 } }, /"error.status" must be an integer from 400 to 599 \(got 302\)/],
            [{ error: { code: "InternalError", extra: 1 } }, /unknown field error."extra"/],
        ];
        for (const [input, message] of rejects) {
            it(`rejects ${JSON.stringify(input)} with a message naming the rule`, () => {
                assert.throws(
                    () => parseFaultSpec(input),
                    (e: unknown) => e instanceof FaultSpecError && message.test(e.message),
                );
            });
        }
    });

    describe("FaultBook", () => {
        it("matches by action, first rule first, and gives rules increasing ids", () => {
            const book = new FaultBook();
            const a = book.add({ action: "DescribeLiveRecordNotifyConfig", drop: true });
            const b = book.add({ error: { code: "InternalError" } });
            assert.notEqual(a.id, b.id);
            assert.equal(book.match("DescribeLiveRecordNotifyConfig", Math.random)?.id, a.id);
            assert.equal(book.match("AddLiveRecordNotifyConfig", Math.random)?.id, b.id);
        });

        it("uses up a count and then removes the rule", () => {
            const book = new FaultBook();
            const rule = book.add({ count: 2, drop: true });
            assert.equal(book.match("AddLiveRecordNotifyConfig", Math.random)?.remaining, 1);
            const second = book.match("AddLiveRecordNotifyConfig", Math.random);
            assert.equal(second?.id, rule.id);
            assert.equal(second?.matched, 2);
            assert.equal(book.match("AddLiveRecordNotifyConfig", Math.random), undefined);
            assert.deepEqual(book.list(), []);
        });

        it("applies a rule with its probability; a failed roll does not use up the count", () => {
            const book = new FaultBook();
            book.add({ probability: 0.5, count: 1, drop: true });
            const rolls = [0.7, 0.5, 0.49];
            const random = (): number => rolls.shift()!;
            assert.equal(book.match("AddLiveRecordNotifyConfig", random), undefined, "0.7 >= 0.5");
            assert.equal(book.match("AddLiveRecordNotifyConfig", random), undefined, "0.5 >= 0.5");
            assert.equal(book.match("AddLiveRecordNotifyConfig", random)?.matched, 1, "0.49 < 0.5");
            assert.equal(book.list().length, 0);
        });

        it("never applies probability 0 and never rolls for probability 1", () => {
            const book = new FaultBook();
            book.add({ probability: 0, drop: true });
            assert.equal(
                book.match("AddLiveRecordNotifyConfig", () => 0),
                undefined,
            );
            book.clear();
            book.add({ drop: true });
            assert.ok(book.match("AddLiveRecordNotifyConfig", () => assert.fail("rolled")));
        });

        it("removes one rule by id, or all", () => {
            const book = new FaultBook();
            const a = book.add({ drop: true });
            book.add({ drop: true });
            assert.equal(book.remove(a.id), true);
            assert.equal(book.remove(a.id), false);
            assert.equal(book.clear(), 1);
        });
    });
});
