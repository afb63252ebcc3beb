import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigStore, readStateFile, STATE_FORMAT, type StoredConfig } from "../../../emulator/api/store";

const config = (domainName: string, extra: Partial<StoredConfig> = {}): StoredConfig => ({
    accountId: "1",
    domainName,
    notifyUrl: "http://cb.example.com/x",
    needStatusNotify: false,
    notifyReqAuth: false,
    ...extra,
});

describe("emulator/api/store", () => {
    let dir: string;
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "emulator-store-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("keeps one config per (account, domain), matching domains case-insensitively", () => {
        const store = new ConfigStore();
        store.put(config("Live.Example.com"));
        assert.equal(store.get("1", "live.example.com")?.domainName, "Live.Example.com");
        assert.equal(store.get("2", "live.example.com"), undefined);
        store.put(config("live.example.com", { needStatusNotify: true }));
        assert.equal(store.list().length, 1);
        assert.equal(store.get("1", "LIVE.example.com")?.needStatusNotify, true);
        assert.equal(store.delete("1", "live.EXAMPLE.com"), true);
        assert.equal(store.delete("1", "live.example.com"), false);
    });

    it("persists every change to the state file and reloads it", () => {
        const file = join(dir, "state.json");
        const store = new ConfigStore(file);
        store.put(config("a.example.com", { notifyAuthKey: "abcdefghijklmnop", onDemandUrl: "https://d.example.com/" }));
        store.put(config("b.example.com"));
        store.delete("1", "b.example.com");
        const reloaded = new ConfigStore(file);
        assert.deepEqual(reloaded.list(), [config("a.example.com", { notifyAuthKey: "abcdefghijklmnop", onDemandUrl: "https://d.example.com/" })]);
        assert.equal(JSON.parse(readFileSync(file, "utf8")).format, STATE_FORMAT);
    });

    it("writes atomically: no temp files left, owner-only permissions (it holds NotifyAuthKeys)", () => {
        const file = join(dir, "state.json");
        const store = new ConfigStore(file);
        for (let i = 0; i < 5; i++) store.put(config(`d${i}.example.com`));
        assert.deepEqual(readdirSync(dir), ["state.json"]);
        if (process.platform !== "win32") assert.equal(statSync(file).mode & 0o777, 0o600);
    });

    it("starts empty when the file does not exist", () => {
        assert.deepEqual(new ConfigStore(join(dir, "missing.json")).list(), []);
    });

    it("refuses a file that is not an emulator state file, naming the problem", () => {
        const file = join(dir, "state.json");
        writeFileSync(file, "{nope");
        assert.throws(() => readStateFile(file), /is not valid JSON/);
        writeFileSync(file, JSON.stringify({ configs: [] }));
        assert.throws(() => readStateFile(file), /not an emulator state file/);
        writeFileSync(file, JSON.stringify({ format: STATE_FORMAT, configs: [{ accountId: "1" }] }));
        assert.throws(() => readStateFile(file), /configs\[0\] is not a valid config/);
    });

    it("undoes a change that cannot be persisted", () => {
        const sub = join(dir, "sub");
        const store = new ConfigStore(join(sub, "state.json"));
        assert.throws(() => store.put(config("a.example.com")), /ENOENT/);
        assert.equal(store.get("1", "a.example.com"), undefined);
    });
});
