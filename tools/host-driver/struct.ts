/**
 * Property maps <-> `google.protobuf.Struct`, the way the engine and the host exchange resource
 * properties. `Struct.fromJavaScript` rejects `undefined` (and BigInt) anywhere in the value with
 * "Unexpected struct type."; the message here names the offending path, because the host fails the
 * same way when a provider returns such outputs.
 */
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { PulumiSdk } from "./sdk";

export type PropertyMap = Record<string, unknown>;

export function toStruct(sdk: PulumiSdk, value: PropertyMap): Struct {
    const bad = unencodablePath(value, "");
    if (bad !== undefined) {
        throw new TypeError(`property ${bad.path || "(root)"} cannot be sent over gRPC: ${bad.reason}`);
    }
    return sdk.structPb.Struct.fromJavaScript(value as Parameters<typeof Struct.fromJavaScript>[0]);
}

export function fromStruct(struct: Struct | undefined): PropertyMap {
    return struct ? struct.toJavaScript() : {};
}

/** The first value a Struct cannot carry, with its dotted path; undefined when all is encodable. */
export function unencodablePath(value: unknown, at: string): { path: string; reason: string } | undefined {
    if (value === null) return undefined;
    switch (typeof value) {
        case "string":
        case "boolean":
            return undefined;
        case "number":
            return Number.isFinite(value) ? undefined : { path: at, reason: `non-finite number ${value}` };
        case "object": {
            if (Array.isArray(value)) {
                for (let i = 0; i < value.length; i++) {
                    const bad = unencodablePath(value[i], `${at}[${i}]`);
                    if (bad) return bad;
                }
                return undefined;
            }
            const proto = Object.getPrototypeOf(value);
            if (proto !== Object.prototype && proto !== null) {
                return { path: at, reason: `a ${proto?.constructor?.name ?? "non-plain"} object` };
            }
            for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
                const bad = unencodablePath(v, at ? `${at}.${k}` : k);
                if (bad) return bad;
            }
            return undefined;
        }
        default:
            return { path: at, reason: typeof value };
    }
}
