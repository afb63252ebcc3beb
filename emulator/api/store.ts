/**
 * The service's state: one recording-callback config per (account, domain), and the other kinds of
 * configuration (snapshot callbacks, ...) per (account, kind, id). Optionally persisted to a JSON file
 * after every change, atomically (temp file + fsync + rename), so a crash leaves either the old or the
 * new state, never a torn file. The file holds NotifyAuthKeys: mode 0600.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname, basename, join } from "node:path";
import { randomBytes } from "node:crypto";

export interface StoredConfig {
    readonly accountId: string;
    /** As spelled in the latest write; matched case-insensitively. */
    readonly domainName: string;
    readonly notifyUrl: string;
    readonly onDemandUrl?: string;
    readonly needStatusNotify: boolean;
    readonly notifyReqAuth: boolean;
    readonly notifyAuthKey?: string;
}

/**
 * A configuration of another kind than the recording-callback one (`LiveSnapshotNotifyConfig`, ...):
 * its account, its id (the domain, or `domain/app[/stream]`, matched case-insensitively) and its fields
 * as the kind's actions keep them.
 */
export interface KindConfig {
    readonly accountId: string;
    readonly id: string;
    readonly domainName: string;
    readonly [field: string]: unknown;
}

/** Identifies the file format, so a wrong file is refused instead of silently overwritten. */
export const STATE_FORMAT = "alicloud-live-emulator/state@1";

interface StateFile {
    readonly format: typeof STATE_FORMAT;
    readonly configs: readonly StoredConfig[];
    /** The other kinds' configurations, by kind (absent in files written before there were any). */
    readonly kinds?: Readonly<Record<string, readonly KindConfig[]>>;
}

const keyOf = (accountId: string, domainName: string): string => `${accountId}\n${domainName.toLowerCase()}`;

/** Write `data` to `path` so readers see the old or the new content, never a mix. */
export function atomicWriteFileSync(path: string, data: string): void {
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
    const fd = openSync(temp, "w", 0o600);
    try {
        writeSync(fd, data);
        fsyncSync(fd);
    } finally {
        closeSync(fd);
    }
    try {
        renameSync(temp, path);
    } catch (error) {
        rmSync(temp, { force: true });
        throw error;
    }
    // Make the rename itself durable; not every platform lets a directory be fsynced.
    try {
        const dir = openSync(dirname(path), "r");
        try {
            fsyncSync(dir);
        } finally {
            closeSync(dir);
        }
    } catch {
        /* best effort */
    }
}

function isStoredConfig(value: unknown): value is StoredConfig {
    if (typeof value !== "object" || value === null) return false;
    const c = value as Record<string, unknown>;
    const optionalString = (v: unknown): boolean => v === undefined || typeof v === "string";
    return (
        typeof c["accountId"] === "string" &&
        typeof c["domainName"] === "string" &&
        typeof c["notifyUrl"] === "string" &&
        typeof c["needStatusNotify"] === "boolean" &&
        typeof c["notifyReqAuth"] === "boolean" &&
        optionalString(c["onDemandUrl"]) &&
        optionalString(c["notifyAuthKey"])
    );
}

function isKindConfig(value: unknown): value is KindConfig {
    if (typeof value !== "object" || value === null) return false;
    const c = value as Record<string, unknown>;
    return typeof c["accountId"] === "string" && typeof c["id"] === "string" && typeof c["domainName"] === "string";
}

/** Reads a state file's recording-callback configs; a missing file is an empty state, anything unreadable is an error. */
export function readStateFile(path: string): StoredConfig[] {
    return readState(path).configs;
}

/** Reads a whole state file: the recording-callback configs and the other kinds'. */
function readState(path: string): { configs: StoredConfig[]; kinds: Map<string, KindConfig[]> } {
    let text: string;
    try {
        text = readFileSync(path, "utf8");
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return { configs: [], kinds: new Map() };
        throw error;
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        throw new Error(`state file ${path} is not valid JSON`);
    }
    const file = parsed as Partial<StateFile> | null;
    if (typeof file !== "object" || file === null || file.format !== STATE_FORMAT || !Array.isArray(file.configs)) {
        throw new Error(`state file ${path} is not an emulator state file (expected "format": "${STATE_FORMAT}")`);
    }
    const bad = file.configs.findIndex((c) => !isStoredConfig(c));
    if (bad >= 0) throw new Error(`state file ${path}: configs[${bad}] is not a valid config`);
    const kinds = new Map<string, KindConfig[]>();
    for (const [kind, list] of Object.entries(file.kinds ?? {})) {
        const badKind = Array.isArray(list) ? list.findIndex((c) => !isKindConfig(c)) : 0;
        if (badKind >= 0) throw new Error(`state file ${path}: kinds.${kind}[${badKind}] is not a valid config`);
        kinds.set(kind, [...list]);
    }
    return { configs: [...(file.configs as readonly StoredConfig[])], kinds };
}

const kindKeyOf = (kind: string, accountId: string, id: string): string => `${kind}\n${accountId}\n${id.toLowerCase()}`;

export class ConfigStore {
    private readonly configs = new Map<string, StoredConfig>();
    /** The other kinds' configurations, by `kindKeyOf`. */
    private readonly others = new Map<string, { readonly kind: string; readonly config: KindConfig }>();

    /** Loads `stateFile` if given (a missing file starts empty). */
    constructor(private readonly stateFile?: string) {
        if (stateFile !== undefined) {
            const state = readState(stateFile);
            for (const config of state.configs) this.configs.set(keyOf(config.accountId, config.domainName), config);
            for (const [kind, list] of state.kinds) {
                for (const config of list) this.others.set(kindKeyOf(kind, config.accountId, config.id), { kind, config });
            }
        }
    }

    /** A configuration of `kind` by account and id. */
    getOf(kind: string, accountId: string, id: string): KindConfig | undefined {
        return this.others.get(kindKeyOf(kind, accountId, id))?.config;
    }

    putOf(kind: string, config: KindConfig): void {
        const key = kindKeyOf(kind, config.accountId, config.id);
        const previous = this.others.get(key);
        this.others.set(key, { kind, config });
        this.persistOrUndo(() => (previous ? this.others.set(key, previous) : this.others.delete(key)));
    }

    deleteOf(kind: string, accountId: string, id: string): boolean {
        const key = kindKeyOf(kind, accountId, id);
        const previous = this.others.get(key);
        if (!previous) return false;
        this.others.delete(key);
        this.persistOrUndo(() => this.others.set(key, previous));
        return true;
    }

    /** Every configuration of `kind`, in the order they were first stored. */
    listOf(kind: string): KindConfig[] {
        return [...this.others.values()].filter((entry) => entry.kind === kind).map((entry) => entry.config);
    }

    get(accountId: string, domainName: string): StoredConfig | undefined {
        return this.configs.get(keyOf(accountId, domainName));
    }

    put(config: StoredConfig): void {
        const key = keyOf(config.accountId, config.domainName);
        const previous = this.configs.get(key);
        this.configs.set(key, config);
        this.persistOrUndo(() => (previous ? this.configs.set(key, previous) : this.configs.delete(key)));
    }

    delete(accountId: string, domainName: string): boolean {
        const key = keyOf(accountId, domainName);
        const previous = this.configs.get(key);
        if (!previous) return false;
        this.configs.delete(key);
        this.persistOrUndo(() => this.configs.set(key, previous));
        return true;
    }

    list(): StoredConfig[] {
        return [...this.configs.values()];
    }

    clear(): void {
        const previous = [...this.configs];
        const previousOthers = [...this.others];
        this.configs.clear();
        this.others.clear();
        this.persistOrUndo(() => {
            previous.forEach(([k, v]) => this.configs.set(k, v));
            previousOthers.forEach(([k, v]) => this.others.set(k, v));
        });
    }

    /** A change that cannot be persisted is undone, so memory never claims more than the disk. */
    private persistOrUndo(undo: () => void): void {
        if (this.stateFile === undefined) return;
        try {
            const kinds: Record<string, KindConfig[]> = {};
            for (const { kind, config } of this.others.values()) (kinds[kind] ??= []).push(config);
            const file: StateFile = { format: STATE_FORMAT, configs: this.list(), ...(this.others.size > 0 ? { kinds } : {}) };
            atomicWriteFileSync(this.stateFile, `${JSON.stringify(file, null, 2)}\n`);
        } catch (error) {
            undo();
            throw error;
        }
    }
}
