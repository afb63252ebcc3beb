/**
 * A throttle storm for a CLI suite: every call throttled from now until `lastsMs` after the first
 * call it throttles (the CLI takes seconds to get there), then lifted. Bounded both ways: `end()`,
 * called once the command under test has finished, stops watching and lifts the storm whether or not
 * it was met, and says how many calls it throttled, so a storm no call ever meets is a failed
 * assertion, not a wait for the suite's timeout.
 */
import type { EmulatorAdmin } from "../../../emulator";

const THROTTLED = "Throttling.User";
const POLL_MS = 100;

export class ThrottleStorm {
    #ended = false;
    readonly #watch: Promise<void>;

    private constructor(
        private readonly admin: EmulatorAdmin,
        private readonly since: number,
        private readonly fault: string,
        lastsMs: number,
    ) {
        this.#watch = this.#lift(lastsMs);
        // Handled here too, so a failing admin call is reported by `end()` rather than as an unhandled rejection.
        this.#watch.catch(() => undefined);
    }

    /** Starts a storm on every action, counting requests after the log entry `since`. */
    static async start(admin: EmulatorAdmin, since: number, lastsMs: number): Promise<ThrottleStorm> {
        const fault = await admin.addFault({ action: "*", probability: 1, error: { code: THROTTLED } });
        return new ThrottleStorm(admin, since, fault, lastsMs);
    }

    /** The calls throttled so far. */
    async throttled(): Promise<number> {
        return (await this.admin.requests(this.since)).filter((r) => r.outcome === THROTTLED).length;
    }

    /** Stops watching, lifts the storm if it still blows, and returns the calls it throttled. */
    async end(): Promise<number> {
        this.#ended = true;
        await this.#watch;
        return this.throttled();
    }

    /** Watches for the first throttled call, then lets the storm blow `lastsMs`; lifts it however that ends. */
    async #lift(lastsMs: number): Promise<void> {
        try {
            while (!this.#ended && (await this.throttled()) === 0) await sleep(POLL_MS);
            const until = Date.now() + lastsMs;
            while (!this.#ended && Date.now() < until) await sleep(Math.min(POLL_MS, until - Date.now()));
        } finally {
            await this.admin.removeFault(this.fault).catch(() => undefined);
        }
    }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
