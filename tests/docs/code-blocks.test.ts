/**
 * Every ```ts block in README.md and docs/ type-checks against the package's public types, so the
 * examples cannot rot. Each block is its own module; `pulumi-alicloud-live` resolves to provider/index.ts
 * through the repository's tsconfig `paths`. A block that is deliberately a fragment carries a
 * `<!-- not-checked: reason -->` comment on the line before its fence.
 */
import assert from "node:assert/strict";
import path from "node:path";
import ts from "typescript";
import { codeBlocks, docFiles, readDoc } from "../support/markdown";
import { repoRoot } from "../provider/resource/fixtures";

const TS_LANGS = new Set(["ts", "typescript"]);

interface Snippet {
    readonly doc: string;
    readonly line: number;
    readonly fileName: string;
    readonly text: string;
}

function snippets(root: string): { checked: Snippet[]; skipped: string[] } {
    const checked: Snippet[] = [];
    const skipped: string[] = [];
    for (const doc of docFiles(root)) {
        for (const block of codeBlocks(readDoc(doc, root))) {
            if (!TS_LANGS.has(block.lang)) continue;
            if (block.notChecked !== undefined) {
                skipped.push(`${doc}:${block.line} (${block.notChecked})`);
                continue;
            }
            const fileName = path.join(root, ".docs-blocks", `${doc.replace(/[^\w]/g, "_")}_L${block.line}.ts`);
            // `export {}` makes each block a module, so names declared in two blocks do not collide.
            checked.push({ doc, line: block.line, fileName, text: `${block.code}\nexport {};\n` });
        }
    }
    return { checked, skipped };
}

/** The repository's compiler options, as an ES module so examples may use top-level `await`. */
function compilerOptions(root: string): ts.CompilerOptions {
    const parsed = ts.getParsedCommandLineOfConfigFile(
        path.join(root, "tsconfig.json"),
        {},
        {
            ...ts.sys,
            onUnRecoverableConfigFileDiagnostic: (d) => {
                throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
            },
        },
    );
    assert.ok(parsed, "tsconfig.json could not be read");
    return { ...parsed.options, noEmit: true, module: ts.ModuleKind.ES2022, declaration: false };
}

/** Type-checks the snippets (held in memory, never written) and returns one message per error. */
function typeCheck(root: string, list: readonly Snippet[]): string[] {
    const options = compilerOptions(root);
    const byName = new Map(list.map((s) => [path.normalize(s.fileName), s]));
    const host = ts.createCompilerHost(options);
    const snippetOf = (fileName: string) => byName.get(path.normalize(fileName));
    const { fileExists, readFile, getSourceFile } = host;
    host.fileExists = (f) => snippetOf(f) !== undefined || fileExists.call(host, f);
    host.readFile = (f) => snippetOf(f)?.text ?? readFile.call(host, f);
    host.getSourceFile = (f, languageVersion, ...rest) => {
        const s = snippetOf(f);
        return s ? ts.createSourceFile(f, s.text, languageVersion, true) : getSourceFile.call(host, f, languageVersion, ...rest);
    };
    const program = ts.createProgram({ rootNames: list.map((s) => s.fileName), options, host });
    return ts.getPreEmitDiagnostics(program).map((d) => {
        const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
        const s = d.file ? snippetOf(d.file.fileName) : undefined;
        if (!s || d.start === undefined) return `${d.file?.fileName ?? "(no file)"}: ${message}`;
        const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start);
        return `${s.doc}:${s.line + line}:${character + 1}: TS${d.code} ${message}`;
    });
}

/** A block known to be wrong, checked along with the docs' blocks to prove errors are found and placed. */
const BROKEN_DOC = "docs/deliberately-broken.md";

describe("docs: TypeScript code blocks", () => {
    const root = repoRoot();
    const { checked, skipped } = snippets(root);
    let errors: string[] = [];

    before(function () {
        this.timeout(180_000); // one program over the provider's sources and @pulumi/pulumi's types
        const broken: Snippet = {
            doc: BROKEN_DOC,
            line: 10,
            fileName: path.join(root, ".docs-blocks", "deliberately-broken.ts"),
            text: 'import { LiveRecordNotifyConfig } from "pulumi-alicloud-live";\nnew LiveRecordNotifyConfig("x", { domainName: 1 });\nexport {};\n',
        };
        errors = typeCheck(root, [...checked, broken]);
    });

    it("finds the README's and docs' TypeScript examples, few of them left unchecked", () => {
        assert.ok(
            checked.some((s) => s.doc === "README.md"),
            "README.md has no ```ts block",
        );
        assert.ok(
            checked.some((s) => s.doc.startsWith("docs/")),
            "docs/ has no ```ts block",
        );
        assert.ok(skipped.length <= checked.length / 4, `too many not-checked blocks: ${skipped.join(", ")}`);
    });

    it("type-checks every block against the package's public types", () => {
        const real = errors.filter((e) => !e.startsWith(`${BROKEN_DOC}:`));
        assert.deepEqual(real, [], `code blocks that do not type-check:\n${real.join("\n")}`);
    });

    it("reports a broken block by its file and line", () => {
        const found = errors.filter((e) => e.startsWith(`${BROKEN_DOC}:`));
        assert.ok(found.length > 0 && found.every((e) => e.startsWith(`${BROKEN_DOC}:11:`)), found.join("\n") || "no error reported");
    });
});
