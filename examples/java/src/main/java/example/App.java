// Recording callbacks for two ApsaraVideo Live domains through the generated Java SDK: one signed with
// a key from the stack's secret config, one unsigned, and (when readDomain is set) an existing
// configuration read with LiveRecordNotifyConfig.get, without managing it.
package example;

import com.github.pulumi_alicloud_live.alicloudlive.LiveRecordNotifyConfig;
import com.github.pulumi_alicloud_live.alicloudlive.LiveRecordNotifyConfigArgs;
import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Output;

public final class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    private static void stack(Context ctx) {
        var config = ctx.config();
        var signedDomain = config.get("signedDomain").orElse("live1.example.com");
        var plainDomain = config.get("plainDomain").orElse("live2.example.com");
        var base = config.get("callbackBaseUrl").orElse("https://callbacks.example.com/live");
        var needStatusNotify = config.getBoolean("needStatusNotify").orElse(false);

        // Signs its callbacks (ALI-LIVE-SIGNATURE) with the key from the stack's secret config.
        var signed = new LiveRecordNotifyConfig("signedCallbacks", LiveRecordNotifyConfigArgs.builder()
                .domainName(signedDomain)
                .notifyUrl(base + "/" + signedDomain + "/record")
                .onDemandUrl(base + "/" + signedDomain + "/on-demand")
                .needStatusNotify(needStatusNotify)
                .notifyReqAuth(true)
                .notifyAuthKey(config.requireSecret("notifyAuthKey"))
                .build());
        // Unsigned callbacks: no key.
        var plain = new LiveRecordNotifyConfig("plainCallbacks", LiveRecordNotifyConfigArgs.builder()
                .domainName(plainDomain)
                .notifyUrl(base + "/" + plainDomain + "/record")
                .onDemandUrl(base + "/" + plainDomain + "/on-demand")
                .needStatusNotify(needStatusNotify)
                .notifyReqAuth(false)
                .build());
        ctx.export("signedNotifyUrl", signed.notifyUrl());
        ctx.export("plainNotifyUrl", plain.notifyUrl());

        // Reads a configuration this program does not manage: the resource id is the domain.
        config.get("readDomain").ifPresent(domain -> {
            var existing = LiveRecordNotifyConfig.get("existingCallbacks", Output.of(domain), null);
            ctx.export("existingNotifyUrl", existing.notifyUrl());
        });
    }
}
