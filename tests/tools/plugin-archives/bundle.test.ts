import { strict as assert } from "node:assert";
import { bundledManifest, googleProtobufCopies } from "../../../tools/plugin-archives/bundle";

describe("tools/plugin-archives bundle (the build-time facts, pure)", () => {
    it("carries only the package facts of package.json, with the archive's version", () => {
        const manifest = JSON.stringify({ name: "pulumi-alicloud-live", version: "0.1.0", scripts: { test: "x" }, devDependencies: {} });
        assert.deepEqual(JSON.parse(bundledManifest(manifest, "0.9.0")), { name: "pulumi-alicloud-live", version: "0.9.0" });
    });

    it("counts the google-protobuf copies among the bundle's inputs", () => {
        assert.deepEqual(
            googleProtobufCopies([
                "node_modules/google-protobuf/google-protobuf.js",
                "node_modules/google-protobuf/google/protobuf/empty_pb.js",
                "node_modules/@pulumi/pulumi/proto/provider_pb.js",
            ]),
            ["node_modules/google-protobuf"],
        );
        assert.deepEqual(
            googleProtobufCopies([
                "node_modules/google-protobuf/google-protobuf.js",
                "node_modules/x/node_modules/google-protobuf/google-protobuf.js",
            ]),
            ["node_modules/google-protobuf", "node_modules/x/node_modules/google-protobuf"],
        );
    });
});
