/** The archive command's one error type: a message saying what could not be done and why (no stack needed). */
export class PluginArchiveError extends Error {
    override readonly name = "PluginArchiveError";
}
