/**
 * The emulator's fault rules during a soak sequence: the steady mix on every action, outages added and
 * removed around one step, all paused while someone changes things out of band, and which rule id is
 * which kind of fault (to tally the request log by kind).
 */
import { EmulatorAdminError, type EmulatorAdmin, type FaultErrorSpec } from "../../emulator";
import { outageFor, steadyMix, type FaultKind } from "./fault-mix";

/** The steady fault mix and outages, and which rule id is which kind. */
export class Faults {
    readonly kindOfRule = new Map<string, FaultKind>();

    constructor(
        private readonly admin: EmulatorAdmin,
        private readonly throttle: FaultErrorSpec,
    ) {}

    async install(): Promise<void> {
        for (const { kind, spec } of steadyMix(this.throttle)) {
            this.kindOfRule.set(await this.admin.addFault(spec), kind);
        }
    }

    /** Removes every rule (`install` puts the steady mix back). */
    async off(): Promise<void> {
        await this.admin.clearFaults();
    }

    async addOutage(pick: (n: number) => number): Promise<string> {
        const outage = outageFor(pick, this.throttle);
        const id = await this.admin.addFault(outage.spec);
        this.kindOfRule.set(id, outage.kind);
        return id;
    }

    async remove(id: string): Promise<void> {
        try {
            await this.admin.removeFault(id);
        } catch (error) {
            // A rule whose count ran out has removed itself.
            if (!(error instanceof EmulatorAdminError && error.status === 404)) throw error;
        }
    }
}
