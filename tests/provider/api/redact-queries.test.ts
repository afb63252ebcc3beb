import { strict as assert } from "node:assert";
import { redactQueries } from "../../../provider/api/redact-queries";

describe("provider/api/redact-queries", () => {
    it("drops every URL's query and keeps its address", () => {
        const message = "POST http://127.0.0.1:9/?NotifyAuthKey=abcdEFGH12345678 failed, then HTTPS://live.aliyuncs.com/path?A=1&B=2.";
        const redacted = redactQueries(message);
        assert.equal(redacted, "POST http://127.0.0.1:9/?<query redacted> failed, then HTTPS://live.aliyuncs.com/path?<query redacted>");
    });

    it("leaves a message without a URL query as it is", () => {
        const message = "socket hang up at http://127.0.0.1:9/ (what? nothing)";
        assert.equal(redactQueries(message), message);
    });
});
