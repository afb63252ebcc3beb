import { strict as assert } from "node:assert";
import { DEFAULT_ENDPOINT, isLoopbackHost, parseEndpoint } from "../../../provider/api/endpoint";

describe("provider/api/endpoint", () => {
    it("defaults to https for a bare host and keeps the port", () => {
        assert.deepEqual(parseEndpoint(DEFAULT_ENDPOINT), { host: "live.aliyuncs.com", protocol: "https" });
        assert.deepEqual(parseEndpoint("live-vpc.example.com:8443"), { host: "live-vpc.example.com:8443", protocol: "https" });
        assert.deepEqual(parseEndpoint("https://live.aliyuncs.com/"), { host: "live.aliyuncs.com", protocol: "https" });
    });

    it("accepts http:// only for loopback hosts", () => {
        assert.deepEqual(parseEndpoint("http://127.0.0.1:8080"), { host: "127.0.0.1:8080", protocol: "http" });
        assert.deepEqual(parseEndpoint("http://localhost:9"), { host: "localhost:9", protocol: "http" });
        assert.deepEqual(parseEndpoint("http://[::1]:9"), { host: "[::1]:9", protocol: "http" });
        for (const remote of ["http://live.aliyuncs.com", "http://10.0.0.1:80", "http://128.0.0.1", "http://localhost.evil.com"]) {
            assert.throws(() => parseEndpoint(remote), /plain http:\/\/ to a non-loopback host/, remote);
        }
    });

    it("refuses other schemes, paths, queries and embedded credentials with the rule in the message", () => {
        assert.throws(() => parseEndpoint("ftp://live.aliyuncs.com"), /must use https:\/\//);
        assert.throws(() => parseEndpoint("https://live.aliyuncs.com/v1"), /no path, query or credentials/);
        assert.throws(() => parseEndpoint("https://live.aliyuncs.com/?a=1"), /no path, query or credentials/);
        assert.throws(() => parseEndpoint("https://user:pw@live.aliyuncs.com"), /no path, query or credentials/);
        assert.throws(() => parseEndpoint(""), /non-empty string/);
        assert.throws(() => parseEndpoint("https://"), /not a valid host or URL/);
    });

    it("knows loopback hosts", () => {
        assert.equal(isLoopbackHost("127.8.9.10"), true);
        assert.equal(isLoopbackHost("[::1]"), true);
        assert.equal(isLoopbackHost("api.localhost"), true);
        assert.equal(isLoopbackHost("192.168.1.1"), false);
        assert.equal(isLoopbackHost("127.example.com"), false);
    });
});
