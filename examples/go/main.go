// Recording callbacks for two ApsaraVideo Live domains through the generated Go SDK: one signed with
// a key from the stack's secret config, one unsigned, and (when readDomain is set) an existing
// configuration read with GetLiveRecordNotifyConfig, without managing it.
package main

import (
	"fmt"

	"github.com/pulumi-alicloud-live/pulumi-alicloud-live/sdk/go/alicloudlive"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		signedDomain := orDefault(cfg.Get("signedDomain"), "live1.example.com")
		plainDomain := orDefault(cfg.Get("plainDomain"), "live2.example.com")
		base := orDefault(cfg.Get("callbackBaseUrl"), "https://callbacks.example.com/live")
		needStatusNotify := cfg.GetBool("needStatusNotify")
		url := func(domain, what string) pulumi.String {
			return pulumi.String(fmt.Sprintf("%s/%s/%s", base, domain, what))
		}

		// Signs its callbacks (ALI-LIVE-SIGNATURE) with the key from the stack's secret config.
		signed, err := alicloudlive.NewLiveRecordNotifyConfig(ctx, "signedCallbacks", &alicloudlive.LiveRecordNotifyConfigArgs{
			DomainName:       pulumi.String(signedDomain),
			NotifyUrl:        url(signedDomain, "record"),
			OnDemandUrl:      url(signedDomain, "on-demand"),
			NeedStatusNotify: pulumi.Bool(needStatusNotify),
			NotifyReqAuth:    pulumi.Bool(true),
			NotifyAuthKey:    cfg.RequireSecret("notifyAuthKey"),
		})
		if err != nil {
			return err
		}
		// Unsigned callbacks: no key.
		plain, err := alicloudlive.NewLiveRecordNotifyConfig(ctx, "plainCallbacks", &alicloudlive.LiveRecordNotifyConfigArgs{
			DomainName:       pulumi.String(plainDomain),
			NotifyUrl:        url(plainDomain, "record"),
			OnDemandUrl:      url(plainDomain, "on-demand"),
			NeedStatusNotify: pulumi.Bool(needStatusNotify),
			NotifyReqAuth:    pulumi.Bool(false),
		})
		if err != nil {
			return err
		}
		ctx.Export("signedNotifyUrl", signed.NotifyUrl)
		ctx.Export("plainNotifyUrl", plain.NotifyUrl)

		// Reads a configuration this program does not manage: the resource id is the domain.
		if readDomain := cfg.Get("readDomain"); readDomain != "" {
			existing, err := alicloudlive.GetLiveRecordNotifyConfig(ctx, "existingCallbacks", pulumi.ID(readDomain), nil)
			if err != nil {
				return err
			}
			ctx.Export("existingNotifyUrl", existing.NotifyUrl)
		}
		return nil
	})
}

func orDefault(value, fallback string) string {
	if value == "" {
		return fallback
	}
	return value
}
