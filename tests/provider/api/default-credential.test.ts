/**
 * The process's default chain: what it finds it keeps; when it finds nothing it says so in one error of
 * its own (not the chain's fragments, which quote internal URLs) and starts afresh on the next call.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { defaultCredential, NoCredentialsError } from "../../../provider/api/default-credential";

describe("provider/api/default-credential", function () {
    this.timeout(30_000);
    const NAMES = [
        "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        "ALIBABA_CLOUD_SECURITY_TOKEN",
        "ALIBABA_CLOUD_ECS_METADATA_DISABLED",
        "ALIBABA_CLOUD_CLI_PROFILE_DISABLED",
        "ALIBABA_CLOUD_CREDENTIALS_FILE",
        "ALIBABA_CLOUD_CREDENTIALS_URI",
        "HOME",
    ];
    const saved = new Map<string, string | undefined>();
    let home: string;

    before(() => {
        for (const name of NAMES) saved.set(name, process.env[name]);
        home = fs.mkdtempSync(path.join(os.tmpdir(), "default-credential-"));
    });
    after(() => {
        for (const [name, value] of saved) {
            if (value === undefined) delete process.env[name];
            else process.env[name] = value;
        }
        fs.rmSync(home, { recursive: true, force: true });
    });

    it("finds keys in the environment, then fails as one NoCredentialsError when they are gone, then finds them again", async () => {
        process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "DEFAULT-CHAIN-KEY";
        process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "default-chain-secret-Hq2";
        const found = await defaultCredential().getCredential();
        assert.equal(found.accessKeyId, "DEFAULT-CHAIN-KEY");
        assert.equal(found.providerName, "default/env");

        // Nothing anywhere: no keys, no home files, no metadata service, no URI.
        delete process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
        delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
        process.env.HOME = home;
        process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
        process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = "true";
        process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = path.join(home, "none");
        delete process.env.ALIBABA_CLOUD_CREDENTIALS_URI;
        for (let i = 0; i < 2; i++) {
            const error = await defaultCredential()
                .getCredential()
                .then(
                    () => undefined,
                    (e: unknown) => e,
                );
            assert.ok(error instanceof NoCredentialsError, String(error));
            assert.equal(error.message, new NoCredentialsError().message, "the same words every time");
            assert.ok(!/https?:\/\/|undefined|100\.100/.test(error.message), error.message);
        }

        // Started afresh: the chain does not stay stuck on the last source it tried.
        process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "DEFAULT-CHAIN-KEY-2";
        process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "default-chain-secret-Hq3";
        assert.equal((await defaultCredential().getCredential()).accessKeyId, "DEFAULT-CHAIN-KEY-2");
    });
});
