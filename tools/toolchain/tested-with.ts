/**
 * What the version sets mean for users, rendered from version-sets.ts: the README's "Tested with"
 * table, and the `engines` and `@pulumi/pulumi` peer ranges of package.json (exactly what the tests
 * run, no wider). Pure; tests/tools/toolchain/tested-with.test.ts fails when the README or package.json differ.
 */
import type { VersionSet } from "./version-sets";

export const TABLE_START = "<!-- tested-with: generated from tools/toolchain/version-sets.ts (tests/tools/toolchain/tested-with.test.ts) -->";
export const TABLE_END = "<!-- /tested-with -->";

const nodeCell = (set: VersionSet) => (set.node.includes(".") ? set.node : `${set.node}.x`);

/** The markdown table, between its markers. */
export function testedWithTable(sets: readonly VersionSet[]): string {
    return [
        TABLE_START,
        "| Set | Node.js | `@pulumi/pulumi` | Pulumi CLI | Node.js language host |",
        "|---|---|---|---|---|",
        ...sets.map((s) => `| ${s.name} | ${nodeCell(s)} | ${s.sdk} | v${s.cli.version} | \`${s.languageHost.replace(/ v/, "` v")} |`),
        TABLE_END,
    ].join("\n");
}

/** The table as it stands in `markdown` (markers included), or undefined. */
export function tableIn(markdown: string): string | undefined {
    const start = markdown.indexOf(TABLE_START);
    const end = markdown.indexOf(TABLE_END);
    return start >= 0 && end > start ? markdown.slice(start, end + TABLE_END.length) : undefined;
}

/** `engines.node`: each set's Node, from its tested version up within its major. */
export function enginesRange(sets: readonly VersionSet[]): string {
    return sets.map((s) => `^${s.node}`).join(" || ");
}

/** The `@pulumi/pulumi` peer range: from the oldest to the newest tested SDK. */
export function peerRange(sets: readonly VersionSet[]): string {
    const versions = sets.map((s) => s.sdk).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    return `>=${versions[0]} <=${versions.at(-1)}`;
}
