/**
 * What a started dynamic-provider host offers (`ProviderHost`) and its implementation: a gRPC client of
 * the host's ResourceProvider service that turns plain property maps into the SDK's protobuf requests
 * and back, as the Pulumi engine does. Starting the host process is host.ts.
 */
import type { ChildProcess } from "node:child_process";
import type { Client, ServiceError } from "@grpc/grpc-js";
import type { BoundedText } from "./bounded-text";
import type { PulumiSdk } from "./sdk";
import { fromStruct, toStruct, type PropertyMap } from "./struct";
import { toHostRpcError } from "./rpc-error";

/** Per-RPC deadline, so a wedged provider fails a test instead of hanging it. */
export const DEFAULT_RPC_TIMEOUT_MS = 120_000;

export interface CheckFailure {
    readonly property: string;
    readonly reason: string;
}

export interface CheckResult {
    readonly inputs: PropertyMap;
    readonly failures: readonly CheckFailure[];
}

/** `DiffResponse.changes`: NONE and SOME come from `diff().changes === false / true`; UNKNOWN otherwise. */
export type DiffChanges = "unknown" | "none" | "some";

export interface DiffResult {
    readonly changes: DiffChanges;
    readonly replaces: readonly string[];
    readonly deleteBeforeReplace: boolean;
}

export interface CreateResult {
    readonly id: string;
    readonly properties: PropertyMap;
}

export interface ReadResult {
    /** Empty when the provider says the resource is gone. */
    readonly id: string;
    readonly properties: PropertyMap;
    /** Inputs the provider derived from the live resource (SDK >= 3.216), when it returned any. */
    readonly inputs?: PropertyMap;
}

/** Identifies the resource in a request, as the engine fills these fields (the host ignores them). */
export interface ResourceRef {
    readonly urn?: string;
    readonly name?: string;
    readonly type?: string;
}

export interface ProviderHost {
    readonly port: number;
    readonly pid: number;
    /** The version of the SDK whose host runs. */
    readonly sdkVersion: string;
    getPluginInfo(): Promise<string>;
    /** Sends the whole stack config (namespaced keys), as the engine does for `pulumi-nodejs`. */
    configure(config: Readonly<Record<string, string>>): Promise<{ readonly acceptSecrets: boolean }>;
    check(request: ResourceRef & { readonly olds: PropertyMap; readonly news: PropertyMap }): Promise<CheckResult>;
    diff(
        request: ResourceRef & {
            readonly id: string;
            readonly olds: PropertyMap;
            readonly news: PropertyMap;
            readonly oldInputs?: PropertyMap;
            readonly ignoreChanges?: readonly string[];
        },
    ): Promise<DiffResult>;
    create(request: ResourceRef & { readonly properties: PropertyMap }): Promise<CreateResult>;
    read(request: ResourceRef & { readonly id: string; readonly properties: PropertyMap; readonly inputs?: PropertyMap }): Promise<ReadResult>;
    update(
        request: ResourceRef & {
            readonly id: string;
            readonly olds: PropertyMap;
            readonly news: PropertyMap;
            readonly oldInputs?: PropertyMap;
        },
    ): Promise<{ readonly properties: PropertyMap }>;
    delete(request: ResourceRef & { readonly id: string; readonly properties: PropertyMap; readonly oldInputs?: PropertyMap }): Promise<void>;
    /** Everything the host printed so far (for secret-hygiene checks and diagnostics). */
    output(): { readonly stdout: string; readonly stderr: string };
    /** True once the process has exited. */
    readonly exited: boolean;
    /** Closes the channel and kills the process; resolves when it has exited. Safe to call twice. */
    stop(): Promise<void>;
}

/** The generated client, looked up by method name. */
export type RpcClient = Client & { readonly [method: string]: unknown };

type Unary<Req, Res> = (
    request: Req,
    metadata: import("@grpc/grpc-js").Metadata,
    options: Partial<import("@grpc/grpc-js").CallOptions>,
    callback: (error: ServiceError | null, response: Res) => void,
) => unknown;

export class GrpcProviderHost implements ProviderHost {
    private stopping: Promise<void> | undefined;
    private hasExited = false;

    constructor(
        private readonly sdk: PulumiSdk,
        private readonly child: ChildProcess,
        private readonly client: RpcClient,
        readonly port: number,
        private readonly exitedPromise: Promise<void>,
        private readonly stdout: BoundedText,
        private readonly stderr: BoundedText,
        private readonly rpcTimeoutMs = DEFAULT_RPC_TIMEOUT_MS,
    ) {
        void exitedPromise.then(() => {
            this.hasExited = true;
        });
    }

    get pid(): number {
        return this.child.pid ?? -1;
    }

    get sdkVersion(): string {
        return this.sdk.version;
    }

    get exited(): boolean {
        return this.hasExited;
    }

    private call<Req, Res>(method: string, request: Req): Promise<Res> {
        const fn = this.client[method] as Unary<Req, Res>;
        return new Promise((resolve, reject) => {
            fn.call(this.client, request, new this.sdk.grpc.Metadata(), { deadline: Date.now() + this.rpcTimeoutMs }, (error, response) => {
                if (error) reject(toHostRpcError(this.sdk, method, error));
                else resolve(response);
            });
        });
    }

    async getPluginInfo(): Promise<string> {
        const info = await this.call<unknown, { getVersion(): string }>("getPluginInfo", new this.sdk.emptyPb.Empty());
        return info.getVersion();
    }

    async configure(config: Readonly<Record<string, string>>): Promise<{ readonly acceptSecrets: boolean }> {
        const req = new this.sdk.providerPb.ConfigureRequest();
        req.setArgs(toStruct(this.sdk, { ...config }));
        // The engine also sends the legacy `variables` map; the Node host reads only `args`.
        const vars = req.getVariablesMap();
        for (const [k, v] of Object.entries(config)) vars.set(k, v);
        req.setAcceptsecrets(true);
        const res = await this.call<typeof req, { getAcceptsecrets(): boolean }>("configure", req);
        return { acceptSecrets: res.getAcceptsecrets() };
    }

    async check(request: ResourceRef & { olds: PropertyMap; news: PropertyMap }): Promise<CheckResult> {
        const req = new this.sdk.providerPb.CheckRequest();
        this.ref(req, request);
        req.setOlds(toStruct(this.sdk, request.olds));
        req.setNews(toStruct(this.sdk, request.news));
        const res = await this.call<typeof req, InstanceType<PulumiSdk["providerPb"]["CheckResponse"]>>("check", req);
        return {
            inputs: fromStruct(res.getInputs()),
            failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
        };
    }

    async diff(
        request: ResourceRef & {
            id: string;
            olds: PropertyMap;
            news: PropertyMap;
            oldInputs?: PropertyMap;
            ignoreChanges?: readonly string[];
        },
    ): Promise<DiffResult> {
        const pb = this.sdk.providerPb;
        const req = new pb.DiffRequest();
        this.ref(req, request);
        req.setId(request.id);
        req.setOlds(toStruct(this.sdk, request.olds));
        req.setNews(toStruct(this.sdk, request.news));
        if (request.oldInputs) req.setOldInputs(toStruct(this.sdk, request.oldInputs));
        if (request.ignoreChanges) req.setIgnorechangesList([...request.ignoreChanges]);
        const res = await this.call<typeof req, InstanceType<typeof pb.DiffResponse>>("diff", req);
        const c = res.getChanges();
        const changes: DiffChanges =
            c === pb.DiffResponse.DiffChanges.DIFF_SOME ? "some" : c === pb.DiffResponse.DiffChanges.DIFF_NONE ? "none" : "unknown";
        return { changes, replaces: res.getReplacesList(), deleteBeforeReplace: res.getDeletebeforereplace() };
    }

    async create(request: ResourceRef & { properties: PropertyMap }): Promise<CreateResult> {
        const req = new this.sdk.providerPb.CreateRequest();
        this.ref(req, request);
        req.setProperties(toStruct(this.sdk, request.properties));
        const res = await this.call<typeof req, InstanceType<PulumiSdk["providerPb"]["CreateResponse"]>>("create", req);
        return { id: res.getId(), properties: fromStruct(res.getProperties()) };
    }

    async read(request: ResourceRef & { id: string; properties: PropertyMap; inputs?: PropertyMap }): Promise<ReadResult> {
        const req = new this.sdk.providerPb.ReadRequest();
        this.ref(req, request);
        req.setId(request.id);
        req.setProperties(toStruct(this.sdk, request.properties));
        if (request.inputs) req.setInputs(toStruct(this.sdk, request.inputs));
        const res = await this.call<typeof req, InstanceType<PulumiSdk["providerPb"]["ReadResponse"]>>("read", req);
        const inputs = res.getInputs();
        return {
            id: res.getId(),
            properties: fromStruct(res.getProperties()),
            ...(inputs ? { inputs: fromStruct(inputs) } : {}),
        };
    }

    async update(
        request: ResourceRef & { id: string; olds: PropertyMap; news: PropertyMap; oldInputs?: PropertyMap },
    ): Promise<{ properties: PropertyMap }> {
        const req = new this.sdk.providerPb.UpdateRequest();
        this.ref(req, request);
        req.setId(request.id);
        req.setOlds(toStruct(this.sdk, request.olds));
        req.setNews(toStruct(this.sdk, request.news));
        if (request.oldInputs) req.setOldInputs(toStruct(this.sdk, request.oldInputs));
        const res = await this.call<typeof req, InstanceType<PulumiSdk["providerPb"]["UpdateResponse"]>>("update", req);
        return { properties: fromStruct(res.getProperties()) };
    }

    async delete(request: ResourceRef & { id: string; properties: PropertyMap; oldInputs?: PropertyMap }): Promise<void> {
        const req = new this.sdk.providerPb.DeleteRequest();
        this.ref(req, request);
        req.setId(request.id);
        req.setProperties(toStruct(this.sdk, request.properties));
        if (request.oldInputs) req.setOldInputs(toStruct(this.sdk, request.oldInputs));
        await this.call("delete", req);
    }

    output(): { stdout: string; stderr: string } {
        return { stdout: this.stdout.text(), stderr: this.stderr.text() };
    }

    stop(): Promise<void> {
        this.stopping ??= (async () => {
            this.client.close();
            if (!this.hasExited) {
                this.child.kill("SIGTERM");
                const timer = setTimeout(() => this.child.kill("SIGKILL"), 2000);
                await this.exitedPromise;
                clearTimeout(timer);
            }
            this.child.stdin?.destroy();
        })();
        return this.stopping;
    }

    private ref(req: { setUrn(v: string): unknown; setName(v: string): unknown; setType(v: string): unknown }, ref: ResourceRef) {
        if (ref.urn) req.setUrn(ref.urn);
        if (ref.name) req.setName(ref.name);
        if (ref.type) req.setType(ref.type);
    }
}
