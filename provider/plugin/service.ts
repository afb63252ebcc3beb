/**
 * The plugin front door: Pulumi's ResourceProvider gRPC service over the resource's operations
 * (`../resource/operations.ts`). Each handler only translates: the request's Structs and secrets,
 * its `timeout` (the program's `customTimeouts`) as the operation's deadline, the engine's Cancel as
 * an abort signal; and back, results and failures in the shapes the engine expects.
 */
import type * as grpc from "@grpc/grpc-js";
import { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import type { IResourceProviderServer } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import type { ResourceDefinition } from "../resource/definition";
import { changedFields } from "../resource/diff";
import {
    createOperations,
    type Inputs,
    type OperationOptions,
    type Outputs,
    type OperationsDeps,
    type ResourceOperations,
} from "../resource/operations";
import { ALL_ACTIONS, RESOURCES } from "../resources";
import { configFailure, configFailures, configFromVariables, configGetter, type ConfigBag } from "./config";
import { fromStruct, toStruct, type Bag } from "./properties";
import { rpcError } from "./rpc-error";
import { pluginDistribution, type Distribution } from "./distribution";
import { packageSchema } from "./schema";
import { resourceType } from "./tokens";
import { pluginVersion } from "./version";
import { Empty } from "./well-known-types";

export interface ServiceDeps extends OperationsDeps {
    /** The version the plugin reports and its schema states. Default: the npm package's. */
    readonly version?: string;
    /** The resources the plugin serves. Default: every resource of the package. */
    readonly resources?: readonly ResourceDefinition[];
    /** Where the schema says the plugin and its SDKs are released. Default: package.json's. */
    readonly distribution?: Distribution;
}

type Handlers = Pick<
    IResourceProviderServer,
    "getPluginInfo" | "getSchema" | "checkConfig" | "diffConfig" | "configure" | "check" | "diff" | "create" | "read" | "update" | "delete" | "cancel"
>;

/** A unary handler from a function; a throw or rejection becomes the engine's error (see rpc-error.ts). */
function unary<Req, Res>(
    handle: (request: Req) => Res | Promise<Res>,
    inputsOf?: (request: Req) => object | undefined,
): grpc.handleUnaryCall<Req, Res> {
    return (call, callback) => {
        Promise.resolve(call.request)
            .then(handle)
            .then(
                (response) => callback(null, response),
                (error: unknown) => callback(rpcError(error, inputsOf?.(call.request))),
            );
    };
}

/** The engine sends the bags `check` returned (inputs) and the outputs it stored: typed as such. */
const asInputs = (bag: Bag) => bag as unknown as Inputs;
const asOutputs = (bag: Bag) => bag as unknown as Outputs;

/** Seconds from a request's `timeout` (0: none given) as an operation's deadline. */
function deadline(timeoutSeconds: number, signal: AbortSignal): OperationOptions {
    return timeoutSeconds > 0 ? { timeoutMs: timeoutSeconds * 1000, signal } : { signal };
}

function checkResponse(inputs: object, secrets: ReadonlySet<string>, failures: readonly { property: string; reason: string }[]): proto.CheckResponse {
    const response = new proto.CheckResponse().setInputs(toStruct(inputs, secrets));
    response.setFailuresList(failures.map((f) => new proto.CheckFailure().setProperty(f.property).setReason(f.reason)));
    return response;
}

export function resourceProviderService(deps: ServiceDeps = {}): Handlers {
    const resources = deps.resources ?? RESOURCES;
    // The settings are the whole provider's: `actionQps` may name any resource's action.
    const operationsDeps: OperationsDeps = { knownActions: ALL_ACTIONS, ...deps };
    const byType = new Map<string, ResourceOperations>(
        resources.map((definition) => [resourceType(definition.type), createOperations(definition, operationsDeps)]),
    );
    const version = deps.version ?? pluginVersion();
    const distribution = deps.distribution ?? pluginDistribution();
    const env = deps.env ?? process.env;
    // One signal for every operation in flight: the engine cancels the whole provider, not one call.
    const cancellation = new AbortController();

    const typeOfUrn = (urn: string): string => urn.split("::")[2]?.split("$").at(-1) ?? "";
    /**
     * The operations of a request's resource type: its type token, else its URN's (a Read or Delete from an
     * older engine may leave the token out), else the first type's.
     */
    const operationsOf = (req: { getType(): string; getUrn(): string }): ResourceOperations => {
        const type = req.getType() || typeOfUrn(req.getUrn());
        const found = type === "" ? byType.values().next().value : byType.get(type);
        if (found === undefined) throw new Error(`unknown resource type ${type}; this provider has ${[...byType.keys()].join(", ")}`);
        return found;
    };

    return {
        getPluginInfo: unary(() => new PluginInfo().setVersion(version)),

        getSchema: unary(() => new proto.GetSchemaResponse().setSchema(JSON.stringify(packageSchema(version, distribution, resources)))),

        checkConfig: unary((req: proto.CheckRequest) => {
            const news = fromStruct(req.getNews());
            return checkResponse(news.values, news.secrets, configFailures(news.values, env));
        }),

        diffConfig: unary((req: proto.DiffRequest) => {
            const olds = fromStruct(req.getOlds()).values;
            const news = fromStruct(req.getNews()).values;
            const changed = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter(
                (key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]),
            );
            // A new setting reconfigures this provider; no resource is replaced for it.
            return new proto.DiffResponse()
                .setChanges(changed.length > 0 ? proto.DiffResponse.DiffChanges.DIFF_SOME : proto.DiffResponse.DiffChanges.DIFF_NONE)
                .setDiffsList(changed);
        }),

        configure: unary(async (req: proto.ConfigureRequest) => {
            const config: ConfigBag = req.hasArgs() ? fromStruct(req.getArgs()).values : configFromVariables(req.getVariablesMap().entries());
            try {
                await Promise.all([...byType.values()].map((operations) => operations.configure(configGetter(config))));
            } catch (error) {
                throw new Error(configFailure(error).reason, { cause: error });
            }
            // Secrets arrive and leave wrapped; previews are answered by the engine from the inputs.
            return new proto.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(false).setAcceptresources(false).setAcceptoutputs(false);
        }),

        check: unary(async (req: proto.CheckRequest) => {
            const operations = operationsOf(req);
            const news = fromStruct(req.getNews());
            const result = await operations.check(news.values);
            return checkResponse(result.inputs ?? news.values, news.secrets, result.failures ?? []);
        }),

        diff: unary(async (req: proto.DiffRequest) => {
            const operations = operationsOf(req);
            const olds = fromStruct(req.getOlds()).values;
            const news = fromStruct(req.getNews()).values;
            const result = await operations.diff(asOutputs(olds), asInputs(news));
            const replaces = new Set(result.replaces ?? []);
            const changed = changedFields(operations.definition, olds, news);
            const response = new proto.DiffResponse()
                .setChanges(result.changes ? proto.DiffResponse.DiffChanges.DIFF_SOME : proto.DiffResponse.DiffChanges.DIFF_NONE)
                .setReplacesList([...replaces])
                .setDeletebeforereplace(result.deleteBeforeReplace ?? false)
                .setDiffsList(changed)
                .setHasdetaileddiff(true);
            const details = response.getDetaileddiffMap();
            for (const field of changed) {
                const kind = replaces.has(field) ? proto.PropertyDiff.Kind.UPDATE_REPLACE : proto.PropertyDiff.Kind.UPDATE;
                details.set(field, new proto.PropertyDiff().setKind(kind).setInputdiff(true));
            }
            return response;
        }),

        create: unary(
            async (req: proto.CreateRequest) => {
                const operations = operationsOf(req);
                const inputs = fromStruct(req.getProperties());
                if (req.getPreview()) return new proto.CreateResponse().setProperties(toStruct(inputs.values, inputs.secrets));
                const result = await operations.create(asInputs(inputs.values), deadline(req.getTimeout(), cancellation.signal));
                return new proto.CreateResponse().setId(result.id).setProperties(toStruct(result.outs ?? {}, inputs.secrets));
            },
            (req) => fromStruct(req.getProperties()).values,
        ),

        read: unary(async (req: proto.ReadRequest) => {
            // An import sends the id alone; a refresh or `.get()` sends the last known state too.
            const operations = operationsOf(req);
            const props = fromStruct(req.getProperties());
            const result = await operations.read(req.getId(), asOutputs(props.values), deadline(req.getTimeout(), cancellation.signal));
            const response = new proto.ReadResponse().setId(result.id ?? "");
            if (result.props !== undefined) response.setProperties(toStruct(result.props, props.secrets));
            if (result.inputs !== undefined) response.setInputs(toStruct(result.inputs, props.secrets));
            return response;
        }),

        update: unary(
            async (req: proto.UpdateRequest) => {
                const operations = operationsOf(req);
                const olds = fromStruct(req.getOlds());
                const news = fromStruct(req.getNews());
                if (req.getPreview()) return new proto.UpdateResponse().setProperties(toStruct(news.values, news.secrets));
                const result = await operations.update(
                    req.getId(),
                    asOutputs(olds.values),
                    asInputs(news.values),
                    deadline(req.getTimeout(), cancellation.signal),
                );
                return new proto.UpdateResponse().setProperties(toStruct(result.outs ?? {}, news.secrets));
            },
            (req) => fromStruct(req.getNews()).values,
        ),

        delete: unary(async (req: proto.DeleteRequest) => {
            const operations = operationsOf(req);
            await operations.delete(req.getId(), deadline(req.getTimeout(), cancellation.signal));
            return new Empty();
        }),

        cancel: unary(() => {
            cancellation.abort();
            return new Empty();
        }),
    };
}
