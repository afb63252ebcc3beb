/**
 * One soak sequence's run of its steps against a running emulator: each step through the engine
 * stand-in, with outages now and then, reruns of a failed step (with faults twice, then without; with
 * `--refresh` when the failure advises it), out-of-band changes with faults paused, the checker after
 * every operation, and the counts, failure readings and secret leaks that make the sequence's result.
 */
import { DEMO_ACCOUNT, EmulatorAdmin, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import { Engine, type OperationResult, type Program } from "../host-driver/engine";
import type { EngineEvent } from "../host-driver/format";
import { emptyState, type StackState } from "../host-driver/state";
import { canonicalConfig, type CanonicalConfig } from "../../provider/client/normalize";
import { LiveClient } from "../../provider/client/live-client";
import { findDivergences, readFailure, type Divergence } from "./checker";
import { addTallies, emptyTally, tallyRequests, throttleFault, type RequestTally } from "./fault-mix";
import { Faults } from "./faults";
import type { ChangeKind, Step } from "./generator";
import type { Hosts, HostsOptions } from "./hosts";
import { registrationOf, type Declared } from "./model";
import type { Random } from "./random";

export interface SequenceOptions extends HostsOptions {
    readonly seed: number;
    /** 0-based; with the seed, fixes the steps and the emulator's fault dice. */
    readonly index: number;
    readonly steps: number;
    readonly resources: number;
    /** Chance that an `up` or refresh meets an outage longer than the deadline. */
    readonly outageChance: number;
    /** The serialized provider, as the SDK writes it into `__provider`. */
    readonly providerText: string;
    /** The emulator's semantics profile (`--emulator-args`). */
    readonly emulatorOptions?: EmulatorOptions;
    readonly log?: (line: string) => void;
}

export interface SequenceResult {
    readonly index: number;
    /** Generated steps run (the final destroy not included). */
    readonly steps: number;
    readonly stepKinds: Record<Step["kind"], number>;
    readonly changes: Record<ChangeKind, number>;
    readonly outOfBandSkipped: number;
    readonly outages: number;
    /** Steps (including the final destroy) whose first run failed. */
    readonly failedSteps: number;
    /** Failure messages by "Action: cause". */
    readonly failureCauses: Record<string, number>;
    readonly unclearFailures: readonly string[];
    readonly reruns: { faultsOn: number; faultsOff: number; withRefresh: number };
    readonly notConverged: readonly string[];
    readonly divergences: ReadonlyArray<Divergence & { readonly step: string }>;
    /** Where a NotifyAuthKey or the AccessKey secret showed up in a failure message or the host's output. */
    readonly secretLeaks: readonly string[];
    readonly tally: RequestTally;
    readonly wallMs: number;
}

/** Reruns of a failed step before the faults are turned off for a last one. */
const RERUNS_WITH_FAULTS = 2;
const REFRESH_ADVICE = /pulumi refresh/;

/** Every NotifyAuthKey the sequence declares, and the AccessKey secret. */
export function secretsOf(steps: readonly Step[]): string[] {
    const keys = new Set<string>([DEMO_ACCOUNT.accessKeySecret]);
    for (const step of steps)
        if (step.kind === "up") for (const c of step.changes) if (c.kind !== "delete" && c.spec.notifyAuthKey) keys.add(c.spec.notifyAuthKey);
    return [...keys];
}

export type RunnableStep = Step | { readonly kind: "destroy" };

export class Sequence {
    readonly admin: EmulatorAdmin;
    readonly faults: Faults;
    private state: StackState = emptyState("soak", "soak");
    /** Domain -> what an out-of-band change left in the cloud (null: deleted). */
    private readonly drift = new Map<string, CanonicalConfig | null>();
    private readonly client: LiveClient;
    private logSeq = 0;
    private tally = emptyTally();
    private readonly stepKinds: Record<Step["kind"], number> = { "up": 0, "refresh": 0, "out-of-band": 0 };
    private readonly changes: Record<ChangeKind, number> = { create: 0, update: 0, replace: 0, delete: 0 };
    private outOfBandSkipped = 0;
    private outages = 0;
    private failedSteps = 0;
    private readonly failureCauses: Record<string, number> = {};
    private readonly unclearFailures: string[] = [];
    private readonly reruns = { faultsOn: 0, faultsOff: 0, withRefresh: 0 };
    private readonly notConverged: string[] = [];
    private readonly divergences: Array<Divergence & { step: string }> = [];
    private readonly secretLeaks: string[] = [];

    constructor(
        private readonly options: SequenceOptions,
        emulator: RunningEmulator,
        private readonly hosts: Hosts,
        private readonly random: Random,
        private readonly secrets: readonly string[],
    ) {
        this.admin = new EmulatorAdmin(emulator.url);
        this.faults = new Faults(this.admin, throttleFault(options.emulatorOptions?.throttleCode));
        // The person who changes things behind Pulumi's back uses the plain client, with faults paused.
        this.client = new LiveClient({ endpoint: emulator.url, credentials: DEMO_ACCOUNT });
    }

    async run(step: RunnableStep, label: string): Promise<void> {
        if (step.kind === "out-of-band") {
            this.stepKinds["out-of-band"]++;
            await this.outOfBand(step.name, step.change, label);
            return;
        }
        if (step.kind !== "destroy") this.stepKinds[step.kind]++;
        if (step.kind === "up") for (const c of step.changes) this.changes[c.kind]++;
        // After a successful up the state must hold what the program declares; after a destroy, nothing.
        const declared = step.kind === "up" ? step.declared : step.kind === "destroy" ? new Map() : undefined;

        let outage: string | undefined;
        if (step.kind !== "destroy" && this.random.chance(this.options.outageChance)) {
            outage = await this.faults.addOutage((n) => this.random.int(0, n - 1));
            this.outages++;
        }
        let result = await this.operate(step, false);
        if (outage !== undefined) await this.faults.remove(outage);
        await this.judge(result, label, declared);
        if (result.ok) return;

        this.failedSteps++;
        this.readFailures(result, label);
        for (let rerun = 1; rerun <= RERUNS_WITH_FAULTS + 1 && !result.ok; rerun++) {
            const faultsOff = rerun > RERUNS_WITH_FAULTS;
            const refresh = step.kind === "up" && result.errors.some((e) => REFRESH_ADVICE.test(e));
            if (faultsOff) {
                await this.faults.off();
                this.reruns.faultsOff++;
            } else {
                this.reruns.faultsOn++;
            }
            if (refresh) this.reruns.withRefresh++;
            result = await this.operate(step, refresh);
            if (faultsOff) await this.faults.install();
            await this.judge(result, `${label} rerun ${rerun}${faultsOff ? " (faults off)" : ""}${refresh ? " (--refresh)" : ""}`, declared);
            if (!result.ok) this.readFailures(result, label);
        }
        if (!result.ok) this.notConverged.push(`${label}: ${result.errors.join("; ")}`);
    }

    /** One engine operation for the step; `refresh` adds `--refresh` to an `up`. */
    private async operate(step: Exclude<RunnableStep, { kind: "out-of-band" }>, refresh: boolean): Promise<OperationResult> {
        const before = this.state;
        const result = await this.hosts.with(async (host) => {
            const engine = new Engine({ host, state: this.state, checkpoint: (s) => (this.state = s) });
            const done =
                step.kind === "up"
                    ? await engine.up(this.program(step.declared), { refresh: step.refresh || refresh })
                    : step.kind === "refresh"
                      ? await engine.refresh()
                      : await engine.destroy();
            this.state = engine.state;
            return done;
        });
        this.forgetDrift(before, this.state, result.events);
        return result;
    }

    private program(declared: Declared): Program {
        return async (declare) => {
            // A refused registration rejects; the engine has recorded why. Like a program whose
            // resources are independent, the rest go on.
            await Promise.allSettled([...declared].map(([name, spec]) => declare(registrationOf(name, spec, this.options.providerText))));
            return { outputs: { resources: declared.size }, secretOutputs: [] };
        };
    }

    /**
     * A refresh or a write of a resource makes state and cloud agree on that domain again: a refresh
     * on the domain it read, a create/update/replace on the domain it wrote (a replacement writes the
     * new domain; the original keeps its drift until it is deleted), a delete on the domain it removed.
     */
    private forgetDrift(before: StackState, after: StackState, events: readonly EngineEvent[]): void {
        const live = (state: StackState, name: string) => state.resources.find((r) => r.name === name && !r.pendingDelete);
        const forget = (id: string | undefined) => id !== undefined && this.drift.delete(id.toLowerCase());
        const remaining = new Set(after.resources.map((r) => r.id.toLowerCase()));
        for (const event of events) {
            if (event.kind === "refresh") {
                forget(live(before, event.name)?.id);
            } else if (event.kind === "step" && event.op === "delete") {
                for (const r of before.resources) if (r.name === event.name && !remaining.has(r.id.toLowerCase())) forget(r.id);
            } else if (event.kind === "step" && event.op !== "same") {
                forget(live(after, event.name)?.id);
            }
        }
    }

    private async outOfBand(name: string, change: Extract<Step, { kind: "out-of-band" }>["change"], label: string): Promise<void> {
        const resource = this.state.resources.find((r) => r.name === name && !r.pendingDelete);
        const domain = resource?.id.toLowerCase();
        const inCloud = domain !== undefined && (await this.admin.configs()).some((c) => c.domainName.toLowerCase() === domain);
        if (!domain || !inCloud) {
            this.outOfBandSkipped++;
            return;
        }
        await this.faults.off();
        try {
            if (change.action === "delete") {
                await this.client.delete({ domainName: domain });
                this.drift.set(domain, null);
            } else {
                // From what the cloud holds, not from Describe, which may mask or leave out the key.
                const stored = (await this.admin.configs()).find((c) => c.domainName.toLowerCase() === domain)!;
                const changed = { ...canonicalConfig(stored), notifyUrl: change.notifyUrl, needStatusNotify: change.needStatusNotify };
                await this.client.update(changed);
                this.drift.set(domain, canonicalConfig(changed));
            }
        } finally {
            await this.faults.install();
        }
        this.options.log?.(`  ${label} out-of-band ${change.action} of ${domain}`);
        await this.judge(undefined, `${label} out-of-band`, undefined);
    }

    /** Compares state and cloud after an operation (`result`) or an out-of-band change (no result). */
    private async judge(result: OperationResult | undefined, label: string, declared: Declared | undefined): Promise<void> {
        const entries = await this.admin.requests(this.logSeq);
        if (entries.length > 0) this.logSeq = entries[entries.length - 1].seq;
        this.tally = addTallies(this.tally, tallyRequests(entries, this.faults.kindOfRule));
        const ok = result?.ok ?? true;
        const touched = new Set<string>();
        for (const e of result?.events ?? []) if (e.kind === "failure") touched.add(e.name);
        const cloud = await this.admin.configs();
        const found = findDivergences({ state: this.state, cloud, drift: this.drift, stepOk: ok, touched, declared: ok ? declared : undefined });
        for (const d of found) this.divergences.push({ ...d, step: label });
        const status = result === undefined ? "" : ok ? "ok" : `FAILED (${result.errors.length})`;
        if (result)
            this.options.log?.(
                `  ${label} ${status}${found.length ? ` DIVERGENCES: ${found.map((d) => `${d.kind} ${d.domain} ${d.detail}`).join(" | ")}` : ""}`,
            );
    }

    /** Records where a secret appears in `text` (the secret itself is not recorded). */
    searchSecrets(text: string, where: string): void {
        for (const secret of this.secrets) {
            if (!text.includes(secret)) continue;
            const what = secret === DEMO_ACCOUNT.accessKeySecret ? "the AccessKey secret" : "a NotifyAuthKey";
            const at = text.indexOf(secret);
            this.secretLeaks.push(`${where} carries ${what}: ...${this.redacted(text.slice(Math.max(0, at - 300), at + secret.length + 100))}...`);
        }
    }

    private readFailures(result: OperationResult, label: string): void {
        this.searchSecrets(result.errors.join("\n"), `${label} errors`);
        for (const e of result.events) {
            if (e.kind !== "failure") continue;
            const reading = readFailure(e.message);
            const key = reading.outOfBandDeletion
                ? "out-of-band deletion (refresh advised)"
                : `${reading.action ?? "?"}: ${(reading.cause ?? "?").split(",")[0]}`;
            this.failureCauses[key] = (this.failureCauses[key] ?? 0) + 1;
            if (!reading.clear) this.unclearFailures.push(`${label} ${e.op} ${e.name}: ${e.message}`);
            this.options.log?.(`    ${e.op} ${e.name}: ${this.redacted(e.message).slice(0, 300)}`);
        }
    }

    /** The text with every known secret replaced, for the soak's own log. */
    private redacted(text: string): string {
        return this.secrets.reduce((t, secret) => t.split(secret).join("<SECRET>"), text);
    }

    result(steps: readonly Step[], wallMs: number): SequenceResult {
        return {
            index: this.options.index,
            steps: steps.length,
            stepKinds: { ...this.stepKinds },
            changes: { ...this.changes },
            outOfBandSkipped: this.outOfBandSkipped,
            outages: this.outages,
            failedSteps: this.failedSteps,
            failureCauses: { ...this.failureCauses },
            unclearFailures: [...this.unclearFailures],
            reruns: { ...this.reruns },
            notConverged: [...this.notConverged],
            divergences: [...this.divergences],
            secretLeaks: [...this.secretLeaks],
            tally: this.tally,
            wallMs,
        };
    }
}
