// Manage Alibaba Cloud ApsaraVideo Live recording-callback configuration (LiveRecordNotifyConfig), paced to the account's API quota.
package alicloudlive
