/**
 * The four retry strategies the benchmark sets side by side. Three are baselines, built in bench/
 * on the same resource logic (`createProvider({ apiFor })`) and loaded in the provider host through
 * a hand-written `__provider`; the fourth is the shipped provider, loaded through the text Pulumi's
 * own serialization of a `LiveRecordNotifyConfig` produces.
 */
export const STRATEGY_NAMES = ["core-default", "terraform-style", "full-jitter", "this-provider"] as const;

export type StrategyName = (typeof STRATEGY_NAMES)[number];

export interface Strategy {
    readonly name: StrategyName;
    /** The brief's letter: a, b, c, d. */
    readonly letter: string;
    readonly summary: string;
    /** The module in bench/providers/ the host loads; absent for the shipped provider. */
    readonly module?: string;
}

export const STRATEGIES: readonly Strategy[] = [
    {
        name: "core-default",
        letter: "a",
        summary: "openapi-core with its own defaults: no limiter, no retry",
        module: "core-default",
    },
    {
        name: "terraform-style",
        letter: "b",
        summary: "retry throttles and 5xx after 3 s, then every 5 s, no jitter, 5-minute deadline",
        module: "terraform-style",
    },
    {
        name: "full-jitter",
        letter: "c",
        summary: "full-jitter exponential backoff (base 1 s, cap 20 s), 5-minute deadline, no limiter",
        module: "full-jitter",
    },
    {
        name: "this-provider",
        letter: "d",
        summary: "the shipped provider: adaptive per-account limiter, full-jitter backoff, deadline",
    },
];

/** By letter ("a") or name ("core-default"). */
export function strategyByKey(key: string): Strategy | undefined {
    const k = key.trim().toLowerCase();
    return STRATEGIES.find((s) => s.letter === k || s.name === k);
}

/**
 * A `__provider` text that loads a provider module by absolute path, as a serialized provider that
 * `require`s its package would. The host caches providers by this text.
 */
export function handWrittenProviderText(modulePath: string): string {
    return `exports.handler = () => require(${JSON.stringify(modulePath)}).provider;\n`;
}
