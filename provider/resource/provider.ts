/**
 * The LiveRecordNotifyConfig dynamic provider: Pulumi's CRUD methods over the Live API.
 *
 * The host `require`s this module by package name (see handler.ts), so its state, the configured
 * runtime, is shared by every resource of a deployment, and nothing here is ever serialized: the
 * credentials are read at run time, inside the provider process, from config and environment.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ErrorKind } from "../api/errors";
import { sameConfig } from "../api/normalize";
import type { LiveRecordNotifyApi } from "../api/types";
import { checkInputs } from "./check";
import { diffConfig } from "./diff";
import { ResourceInitError } from "./init-error";
import { desiredConfig, outputsOf, PROVIDER_KEY, type LiveRecordNotifyConfigInputs, type LiveRecordNotifyConfigOutputs } from "./inputs";
import { liveInputs, liveOutputs } from "./refresh";
import { buildApi } from "./runtime";
import { UnclearableFieldError, writeConfig } from "./write";
import { resolveSettings, type ConfigGetter, type Settings } from "./settings";

export interface ProviderDeps {
    /** Builds the API from resolved settings. Default: the signed client behind the retrying layer. */
    readonly apiFor?: (settings: Settings) => LiveRecordNotifyApi;
    /** The environment settings fall back to. Default: `process.env`, read when the provider is configured. */
    readonly env?: NodeJS.ProcessEnv;
}

/** The property bags the host passes: inputs or outputs, plus its `__provider`. */
type Bag<T> = T & { readonly [PROVIDER_KEY]?: unknown };
type Inputs = Bag<LiveRecordNotifyConfigInputs>;
type Outputs = Bag<LiveRecordNotifyConfigOutputs>;

/** Inputs before `check`: anything the program passed. */
type Unchecked = Readonly<Record<string, unknown>>;

export interface LiveRecordNotifyConfigProvider extends dynamic.ResourceProvider {
    configure(req: dynamic.ConfigureRequest): Promise<void>;
    check(olds: Unchecked, news: Unchecked): Promise<dynamic.CheckResult<Inputs>>;
    diff(id: string, olds: Outputs, news: Inputs): Promise<dynamic.DiffResult>;
    create(inputs: Inputs): Promise<dynamic.CreateResult<Outputs>>;
    read(id: string, props?: Outputs): Promise<dynamic.ReadResult<Outputs>>;
    update(id: string, olds: Outputs, news: Inputs): Promise<dynamic.UpdateResult<Outputs>>;
    delete(id: string, props: Outputs): Promise<void>;
}

interface Runtime {
    readonly settings: Settings;
    readonly api: LiveRecordNotifyApi;
}

export function createProvider(deps: ProviderDeps = {}): LiveRecordNotifyConfigProvider {
    let runtime: Promise<Runtime> | undefined;

    // Deferred by one tick so that a bad setting rejects the promise rather than throwing from configure.
    const start = (get: ConfigGetter): Promise<Runtime> =>
        Promise.resolve().then(() => {
            const settings = resolveSettings(get, deps.env ?? process.env);
            return { settings, api: (deps.apiFor ?? buildApi)(settings) };
        });

    // Without a configure call (a hand-driven host), the environment alone decides.
    const api = async (): Promise<LiveRecordNotifyApi> => (await (runtime ??= start(() => undefined))).api;

    return {
        // The host caches this provider before configure settles and lets concurrent first calls through,
        // so the promise is stored synchronously and every method awaits it.
        configure(req) {
            runtime = start(configGetter(req));
            return runtime.then(() => undefined);
        },

        async check(_olds, news) {
            try {
                await api();
            } catch (error) {
                return { inputs: news as unknown as Inputs, failures: [{ property: "", reason: messageOf(error) }] };
            }
            return checkInputs(news);
        },

        async diff(_id, olds, news) {
            await api();
            return diffConfig(olds, news);
        },

        async create(inputs) {
            const live = await api();
            const desired = desiredConfig(inputs);
            const id = desired.domainName;
            try {
                await live.add(desired);
            } catch (error) {
                if (kindOf(error) === "already-exists") return adopt(live, inputs, error);
                if (mayHaveApplied(error)) {
                    // It may exist now: keep it in state rather than orphan it; a refresh settles the doubt.
                    throw new ResourceInitError(
                        id,
                        outputsOf(desired),
                        inputs[PROVIDER_KEY],
                        error,
                        "The configuration may have been created nevertheless; run `pulumi refresh` to find out.",
                    );
                }
                throw error;
            }
            return { id, outs: outputsOf(desired) };
        },

        async read(id, props) {
            const live = await api();
            let described;
            try {
                described = await live.describe({ domainName: id });
            } catch (error) {
                // An empty id tells the engine the resource is gone; it drops it from the state.
                if (kindOf(error) === "not-found") return { id: "" };
                throw error;
            }
            const old = props ?? {};
            const outputs = liveOutputs(described.config, described.authKeyView, old);
            return { id, props: outputs, inputs: liveInputs(outputs, old) as Outputs };
        },

        async update(id, olds, news) {
            const live = await api();
            // The full desired state; a property removed from the program is cleared (see write.ts).
            const desired = { ...desiredConfig(news), domainName: id };
            try {
                await writeConfig(live, desired, { config: olds });
            } catch (error) {
                if (kindOf(error) === "not-found") {
                    throw new Error(
                        `The recording callback configuration of ${id} no longer exists: it was deleted outside Pulumi. ` +
                            "Run `pulumi refresh` to remove it from the stack's state, then `pulumi up` to create it again.",
                        { cause: error },
                    );
                }
                if (error instanceof UnclearableFieldError) {
                    // Applied in part: record what the service holds (the engine keeps a partial update's properties).
                    throw new ResourceInitError(id, error.holds, news[PROVIDER_KEY], error);
                }
                throw error;
            }
            return { outs: outputsOf(desired) };
        },

        async delete(id) {
            const live = await api();
            try {
                await live.delete({ domainName: id });
            } catch (error) {
                // Already gone is what delete wants.
                if (kindOf(error) !== "not-found") throw error;
            }
        },
    };
}

/**
 * The domain has a configuration already. Without `adoptExisting` that is an error (it may belong to
 * someone else); with it, the configuration is taken over and brought to the declared state.
 */
async function adopt(live: LiveRecordNotifyApi, inputs: Inputs, conflict: unknown): Promise<dynamic.CreateResult<Outputs>> {
    const desired = desiredConfig(inputs);
    const id = desired.domainName;
    if (inputs.adoptExisting !== true) {
        throw new Error(
            `The domain ${id} already has a recording callback configuration, which this stack does not manage. ` +
                "To take it over, set `adoptExisting: true` on the resource: the existing configuration is then adopted " +
                "and updated to the declared one (`pulumi import` does not work with dynamic providers). " +
                "Otherwise delete it, or remove it from the stack that manages it.",
            { cause: conflict },
        );
    }
    const current = await live.describe({ domainName: id });
    // A key Describe does not show in clear text cannot be proven equal: then it is written anyway.
    const shownInClear = (current.authKeyView?.kind ?? "clear") === "clear";
    if (!shownInClear || !sameConfig(current.config, desired)) {
        try {
            await writeConfig(live, desired, current);
        } catch (error) {
            // An unclearable field's message already says what to do; retrying would not help.
            if (error instanceof UnclearableFieldError) throw new ResourceInitError(id, error.holds, inputs[PROVIDER_KEY], error);
            throw new ResourceInitError(
                id,
                liveOutputs(current.config, current.authKeyView, {}),
                inputs[PROVIDER_KEY],
                error,
                `The existing configuration of ${id} was adopted but not brought to the declared state; the next \`pulumi up\` tries again.`,
            );
        }
    }
    return { id, outs: outputsOf(desired) };
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

/** Read by shape, not `instanceof`: two copies of this package may be loaded in one host process. */
function kindOf(error: unknown): ErrorKind | undefined {
    const kind = (error as { kind?: unknown } | null)?.kind;
    return typeof kind === "string" ? (kind as ErrorKind) : undefined;
}

function mayHaveApplied(error: unknown): boolean {
    return (error as { mayHaveApplied?: unknown } | null)?.mayHaveApplied === true;
}

function messageOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

/** The provider every LiveRecordNotifyConfig uses; its state lives as long as the host process. */
export const provider: LiveRecordNotifyConfigProvider = createProvider();
