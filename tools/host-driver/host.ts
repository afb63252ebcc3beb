/**
 * Starts Pulumi's real dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) and talks to it
 * over gRPC, as the Pulumi engine does, without the Pulumi CLI.
 *
 * The host binds 127.0.0.1:0 and prints its port as the first stdout line; it needs one argument (the
 * engine address), which it never uses. Serialized providers `require` packages relative to the host's
 * working directory, so `cwd` must be the project (program) directory, as the engine sets it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import type { Client, ServiceError } from "@grpc/grpc-js";
import { loadSdk, type PulumiSdk } from "./sdk";
import { fromStruct, toStruct, type PropertyMap } from "./struct";
import { toHostRpcError } from "./rpc-error";

/** The host insists on an engine address argument but never connects to it. */
export const UNUSED_ENGINE_ADDRESS = "127.0.0.1:1";

/** How long the host may take to print its port (it takes ~0.5 s; a loaded CI machine may take far longer). */
export const DEFAULT_START_TIMEOUT_MS = 30_000;

/** Per-RPC deadline, so a wedged provider fails a test instead of hanging it. */
export const DEFAULT_RPC_TIMEOUT_MS = 120_000;

/** Captured host output is capped (the newest bytes are kept). */
export const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

export interface HostOptions {
    /** The project directory. Serialized `require("pkg/...")` calls resolve from here. */
    readonly cwd: string;
    /** The host's whole environment. Default: this process's environment. */
    readonly env?: NodeJS.ProcessEnv;
    /** Sets `PULUMI_NODEJS_PROJECT`, the namespace of un-prefixed config keys, as the engine does. */
    readonly project?: string;
    readonly startTimeoutMs?: number;
    readonly rpcTimeoutMs?: number;
    readonly maxOutputBytes?: number;
}

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

/** Every host started here, so none outlives this process. */
const liveHosts = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
    if (exitHookInstalled) return;
    exitHookInstalled = true;
    process.on("exit", () => {
        for (const child of liveHosts) child.kill("SIGKILL");
    });
}

const PARENT_WATCH = path.join(__dirname, "parent-watch.js");

export async function startProviderHost(options: HostOptions): Promise<ProviderHost> {
    const sdk = loadSdk(options.cwd);
    const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env) };
    if (options.project !== undefined) {
        env.PULUMI_NODEJS_PROJECT = options.project;
        env.PULUMI_PROJECT = options.project;
    }
    installExitHook();
    const child = spawn(process.execPath, ["--require", PARENT_WATCH, sdk.hostScript, UNUSED_ENGINE_ADDRESS], {
        cwd: options.cwd,
        env,
        // stdin stays open: its closing tells the host (via parent-watch) that we are gone.
        stdio: ["pipe", "pipe", "pipe"],
    });
    liveHosts.add(child);
    const exited = new Promise<void>((resolve) => {
        const gone = () => {
            liveHosts.delete(child);
            resolve();
        };
        child.once("exit", gone);
        // A process that could not be spawned at all never emits "exit".
        child.once("error", () => child.pid === undefined && gone());
    });
    const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const stdout = new BoundedText(maxBytes);
    const stderr = new BoundedText(maxBytes);
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));

    let port: number;
    try {
        port = await readPort(child, stdout, stderr, options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
    } catch (error) {
        child.kill("SIGKILL");
        await exited;
        throw error;
    }

    const client = new sdk.providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, sdk.grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": 400 * 1024 * 1024,
    });
    return new GrpcProviderHost(sdk, child, client as unknown as RpcClient, port, exited, stdout, stderr, options.rpcTimeoutMs);
}

/** Resolves with the port from the first stdout line; keeps collecting the rest of stdout. */
function readPort(child: ChildProcess, stdout: BoundedText, stderr: BoundedText, timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
        let firstLine: string | undefined;
        let pending = "";
        const fail = (why: string) => {
            cleanup();
            const err = stderr.text().trim();
            reject(new Error(`dynamic-provider host did not start: ${why}${err ? `\n${err}` : ""}`));
        };
        const onData = (chunk: Buffer) => {
            stdout.push(chunk);
            if (firstLine !== undefined) return;
            pending += chunk.toString("utf8");
            const newline = pending.indexOf("\n");
            if (newline < 0) return;
            firstLine = pending.slice(0, newline).trim();
            const port = Number(firstLine);
            cleanup();
            if (Number.isInteger(port) && port > 0 && port < 65536) resolve(port);
            else fail(`first stdout line is not a port: ${JSON.stringify(firstLine.slice(0, 200))}`);
        };
        const onExit = (code: number | null, signal: NodeJS.Signals | null) => fail(`exited (${signal ?? code})`);
        const onError = (error: Error) => fail(error.message);
        const timer = setTimeout(() => fail(`no port within ${timeoutMs} ms`), timeoutMs);
        const cleanup = () => {
            clearTimeout(timer);
            child.removeListener("exit", onExit);
            child.removeListener("error", onError);
        };
        child.stdout!.on("data", onData);
        child.once("exit", onExit);
        child.once("error", onError);
    });
}

/** The generated client, looked up by method name. */
type RpcClient = Client & { readonly [method: string]: unknown };

type Unary<Req, Res> = (
    request: Req,
    metadata: import("@grpc/grpc-js").Metadata,
    options: Partial<import("@grpc/grpc-js").CallOptions>,
    callback: (error: ServiceError | null, response: Res) => void,
) => unknown;

class GrpcProviderHost implements ProviderHost {
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

/** Collects text, keeping at most `max` bytes (the newest). */
class BoundedText {
    private chunks: Buffer[] = [];
    private size = 0;
    constructor(private readonly max: number) {}
    push(chunk: Buffer): void {
        this.chunks.push(chunk);
        this.size += chunk.length;
        while (this.size > this.max && this.chunks.length > 1) this.size -= this.chunks.shift()!.length;
    }
    text(): string {
        return Buffer.concat(this.chunks).toString("utf8");
    }
}
