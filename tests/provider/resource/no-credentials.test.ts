import { strict as assert } from "node:assert";
import { noCredentialsMessage, type CredentialPlaces } from "../../../provider/resource/no-credentials";

describe("resource/no-credentials: the message when nothing yields credentials", () => {
    const nothing: CredentialPlaces = {
        env: {},
        cliConfigExists: false,
        credentialsFile: "~/.alibabacloud/credentials",
        credentialsFileExists: false,
    };

    it("names every place looked in, in the chain's order, and what to set for the common cases", () => {
        const message = noCredentialsMessage(nothing);
        const order = [
            "stack config alicloud:accessKey and alicloud:secretKey (not set)",
            "the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY (not set)",
            "an OIDC role, ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE (not set)",
            "the Alibaba Cloud CLI's ~/.aliyun/config.json (no such file)",
            "the credentials file ~/.alibabacloud/credentials (no such file)",
            "the ECS instance RAM role (no credentials for the instance's role from the instance metadata service: not an ECS instance, or no RAM role attached)",
            "a credentials URI, ALIBABA_CLOUD_CREDENTIALS_URI (not set)",
        ];
        let at = -1;
        for (const place of order) {
            const found = message.indexOf(place);
            assert.ok(found > at, `"${place}" missing or out of order in: ${message}`);
            at = found;
        }
        assert.match(message, /`pulumi config set alicloud:accessKey <id>` and `pulumi config set --secret alicloud:secretKey <secret>`/);
        assert.match(message, /docs\/configuration\.md#credentials/);
        assert.match(message, /set alicloud-live:skipCredentialsValidation to true/);
    });

    it("has no `undefined`, no URL and no internal address in it", () => {
        const message = noCredentialsMessage(nothing);
        assert.ok(!/undefined|https?:\/\/|100\.100\.100\.200/.test(message), message);
    });

    it("says what was found where something was set but gave nothing", () => {
        const message = noCredentialsMessage({
            env: {
                ALIBABA_CLOUD_ROLE_ARN: "acs:ram::1:role/ci",
                ALIBABA_CLOUD_PROFILE: "prod",
                ALIBABA_CLOUD_ECS_METADATA: "deployer",
                ALIBABA_CLOUD_CREDENTIALS_URI: "http://127.0.0.1:9/creds",
            },
            cliConfigExists: true,
            credentialsFile: "/etc/alibaba/credentials",
            credentialsFileExists: true,
        });
        assert.match(message, /an OIDC role, .* \(incomplete: ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE not set\)/);
        assert.match(message, /~\/\.aliyun\/config\.json \(present, but profile prod gave no credentials\)/);
        assert.match(message, /the credentials file \/etc\/alibaba\/credentials \(present, but profile prod gave no credentials\)/);
        assert.match(message, /no credentials for role deployer from the instance metadata service/);
        assert.match(message, /ALIBABA_CLOUD_CREDENTIALS_URI \(set, but gave no credentials\)/);
        assert.ok(!message.includes("127.0.0.1:9"), "the URI's value is not quoted");
    });

    it("says which places were turned off", () => {
        const message = noCredentialsMessage({
            ...nothing,
            env: { ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true", ALIBABA_CLOUD_ECS_METADATA_DISABLED: "TRUE" },
        });
        assert.match(message, /turned off by ALIBABA_CLOUD_CLI_PROFILE_DISABLED/);
        assert.match(message, /turned off by ALIBABA_CLOUD_ECS_METADATA_DISABLED/);
    });
});
