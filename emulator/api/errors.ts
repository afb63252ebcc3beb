/**
 * The emulator's error catalogue: every code it answers with, its HTTP status, its message, and
 * where the pair comes from. The `source` column keeps us honest about which answers are
 * documented by Alibaba and which are our guesses (docs/emulator.md lists them).
 */

import type { SemanticsProfile } from "./semantics";

/** Where a code/status/message triple comes from. */
export type ErrorSource =
    /** The Live API pages (the seed document and the four action pages). */
    | "api-doc"
    /** Alibaba Cloud's gateway-wide common error table. */
    | "gateway-common"
    /** Not found in any source; chosen to look like its documented neighbours. */
    | "guess";

export interface CatalogueEntry {
    readonly status: number;
    readonly message: string;
    readonly source: ErrorSource;
}

/** The host the real service names in every error body. */
export const HOST_ID = "live.aliyuncs.com";

const CATALOGUE = {
    // Gateway: authentication and flow control.
    "Throttling.User": { status: 400, message: "Request was denied due to user flow control.", source: "gateway-common" },
    "Throttling.Api": { status: 400, message: "Request was denied due to api flow control.", source: "gateway-common" },
    "Throttling": { status: 400, message: "Request was denied due to flow control.", source: "guess" },
    "InvalidAccessKeyId.NotFound": { status: 404, message: "Specified access key is not found.", source: "gateway-common" },
    "SignatureDoesNotMatch": { status: 400, message: "Specified signature is not matched with our calculation.", source: "gateway-common" },
    "IncompleteSignature": { status: 400, message: "The request signature does not conform to Aliyun standards.", source: "guess" },
    "InvalidTimeStamp.Expired": { status: 400, message: "Specified time stamp or date value is expired.", source: "gateway-common" },
    "InvalidTimeStamp.Format": { status: 400, message: "Specified time stamp or date value is not well formatted.", source: "guess" },
    "SignatureNonceUsed": { status: 400, message: "Specified signature nonce was used already.", source: "gateway-common" },
    "InvalidSecurityToken.MismatchWithAccessKey": { status: 400, message: "Specified SecurityToken mismatch with the AccessKey.", source: "guess" },
    "InvalidSecurityToken.Expired": { status: 400, message: "Specified SecurityToken is expired.", source: "guess" },
    "InvalidAction.NotFound": { status: 404, message: "Specified api is not found, please check your url and method.", source: "guess" },
    "InvalidVersion": { status: 400, message: "Specified parameter Version is not valid.", source: "guess" },
    "UnsupportedHTTPMethod": { status: 405, message: "This http method is not supported.", source: "guess" },
    "RequestEntityTooLarge": { status: 413, message: "The request body is too large.", source: "guess" },
    "InternalError": { status: 500, message: "The request processing has failed due to some unknown error.", source: "api-doc" },
    // Live: the recording-callback actions.
    "ConfigAlreadyExists": { status: 400, message: "Config has already exist.", source: "api-doc" },
    "InvalidConfig.NotFound": { status: 404, message: "Config does not exist.", source: "api-doc" },
    "InvalidDomain.NotFound": { status: 400, message: "Specified Domain is invalid.", source: "api-doc" },
    "Forbidden": { status: 400, message: "Ram Permission is forbidden.", source: "api-doc" },
    "InvalidNotifyUrl.Malformed": { status: 400, message: "Specified NotifyUrl is invalid.", source: "api-doc" },
    "InvalidNotifyUrl.Unsafe": { status: 400, message: "Specified NotifyUrl is not safe.", source: "api-doc" },
    "InvalidOnDemandUrl.Malformed": { status: 400, message: "Specified OnDemandUrl is invalid.", source: "api-doc" },
    "InvalidOnDemandUrl.Unsafe": { status: 400, message: "Specified OnDemandUrl is not safe.", source: "api-doc" },
    // The rule is the API pages' (and the official SDK models') wording; the code and message around it are guesses.
    "InvalidNotifyAuthKey.Malformed": {
        status: 400,
        message: "Specified NotifyAuthKey is invalid. The key must be 16 to 32 characters in length and can contain only letters and digits.",
        source: "guess",
    },
    "MissingDomainName": { status: 400, message: "DomainName is mandatory for this action.", source: "guess" },
    "MissingNotifyUrl": { status: 400, message: "NotifyUrl is mandatory for this action.", source: "guess" },
    "MissingNotifyAuthKey": { status: 400, message: "NotifyAuthKey is mandatory for this action.", source: "guess" },
    // Live: the recording and snapshot configurations of apps.
    "MissingAppName": { status: 400, message: "AppName is mandatory for this action.", source: "guess" },
    "MissingOssEndpoint": { status: 400, message: "OssEndpoint is mandatory for this action.", source: "guess" },
    "MissingOssBucket": { status: 400, message: "OssBucket is mandatory for this action.", source: "guess" },
    "MissingTimeInterval": { status: 400, message: "TimeInterval is mandatory for this action.", source: "guess" },
    "MissingRecordFormat": { status: 400, message: "RecordFormat or TranscodeRecordFormat is mandatory for this action.", source: "guess" },
    // Live: the stream callbacks.
    "InvalidExceptionNotifyUrl.Malformed": { status: 400, message: "Specified ExceptionNotifyUrl is invalid.", source: "guess" },
    "InvalidExceptionNotifyUrl.Unsafe": { status: 400, message: "Specified ExceptionNotifyUrl is not safe.", source: "guess" },
    "InvalidParameter": { status: 400, message: "Specified parameter is not valid.", source: "guess" },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof CATALOGUE;

export const ERROR_CATALOGUE: Readonly<Record<ErrorCode, CatalogueEntry>> = CATALOGUE;

export function isCatalogued(code: string): code is ErrorCode {
    return Object.prototype.hasOwnProperty.call(CATALOGUE, code);
}

/**
 * An error answer the service gives. `message` defaults to the catalogue's; callers override it
 * only to name a parameter (never with a parameter's value, which may be a secret).
 */
export class ApiError extends Error {
    override readonly name = "ApiError";
    constructor(
        readonly code: string,
        readonly status: number,
        message: string,
    ) {
        super(message);
    }
}

export function apiError(code: ErrorCode, message?: string): ApiError {
    const entry = CATALOGUE[code];
    return new ApiError(code, entry.status, message ?? entry.message);
}

/** The answer to a call over quota under `--throttle-code` (`429`: HTTP 429 with code `Throttling`). */
export function throttleError(throttleCode: SemanticsProfile["throttleCode"]): ApiError {
    if (throttleCode === "429") return new ApiError("Throttling", 429, CATALOGUE.Throttling.message);
    return apiError(throttleCode);
}

/** `InvalidParameter` naming the parameter (not its value). */
export function invalidParameter(name: string): ApiError {
    return apiError("InvalidParameter", `Specified parameter ${name} is not valid.`);
}

/** The troubleshooting link the real gateway puts in `Recommend`. */
export function recommendUrl(code: string, requestId: string): string {
    return `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=live&requestId=${requestId}`;
}

/** The JSON error body, exactly the service's field set. */
export function errorBody(error: ApiError, requestId: string): Record<string, string> {
    return {
        RequestId: requestId,
        HostId: HOST_ID,
        Code: error.code,
        Message: error.message,
        Recommend: recommendUrl(error.code, requestId),
    };
}
