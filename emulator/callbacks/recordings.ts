/**
 * The simulated recordings run so far, newest last, for the admin API. Bounded, like the request
 * log, so a long-running emulator does not grow without end.
 */
import type { RecordingRun } from "./recording";

/** Older runs are forgotten past this many. */
export const RECORDINGS_CAPACITY = 500;

export class RecordingBook {
    private runs: RecordingRun[] = [];
    private next = 1;

    newId(): string {
        return `recording-${this.next++}`;
    }

    add(run: RecordingRun): void {
        this.runs.push(run);
        if (this.runs.length > RECORDINGS_CAPACITY) this.runs.splice(0, this.runs.length - RECORDINGS_CAPACITY);
    }

    get(id: string): RecordingRun | undefined {
        return this.runs.find((r) => r.id === id);
    }

    list(): RecordingRun[] {
        return [...this.runs];
    }

    clear(): void {
        this.runs = [];
    }
}
