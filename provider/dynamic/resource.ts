/**
 * `LiveRecordNotifyConfig`: the recording callback configuration of one ApsaraVideo Live domain, as a
 * Pulumi resource. Its URN type is `pulumi-nodejs:dynamic/alicloud-live:LiveRecordNotifyConfig`.
 */
import * as pulumi from "@pulumi/pulumi";
import { SECRET_OUTPUTS } from "../resource/inputs";

export interface LiveRecordNotifyConfigArgs {
    /** The streaming (ingest) domain, e.g. `live.example.com`. Changing it replaces the resource. */
    readonly domainName: pulumi.Input<string>;
    /** Callback URL for recording events and recording task status; `http://` or `https://`, public host. */
    readonly notifyUrl: pulumi.Input<string>;
    /** Callback URL for on-demand recording. Removing it clears it. */
    readonly onDemandUrl?: pulumi.Input<string>;
    /** Send recording task status callbacks. Default `false`. */
    readonly needStatusNotify?: pulumi.Input<boolean>;
    /** Sign callbacks with `ALI-LIVE-SIGNATURE`. Default `false`; requires `notifyAuthKey`. */
    readonly notifyReqAuth?: pulumi.Input<boolean>;
    /** Callback signing key: use 16-32 ASCII letters and digits, as the service documents (the service applies that rule). Always stored as a secret. */
    readonly notifyAuthKey?: pulumi.Input<string>;
    /**
     * When the domain already has a configuration at create time, take it over and bring it to this
     * declared state instead of failing. The replacement for `pulumi import`, which dynamic providers lack.
     */
    readonly adoptExisting?: pulumi.Input<boolean>;
}

export class LiveRecordNotifyConfig extends pulumi.dynamic.Resource {
    /** The streaming domain; also the resource id. */
    declare readonly domainName: pulumi.Output<string>;
    declare readonly notifyUrl: pulumi.Output<string>;
    declare readonly onDemandUrl: pulumi.Output<string | undefined>;
    declare readonly needStatusNotify: pulumi.Output<boolean>;
    declare readonly notifyReqAuth: pulumi.Output<boolean>;
    /** A secret. */
    declare readonly notifyAuthKey: pulumi.Output<string | undefined>;

    constructor(name: string, args: LiveRecordNotifyConfigArgs, opts?: pulumi.CustomResourceOptions) {
        if (typeof args !== "object" || args === null) {
            throw new TypeError(`LiveRecordNotifyConfig ${name}: args must be an object with at least domainName and notifyUrl`);
        }
        // A fresh object: the base class adds `__provider` to the props it is given. Every output is a
        // key (undefined when not set) so that its Output exists.
        const props = {
            domainName: args.domainName,
            notifyUrl: args.notifyUrl,
            onDemandUrl: args.onDemandUrl,
            needStatusNotify: args.needStatusNotify,
            notifyReqAuth: args.notifyReqAuth,
            notifyAuthKey: args.notifyAuthKey === undefined ? undefined : pulumi.secret(args.notifyAuthKey),
            adoptExisting: args.adoptExisting,
        };
        // The key input is secret, so the engine keeps the same-named output secret too; the option says
        // so explicitly for outputs a refresh brings in.
        const options = pulumi.mergeOptions(opts, { additionalSecretOutputs: [...SECRET_OUTPUTS] });
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- Pulumi serializes the module object it is given; the handler module is that object
        super(require("./handler") as pulumi.dynamic.ResourceProvider, name, props, options, "alicloud-live", "LiveRecordNotifyConfig");
    }
}
