/**
 * The dynamic-provider host's "created, but failed to initialize" error. Thrown from `create` when a
 * failure follows a change in the cloud: the host sees `id` and reports ErrorResourceInitFailed, so the
 * engine keeps the resource in state (with these properties) instead of forgetting a configuration
 * that exists. Forgotten, it would block the next create with "already exists".
 */
import { PROVIDER_KEY, withoutUndefined } from "./inputs";

export class ResourceInitError extends Error {
    override readonly name = "ResourceInitError";
    /** The resource id: the domain. */
    readonly id: string;
    /** Outputs as the cloud now holds them, plus `__provider` (the host does not add it to these). */
    readonly properties: Readonly<Record<string, unknown>>;
    /** What went wrong, shown by the engine. */
    readonly reasons: readonly string[];

    constructor(id: string, outputs: object, providerText: unknown, cause: unknown, advice?: string) {
        const message = [errorMessage(cause), advice].filter(Boolean).join(" ");
        super(message, { cause });
        this.id = id;
        // Delete and refresh run the code recorded in the stored outputs' `__provider`; without it they fail.
        this.properties = withoutUndefined({ ...outputs, [PROVIDER_KEY]: providerText });
        this.reasons = [message];
    }
}

function errorMessage(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
