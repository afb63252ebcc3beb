/**
 * Just enough DER to issue X.509 v3 certificates at run time with node:crypto (ECDSA P-256), so no
 * private key is stored in the repository and no `openssl` is needed: a self-signed loopback
 * certificate, or a test CA and a server certificate it signs.
 */
import { generateKeyPairSync, sign, X509Certificate, type KeyObject } from "node:crypto";

function length(n: number): Buffer {
    if (n < 0x80) return Buffer.from([n]);
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, ...content: Buffer[]): Buffer => {
    const body = Buffer.concat(content);
    return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const seq = (...items: Buffer[]) => tlv(0x30, ...items);
const set = (...items: Buffer[]) => tlv(0x31, ...items);

function oid(text: string): Buffer {
    const [a, b, ...rest] = text.split(".").map(Number);
    const bytes = [40 * a + b];
    for (const arc of rest) {
        const chunk: number[] = [];
        for (let v = arc; ; v = Math.floor(v / 128)) {
            chunk.unshift((v % 128) | (chunk.length > 0 ? 0x80 : 0));
            if (v < 128) break;
        }
        bytes.push(...chunk);
    }
    return tlv(0x06, Buffer.from(bytes));
}

const ECDSA_WITH_SHA256 = seq(oid("1.2.840.10045.4.3.2"));
const TRUE = tlv(0x01, Buffer.from([0xff]));

/** YYMMDDHHMMSSZ (UTCTime) for years before 2050, YYYYMMDDHHMMSSZ (GeneralizedTime) after. */
function time(date: Date): Buffer {
    const iso = date.toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z";
    return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2), "ascii")) : tlv(0x18, Buffer.from(iso, "ascii"));
}

const commonName = (cn: string) => seq(set(seq(oid("2.5.4.3"), tlv(0x0c, Buffer.from(cn, "utf8")))));

let serial = 0;

export interface IssuedCertificate {
    readonly cert: string;
    /** PKCS#8 PEM. */
    readonly key: string;
    readonly privateKey: KeyObject;
    readonly subject: string;
}

export interface CertificateRequest {
    readonly subject: string;
    /** Signs with this certificate's key (default: self-signed). */
    readonly issuer?: IssuedCertificate;
    /** A CA certificate (basicConstraints CA, keyCertSign). */
    readonly ca?: boolean;
    /** IPv4 subjectAltNames, e.g. [[127, 0, 0, 1]]. */
    readonly ips?: ReadonlyArray<readonly [number, number, number, number]>;
}

export function issueCertificate(request: CertificateRequest): IssuedCertificate {
    const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const now = Date.now();
    const extensions: Buffer[] = [];
    if (request.ips && request.ips.length > 0) {
        extensions.push(seq(oid("2.5.29.17"), tlv(0x04, seq(...request.ips.map((ip) => tlv(0x87, Buffer.from(ip)))))));
    }
    if (request.ca) {
        extensions.push(seq(oid("2.5.29.19"), TRUE, tlv(0x04, seq(TRUE))));
        // keyUsage: keyCertSign | cRLSign
        extensions.push(seq(oid("2.5.29.15"), TRUE, tlv(0x04, tlv(0x03, Buffer.from([0x01, 0x06])))));
    }
    const issuerName = commonName(request.issuer?.subject ?? request.subject);
    serial += 1;
    const tbs = seq(
        tlv(0xa0, tlv(0x02, Buffer.from([2]))), // v3
        tlv(0x02, Buffer.from([0x01, serial & 0xff, ...Array.from({ length: 7 }, (_, i) => (now >> (i * 4)) & 0xff)])),
        ECDSA_WITH_SHA256,
        issuerName,
        seq(time(new Date(now - 3_600_000)), time(new Date(now + 86_400_000))),
        commonName(request.subject),
        publicKey.export({ type: "spki", format: "der" }),
        ...(extensions.length > 0 ? [tlv(0xa3, seq(...extensions))] : []),
    );
    const signature = sign("sha256", tbs, request.issuer?.privateKey ?? privateKey);
    const der = seq(tbs, ECDSA_WITH_SHA256, tlv(0x03, Buffer.from([0]), signature));
    const cert = `-----BEGIN CERTIFICATE-----\n${der.toString("base64").replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`;
    // Parses as X.509, or the helper is broken (and a TLS failure would prove nothing).
    const parsed = new X509Certificate(cert);
    if (request.issuer && !parsed.verify(new X509Certificate(request.issuer.cert).publicKey)) throw new Error("issueCertificate: bad signature");
    return { cert, key: privateKey.export({ type: "pkcs8", format: "pem" }) as string, privateKey, subject: request.subject };
}

/** A test CA and a certificate for 127.0.0.1 signed by it. */
export function loopbackCertificateAuthority(): { readonly ca: IssuedCertificate; readonly server: IssuedCertificate } {
    const ca = issueCertificate({ subject: "pulumi-alicloud-live test CA", ca: true });
    const server = issueCertificate({ subject: "127.0.0.1", issuer: ca, ips: [[127, 0, 0, 1]] });
    return { ca, server };
}
