/**
 * The shared quota store's address. Pure. One URL names the store in each topology it may have:
 *
 * - one node (or a managed Redis behind a proxy): `redis://[user:password@]host[:port][/db]`;
 * - a Redis Cluster, by some of its nodes (the client learns the rest and follows `MOVED`/`ASK`):
 *   `redis-cluster://[user:password@]host:port[,host:port…]`;
 * - a master watched by Sentinel, by its sentinels and the master's name:
 *   `redis-sentinel://[user:password@]host:port[,host:port…]/masterName[/db]`;
 * - each with TLS as `rediss://`, `rediss-cluster://`, `rediss-sentinel://`.
 *
 * The URL may carry a password: it is never part of an error message, and the parsed value prints
 * (JSON, util.inspect, template strings) with the password replaced by `[secret]`.
 */
import { inspect } from "node:util";

const DEFAULT_REDIS_PORT = 6379;
const DEFAULT_SENTINEL_PORT = 26379;
/** More seed nodes than any topology needs is a typo or a pasted list of something else. */
const MAX_STORE_NODES = 16;

export type StoreTopology = "standalone" | "cluster" | "sentinel";

export interface StoreNode {
    readonly host: string;
    readonly port: number;
}

export interface QuotaStoreUrl {
    /** The URL as given, password included: the key of the process's connection to it. */
    readonly url: string;
    readonly topology: StoreTopology;
    /** TLS to the store (`rediss…://`), and to the sentinels in the sentinel form. */
    readonly tls: boolean;
    /** The first node's host and port. */
    readonly host: string;
    readonly port: number;
    /** The node (standalone), the seed nodes (cluster) or the sentinels (sentinel). */
    readonly nodes: readonly StoreNode[];
    /** The ACL user, when one is given (otherwise `default`). */
    readonly username?: string;
    /** Not enumerable: never printed, never serialized. */
    readonly password?: string;
    readonly hasPassword: boolean;
    readonly db: number;
    /** The master's name the sentinels know (sentinel form only). */
    readonly masterName?: string;
    /** The URL with the password replaced by `[secret]`: safe to show. */
    readonly redacted: string;
}

const RULE =
    "must be a URL redis://[user:password@]host[:port][/db], redis-cluster://[user:password@]host:port[,host:port…] " +
    "or redis-sentinel://[user:password@]host:port[,host:port…]/masterName[/db] (rediss…:// for TLS)";

const SCHEMES: Readonly<Record<string, { readonly topology: StoreTopology; readonly tls: boolean }>> = {
    redis: { topology: "standalone", tls: false },
    rediss: { topology: "standalone", tls: true },
    "redis-cluster": { topology: "cluster", tls: false },
    "rediss-cluster": { topology: "cluster", tls: true },
    "redis-sentinel": { topology: "sentinel", tls: false },
    "rediss-sentinel": { topology: "sentinel", tls: true },
};

const SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:([^@/?#]*)@)?([^/?#]*)(\/[^?#]*)?([?#].*)?$/s;
const MASTER_NAME = /^[A-Za-z0-9._-]{1,64}$/;
const DB = /^\d{1,2}$/;

export function parseQuotaStoreUrl(text: string): QuotaStoreUrl {
    if (typeof text !== "string" || text.trim() === "") throw new TypeError(`the quota store ${RULE}`);
    const trimmed = text.trim();
    const shape = SHAPE.exec(trimmed);
    if (!shape) throw new TypeError(`the quota store ${RULE}; this one is not a valid URL`);
    const [, rawScheme, userInfo, authority, rawPath = "", rest] = shape;
    const scheme = rawScheme.toLowerCase();
    const kind = SCHEMES[scheme];
    if (!kind) throw new TypeError(`the quota store ${RULE}, not ${scheme}://`);
    if (rest) throw new TypeError(`the quota store ${RULE}; no query or fragment`);
    const { topology, tls } = kind;

    const parts = authority.split(",");
    if (parts.some((p) => p === "")) throw new TypeError(`the quota store ${RULE}; it names no host${parts.length > 1 ? " between two commas" : ""}`);
    if (parts.length > 1 && topology === "standalone") {
        throw new TypeError(`the quota store ${RULE}; several hosts need redis-cluster:// or redis-sentinel://`);
    }
    if (parts.length > MAX_STORE_NODES) throw new TypeError(`the quota store ${RULE}; at most ${MAX_STORE_NODES} hosts`);
    const defaultPort = topology === "sentinel" ? DEFAULT_SENTINEL_PORT : DEFAULT_REDIS_PORT;
    const nodes = parts.map((part, i) => node(part, defaultPort, parts.length > 1 ? `host ${i + 1}` : "its host"));

    const segments = rawPath.split("/").filter((s) => s !== "");
    let db = 0;
    let masterName: string | undefined;
    if (topology === "sentinel") {
        const [name, dbText, ...more] = segments;
        if (name === undefined) throw new TypeError(`the quota store ${RULE}; the sentinel form names the master after the hosts, as /mymaster`);
        if (!MASTER_NAME.test(name))
            throw new TypeError(`the quota store ${RULE}; the master's name is 1-64 letters, digits, dots, underscores or hyphens`);
        if (more.length > 0 || (dbText !== undefined && !DB.test(dbText))) {
            throw new TypeError(`the quota store ${RULE}; after the master's name the path may only be a database number such as /0`);
        }
        masterName = name;
        db = dbText === undefined ? 0 : Number(dbText);
    } else if (topology === "cluster") {
        if (segments.length > 0) throw new TypeError(`the quota store ${RULE}; a cluster has no database number or path`);
    } else if (segments.length > 0) {
        if (segments.length > 1 || !DB.test(segments[0]))
            throw new TypeError(`the quota store ${RULE}; its path may only be a database number such as /0`);
        db = Number(segments[0]);
    }

    let username: string | undefined;
    let password: string | undefined;
    let shownUserInfo = "";
    if (userInfo !== undefined) {
        const colon = userInfo.indexOf(":");
        const user = colon === -1 ? userInfo : userInfo.slice(0, colon);
        const pass = colon === -1 ? "" : userInfo.slice(colon + 1);
        try {
            username = user === "" ? undefined : decodeURIComponent(user);
            password = pass === "" ? undefined : decodeURIComponent(pass);
        } catch {
            throw new TypeError(`the quota store ${RULE}; its user or password has a malformed %-escape`);
        }
        shownUserInfo = `${user}${password === undefined ? "" : ":[secret]"}@`;
    }
    const redacted = `${scheme}://${shownUserInfo}${nodes.map(shownNode).join(",")}${
        masterName === undefined ? "" : `/${masterName}`
    }${segments.length > (masterName === undefined ? 0 : 1) ? `/${db}` : ""}`;

    const value = {
        url: trimmed,
        topology,
        tls,
        host: nodes[0].host,
        port: nodes[0].port,
        nodes: Object.freeze(nodes),
        ...(username === undefined ? {} : { username }),
        hasPassword: password !== undefined,
        db,
        ...(masterName === undefined ? {} : { masterName }),
        redacted,
    } as QuotaStoreUrl;
    const safe = () => ({ ...value, url: redacted });
    return Object.freeze(
        Object.defineProperties(value, {
            url: { value: trimmed, enumerable: false },
            password: { value: password, enumerable: false },
            toJSON: { value: safe, enumerable: false },
            toString: { value: () => redacted, enumerable: false },
            [inspect.custom]: { value: () => safe(), enumerable: false },
        }),
    );
}

/**
 * `host[:port]` or `[v6]:port`, checked by the WHATWG URL parser. Never quoted in an error: with an
 * unescaped `@` or `/` in the password, part of the password lands here.
 */
function node(text: string, defaultPort: number, which: string): StoreNode {
    let url: URL | undefined;
    try {
        url = new URL(`redis://${text}`);
    } catch {
        url = undefined;
    }
    if (!url || url.hostname === "" || url.username !== "" || url.password !== "" || url.pathname !== "") {
        throw new TypeError(`the quota store ${RULE}; ${which} is not a host[:port] (a password with @ / ? # in it must be %-escaped)`);
    }
    const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
    return { host, port: url.port === "" ? defaultPort : Number(url.port) };
}

function shownNode(n: StoreNode): string {
    return `${n.host.includes(":") ? `[${n.host}]` : n.host}:${n.port}`;
}
