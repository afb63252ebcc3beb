/**
 * Provider-side options every resource has: properties of the table that are never sent to the
 * service (`output: false`). Defined once, referenced by each table. Data only.
 */

/** `adoptExisting`: take over a configuration the identity (`holder`: "domain", "app") already has at create time. */
export function adoptExistingOption<H extends string>(holder: H) {
    return {
        name: "adoptExisting",
        type: "boolean",
        required: false,
        secret: false,
        replaces: false,
        output: false,
        description:
            `When the ${holder} already has a configuration at create time, take it over and bring it to the declared state ` +
            "instead of failing. Not sent to the service.",
    } as const;
}
