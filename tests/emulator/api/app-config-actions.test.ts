import { strict as assert } from "node:assert";
import { DEMO_ACCOUNT, EmulatorAdmin, type EmulatorOptions } from "../../../emulator";
import { coreCall, outcomeOf, type CoreResult } from "../support/core-client";
import { emulatorFixture } from "../support/fixtures";

const DOMAIN = "live.example.com";
const OSS = { OssEndpoint: "oss-cn-shanghai.aliyuncs.com", OssBucket: "recordings" };
type Query = Record<string, string | number | boolean | undefined | unknown[]>;

const bodyOf = (r: CoreResult): Record<string, unknown> => {
    assert.ok(r.ok, `expected success, got ${outcomeOf(r)}`);
    return r.body;
};

describe("emulator/api app-record and app-snapshot actions (over HTTP, through the official core)", () => {
    const start = emulatorFixture();
    let call: (action: string, query: Query) => Promise<CoreResult>;
    let admin: EmulatorAdmin;

    async function emulator(options: EmulatorOptions = {}): Promise<void> {
        const emu = await start(options);
        admin = new EmulatorAdmin(emu.url);
        call = (action, query) => coreCall(emu.endpoint, DEMO_ACCOUNT, action, query as Record<string, string | boolean | undefined>);
    }

    describe("LiveAppRecordConfig", () => {
        beforeEach(() => emulator());
        const format = (f: Record<string, unknown>) => f;

        it("Add takes the formats as lists of objects; Describe lists it with OnDemond and the lists' wrappers", async () => {
            const added = await call("AddLiveAppRecordConfig", {
                DomainName: DOMAIN,
                AppName: "live",
                ...OSS,
                RecordFormat: [
                    format({
                        Format: "m3u8",
                        OssObjectPrefix: "r/{StartTime}{EndTime}",
                        SliceOssObjectPrefix: "s/{UnixTimestamp}{Sequence}",
                        SliceDuration: 10,
                    }),
                ],
                TranscodeTemplates: ["lld"],
                OnDemand: 1,
                DelayTime: 120,
            });
            assert.equal(outcomeOf(added), "OK");
            const body = bodyOf(await call("DescribeLiveRecordConfig", { DomainName: DOMAIN, AppName: "live" }));
            const [entry] = (body.LiveAppRecordList as { LiveAppRecord: Record<string, unknown>[] }).LiveAppRecord;
            assert.equal(entry.OnDemond, 1, "the answer spells it OnDemond");
            assert.equal(entry.OnDemand, undefined);
            assert.deepEqual(entry.RecordFormatList, {
                RecordFormat: [
                    {
                        Format: "m3u8",
                        OssObjectPrefix: "r/{StartTime}{EndTime}",
                        SliceOssObjectPrefix: "s/{UnixTimestamp}{Sequence}",
                        SliceDuration: 10,
                    },
                ],
            });
            assert.deepEqual(entry.TranscodeTemplates, { Templates: ["lld"] });
            assert.deepEqual([body.TotalNum, body.TotalPage, body.PageNum, body.PageSize], [1, 1, 1, 10]);
        });

        it("Update has no OssBucket and no prefixes: a stored format keeps its prefixes, the bucket stays", async () => {
            await call("AddLiveAppRecordConfig", {
                DomainName: DOMAIN,
                AppName: "live",
                ...OSS,
                RecordFormat: [{ Format: "flv", OssObjectPrefix: "r/{StartTime}{EndTime}" }],
            });
            const updated = await call("UpdateLiveAppRecordConfig", {
                DomainName: DOMAIN,
                AppName: "live",
                OssEndpoint: OSS.OssEndpoint,
                OssBucket: "another",
                RecordFormat: [{ Format: "flv", OssObjectPrefix: "ignored/{StartTime}{EndTime}", CycleDuration: 600 }],
            });
            assert.equal(outcomeOf(updated), "OK");
            const [stored] = await admin.configsOf("LiveAppRecordConfig");
            assert.equal(stored.ossBucket, OSS.OssBucket);
            assert.deepEqual(stored.recordFormats, [{ Format: "flv", OssObjectPrefix: "r/{StartTime}{EndTime}", CycleDuration: 600 }]);
        });

        it("the identity is domain, app and stream: an app-level and a stream-level configuration coexist; Add on one that exists is refused", async () => {
            const add = (stream?: string) =>
                call("AddLiveAppRecordConfig", {
                    DomainName: DOMAIN,
                    AppName: "live",
                    StreamName: stream,
                    ...OSS,
                    RecordFormat: [{ Format: "flv" }],
                });
            assert.equal(outcomeOf(await add()), "OK");
            assert.equal(outcomeOf(await add("s1")), "OK");
            assert.equal(outcomeOf(await add("s1")), "ConfigAlreadyExists");
            const all = bodyOf(await call("DescribeLiveRecordConfig", { DomainName: DOMAIN, AppName: "live" }));
            assert.equal(all.TotalNum, 2);
            const one = bodyOf(await call("DescribeLiveRecordConfig", { DomainName: DOMAIN, AppName: "live", StreamName: "s1" }));
            assert.equal(one.TotalNum, 1);
            assert.equal(outcomeOf(await call("DeleteLiveAppRecordConfig", { DomainName: DOMAIN, AppName: "live", StreamName: "s1" })), "OK");
            assert.deepEqual(
                (await admin.configsOf("LiveAppRecordConfig")).map((c) => c.id),
                [`${DOMAIN}/live`],
            );
        });

        it("pages: PageSize 5-30 (default 10), TotalPage, and the order", async () => {
            for (let i = 0; i < 12; i++) {
                await call("AddLiveAppRecordConfig", {
                    DomainName: DOMAIN,
                    AppName: "live",
                    StreamName: `s${i}`,
                    ...OSS,
                    RecordFormat: [{ Format: "flv" }],
                });
            }
            const second = bodyOf(await call("DescribeLiveRecordConfig", { DomainName: DOMAIN, PageNum: 2, PageSize: 5 }));
            const streams = (second.LiveAppRecordList as { LiveAppRecord: { StreamName: string }[] }).LiveAppRecord.map((e) => e.StreamName);
            assert.deepEqual(streams, ["s5", "s6", "s7", "s8", "s9"]);
            assert.deepEqual([second.TotalNum, second.TotalPage], [12, 3]);
            assert.equal(outcomeOf(await call("DescribeLiveRecordConfig", { DomainName: DOMAIN, PageSize: 31 })), "InvalidParameter");
        });

        it("refuses what the API refuses", async () => {
            const cases: ReadonlyArray<readonly [Query, string]> = [
                [{ DomainName: DOMAIN, ...OSS, RecordFormat: [{ Format: "flv" }] }, "MissingAppName"],
                [{ DomainName: DOMAIN, AppName: "live", OssBucket: "b", RecordFormat: [{ Format: "flv" }] }, "MissingOssEndpoint"],
                [{ DomainName: DOMAIN, AppName: "live", OssEndpoint: "e.example.com", RecordFormat: [{ Format: "flv" }] }, "MissingOssBucket"],
                [{ DomainName: DOMAIN, AppName: "live", ...OSS }, "MissingRecordFormat"],
                [{ DomainName: DOMAIN, AppName: "live", ...OSS, RecordFormat: [{ Format: "avi" }] }, "InvalidParameter"],
                [{ DomainName: DOMAIN, AppName: "live", ...OSS, RecordFormat: [{ Format: "flv" }], OnDemand: 3 }, "InvalidParameter"],
                [{ DomainName: DOMAIN, AppName: "live", ...OSS, RecordFormat: [{ Format: "flv" }], DelayTime: 5 }, "InvalidParameter"],
                [{ DomainName: DOMAIN, AppName: "li ve", ...OSS, RecordFormat: [{ Format: "flv" }] }, "InvalidParameter"],
            ];
            for (const [query, code] of cases) assert.equal(outcomeOf(await call("AddLiveAppRecordConfig", query)), code, JSON.stringify(query));
            assert.equal(
                outcomeOf(
                    await call("UpdateLiveAppRecordConfig", {
                        DomainName: DOMAIN,
                        AppName: "none",
                        OssEndpoint: "e.example.com",
                        RecordFormat: [{ Format: "flv" }],
                    }),
                ),
                "InvalidConfig.NotFound",
            );
            assert.equal(outcomeOf(await call("DeleteLiveAppRecordConfig", { DomainName: DOMAIN, AppName: "none" })), "InvalidConfig.NotFound");
        });
    });

    describe("LiveAppSnapshotConfig", () => {
        beforeEach(() => emulator());
        const add = (extra: Query = {}) =>
            call("AddLiveAppSnapshotConfig", {
                DomainName: DOMAIN,
                AppName: "live",
                TimeInterval: 10,
                ...OSS,
                OverwriteOssObject: "{AppName}.jpg",
                ...extra,
            });

        it("Add, Describe (paged list), Update clearing an object name with -, Delete", async () => {
            assert.equal(
                outcomeOf(await add({ SequenceOssObject: "{AppName}/{UnixTimestamp}.jpg", Callback: "https://hooks.example.com/snap" })),
                "OK",
            );
            const [entry] = (
                bodyOf(await call("DescribeLiveSnapshotConfig", { DomainName: DOMAIN, AppName: "live" })).LiveStreamSnapshotConfigList as {
                    LiveStreamSnapshotConfig: Record<string, unknown>[];
                }
            ).LiveStreamSnapshotConfig;
            assert.deepEqual([entry.TimeInterval, entry.OverwriteOssObject, entry.Callback], [10, "{AppName}.jpg", "https://hooks.example.com/snap"]);
            assert.equal(
                outcomeOf(
                    await call("UpdateLiveAppSnapshotConfig", { DomainName: DOMAIN, AppName: "live", OverwriteOssObject: "-", OssBucket: "moved" }),
                ),
                "OK",
            );
            const [stored] = await admin.configsOf("LiveAppSnapshotConfig");
            assert.deepEqual([stored.overwriteOssObject, stored.ossBucket, stored.timeInterval], [undefined, "moved", 10]);
            assert.equal(outcomeOf(await call("DeleteLiveAppSnapshotConfig", { DomainName: DOMAIN, AppName: "live" })), "OK");
        });

        it("refuses what the API refuses; Add on a configured app as the profile says", async () => {
            assert.equal(outcomeOf(await add({ TimeInterval: 4 })), "InvalidParameter");
            assert.equal(outcomeOf(await add({ TimeInterval: undefined })), "MissingTimeInterval");
            assert.equal(outcomeOf(await add({ SequenceOssObject: "{AppName}.jpg" })), "InvalidParameter");
            assert.equal(outcomeOf(await add({ Callback: "http://10.0.0.1/x" })), "InvalidNotifyUrl.Unsafe");
            assert.equal(outcomeOf(await add()), "OK");
            assert.equal(outcomeOf(await add()), "ConfigAlreadyExists");
        });
    });

    describe("the * app (starApp)", () => {
        const addBoth = async () => {
            for (const app of ["*", "live"]) {
                await call("AddLiveAppRecordConfig", { DomainName: DOMAIN, AppName: app, ...OSS, RecordFormat: [{ Format: "flv" }] });
                await call("AddLiveAppSnapshotConfig", { DomainName: DOMAIN, AppName: app, TimeInterval: 10, ...OSS });
            }
        };
        const apps = (body: Record<string, unknown>, path: [string, string]) =>
            ((body[path[0]] as Record<string, { AppName: string }[]>)[path[1]] ?? []).map((e) => e.AppName);

        it("separate (default): a Describe for one app lists that app's configurations only", async () => {
            await emulator();
            await addBoth();
            assert.deepEqual(
                apps(bodyOf(await call("DescribeLiveRecordConfig", { DomainName: DOMAIN, AppName: "live" })), ["LiveAppRecordList", "LiveAppRecord"]),
                ["live"],
            );
        });

        it("listed: the * configuration is listed first for any app", async () => {
            await emulator({ starApp: "listed" });
            await addBoth();
            assert.deepEqual(
                apps(bodyOf(await call("DescribeLiveRecordConfig", { DomainName: DOMAIN, AppName: "live" })), ["LiveAppRecordList", "LiveAppRecord"]),
                ["*", "live"],
            );
            assert.deepEqual(
                apps(bodyOf(await call("DescribeLiveSnapshotConfig", { DomainName: DOMAIN, AppName: "other" })), [
                    "LiveStreamSnapshotConfigList",
                    "LiveStreamSnapshotConfig",
                ]),
                ["*"],
            );
        });
    });

    it("the documented quotas: DescribeLiveRecordConfig 100/s, DeleteLiveAppRecordConfig 50/s", async () => {
        await emulator({ now: () => 0, maxClockSkewSeconds: 0, missingConfig: "empty" });
        const burst = (action: string, n: number, query: Query) => Promise.all(Array.from({ length: n }, () => call(action, query).then(outcomeOf)));
        const describes = await burst("DescribeLiveRecordConfig", 110, { DomainName: DOMAIN });
        assert.equal(describes.filter((o) => o === "OK").length, 100);
        const deletes = await burst("DeleteLiveAppRecordConfig", 55, { DomainName: DOMAIN, AppName: "live" });
        assert.equal(deletes.filter((o) => o === "Throttling.User").length, 5);
    });
});
