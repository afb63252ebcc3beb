/** A dynamic provider's `configure` request whose stack config holds exactly `values`. */
import type { ConfigureRequest } from "@pulumi/pulumi/dynamic";

export function configureRequest(values: Readonly<Record<string, string>>): ConfigureRequest {
    return { config: { get: (key: string) => values[key], require: (key: string) => values[key] } };
}
