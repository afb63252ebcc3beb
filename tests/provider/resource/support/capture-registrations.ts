/**
 * Captures what the Pulumi SDK registers for resources declared under `pulumi.runtime.setMocks`: the
 * type token and the inputs exactly as the engine would receive them, `__provider` (the SDK's real
 * serialization of the resource's provider) included.
 */
import type * as pulumiTypes from "@pulumi/pulumi";

export interface Registered {
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, unknown>;
}

export async function captureRegistrations(
    declare: () => pulumiTypes.Resource[],
    pulumi: typeof pulumiTypes = require("@pulumi/pulumi"),
): Promise<Registered[]> {
    const seen: Registered[] = [];
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                seen.push({ type: args.type, name: args.name, inputs: args.inputs });
                return { id: args.name, state: {} };
            },
            call() {
                return {};
            },
        },
        "capture",
        "test",
    );
    const resources = declare();
    // Each urn resolves once the registration reached the mock monitor.
    await Promise.all(resources.map((r) => new Promise((resolve) => r.urn.apply(resolve))));
    return seen;
}
