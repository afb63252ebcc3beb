/**
 * The service's state: one recording-callback config per (account, domain). Optionally persisted
 * to a JSON file after every change, atomically (temp file + fsync + rename), so a crash leaves
 * either the old or the new state, never a torn file. The file holds NotifyAuthKeys: mode 0600.
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

/** Identifies the file format, so a wrong file is refused instead of silently overwritten. */
export const STATE_FORMAT = "alicloud-live-emulator/state@1";

interface StateFile {
    readonly format: typeof STATE_FORMAT;
    readonly configs: readonly StoredConfig[];
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

/** Reads a state file; a missing file is an empty state, anything unreadable is an error. */
export function readStateFile(path: string): StoredConfig[] {
    let text: string;
    try {
        text = readFileSync(path, "utf8");
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
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
    return [...(file.configs as readonly StoredConfig[])];
}

export class ConfigStore {
    private readonly configs = new Map<string, StoredConfig>();

    /** Loads `stateFile` if given (a missing file starts empty). */
    constructor(private readonly stateFile?: string) {
        if (stateFile !== undefined) {
            for (const config of readStateFile(stateFile)) this.configs.set(keyOf(config.accountId, config.domainName), config);
        }
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
        this.configs.clear();
        this.persistOrUndo(() => previous.forEach(([k, v]) => this.configs.set(k, v)));
    }

    /** A change that cannot be persisted is undone, so memory never claims more than the disk. */
    private persistOrUndo(undo: () => void): void {
        if (this.stateFile === undefined) return;
        try {
            const file: StateFile = { format: STATE_FORMAT, configs: this.list() };
            atomicWriteFileSync(this.stateFile, `${JSON.stringify(file, null, 2)}\n`);
        } catch (error) {
            undo();
            throw error;
        }
    }
}
