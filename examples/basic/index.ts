/**
 * Recording callbacks for several ApsaraVideo Live domains.
 *
 * Stack config (all optional):
 *   domains             JSON list of streaming domains        default ["live1.example.com", "live2.example.com", "live3.example.com"]
 *   callbackBaseUrl     base of the callback URLs              default https://callbacks.example.com/live
 *   statusNotifyDomains JSON list of domains that also get recording task status callbacks   default []
 *   authDomain          the domain whose callbacks are signed  default the first domain
 *   notifyAuthKey       (secret) the signing key; without it no domain signs its callbacks
 */
import * as pulumi from "@pulumi/pulumi";
import { LiveRecordNotifyConfig } from "pulumi-alicloud-live";

const config = new pulumi.Config();
const domains = config.getObject<string[]>("domains") ?? ["live1.example.com", "live2.example.com", "live3.example.com"];
const callbackBaseUrl = (config.get("callbackBaseUrl") ?? "https://callbacks.example.com/live").replace(/\/+$/, "");
const statusNotifyDomains = new Set(config.getObject<string[]>("statusNotifyDomains") ?? []);
const authDomain = config.get("authDomain") ?? domains[0];
// Set with `pulumi config set --secret notifyAuthKey <16-32 letters and digits>` (the service's documented rule).
const notifyAuthKey = config.getSecret("notifyAuthKey");

const configs = domains.map(
    (domain) =>
        new LiveRecordNotifyConfig(domain, {
            domainName: domain,
            notifyUrl: `${callbackBaseUrl}/${domain}/record`,
            onDemandUrl: `${callbackBaseUrl}/${domain}/on-demand`,
            needStatusNotify: statusNotifyDomains.has(domain),
            ...(domain === authDomain && notifyAuthKey !== undefined ? { notifyReqAuth: true, notifyAuthKey } : {}),
        }),
);

/** Where each domain's recording callbacks go. */
export const notifyUrls = pulumi.all(Object.fromEntries(domains.map((domain, i) => [domain, configs[i].notifyUrl])));
/** The domains whose callbacks carry an `ALI-LIVE-SIGNATURE`. */
export const signedDomains = pulumi
    .all(configs.map((c) => pulumi.all([c.domainName, c.notifyReqAuth])))
    .apply((pairs) => pairs.filter(([, signed]) => signed).map(([domain]) => domain));
