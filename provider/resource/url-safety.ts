/**
 * Whether a callback host is one the service refuses as unsafe (`InvalidNotifyUrl.Unsafe`): an address
 * inside a private network or the machine itself, where a callback could reach internal services. Pure,
 * no DNS: only literal addresses and reserved names are judged; a public name that resolves to a
 * private address is the service's to refuse.
 *
 * The emulator keeps its own copy of these rules on purpose (a shared bug would pass both sides).
 */
import { isIP } from "node:net";

export type UnsafeHostKind = "loopback" | "private" | "link-local" | "unspecified" | "localhost name" | "metadata";

/** Cloud instance-metadata services: Alibaba ECS, and the link-local address most clouds use. */
const METADATA_ADDRESSES: ReadonlySet<string> = new Set(["100.100.100.200", "169.254.169.254"]);

/** IPv4 ranges as [first octet, second-octet min, second-octet max, kind]; checked in order. */
const IPV4_RANGES: ReadonlyArray<readonly [number, number, number, UnsafeHostKind]> = [
    [0, 0, 255, "unspecified"], // 0.0.0.0/8, "this network"
    [127, 0, 255, "loopback"], // 127.0.0.0/8
    [10, 0, 255, "private"], // 10.0.0.0/8
    [172, 16, 31, "private"], // 172.16.0.0/12
    [192, 168, 168, "private"], // 192.168.0.0/16
    [169, 254, 254, "link-local"], // 169.254.0.0/16
];

/**
 * The reason a host is unsafe, or `undefined` when it is acceptable. Accepts a URL's `hostname`
 * (IPv6 in brackets or not, trailing dot or not, any case).
 */
export function unsafeHostKind(hostname: string): UnsafeHostKind | undefined {
    const host = hostname
        .trim()
        .toLowerCase()
        .replace(/^\[|\]$/g, "")
        .replace(/\.$/, "");
    if (host === "") return undefined;
    if (host === "localhost" || host.endsWith(".localhost")) return "localhost name";
    const family = isIP(host);
    if (family === 4) return ipv4Kind(host);
    if (family === 6) return ipv6Kind(host);
    return undefined;
}

export function isUnsafeHost(hostname: string): boolean {
    return unsafeHostKind(hostname) !== undefined;
}

function ipv4Kind(address: string): UnsafeHostKind | undefined {
    if (METADATA_ADDRESSES.has(address)) return "metadata";
    const [a, b] = address.split(".").map(Number);
    for (const [first, min, max, kind] of IPV4_RANGES) {
        if (a === first && b >= min && b <= max) return kind;
    }
    return undefined;
}

function ipv6Kind(address: string): UnsafeHostKind | undefined {
    const groups = ipv6Groups(address);
    if (groups === undefined) return undefined;
    const leadingZeros = groups.slice(0, 5).every((g) => g === 0);
    if (leadingZeros && groups[5] === 0 && groups[6] === 0) {
        if (groups[7] === 0) return "unspecified"; // ::
        if (groups[7] === 1) return "loopback"; // ::1
    }
    // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) addresses reach the IPv4 host.
    if (leadingZeros && (groups[5] === 0xffff || groups[5] === 0)) {
        return ipv4Kind(`${groups[6] >> 8}.${groups[6] & 0xff}.${groups[7] >> 8}.${groups[7] & 0xff}`);
    }
    if ((groups[0] & 0xfe00) === 0xfc00) return "private"; // fc00::/7, unique local
    if ((groups[0] & 0xffc0) === 0xfe80) return "link-local"; // fe80::/10
    return undefined;
}

/** The eight 16-bit groups of a valid IPv6 literal (as `net.isIP` accepts), zone id dropped. */
function ipv6Groups(address: string): number[] | undefined {
    let text = address.split("%")[0];
    // A trailing dotted quad stands for the last two groups.
    const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
    if (quad) {
        const [a, b, c, d] = quad.slice(1).map(Number);
        text = text.slice(0, quad.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
    }
    const [head, tail] = text.split("::");
    const parse = (part: string | undefined) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
    const front = parse(head);
    const back = parse(tail);
    const groups = tail === undefined ? front : [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
    return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}
