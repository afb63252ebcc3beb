/**
 * The archive command for real, on the one platform this machine runs (linux-amd64), built twice into
 * two folders (the first is the CLI suites' build of the same version, made once per test process): the archives are byte-identical; each holds exactly the executable, LICENSE, NODE-LICENSE
 * and README.md at its root with fixed owners, modes and times; the executable is an x86-64 ELF with the
 * bundle injected and Node's SEA fuse flipped; and it runs with no `node` on PATH, prints its port and
 * reports the version given to the command (not package.json's), in GetPluginInfo and in its schema.
 * The full multi-platform build is the release command's (docs/plugin.md); this costs two Linux builds.
 */
import { strict as assert } from "node:assert";
import { execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import type { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { buildPluginArchives, type PluginArchives } from "../../../tools/plugin-archives/build";
import { readExecutableHeader } from "../../../tools/plugin-archives/executable-header";
import { plannedArchives } from "../../../tools/plugin-archives/planned-archives";
import { pluginVersion } from "../../../provider/plugin/version";
import { OTHER_VERSION, pluginArchives } from "../../cli/support/plugin-release";

const run = promisify(execFile);
/** Not package.json's: the command's `--version` must reach the plugin. */
const VERSION = OTHER_VERSION;
const EXECUTABLE = "pulumi-resource-alicloud-live";

/** Starts the executable with `env`; resolves its port once printed, and the child to end. */
function startPlugin(executable: string, env: NodeJS.ProcessEnv): Promise<{ port: number; child: ReturnType<typeof spawn> }> {
    return new Promise((resolve, reject) => {
        const child = spawn(executable, ["127.0.0.1:1"], { env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new Error(`no port within 60 s: ${stderr}`));
        }, 60_000);
        child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
        child.stdout.on("data", (c: Buffer) => {
            stdout += c.toString();
            const line = /^(\d+)\n/.exec(stdout);
            if (line) {
                clearTimeout(timer);
                resolve({ port: Number(line[1]), child });
            }
        });
        child.once("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`exited ${code} before printing a port: ${stderr}`));
        });
        child.once("error", reject);
    });
}

describe("tools/plugin-archives build (linux-amd64, built twice): reproducible, self-contained archives", function () {
    // Two builds of a 130 MB executable (postject and gzip dominate): about a minute each on a loaded 2-core machine
    // (one when a CLI suite built this version first).
    this.timeout(15 * 60_000);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-archives-test-"));
    let first: PluginArchives;
    let second: PluginArchives;
    const lines: string[] = [];

    before(async () => {
        first = await pluginArchives(VERSION);
        second = await buildPluginArchives({ platforms: ["linux-amd64"], version: VERSION, outDir: path.join(work, "b"), log: (l) => lines.push(l) });
        await run("tar", ["-xzf", first.archives[0].file, "-C", work]);
    });
    after(() => fs.rmSync(work, { recursive: true, force: true }));

    it("makes exactly the planned files, and the two builds are byte-identical", () => {
        assert.notEqual(VERSION, pluginVersion(), "the test version differs from package.json's");
        assert.deepEqual(
            first.files.map((f) => path.basename(f)),
            plannedArchives(VERSION, [{ name: "linux-amd64" }]),
        );
        assert.deepEqual(
            fs.readdirSync(first.outDir).sort(),
            plannedArchives(VERSION, [{ name: "linux-amd64" }]).sort(),
            "nothing else in the folder",
        );
        for (const [a, b] of first.files.map((f, i) => [f, second.files[i]])) {
            assert.ok(fs.readFileSync(a).equals(fs.readFileSync(b)), `${path.basename(a)} differs between the two builds`);
        }
        assert.ok(
            lines.some((l) => l.includes("bundle:")),
            lines.join("\n"),
        );
    });

    it("SHA256SUMS is sha256sum's format and checks", async () => {
        const sums = fs.readFileSync(first.checksums, "utf8");
        assert.equal(sums, `${first.archives[0].sha256}  ${first.archives[0].name}\n`);
        const { stdout } = await run("sha256sum", ["-c", "SHA256SUMS"], { cwd: first.outDir });
        assert.equal(stdout.trim(), `${first.archives[0].name}: OK`);
    });

    it("holds the executable (0755), LICENSE, NODE-LICENSE and README.md (0644) at its root, in that order, owned 0:0, dated 2000-01-01", async () => {
        const { stdout } = await run("tar", ["--list", "--verbose", "--numeric-owner", "--full-time", "-zf", first.archives[0].file]);
        const entries = stdout
            .trim()
            .split("\n")
            .map((line) => line.split(/\s+/))
            .map(([mode, owner, , date, time, name]) => ({ mode, owner, when: `${date} ${time}`, name }));
        assert.deepEqual(
            entries.map((e) => [e.name, e.mode, e.owner, e.when]),
            [
                [EXECUTABLE, "-rwxr-xr-x", "0/0", "2000-01-01 00:00:00"],
                ["LICENSE", "-rw-r--r--", "0/0", "2000-01-01 00:00:00"],
                ["NODE-LICENSE", "-rw-r--r--", "0/0", "2000-01-01 00:00:00"],
                ["README.md", "-rw-r--r--", "0/0", "2000-01-01 00:00:00"],
            ],
        );
        assert.match(fs.readFileSync(path.join(work, "NODE-LICENSE"), "utf8"), /Node\.js is licensed for use as follows/);
        assert.match(
            fs.readFileSync(path.join(work, "README.md"), "utf8"),
            new RegExp(`pulumi plugin install resource alicloud-live ${VERSION.replace(/\./g, "\\.")} --file`),
        );
    });

    it("the executable is an x86-64 ELF with Node's SEA fuse flipped and the bundle (with the given version) inside", () => {
        const executable = fs.readFileSync(path.join(work, EXECUTABLE));
        assert.deepEqual(readExecutableHeader(executable.subarray(0, 64)), { format: "elf", arch: "amd64" });
        const fuse = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:";
        assert.equal(executable.indexOf(fuse), executable.lastIndexOf(fuse), "one fuse");
        assert.equal(String.fromCharCode(executable[executable.indexOf(fuse) + fuse.length]), "1", "the fuse is flipped");
        // The bundle is injected as it is (beside its code cache): its inlined package facts are there as text.
        assert.ok(executable.includes(`version: "${VERSION}"`), "the bundled package facts carry the given version");
        assert.ok(executable.includes("dist/provider/plugin/main.js"), "the plugin's entry module is bundled");
    });

    it("runs with no node on PATH: prints its port, and reports the given version in GetPluginInfo and its schema", async () => {
        const emptyBin = fs.mkdtempSync(path.join(work, "bin-"));
        const env = { PATH: emptyBin, HOME: work };
        await assert.rejects(run("node", ["--version"], { env }), "no node is reachable on that PATH");
        const { port, child } = await startPlugin(path.join(work, EXECUTABLE), env);
        const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        try {
            const info = await new Promise<PluginInfo>((resolve, reject) =>
                client.getPluginInfo(new Empty(), (e, r) => (e ? reject(e) : resolve(r))),
            );
            assert.equal(info.getVersion(), VERSION);
            const schema = await new Promise<proto.GetSchemaResponse>((resolve, reject) =>
                client.getSchema(new proto.GetSchemaRequest(), (e, r) => (e ? reject(e) : resolve(r))),
            );
            assert.equal((JSON.parse(schema.getSchema()) as { version: string }).version, VERSION);
        } finally {
            client.close();
            child.kill("SIGTERM");
        }
        const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", resolve)));
        assert.equal(code, 0, "SIGTERM ends it cleanly");
    });
});
