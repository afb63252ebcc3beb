/**
 * Properties several resources' tables share, each with one rule and one wire name: the domain and the
 * app that identify a configuration, and the signing pair of a callback configuration. Each table still
 * says where they stand and what its own descriptions say. Data only.
 */
import type { RuleName } from "./rules";

/** `domainName`: the domain a configuration belongs to; part of its identity, so changing it replaces. */
export function domainNameProperty(example: string, description: string) {
    return {
        name: "domainName",
        type: "string",
        required: true,
        secret: false,
        replaces: true,
        output: true,
        rule: "domainName",
        example,
        wire: { name: "DomainName" },
        description,
    } as const;
}

/** `appName`: the app of a per-app configuration, or `*`; part of its identity. */
export function appNameProperty() {
    return {
        name: "appName",
        type: "string",
        required: true,
        secret: false,
        replaces: true,
        output: true,
        rule: "appName",
        example: "live",
        wire: { name: "AppName" },
        description: "The app, as in the ingest URL, or `*` for every app. Changing it replaces the resource.",
    } as const;
}

/**
 * `notifyReqAuth` and `notifyAuthKey`: whether callbacks are signed, and the key (a secret, required
 * when they are). `yesno`: the action types NotifyReqAuth as the strings yes/no rather than a boolean.
 */
export function signingProperties<R extends RuleName>(options: { yesno: boolean; keyRule: R; signedDescription: string }) {
    const reqAuthWire = options.yesno ? ({ name: "NotifyReqAuth", form: "yesno" } as const) : ({ name: "NotifyReqAuth" } as const);
    return [
        {
            name: "notifyReqAuth",
            type: "boolean",
            required: false,
            defaultValue: false,
            secret: false,
            replaces: false,
            output: true,
            wire: reqAuthWire,
            description: options.signedDescription,
        },
        {
            name: "notifyAuthKey",
            type: "string",
            required: false,
            secret: true,
            replaces: false,
            output: true,
            rule: options.keyRule,
            requiredWhen: { property: "notifyReqAuth", equals: true },
            wire: { name: "NotifyAuthKey" },
            clearWith: "",
            description: "The key callbacks are signed with; required when `notifyReqAuth` is true. Always stored as a secret.",
        },
    ] as const;
}
