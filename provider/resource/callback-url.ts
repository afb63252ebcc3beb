/**
 * The rules a callback URL (`notifyUrl`, `onDemandUrl`) must meet, each named, all reported at once.
 * Pure, no DNS.
 *
 * The service documents only that the URL starts with `http://` or `https://` and is refused when
 * unsafe (url-safety.ts). The other rules refuse what can only leak or never work: a credential in the
 * URL (it would sit in plain state, CLI output and logs), a host name no DNS can hold or none resolves
 * from the service's network (a single label), and spellings that URL parsers read differently (so the
 * service could call another host than the one checked).
 * None refuses a URL a browser would send to a public host: a browser sends the host in ASCII and
 * canonical form, never with user-info or a backslash, and where a URL is refused for its spelling the
 * message gives the form a browser would send. One rule is laxer than RFC 1123 on purpose: labels may
 * hold underscores, which DNS carries, browsers send, and public hosts use.
 *
 * Messages quote the host only when nothing before it can be a credential: a password with a `/` in
 * it ends the authority early and would otherwise surface as a host or port.
 */
import { domainToASCII } from "node:url";
import { unsafeHostKind } from "./url-safety";

/**
 * Callback URLs travel in the request's query string. The service documents no limit; 2048 keeps every
 * request well inside what HTTP front ends accept (Node's own limit is 16 KiB of request head).
 */
export const MAX_URL_LENGTH = 2048;
/** DNS limits (RFC 1035): a name of at most 253 characters written out, labels of at most 63. */
const MAX_HOST_LENGTH = 253;
const MAX_HOST_LABEL_LENGTH = 63;
const MAX_PORT = 65_535;

export type UrlRule =
    | "length"
    | "scheme"
    | "characters"
    | "user-info"
    | "backslash"
    | "port"
    | "host-required"
    | "host-ascii"
    | "host-percent"
    | "ipv4-form"
    | "ipv4-invalid"
    | "host-length"
    | "label-empty"
    | "label-length"
    | "label-characters"
    | "label-hyphen"
    | "label-punycode"
    | "host-single-label"
    | "parse"
    | "unsafe";

/** One broken rule: which, and why in words that follow the property's name ("notifyUrl must …"). */
export interface UrlProblem {
    readonly rule: UrlRule;
    readonly message: string;
}

const SCHEME_PREFIX = /^https?:\/\//i;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SPACE_OR_CONTROL = /[\s\x00-\x1f\x7f]/;
const LABEL_CHARACTERS = /^[a-z0-9_-]+$/;
/** WHATWG URL: a host whose last label is a number (decimal or 0x-hex) is an IPv4 address. */
const NUMERIC_LABEL = /^(?:0x[0-9a-f]*|\d+)$/i;

/** Every rule `text` (trimmed) breaks, in the order a reader would fix them; empty when it is acceptable. */
export function callbackUrlProblems(text: string, maxLength: number = MAX_URL_LENGTH): UrlProblem[] {
    const problems: UrlProblem[] = [];
    const add = (rule: UrlRule, message: string) => problems.push({ rule, message });
    if (text.length > maxLength) add("length", `must be at most ${maxLength} characters`);
    // The URL parser would accept `http:host` and quietly encode spaces; the service refuses both.
    if (!SCHEME_PREFIX.test(text)) {
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1].toLowerCase();
        add(
            "scheme",
            scheme && scheme !== "http" && scheme !== "https"
                ? `must use http:// or https://, not ${scheme}://`
                : "must be an absolute http:// or https:// URL",
        );
        return problems;
    }
    if (SPACE_OR_CONTROL.test(text)) {
        add("characters", "must not contain spaces or control characters (percent-encode them)");
        return problems;
    }
    const rest = text.slice(text.indexOf("//") + 2);
    const beforeQuery = rest.split(/[?#]/, 1)[0];
    const authority = rest.split(/[/\\?#]/, 1)[0];
    // Quote nothing of the host when an `@` could make part of it a credential.
    const mayQuote = !beforeQuery.includes("@");
    const at = authority.lastIndexOf("@");
    if (at >= 0) {
        add(
            "user-info",
            "must not carry a user name or password before the host (user-info such as user:password@): it would be kept in plain state, " +
                "CLI output and logs. To let the receiver authenticate callbacks, set notifyReqAuth to true and put the key in notifyAuthKey (a secret); " +
                "the receiver checks each callback's signature with it",
        );
    }
    if (beforeQuery.includes("\\")) {
        add(
            "backslash",
            'must not contain a backslash before the query: browsers read it as "/", other URL parsers as part of the host, ' +
                'so the service could call another host than the one checked (write "/")',
        );
    }
    const { host, port } = splitHostPort(authority.slice(at + 1));
    if (port !== undefined && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= MAX_PORT)) {
        add("port", `must have a port from 1 to ${MAX_PORT} (digits only), or none`);
    }
    if (host === "") {
        add("host-required", "must name a host");
        return problems;
    }
    problems.push(...hostProblems(host, mayQuote));
    let url: URL;
    try {
        url = new URL(text);
    } catch {
        if (problems.length === 0) add("parse", "must be a valid absolute http:// or https:// URL");
        return problems;
    }
    const unsafe = unsafeHostKind(url.hostname);
    if (unsafe !== undefined) {
        const shown = mayQuote ? ` (${url.hostname})` : "";
        add("unsafe", `must not point at a ${unsafe} address${shown}; the service refuses such callback URLs as unsafe`);
    }
    return problems;
}

/** The host (an IPv6 literal keeps its brackets) and the port text after `:`, if any (`""` counts as none). */
function splitHostPort(hostPort: string): { host: string; port: string | undefined } {
    const close = hostPort.indexOf("]");
    if (hostPort.startsWith("[") && close < 0) return { host: hostPort, port: undefined }; // left to the URL parser
    const end = hostPort.startsWith("[") ? close + 1 : 0;
    const colon = hostPort.indexOf(":", end);
    if (colon < 0) return { host: hostPort, port: undefined };
    const port = hostPort.slice(colon + 1);
    return { host: hostPort.slice(0, colon), port: port === "" ? undefined : port };
}

/** The rules of the host as written (an IPv6 literal is left to the URL parser and the unsafe-address rules). */
function hostProblems(host: string, mayQuote: boolean): UrlProblem[] {
    if (host.startsWith("[")) return [];
    const quote = (shown: string) => (mayQuote ? shown : "");
    // eslint-disable-next-line no-control-regex -- anything outside ASCII
    if (/[^\x00-\x7f]/.test(host)) {
        const ascii = domainToASCII(host);
        return [
            ascii === ""
                ? { rule: "host-ascii", message: `must name a host that is a valid internationalized domain name${quote(` (${host} is not)`)}` }
                : {
                      rule: "host-ascii",
                      message: `must write its host in ASCII, as browsers send it${quote(`: use the punycode form ${ascii} for ${host}`)} (node:url domainToASCII gives it)`,
                  },
        ];
    }
    if (host.includes("%")) {
        const decoded = domainToASCII(safeDecode(host));
        const shown = decoded === "" ? "" : quote(`: write ${decoded}`);
        return [{ rule: "host-percent", message: `must not percent-encode its host${shown}` }];
    }
    const name = host.toLowerCase();
    const bare = name.endsWith(".") ? name.slice(0, -1) : name; // one trailing dot is the DNS root
    const labels = bare.split(".");
    if (NUMERIC_LABEL.test(labels[labels.length - 1])) return ipv4Problems(bare, mayQuote);
    const problems: UrlProblem[] = [];
    const add = (rule: UrlRule, message: string) => problems.push({ rule, message });
    if (bare.length > MAX_HOST_LENGTH) add("host-length", `must name a host of at most ${MAX_HOST_LENGTH} characters (it has ${bare.length})`);
    if (labels.some((label) => label === "")) add("label-empty", "must not have an empty label in its host name (as in a..b.com, .a.com or a.com..)");
    const long = labels.find((label) => label.length > MAX_HOST_LABEL_LENGTH);
    if (long !== undefined) add("label-length", `must have host name labels of at most ${MAX_HOST_LABEL_LENGTH} characters (one has ${long.length})`);
    const odd = labels.find((label) => label !== "" && !LABEL_CHARACTERS.test(label));
    if (odd !== undefined) {
        add(
            "label-characters",
            `must have host name labels of letters, digits, hyphens and underscores only${quote(` (not ${JSON.stringify(odd)})`)}`,
        );
    }
    const hyphen = labels.find((label) => label.startsWith("-") || label.endsWith("-"));
    if (hyphen !== undefined) add("label-hyphen", `must have host name labels that neither start nor end with a hyphen${quote(` (not ${hyphen})`)}`);
    const punycode = labels.find((label) => label.startsWith("xn--") && LABEL_CHARACTERS.test(label) && domainToASCII(label) === "");
    if (punycode !== undefined) add("label-punycode", `must have valid punycode in its host name labels${quote(` (not ${punycode})`)}`);
    // `localhost` is refused as unsafe instead (url-safety.ts).
    if (labels.length === 1 && bare !== "" && bare !== "localhost") {
        add(
            "host-single-label",
            `must name a fully qualified host such as hooks.example.com${quote(`, not ${bare}`)}: the service calls from Alibaba Cloud's network, where no DNS resolves a single-label name`,
        );
    }
    return problems;
}

/** A host the URL standard reads as an IPv4 address must be one, written as every parser reads it. */
function ipv4Problems(bare: string, mayQuote: boolean): UrlProblem[] {
    let canonical: string;
    try {
        canonical = new URL(`http://${bare}/`).hostname;
    } catch {
        return [
            {
                rule: "ipv4-invalid",
                message:
                    "must name a valid IPv4 address, or a host name whose last label is not a number (URL parsers read such a host as an address)",
            },
        ];
    }
    if (canonical === bare) return [];
    const shown = mayQuote ? ` (${canonical}, not ${bare})` : "";
    return [
        {
            rule: "ipv4-form",
            message: `must write an IPv4 host in dotted-decimal form${shown}: parsers read other spellings (octal, hexadecimal, fewer than four parts) differently`,
        },
    ];
}

function safeDecode(text: string): string {
    try {
        return decodeURIComponent(text);
    } catch {
        return "";
    }
}
