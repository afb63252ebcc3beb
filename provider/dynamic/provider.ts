/**
 * The dynamic-provider front door: Pulumi's dynamic `ResourceProvider` methods over a resource's
 * operations (`../resource/operations.ts`), one provider per resource type.
 *
 * The host `require`s this module by package name (see handler.ts and resource/dynamic-handle.ts), so
 * its state, the configured runtime, is shared by every resource of a deployment. What is specific to
 * the dynamic host lives here: its `ConfigureRequest`, and a refresh's inputs limited to what the host
 * keeps secret.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ResourceDefinition } from "../resource/definition";
import { createOperations, type Inputs, type OperationsDeps, type Outputs, type Unchecked } from "../resource/operations";
import { liveInputs } from "../resource/refresh";
import type { ConfigGetter } from "../resource/settings";
import { ALL_ACTIONS, resourceNamed } from "../resources";
import { LIVE_RECORD_NOTIFY_CONFIG } from "../resources/live-record-notify-config/definition";

export type ProviderDeps = OperationsDeps;

/** A resource type's dynamic provider. */
export interface DynamicResourceProvider extends dynamic.ResourceProvider {
    configure(req: dynamic.ConfigureRequest): Promise<void>;
    check(olds: Unchecked, news: Unchecked): Promise<dynamic.CheckResult<Inputs>>;
    diff(id: string, olds: Outputs, news: Inputs): Promise<dynamic.DiffResult>;
    create(inputs: Inputs): Promise<dynamic.CreateResult<Outputs>>;
    read(id: string, props?: Outputs): Promise<dynamic.ReadResult<Outputs>>;
    update(id: string, olds: Outputs, news: Inputs): Promise<dynamic.UpdateResult<Outputs>>;
    delete(id: string, props: Outputs): Promise<void>;
}

/** `LiveRecordNotifyConfig`'s provider (the name 0.1 exported). */
export type LiveRecordNotifyConfigProvider = DynamicResourceProvider;

/** The dynamic provider of `definition`'s resources. */
export function createProviderFor(definition: ResourceDefinition, deps: ProviderDeps = {}): DynamicResourceProvider {
    // The settings are the whole provider's: `actionQps` may name any resource's action.
    const operations = createOperations(definition, { knownActions: ALL_ACTIONS, ...deps });
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
            return { ...result, inputs: liveInputs(definition, result.props, old) };
        },
        update: (id, olds, news) => operations.update(id, olds, news),
        delete: (id) => operations.delete(id),
    };
}

/** `LiveRecordNotifyConfig`'s dynamic provider. */
export function createProvider(deps: ProviderDeps = {}): LiveRecordNotifyConfigProvider {
    return createProviderFor(LIVE_RECORD_NOTIFY_CONFIG, deps);
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

/** The providers of the other types, made on first use, one per type for the host process's life. */
const providers = new Map<string, DynamicResourceProvider>([[LIVE_RECORD_NOTIFY_CONFIG.type, provider]]);

/** The provider of a resource type, e.g. `LiveSnapshotNotifyConfig` (what each resource's serialized handle asks for). */
export function providerFor(type: string): DynamicResourceProvider {
    let found = providers.get(type);
    if (found === undefined) {
        const definition = resourceNamed(type);
        if (definition === undefined) throw new Error(`alicloud-live: no resource type ${type} in this version of pulumi-alicloud-live`);
        found = createProviderFor(definition);
        providers.set(type, found);
    }
    return found;
}
