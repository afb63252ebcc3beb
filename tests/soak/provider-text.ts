/**
 * The `__provider` text of a real `LiveRecordNotifyConfig`: the SDK's own serialization, captured from
 * the registration it sends under `pulumi.runtime.setMocks`, the way `pulumi up` would send it. Also
 * returns that registration, so a test can compare the soak's registrations with a real one.
 */
import * as pulumi from "@pulumi/pulumi";
import { LiveRecordNotifyConfig, type LiveRecordNotifyConfigArgs } from "../../provider/dynamic/resource";

export interface CapturedRegistration {
    readonly type: string;
    readonly name: string;
    /** As the SDK sends them: secret values wrapped with Pulumi's secret signature. */
    readonly inputs: Readonly<Record<string, unknown>>;
}

export async function captureRegistration(name: string, args: LiveRecordNotifyConfigArgs): Promise<CapturedRegistration> {
    let captured: CapturedRegistration | undefined;
    await pulumi.runtime.setMocks(
        {
            newResource(req) {
                captured = { type: req.type, name: req.name, inputs: req.inputs };
                return { id: String(req.inputs.domainName), state: {} };
            },
            call() {
                return {};
            },
        },
        "soak",
        "soak",
        false,
    );
    const resource = new LiveRecordNotifyConfig(name, args);
    await new Promise((resolve) => resource.urn.apply(resolve));
    if (!captured) throw new Error("the SDK registered no resource under mocks");
    return captured;
}

/** The serialized provider every LiveRecordNotifyConfig carries. */
export async function serializedProviderText(): Promise<string> {
    const reg = await captureRegistration("provider-text", {
        domainName: "provider-text.soak.example.com",
        notifyUrl: "https://callbacks.example.com/x",
    });
    const text = reg.inputs.__provider;
    if (typeof text !== "string" || !text.startsWith("exports.handler")) throw new Error("the registration carries no serialized provider");
    return text;
}
