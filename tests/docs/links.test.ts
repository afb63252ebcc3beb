/** Every relative link and #anchor in README.md, docs/ and the examples' READMEs resolves, by GitHub's anchor rules. */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { anchors, docFiles, exampleReadmes, isExternal, links, readDoc, slug } from "../support/markdown";
import { repoRoot } from "../provider/resource/fixtures";

/** The problems with one document's links: missing files and anchors no heading defines. */
function brokenLinks(root: string, doc: string, markdown: string, anchorsOf: (file: string) => Set<string>): string[] {
    const problems: string[] = [];
    for (const { target, line } of links(markdown)) {
        if (isExternal(target)) continue;
        const hash = target.indexOf("#");
        const filePart = hash < 0 ? target : target.slice(0, hash);
        const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
        const file = filePart === "" ? doc : path.posix.normalize(path.posix.join(path.posix.dirname(doc), filePart));
        if (!existsSync(path.join(root, file))) {
            problems.push(`${doc}:${line}: ${target}: no file ${file}`);
        } else if (anchor !== undefined) {
            if (!file.endsWith(".md")) problems.push(`${doc}:${line}: ${target}: an anchor into a file that is not Markdown`);
            else if (!anchorsOf(file).has(anchor)) problems.push(`${doc}:${line}: ${target}: no heading in ${file} has the anchor #${anchor}`);
        }
    }
    return problems;
}

describe("docs: links and anchors", () => {
    const root = repoRoot();
    const cache = new Map<string, Set<string>>();
    const anchorsOf = (file: string) => {
        if (!cache.has(file)) cache.set(file, anchors(readDoc(file, root)));
        return cache.get(file)!;
    };

    it("slugs headings as GitHub does", () => {
        assert.equal(slug("The `LiveRecordNotifyConfig` resource"), "the-liverecordnotifyconfig-resource");
        assert.equal(slug("Many pipelines, one account"), "many-pipelines-one-account");
        assert.equal(slug("`--n N`"), "--n-n");
        assert.equal(slug("`clock`, `sleep`, `random`"), "clock-sleep-random");
        assert.deepEqual([...anchors("# A\n## Options\n```\n# not a heading\n```\n### Options\n")], ["a", "options", "options-1"]);
    });

    it("finds a missing file and a missing anchor", () => {
        const problems = brokenLinks(root, "README.md", "[a](docs/none.md) [b](docs/resource.md#no-such-heading) [c](#quick-start)", anchorsOf);
        assert.equal(problems.length, 2, problems.join("\n"));
        assert.match(problems[0], /no file docs\/none\.md/);
        assert.match(problems[1], /no heading in docs\/resource\.md has the anchor #no-such-heading/);
    });

    it("README.md links to every page in docs/", () => {
        const targets = new Set(links(readDoc("README.md", root)).map((l) => l.target.split("#")[0]));
        const unlinked = docFiles(root).filter((f) => f.startsWith("docs/") && !targets.has(f));
        assert.deepEqual(unlinked, [], `docs pages the README does not link to: ${unlinked.join(", ")}`);
    });

    for (const doc of [...docFiles(root), ...exampleReadmes(root)]) {
        it(`every relative link and anchor in ${doc} resolves`, () => {
            const markdown = readDoc(doc, root);
            assert.ok(links(markdown).length > 0 || doc !== "README.md", "README.md has no links");
            const problems = brokenLinks(root, doc, markdown, anchorsOf);
            assert.deepEqual(problems, [], problems.join("\n"));
        });
    }
});
