import { strict as assert } from "node:assert";
import { parseWireRequest, requestParams } from "../../../emulator/wire/wire-request";

describe("emulator/wire/wire-request", () => {
    it("splits path and query and decodes query values (including + as space)", () => {
        const r = parseWireRequest("post", "/?A=1&NotifyUrl=http%3A%2F%2Fx.com%2Fa(b)*c!&S=a+b", { host: "h" }, Buffer.alloc(0));
        assert.equal(r.method, "POST");
        assert.equal(r.path, "/");
        assert.deepEqual(r.query, [
            ["A", "1"],
            ["NotifyUrl", "http://x.com/a(b)*c!"],
            ["S", "a b"],
        ]);
        assert.deepEqual(r.form, []);
        assert.equal(r.headers["host"], "h");
    });

    it("reads a form body only when the content type says so", () => {
        const body = Buffer.from("DomainName=a.example.com&X=1");
        assert.deepEqual(parseWireRequest("POST", "/", { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, body).form, [
            ["DomainName", "a.example.com"],
            ["X", "1"],
        ]);
        assert.deepEqual(parseWireRequest("POST", "/", { "content-type": "application/json" }, body).form, []);
    });

    it("takes parameters from the query first, then the form", () => {
        const r = parseWireRequest("POST", "/?X=query", { "content-type": "application/x-www-form-urlencoded" }, Buffer.from("X=form&Y=form"));
        const params = requestParams(r);
        assert.equal(params.get("X"), "query");
        assert.equal(params.get("Y"), "form");
    });

    it("joins repeated headers", () => {
        const r = parseWireRequest("GET", "/", { "set-cookie": ["a", "b"] }, Buffer.alloc(0));
        assert.equal(r.headers["set-cookie"], "a,b");
    });
});
