/**
 * A small stand-in for the Pulumi engine, driving the real dynamic-provider host. It is an
 * IMITATION of the engine's rules for dynamic resources (research/pulumi-dynamic.md §4), not the
 * engine; what it does and does not imitate is listed in docs/development.md ("The engine stand-in").
 *
 * Imitated: Check(olds = old inputs) then Diff(olds = old OUTPUTS); same steps keep the old outputs
 * and take the new inputs; update / replace (create-before-delete unless deleteBeforeReplace) /
 * delete of resources no longer declared (dependents first); Read and Delete use the outputs'
 * `__provider`; refresh replaces outputs and, when the provider returns them, inputs, and drops
 * resources whose Read returns an empty id; secret re-marking of same-named outputs plus
 * additionalSecretOutputs; ignoreChanges (top-level keys), retainOnDelete, protect; partial-init
 * failures kept in state with their init errors; Check and Diff serial (the step generator), other
 * steps on up to `parallel` workers (default 4 x CPUs); no Create/Update/Delete during a preview.
 */
import * as os from "node:os";
import type { ProviderHost } from "./host";
import { HostRpcError } from "./rpc-error";
import type { EngineEvent, StepCounts } from "./format";
import { secretOutputKeys } from "./secrets";
import { Run, StepError, type EventLog } from "./run";
import type { ResourceOptions, ResourceState, StackState } from "./state";
import { applyIgnoreChanges, changedKeys, deletionWaves, planStep, PROVIDER_KEY, urnOf } from "./steps";
import type { PropertyMap } from "./struct";

/** Pulumi's default `--parallel`: 4 x the number of CPUs. */
export const DEFAULT_PARALLEL = 4 * Math.max(1, os.cpus().length);

/** The type-token prefix of dynamic resources, the only kind this stand-in can run. */
export const DYNAMIC_TYPE_PREFIX = "pulumi-nodejs:dynamic";

export interface EngineOptions {
    readonly host: ProviderHost;
    readonly state: StackState;
    /** Steps running at once. Default `DEFAULT_PARALLEL`. */
    readonly parallel?: number;
    /** Receives each event and its printable line. */
    readonly log?: EventLog;
    /** Called with the new state after each change (to write a checkpoint, as the engine does). */
    readonly checkpoint?: (state: StackState) => void;
}

/** One resource registration from the program. */
export interface Registration {
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    readonly parentUrn?: string;
    /** Plain values; `secretInputs` names the keys that were secret. */
    readonly inputs: PropertyMap;
    readonly secretInputs: readonly string[];
    readonly dependencies: readonly string[];
    readonly options: ResourceOptions;
}

export interface Registered {
    readonly urn: string;
    /** Empty during a preview of a create (the id is unknown then). */
    readonly id: string;
    readonly outputs: PropertyMap;
    readonly secretOutputs: readonly string[];
}

export type Declare = (registration: Registration) => Promise<Registered>;

export interface ProgramResult {
    readonly outputs: PropertyMap;
    readonly secretOutputs: readonly string[];
}

/** A program: declares resources through `declare` and returns the stack outputs. */
export type Program = (declare: Declare) => Promise<ProgramResult | void>;

export interface OperationOptions {
    /** Plan only: Check, Diff (and Read with `refresh`), no Create/Update/Delete, state unchanged. */
    readonly preview?: boolean;
    /** Refresh before running the program (`pulumi up --refresh`, `pulumi preview --refresh`). */
    readonly refresh?: boolean;
    /** Fail when anything would change (`--expect-no-changes`); refresh drift counts as a change. */
    readonly expectNoChanges?: boolean;
}

export interface OperationResult {
    readonly ok: boolean;
    readonly preview: boolean;
    readonly counts: StepCounts;
    /** Refresh findings: resources whose live state differed, and resources found gone. */
    readonly drifted: number;
    readonly gone: number;
    readonly events: readonly EngineEvent[];
    readonly errors: readonly string[];
    /** The stack state after the operation (unchanged by a preview). */
    readonly state: StackState;
}

export class Engine {
    private readonly host: ProviderHost;
    private current: StackState;
    private readonly parallel: number;

    constructor(private readonly options: EngineOptions) {
        this.host = options.host;
        this.current = options.state;
        this.parallel = options.parallel ?? DEFAULT_PARALLEL;
        if (!Number.isInteger(this.parallel) || this.parallel < 1) {
            throw new RangeError(`parallel must be an integer >= 1, got ${String(options.parallel)}`);
        }
    }

    get state(): StackState {
        return this.current;
    }

    /** `pulumi up` (or `pulumi preview` with `preview: true`). */
    async up(program: Program, opts: OperationOptions = {}): Promise<OperationResult> {
        const run = this.begin(opts);
        if (opts.refresh) await this.refreshAll(run);
        if (!run.failed) await this.deletePending(run);
        const seen = new Set<string>();
        const declare: Declare = async (reg) => {
            const urn = urnOf(this.current.stack, this.current.project, reg.type, reg.name, reg.parentUrn);
            // Components and the root stack have no provider: nothing to do for them here.
            if (!reg.custom) return { urn, id: "", outputs: {}, secretOutputs: [] };
            if (!reg.type.startsWith(DYNAMIC_TYPE_PREFIX)) {
                throw run.fail("register", reg, `the engine stand-in runs only dynamic resources, not ${reg.type}`);
            }
            if (seen.has(urn)) throw run.fail("register", reg, `duplicate resource URN ${urn}`);
            seen.add(urn);
            // Like the engine without --continue-on-error: after a failure, no new steps start.
            if (run.failed) throw new StepError(`${reg.name}: not started because an earlier step failed`);
            return run.track(this.step(run, urn, reg));
        };
        let result: ProgramResult | void = undefined;
        try {
            result = await program(declare);
        } catch (error) {
            run.error(`program failed: ${messageOf(error)}`);
        }
        // A failed program returns early; let the steps already started finish before going on.
        await run.settled();
        if (!run.failed) {
            const unseen = [...run.live.values()].filter((r) => !seen.has(r.urn));
            await this.deleteResources(run, unseen, "live");
            await this.deletePending(run);
        }
        if (result && !run.failed && !run.preview) {
            run.outputs = { outputs: result.outputs, secretOutputs: result.secretOutputs };
            run.save();
        }
        return this.finish(run, opts);
    }

    /** `pulumi preview`. */
    preview(program: Program, opts: Omit<OperationOptions, "preview"> = {}): Promise<OperationResult> {
        return this.up(program, { ...opts, preview: true });
    }

    /** `pulumi refresh`: Read every resource with its stored outputs and take what the provider reports. */
    async refresh(opts: Omit<OperationOptions, "refresh"> = {}): Promise<OperationResult> {
        const run = this.begin(opts);
        await this.refreshAll(run);
        return this.finish(run, opts);
    }

    /** `pulumi destroy`: delete everything, dependents first. The program does not run. */
    async destroy(opts: Pick<OperationOptions, "preview"> = {}): Promise<OperationResult> {
        const run = this.begin(opts);
        await this.deletePending(run);
        await this.deleteResources(run, [...run.live.values()], "live");
        if (!run.failed && !run.preview && run.live.size === 0) {
            run.outputs = { outputs: {}, secretOutputs: [] };
            run.save();
        }
        return this.finish(run, opts);
    }

    private begin(opts: OperationOptions): Run {
        return new Run(this.current, opts.preview === true, this.parallel, this.options.log, (state) => {
            this.current = state;
            this.options.checkpoint?.(state);
        });
    }

    private finish(run: Run, opts: OperationOptions): OperationResult {
        const c = run.counts;
        const changes = c.create + c.update + c.replace + c.delete + run.drifted + run.gone;
        if (opts.expectNoChanges && changes > 0) run.error("no changes were expected but changes were proposed");
        return {
            ok: !run.failed,
            preview: run.preview,
            counts: { ...c },
            drifted: run.drifted,
            gone: run.gone,
            events: run.events,
            errors: run.errors,
            state: this.current,
        };
    }

    /** Check and Diff (serial, like the step generator), then the step itself on a worker. */
    private async step(run: Run, urn: string, reg: Registration): Promise<Registered> {
        const host = this.host;
        const ref = { urn, name: reg.name, type: reg.type };
        const old = run.live.get(urn);
        const news = applyIgnoreChanges(old?.inputs, reg.inputs, reg.options.ignoreChanges);
        const ignoredSecret = (reg.options.ignoreChanges ?? []).filter((k) => old?.secretInputs.includes(k));
        const secretNews = [...new Set([...reg.secretInputs, ...ignoredSecret])];

        const plan = await run
            .generate(async () => {
                if (run.failed) throw new StepError(`${reg.name}: not started because an earlier step failed`);
                const checked = await host.check({ ...ref, olds: old?.inputs ?? {}, news });
                if (checked.failures.length > 0) {
                    const reasons = checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
                    throw run.fail("check", reg, `invalid inputs: ${reasons}`);
                }
                if (!old) return { op: "create" as const, keys: [], deleteBeforeReplace: false, inputs: checked.inputs };
                const diff = await host.diff({
                    ...ref,
                    id: old.id,
                    olds: old.outputs,
                    news: checked.inputs,
                    oldInputs: old.inputs,
                    ignoreChanges: reg.options.ignoreChanges,
                });
                const planned = planStep({
                    diff,
                    oldInputs: old.inputs,
                    newInputs: checked.inputs,
                    hasInitErrors: (old.initErrors?.length ?? 0) > 0,
                    deleteBeforeReplaceOption: reg.options.deleteBeforeReplace,
                });
                if (planned.op !== "replace") return { ...planned, inputs: checked.inputs };
                // The replacement is a new resource: the engine checks its inputs again without olds.
                const fresh = await host.check({ ...ref, olds: {}, news });
                if (fresh.failures.length > 0) {
                    const reasons = fresh.failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
                    throw run.fail("check", reg, `invalid inputs: ${reasons}`);
                }
                return { ...planned, inputs: fresh.inputs };
            })
            .catch((error) => {
                throw error instanceof StepError ? error : run.fail("check", reg, messageOf(error));
            });

        const inputs = plan.inputs;
        const secretInputs = Object.keys(inputs)
            .filter((k) => secretNews.includes(k))
            .sort();
        const base = {
            urn,
            type: reg.type,
            name: reg.name,
            inputs,
            secretInputs,
            dependencies: [...reg.dependencies],
            options: reg.options,
        };
        const withOutputs = (id: string, outputs: PropertyMap, initErrors?: readonly string[]): ResourceState => ({
            ...base,
            id,
            outputs,
            secretOutputs: secretOutputKeys(outputs, secretInputs, reg.options.additionalSecretOutputs),
            ...(initErrors && initErrors.length > 0 ? { initErrors } : {}),
        });
        const registered = (r: ResourceState): Registered => ({
            urn,
            id: r.id,
            outputs: r.outputs,
            secretOutputs: r.secretOutputs,
        });

        if (plan.op === "same") {
            // The engine keeps the OLD outputs and takes the new inputs.
            const next: ResourceState = { ...base, id: old!.id, outputs: old!.outputs, secretOutputs: old!.secretOutputs };
            run.put(next);
            run.emit({ kind: "step", op: "same", type: reg.type, name: reg.name, keys: [] });
            return registered(next);
        }
        if (plan.op === "replace" && old!.options.protect) {
            throw run.fail("replace", reg, "the resource is protected; unprotect it before it can be replaced");
        }
        if (run.preview) {
            // Without provider-side preview support the engine shows the inputs as the planned outputs.
            run.emit({ kind: "step", op: plan.op, type: reg.type, name: reg.name, keys: plan.keys });
            return registered(withOutputs(plan.op === "update" ? old!.id : "", inputs));
        }

        return run.execute(async () => {
            if (plan.op === "update") {
                const updated = await host
                    .update({ ...ref, id: old!.id, olds: old!.outputs, news: inputs, oldInputs: old!.inputs })
                    .catch((error) => {
                        // Applied in part: like the engine, keep the properties the provider reports, with the reasons.
                        const partial = error instanceof HostRpcError ? error.initFailure : undefined;
                        if (partial) run.put(withOutputs(old!.id, partial.properties, partial.reasons));
                        throw run.fail("update", reg, messageOf(error));
                    });
                const next = withOutputs(old!.id, updated.properties);
                run.put(next);
                run.emit({ kind: "step", op: "update", type: reg.type, name: reg.name, keys: plan.keys });
                return registered(next);
            }
            if (plan.op === "replace" && plan.deleteBeforeReplace) {
                await this.deleteOne(run, old!);
                if (run.failed) throw new StepError(`${reg.name}: replacement stopped because deleting the old resource failed`);
            }
            let created: ResourceState;
            try {
                const res = await host.create({ ...ref, properties: inputs });
                created = withOutputs(res.id, res.properties);
            } catch (error) {
                const partial = error instanceof HostRpcError ? error.initFailure : undefined;
                if (partial) {
                    // Created but not initialised: the engine keeps it, so it is not orphaned.
                    if (plan.op === "replace" && !plan.deleteBeforeReplace) run.pending.push(old!);
                    run.put(withOutputs(partial.id, partial.properties, partial.reasons));
                }
                throw run.fail("create", reg, messageOf(error));
            }
            if (plan.op === "replace" && !plan.deleteBeforeReplace) run.pending.push(old!);
            run.put(created);
            run.emit({ kind: "step", op: plan.op, type: reg.type, name: reg.name, keys: plan.keys });
            return registered(created);
        });
    }

    /** Deletes the old halves of create-before-delete replacements (kept in state until deleted). */
    private async deletePending(run: Run): Promise<void> {
        await this.deleteResources(run, [...run.pending], "pending");
    }

    private async deleteResources(run: Run, resources: readonly ResourceState[], from: "live" | "pending"): Promise<void> {
        if (resources.length === 0) return;
        // Replaced resources have no dependents left; live ones go dependents first.
        const byUrn = new Map(resources.map((r) => [r.urn, r]));
        const waves = from === "pending" ? [resources] : deletionWaves(resources).map((w) => w.map((urn) => byUrn.get(urn)!));
        for (const wave of waves) {
            await Promise.all(wave.map((r) => run.execute(() => this.deleteOne(run, r, from))));
            if (run.failed) return; // what a failed delete depends on must stay
        }
    }

    /** Delete with the outputs' `__provider` (the code recorded at the last Create/Update). */
    private async deleteOne(run: Run, r: ResourceState, from: "live" | "pending" = "live"): Promise<void> {
        const reg = { type: r.type, name: r.name };
        if (r.options.protect) {
            run.fail("delete", reg, "the resource is protected; unprotect it before it can be deleted");
            return;
        }
        const retained = r.options.retainOnDelete === true;
        if (!run.preview && !retained) {
            try {
                await this.host.delete({ urn: r.urn, name: r.name, type: r.type, id: r.id, properties: r.outputs, oldInputs: r.inputs });
            } catch (error) {
                run.fail("delete", reg, messageOf(error));
                return;
            }
        }
        if (!run.preview) {
            if (from === "pending") run.dropPending(r);
            else if (run.live.get(r.urn) === r) run.remove(r.urn);
        }
        run.emit({ kind: "step", op: "delete", type: r.type, name: r.name, keys: [], retained, replaced: from === "pending" });
    }

    private async refreshAll(run: Run): Promise<void> {
        const resources = [...run.live.values()];
        await Promise.all(
            resources.map((r) =>
                run.execute(async () => {
                    const reg = { type: r.type, name: r.name };
                    let read;
                    try {
                        read = await this.host.read({
                            urn: r.urn,
                            name: r.name,
                            type: r.type,
                            id: r.id,
                            properties: r.outputs,
                            inputs: r.inputs,
                        });
                    } catch (error) {
                        run.fail("refresh", reg, messageOf(error));
                        return;
                    }
                    if (read.id === "") {
                        run.gone++;
                        run.remove(r.urn);
                        run.emit({ kind: "refresh", type: r.type, name: r.name, outcome: "gone", keys: [] });
                        return;
                    }
                    const inputs = read.inputs ?? r.inputs;
                    const secretInputs = Object.keys(inputs)
                        .filter((k) => r.secretInputs.includes(k))
                        .sort();
                    const next: ResourceState = {
                        ...r,
                        id: read.id,
                        inputs,
                        secretInputs,
                        outputs: read.properties,
                        secretOutputs: secretOutputKeys(read.properties, r.secretInputs, r.options.additionalSecretOutputs),
                    };
                    const drift = changedKeys(r.outputs, read.properties, [PROVIDER_KEY]);
                    if (drift.length > 0) run.drifted++;
                    run.put(next);
                    run.emit({
                        kind: "refresh",
                        type: r.type,
                        name: r.name,
                        outcome: drift.length > 0 ? "drift" : "unchanged",
                        keys: drift,
                    });
                }),
            ),
        );
    }
}

function messageOf(error: unknown): string {
    if (error instanceof HostRpcError) return error.details;
    return error instanceof Error ? error.message : String(error);
}
