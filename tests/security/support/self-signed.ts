/**
 * A throwaway self-signed certificate for 127.0.0.1, made at run time with node:crypto and a few lines
 * of DER, so no private key is stored in the repository and no `openssl` is needed. For a local TLS
 * server that a client which verifies certificates must refuse.
 */
import { generateKeyPairSync, sign, X509Certificate } from "node:crypto";

export interface SelfSigned {
    readonly cert: string;
    readonly key: string;
}

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

/** YYMMDDHHMMSSZ (UTCTime) for years before 2050, YYYYMMDDHHMMSSZ (GeneralizedTime) after. */
function time(date: Date): Buffer {
    const iso = date.toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z";
    return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2), "ascii")) : tlv(0x18, Buffer.from(iso, "ascii"));
}

export function selfSignedLoopbackCertificate(): SelfSigned {
    const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const name = seq(set(seq(oid("2.5.4.3"), tlv(0x0c, Buffer.from("127.0.0.1", "utf8")))));
    const now = Date.now();
    const subjectAltName = seq(oid("2.5.29.17"), tlv(0x04, seq(tlv(0x87, Buffer.from([127, 0, 0, 1])))));
    const tbs = seq(
        tlv(0xa0, tlv(0x02, Buffer.from([2]))), // v3
        tlv(0x02, Buffer.from([0x01, ...Array.from({ length: 8 }, (_, i) => (now >> (i * 4)) & 0xff)])),
        ECDSA_WITH_SHA256,
        name,
        seq(time(new Date(now - 3_600_000)), time(new Date(now + 86_400_000))),
        name,
        publicKey.export({ type: "spki", format: "der" }),
        tlv(0xa3, seq(subjectAltName)),
    );
    const signature = sign("sha256", tbs, privateKey);
    const der = seq(tbs, ECDSA_WITH_SHA256, tlv(0x03, Buffer.from([0]), signature));
    const cert = `-----BEGIN CERTIFICATE-----\n${der.toString("base64").replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`;
    // Parses as X.509, or the helper is broken (and a TLS failure would prove nothing).
    new X509Certificate(cert);
    return { cert, key: privateKey.export({ type: "pkcs8", format: "pem" }) as string };
}
