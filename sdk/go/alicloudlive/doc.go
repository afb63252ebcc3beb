// Manage Alibaba Cloud ApsaraVideo Live configuration (LiveRecordNotifyConfig, LiveSnapshotNotifyConfig, LiveAppRecordConfig, LiveAppSnapshotConfig, LiveStreamsNotifyUrlConfig), paced to the account's API quota.
package alicloudlive
