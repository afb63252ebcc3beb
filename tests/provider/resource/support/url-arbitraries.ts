/**
 * fast-check generators of callback URLs: valid ones as a program would write them (any case, ports,
 * paths with every character RFC 3986 allows, queries, fragments, public IPv4 and IPv6 literals, hosts
 * up to the DNS limits), and the parts to break them with, one class of defect at a time.
 */
import fc from "fast-check";

/** Every user name and password generated here starts with this, so a test can tell whether a message echoed one. */
export const SECRET_MARKER = "Zq9x";

const ALNUM = /^[a-z0-9]$/;
/** A DNS label of 1-63 letters, digits, inner hyphens and underscores (underscores are accepted, see callback-url.ts). */
export const labelArb: fc.Arbitrary<string> = fc
    .tuple(fc.stringMatching(ALNUM), fc.stringMatching(/^[a-z0-9_-]{0,61}$/), fc.stringMatching(ALNUM), fc.boolean())
    .map(([first, inner, last, single]) => (single ? first : `${first}${inner}${last}`));

/** A top-level label: not a number (that would read as an IPv4 address), not `localhost`. */
const tldArb = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z]$/).filter((tld) => tld !== "localhost");

function mixedCase(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
    return fc
        .tuple(text, fc.nat(), fc.boolean())
        .map(([t, n, mix]) => (mix ? [...t].map((c, i) => ((i + n) % 3 === 0 ? c.toUpperCase() : c)).join("") : t));
}

/** A valid DNS host name of 2-5 labels, at most 253 characters. */
export const dnsHostArb: fc.Arbitrary<string> = fc
    .tuple(fc.array(labelArb, { minLength: 1, maxLength: 4 }), tldArb)
    .map(([labels, tld]) => [...labels, tld].join("."))
    .filter((host) => host.length <= 253);

/** Names near the DNS limits: four labels of 55-63 characters. */
const longDnsHostArb: fc.Arbitrary<string> = fc
    .tuple(fc.array(fc.integer({ min: 55, max: 63 }), { minLength: 3, maxLength: 3 }), fc.stringMatching(/^[a-z]{2,8}$/))
    .map(([lengths, tld]) => [...lengths.map((n, i) => `${"abc"[i]}${"x".repeat(n - 2)}${i}`), tld].join("."))
    .filter((host) => host.length <= 253);

/** First octets of public unicast IPv4 (no 0, 10, 100, 127, 169, 172, 192, 224+). */
const PUBLIC_FIRST_OCTETS = [1, 8, 23, 31, 45, 47, 77, 93, 101, 104, 120, 142, 151, 185, 203, 223] as const;
export const publicIpv4Arb: fc.Arbitrary<[number, number, number, number]> = fc.tuple(
    fc.constantFrom(...PUBLIC_FIRST_OCTETS),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
);

/** Global unicast IPv6 (2000::/3), compressed or not. */
const publicIpv6Arb: fc.Arbitrary<string> = fc
    .tuple(fc.integer({ min: 0x2000, max: 0x3fff }), fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 7, maxLength: 7 }), fc.boolean())
    .map(([first, rest, compress]) => {
        const groups = [first, ...rest].map((g) => g.toString(16));
        return `[${compress ? `${groups.slice(0, 3).join(":")}::${groups[7]}` : groups.join(":")}]`;
    });

export const validHostArb: fc.Arbitrary<string> = fc.oneof(
    { weight: 6, arbitrary: mixedCase(dnsHostArb) },
    { weight: 1, arbitrary: dnsHostArb.map((h) => `${h}.`) }, // the DNS root's dot
    { weight: 1, arbitrary: longDnsHostArb },
    { weight: 2, arbitrary: publicIpv4Arb.map((octets) => octets.join(".")) },
    { weight: 1, arbitrary: publicIpv6Arb },
);

/** Path, query and fragment characters RFC 3986 allows raw, and percent-escapes. */
const PCHAR = "A-Za-z0-9._~!$&'()*+,;=:@-";
const pathArb = fc.stringMatching(new RegExp(`^(/([${PCHAR}]|%[0-9A-F]{2}){0,12}){0,4}$`));
const queryArb = fc.option(fc.stringMatching(new RegExp(`^\\?([/?\\\\${PCHAR}]|%[0-9A-F]{2}){0,30}$`)), { nil: "" });
const fragmentArb = fc.option(fc.stringMatching(new RegExp(`^#([/?${PCHAR}]){0,10}$`)), { nil: "" });
const portArb = fc.option(
    fc.integer({ min: 1, max: 65_535 }).map((p) => `:${p}`),
    { nil: "" },
);
const schemeArb = mixedCase(fc.constantFrom("http://", "https://"));

/** A URL's parts; `url(parts)` joins them. */
export interface UrlParts {
    readonly scheme: string;
    readonly userInfo: string;
    readonly host: string;
    readonly port: string;
    readonly path: string;
    readonly query: string;
    readonly fragment: string;
}

export const url = (p: UrlParts): string => `${p.scheme}${p.userInfo}${p.host}${p.port}${p.path}${p.query}${p.fragment}`;

export const validPartsArb: fc.Arbitrary<UrlParts> = fc.record({
    scheme: schemeArb,
    userInfo: fc.constant(""),
    host: validHostArb,
    port: portArb,
    path: pathArb,
    query: queryArb,
    fragment: fragmentArb,
});

/** User-info as people write it: a token, a user and a password, a password alone. All marked. */
const secretArb = fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=-]{4,24}$/).map((s) => `${SECRET_MARKER}${s}`);
export const userInfoArb: fc.Arbitrary<{ text: string; secrets: string[] }> = fc.oneof(
    secretArb.map((token) => ({ text: `${token}@`, secrets: [token] })),
    fc.tuple(secretArb, secretArb).map(([user, pass]) => ({ text: `${user}:${pass}@`, secrets: [user, pass] })),
    secretArb.map((pass) => ({ text: `:${pass}@`, secrets: [pass] })),
);

/** Characters a browser keeps in a host but DNS names cannot hold. */
export const oddHostCharArb = fc.constantFrom("!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", "~", '"', "{", "}", "|", "`", "^");
/** Letters outside ASCII, from several scripts. */
export const nonAsciiLetterArb = fc.constantFrom("é", "ü", "ß", "ø", "ñ", "ж", "λ", "中", "文", "한", "ي", "ö", "Ä");

/** Ways to spell a public IPv4 address that the URL standard accepts but other parsers read otherwise. */
export function oddIpv4Spelling(octets: readonly number[], style: number): string {
    switch (style % 4) {
        case 0: // hexadecimal octets
            return octets.map((o) => `0x${o.toString(16)}`).join(".");
        case 1: // octal octets
            return octets.map((o) => `0${o.toString(8)}`).join(".");
        case 2: // one 32-bit number
            return String(((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3]);
        default: // three parts: the last holds 16 bits
            return `${octets[0]}.${octets[1]}.${(octets[2] << 8) + octets[3]}`;
    }
}
