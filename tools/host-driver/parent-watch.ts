/**
 * Preloaded into every host process this stand-in starts (`node --require parent-watch.js ...`).
 * The host never reads stdin; we keep a pipe to it open from the parent, so when the parent dies
 * (even by SIGKILL, where no exit handler runs) the pipe closes and the host exits instead of
 * lingering. It changes nothing else about the host.
 */
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
