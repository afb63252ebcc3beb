/**
 * Runs a real Pulumi program (a compiled CommonJS module) under `pulumi.runtime.setMocks`, turning
 * every resource registration into an engine step against the real dynamic-provider host.
 *
 * The program loads exactly as `pulumi up` loads it: inside the root `pulumi:pulumi:Stack` resource
 * (`runInPulumiStack`), with config from `PULUMI_CONFIG`. The SDK serializes each dynamic resource's
 * provider for real, so `__provider` in the inputs is the production text. The mock hands the
 * provider's outputs back, so the program's Outputs resolve to what the provider computed.
 *
 * Resource options (ignoreChanges, deleteBeforeReplace, retainOnDelete, additionalSecretOutputs,
 * protect) and dependencies are not passed to mocks; they are read from the registration request by
 * wrapping the mock monitor's `registerResource`.
 *
 * A program can run ONCE per process: the SDK keeps module-level runtime state and Node caches the
 * program module. Run each operation in a fresh process (run-program.ts does).
 */
import * as path from "node:path";
import type { Declare, Program, ProgramResult, Registration } from "./engine";
import { unwrapProgramSecrets, wrapProgramSecrets } from "./secrets";
import type { ResourceOptions } from "./state";
import { UNKNOWN_SENTINEL } from "./steps";
import type { PropertyMap } from "./struct";

export const STACK_TYPE = "pulumi:pulumi:Stack";

export interface MockedProgramOptions {
    /** The program: a directory (its package.json `main` or index.js) or a .js file. */
    readonly program: string;
    readonly project: string;
    readonly stack: string;
    /** Run the program as `pulumi preview` runs it (`pulumi.runtime.isDryRun()` is true). */
    readonly preview?: boolean;
}

let used = false;

/** A `Program` for `Engine.up` that runs the given module under mocks. Usable once per process. */
export function mockedProgram(options: MockedProgramOptions): Program {
    return async (declare: Declare): Promise<ProgramResult> => {
        if (used) throw new Error("a Pulumi program can run only once per process; start a new process (run-program.js)");
        used = true;
        return runUnderMocks(options, declare);
    };
}

interface RequestFacts {
    readonly parentUrn?: string;
    readonly dependencies: readonly string[];
    readonly options: ResourceOptions;
}

/** The parts of a RegisterResourceRequest the stand-in reads. */
interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getDependenciesList(): string[];
    getIgnorechangesList(): string[];
    getAdditionalsecretoutputsList(): string[];
    getDeletebeforereplace(): boolean;
    getDeletebeforereplacedefined?(): boolean;
    getRetainondelete(): boolean;
    getProtect(): boolean;
}

async function runUnderMocks(options: MockedProgramOptions, declare: Declare): Promise<ProgramResult> {
    const programPath = path.resolve(options.program);
    const fromDir = path.extname(programPath) === ".js" ? path.dirname(programPath) : programPath;
    // The program's own SDK: setMocks must act on the copy the program (and its packages) load.
    const sdkRoot = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [fromDir] }));
    const pulumi = require(sdkRoot) as typeof import("@pulumi/pulumi");
    // `waitForRPCs` is marked internal in the typings; it is what `disconnect()` awaits.
    const settings = require(path.join(sdkRoot, "runtime", "settings")) as typeof import("@pulumi/pulumi/runtime/settings") & {
        waitForRPCs(): Promise<void>;
    };
    const stackModule = require(path.join(sdkRoot, "runtime", "stack")) as typeof import("@pulumi/pulumi/runtime/stack");
    const outputModule = require(path.join(sdkRoot, "output")) as { unknown: unknown };

    const facts = new Map<string, RequestFacts>();
    let stackOutputs: PropertyMap = {};

    await pulumi.runtime.setMocks(
        {
            async newResource(args) {
                if (!args.custom) return { id: undefined, state: {} };
                const f = facts.get(factKey(args.type, args.name));
                const { values, secretKeys } = unwrapProgramSecrets(replaceUnknowns(args.inputs, outputModule.unknown) as PropertyMap);
                const registration: Registration = {
                    type: args.type,
                    name: args.name,
                    custom: true,
                    parentUrn: f?.parentUrn,
                    inputs: values,
                    secretInputs: secretKeys,
                    dependencies: f?.dependencies ?? [],
                    options: f?.options ?? {},
                };
                const done = await declare(registration);
                return { id: done.id === "" ? undefined : done.id, state: wrapProgramSecrets(done.outputs, done.secretOutputs) };
            },
            call(args) {
                throw new Error(`the engine stand-in does not support invokes (${args.token})`);
            },
        },
        options.project,
        options.stack,
        options.preview === true,
    );

    const monitor = settings.getMonitor() as unknown as {
        registerResource(req: RegisterRequest, cb: unknown): unknown;
        registerResourceOutputs(req: { getUrn(): string; getOutputs(): { toJavaScript(): PropertyMap } | undefined }, cb: unknown): unknown;
    };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        facts.set(factKey(req.getType(), req.getName()), {
            parentUrn: req.getParent() ? engineUrn(req.getParent()) : undefined,
            dependencies: req.getDependenciesList().map(engineUrn),
            options: optionsOf(req),
        });
        return register(req, cb);
    };
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, cb) => {
        const qualifiedType = req.getUrn().split("::")[2] ?? "";
        if (qualifiedType === STACK_TYPE) stackOutputs = req.getOutputs()?.toJavaScript() ?? {};
        return registerOutputs(req, cb);
    };

    await stackModule.runInPulumiStack(() => loadProgram(programPath));
    await settings.waitForRPCs();
    const { values, secretKeys } = unwrapProgramSecrets(stackOutputs);
    return { outputs: values, secretOutputs: secretKeys };
}

/** Loads the program module the way the Node language host does (exports, default export, or a function). */
async function loadProgram(programPath: string): Promise<unknown> {
    let exported = require(programPath.endsWith(".js") ? programPath : programPath + path.sep);
    if (exported && Object.getOwnPropertyDescriptor(exported, "default") !== undefined) {
        if (Object.keys(exported).length !== 1) {
            throw new Error("expected entrypoint module to have either a default export or named exports but not both");
        }
        exported = exported.default;
    }
    return exported instanceof Function ? await exported() : exported;
}

/**
 * The mock monitor qualifies children of the root stack with `pulumi:pulumi:Stack$`; the engine
 * does not. Use the engine's form so dependencies match the URNs in state.
 */
export function engineUrn(mockUrn: string): string {
    const parts = mockUrn.split("::");
    if (parts.length >= 4 && parts[2].startsWith(`${STACK_TYPE}$`)) parts[2] = parts[2].slice(STACK_TYPE.length + 1);
    return parts.join("::");
}

function factKey(type: string, name: string): string {
    return `${type}::${name}`;
}

function optionsOf(req: RegisterRequest): ResourceOptions {
    const o: { -readonly [K in keyof ResourceOptions]: ResourceOptions[K] } = {};
    if (req.getIgnorechangesList().length > 0) o.ignoreChanges = req.getIgnorechangesList();
    if (req.getAdditionalsecretoutputsList().length > 0) o.additionalSecretOutputs = req.getAdditionalsecretoutputsList();
    if (req.getDeletebeforereplace()) o.deleteBeforeReplace = true;
    if (req.getRetainondelete()) o.retainOnDelete = true;
    if (req.getProtect()) o.protect = true;
    return o;
}

/** During a preview, the SDK's `unknown` marker becomes the sentinel string the engine sends providers. */
function replaceUnknowns(value: unknown, unknown: unknown): unknown {
    if (value === unknown) return UNKNOWN_SENTINEL;
    if (Array.isArray(value)) return value.map((v) => replaceUnknowns(v, unknown));
    if (typeof value === "object" && value !== null) {
        const out: PropertyMap = {};
        for (const [k, v] of Object.entries(value)) out[k] = replaceUnknowns(v, unknown);
        return out;
    }
    return value;
}
