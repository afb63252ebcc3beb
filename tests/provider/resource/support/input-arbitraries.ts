/**
 * fast-check generators of LiveRecordNotifyConfig inputs as a program (or a broken one) might pass
 * them: valid values, near misses of every rule, unicode, huge strings, wrong types, the preview's
 * unknown sentinel, missing and unrecognized properties. Shared by the property tests of `check`
 * and of request building.
 */
import fc from "fast-check";
import { UNKNOWN_VALUE } from "../../../../provider/resource/unknown";

/** Every key value generated here starts with this, so a test can tell whether a message echoed one. */
export const KEY_MARKER = "Zk9";

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,12}[a-z0-9])?$/;
const label = fc.stringMatching(LABEL);
const tld = fc.stringMatching(/^[a-z]{2,6}$/);

/** A syntactically valid, lower-case domain of 2-4 labels. */
export const validDomain: fc.Arbitrary<string> = fc
    .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), tld)
    .map(([labels, top]) => [...labels, top].join("."));

const whitespace = fc.constantFrom(" ", "  ", "\t", "\n", "\u00a0", "\u3000", "\r\n");

/** Text a careless program adds: surrounding whitespace, upper case. */
function sloppy(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
    return fc.oneof(
        text,
        fc.tuple(whitespace, text, whitespace).map(([a, t, b]) => `${a}${t}${b}`),
        text.map((t) => t.toUpperCase()),
        fc.tuple(text, fc.nat()).map(([t, n]) => [...t].map((c, i) => ((i + n) % 3 === 0 ? c.toUpperCase() : c)).join("")),
    );
}

/** A string of `n` (large) characters, built cheaply. */
const huge = (min: number, max: number) => fc.integer({ min, max }).map((n) => "a".repeat(n));

/** Domains that break one rule, or almost do. */
const nearMissDomain: fc.Arbitrary<string> = fc.oneof(
    label, // one label only
    validDomain.map((d) => `${d}.`), // trailing dot
    validDomain.map((d) => `.${d}`),
    validDomain.map((d) => d.replace(".", "..")),
    validDomain.map((d) => `-${d}`),
    validDomain.map((d) => d.replace(".", "-.")),
    validDomain.map((d) => d.replace(".", "_.")),
    fc.tuple(validDomain, fc.integer({ min: 0, max: 999 })).map(([d, n]) => `${d}.${n}`), // numeric top-level label
    fc.tuple(fc.integer({ min: 1, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([a, b]) => `${a}.${b}.0.1`), // an address
    fc.tuple(validDomain, fc.constantFrom("ü", "é", "中", "ß", "\u200b", "🙂", "\u0000")).map(([d, c]) => `${c}${d}`),
    fc.tuple(validDomain, fc.constantFrom(" ", "/", ":", "*", "%", "@")).map(([d, c]) => d.replace(".", `${c}.`)),
    validDomain.map((d) => `${"a".repeat(64)}.${d}`), // a label over 63
    validDomain.map((d) => `${"a".repeat(63)}.${d}`), // a label of exactly 63
    validDomain.map((d) => `${`${"b".repeat(60)}.`.repeat(4)}${d}`), // over 253 in total
    huge(300, 200_000).map((a) => `${a}.com`),
    fc.constantFrom("", " ", "localhost", "example", "com", "*.example.com", "live.example.com"),
);

export const domainArb: fc.Arbitrary<string> = fc.oneof({ arbitrary: sloppy(validDomain), weight: 6 }, { arbitrary: nearMissDomain, weight: 4 });

/** Hosts, safe and unsafe, as URLs write them. */
const hostArb: fc.Arbitrary<string> = fc.oneof(
    { arbitrary: validDomain, weight: 8 },
    {
        arbitrary: fc.constantFrom(
            "8.8.8.8",
            "203.0.113.9",
            "[2001:db8::1]",
            "bücher.example",
            "xn--bcher-kva.example", // safe
            "127.0.0.1",
            "127.1",
            "2130706433",
            "0x7f.1",
            "0177.0.0.1",
            "localhost",
            "LOCALHOST.",
            "api.localhost",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "172.32.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.100.100.200",
            "0.0.0.0",
            "[::1]",
            "[::]",
            "[::ffff:127.0.0.1]",
            "[::ffff:10.0.0.1]",
            "[fe80::1]",
            "[fd00::1]",
            "%6c%6fcalhost",
        ),
        weight: 3,
    },
);

const pathArb: fc.Arbitrary<string> = fc.oneof(
    fc.constant(""),
    fc.constant("/"),
    fc.stringMatching(/^(\/[A-Za-z0-9._~-]{1,12}){1,3}$/),
    fc.stringMatching(/^\/[a-z]{1,8}\?[a-z]{1,5}=[A-Za-z0-9%()*+,;=]{0,10}$/),
    fc.string({ unit: "grapheme", maxLength: 12 }).map((s) => `/${s}`),
    fc.string({ unit: "binary", maxLength: 8 }).map((s) => `/${s}`),
    fc.constantFrom("/a b", "/x#frag", "/%zz", "/\\x", "/\u2028", "/tab\there"),
);

const schemeArb: fc.Arbitrary<string> = fc.oneof(
    { arbitrary: fc.constantFrom("https://", "http://"), weight: 8 },
    {
        arbitrary: fc.constantFrom("HTTPS://", "Http://", "ftp://", "file://", "javascript:", "http:", "https:/", "https:\\\\", "//", "", "ws://"),
        weight: 2,
    },
);

export const validUrl: fc.Arbitrary<string> = fc
    .tuple(
        fc.constantFrom("https://", "http://"),
        validDomain,
        fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
        fc.stringMatching(/^(\/[A-Za-z0-9._~-]{1,12}){0,3}$/),
    )
    .map(([scheme, host, port, path]) => `${scheme}${host}${port === undefined ? "" : `:${port}`}${path}`);

export const urlArb: fc.Arbitrary<string> = fc.oneof(
    { arbitrary: sloppy(validUrl), weight: 5 },
    {
        arbitrary: fc
            .tuple(
                schemeArb,
                fc.option(fc.constantFrom("user@", "user:pw@", ":@"), { nil: "" }),
                hostArb,
                fc.option(fc.constantFrom(":0", ":80", ":8443", ":99999", ":x"), { nil: "" }),
                pathArb,
            )
            .map((parts) => parts.join("")),
        weight: 4,
    },
    {
        arbitrary: fc.oneof(
            fc.string({ maxLength: 40 }),
            huge(3_000, 100_000).map((a) => `https://x.example.com/${a}`),
        ),
        weight: 1,
    },
);

const keyChars = fc.stringMatching(/^[A-Za-z0-9]{13,29}$/);

/**
 * NotifyAuthKeys (all starting with `KEY_MARKER`): ones the provider takes (inside and outside the
 * documented 16-32 letters and digits, which is the service's rule to apply) and ones that can never
 * work (whitespace, control characters, past 256 characters).
 */
export const keyArb: fc.Arbitrary<string> = fc.oneof(
    { arbitrary: keyChars.map((k) => `${KEY_MARKER}${k}`), weight: 5 },
    {
        arbitrary: fc.oneof(
            fc.stringMatching(/^[A-Za-z0-9]{0,12}$/).map((k) => `${KEY_MARKER}${k}`), // shorter than documented
            fc.stringMatching(/^[A-Za-z0-9]{30,40}$/).map((k) => `${KEY_MARKER}${k}`), // longer than documented
            fc.tuple(keyChars, fc.constantFrom("-", "_", "é", "ß", "🙂", "=", "+")).map(([k, c]) => `${KEY_MARKER}${k.slice(0, 8)}${c}${k.slice(8)}`),
        ),
        weight: 2,
    },
    {
        arbitrary: fc.oneof(
            fc
                .tuple(keyChars, fc.constantFrom(" ", "\u0000", "\u007f", "\t", "\u2028"))
                .map(([k, c]) => `${KEY_MARKER}${k.slice(0, 8)}${c}${k.slice(8)}`),
            fc.tuple(whitespace, keyChars).map(([w, k]) => `${KEY_MARKER}${k}${w}`),
            fc.stringMatching(/^[A-Za-z0-9]{254,300}$/).map((k) => `${KEY_MARKER}${k}`), // past 256
        ),
        weight: 3,
    },
);

/** What the preview sends for a value not known yet: the sentinel, or a value containing it. */
export const unknownArb: fc.Arbitrary<unknown> = fc.constantFrom(UNKNOWN_VALUE, `https://${UNKNOWN_VALUE}.example.com/`, [UNKNOWN_VALUE], {
    nested: UNKNOWN_VALUE,
});

/** Values of the wrong type for any property. */
export const wrongTypeArb: fc.Arbitrary<unknown> = fc.oneof(
    fc.constantFrom(null, 0, 1, -1, NaN, Infinity, "", "true", "false", "yes", [], {}, [true]),
    fc.jsonValue({ maxDepth: 2 }),
);

const booleanArb: fc.Arbitrary<unknown> = fc.oneof({ arbitrary: fc.boolean(), weight: 8 }, { arbitrary: wrongTypeArb, weight: 2 });

/** One property: usually a value of its kind, sometimes of the wrong type or unknown. */
function property(kind: fc.Arbitrary<unknown>, wrongWeight = 1): fc.Arbitrary<unknown> {
    return fc.oneof({ arbitrary: kind, weight: 14 }, { arbitrary: wrongTypeArb, weight: wrongWeight }, { arbitrary: unknownArb, weight: 1 });
}

/** Property names a program might get wrong, plus the host's own `__provider`. */
const extraKeyArb = fc.constantFrom(
    "domainname",
    "notifyURL",
    "notify_url",
    "NotifyUrl",
    "callbackUrl",
    "tags",
    "__provider",
    "constructor",
    "toString",
    "hasOwnProperty",
    "__proto__",
);

export type InputBag = Record<string, unknown>;

/** A whole input bag: any property may be missing, wrong or unknown; sometimes with unrecognized keys. */
export const inputsArb: fc.Arbitrary<InputBag> = fc
    .tuple(
        fc.record(
            {
                domainName: property(domainArb),
                notifyUrl: property(urlArb),
                onDemandUrl: property(urlArb),
                needStatusNotify: property(booleanArb, 0),
                notifyReqAuth: property(booleanArb, 0),
                notifyAuthKey: property(keyArb),
                adoptExisting: property(booleanArb, 0),
            },
            { requiredKeys: [] },
        ),
        fc.option(fc.dictionary(extraKeyArb, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }), { freq: 8, nil: undefined }),
    )
    .map(([known, extra]) => {
        if (!extra) return known;
        // Through JSON.parse, so `__proto__` becomes an own property, as it would from a gRPC Struct.
        return { ...(known as InputBag), ...(JSON.parse(JSON.stringify(extra)) as InputBag) };
    });

/**
 * Inputs that are mostly acceptable: every required property present and usually of its kind, so a
 * good share passes `check` and the request built from it can be tested.
 */
export const mostlyValidInputsArb: fc.Arbitrary<InputBag> = fc
    .record(
        {
            domainName: fc.oneof({ arbitrary: sloppy(validDomain), weight: 9 }, { arbitrary: domainArb, weight: 1 }),
            notifyUrl: fc.oneof({ arbitrary: sloppy(validUrl), weight: 8 }, { arbitrary: urlArb, weight: 2 }),
            onDemandUrl: fc.oneof(
                { arbitrary: validUrl, weight: 4 },
                { arbitrary: fc.constantFrom("", null), weight: 3 },
                { arbitrary: urlArb, weight: 1 },
            ),
            needStatusNotify: fc.oneof(fc.boolean(), fc.constant(null)),
            notifyReqAuth: fc.boolean(),
            notifyAuthKey: fc.oneof({ arbitrary: keyArb, weight: 5 }, { arbitrary: fc.constantFrom("", null), weight: 3 }),
            adoptExisting: fc.boolean(),
        },
        { requiredKeys: ["domainName", "notifyUrl"] },
    )
    .map((bag) => bag as InputBag);

/** Anything at all, for "never throws": not even an object. */
export const anyNewsArb: fc.Arbitrary<unknown> = fc.oneof({ arbitrary: inputsArb, weight: 9 }, { arbitrary: fc.anything(), weight: 1 });
