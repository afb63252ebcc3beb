/**
 * How the emulator delivers callbacks: the documented timings (5 s to answer, then up to 5 retries
 * 1 s apart) and the delivery overrides. The timings are options so tests can run them fast.
 */
import { deliveryRoute, DeliveryRouteError, type DeliveryRoute } from "./delivery-routes";

/** [CB-MANAGE]: the receiver must answer within 5 s. */
export const CALLBACK_TIMEOUT_MS = 5_000;
/** [CB-MANAGE]: retried up to 5 times (so at most 6 attempts). */
export const CALLBACK_RETRIES = 5;
/** [CB-MANAGE]: 1 s between attempts. */
export const CALLBACK_RETRY_INTERVAL_MS = 1_000;

export interface CallbackDeliveryOptions {
    readonly timeoutMs?: number;
    readonly retries?: number;
    readonly retryIntervalMs?: number;
}

export interface ResolvedCallbackOptions {
    readonly timeoutMs: number;
    readonly retries: number;
    readonly retryIntervalMs: number;
    readonly routes: readonly DeliveryRoute[];
}

function fail(message: string): never {
    throw new TypeError(`startEmulator: ${message}`);
}

function nonNegative(name: string, value: unknown, fallback: number, integer: boolean): number {
    if (value === undefined) return fallback;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
        fail(`options.callbackDelivery.${name} must be a${integer ? "n integer" : " finite number"} >= 0 (got ${JSON.stringify(value)})`);
    }
    return value;
}

/** `deliver`: `{ "hooks.example.com": "http://127.0.0.1:8080" }`; `callbackDelivery`: the timings. */
export function resolveCallbackOptions(deliver: unknown, delivery: unknown): ResolvedCallbackOptions {
    if (deliver !== undefined && (typeof deliver !== "object" || deliver === null || Array.isArray(deliver))) {
        fail(`options.deliver must be an object like { "hooks.example.com": "http://127.0.0.1:8080" }`);
    }
    const routes = Object.entries((deliver ?? {}) as Record<string, unknown>).map(([host, target]) => {
        if (typeof target !== "string") fail(`options.deliver[${JSON.stringify(host)}] must be a URL string`);
        try {
            return deliveryRoute(host, target, `options.deliver[${JSON.stringify(host)}]`);
        } catch (error) {
            if (error instanceof DeliveryRouteError) fail(error.message);
            throw error;
        }
    });
    if (delivery !== undefined && (typeof delivery !== "object" || delivery === null)) fail("options.callbackDelivery must be an object");
    const d = (delivery ?? {}) as CallbackDeliveryOptions;
    const timeoutMs = nonNegative("timeoutMs", d.timeoutMs, CALLBACK_TIMEOUT_MS, false);
    if (timeoutMs === 0) fail("options.callbackDelivery.timeoutMs must be > 0");
    return {
        timeoutMs,
        retries: nonNegative("retries", d.retries, CALLBACK_RETRIES, true),
        retryIntervalMs: nonNegative("retryIntervalMs", d.retryIntervalMs, CALLBACK_RETRY_INTERVAL_MS, false),
        routes,
    };
}
