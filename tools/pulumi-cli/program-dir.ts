/**
 * A Pulumi project folder for a plain-JavaScript program that uses this package INSTALLED, as a user
 * has it (so Pulumi serializes the provider as a `require` by package name): `installedCopyProjectDir`
 * plus the program as `index.js`, its package.json and `Pulumi.yaml`. Plain JavaScript needs no ts-node.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { installedCopyProjectDir, type ProjectDir } from "../host-driver/project-dir";

export interface ProgramDirOptions {
    /** The compiled tree holding `provider/` (the repository's `dist/`). */
    readonly buildRoot: string;
    readonly repoRoot: string;
    /** The Pulumi project name. */
    readonly project: string;
    /** The program's JavaScript source. */
    readonly program: string;
}

export function programDir(options: ProgramDirOptions): ProjectDir {
    const project = installedCopyProjectDir(options);
    fs.writeFileSync(path.join(project.dir, "index.js"), options.program);
    fs.writeFileSync(path.join(project.dir, "package.json"), `${JSON.stringify({ name: options.project, private: true, main: "index.js" })}\n`);
    fs.writeFileSync(path.join(project.dir, "Pulumi.yaml"), `name: ${options.project}\nruntime: nodejs\n`);
    return project;
}
