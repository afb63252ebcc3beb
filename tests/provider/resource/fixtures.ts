/** Shared test doubles for the resource tests: a sinon-stubbed API and real LiveApiErrors. */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as sinon from "sinon";
import { toLiveApiError } from "../../../provider/api/errors";
import type { Action, LiveRecordNotifyApi, RecordNotifyConfig } from "../../../provider/client/types";

export type StubbedApi = LiveRecordNotifyApi & {
    add: sinon.SinonStub;
    update: sinon.SinonStub;
    describe: sinon.SinonStub;
    delete: sinon.SinonStub;
};

/** Every call succeeds with a request id unless a test says otherwise; Describe must be scripted. */
export function stubApi(): StubbedApi {
    return {
        add: sinon.stub().resolves({ requestId: "R-ADD" }),
        update: sinon.stub().resolves({ requestId: "R-UPDATE" }),
        describe: sinon.stub().rejects(new Error("describe not scripted")),
        delete: sinon.stub().resolves({ requestId: "R-DELETE" }),
    };
}

export function described(config: RecordNotifyConfig): { requestId: string; config: RecordNotifyConfig } {
    return { requestId: "R-DESCRIBE", config };
}

/** Errors as openapi-core throws them, converted the way the client converts them. */
export const apiErrors = {
    alreadyExists: (action: Action = "AddLiveRecordNotifyConfig") =>
        toLiveApiError(
            { name: "ClientError", code: "ConfigAlreadyExists", statusCode: 400, data: { RequestId: "R1", Message: "Config has already exist." } },
            action,
        ),
    notFound: (action: Action) =>
        toLiveApiError(
            { name: "ClientError", code: "InvalidConfig.NotFound", statusCode: 404, data: { RequestId: "R2", Message: "Config does not exist." } },
            action,
        ),
    reset: (action: Action) => toLiveApiError({ code: "ECONNRESET", message: "socket hang up" }, action),
    forbidden: (action: Action) =>
        toLiveApiError(
            { name: "ClientError", code: "Forbidden", statusCode: 400, data: { RequestId: "R3", Message: "Ram Permission is forbidden." } },
            action,
        ),
};

/** A serialized-provider stand-in, as the host puts it in every property bag. */
export const PROVIDER_TEXT = "exports.handler = __f0; /* serialized provider */";

export const KEY = "Abcdefghij0123456789";

/** The repository root: the nearest folder up whose package.json names this package (tests run from dist/ or .build/). */
export function repoRoot(): string {
    for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
        const manifest = path.join(dir, "package.json");
        if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "pulumi-alicloud-live") return dir;
    }
    throw new Error(`no pulumi-alicloud-live package.json above ${__dirname}`);
}
