/** The short README.md inside each archive: what the executable is, how to install it, what it is built from. Pure. */
import { PACKAGE } from "../../provider/plugin/tokens";
import type { Platform } from "./platforms";

export function archiveReadme(version: string, platform: Platform, executable: string): string {
    const lines = [
        `# ${executable} ${version} (${platform.name})`,
        "",
        `The Pulumi resource provider plugin for Alibaba Cloud ApsaraVideo Live recording callbacks (package \`${PACKAGE}\`),`,
        `as one executable with Node.js ${platform.node.version} inside (a Node.js single executable application): it needs no`,
        "Node.js installed.",
        "",
        "Install it for the Pulumi CLI:",
        "",
        "```sh",
        `pulumi plugin install resource ${PACKAGE} ${version} --file pulumi-resource-${PACKAGE}-v${version}-${platform.name}.tar.gz`,
        "```",
        "",
        `or put \`${executable}\` on \`PATH\`. A program whose SDK names the plugin's download URL gets it by itself.`,
        "",
    ];
    if (platform.os === "darwin")
        lines.push(
            "macOS: the executable carries an ad-hoc signature (no Apple Developer ID, not notarized). Pulumi's own",
            "download is not quarantined and runs it; a copy downloaded with a browser is, so clear that first:",
            `\`xattr -d com.apple.quarantine ${executable}\`.`,
            "",
        );
    lines.push(
        "LICENSE is this plugin's license (Apache-2.0); NODE-LICENSE is the license of Node.js and the libraries",
        "built into it. The bundled npm packages' license comments are at the end of the embedded script.",
        "",
    );
    return lines.join("\n");
}
