/**
 * Strategy `terraform-style`, loaded by the provider host: the real resource logic over the plain
 * client retried like terraform-provider-alicloud (3 s, then 5 s, no jitter, 5-minute deadline).
 */
import { createProvider } from "../../provider/dynamic/provider";
import { ScheduledRetryApi } from "../baselines/scheduled-retry-api";
import { TERRAFORM_STYLE } from "../baselines/schedules";
import { plainClient } from "./plain-client";

export const provider = createProvider({ apiFor: (settings) => new ScheduledRetryApi(plainClient(settings), TERRAFORM_STYLE) });
