"""The whole recording chain of one streaming domain, through the alicloud-live provider plugin (the same
chain as ../index.ts, in Python).

Live records the app's streams into OSS (LiveAppRecordConfig) on demand, asking the receiver first
(on_demand 1 needs the record-notify config's on_demand_url); the recording callbacks go to the receiver,
signed (LiveRecordNotifyConfig); snapshots of the app go to OSS (LiveAppSnapshotConfig) and their callbacks
to the receiver, signed too (LiveSnapshotNotifyConfig); streams pushed to and stopped on the ingest domain are
called back too (LiveStreamsNotifyUrlConfig).

Stack config:
  domain          the streaming domain                        default live.example.com
  ingestDomain    the ingest domain (stream callbacks)         default push.example.com
  app             the app whose streams are recorded          default live
  callbackBaseUrl where the receiver is reachable              default https://hooks.example.com/live
  ossEndpoint     the OSS endpoint of the buckets             default oss-cn-shanghai.aliyuncs.com
  ossBucket       the bucket recordings and snapshots go to   default live-recordings
  notifyAuthKey   (secret, required) the key every callback is signed with (16-32 letters and digits)
"""
import pulumi
from pulumi_alicloud_live import (
    LiveAppRecordConfig,
    LiveAppSnapshotConfig,
    LiveRecordNotifyConfig,
    LiveSnapshotNotifyConfig,
    LiveStreamsNotifyUrlConfig,
    RecordFormatArgs,
)

config = pulumi.Config()
domain_name = config.get("domain") or "live.example.com"
ingest_domain = config.get("ingestDomain") or "push.example.com"
app_name = config.get("app") or "live"
callback_base_url = (config.get("callbackBaseUrl") or "https://hooks.example.com/live").rstrip("/")
oss_endpoint = config.get("ossEndpoint") or "oss-cn-shanghai.aliyuncs.com"
oss_bucket = config.get("ossBucket") or "live-recordings"
notify_auth_key = config.require_secret("notifyAuthKey")

# Where the recording callbacks go, and where Live asks whether to record a stream.
record_callbacks = LiveRecordNotifyConfig(
    "record-callbacks",
    domain_name=domain_name,
    notify_url=f"{callback_base_url}/record",
    on_demand_url=f"{callback_base_url}/on-demand",
    need_status_notify=True,
    notify_req_auth=True,
    notify_auth_key=notify_auth_key,
)

# What makes Live record at all: the app's recording configuration. On demand (1), it asks the
# on_demand_url above, so it is created after it.
recording = LiveAppRecordConfig(
    "recording",
    domain_name=domain_name,
    app_name=app_name,
    oss_endpoint=oss_endpoint,
    oss_bucket=oss_bucket,
    record_formats=[
        RecordFormatArgs(format="mp4", oss_object_prefix="record/{AppName}/{StreamName}/{StartTime}_{EndTime}", cycle_duration=3600)
    ],
    on_demand=1,
    opts=pulumi.ResourceOptions(depends_on=[record_callbacks]),
)

# Snapshots of the same app every 10 seconds, and their callbacks.
snapshots = LiveAppSnapshotConfig(
    "snapshots",
    domain_name=domain_name,
    app_name=app_name,
    time_interval=10,
    oss_endpoint=oss_endpoint,
    oss_bucket=oss_bucket,
    overwrite_oss_object="snapshot/{AppName}/{StreamName}.jpg",
    sequence_oss_object="snapshot/{AppName}/{StreamName}/{UnixTimestamp}.jpg",
)
snapshot_callbacks = LiveSnapshotNotifyConfig(
    "snapshot-callbacks",
    domain_name=domain_name,
    notify_url=f"{callback_base_url}/snapshot",
    notify_req_auth=True,
    notify_auth_key=notify_auth_key,
)

# Streams pushed and stopped (and stream exceptions), called back from the ingest domain.
stream_callbacks = LiveStreamsNotifyUrlConfig(
    "stream-callbacks",
    domain_name=ingest_domain,
    notify_url=f"{callback_base_url}/stream",
    exception_notify_url=f"{callback_base_url}/stream-exception",
    notify_req_auth=True,
    notify_auth_key=notify_auth_key,
)

pulumi.export("recordedApp", recording.app_name)
pulumi.export("recordNotifyUrl", record_callbacks.notify_url)
pulumi.export("snapshotInterval", snapshots.time_interval)
pulumi.export("snapshotNotifyUrl", snapshot_callbacks.notify_url)
pulumi.export("streamNotifyUrl", stream_callbacks.notify_url)
