/**
 * A local, faithful HTTP emulator of the ApsaraVideo Live recording-callback API (2016-11-01).
 * Shares no code with the provider: its truth comes from the API documents and Alibaba's published
 * signature examples, so a bug on one side cannot hide on the other.
 *
 * The folders, inner to outer; a folder imports only from the folders before it (tests/emulator/layout.test.ts checks):
 *   api/        the Live API itself: the four actions, their rules and semantics profiles, the error catalogue,
 *               accounts, the config store, quota and fault rules. Pure, no HTTP.
 *   wire/       requests on the wire: parsing, signatures v2 and v3, authentication, nonces, STS, the request log.
 *   callbacks/  callbacks to the customer: delivery and its signature, delivery routes, simulated recordings.
 *               (wire/ and callbacks/ are siblings: neither imports the other.)
 *   instance/   one running emulator: its validated options and the state its layers share.
 *   admin/      the admin API under /_emulator/: its routes, and the client for it.
 *   server/     the HTTP servers: route table, API request pipeline, STS endpoint, listener lifecycle.
 *   cli/        the `alicloud-live-emulator` command line (bin.js launches cli/main).
 * This file, the package's `./emulator` entry point, re-exports the public names from any of them.
 */
export { startEmulator, type RunningEmulator } from "./server/start-emulator";
export { MAX_BODY_BYTES } from "./server/http-json";
export { type EmulatorOptions, DEFAULT_MAX_CLOCK_SKEW_SECONDS } from "./instance/options";
export { DEMO_ACCOUNT, deriveAccountId, type EmulatorAccount } from "./api/accounts";
export { EmulatorAdmin, EmulatorAdminError, type RecordingRequest } from "./admin/client";
export { ACTIONS, API_VERSION, WRITE_ACTIONS, type ActionName } from "./api/actions";
export { ERROR_CATALOGUE, HOST_ID, type ErrorCode, type CatalogueEntry, type ErrorSource } from "./api/errors";
export { DEFAULT_READ_QPS, DEFAULT_WRITE_QPS, type QuotaRates } from "./api/quota";
export { MAX_LATENCY_MS, type FaultSpec, type FaultRule, type FaultErrorSpec } from "./api/faults";
export { REQUEST_LOG_CAPACITY, type RequestLogEntry, type RequestStats } from "./wire/request-log";
export type { KindConfig, StoredConfig } from "./api/store";
export { callerIdentity, GET_CALLER_IDENTITY, STS_API_VERSION, type CallerIdentity, type IdentityType } from "./wire/sts";
export { CALLBACK_RETRIES, CALLBACK_RETRY_INTERVAL_MS, CALLBACK_TIMEOUT_MS, type CallbackDeliveryOptions } from "./callbacks/callback-options";
export type { CallbackKind, DeliveryAttempt, DeliveryOutcome, DeliveryRecord } from "./callbacks/callback-delivery";
export type { RecordingRun } from "./callbacks/recording";
export { RECORDINGS_CAPACITY } from "./callbacks/recordings";
export { RECORDING_FORMATS, type RecordingFormat, type RecordingSpec } from "./callbacks/recording-spec";
