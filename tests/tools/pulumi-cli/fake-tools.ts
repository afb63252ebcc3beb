/** Fake `go` and `pulumi` executables in a temp folder, to drive the obtain/build logic without a real build. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface FakeBin {
    readonly dir: string;
    /** PATH with only the fake folder and the folders of `sh` and `node`. */
    readonly path: string;
    add(name: string, script: string): void;
    cleanup(): void;
}

export function fakeBin(): FakeBin {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-bin-"));
    return {
        dir,
        path: [dir, path.dirname(process.execPath), "/bin", "/usr/bin"].join(path.delimiter),
        add(name, script) {
            fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
        },
        cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
}
