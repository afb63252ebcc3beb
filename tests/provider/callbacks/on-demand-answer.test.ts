import { strict as assert } from "node:assert";
import { onDemandAnswer, OnDemandAnswerError, type OnDemandAnswerInput } from "../../../provider/callbacks/on-demand-answer";

function problems(input: unknown): readonly string[] {
    try {
        onDemandAnswer(input as OnDemandAnswerInput);
    } catch (error) {
        assert.ok(error instanceof OnDemandAnswerError);
        return error.problems;
    }
    assert.fail("the answer was accepted");
}

describe("provider/callbacks/on-demand-answer", () => {
    it("builds the documented wire form, ApiVersion defaulting to 1.0", () => {
        assert.deepEqual(onDemandAnswer({ needRecord: false }), { ApiVersion: "1.0", NeedRecord: false });
        assert.deepEqual(onDemandAnswer({ needRecord: true, interval: { Mp4: 5, M3U8: 21600 }, format: ["mp4", "m3u8"], apiVersion: "1.1" }), {
            ApiVersion: "1.1",
            NeedRecord: true,
            Interval: { Mp4: 5, M3U8: 21600 },
            Format: ["mp4", "m3u8"],
        });
    });

    it("reports every problem at once, each naming the field and the rule", () => {
        assert.deepEqual(
            problems({ needRecord: "yes", interval: { Mp4: 4, Flv: 21601, Avi: 60, M3U8: 10.5 }, format: ["mp4", "mkv", "mp4"], apiVersion: "" }),
            [
                `needRecord must be a boolean (got "yes")`,
                "interval.Mp4 must be a whole number of seconds from 5 to 21600 (got 4)",
                "interval.Flv must be a whole number of seconds from 5 to 21600 (got 21601)",
                "interval.Avi is not a format (allowed: Mp4, Flv, M3U8)",
                "interval.M3U8 must be a whole number of seconds from 5 to 21600 (got 10.5)",
                `format[1] must be one of mp4, flv, m3u8 (got "mkv")`,
                "format must not list a format twice",
                "apiVersion must be a non-empty string",
            ],
        );
        assert.deepEqual(problems({ needRecord: true, interval: [], format: "mp4" }), [
            "interval must be an object like { Mp4: 600 }",
            "format must be an array of mp4, flv, m3u8",
        ]);
        assert.deepEqual(problems(null), ["the answer must be an object"]);
    });

    it("the error message carries the problems", () => {
        assert.throws(() => onDemandAnswer({ needRecord: true, format: ["avi" as "mp4"] }), /invalid on-demand answer: format\[0\] must be one of/);
    });
});
