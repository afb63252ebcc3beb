/**
 * Every ```ts block in README.md and docs/ type-checks against the package's public types, so the
 * examples cannot rot. Each block is its own module; `pulumi-alicloud-live` resolves to provider/index.ts
 * through the repository's tsconfig `paths`. A block that is deliberately a fragment carries a
 * `<!-- not-checked: reason -->` comment on the line before its fence.
 *
 * A block that shows the package's own signatures carries `<!-- signature: MODULE -->` on the line before
 * its fence (MODULE: a package entry such as `pulumi-alicloud-live/emulator`, or a source file such as
 * `provider/retry/rate-limiter` for a shape the package takes but does not name). Each interface, type,
 * function and class it declares must agree with the declaration of the same name in MODULE: interfaces,
 * types and functions both ways (nothing missing, nothing extra, the same types), a class's members as shown.
 *
 * The pages that document an options object one `###` heading per option, with a `Type: \`T\`` line (see
 * OPTION_PAGES), are checked the same way: every option of the real type has a heading, and each `T` is
 * the real option's type (both ways, `undefined` aside).
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
    /** For a signature block: the doc line of the declaration each appended comparison line checks. */
    readonly comparedAt?: ReadonlyMap<number, { readonly docLine: number; readonly name: string }>;
}

const SIGNATURE = /^<!--\s*signature:\s*(\S+)\s*-->$/;

/** The MODULE of a `<!-- signature: MODULE -->` comment on the line before the block's fence. */
function signatureModule(markdown: string, blockLine: number): string | undefined {
    const before = markdown.split("\n")[blockLine - 3];
    return before === undefined ? undefined : SIGNATURE.exec(before.trim())?.[1];
}

/** A module specifier for MODULE as seen from a snippet in `<root>/.docs-blocks/`. */
function specifierFor(module: string): string {
    return module.startsWith("pulumi-alicloud-live") ? module : `../${module}`;
}

/**
 * The block's text with, after it, one line per declaration comparing it with the real one (each a pair
 * of assignments, so the compiler names the member that differs).
 */
function withComparisons(code: string, module: string, firstLine: number): Pick<Snippet, "text" | "comparedAt"> {
    const source = ts.createSourceFile("block.ts", code, ts.ScriptTarget.Latest, true);
    const lines = [code, `import type * as __real from ${JSON.stringify(specifierFor(module))};`];
    const comparedAt = new Map<number, { docLine: number; name: string }>();
    source.forEachChild((node) => {
        const name =
            (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) &&
            node.name?.text;
        if (!name) return;
        const docLine = firstLine + source.getLineAndCharacterOfPosition(node.getStart()).line;
        const real = `__real.${name}`;
        const [doc, actual] = ts.isFunctionDeclaration(node)
            ? [`typeof ${name}`, `typeof ${real}`]
            : ts.isClassDeclaration(node)
              ? [name, `Pick<${real}, keyof ${name}>`]
              : [name, real];
        comparedAt.set(code.split("\n").length + lines.length - 1, { docLine, name });
        lines.push(
            `declare const __doc_${name}: ${doc}; declare const __real_${name}: ${actual}; export const __docToReal_${name}: ${actual} = __doc_${name}; export const __realToDoc_${name}: ${doc} = __real_${name};`,
        );
    });
    return { text: `${lines.join("\n")}\nexport {};\n`, comparedAt };
}

function snippets(root: string): { checked: Snippet[]; skipped: string[] } {
    const checked: Snippet[] = [];
    const skipped: string[] = [];
    for (const doc of docFiles(root)) {
        const markdown = readDoc(doc, root);
        for (const block of codeBlocks(markdown)) {
            if (!TS_LANGS.has(block.lang)) continue;
            if (block.notChecked !== undefined) {
                skipped.push(`${doc}:${block.line} (${block.notChecked})`);
                continue;
            }
            const fileName = path.join(root, ".docs-blocks", `${doc.replace(/[^\w]/g, "_")}_L${block.line}.ts`);
            const module = signatureModule(markdown, block.line);
            // `export {}` makes each block a module, so names declared in two blocks do not collide.
            const body = module === undefined ? { text: `${block.code}\nexport {};\n` } : withComparisons(block.code, module, block.line);
            checked.push({ doc, line: block.line, fileName, ...body });
        }
    }
    for (const page of OPTION_PAGES) checked.push(optionSnippet(root, page, readDoc(page.doc, root)));
    return { checked, skipped };
}

/** A page section that documents the options of `type`, with the imports the page's `Type:` lines need. */
interface OptionPage {
    readonly doc: string;
    readonly heading: string;
    readonly type: string;
    readonly imports: readonly string[];
}

const OPTION_PAGES: readonly OptionPage[] = [
    {
        doc: "docs/resource.md",
        heading: "Inputs",
        type: "LiveRecordNotifyConfigArgs",
        imports: ['import type { LiveRecordNotifyConfigArgs } from "pulumi-alicloud-live";', 'import type { Input } from "@pulumi/pulumi";'],
    },
    {
        doc: "docs/emulator.md",
        heading: "`startEmulator(options?)`",
        type: "EmulatorOptions",
        imports: ['import type { CallbackDeliveryOptions, EmulatorAccount, EmulatorOptions } from "pulumi-alicloud-live/emulator";'],
    },
    {
        doc: "docs/throttling.md",
        heading: "Programmatic use: `RetryingLiveApi`",
        type: "NonNullable<ConstructorParameters<typeof RetryingLiveApi>[1]>",
        imports: [
            'import type { Action, RetryingLiveApi } from "pulumi-alicloud-live";',
            // Shapes the options take that the package does not name (the page shows RateLimiter's).
            'import type { RateLimiter } from "../provider/retry/rate-limiter";',
            'import type { RetryEvent } from "../provider/retry/events";',
        ],
    },
];

/** The `###` option headings of a page section (one heading may name several: `a`, `b`) with their `Type:` line. */
function documentedOptions(markdown: string, heading: string): { names: string[]; type?: { text: string; line: number } }[] {
    const lines = markdown.split("\n");
    const start = lines.findIndex((l) => /^## /.test(l) && l.slice(3) === heading);
    if (start < 0) throw new Error(`no section "## ${heading}"`);
    const options: { names: string[]; type?: { text: string; line: number } }[] = [];
    for (let i = start + 1; i < lines.length && !/^#{1,2} /.test(lines[i]); i++) {
        const option = /^### (?:[^:]*: )?(.*)$/.exec(lines[i]);
        if (option) options.push({ names: option[1].split(",").map((n) => n.trim().replace(/`/g, "")) });
        const type = /^Type: `([^`]+)`/.exec(lines[i]);
        if (type && options.length > 0) options[options.length - 1].type = { text: type[1], line: i + 1 };
    }
    return options;
}

/** One snippet per option page: each documented option's type compared with the real one, and none left out. */
function optionSnippet(root: string, page: OptionPage, markdown: string): Snippet {
    const lines = [...page.imports, `type Options = ${page.type};`];
    const comparedAt = new Map<number, { docLine: number; name: string }>();
    const options = documentedOptions(markdown, page.heading);
    const compare = (docLine: number, name: string, check: string) => {
        comparedAt.set(lines.length, { docLine, name });
        lines.push(check);
    };
    options.forEach(({ names, type }, i) => {
        for (const name of names) {
            if (!type) continue;
            const doc = `__doc_${i}_${name}`;
            const real = `__real_${i}_${name}`;
            compare(
                type.line,
                `option ${name}`,
                `declare const ${doc}: ${type.text}; declare const ${real}: Exclude<Options[${JSON.stringify(name)}], undefined>; ` +
                    `export const __docToReal_${i}_${name}: Options[${JSON.stringify(name)}] = ${doc}; export const __realToDoc_${i}_${name}: ${type.text} = ${real};`,
            );
        }
    });
    const documented = options.flatMap((o) => o.names.map((n) => JSON.stringify(n))).join(" | ") || "never";
    const headingLine = markdown.split("\n").findIndex((l) => l === `## ${page.heading}`) + 1;
    compare(
        headingLine,
        "the options (an undocumented one is named)",
        `export const __allDocumented: [Exclude<keyof Options, ${documented}>] extends [never] ? true : { undocumented: Exclude<keyof Options, ${documented}> } = true;`,
    );
    return {
        doc: page.doc,
        line: 1,
        fileName: path.join(root, ".docs-blocks", `options_${page.doc.replace(/[^\w]/g, "_")}.ts`),
        text: `${lines.join("\n")}\nexport {};\n`,
        comparedAt,
    };
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
        const compared = s.comparedAt?.get(line);
        if (compared) return `${s.doc}:${compared.docLine}: ${compared.name} differs from the code: TS${d.code} ${message}`;
        return `${s.doc}:${s.line + line}:${character + 1}: TS${d.code} ${message}`;
    });
}

/** A block known to be wrong, checked along with the docs' blocks to prove errors are found and placed. */
const BROKEN_DOC = "docs/deliberately-broken.md";
/** A signature block that drifted from the code, checked along with them for the same reason. */
const BROKEN_SIGNATURE_DOC = "docs/deliberately-drifted.md";
/** An options page that drifted from the code, likewise. */
const BROKEN_OPTIONS_DOC = "docs/deliberately-drifted-options.md";

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
        // The limiter as docs/throttling.md once showed it: `reserve(): number`, and no `rate`.
        const driftedSignature: Snippet = {
            doc: BROKEN_SIGNATURE_DOC,
            line: 20,
            fileName: path.join(root, ".docs-blocks", "deliberately-drifted-signature.ts"),
            ...withComparisons(
                [
                    "// the limiter",
                    "interface RateLimiter {",
                    "    readonly epoch: number;",
                    "    reserve(): number;",
                    "    onThrottle(epoch?: number): boolean;",
                    "    onSuccess(): void;",
                    "    restrict(ceiling: number): void;",
                    "}",
                    "declare function onDemandAnswer(input: string): string;",
                ].join("\n"),
                "provider/retry/rate-limiter",
                20,
            ),
        };
        // An options page that says `host` is a number and leaves every other option out.
        const driftedOptions = optionSnippet(
            root,
            {
                doc: BROKEN_OPTIONS_DOC,
                heading: "Options",
                type: "EmulatorOptions",
                imports: ['import type { EmulatorOptions } from "pulumi-alicloud-live/emulator";'],
            },
            "# Page\n\n## Options\n\n### host\n\nType: `number`\n",
        );
        errors = typeCheck(root, [...checked, broken, driftedSignature, driftedOptions]);
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

    it("type-checks every block against the package's public types, and every signature block and options page against the code", () => {
        assert.ok(
            checked.some((s) => s.comparedAt !== undefined && s.comparedAt.size > 0),
            "no signature block (<!-- signature: MODULE -->) declares anything",
        );
        const real = errors.filter((e) => ![BROKEN_DOC, BROKEN_SIGNATURE_DOC, BROKEN_OPTIONS_DOC].some((doc) => e.startsWith(`${doc}:`)));
        assert.deepEqual(real, [], `code blocks that do not type-check:\n${real.join("\n")}`);
    });

    it("reports a broken block by its file and line", () => {
        const found = errors.filter((e) => e.startsWith(`${BROKEN_DOC}:`));
        assert.ok(found.length > 0 && found.every((e) => e.startsWith(`${BROKEN_DOC}:11:`)), found.join("\n") || "no error reported");
    });

    it("reports an option whose documented type is wrong by its Type line, and names the options left out", () => {
        const found = errors.filter((e) => e.startsWith(`${BROKEN_OPTIONS_DOC}:`));
        assert.ok(
            found.some((e) => e.startsWith(`${BROKEN_OPTIONS_DOC}:7: option host differs from the code:`) && /number/.test(e) && /string/.test(e)),
            `the wrong type of host is not reported:\n${found.join("\n")}`,
        );
        assert.ok(
            found.some((e) => e.startsWith(`${BROKEN_OPTIONS_DOC}:3:`) && /undocumented: .*"writeQps"/.test(e)),
            `the undocumented options are not named:\n${found.join("\n")}`,
        );
    });

    it("reports a signature that drifted from the code by its declaration's line and name", () => {
        const found = errors.filter((e) => e.startsWith(`${BROKEN_SIGNATURE_DOC}:`));
        const limiter = found.filter((e) => e.startsWith(`${BROKEN_SIGNATURE_DOC}:21: RateLimiter differs from the code:`));
        assert.ok(
            limiter.some((e) => /\brate\b/.test(e)),
            `the missing \`rate\` is not reported:\n${found.join("\n")}`,
        );
        assert.ok(
            limiter.some((e) => /number \| Promise<number>/.test(e)),
            `\`reserve(): number\` is not reported:\n${found.join("\n")}`,
        );
        assert.ok(
            found.some((e) => e.startsWith(`${BROKEN_SIGNATURE_DOC}:28: onDemandAnswer differs from the code:`)),
            `a name the module lacks is not reported:\n${found.join("\n")}`,
        );
    });
});
