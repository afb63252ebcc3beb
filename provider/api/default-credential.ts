/**
 * The `@alicloud/credentials` default chain (environment, OIDC role, CLI profile, credentials file, ECS
 * RAM role, credentials URI), one per process, so that every client of the process (Live, STS) resolves
 * it once and shares what it found.
 *
 * When nothing in the chain yields credentials, the chain's own error lists each source's failure in
 * its own words (file paths, the metadata service's URL, `https://undefined/`), and the chain keeps
 * its last source as the one to ask next time, so concurrent callers each get a different fragment.
 * Here a failure is always one `NoCredentialsError` with one message, and the chain is started afresh
 * on the next call. Knows nothing of Pulumi.
 */
import Credential from "@alicloud/credentials";

/** The sources the default chain tries, in its order, as people know them. */
const DEFAULT_CHAIN_SOURCES =
    "environment variables, an OIDC role, the Alibaba Cloud CLI profile, the credentials file, the ECS instance RAM role and a credentials URI";

/** Nothing in the default chain yielded credentials. The chain's own words are not kept: they quote internal URLs. */
export class NoCredentialsError extends Error {
    override readonly name = "NoCredentialsError";
    constructor() {
        super(`no credentials were found in any source of the default chain (${DEFAULT_CHAIN_SOURCES})`);
    }
}

/** What a signing client asks of a credential (openapi-core calls `getCredential` before each request). */
export interface CredentialSource {
    getCredential(): Promise<{
        readonly accessKeyId?: string;
        readonly accessKeySecret?: string;
        readonly securityToken?: string;
        /** The chain's name for where they came from, e.g. `default/env`. */
        readonly providerName?: string;
    }>;
}

class DefaultChain implements CredentialSource {
    #chain = new Credential();

    async getCredential(): ReturnType<Credential["getCredential"]> {
        try {
            return await this.#chain.getCredential();
        } catch {
            // The chain remembers its last source as the one to ask next; start it afresh instead.
            this.#chain = new Credential();
            throw new NoCredentialsError();
        }
    }
}

let shared: DefaultChain | undefined;

/** The process's default chain. */
export function defaultCredential(): CredentialSource {
    shared ??= new DefaultChain();
    return shared;
}
