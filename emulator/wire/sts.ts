/**
 * STS `GetCallerIdentity` (version 2015-04-01, RPC), answered on the emulator's STS listener: who
 * the signed request's key belongs to. Needs no RAM permission on the real service, so every key,
 * read-only ones included, may call it. The answer's fields are those the STS API reference lists:
 * `IdentityType` (`Account`, `RAMUser` or `AssumedRoleUser`), `AccountId`, `PrincipalId`, `Arn`,
 * and `UserId` (accounts and RAM users only) or `RoleId` (roles only).
 */
import { createHash } from "node:crypto";
import type { ResolvedKey } from "../api/accounts";
import { apiError } from "../api/errors";

export const STS_API_VERSION = "2015-04-01";
export const GET_CALLER_IDENTITY = "GetCallerIdentity";

export type IdentityType = "Account" | "RAMUser" | "AssumedRoleUser";

/** The success body without `RequestId`, which the server puts first. */
export interface CallerIdentity {
    readonly IdentityType: IdentityType;
    readonly AccountId: string;
    readonly PrincipalId: string;
    readonly Arn: string;
    readonly UserId?: string;
    readonly RoleId?: string;
}

/** The role session name the emulator gives every STS key (it has no AssumeRole to choose one). */
export const EMULATOR_ROLE_SESSION = "emulator-session";

/** A 16-digit id like Alibaba's user and role ids, stable for a given access key id and kind. */
function derivedId(kind: string, accessKeyId: string): string {
    const digits = BigInt(`0x${createHash("sha256").update(`${kind}:${accessKeyId}`).digest("hex").slice(0, 24)}`) % 10n ** 15n;
    return `2${digits.toString().padStart(15, "0")}`;
}

/**
 * The identity of `key`. A key with a security token is a RAM role's session; any other is a RAM
 * user's key (the emulator does not tell root keys apart: Alibaba advises against them).
 */
export function callerIdentity(key: ResolvedKey): CallerIdentity {
    if (key.securityToken !== undefined) {
        const roleId = derivedId("role", key.accessKeyId);
        return {
            IdentityType: "AssumedRoleUser",
            AccountId: key.accountId,
            PrincipalId: `${roleId}:${EMULATOR_ROLE_SESSION}`,
            Arn: `acs:ram::${key.accountId}:assumed-role/emulator-role-${roleId}/${EMULATOR_ROLE_SESSION}`,
            RoleId: roleId,
        };
    }
    const userId = derivedId("user", key.accessKeyId);
    return {
        IdentityType: "RAMUser",
        AccountId: key.accountId,
        PrincipalId: userId,
        UserId: userId,
        Arn: `acs:ram::${key.accountId}:user/emulator-user-${userId}`,
    };
}

/** The STS listener answers only GetCallerIdentity of 2015-04-01. */
export function resolveStsAction(action: string, version: string): void {
    if (action !== GET_CALLER_IDENTITY) throw apiError("InvalidAction.NotFound");
    if (version !== STS_API_VERSION) throw apiError("InvalidVersion");
}
