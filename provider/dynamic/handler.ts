/**
 * THE object Pulumi serializes into every resource's `__provider`: one forwarding function per method,
 * each loading the real provider by package name when called, inside the provider host.
 *
 * It must capture nothing: no config, no credentials, no absolute paths, no SDK objects. Pulumi leaves
 * `require` free in serialized code, and when this package is installed under the program's
 * node_modules the whole object serializes as a `require` of this file. So the stored text is tiny and
 * the same on every machine, refresh and destroy run the installed code, and the provider's module
 * state is shared by every resource in the host process.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";

type Provider = dynamic.ResourceProvider & Required<dynamic.ResourceProvider>;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the serialized handler must require the installed package by name at run time
const load = (): Provider => (require("pulumi-alicloud-live/dist/provider/dynamic/provider.js") as { provider: Provider }).provider;

export const configure: Required<dynamic.ResourceProvider>["configure"] = (...args) => load().configure(...args);
export const check: Required<dynamic.ResourceProvider>["check"] = (...args) => load().check(...args);
export const diff: Required<dynamic.ResourceProvider>["diff"] = (...args) => load().diff(...args);
export const create: dynamic.ResourceProvider["create"] = (...args) => load().create(...args);
export const read: Required<dynamic.ResourceProvider>["read"] = (...args) => load().read(...args);
export const update: Required<dynamic.ResourceProvider>["update"] = (...args) => load().update(...args);
// `delete` is a reserved word for a declaration, so it is exported under its name from a local.
const remove: Required<dynamic.ResourceProvider>["delete"] = (...args) => load().delete(...args);
export { remove as delete };
