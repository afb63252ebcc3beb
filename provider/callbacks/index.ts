/**
 * Callback receivers: verify and parse what Live sends to `notifyUrl` and `onDemandUrl`. Nothing here
 * imports Pulumi, so a receiver can `require("pulumi-alicloud-live/callbacks")` alone.
 */
export { callbackSignature, verifyCallbackSignature, DEFAULT_MAX_AGE_SECONDS, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signature";
export type { CallbackHeaders, RefusalReason, VerifyOptions, VerifyResult } from "./signature";
export {
    parseFileGeneratedCallback,
    parseOnDemandRequest,
    parseRecordingCallback,
    parseRecordStatusCallback,
    CODECS,
    RECORD_EVENTS,
} from "./payloads";
export type { Codec, FileGeneratedCallback, OnDemandRequest, Parsed, RecordEvent, RecordingCallback, RecordStatusCallback } from "./payloads";
export { onDemandAnswer, OnDemandAnswerError, INTERVAL_KEYS, MAX_INTERVAL_SECONDS, MIN_INTERVAL_SECONDS, RECORD_FORMATS } from "./on-demand-answer";
export type { IntervalKey, OnDemandAnswer, OnDemandAnswerInput, RecordFormat } from "./on-demand-answer";
export { createCallbackHandler, MAX_CALLBACK_BODY_BYTES } from "./handler";
export type { CallbackHandlerOptions, CallbackRequestHandler, KeySource, RefusalBody } from "./handler";
