import { strict as assert } from "node:assert";
import { findPython, judgeProbe, PythonVenvError, PYTHON_ENV_VAR } from "../../../tools/python-venv/python";

describe("tools/python-venv/python", () => {
    it("takes Python 3.10 and newer with venv, naming the interpreter behind any shim", () => {
        assert.deepEqual(judgeProbe("python3", 0, "3.11.7\n/usr/bin/python3.11\n", "", false), {
            ok: true,
            python: { version: "3.11.7", executable: "/usr/bin/python3.11" },
        });
        assert.equal(judgeProbe("python3", 0, "3.10.0\n/x\n", "", false).ok, true);
    });

    it("refuses what cannot make the venv, saying why", () => {
        const problem = (r: ReturnType<typeof judgeProbe>) => (r.ok ? "" : r.problem);
        assert.equal(problem(judgeProbe("python3", 0, "3.9.18\n/x\n", "", false)), "python3: Python 3.9.18 is older than 3.10");
        assert.equal(
            problem(judgeProbe("python3", 1, "", "ModuleNotFoundError: No module named 'ensurepip'\n", false)),
            "python3: has no `ensurepip` module",
        );
        assert.equal(problem(judgeProbe("python", null, "", "", true)), "python: not found");
    });

    it("fails (never skips) with the fix when no usable Python is there", () => {
        assert.throws(
            () => findPython({ ...process.env, [PYTHON_ENV_VAR]: "/nonexistent/python3" }),
            (error: unknown) =>
                error instanceof PythonVenvError &&
                /No Python 3\.10 or newer with the venv module \(\/nonexistent\/python3: not found\)/.test(error.message) &&
                /apt-get install python3 python3-venv/.test(error.message) &&
                error.message.includes(PYTHON_ENV_VAR),
        );
    });
});
