/**
 * The Markdown the docs tests read: which files are the docs, their fenced code blocks, headings (with
 * GitHub's anchor slugs) and links. Pure parsing, except `docFiles`/`readDoc`, which list and read.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../provider/resource/fixtures";

/** README.md and every docs/*.md, as paths relative to the repository root. */
export function docFiles(root: string = repoRoot()): string[] {
    const docs = readdirSync(path.join(root, "docs"))
        .filter((f) => f.endsWith(".md"))
        .sort()
        .map((f) => `docs/${f}`);
    return ["README.md", ...docs];
}

/** The examples' own README.md files, relative to the repository root. */
export function exampleReadmes(root: string = repoRoot()): string[] {
    return readdirSync(path.join(root, "examples"), { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(path.join(root, "examples", d.name, "README.md")))
        .map((d) => `examples/${d.name}/README.md`)
        .sort();
}

export function readDoc(file: string, root: string = repoRoot()): string {
    return readFileSync(path.join(root, file), "utf8");
}

export interface CodeBlock {
    /** The info string after the opening fence: `ts`, `sh`, "" ... */
    readonly lang: string;
    readonly code: string;
    /** 1-based line of the block's first code line. */
    readonly line: number;
    /** The reason given by a `<!-- not-checked: reason -->` comment on the line before the fence, if any. */
    readonly notChecked?: string;
}

const FENCE = /^\s*```\s*([\w-]*)/;
const NOT_CHECKED = /^<!--\s*not-checked:\s*(.*?)\s*-->$/;

/** Fenced code blocks, in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
    const lines = markdown.split("\n");
    const blocks: CodeBlock[] = [];
    for (let i = 0; i < lines.length; i++) {
        const open = FENCE.exec(lines[i]);
        if (!open) continue;
        const start = i + 1;
        let end = start;
        while (end < lines.length && !FENCE.test(lines[end])) end++;
        const reason = i > 0 ? NOT_CHECKED.exec(lines[i - 1].trim())?.[1] : undefined;
        blocks.push({
            lang: open[1],
            code: lines.slice(start, end).join("\n"),
            line: start + 1,
            ...(reason !== undefined ? { notChecked: reason } : {}),
        });
        i = end;
    }
    return blocks;
}

/** The lines outside fenced code blocks, with their 1-based numbers; the prose the other parsers read. */
export function proseLines(markdown: string): { readonly line: number; readonly text: string }[] {
    const out: { line: number; text: string }[] = [];
    let inFence = false;
    markdown.split("\n").forEach((text, i) => {
        if (FENCE.test(text)) inFence = !inFence;
        else if (!inFence) out.push({ line: i + 1, text });
    });
    return out;
}

/**
 * GitHub's anchor for a heading: markup dropped, lowercased, every character that is not a letter, a
 * digit, `_`, `-` or a space removed, spaces turned into `-`.
 */
export function slug(heading: string): string {
    return heading
        .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
        .replace(/<[^>]+>/g, "")
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}_\- ]/gu, "")
        .replace(/ /g, "-");
}

/** Every anchor the file's headings define; a repeated heading gets `-1`, `-2`, ... as on GitHub. */
export function anchors(markdown: string): Set<string> {
    const seen = new Map<string, number>();
    const result = new Set<string>();
    for (const { text } of proseLines(markdown)) {
        const heading = /^#{1,6} (.*)$/.exec(text);
        if (!heading) continue;
        const base = slug(heading[1]);
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        result.add(n === 0 ? base : `${base}-${n}`);
    }
    return result;
}

export interface Link {
    readonly target: string;
    readonly line: number;
}

/** Inline links `[text](target)` in the prose, code spans left out. */
export function links(markdown: string): Link[] {
    const out: Link[] = [];
    for (const { line, text } of proseLines(markdown)) {
        const prose = text.replace(/`[^`]*`/g, "");
        for (const m of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) out.push({ target: m[1], line });
    }
    return out;
}

/** True for a link that leaves the repository (a URL with a scheme, or mail). */
export function isExternal(target: string): boolean {
    return /^[a-z][a-z0-9+.-]*:/i.test(target);
}

/** The text under the heading `title` (code blocks included), up to the next heading of its level or higher. */
export function section(markdown: string, title: string): string {
    const lines = markdown.split("\n");
    const prose = new Set(proseLines(markdown).map((p) => p.line - 1));
    const level = (i: number) => (prose.has(i) ? (/^(#{1,6}) /.exec(lines[i])?.[1]!.length ?? 0) : 0);
    const start = lines.findIndex((l, i) => level(i) > 0 && l.replace(/^#+ /, "") === title);
    if (start < 0) throw new Error(`no heading "${title}"`);
    let end = start + 1;
    while (end < lines.length && !(level(end) > 0 && level(end) <= level(start))) end++;
    return lines.slice(start + 1, end).join("\n");
}
