/** `LiveAppRecordConfig`'s serialized dynamic provider (see resource/dynamic-handle.ts). */
import { dynamicHandle } from "../../resource/dynamic-handle";

export = dynamicHandle("LiveAppRecordConfig");
