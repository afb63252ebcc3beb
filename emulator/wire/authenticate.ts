/**
 * Who sent a request, proven by its signature: ACS3-HMAC-SHA256 (an `Authorization` header) or the
 * legacy RPC HMAC-SHA1 (`Signature` parameter). Then STS tokens, the clock-skew window and nonce
 * replay.
 *
 * The signature is checked before anything it covers (date, nonce, token, action, version), so a
 * one-character change to any signed part is always `SignatureDoesNotMatch`, never a later error.
 */
import { timingSafeEqual } from "node:crypto";
import type { KeyRing, ResolvedKey } from "../api/accounts";
import { apiError } from "../api/errors";
import type { NonceCache } from "./nonce-cache";
import { signatureV2, V2_SIGNATURE_METHOD, V2_SIGNATURE_VERSION } from "./signature-v2";
import { parseAuthorizationV3, sha256Hex, signatureV3, normalizeSignedHeaderNames } from "./signature-v3";
import { requestParams, type WireRequest } from "./wire-request";

export type SignatureVersion = "v3" | "v2";

/** An authenticated request: the key, and the signed action and version it asks for. */
export interface Identity {
    readonly key: ResolvedKey;
    readonly signatureVersion: SignatureVersion;
    readonly action: string;
    readonly version: string;
}

export interface AuthContext {
    readonly keys: KeyRing;
    readonly nonces: NonceCache;
    /** Epoch ms. */
    readonly now: number;
    /** 0 turns off the time window and the nonce-replay check. */
    readonly maxClockSkewMs: number;
}

/** V3 headers that must be present and signed: without them a signature proves too little. */
const V3_REQUIRED_SIGNED = ["host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"];
const V2_REQUIRED = ["AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"];

/** ISO 8601 UTC as both signers write it (`2026-11-28T07:47:19Z`); fractions tolerated. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** What the request claims before it is verified; for the request log only. */
export interface Claims {
    readonly accessKeyId?: string;
    readonly action?: string;
    readonly signatureVersion?: SignatureVersion;
}

const CLAIM_MAX = 128;
const clip = (s: string | undefined): string | undefined => (s === undefined ? undefined : s.slice(0, CLAIM_MAX));

export function claims(request: WireRequest): Claims {
    const authorization = request.headers["authorization"];
    if (authorization !== undefined) {
        return {
            accessKeyId: clip(/Credential=([^,\s]+)/.exec(authorization)?.[1]),
            action: clip(request.headers["x-acs-action"]),
            signatureVersion: "v3",
        };
    }
    const params = requestParams(request);
    if (params.has("Signature") || params.has("AccessKeyId")) {
        return { accessKeyId: clip(params.get("AccessKeyId")), action: clip(params.get("Action")), signatureVersion: "v2" };
    }
    return { action: clip(request.headers["x-acs-action"] ?? params.get("Action")) };
}

/** Constant-time equality of two strings (false at once only when the lengths differ). */
export function safeEqual(a: string, b: string): boolean {
    const ab = Buffer.from(a, "utf8");
    const bb = Buffer.from(b, "utf8");
    if (ab.length !== bb.length) {
        timingSafeEqual(ab, ab);
        return false;
    }
    return timingSafeEqual(ab, bb);
}

interface Signed {
    readonly key: ResolvedKey;
    readonly signatureVersion: SignatureVersion;
    readonly action: string;
    readonly version: string;
    readonly timestamp: string;
    readonly nonce: string;
    readonly securityToken?: string;
}

function findKey(ctx: AuthContext, accessKeyId: string): ResolvedKey {
    const key = ctx.keys.find(accessKeyId);
    if (!key) throw apiError("InvalidAccessKeyId.NotFound");
    return key;
}

function verifyV3(request: WireRequest, authorization: string, ctx: AuthContext): Signed {
    const parsed = parseAuthorizationV3(authorization);
    if (!parsed) {
        throw apiError("IncompleteSignature", "The Authorization header is not a well-formed ACS3-HMAC-SHA256 authorization.");
    }
    const signed = new Set(normalizeSignedHeaderNames(parsed.signedHeaders));
    const required = request.headers["x-acs-security-token"] !== undefined ? [...V3_REQUIRED_SIGNED, "x-acs-security-token"] : V3_REQUIRED_SIGNED;
    for (const name of required) {
        if (request.headers[name] === undefined || !signed.has(name)) {
            throw apiError("IncompleteSignature", `The header ${name} must be present and listed in SignedHeaders.`);
        }
    }
    const key = findKey(ctx, parsed.accessKeyId);
    const payloadHash = sha256Hex(request.body);
    const expected = signatureV3(key.accessKeySecret, {
        method: request.method,
        path: request.path,
        query: request.query,
        headers: request.headers,
        signedHeaders: parsed.signedHeaders,
        payloadHash,
    });
    if (!safeEqual(expected, parsed.signature)) throw apiError("SignatureDoesNotMatch");
    // Signed, but for a different body than the one received.
    if (!safeEqual(payloadHash, request.headers["x-acs-content-sha256"]!.trim().toLowerCase())) {
        throw apiError("SignatureDoesNotMatch");
    }
    const h = (name: string): string => request.headers[name]!.trim();
    const token = request.headers["x-acs-security-token"];
    return {
        key,
        signatureVersion: "v3",
        action: h("x-acs-action"),
        version: h("x-acs-version"),
        timestamp: h("x-acs-date"),
        nonce: h("x-acs-signature-nonce"),
        ...(token !== undefined ? { securityToken: token.trim() } : {}),
    };
}

function verifyV2(request: WireRequest, ctx: AuthContext): Signed {
    const params = requestParams(request);
    for (const name of V2_REQUIRED) {
        if (!params.get(name)) throw apiError("IncompleteSignature", `The parameter ${name} is required to sign a request.`);
    }
    const key = findKey(ctx, params.get("AccessKeyId")!);
    const expected = signatureV2(key.accessKeySecret, request.method, [...request.query, ...request.form]);
    if (!safeEqual(expected, params.get("Signature")!)) throw apiError("SignatureDoesNotMatch");
    // Checked after the signature, so a tampered method or version reads as tampering. A client
    // really signing with another method gets SignatureDoesNotMatch: only HMAC-SHA1 is computed.
    if (params.get("SignatureMethod") !== V2_SIGNATURE_METHOD) {
        throw apiError("IncompleteSignature", `SignatureMethod must be ${V2_SIGNATURE_METHOD}.`);
    }
    if (params.get("SignatureVersion") !== V2_SIGNATURE_VERSION) {
        throw apiError("IncompleteSignature", `SignatureVersion must be ${V2_SIGNATURE_VERSION}.`);
    }
    const token = params.get("SecurityToken");
    return {
        key,
        signatureVersion: "v2",
        action: params.get("Action") ?? "",
        version: params.get("Version") ?? "",
        timestamp: params.get("Timestamp")!,
        nonce: params.get("SignatureNonce")!,
        ...(token !== undefined ? { securityToken: token } : {}),
    };
}

function checkSecurityToken(signed: Signed, now: number): void {
    const { key, securityToken } = signed;
    if (key.securityToken === undefined) {
        // A permanent key has no token; one sent anyway belongs to some other key.
        if (securityToken) throw apiError("InvalidSecurityToken.MismatchWithAccessKey");
        return;
    }
    if (!securityToken || !safeEqual(securityToken, key.securityToken)) {
        throw apiError("InvalidSecurityToken.MismatchWithAccessKey");
    }
    if (key.expiresAt !== undefined && now >= key.expiresAt) throw apiError("InvalidSecurityToken.Expired");
}

function checkTimeAndNonce(signed: Signed, ctx: AuthContext): void {
    if (!TIMESTAMP.test(signed.timestamp) || Number.isNaN(Date.parse(signed.timestamp))) {
        throw apiError("InvalidTimeStamp.Format");
    }
    if (ctx.maxClockSkewMs <= 0) return;
    const at = Date.parse(signed.timestamp);
    if (Math.abs(ctx.now - at) > ctx.maxClockSkewMs) throw apiError("InvalidTimeStamp.Expired");
    const id = signed.key.accessKeyId;
    if (ctx.nonces.has(id, signed.nonce, ctx.now)) throw apiError("SignatureNonceUsed");
    // Remembered exactly as long as this timestamp stays acceptable.
    ctx.nonces.remember(id, signed.nonce, at + ctx.maxClockSkewMs, ctx.now);
}

/** The identity behind a request, or an `ApiError` naming why there is none. */
export function authenticate(request: WireRequest, ctx: AuthContext): Identity {
    const authorization = request.headers["authorization"];
    const params = requestParams(request);
    let signed: Signed;
    if (authorization !== undefined) {
        signed = verifyV3(request, authorization, ctx);
    } else if (params.has("Signature") || params.has("AccessKeyId")) {
        signed = verifyV2(request, ctx);
    } else {
        throw apiError("IncompleteSignature", "The request carries no signature.");
    }
    checkSecurityToken(signed, ctx.now);
    checkTimeAndNonce(signed, ctx);
    return { key: signed.key, signatureVersion: signed.signatureVersion, action: signed.action, version: signed.version };
}
