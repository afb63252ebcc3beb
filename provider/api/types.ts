/**
 * The typed contract between the signed client and the layers above it, for any configuration the
 * Live API (2016-11-01) holds: property bags in, answers out. Which actions a configuration uses and
 * how its fields travel are a resource's binding (provider/resources/); this module knows nothing of
 * Pulumi or of any one resource.
 */

/** A configuration or an identity as property bags: camelCase property names to plain values. */
export type Bag = Readonly<Record<string, unknown>>;

/** Every successful answer carries the service's request id. */
export interface ApiResult {
    readonly requestId: string;
}

/**
 * How Describe showed a configuration's secret key (undocumented; see auth-key-view.ts): in clear
 * text (`key`, or none), masked, or not at all.
 */
export type AuthKeyView =
    { readonly kind: "clear"; readonly key?: string } | { readonly kind: "masked"; readonly mask: string } | { readonly kind: "absent" };

/** A configuration as Describe shows it. */
export interface Described<C = Bag> extends ApiResult {
    /** The configuration as the service stores it; its secret key only when shown in clear text. */
    readonly config: C;
    /** How the secret key was shown; left out means in clear text, as `config` has it. */
    readonly authKeyView?: AuthKeyView;
}

/**
 * What one call may be given beyond its request: its own deadline and a way to stop it. The retrying
 * client honours both; the plain client, one HTTP request per call, has no waits to cut short.
 */
export interface CallOptions {
    /** This call's budget in milliseconds, retries and waits included, instead of the client's default. */
    readonly timeoutMs?: number;
    /** Aborted: no further attempt is made and a wait in progress ends at once. */
    readonly signal?: AbortSignal;
    /**
     * Awaited before each further request of one call (the next page of a paged Describe): the retrying
     * client takes a limiter slot for it there, so every request is paced, not only the first.
     */
    readonly pace?: () => Promise<void>;
}

/**
 * The four operations on one configuration: create it, replace it, read it, remove it. `C` is the
 * configuration, `I` what identifies it (a domain, or a domain and an app). Implemented by a
 * resource's plain client (one signed call per method) and by the retrying client (pacing, backoff,
 * settling of ambiguous writes); the resource operations use only this.
 */
export interface ConfigApi<C = Bag, I = Bag> {
    add(config: C, options?: CallOptions): Promise<ApiResult>;
    update(config: C, options?: CallOptions): Promise<ApiResult>;
    describe(identity: I, options?: CallOptions): Promise<Described<C>>;
    delete(identity: I, options?: CallOptions): Promise<ApiResult>;
}
