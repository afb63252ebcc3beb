/**
 * What the app-level configurations need of the machinery beyond the callback configurations: lists of
 * objects (checked item by item, flattened on the wire, read back from Describe's wrappers), fields Update
 * cannot take (left out of Update, replacing when they change), `-` clearing, an optional identity part,
 * and a paged Describe whose every page is paced.
 */
import { strict as assert } from "node:assert";
import type { QueryParams, ResponseBody } from "../../../provider/api/rpc";
import type { Bag } from "../../../provider/api/types";
import { checkInputs } from "../../../provider/resource/check";
import { ConfigClient } from "../../../provider/resource/config-client";
import { diffConfig } from "../../../provider/resource/diff";
import { idOf, identityFromId } from "../../../provider/resource/identity";
import { retryTarget } from "../../../provider/resource/retry-target";
import { clearingRequest, fieldsToClear } from "../../../provider/resource/write";
import { describedConfig, writeParams } from "../../../provider/resource/wire";
import { LIVE_APP_RECORD_CONFIG as RECORD } from "../../../provider/resources/live-app-record-config/definition";
import { LIVE_APP_SNAPSHOT_CONFIG as SNAPSHOT } from "../../../provider/resources/live-app-snapshot-config/definition";
import { AdaptiveRateLimiter, type RateLimiter } from "../../../provider/retry/rate-limiter";
import { RetryingConfigApi } from "../../../provider/retry/retrying-api";
import { APP_RECORD_CASE } from "../../support/resource-cases";

const ARGS = APP_RECORD_CASE.args(1);
const checked = (news: Bag): Bag => {
    const result = checkInputs(RECORD, news);
    assert.deepEqual(result.failures ?? [], []);
    return result.inputs as Bag;
};
const failures = (news: Bag) => (checkInputs(RECORD, news).failures ?? []).map((f) => `${f.property}: ${f.reason}`);

describe("resources: the app-level configurations", () => {
    describe("check", () => {
        it("checks each item of a list, naming its place and the rule, all at once", () => {
            const formats = [{ format: "avi" }, { format: "m3u8", sliceDuration: 60 }];
            assert.deepEqual(failures({ ...ARGS, recordFormats: formats, delayTime: 5 }), [
                "recordFormats.0.format: recordFormats[0].format must be one of m3u8, flv, mp4, cmaf",
                "recordFormats.1.sliceDuration: recordFormats[1].sliceDuration must be at most 30",
                "recordFormats.1.sliceOssObjectPrefix: recordFormats[1].sliceOssObjectPrefix is required when format is m3u8 or cmaf",
                "delayTime: delayTime must be at least 15",
            ]);
        });

        it("at least one list of formats; the recording window only for a stream; a misspelt field", () => {
            const { recordFormats: _formats, ...none } = ARGS;
            assert.deepEqual(failures(none), ["recordFormats: at least one of recordFormats and transcodeRecordFormats must be given"]);
            assert.deepEqual(failures({ ...ARGS, startTime: "2026-12-01T08:00:00Z" }), ["startTime: startTime is taken only with streamName"]);
            assert.deepEqual(failures({ ...ARGS, streamName: "s1", startTime: "2026-12-01T08:00:00Z" }), []);
            assert.match(failures({ ...ARGS, recordFormats: [{ format: "flv", prefix: "x" }] }).join("\n"), /prefix/);
        });

        it("fills the documented defaults of each item", () => {
            const flv = (checked(ARGS).recordFormats as Bag[])[1];
            assert.deepEqual([flv.cycleDuration, flv.sliceDuration], [21600, 30]);
            assert.equal(checked(ARGS).onDemand, 1);
        });
    });

    describe("wire", () => {
        it("Add sends every field, lists as the SDK sends them; Update leaves out the bucket and the prefixes", () => {
            const config = checked(ARGS);
            const add = writeParams(RECORD, config, "create");
            assert.equal(add.OssBucket, "recordings-bucket");
            assert.deepEqual((add.RecordFormat as Bag[])[0].OssObjectPrefix, (config.recordFormats as Bag[])[0].ossObjectPrefix);
            const update = writeParams(RECORD, config, "update");
            assert.equal(update.OssBucket, undefined);
            assert.deepEqual(update.RecordFormat, [
                { Format: "m3u8", CycleDuration: 3600, SliceDuration: 10 },
                { Format: "flv", CycleDuration: 21600, SliceDuration: 30 },
            ]);
        });

        it("reads Describe's entry back: OnDemond, the lists' wrappers, the templates", () => {
            const entry = {
                DomainName: "app-record-1.example.com",
                AppName: "live",
                StreamName: "",
                OssEndpoint: "oss-cn-shanghai.aliyuncs.com",
                OssBucket: "recordings-bucket",
                OnDemond: 2,
                RecordFormatList: { RecordFormat: [{ Format: "flv", CycleDuration: 600 }] },
                TranscodeRecordFormatList: { RecordFormat: [] },
                TranscodeTemplates: { Templates: ["lld"] },
            };
            const { config } = describedConfig(RECORD, entry, {});
            assert.deepEqual(
                [config.onDemand, config.recordFormats, config.transcodeRecordFormats, config.transcodeTemplates, config.streamName],
                [2, [{ format: "flv", cycleDuration: 600 }], undefined, ["lld"], undefined],
            );
        });
    });

    describe("diff", () => {
        const olds = checked(ARGS);
        const diff = (overrides: Bag) => diffConfig(RECORD, olds, checked({ ...ARGS, ...overrides }));

        it("a duration changes in place; an object name, a format added or the bucket replaces the app's configuration, deleting first", () => {
            const formats = ARGS.recordFormats as Bag[];
            assert.deepEqual(diff({ recordFormats: [formats[0], { ...formats[1], cycleDuration: 600 }] }), {
                changes: true,
                replaces: [],
                deleteBeforeReplace: false,
            });
            assert.deepEqual(diff({ recordFormats: [formats[0], { ...formats[1], ossObjectPrefix: "other/{StartTime}{EndTime}" }] }), {
                changes: true,
                replaces: ["recordFormats"],
                deleteBeforeReplace: true,
            });
            assert.deepEqual(diff({ recordFormats: [...formats, { format: "mp4" }] }).replaces, ["recordFormats"]);
            assert.deepEqual(diff({ ossBucket: "other-bucket" }), { changes: true, replaces: ["ossBucket"], deleteBeforeReplace: true });
        });

        it("a new app or stream replaces with create-before-delete (another identity)", () => {
            assert.deepEqual(diff({ streamName: "s1" }), { changes: true, replaces: ["streamName"], deleteBeforeReplace: false });
        });
    });

    describe("ids", () => {
        it("domain/app, with an optional stream", () => {
            assert.equal(idOf(RECORD, { domainName: "d.example.com", appName: "live" }), "d.example.com/live");
            assert.equal(idOf(RECORD, { domainName: "d.example.com", appName: "live", streamName: "s" }), "d.example.com/live/s");
            assert.deepEqual(identityFromId(RECORD, "d.example.com/live/s"), { domainName: "d.example.com", appName: "live", streamName: "s" });
            assert.throws(
                () => identityFromId(RECORD, "d.example.com"),
                /LiveAppRecordConfig ids have the form domainName\/appName\[\/streamName\], not "d.example.com"/,
            );
            assert.throws(() => identityFromId(SNAPSHOT, "d.example.com/live/s"), /domainName\/appName, not/);
        });
    });

    describe("writing", () => {
        it("an object name the program drops is sent as -, as UpdateLiveAppSnapshotConfig clears one", () => {
            const before = {
                timeInterval: 10,
                ossEndpoint: "e.example.com",
                ossBucket: "b",
                overwriteOssObject: "{AppName}.jpg",
                callback: "https://h.example.com/x",
            };
            const desired = { domainName: "d.example.com", appName: "live", timeInterval: 10, ossEndpoint: "e.example.com", ossBucket: "b" };
            const fields = fieldsToClear(SNAPSHOT, desired, { config: before });
            assert.deepEqual(fields, ["overwriteOssObject", "callback"]);
            assert.deepEqual(clearingRequest(SNAPSHOT, desired, fields), { ...desired, overwriteOssObject: "-", callback: "" });
        });
    });

    describe("a paged Describe", () => {
        /** Pages of one app's configurations, the app-level one on `foundOn`. */
        function pagedRpc(foundOn: number, pages: number) {
            const calls: number[] = [];
            return {
                calls,
                rpc: {
                    call: (_action: string, params: QueryParams): Promise<ResponseBody> => {
                        const num = params.PageNum as number;
                        calls.push(num);
                        const entries = Array.from({ length: 30 }, (_, i) => ({
                            DomainName: "d.example.com",
                            AppName: "live",
                            StreamName: `s${num}-${i}`,
                            OssEndpoint: "e.example.com",
                            OssBucket: "b",
                            RecordFormatList: { RecordFormat: [{ Format: "flv" }] },
                        }));
                        if (num === foundOn) entries[7] = { ...entries[7], StreamName: "" };
                        return Promise.resolve({ RequestId: `R${num}`, TotalPage: pages, LiveAppRecordList: { LiveAppRecord: entries } });
                    },
                },
            };
        }

        it("pages to the entry of exactly this identity, each page after the first taking its own limiter slot", async () => {
            const { rpc, calls } = pagedRpc(3, 4);
            let reservations = 0;
            const limiter = new AdaptiveRateLimiter({ ceiling: 1_000 });
            const counted: RateLimiter = {
                get rate() {
                    return limiter.rate;
                },
                get epoch() {
                    return limiter.epoch;
                },
                reserve: (max?: number) => {
                    reservations += 1;
                    return limiter.reserve(max);
                },
                onThrottle: (epoch?: number) => limiter.onThrottle(epoch),
                onSuccess: () => limiter.onSuccess(),
                restrict: (ceiling: number) => limiter.restrict(ceiling),
            };
            const api = new RetryingConfigApi(new ConfigClient(RECORD, rpc), retryTarget(RECORD), { limiters: () => counted });
            const found = await api.describe({ domainName: "d.example.com", appName: "live" });
            assert.deepEqual(calls, [1, 2, 3]);
            assert.equal(reservations, 3, "one slot per page");
            assert.deepEqual([found.requestId, found.config.streamName, found.config.appName], ["R3", undefined, "live"]);
        });

        it("not on any page: not found", async () => {
            const { rpc, calls } = pagedRpc(0, 2);
            await assert.rejects(new ConfigClient(RECORD, rpc).describe({ domainName: "d.example.com", appName: "live" }), { kind: "not-found" });
            assert.deepEqual(calls, [1, 2]);
        });
    });
});
