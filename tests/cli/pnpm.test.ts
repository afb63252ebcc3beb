/**
 * pnpm: the packed package and the current set's @pulumi/pulumi installed by a real `pnpm install`
 * (its symlinked `.pnpm` layout), then create, empty preview, drift caught, destroy through the
 * current set's CLI. Pulumi documents dynamic providers as unsupported under pnpm; this package's
 * provider is serialized as a `require` by package name, which the host resolves from the program's
 * folder, where pnpm links every direct dependency.
 */
import { execFile } from "node:child_process";
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { toolchainCache } from "../../tools/toolchain/cache";
import { CURRENT } from "../../tools/toolchain/version-sets";
import { currentSet, labelTests } from "./support/cli";
import { PackagedStack, REQUIRE_FORM, spec } from "./support/packaged-stack";

const run = promisify(execFile);

describe("cli compat: a pnpm-installed program on the current version set", function () {
    this.timeout(600_000);
    let stack: PackagedStack;
    const A = spec("a", "live-pa.example.com");
    const B = spec("b", "live-pb.example.com", { dependsOn: ["a"], signed: true });

    before(async function () {
        this.timeout(60 * 60_000); // a cold CLI build on 2 cores
        const current = await currentSet();
        labelTests(this, current.label);
        stack = new PackagedStack();
        await stack.start(current, async (program, pkg) => {
            const tarball = await pkg.pack();
            const dependencies = { "@pulumi/pulumi": CURRENT.sdk, "pulumi-alicloud-live": `file:${tarball}` };
            fs.writeFileSync(
                path.join(program, "package.json"),
                JSON.stringify({ name: "options-program", private: true, main: "index.js", dependencies }),
            );
            // pnpm runs on the set's Node; its store is cached beside the set's other downloads.
            await run(current.pnpm!, ["install", "--ignore-scripts", "--store-dir", toolchainCache("pnpm-store")], {
                cwd: program,
                env: { ...process.env, PATH: current.env.PATH },
                timeout: 300_000,
            });
        });
    });

    after(() => stack?.cleanup());

    it("pnpm's layout: the package and the SDK are links into node_modules/.pnpm", () => {
        for (const name of ["pulumi-alicloud-live", "@pulumi/pulumi"]) {
            const link = path.join(stack.program, "node_modules", name);
            assert.ok(fs.lstatSync(link).isSymbolicLink(), `${name} is a link`);
            assert.match(fs.realpathSync(link), /\/node_modules\/\.pnpm\//, name);
        }
    });

    it("create, an empty preview, the small require form stored, drift caught, destroy", async () => {
        await stack.declare([A, B]);
        const since = await stack.lastSeq();
        await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.deepEqual(await stack.writesSince(since), ["Add live-pa.example.com", "Add live-pb.example.com"]);
        assert.deepEqual(await stack.programRan(), { node: stack.run.ran.node, sdk: stack.run.ran.sdk });
        const texts = await stack.providerTexts();
        assert.equal(texts.length, 1);
        assert.match(String(texts[0]), REQUIRE_FORM);
        const preview = await stack.pulumi(["preview", "--expect-no-changes"]);
        assert.match(preview.stdout, /3 unchanged/);

        const { config } = await stack.client.describe({ domainName: "live-pa.example.com" });
        await stack.client.update({ ...config, notifyUrl: "https://elsewhere.example.net/record" });
        const drifted = await stack.pulumi(["preview", "--refresh", "--expect-no-changes", "--diff"], "non-zero");
        assert.match(drifted.output, /notifyUrl/);

        await stack.pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.equal((await stack.cloud()).size, 0);
    });
});
