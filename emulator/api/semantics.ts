/**
 * Semantics profiles: one switch per behaviour of the Live API that no document settles (see the
 * table of open questions in docs/reliability.md), each applying to every action it concerns. Each switch picks one plausible reading; the defaults are the
 * readings the emulator has always modelled, so a provider can be proven right under every reading.
 */

/** The readings of each open question. The first value of each list is the default. */
export const SEMANTICS_CHOICES = {
    /** An optional field left out of UpdateLiveRecordNotifyConfig returns to its default, or keeps its stored value. */
    updateOmitted: ["reset", "keep"],
    /** An explicitly empty OnDemandUrl means "none", or is refused as InvalidOnDemandUrl.Malformed. */
    emptyUrl: ["clear", "malformed"],
    /** Describe returns NotifyAuthKey as stored, masked (`ab****yz`), or not at all. */
    describeAuthKey: ["clear", "masked", "absent"],
    /**
     * How Describe writes NeedStatusNotify/NotifyReqAuth: JSON booleans, or the strings "yes"/"no" (the official
     * SDK's Describe model lists yes/no for NotifyReqAuth). Requests take true/false and yes/no under both: the
     * official SDKs (Python 3.0.2, TypeScript) type both as booleans in Add and Update and send "true"/"false",
     * and a service its own SDK cannot call is no plausible reading. (This profile once refused true/false;
     * the official-SDK conformance suite, tests/conformance/official-sdk/, showed that reading impossible.)
     */
    boolWire: ["bool", "yesno"],
    /** Describe of a domain without a config: 404 InvalidConfig.NotFound, or 200 with an empty LiveRecordNotifyConfig. */
    missingConfig: ["404", "empty"],
    /**
     * NotifyAuthKey's rule: 16-32 ASCII letters and digits (what the AddLiveRecordNotifyConfig and
     * UpdateLiveRecordNotifyConfig pages and the official SDK 3.0.2 models say), or none beyond being
     * non-empty (the same pages' Describe example shows a 33-character key, so whether the service
     * enforces the rule is open). A refused key answers InvalidNotifyAuthKey.Malformed with the rule.
     */
    authKeyRule: ["16-32-alnum", "none"],
    /** The answer to a call over quota (`429`: HTTP 429 with code `Throttling`; the others HTTP 400). */
    throttleCode: ["Throttling.User", "Throttling.Api", "Throttling", "429"],
    /**
     * An Add on an identity that already has a configuration, where no page says what happens
     * (AddLiveSnapshotNotifyConfig): refused with ConfigAlreadyExists, as the documented Adds are, or
     * taken as an overwrite. AddLiveRecordNotifyConfig refuses under both (its older page lists the code).
     */
    addExisting: ["refuse", "overwrite"],
    /**
     * What the `*` app's configuration (which AddLiveAppRecordConfig and AddLiveAppSnapshotConfig take for
     * every app) does to a Describe asked for one app: nothing (`separate`: it lists that app's
     * configurations only), or it is listed too (`listed`: first), as the configuration in force for it.
     */
    starApp: ["separate", "listed"],
} as const;

export type SemanticsKey = keyof typeof SEMANTICS_CHOICES;

export type SemanticsProfile = { readonly [K in SemanticsKey]: (typeof SEMANTICS_CHOICES)[K][number] };

export const DEFAULT_SEMANTICS: SemanticsProfile = {
    updateOmitted: "reset",
    emptyUrl: "clear",
    describeAuthKey: "clear",
    boolWire: "bool",
    missingConfig: "404",
    authKeyRule: "16-32-alnum",
    throttleCode: "Throttling.User",
    addExisting: "refuse",
    starApp: "separate",
};

export const SEMANTICS_KEYS = Object.keys(SEMANTICS_CHOICES) as SemanticsKey[];

export function isSemanticsValue<K extends SemanticsKey>(key: K, value: unknown): value is SemanticsProfile[K] {
    return (SEMANTICS_CHOICES[key] as readonly unknown[]).includes(value);
}

/** How Describe shows a stored key under `masked`: the first and last two characters, the rest hidden. */
export function maskAuthKey(key: string): string {
    return `${key.slice(0, 2)}****${key.slice(-2)}`;
}

/** Describe's `NotifyAuthKey` field as the profile's `describeAuthKey` says: the key, its mask, or no field; "" when unset. */
export function describedAuthKey(key: string | undefined, semantics: SemanticsProfile): { NotifyAuthKey?: string } {
    if (semantics.describeAuthKey === "absent") return {};
    const value = key ?? "";
    return { NotifyAuthKey: semantics.describeAuthKey === "masked" && value !== "" ? maskAuthKey(value) : value };
}
