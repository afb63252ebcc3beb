#!/usr/bin/env node
// Checked-in launcher so the package bin exists before the TypeScript build (npm links bins at install time).
require("../dist/emulator/cli/main.js").main(process.argv.slice(2));
