"use strict";
// Mocha's spec output, then the slowest test files (where `npm test`'s time goes), then the plain
// `N passed, N failed` line that CI reads, always last.
// Plain JavaScript (not compiled) so mocha can load it before anything is built.
const Mocha = require("mocha");
const { EVENT_RUN_END, EVENT_SUITE_BEGIN, EVENT_SUITE_END } = Mocha.Runner.constants;

/** How many of the slowest files are listed. */
const SLOWEST_FILES = 12;

class SummaryReporter extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        const started = new Map();
        const fileMs = new Map();
        runner.on(EVENT_SUITE_BEGIN, (suite) => {
            if (suite.file && suite.parent && suite.parent.root) started.set(suite, Date.now());
        });
        runner.on(EVENT_SUITE_END, (suite) => {
            const start = started.get(suite);
            if (start === undefined) return;
            fileMs.set(suite.file, (fileMs.get(suite.file) ?? 0) + Date.now() - start);
        });
        runner.once(EVENT_RUN_END, () => {
            const { passes, failures, pending } = runner.stats;
            const slowest = [...fileMs].sort((a, b) => b[1] - a[1]).slice(0, SLOWEST_FILES);
            if (slowest.length > 0) {
                process.stdout.write(`\nSlowest test files (s):\n`);
                for (const [file, ms] of slowest)
                    process.stdout.write(`  ${(ms / 1000).toFixed(1).padStart(7)}  ${file.replace(process.cwd() + "/", "")}\n`);
            }
            process.stdout.write(`\n${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ""}\n`);
        });
    }
}

module.exports = SummaryReporter;
