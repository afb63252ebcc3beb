import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { tarArchive } from "../../../tools/plugin-archives/tar";

const run = promisify(execFile);

describe("tools/plugin-archives tar (ustar of regular files, pure)", () => {
    const entries = [
        { name: "run-me", mode: 0o755, data: Buffer.from("#!/bin/sh\necho hi\n") },
        { name: "LICENSE", mode: 0o644, data: Buffer.alloc(1024, 0x61) }, // exactly two blocks: no padding
        { name: "empty", mode: 0o600, data: Buffer.alloc(0) },
    ];

    it("the same entries give the same bytes; another mtime or order gives other bytes", () => {
        const a = tarArchive(entries, 946_684_800);
        assert.ok(a.equals(tarArchive(entries, 946_684_800)));
        assert.ok(!a.equals(tarArchive(entries, 946_684_801)));
        assert.ok(!a.equals(tarArchive([...entries].reverse(), 946_684_800)));
    });

    it("is 512-byte blocks: a header per entry, the data padded, two zero blocks at the end", () => {
        const tar = tarArchive(entries, 0);
        // 3 headers + 1 block of data (19 bytes) + 2 blocks + 0 blocks + 2 end blocks
        assert.equal(tar.length, 512 * (3 + 1 + 2 + 0 + 2));
        assert.ok(tar.subarray(tar.length - 1024).equals(Buffer.alloc(1024)));
        assert.equal(tar.toString("latin1", 257, 265), "ustar\u000000");
    });

    it("GNU tar lists and extracts it: names, modes, owners, sizes, times and contents as given", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tar-test-"));
        try {
            const file = path.join(dir, "x.tar");
            fs.writeFileSync(file, tarArchive(entries, 946_684_800));
            const { stdout } = await run("tar", ["--list", "--verbose", "--numeric-owner", "--full-time", "-f", file]);
            assert.deepEqual(
                stdout
                    .trim()
                    .split("\n")
                    .map((l) => l.split(/\s+/)),
                [
                    ["-rwxr-xr-x", "0/0", "18", "2000-01-01", "00:00:00", "run-me"],
                    ["-rw-r--r--", "0/0", "1024", "2000-01-01", "00:00:00", "LICENSE"],
                    ["-rw-------", "0/0", "0", "2000-01-01", "00:00:00", "empty"],
                ],
            );
            const out = path.join(dir, "out");
            fs.mkdirSync(out);
            await run("tar", ["-xf", file, "-C", out]);
            for (const entry of entries) assert.ok(fs.readFileSync(path.join(out, entry.name)).equals(entry.data), entry.name);
            assert.equal(fs.statSync(path.join(out, "run-me")).mode & 0o777, 0o755);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("refuses a name it cannot write as one ustar name", () => {
        assert.throws(() => tarArchive([{ name: "x".repeat(100), mode: 0o644, data: Buffer.alloc(0) }], 0), /under 100 bytes/);
        assert.throws(() => tarArchive([{ name: "two words", mode: 0o644, data: Buffer.alloc(0) }], 0), /printable ASCII/);
    });
});
