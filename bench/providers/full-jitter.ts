/**
 * Strategy `full-jitter`, loaded by the provider host: the real resource logic over the plain
 * client retried with full-jitter exponential backoff (base 1 s, cap 20 s, 5-minute deadline) and
 * no rate limiter.
 */
import { createProvider } from "../../provider/dynamic/provider";
import { ScheduledRetryApi } from "../baselines/scheduled-retry-api";
import { fullJitterSchedule } from "../baselines/schedules";
import { plainClient } from "./plain-client";

export const provider = createProvider({ apiFor: (settings) => new ScheduledRetryApi(plainClient(settings), fullJitterSchedule()) });
