"""Recording callbacks for ApsaraVideo Live domains, through the alicloud-live provider plugin.

Stack config (all optional but notifyAuthKey):
  domains          JSON object, resource name -> streaming domain   default {"main": "live1.example.com", "backup": "live2.example.com"}
                   (the name stays when a domain changes: the config is then replaced)
  callbackBaseUrl  base of the callback URLs                         default https://callbacks.example.com/live
  needStatusNotify also send recording task status callbacks         default false
  signed           the name whose callbacks are signed               default the first name
  notifyAuthKey    (secret) the signing key, 16-32 letters and digits
  readDomains      JSON list of domains configured elsewhere, read with .get()   default []
"""
import pulumi
from pulumi_alicloud_live import LiveRecordNotifyConfig

config = pulumi.Config()
domains = config.get_object("domains")
if domains is None:
    domains = {"main": "live1.example.com", "backup": "live2.example.com"}
base_url = (config.get("callbackBaseUrl") or "https://callbacks.example.com/live").rstrip("/")
need_status_notify = config.get_bool("needStatusNotify") or False
signed = config.get("signed") or next(iter(domains), None)
# Set with `pulumi config set --secret notifyAuthKey <key>`: a secret in the state too.
notify_auth_key = config.get_secret("notifyAuthKey")

configs = {}
for name, domain in domains.items():
    signs = name == signed and notify_auth_key is not None
    configs[name] = LiveRecordNotifyConfig(
        name,
        domain_name=domain,
        notify_url=f"{base_url}/{domain}/record",
        on_demand_url=f"{base_url}/{domain}/on-demand",
        need_status_notify=need_status_notify,
        notify_req_auth=signs,
        notify_auth_key=notify_auth_key if signs else None,
    )

# Configurations this program does not manage, read by domain (their id).
read = {domain: LiveRecordNotifyConfig.get(f"read-{domain}", domain) for domain in config.get_object("readDomains") or []}

pulumi.export("notifyUrls", {name: c.notify_url for name, c in configs.items()})
pulumi.export("readNotifyUrls", {domain: r.notify_url for domain, r in read.items()})
pulumi.export("readAuthKeys", {domain: r.notify_auth_key for domain, r in read.items()})
