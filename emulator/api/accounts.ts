/**
 * Access keys and the Alibaba accounts they belong to. All keys of one account share its quota
 * and its configs, as RAM users of one account do on the real service.
 */
import { createHash } from "node:crypto";

export interface EmulatorAccount {
    readonly accessKeyId: string;
    readonly accessKeySecret: string;
    /** Default: derived deterministically from `accessKeyId`. Keys with the same accountId share quota and configs. */
    readonly accountId?: string;
    /** Writes answer 400 `Forbidden` "Ram Permission is forbidden.". */
    readonly readOnly?: boolean;
    /** STS: when set, every request of this key must carry this token. */
    readonly securityToken?: string;
    /** STS: epoch ms after which the token is expired. */
    readonly expiresAt?: number;
}

/**
 * A fixed, obviously fake key pair, printed by the command line. Deliberately not shaped like a
 * real `LTAI…` id, so secret scanners and humans never mistake it for one.
 */
export const DEMO_ACCOUNT: EmulatorAccount = Object.freeze({
    accessKeyId: "EMULATOR-DEMO-ACCESS-KEY-ID",
    accessKeySecret: "emulator-demo-secret-not-a-real-key",
});

/** A key as the emulator uses it: the account id resolved. */
export interface ResolvedKey {
    readonly accessKeyId: string;
    readonly accessKeySecret: string;
    readonly accountId: string;
    readonly readOnly: boolean;
    readonly securityToken?: string;
    readonly expiresAt?: number;
}

/** A 16-digit id like Alibaba's account ids, stable for a given access key id. */
export function deriveAccountId(accessKeyId: string): string {
    const digits = BigInt(`0x${createHash("sha256").update(accessKeyId).digest("hex").slice(0, 24)}`) % 10n ** 15n;
    return `1${digits.toString().padStart(15, "0")}`;
}

export function resolveKey(account: EmulatorAccount): ResolvedKey {
    return {
        accessKeyId: account.accessKeyId,
        accessKeySecret: account.accessKeySecret,
        accountId: account.accountId ?? deriveAccountId(account.accessKeyId),
        readOnly: account.readOnly === true,
        ...(account.securityToken !== undefined ? { securityToken: account.securityToken } : {}),
        ...(account.expiresAt !== undefined ? { expiresAt: account.expiresAt } : {}),
    };
}

/** Lookup by access key id. Duplicate ids are rejected earlier, by options validation. */
export class KeyRing {
    private readonly byId: ReadonlyMap<string, ResolvedKey>;

    constructor(accounts: readonly EmulatorAccount[]) {
        this.byId = new Map(accounts.map((a) => [a.accessKeyId, resolveKey(a)]));
    }

    find(accessKeyId: string): ResolvedKey | undefined {
        return this.byId.get(accessKeyId);
    }
}
