/**
 * Preloaded into a provider host by tests (`NODE_OPTIONS=--require .../host-probe.js`): counts, inside
 * the host process, how often the provider module (`provider/dynamic/provider.js`) is compiled and how
 * many `__provider` texts the host deserializes (require-from-string compiles them with an empty
 * filename), and writes the counts to `$HOST_PROBE_FILE` after each change. It observes; it changes
 * nothing the host or the provider does.
 */
import * as fs from "node:fs";
import * as path from "node:path";

interface Compiler {
    _compile(content: string, filename: string): unknown;
}

const counts = { providerModuleLoads: 0, deserializedProviders: 0 };
const out = process.env.HOST_PROBE_FILE;
const providerModule = path.join("provider", "dynamic", "provider.js");

const proto = (require("node:module") as { prototype: Compiler }).prototype;
const compile = proto._compile;

proto._compile = function (this: Compiler, content: string, filename: string) {
    if (filename === "") counts.deserializedProviders++;
    else if (filename.endsWith(providerModule)) counts.providerModuleLoads++;
    if (out) fs.writeFileSync(out, JSON.stringify(counts));
    return compile.call(this, content, filename);
};
