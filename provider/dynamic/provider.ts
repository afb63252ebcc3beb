/**
 * The dynamic-provider front door: Pulumi's `dynamic.ResourceProvider` methods over the resource's
 * operations (`../resource/operations.ts`).
 *
 * The host `require`s this module by package name (see handler.ts), so its state, the configured
 * runtime, is shared by every resource of a deployment. What is specific to the dynamic host lives
 * here: its `ConfigureRequest`, and a refresh's inputs limited to what the host keeps secret.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { createOperations, type Inputs, type OperationsDeps, type Outputs, type Unchecked } from "../resource/operations";
import { liveInputs } from "../resource/refresh";
import type { ConfigGetter } from "../resource/settings";

export type ProviderDeps = OperationsDeps;

export interface LiveRecordNotifyConfigProvider extends dynamic.ResourceProvider {
    configure(req: dynamic.ConfigureRequest): Promise<void>;
    check(olds: Unchecked, news: Unchecked): Promise<dynamic.CheckResult<Inputs>>;
    diff(id: string, olds: Outputs, news: Inputs): Promise<dynamic.DiffResult>;
    create(inputs: Inputs): Promise<dynamic.CreateResult<Outputs>>;
    read(id: string, props?: Outputs): Promise<dynamic.ReadResult<Outputs>>;
    update(id: string, olds: Outputs, news: Inputs): Promise<dynamic.UpdateResult<Outputs>>;
    delete(id: string, props: Outputs): Promise<void>;
}

export function createProvider(deps: ProviderDeps = {}): LiveRecordNotifyConfigProvider {
    const operations = createOperations(deps);
    return {
        // The host prints a rejected configure with its stack; the failure is every method's instead (check's, at preview).
        configure: (req) => operations.configure(configGetter(req)).catch(() => undefined),
        check: (_olds, news) => operations.check(news),
        diff: (_id, olds, news) => operations.diff(olds, news),
        create: (inputs) => operations.create(inputs),
        async read(id, props) {
            const result = await operations.read(id, props);
            if (result.props === undefined) return result;
            const old: Readonly<Record<string, unknown>> = { ...props };
            return { ...result, inputs: liveInputs(result.props, old) as Outputs };
        },
        update: (id, olds, news) => operations.update(id, olds, news),
        delete: (id) => operations.delete(id),
    };
}

/** The host's config, or none when the host was never sent a Configure call (its `get` then throws). */
function configGetter(req: dynamic.ConfigureRequest): ConfigGetter {
    return (key) => {
        try {
            return req?.config?.get(key);
        } catch {
            return undefined;
        }
    };
}

/** The provider every LiveRecordNotifyConfig uses; its state lives as long as the host process. */
export const provider: LiveRecordNotifyConfigProvider = createProvider();
