import { strict as assert } from "node:assert";
import { escapeModulePath, goGetCommand, goSdkTag, userGoEnv } from "../../../tools/go-sdk-module/layout";

describe("tools/go-sdk-module/layout", () => {
    it("tags a release of the module in sdk/go as sdk/go/vX.Y.Z, and writes the user's go get line", () => {
        assert.equal(goSdkTag("0.1.0"), "sdk/go/v0.1.0");
        assert.equal(goSdkTag("1.2.3-alpha.1"), "sdk/go/v1.2.3-alpha.1");
        assert.equal(goGetCommand("github.com/acme/live/sdk/go", "0.1.0"), "go get github.com/acme/live/sdk/go@v0.1.0");
    });

    it("escapes upper-case letters as the module cache and proxies do", () => {
        assert.equal(escapeModulePath("github.com/Azure/go-AutoRest"), "github.com/!azure/go-!auto!rest");
        assert.equal(escapeModulePath("github.com/acme/live/sdk/go"), "github.com/acme/live/sdk/go");
    });

    it("puts the local proxy first, the machine's after it, and turns the checksum database off for the module alone", () => {
        const env = userGoEnv({
            module: "github.com/acme/live/sdk/go",
            proxyDir: "/p",
            upstreamProxy: "https://proxy.golang.org,direct",
            modCache: "/m",
        });
        assert.equal(env.GOPROXY, "file:///p,https://proxy.golang.org,direct");
        assert.equal(env.GONOSUMDB, "github.com/acme/live/sdk/go");
        assert.equal(env.GOPRIVATE, "");
        assert.equal(env.GONOPROXY, "");
        assert.equal(env.GOMODCACHE, "/m");
        assert.equal(env.GOFLAGS, "-mod=readonly -trimpath");
        assert.equal(env.GOTOOLCHAIN, "local");
        assert.equal(env.CGO_ENABLED, "0");
        assert.equal(userGoEnv({ module: "m", proxyDir: "/p", upstreamProxy: "", modCache: "/m" }).GOPROXY, "file:///p");
    });
});
