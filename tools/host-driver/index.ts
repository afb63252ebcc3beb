/**
 * The engine stand-in: drives Pulumi's real dynamic-provider host without the Pulumi CLI.
 * See "The engine stand-in" in docs/development.md for what it imitates and what it does not.
 */
export { startProviderHost, type ProviderHost, type HostOptions } from "./host";
export { HostRpcError, type InitFailure } from "./rpc-error";
export { Engine, DEFAULT_PARALLEL, type Program, type Registration, type OperationResult } from "./engine";
export { mockedProgram } from "./program";
export { runOperationInChild, configEnv, type ChildOperationOptions, type ChildOperationResult } from "./run-in-child";
export { runProgram, type RunProgramResult } from "./run-program";
export { loadState, saveState, createCheckpointer, serializeState, parseState, emptyState, type StackState, type ResourceState } from "./state";
export { formatEvent, formatSummary, type EngineEvent } from "./format";
export { linkedProjectDir, installedCopyProjectDir, projectDirFor, type ProjectDir } from "./project-dir";
export { findRepoRoot } from "../repo-root";
export { loadSdk } from "./sdk";
