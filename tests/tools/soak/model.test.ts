import { strict as assert } from "node:assert";
import { unwrapProgramSecrets } from "../../../tools/host-driver/secrets";
import { registrationOf, RESOURCE_TYPE, type ResourceSpec } from "../../../tools/soak/model";
import { LiveRecordNotifyConfig } from "../../../provider/dynamic/resource";
import { captureRegistrations } from "../../../tools/serialized-provider";

describe("tools/soak/model", function () {
    this.timeout(30_000);

    it("registers a resource as LiveRecordNotifyConfig does: same type, inputs, provider text and secret key", async () => {
        const spec: ResourceSpec = {
            domainName: "model.soak.example.com",
            notifyUrl: "https://cb.example.com/model",
            needStatusNotify: true,
            notifyReqAuth: true,
            notifyAuthKey: "ModelTestKey01234567",
        };
        const [real] = await captureRegistrations(() => [new LiveRecordNotifyConfig("m", spec)]);
        const { values, secretKeys } = unwrapProgramSecrets(real.inputs);
        const ours = registrationOf("m", spec, values.__provider as string);
        assert.equal(ours.type, real.type);
        assert.equal(ours.type, RESOURCE_TYPE);
        assert.deepEqual(ours.inputs, values);
        assert.deepEqual([...ours.secretInputs].sort(), secretKeys);
        assert.deepEqual(ours.options.additionalSecretOutputs, ["notifyAuthKey"]);
    });

    it("leaves out what the program does not set, as the SDK drops undefined inputs", async () => {
        const spec: ResourceSpec = { domainName: "bare.soak.example.com", notifyUrl: "https://cb.example.com/bare" };
        const [real] = await captureRegistrations(() => [new LiveRecordNotifyConfig("b", spec)]);
        const { values, secretKeys } = unwrapProgramSecrets(real.inputs);
        const ours = registrationOf("b", spec, values.__provider as string);
        assert.deepEqual(ours.inputs, values);
        assert.deepEqual(ours.secretInputs, secretKeys);
    });
});
