/**
 * The emulator against Alibaba's official generated Python SDKs (alibabacloud-live20161101 and
 * alibabacloud-sts20150401, pinned in official-sdk/requirements.txt): a client nobody here wrote,
 * whose request and response models are the service's own typing. Under every semantics profile
 * (the same matrix the provider runs under), an emulator on 127.0.0.1 answers official-sdk/conformance.py:
 * every action, both signatures (V3, and V2 through the SDK's own `signature_algorithm="v2"`),
 * every error code the emulator models, and STS GetCallerIdentity. Each group of cases is one test
 * here; a failing case is named with what it saw.
 *
 * The venv comes from tools/python-venv (cached; a first run installs it, with pip's progress on
 * stderr). Without Python 3.10+ and its venv module these tests fail and say so; they never skip.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type EmulatorOptions } from "../../emulator";
import type { EmulatorAccount } from "../../emulator/api/accounts";
import { ERROR_CATALOGUE } from "../../emulator/api/errors";
import { DEFAULT_SEMANTICS, SEMANTICS_KEYS, type SemanticsProfile } from "../../emulator/api/semantics";
import { findRepoRoot } from "../../tools/repo-root";
import { obtainVenv, type Venv } from "../../tools/python-venv/obtain";
import { PROFILES } from "../../tools/semantics-profiles";

const SOURCE_DIR = path.join(findRepoRoot(__dirname), "tests", "conformance", "official-sdk");
const REQUIREMENTS = path.join(SOURCE_DIR, "requirements.txt");
const PROGRAM = path.join(SOURCE_DIR, "conformance.py");
/** The SDKs the suite is about; their pinned versions are read from the requirements file. */
const SDKS = ["alibabacloud-live20161101", "alibabacloud-sts20150401"] as const;
/** One run of the program: 80 HTTP calls to loopback. */
const RUN_TIMEOUT_MS = 120_000;

/** Test keys only (the emulator's own, for this run). */
const ACCOUNTS = {
    full: { accessKeyId: "ConformanceFullKey", accessKeySecret: "conformance-full-secret", accountId: "1000000000000001" },
    reader: { accessKeyId: "ConformanceReadOnlyKey", accessKeySecret: "conformance-reader-secret", accountId: "1000000000000001", readOnly: true },
    sts: {
        accessKeyId: "STS.ConformanceKey",
        accessKeySecret: "conformance-sts-secret",
        accountId: "1000000000000002",
        securityToken: "conformance-sts-token",
    },
    expired: {
        accessKeyId: "STS.ConformanceExpiredKey",
        accessKeySecret: "conformance-expired-secret",
        accountId: "1000000000000002",
        securityToken: "conformance-expired-token",
        expiresAt: Date.now() - 3_600_000,
    },
} as const satisfies Record<string, EmulatorAccount>;

/** The groups conformance.py reports, each with the fewest cases a complete run has. */
const GROUPS: ReadonlyArray<readonly [string, number]> = ["V3", "V2"].flatMap(
    (sig) =>
        [
            [`actions (${sig} signature)`, 8],
            [`snapshot callbacks (${sig} signature)`, 10],
            [`app configurations (${sig} signature)`, 9],
            [`stream callbacks (${sig} signature)`, 11],
            [`error codes (${sig} signature)`, 28],
            [`STS GetCallerIdentity (${sig} signature)`, 3],
        ] as const,
);

interface CaseRecord {
    readonly type: "case";
    readonly group: string;
    readonly name: string;
    readonly ok: boolean;
    readonly detail?: string;
}
interface Report {
    readonly versions?: { readonly python: string; readonly packages: Record<string, string> };
    readonly cases: CaseRecord[];
    readonly done?: { readonly cases: number; readonly codes: readonly string[] };
    readonly stderr: string;
    readonly code: number | null;
}

function pickSemantics(options: EmulatorOptions): Partial<SemanticsProfile> {
    return Object.fromEntries(SEMANTICS_KEYS.filter((key) => options[key] !== undefined).map((key) => [key, options[key]]));
}

function pinnedVersion(pkg: string): string {
    const line = fs
        .readFileSync(REQUIREMENTS, "utf8")
        .split("\n")
        .find((l) => l.startsWith(`${pkg}==`));
    assert.ok(line, `${pkg} is pinned in ${REQUIREMENTS}`);
    return line.slice(pkg.length + 2).trim();
}

function runProgram(venv: Venv, args: readonly string[]): Promise<Report> {
    return new Promise((resolve, reject) => {
        const child = spawn(venv.python, [PROGRAM, ...args], {
            stdio: ["ignore", "pipe", "pipe"],
            env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
        });
        let stdout = "";
        let stderr = "";
        const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
        child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-10_000)));
        child.once("error", (error) => {
            clearTimeout(timer);
            reject(error);
        });
        child.once("close", (code) => {
            clearTimeout(timer);
            const report: { -readonly [K in keyof Report]: Report[K] } = { cases: [], stderr, code };
            for (const line of stdout.split("\n").filter((l) => l.trim() !== "")) {
                const record = JSON.parse(line) as { type: string };
                if (record.type === "versions") report.versions = record as unknown as Report["versions"];
                else if (record.type === "case") report.cases.push(record as CaseRecord);
                else if (record.type === "done") report.done = record as unknown as Report["done"];
            }
            resolve(report);
        });
    });
}

describe("official Python SDK conformance (alibabacloud-live20161101, alibabacloud-sts20150401) against the emulator", function () {
    // A cold first run installs the venv from the package index (pip's progress goes to stderr).
    this.timeout(25 * 60_000);
    let venv: Venv;
    /** The error codes the cases met as they expected, over every profile. */
    const codesMet = new Set<string>();

    before(async () => {
        venv = await obtainVenv({ name: "official-sdk", requirementsFile: REQUIREMENTS, probeModule: "alibabacloud_live20161101" });
        const versions = SDKS.map((pkg) => `${pkg} ${pinnedVersion(pkg)}`).join(", ");
        console.log(
            `      official SDKs: ${versions} (Python ${venv.pythonVersion}, venv ${venv.source === "cache" ? "cached" : "installed just now"} in ${venv.dir})`,
        );
    });

    for (const profile of PROFILES) {
        describe(`emulator profile: ${profile.name}`, () => {
            let report: Report;

            before(async function () {
                this.timeout(RUN_TIMEOUT_MS + 30_000);
                const options: EmulatorOptions = {
                    ...profile.options,
                    accounts: Object.values(ACCOUNTS),
                    stsPort: 0,
                    // Quota is exercised by its own case (which lowers it over the admin API), not by the pace of the rest.
                    writeQps: 10_000,
                    readQps: 10_000,
                    actionQps: { "*": 10_000 },
                };
                const emulator = await startEmulator(options);
                try {
                    // What the program must expect: the whole profile (defaults filled in) and whether throttles carry x-acs-retry-after.
                    const profileJson = {
                        ...DEFAULT_SEMANTICS,
                        ...pickSemantics(profile.options),
                        retryAfterHeader: profile.options.retryAfterHeader ?? false,
                    };
                    report = await runProgram(venv, [
                        "--endpoint",
                        emulator.endpoint,
                        "--sts-endpoint",
                        emulator.sts!.endpoint,
                        "--profile",
                        JSON.stringify(profileJson),
                        "--accounts",
                        JSON.stringify(ACCOUNTS),
                    ]);
                } finally {
                    await emulator.stop();
                }
                for (const code of report.done?.codes ?? []) codesMet.add(code);
            });

            it("runs the pinned SDK versions, and every case to the end", () => {
                assert.equal(report.code, 0, `conformance.py exited with ${report.code}:\n${report.stderr}`);
                for (const pkg of SDKS) assert.equal(report.versions?.packages[pkg], pinnedVersion(pkg), pkg);
                assert.ok(report.done, `conformance.py stopped before its end:\n${report.stderr}`);
                assert.equal(report.done.cases, report.cases.length);
                const known = new Set(GROUPS.map(([group]) => group));
                assert.deepEqual(
                    report.cases.filter((c) => !known.has(c.group)).map((c) => c.group),
                    [],
                    "cases outside the known groups",
                );
            });

            for (const [group, fewest] of GROUPS) {
                it(group, () => {
                    const cases = report.cases.filter((c) => c.group === group);
                    assert.ok(cases.length >= fewest, `${group}: ${cases.length} cases ran, a complete run has at least ${fewest}`);
                    const failed = cases.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail ?? "failed"}`);
                    assert.deepEqual(failed, [], `${failed.length} of ${cases.length} cases failed:\n${failed.join("\n")}`);
                });
            }
        });
    }

    // A suite's own tests run before its nested suites: this one must be a suite after the profiles.
    describe("over every profile", () => {
        it("met every error code the emulator models, through the official SDK", () => {
            const missed = Object.keys(ERROR_CATALOGUE).filter((code) => !codesMet.has(code));
            assert.deepEqual(missed, [], "catalogued codes no case met");
        });
    });
});
