/**
 * Strategy `core-default`, loaded by the provider host: the real resource logic over the plain
 * openapi-core client with the core's own retry settings. Those retry nothing in practice (see
 * research/alicloud-live-api.md §2.5), so every throttle fails its operation.
 */
import { createProvider } from "../../provider/dynamic/provider";
import { plainClient } from "./plain-client";

export const provider = createProvider({ apiFor: plainClient });
