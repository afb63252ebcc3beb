/**
 * Everything one running emulator holds: keys, configs, quota buckets, nonces, fault rules, the
 * request log and the simulated recordings. The HTTP layers (API and admin) share it; `reset`
 * returns it to its starting point.
 */
import { KeyRing } from "../api/accounts";
import { FaultBook } from "../api/faults";
import { NonceCache } from "../wire/nonce-cache";
import type { ResolvedOptions } from "./options";
import { QuotaBook, type QuotaRates } from "../api/quota";
import { RecordingBook } from "../callbacks/recordings";
import { RequestLog } from "../wire/request-log";
import { ConfigStore } from "../api/store";
import { domainOwnership } from "../api/validation";

export class EmulatorState {
    readonly keys: KeyRing;
    readonly store: ConfigStore;
    readonly quota: QuotaBook;
    readonly nonces = new NonceCache();
    readonly faults = new FaultBook();
    readonly log = new RequestLog();
    readonly recordings = new RecordingBook();
    readonly ownsDomain: (domainName: string) => boolean;
    private readonly initialRates: QuotaRates;

    constructor(readonly options: ResolvedOptions) {
        this.keys = new KeyRing(options.accounts);
        this.store = new ConfigStore(options.stateFile);
        this.initialRates = { writeQps: options.writeQps, readQps: options.readQps, ...(options.actionQps ? { actionQps: options.actionQps } : {}) };
        this.quota = new QuotaBook(this.initialRates);
        this.ownsDomain = domainOwnership(options.domains, options.anyDomain);
    }

    now(): number {
        return this.options.now();
    }

    /** Clears configs (and the state file), the log, fault rules, quota buckets, nonces and recordings; restores the starting quota rates. */
    reset(): void {
        this.store.clear();
        this.log.clear();
        this.faults.clear();
        this.quota.clear(this.initialRates);
        this.nonces.clear();
        this.recordings.clear();
    }
}
