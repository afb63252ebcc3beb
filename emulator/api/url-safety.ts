/**
 * Whether a callback host is one the service must refuse to call: loopback, private, link-local,
 * unspecified, localhost names, or a cloud metadata address. Pure and literal: there is no DNS
 * lookup, so a public name that resolves to a private address passes (as the emulator documents).
 *
 * Input is a hostname as the WHATWG URL parser leaves it: IPv4 already normalised to dotted
 * decimal (so `http://2130706433/` arrives as `127.0.0.1`), IPv6 in brackets and compressed.
 */

/** Alibaba Cloud's instance metadata service, and the one most other clouds use. */
const METADATA_IPV4 = new Set(["100.100.100.200", "169.254.169.254"]);

/** Names that mean "this machine" on common systems. */
const LOCAL_NAMES = new Set(["localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"]);

/** [network, prefix length] in IPv4 space. */
const UNSAFE_IPV4_NETWORKS: ReadonlyArray<readonly [string, number]> = [
    ["0.0.0.0", 8], // unspecified / "this network"
    ["127.0.0.0", 8], // loopback
    ["10.0.0.0", 8], // RFC 1918
    ["172.16.0.0", 12], // RFC 1918
    ["192.168.0.0", 16], // RFC 1918
    ["169.254.0.0", 16], // link-local (includes the common metadata address)
];

export function parseIpv4(text: string): number | undefined {
    const parts = text.split(".");
    if (parts.length !== 4) return undefined;
    let value = 0;
    for (const part of parts) {
        if (!/^\d{1,3}$/.test(part)) return undefined;
        const octet = Number(part);
        if (octet > 255) return undefined;
        value = value * 256 + octet;
    }
    return value;
}

function inIpv4Network(address: number, network: string, prefix: number): boolean {
    const base = parseIpv4(network)!;
    const size = 2 ** (32 - prefix);
    return Math.floor(address / size) === Math.floor(base / size);
}

export function isUnsafeIpv4(address: number): boolean {
    return (
        UNSAFE_IPV4_NETWORKS.some(([network, prefix]) => inIpv4Network(address, network, prefix)) ||
        [...METADATA_IPV4].some((m) => parseIpv4(m) === address)
    );
}

/** Eight 16-bit groups, or undefined if not an IPv6 literal. Accepts `::` and a dotted-quad tail. */
export function parseIpv6(text: string): number[] | undefined {
    // Rewrite a dotted-quad tail (`::ffff:1.2.3.4`) as two hex groups, then parse uniformly.
    let address = text;
    const lastColon = address.lastIndexOf(":");
    if (lastColon >= 0 && address.slice(lastColon + 1).includes(".")) {
        const v4 = parseIpv4(address.slice(lastColon + 1));
        if (v4 === undefined) return undefined;
        address = `${address.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
    }
    const halves = address.split("::");
    if (halves.length > 2) return undefined;
    const parseGroups = (s: string): number[] | undefined => {
        if (s === "") return [];
        const groups = s.split(":");
        if (groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
        return groups.map((g) => parseInt(g, 16));
    };
    const left = parseGroups(halves[0]);
    const right = halves.length === 2 ? parseGroups(halves[1]) : [];
    if (!left || !right) return undefined;
    const explicit = left.length + right.length;
    if (halves.length === 2) {
        if (explicit > 7) return undefined;
        return [...left, ...new Array<number>(8 - explicit).fill(0), ...right];
    }
    return explicit === 8 ? left : undefined;
}

/** The IPv4 address an IPv6 address carries (mapped, compatible or NAT64), if any. */
function embeddedIpv4(groups: readonly number[]): number | undefined {
    const v4 = groups[6] * 65536 + groups[7];
    const zeros = (from: number, to: number): boolean => groups.slice(from, to).every((g) => g === 0);
    if (zeros(0, 5) && groups[5] === 0xffff) return v4; // ::ffff:a.b.c.d
    if (zeros(0, 6) && v4 > 1) return v4; // ::a.b.c.d (deprecated "compatible")
    if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return v4; // 64:ff9b::/96
    return undefined;
}

export function isUnsafeIpv6(groups: readonly number[]): boolean {
    if (groups.every((g) => g === 0)) return true; // ::
    if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return true; // ::1
    if ((groups[0] & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
    if ((groups[0] & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
    const v4 = embeddedIpv4(groups);
    return v4 !== undefined && isUnsafeIpv4(v4);
}

/** True when a callback to this host would reach the service's own machine or network. */
export function isUnsafeHost(hostname: string): boolean {
    const host = hostname.toLowerCase().replace(/\.$/, "");
    if (host === "") return true;
    if (host.startsWith("[") && host.endsWith("]")) {
        const groups = parseIpv6(host.slice(1, -1).replace(/%.*$/, ""));
        return groups === undefined || isUnsafeIpv6(groups);
    }
    const v4 = parseIpv4(host);
    if (v4 !== undefined) return isUnsafeIpv4(v4);
    return LOCAL_NAMES.has(host) || host.endsWith(".localhost");
}
