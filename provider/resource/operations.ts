/**
 * A resource's behaviour, written once for every resource: check, diff, create, read, update and
 * delete of one configuration over the Live API, as its definition (property table and API binding)
 * says. The two front doors, the dynamic provider (`../dynamic/`) and the provider plugin
 * (`../plugin/`), are thin adapters over this.
 *
 * Configuration is read at run time, inside the provider process, from the front door's config and
 * the environment; nothing here is ever serialized.
 */
import type { CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult } from "@pulumi/pulumi/dynamic";
import type { ErrorKind } from "../api/error-kind";
import type { Bag, ConfigApi } from "../api/types";
import { sameConfig } from "./canonical";
import { checkInputs } from "./check";
import type { ResourceDefinition } from "./definition";
import { diffConfig } from "./diff";
import { holderNoun, idOf, identityFromId } from "./identity";
import { ResourceInitError } from "./init-error";
import { desiredConfig, outputsOf, PROVIDER_KEY, type Inputs as CheckedInputs, type Outputs as ConfigOutputs } from "./inputs";
import { operationApi, type OperationOptions } from "./operation-api";
import { liveOutputs } from "./refresh";
import { bindingActions, buildApi, checkSetUp } from "./runtime";
import { UnclearableFieldError, writeConfig } from "./write";
import { resolveSettings, type ConfigGetter, type Settings } from "./settings";

export type { OperationOptions } from "./operation-api";

export interface OperationsDeps {
    /**
     * Builds the API from resolved settings. Default: the resource's signed client behind the retrying layer,
     * after the configure-time check of credentials and endpoint (which a given `apiFor` brings its own of).
     */
    readonly apiFor?: (settings: Settings, definition: ResourceDefinition) => ConfigApi<Bag, Bag>;
    /** The environment settings fall back to. Default: `process.env`, read when the operations are configured. */
    readonly env?: NodeJS.ProcessEnv;
    /** Where the default API's warnings go (pacing, the quota store, account discovery). Default: Pulumi's log. */
    readonly notice?: (message: string) => void;
    /**
     * The actions the `actionQps` setting may name: every action of the provider's resources (the setting
     * is the whole provider's). Default: this resource's.
     */
    readonly knownActions?: ReadonlySet<string>;
}

/** The property bags a front door passes: inputs or outputs, plus the dynamic host's `__provider` when it has one. */
type Bagged<T> = T & { readonly [PROVIDER_KEY]?: unknown };
export type Inputs = Bagged<CheckedInputs>;
export type Outputs = Bagged<ConfigOutputs>;

/** Inputs before `check`: anything the program passed. */
export type Unchecked = Readonly<Record<string, unknown>>;

export interface ResourceOperations {
    /** The resource these operations are for. */
    readonly definition: ResourceDefinition;
    /** Resolves the settings from `get` (config keys as `namespace:name`) and the environment; rejects naming a bad setting. */
    configure(get: ConfigGetter): Promise<void>;
    check(news: Unchecked): Promise<CheckResult<Inputs>>;
    diff(olds: Outputs, news: Inputs): Promise<DiffResult>;
    create(inputs: Inputs, options?: OperationOptions): Promise<CreateResult<Outputs>>;
    /** The configuration as the cloud holds it: `inputs` are the full configuration (a front door decides what to keep). */
    read(id: string, props?: Outputs, options?: OperationOptions): Promise<ReadResult<Outputs>>;
    update(id: string, olds: Outputs, news: Inputs, options?: OperationOptions): Promise<UpdateResult<Outputs>>;
    delete(id: string, options?: OperationOptions): Promise<void>;
}

export function createOperations(definition: ResourceDefinition, deps: OperationsDeps = {}): ResourceOperations {
    const knownActions = deps.knownActions ?? new Set(bindingActions(definition).map((action) => action.name));
    /** The API built from the configured settings. */
    let configured: Promise<ConfigApi<Bag, Bag>> | undefined;

    // Deferred by one tick so that a bad setting rejects the promise rather than throwing from configure.
    const start = (get: ConfigGetter): Promise<ConfigApi<Bag, Bag>> =>
        Promise.resolve().then(async () => {
            const settings = resolveSettings(get, deps.env ?? process.env, undefined, knownActions);
            if (deps.apiFor) return deps.apiFor(settings, definition);
            const runtime = deps.notice ? { notice: deps.notice } : {};
            // Credentials and endpoint, once per process: a broken set-up fails here, at preview (configure-check.ts).
            await checkSetUp(settings, runtime);
            return buildApi(settings, definition, runtime);
        });

    // Without a configure call (a hand-driven host), the environment alone decides.
    const api = async (options?: OperationOptions): Promise<ConfigApi<Bag, Bag>> =>
        operationApi(await (configured ??= start(() => undefined)), options);

    /** The described configuration's outputs, or `undefined` when the identity has none. */
    const lookup = async (live: ConfigApi<Bag, Bag>, id: string) => {
        try {
            return await live.describe(identityFromId(definition, id));
        } catch (error) {
            if (kindOf(error) === "not-found") return undefined;
            throw error;
        }
    };

    return {
        definition,

        // A host may cache the provider before configure settles and let concurrent first calls through,
        // so the promise is stored synchronously and every method awaits it.
        configure(get) {
            configured = start(get);
            return configured.then(() => undefined);
        },

        async check(news) {
            try {
                await api();
            } catch (error) {
                return { inputs: news, failures: [{ property: "", reason: messageOf(error) }] };
            }
            return checkInputs(definition, news);
        },

        async diff(olds, news) {
            await api();
            return diffConfig(definition, olds, news);
        },

        async create(inputs, options) {
            const live = await api(options);
            const desired = desiredConfig(definition, inputs);
            const id = idOf(definition, desired);
            // Where the API pages do not say that Add refuses an existing configuration (or say that it
            // writes over it, an upsert), look first: one nobody declared is never taken over silently.
            if (definition.binding.addOnExisting !== "refused") {
                const existing = await lookup(live, id);
                if (existing !== undefined) return adopt(definition, live, inputs, existing, undefined);
            }
            try {
                await live.add(desired);
            } catch (error) {
                if (kindOf(error) === "already-exists") return adopt(definition, live, inputs, undefined, error);
                if (mayHaveApplied(error)) {
                    // It may exist now: keep it in state rather than orphan it; a refresh settles the doubt.
                    throw new ResourceInitError(
                        id,
                        outputsOf(definition, desired),
                        inputs[PROVIDER_KEY],
                        error,
                        "The configuration may have been created nevertheless; run `pulumi refresh` to find out.",
                    );
                }
                throw error;
            }
            return { id, outs: outputsOf(definition, desired) };
        },

        async read(id, props, options) {
            const live = await api(options);
            // An empty id tells the engine the resource is gone; it drops it from the state.
            const described = await lookup(live, id);
            if (described === undefined) return { id: "" };
            const old: Readonly<Record<string, unknown>> = { ...props };
            const outputs = liveOutputs(definition, described.config, described.authKeyView, old);
            return { id, props: outputs, inputs: outputs };
        },

        async update(id, olds, news, options) {
            const live = await api(options);
            // The full desired state; a property removed from the program is cleared (see write.ts).
            const desired = { ...desiredConfig(definition, news), ...identityFromId(definition, id) };
            try {
                await writeConfig(definition, live, id, desired, { config: olds });
            } catch (error) {
                if (kindOf(error) === "not-found") {
                    throw new Error(
                        `The ${definition.title} of ${id} no longer exists: it was deleted outside Pulumi. ` +
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
            return { outs: outputsOf(definition, desired) };
        },

        async delete(id, options) {
            const live = await api(options);
            try {
                await live.delete(identityFromId(definition, id));
            } catch (error) {
                // Already gone is what delete wants.
                if (kindOf(error) !== "not-found") throw error;
            }
        },
    };
}

/**
 * The identity has a configuration already. Without `adoptExisting` that is an error (it may belong to
 * someone else); with it, the configuration is taken over and brought to the declared state. `current`
 * is the configuration when create already described it.
 */
async function adopt(
    definition: ResourceDefinition,
    live: ConfigApi<Bag, Bag>,
    inputs: Inputs,
    current: Awaited<ReturnType<ConfigApi<Bag, Bag>["describe"]>> | undefined,
    conflict: unknown,
): Promise<CreateResult<Outputs>> {
    const desired = desiredConfig(definition, inputs);
    const id = idOf(definition, desired);
    if (inputs.adoptExisting !== true) {
        throw new Error(
            `The ${holderNoun(definition)} ${id} already has a ${definition.title}, which this stack does not manage. ` +
                "To take it over, set `adoptExisting: true` on the resource: the existing configuration is then adopted " +
                "and updated to the declared one (or, with the provider plugin, `pulumi import` it). " +
                "Otherwise delete it, or remove it from the stack that manages it.",
            conflict === undefined ? undefined : { cause: conflict },
        );
    }
    const held = current ?? (await live.describe(identityFromId(definition, id)));
    // A key Describe does not show in clear text cannot be proven equal: then it is written anyway.
    const shownInClear = (held.authKeyView?.kind ?? "clear") === "clear";
    if (!shownInClear || !sameConfig(definition, held.config, desired)) {
        try {
            await writeConfig(definition, live, id, desired, held);
        } catch (error) {
            // An unclearable field's message already says what to do; retrying would not help.
            if (error instanceof UnclearableFieldError) throw new ResourceInitError(id, error.holds, inputs[PROVIDER_KEY], error);
            throw new ResourceInitError(
                id,
                liveOutputs(definition, held.config, held.authKeyView, {}),
                inputs[PROVIDER_KEY],
                error,
                `The existing configuration of ${id} was adopted but not brought to the declared state; the next \`pulumi up\` tries again.`,
            );
        }
    }
    return { id, outs: outputsOf(definition, desired) };
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
