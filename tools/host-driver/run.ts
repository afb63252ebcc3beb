/**
 * One engine operation's working state (engine.ts drives it): the live and pending-delete resources, the
 * events and counts, the failures, the two limits (serial step generation, parallel execution), and the
 * state it commits after each change, never during a preview.
 */
import { emptyCounts, formatEvent, type EngineEvent } from "./format";
import { createLimit, type Limit } from "./limit";
import { STATE_VERSION, type ResourceState, type StackState } from "./state";
import type { PropertyMap } from "./struct";

/** Receives each event and its printable line. */
export type EventLog = (line: string, event: EngineEvent) => void;

/** Thrown to the program for a registration the engine refused or could not carry out. */
export class StepError extends Error {
    override readonly name = "StepError";
}

/** One operation's working state: the resources, the events and the failures. */
export class Run {
    readonly live: Map<string, ResourceState>;
    readonly pending: ResourceState[];
    outputs: { outputs: PropertyMap; secretOutputs: readonly string[] };
    readonly events: EngineEvent[] = [];
    readonly errors: string[] = [];
    readonly counts = emptyCounts();
    drifted = 0;
    gone = 0;
    readonly generate: Limit = createLimit(1);
    private readonly inFlight = new Set<Promise<unknown>>();
    readonly execute: Limit;

    constructor(
        private readonly base: StackState,
        readonly preview: boolean,
        parallel: number,
        private readonly log: EventLog | undefined,
        private readonly commit: (state: StackState) => void,
    ) {
        this.live = new Map(base.resources.filter((r) => !isPending(r)).map((r) => [r.urn, r]));
        this.pending = base.resources.filter(isPending).map(({ pendingDelete: _, ...r }) => r);
        this.outputs = { outputs: base.outputs, secretOutputs: base.secretOutputs };
        this.execute = createLimit(parallel);
    }

    /** Remembers a step so that the operation does not end while it runs. */
    track<T>(step: Promise<T>): Promise<T> {
        this.inFlight.add(step);
        const forget = () => this.inFlight.delete(step);
        step.then(forget, forget);
        return step;
    }

    async settled(): Promise<void> {
        while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    }

    get failed(): boolean {
        return this.errors.length > 0;
    }

    emit(event: EngineEvent): void {
        // The original of a replacement is part of the replace step, not a delete of its own.
        if (event.kind === "step" && !event.replaced) this.counts[event.op]++;
        this.events.push(event);
        this.log?.(formatEvent(event), event);
    }

    error(message: string): void {
        this.errors.push(message);
    }

    /** Records a failed step and returns the error to hand to the program. */
    fail(op: string, reg: { type: string; name: string }, message: string): StepError {
        this.errors.push(`${op} ${reg.name}: ${message}`);
        this.emit({ kind: "failure", op, type: reg.type, name: reg.name, message });
        return new StepError(`${op} ${reg.name} failed: ${message}`);
    }

    /** Sets a resource in the working state (committed unless this is a preview). */
    put(r: ResourceState): void {
        this.live.set(r.urn, r);
        this.save();
    }

    remove(urn: string): void {
        this.live.delete(urn);
        this.save();
    }

    dropPending(r: ResourceState): void {
        const i = this.pending.indexOf(r);
        if (i >= 0) this.pending.splice(i, 1);
        this.save();
    }

    /** Commits the working state (never during a preview: a preview changes nothing). */
    save(): void {
        if (this.preview) return;
        this.commit({
            version: STATE_VERSION,
            project: this.base.project,
            stack: this.base.stack,
            resources: [...this.live.values(), ...this.pending.map((r) => ({ ...r, pendingDelete: true }))],
            outputs: this.outputs.outputs,
            secretOutputs: [...this.outputs.secretOutputs],
        });
    }
}

function isPending(r: ResourceState): boolean {
    return r.pendingDelete === true;
}
