import { strict as assert } from "node:assert";
import { configFailure, configFailures, configFromVariables, configGetter } from "../../../provider/plugin/config";
import { CredentialsCheckError } from "../../../provider/resource/configure-check";
import { noCredentialsMessage } from "../../../provider/resource/no-credentials";
import { PLUGIN_CONFIG, pluginConfigKey } from "../../../provider/plugin/config-keys";
import { SETTINGS } from "../../../provider/resource/settings-table";

describe("plugin/config (provider config under alicloud-live:*)", () => {
    it("every setting's config key has a plugin config variable of the same name, secret as the setting is", () => {
        for (const spec of SETTINGS) {
            for (const key of spec.configKeys) {
                const name = key.split(":")[1];
                const variable = PLUGIN_CONFIG.find((v) => v.name === name);
                assert.ok(variable, `${key} -> alicloud-live:${name}`);
                assert.equal(variable.secret, spec.secret, name);
            }
        }
        assert.equal(pluginConfigKey("alicloud:accessKey"), "alicloud-live:accessKey");
        assert.equal(pluginConfigKey("alicloud-live:endpoint"), "alicloud-live:endpoint");
    });

    it("reads Configure's variables of its own namespace only", () => {
        const config = configFromVariables([
            ["alicloud-live:config:endpoint", "http://127.0.0.1:1"],
            ["alicloud:config:accessKey", "not ours"],
        ]);
        assert.deepEqual(config, { endpoint: "http://127.0.0.1:1" });
    });

    it("answers the settings' keys by name, typed values as text", () => {
        const get = configGetter({ accessKey: "AK", writeQps: 60, endpoints: [{ live: "h" }] });
        assert.equal(get("alicloud:accessKey"), "AK");
        assert.equal(get("alicloud-live:writeQps"), "60");
        assert.equal(get("alicloud:endpoints"), '[{"live":"h"}]');
        assert.equal(get("alicloud-live:readQps"), undefined);
    });

    it("a bad setting fails naming the key as the plugin's users write it, without the value", () => {
        const [failure] = configFailures({ quotaHeadroom: "2" }, {});
        assert.equal(failure.property, "quotaHeadroom");
        assert.match(failure.reason, /^Invalid setting alicloud-live:quotaHeadroom: /);
        const [keys] = configFailures({ accessKey: "AK" }, {});
        assert.match(keys.reason, /alicloud-live:/);
        assert.doesNotMatch(keys.reason, /alicloud:/);
        assert.deepEqual(configFailures({ endpoint: "http://127.0.0.1:8080", accessKey: "AK", secretKey: "SK" }, {}), []);
    });

    it("a bad environment variable is named as such", () => {
        const [failure] = configFailures({}, { ALICLOUD_LIVE_QUOTA_HEADROOM: "5" });
        assert.equal(failure.property, "");
        assert.match(failure.reason, /ALICLOUD_LIVE_QUOTA_HEADROOM/);
    });

    it("the configure-time check's messages name the keys as the plugin's users write them", () => {
        const nothing = { env: {}, cliConfigExists: false, credentialsFile: "~/.alibabacloud/credentials", credentialsFileExists: false };
        const { property, reason } = configFailure(new CredentialsCheckError(noCredentialsMessage(nothing)));
        assert.equal(property, "");
        assert.match(reason, /stack config alicloud-live:accessKey and alicloud-live:secretKey \(not set\)/);
        assert.match(reason, /`pulumi config set alicloud-live:accessKey <id>` and `pulumi config set --secret alicloud-live:secretKey <secret>`/);
        assert.match(reason, /set alicloud-live:skipCredentialsValidation to true/);
        assert.ok(!/\balicloud:(accessKey|secretKey)\b/.test(reason), reason);
        // Words that only look like keys stay as they are.
        assert.equal(
            configFailure(new Error("see docs:configuration and alicloud:region")).reason,
            "see docs:configuration and alicloud-live:region",
        );
    });
});
