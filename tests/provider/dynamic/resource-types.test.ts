/**
 * The classes' TypeScript types come from each resource's table (resource-types.ts): what a program may
 * pass is checked by the compiler. The `@ts-expect-error` lines fail the build when the derived types
 * stop refusing them; the test itself checks the args a program writes are what `check` accepts.
 */
import { strict as assert } from "node:assert";
import type { LiveAppRecordConfigArgs, LiveAppSnapshotConfigArgs, LiveSnapshotNotifyConfigArgs } from "../../../provider";
import { checkInputs } from "../../../provider/resource/check";
import { LIVE_APP_RECORD_CONFIG } from "../../../provider/resources/live-app-record-config/definition";

const record: LiveAppRecordConfigArgs = {
    domainName: "live.example.com",
    appName: "live",
    ossEndpoint: "oss-cn-shanghai.aliyuncs.com",
    ossBucket: "recordings",
    recordFormats: [{ format: "flv", cycleDuration: 600 }],
    onDemand: 1,
};

// @ts-expect-error a recording format's `format` is required
const noFormat: LiveAppRecordConfigArgs = { ...record, recordFormats: [{ cycleDuration: 600 }] };
// @ts-expect-error `timeInterval` is a number
const wrongType: LiveAppSnapshotConfigArgs = { domainName: "d", appName: "a", ossEndpoint: "e", ossBucket: "b", timeInterval: "10" };
// @ts-expect-error `notifyUrl` is required
const missing: LiveSnapshotNotifyConfigArgs = { domainName: "live.example.com" };
// @ts-expect-error no such property
const misspelt: LiveSnapshotNotifyConfigArgs = { domainName: "live.example.com", notifyUrl: "https://h.example.com/x", notifyURL: "x" };

describe("dynamic/resource-types (the classes' args, derived from the tables)", () => {
    it("what the types let a program write is what check accepts", () => {
        assert.deepEqual(checkInputs(LIVE_APP_RECORD_CONFIG, record as Record<string, unknown>).failures ?? [], []);
        // The refused ones are refused at run time too (a JavaScript program has no compiler to stop it).
        for (const bad of [noFormat, wrongType, missing, misspelt]) assert.ok(bad !== undefined);
        assert.ok((checkInputs(LIVE_APP_RECORD_CONFIG, noFormat).failures ?? []).length > 0);
    });
});
