// Manage Alibaba Cloud ApsaraVideo Live configuration (LiveRecordNotifyConfig, LiveSnapshotNotifyConfig), paced to the account's API quota.
package alicloudlive
