"""
The official-SDK conformance cases: Alibaba's generated Python SDKs (alibabacloud-live20161101,
alibabacloud-sts20150401), unchanged, against the emulator under one semantics profile.

Run by tests/conformance/official-sdk.test.ts, once per profile, with the venv's Python:

    python conformance.py --endpoint 127.0.0.1:PORT --sts-endpoint 127.0.0.1:PORT --profile '{...}' --accounts '{...}'

It prints one JSON object per line on stdout: first {"type": "versions", ...}, then one
{"type": "case", "group", "name", "ok", "detail"} per case, last {"type": "done", "cases": N, "codes": [every error code met as expected]}.
A case fails by an assertion or by any exception; the program itself exits 0 unless it could not
run at all. Nothing here reaches beyond the loopback endpoints it is given.
"""

import argparse
import json
import sys
import traceback
import urllib.request
from importlib.metadata import version
from unittest import mock

from alibabacloud_live20161101 import models as live_models
from alibabacloud_live20161101.client import Client as LiveClient
from alibabacloud_sts20150401.client import Client as StsClient
from alibabacloud_tea_openapi import exceptions as sdk_exceptions
from alibabacloud_tea_openapi import utils_models as openapi_models
from alibabacloud_tea_openapi.utils import Utils as OpenApiUtils
from darabonba.runtime import RuntimeOptions

SDK_PACKAGES = ["alibabacloud-live20161101", "alibabacloud-sts20150401", "alibabacloud-tea-openapi", "darabonba-core"]

# A key inside the documented 16-32 letters and digits, and one outside it (a hyphen, 11 characters).
KEY = "Conform4nceKey2026"
KEY_OUTSIDE_RULE = "short-key-1"
URL_A = "https://hooks.example.com/record"
URL_B = "https://hooks.example.com/on-demand"
URL_EXCEPTION = "https://hooks.example.com/exception"
# The stream callbacks' key: 40 letters and digits, inside their 16-64 rule (outside the other callbacks' 16-32).
STREAMS_KEY = "Conform4nceKey2026" * 2 + "St3m"
SIGNATURES = ["v3", "v2"]


class Failed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failed(message)


def equal(actual, expected, what):
    check(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")


class Cases:
    def __init__(self, args):
        self.endpoint = args.endpoint
        self.sts_endpoint = args.sts_endpoint
        self.admin = f"http://{args.endpoint}/_emulator"
        self.profile = json.loads(args.profile)
        self.accounts = json.loads(args.accounts)
        self.count = 0
        self.serial = 0
        # Every service error code a case saw answered as it expected.
        self.codes = set()

    # -- plumbing -------------------------------------------------------------------------------

    def emit(self, record):
        sys.stdout.write(json.dumps(record) + "\n")
        sys.stdout.flush()

    def case(self, group, name, run):
        self.count += 1
        try:
            run()
            self.emit({"type": "case", "group": group, "name": name, "ok": True})
        except Exception as error:  # a case fails on anything, and the next one runs
            detail = str(error) if isinstance(error, Failed) else "".join(traceback.format_exception_only(type(error), error)).strip()
            self.emit({"type": "case", "group": group, "name": name, "ok": False, "detail": detail[:2000]})

    def admin_call(self, method, route, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.admin}/{route}", data=data, method=method, headers={"content-type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read() or b"null")

    def config(self, signature, account="full", endpoint=None, **overrides):
        key = self.accounts[account]
        return openapi_models.Config(
            access_key_id=overrides.get("access_key_id", key["accessKeyId"]),
            access_key_secret=overrides.get("access_key_secret", key["accessKeySecret"]),
            security_token=overrides.get("security_token", key.get("securityToken")),
            endpoint=endpoint or self.endpoint,
            protocol="http",
            # The SDK's own option for the legacy RPC HMAC-SHA1 signature; None is ACS3-HMAC-SHA256.
            signature_algorithm="v2" if signature == "v2" else None,
            read_timeout=10000,
            connect_timeout=5000,
        )

    def live(self, signature, account="full", **overrides):
        return LiveClient(self.config(signature, account, **overrides))

    def domain(self, signature, stem):
        self.serial += 1
        return f"{stem}-{self.serial}-{signature}.example.com"

    def refused(self, call, code, status):
        """Runs `call`, which must fail with the service error `code` and HTTP `status`; returns the exception."""
        try:
            call()
        except sdk_exceptions.AlibabaCloudException as error:
            equal((error.code, error.status_code), (code, status), "the error's code and HTTP status")
            check(isinstance(error.data, dict) and error.data.get("RequestId"), "the error body carries a RequestId")
            equal(error.data.get("Code"), code, "the error body's Code")
            self.codes.add(code)
            return error
        raise Failed(f"expected {code} (HTTP {status}), but the call succeeded")

    def shown_bool(self, value):
        return ("yes" if value else "no") if self.profile["boolWire"] == "yesno" else value

    def shown_key(self, key):
        view = self.profile["describeAuthKey"]
        if view == "absent":
            return None
        if view == "masked":
            return f"{key[:2]}****{key[-2:]}" if key else ""
        return key or ""

    def describe(self, client, domain):
        response = client.describe_live_record_notify_config(live_models.DescribeLiveRecordNotifyConfigRequest(domain_name=domain))
        equal(response.status_code, 200, "Describe's HTTP status")
        check(response.body.request_id, "Describe answers a RequestId")
        return response.body.live_record_notify_config

    def expect_described(self, config, domain, notify_url, on_demand_url, need_status_notify, notify_req_auth, key):
        check(config is not None, "Describe answers a LiveRecordNotifyConfig")
        equal(config.domain_name, domain, "DomainName")
        equal(config.notify_url, notify_url, "NotifyUrl")
        equal(config.on_demand_url, on_demand_url or "", "OnDemandUrl")
        equal(config.need_status_notify, self.shown_bool(need_status_notify), "NeedStatusNotify")
        equal(config.notify_req_auth, self.shown_bool(notify_req_auth), "NotifyReqAuth")
        equal(config.notify_auth_key, self.shown_key(key), "NotifyAuthKey")

    def add(self, client, domain, **fields):
        request = live_models.AddLiveRecordNotifyConfigRequest(domain_name=domain, **fields)
        response = client.add_live_record_notify_config(request)
        equal(response.status_code, 200, "Add's HTTP status")
        check(response.body.request_id, "Add answers a RequestId")
        return response

    # -- the actions ----------------------------------------------------------------------------

    def actions(self, signature):
        group = f"actions ({signature.upper()} signature)"
        client = self.live(signature)
        domain = self.domain(signature, "life")
        keep = self.profile["updateOmitted"] == "keep"

        def add_full():
            self.add(client, domain, notify_url=URL_A, on_demand_url=URL_B, need_status_notify=True, notify_req_auth=True, notify_auth_key=KEY)

        def describe_full():
            self.expect_described(self.describe(client, domain), domain, URL_A, URL_B, True, True, KEY)

        def update_omitting():
            request = live_models.UpdateLiveRecordNotifyConfigRequest(domain_name=domain, notify_url=URL_B, need_status_notify=False)
            response = client.update_live_record_notify_config(request)
            equal(response.status_code, 200, "Update's HTTP status")
            check(response.body.request_id, "Update answers a RequestId")
            # Left out: OnDemandUrl, NotifyReqAuth, NotifyAuthKey. `reset` returns them to their defaults.
            config = self.describe(client, domain)
            self.expect_described(config, domain, URL_B, URL_B if keep else None, False, keep, KEY if keep else None)

        def update_sdk_and_page_booleans():
            # The SDK types the flags as booleans (sent "true"/"false"); the API pages write yes/no: both go.
            for need, auth in [(True, False), ("yes", "no"), ("No", "YES")]:
                request = live_models.UpdateLiveRecordNotifyConfigRequest(
                    domain_name=domain, notify_url=URL_A, need_status_notify=need, notify_req_auth=auth, notify_auth_key=KEY
                )
                equal(client.update_live_record_notify_config(request).status_code, 200, f"Update with {need!r}/{auth!r}")
                as_bool = {True: True, False: False, "yes": True, "no": False}
                expected = (as_bool[need if isinstance(need, bool) else need.lower()], as_bool[auth if isinstance(auth, bool) else auth.lower()])
                config = self.describe(client, domain)
                equal((config.need_status_notify, config.notify_req_auth), tuple(self.shown_bool(v) for v in expected), "the flags described")

        def update_key_outside_rule():
            request = live_models.UpdateLiveRecordNotifyConfigRequest(domain_name=domain, notify_url=URL_A, notify_req_auth=True, notify_auth_key=KEY_OUTSIDE_RULE)
            if self.profile["authKeyRule"] == "none":
                equal(client.update_live_record_notify_config(request).status_code, 200, "Update with a key outside 16-32 letters and digits")
                equal(self.describe(client, domain).notify_auth_key, self.shown_key(KEY_OUTSIDE_RULE), "NotifyAuthKey")
            else:
                error = self.refused(lambda: client.update_live_record_notify_config(request), "InvalidNotifyAuthKey.Malformed", 400)
                check("16 to 32 characters" in error.data.get("Message", ""), "the refusal gives the rule")
                check(KEY_OUTSIDE_RULE not in json.dumps(error.data), "the refusal never echoes the key")

        def update_empty_on_demand_url():
            request = live_models.UpdateLiveRecordNotifyConfigRequest(domain_name=domain, notify_url=URL_A, on_demand_url="")
            if self.profile["emptyUrl"] == "malformed":
                self.refused(lambda: client.update_live_record_notify_config(request), "InvalidOnDemandUrl.Malformed", 400)
            else:
                equal(client.update_live_record_notify_config(request).status_code, 200, "Update with OnDemandUrl=''")
                equal(self.describe(client, domain).on_demand_url, "", "OnDemandUrl after clearing it")

        def delete():
            response = client.delete_live_record_notify_config(live_models.DeleteLiveRecordNotifyConfigRequest(domain_name=domain))
            equal(response.status_code, 200, "Delete's HTTP status")
            check(response.body.request_id, "Delete answers a RequestId")

        def describe_missing():
            call = lambda: client.describe_live_record_notify_config(live_models.DescribeLiveRecordNotifyConfigRequest(domain_name=domain))
            if self.profile["missingConfig"] == "empty":
                response = call()
                equal(response.status_code, 200, "Describe of a deleted config")
                config = response.body.live_record_notify_config
                check(config is not None and config.notify_url is None and config.domain_name is None, "an empty LiveRecordNotifyConfig")
            else:
                self.refused(call, "InvalidConfig.NotFound", 404)

        self.case(group, "Add with every field (booleans as the SDK types them)", add_full)
        self.case(group, "Describe gives every field back, as the profile shows it", describe_full)
        self.case(group, "Update leaving optional fields out: reset or kept, as the profile says", update_omitting)
        self.case(group, "Update with true/false and yes/no booleans", update_sdk_and_page_booleans)
        self.case(group, "Update with a NotifyAuthKey outside 16-32 letters and digits", update_key_outside_rule)
        self.case(group, "Update with an explicitly empty OnDemandUrl", update_empty_on_demand_url)
        self.case(group, "Delete", delete)
        self.case(group, "Describe after Delete", describe_missing)

    # -- the snapshot-callback actions ------------------------------------------------------------

    def snapshot_callbacks(self, signature):
        """Add/Update/Describe/DeleteLiveSnapshotNotifyConfig: NotifyReqAuth as the strings yes/no, a flat Describe body."""
        group = f"snapshot callbacks ({signature.upper()} signature)"
        client = self.live(signature)
        domain = self.domain(signature, "snap")
        keep = self.profile["updateOmitted"] == "keep"
        add = live_models.AddLiveSnapshotNotifyConfigRequest
        update = live_models.UpdateLiveSnapshotNotifyConfigRequest
        describe = live_models.DescribeLiveSnapshotNotifyConfigRequest
        delete = live_models.DeleteLiveSnapshotNotifyConfigRequest

        def described():
            response = client.describe_live_snapshot_notify_config(describe(domain_name=domain))
            equal(response.status_code, 200, "Describe's HTTP status")
            check(response.body.request_id, "Describe answers a RequestId")
            return response.body

        def expect(body, notify_url, req_auth, key):
            equal(body.domain_name, domain, "DomainName")
            equal(body.notify_url, notify_url, "NotifyUrl")
            equal(body.notify_req_auth, "yes" if req_auth else "no", "NotifyReqAuth (the strings yes/no)")
            equal(body.notify_auth_key, self.shown_key(key), "NotifyAuthKey")

        def add_full():
            response = client.add_live_snapshot_notify_config(add(domain_name=domain, notify_url=URL_A, notify_req_auth="yes", notify_auth_key=KEY))
            equal(response.status_code, 200, "Add's HTTP status")
            check(response.body.request_id, "Add answers a RequestId")

        def describe_full():
            expect(described(), URL_A, True, KEY)

        def add_existing():
            call = lambda: client.add_live_snapshot_notify_config(add(domain_name=domain, notify_url=URL_B, notify_req_auth="yes", notify_auth_key=KEY))
            if self.profile["addExisting"] == "overwrite":
                equal(call().status_code, 200, "Add on a configured domain")
                equal(described().notify_url, URL_B, "NotifyUrl after the overwriting Add")
            else:
                self.refused(call, "ConfigAlreadyExists", 400)
                equal(described().notify_url, URL_A, "NotifyUrl after the refused Add")

        def update_omitting():
            # Only DomainName is required on Update: the URL left out stays; the others reset or are kept.
            equal(client.update_live_snapshot_notify_config(update(domain_name=domain)).status_code, 200, "Update with DomainName alone")
            body = described()
            check(body.notify_url in (URL_A, URL_B), f"NotifyUrl kept: {body.notify_url!r}")
            expect(body, body.notify_url, keep, KEY if keep else None)

        def update_key_outside_rule():
            request = update(domain_name=domain, notify_url=URL_A, notify_req_auth="yes", notify_auth_key=KEY_OUTSIDE_RULE)
            if self.profile["authKeyRule"] == "none":
                equal(client.update_live_snapshot_notify_config(request).status_code, 200, "Update with a key outside 16-32 letters and digits")
                equal(described().notify_auth_key, self.shown_key(KEY_OUTSIDE_RULE), "NotifyAuthKey")
            else:
                error = self.refused(lambda: client.update_live_snapshot_notify_config(request), "InvalidNotifyAuthKey.Malformed", 400)
                check(KEY_OUTSIDE_RULE not in json.dumps(error.data), "the refusal never echoes the key")

        def url_over_500():
            long_url = "https://hooks.example.com/" + "x" * (501 - len("https://hooks.example.com/"))
            self.refused(lambda: client.update_live_snapshot_notify_config(update(domain_name=domain, notify_url=long_url)), "InvalidNotifyUrl.Malformed", 400)

        def signed_without_key():
            self.refused(
                lambda: client.add_live_snapshot_notify_config(add(domain_name=self.domain(signature, "snapnokey"), notify_url=URL_A, notify_req_auth="yes")),
                "MissingNotifyAuthKey",
                400,
            )

        def delete_it():
            response = client.delete_live_snapshot_notify_config(delete(domain_name=domain))
            equal(response.status_code, 200, "Delete's HTTP status")
            check(response.body.request_id, "Delete answers a RequestId")

        def describe_missing():
            call = lambda: client.describe_live_snapshot_notify_config(describe(domain_name=domain))
            if self.profile["missingConfig"] == "empty":
                response = call()
                equal(response.status_code, 200, "Describe of a deleted config")
                check(response.body.notify_url is None and response.body.domain_name is None, f"an empty flat body: {response.body.to_map()}")
            else:
                self.refused(call, "InvalidConfig.NotFound", 404)

        def delete_missing():
            self.refused(lambda: client.delete_live_snapshot_notify_config(delete(domain_name=domain)), "InvalidConfig.NotFound", 404)

        self.case(group, "Add with every field (NotifyReqAuth as yes)", add_full)
        self.case(group, "Describe answers a flat body, as the profile shows it", describe_full)
        self.case(group, "Add on a configured domain: refused or an overwrite, as the profile says", add_existing)
        self.case(group, "Update with DomainName alone: the URL stays, the rest reset or kept", update_omitting)
        self.case(group, "Update with a NotifyAuthKey outside 16-32 letters and digits", update_key_outside_rule)
        self.case(group, "Update with a NotifyUrl over 500 characters", url_over_500)
        self.case(group, "Add signed (yes) without a key", signed_without_key)
        self.case(group, "Delete", delete_it)
        self.case(group, "Describe after Delete", describe_missing)
        self.case(group, "Delete of no config", delete_missing)

    # -- the apps' recording and snapshot configurations -------------------------------------------

    def app_configs(self, signature):
        """The apps' recording (Add/Update/DescribeLiveRecordConfig/Delete) and snapshot configurations: lists of formats, paged Describes, `*`."""
        group = f"app configurations ({signature.upper()} signature)"
        client = self.live(signature)
        domain = self.domain(signature, "apps")
        keep = self.profile["updateOmitted"] == "keep"
        oss = dict(oss_endpoint="oss-cn-shanghai.aliyuncs.com", oss_bucket="recordings")
        fmt = live_models.AddLiveAppRecordConfigRequestRecordFormat

        def records(app=None, stream=None, page_size=None):
            request = live_models.DescribeLiveRecordConfigRequest(domain_name=domain, app_name=app, stream_name=stream, page_num=1, page_size=page_size)
            response = client.describe_live_record_config(request)
            equal(response.status_code, 200, "DescribeLiveRecordConfig's HTTP status")
            return response.body

        def add_record():
            request = live_models.AddLiveAppRecordConfigRequest(
                domain_name=domain,
                app_name="live",
                record_format=[
                    fmt(format="m3u8", oss_object_prefix="r/{StartTime}{EndTime}", slice_oss_object_prefix="s/{UnixTimestamp}{Sequence}", slice_duration=10),
                    fmt(format="flv", cycle_duration=600),
                ],
                transcode_templates=["lld"],
                on_demand=1,
                delay_time=120,
                **oss,
            )
            equal(client.add_live_app_record_config(request).status_code, 200, "AddLiveAppRecordConfig's HTTP status")

        def describe_record():
            body = records(app="live")
            equal(body.total_num, 1, "TotalNum")
            entry = body.live_app_record_list.live_app_record[0]
            equal((entry.app_name, entry.oss_bucket, entry.on_demond, entry.delay_time), ("live", "recordings", 1, 120), "AppName, OssBucket, OnDemond, DelayTime")
            formats = [(f.format, f.oss_object_prefix, f.slice_duration) for f in entry.record_format_list.record_format]
            equal(formats, [("m3u8", "r/{StartTime}{EndTime}", 10), ("flv", None, None)], "RecordFormatList.RecordFormat")
            equal(entry.transcode_templates.templates, ["lld"], "TranscodeTemplates.Templates")

        def update_record():
            request = live_models.UpdateLiveAppRecordConfigRequest(
                domain_name=domain,
                app_name="live",
                oss_endpoint="oss-cn-shanghai.aliyuncs.com",
                record_format=[live_models.UpdateLiveAppRecordConfigRequestRecordFormat(format="m3u8", slice_duration=20)],
            )
            equal(client.update_live_app_record_config(request).status_code, 200, "UpdateLiveAppRecordConfig's HTTP status")
            entry = records(app="live").live_app_record_list.live_app_record[0]
            equal([(f.format, f.oss_object_prefix, f.slice_duration) for f in entry.record_format_list.record_format], [("m3u8", "r/{StartTime}{EndTime}", 20)], "the format keeps its prefix")
            equal(entry.oss_bucket, "recordings", "OssBucket (Update has none)")
            equal(entry.delay_time, 120 if keep else None, "DelayTime left out of Update: kept or reset")

        def pages():
            for i in range(7):
                request = live_models.AddLiveAppRecordConfigRequest(domain_name=domain, app_name="live", stream_name=f"s{i}", record_format=[fmt(format="flv")], **oss)
                client.add_live_app_record_config(request)
            body = records(app="live", page_size=5)
            equal((body.total_num, body.total_page, len(body.live_app_record_list.live_app_record)), (8, 2, 5), "TotalNum, TotalPage, a page of 5")

        def star_app():
            request = live_models.AddLiveAppRecordConfigRequest(domain_name=domain, app_name="*", record_format=[fmt(format="mp4")], **oss)
            equal(client.add_live_app_record_config(request).status_code, 200, "Add for the * app")
            listed = [e.app_name for e in records(app="live", stream=None, page_size=30).live_app_record_list.live_app_record]
            equal("*" in listed, self.profile["starApp"] == "listed", f"the * configuration listed for app live: {listed}")

        def delete_record():
            request = live_models.DeleteLiveAppRecordConfigRequest(domain_name=domain, app_name="live")
            equal(client.delete_live_app_record_config(request).status_code, 200, "DeleteLiveAppRecordConfig's HTTP status")
            self.refused(lambda: client.delete_live_app_record_config(request), "InvalidConfig.NotFound", 404)

        def snapshots():
            add = live_models.AddLiveAppSnapshotConfigRequest(domain_name=domain, app_name="live", time_interval=10, overwrite_oss_object="{AppName}.jpg", sequence_oss_object="{AppName}/{UnixTimestamp}.jpg", **oss)
            equal(client.add_live_app_snapshot_config(add).status_code, 200, "AddLiveAppSnapshotConfig's HTTP status")
            if self.profile["addExisting"] == "overwrite":
                equal(client.add_live_app_snapshot_config(add).status_code, 200, "Add on a configured app")
            else:
                self.refused(lambda: client.add_live_app_snapshot_config(add), "ConfigAlreadyExists", 400)
            update = live_models.UpdateLiveAppSnapshotConfigRequest(domain_name=domain, app_name="live", overwrite_oss_object="-", oss_bucket="moved")
            equal(client.update_live_app_snapshot_config(update).status_code, 200, "UpdateLiveAppSnapshotConfig's HTTP status")
            response = client.describe_live_snapshot_config(live_models.DescribeLiveSnapshotConfigRequest(domain_name=domain, app_name="live", page_num=1, page_size=10))
            entry = response.body.live_stream_snapshot_config_list.live_stream_snapshot_config[0]
            equal((entry.time_interval, entry.overwrite_oss_object, entry.oss_bucket), (10, "", "moved"), "TimeInterval, OverwriteOssObject cleared by -, OssBucket")
            equal(entry.sequence_oss_object, "{AppName}/{UnixTimestamp}.jpg" if keep else "", "SequenceOssObject left out: kept or reset")
            delete = live_models.DeleteLiveAppSnapshotConfigRequest(domain_name=domain, app_name="live")
            equal(client.delete_live_app_snapshot_config(delete).status_code, 200, "DeleteLiveAppSnapshotConfig's HTTP status")

        def missing_fields():
            code_of = lambda code, call: self.refused(call, code, 400)
            code_of("MissingAppName", lambda: client.add_live_app_record_config(live_models.AddLiveAppRecordConfigRequest(domain_name=domain, record_format=[fmt(format="flv")], **oss)))
            code_of("MissingOssEndpoint", lambda: client.add_live_app_record_config(live_models.AddLiveAppRecordConfigRequest(domain_name=domain, app_name="x", oss_bucket="b", record_format=[fmt(format="flv")])))
            code_of("MissingOssBucket", lambda: client.add_live_app_record_config(live_models.AddLiveAppRecordConfigRequest(domain_name=domain, app_name="x", oss_endpoint="e.example.com", record_format=[fmt(format="flv")])))
            code_of("MissingRecordFormat", lambda: client.add_live_app_record_config(live_models.AddLiveAppRecordConfigRequest(domain_name=domain, app_name="x", **oss)))
            code_of("MissingTimeInterval", lambda: client.add_live_app_snapshot_config(live_models.AddLiveAppSnapshotConfigRequest(domain_name=domain, app_name="x", **oss)))

        def describe_none():
            call = lambda: client.describe_live_snapshot_config(live_models.DescribeLiveSnapshotConfigRequest(domain_name=self.domain(signature, "noapps")))
            if self.profile["missingConfig"] == "empty":
                body = call().body
                equal(body.total_num, 0, "an empty list")
            else:
                self.refused(call, "InvalidConfig.NotFound", 404)

        self.case(group, "AddLiveAppRecordConfig with lists of formats and templates", add_record)
        self.case(group, "DescribeLiveRecordConfig lists it (OnDemond, the lists' wrappers)", describe_record)
        self.case(group, "UpdateLiveAppRecordConfig without bucket and prefixes", update_record)
        self.case(group, "DescribeLiveRecordConfig pages", pages)
        self.case(group, "the * app, as the profile says", star_app)
        self.case(group, "DeleteLiveAppRecordConfig, then again", delete_record)
        self.case(group, "the snapshot configuration: Add twice, Update clearing with -, Describe, Delete", snapshots)
        self.case(group, "required fields left out", missing_fields)
        self.case(group, "Describe of a domain with no app configuration", describe_none)

    # -- the stream-callback actions --------------------------------------------------------------

    def stream_callbacks(self, signature):
        """Set/Describe/DeleteLiveStreamsNotifyUrlConfig: Set an upsert, NotifyReqAuth the strings yes/no, a 16-64 key, the LiveStreamsNotifyConfig wrapper."""
        group = f"stream callbacks ({signature.upper()} signature)"
        client = self.live(signature)
        domain = self.domain(signature, "push")
        keep = self.profile["updateOmitted"] == "keep"
        set_request = live_models.SetLiveStreamsNotifyUrlConfigRequest
        describe = live_models.DescribeLiveStreamsNotifyUrlConfigRequest
        delete = live_models.DeleteLiveStreamsNotifyUrlConfigRequest

        def set_it(**fields):
            response = client.set_live_streams_notify_url_config(set_request(domain_name=domain, **fields))
            equal(response.status_code, 200, "Set's HTTP status")
            check(response.body.request_id, "Set answers a RequestId")

        def described():
            response = client.describe_live_streams_notify_url_config(describe(domain_name=domain))
            equal(response.status_code, 200, "Describe's HTTP status")
            check(response.body.request_id, "Describe answers a RequestId")
            config = response.body.live_streams_notify_config
            check(config is not None, "Describe answers a LiveStreamsNotifyConfig")
            return config

        def expect(config, notify_url, exception_url, req_auth, key):
            equal(config.domain_name, domain, "DomainName")
            equal(config.notify_url, notify_url, "NotifyUrl")
            equal(config.exception_notify_url, exception_url or "", "ExceptionNotifyUrl")
            equal(config.notify_req_auth, "yes" if req_auth else "no", "NotifyReqAuth (the strings yes/no)")
            equal(config.notify_auth_key, self.shown_key(key), "NotifyAuthKey")

        def set_full():
            set_it(notify_url=URL_A, exception_notify_url=URL_EXCEPTION, notify_req_auth="yes", notify_auth_key=STREAMS_KEY)

        def describe_full():
            expect(described(), URL_A, URL_EXCEPTION, True, STREAMS_KEY)

        def set_over():
            # An upsert: no ConfigAlreadyExists. Left out: ExceptionNotifyUrl, NotifyReqAuth, NotifyAuthKey (reset or kept).
            set_it(notify_url=URL_B)
            expect(described(), URL_B, URL_EXCEPTION if keep else None, keep, STREAMS_KEY if keep else None)

        def set_domain_alone():
            # NotifyUrl is optional in the SDK's model: on a configured domain the stored URL stays.
            set_it()
            equal(described().notify_url, URL_B, "NotifyUrl after a Set with DomainName alone")

        def set_empty_exception_url():
            set_it(notify_url=URL_A, exception_notify_url=URL_EXCEPTION)
            call = lambda: client.set_live_streams_notify_url_config(set_request(domain_name=domain, notify_url=URL_A, exception_notify_url=""))
            if self.profile["emptyUrl"] == "malformed":
                self.refused(call, "InvalidExceptionNotifyUrl.Malformed", 400)
                equal(described().exception_notify_url, URL_EXCEPTION, "ExceptionNotifyUrl after the refused Set")
            else:
                equal(call().status_code, 200, "Set with ExceptionNotifyUrl=''")
                equal(described().exception_notify_url, "", "ExceptionNotifyUrl after clearing it")

        def set_keys_by_rule():
            # 64 letters and digits are inside the rule; 65, or a hyphen, are outside it.
            set_it(notify_url=URL_A, notify_req_auth="yes", notify_auth_key="k" * 64)
            equal(described().notify_auth_key, self.shown_key("k" * 64), "a 64-character NotifyAuthKey")
            for outside in ["q" * 65, KEY_OUTSIDE_RULE]:
                request = set_request(domain_name=domain, notify_url=URL_A, notify_req_auth="yes", notify_auth_key=outside)
                if self.profile["authKeyRule"] == "none":
                    equal(client.set_live_streams_notify_url_config(request).status_code, 200, "Set with a key outside 16-64 letters and digits")
                else:
                    error = self.refused(lambda: client.set_live_streams_notify_url_config(request), "InvalidNotifyAuthKey.Malformed", 400)
                    check("16 to 64 characters" in error.data.get("Message", ""), "the refusal gives the rule")
                    check(outside not in json.dumps(error.data), "the refusal never echoes the key")

        def bad_exception_urls():
            fresh = self.domain(signature, "pushbad")
            for url, code in [("hooks.example.com/x", "InvalidExceptionNotifyUrl.Malformed"), ("http://169.254.169.254/x", "InvalidExceptionNotifyUrl.Unsafe")]:
                self.refused(
                    lambda: client.set_live_streams_notify_url_config(set_request(domain_name=fresh, notify_url=URL_A, exception_notify_url=url)), code, 400
                )

        def signed_without_key():
            fresh = self.domain(signature, "pushnokey")
            self.refused(
                lambda: client.set_live_streams_notify_url_config(set_request(domain_name=fresh, notify_url=URL_A, notify_req_auth="yes")),
                "MissingNotifyAuthKey",
                400,
            )

        def delete_it():
            response = client.delete_live_streams_notify_url_config(delete(domain_name=domain))
            equal(response.status_code, 200, "Delete's HTTP status")
            check(response.body.request_id, "Delete answers a RequestId")

        def describe_missing():
            call = lambda: client.describe_live_streams_notify_url_config(describe(domain_name=domain))
            if self.profile["missingConfig"] == "empty":
                response = call()
                equal(response.status_code, 200, "Describe of a deleted config")
                config = response.body.live_streams_notify_config
                check(config is not None and config.notify_url is None and config.domain_name is None, "an empty LiveStreamsNotifyConfig")
            else:
                self.refused(call, "InvalidConfig.NotFound", 404)

        def delete_missing():
            self.refused(lambda: client.delete_live_streams_notify_url_config(delete(domain_name=domain)), "InvalidConfig.NotFound", 404)

        self.case(group, "Set with every field (NotifyReqAuth as yes, a 40-character key)", set_full)
        self.case(group, "Describe answers a LiveStreamsNotifyConfig, as the profile shows it", describe_full)
        self.case(group, "Set on a configured domain writes over it: fields left out reset or kept", set_over)
        self.case(group, "Set with DomainName alone: the URL stays", set_domain_alone)
        self.case(group, "Set with an explicitly empty ExceptionNotifyUrl", set_empty_exception_url)
        self.case(group, "Set with keys inside and outside 16-64 letters and digits", set_keys_by_rule)
        self.case(group, "Set with a malformed and an unsafe ExceptionNotifyUrl", bad_exception_urls)
        self.case(group, "Set signed (yes) without a key", signed_without_key)
        self.case(group, "Delete", delete_it)
        self.case(group, "Describe after Delete", describe_missing)
        self.case(group, "Delete of no config", delete_missing)

    # -- every error code -----------------------------------------------------------------------

    def errors(self, signature):
        group = f"error codes ({signature.upper()} signature)"
        client = self.live(signature)
        add = live_models.AddLiveRecordNotifyConfigRequest
        update = live_models.UpdateLiveRecordNotifyConfigRequest
        describe = live_models.DescribeLiveRecordNotifyConfigRequest
        delete = live_models.DeleteLiveRecordNotifyConfigRequest

        def code_case(code, status, call):
            self.case(group, code, lambda: self.refused(call, code, status))

        existing = self.domain(signature, "dup")
        self.case(group, "(setup) a config to collide with", lambda: self.add(client, existing, notify_url=URL_A))
        code_case("ConfigAlreadyExists", 400, lambda: client.add_live_record_notify_config(add(domain_name=existing, notify_url=URL_A)))
        missing = self.domain(signature, "none")
        code_case("InvalidConfig.NotFound", 404, lambda: client.update_live_record_notify_config(update(domain_name=missing, notify_url=URL_A)))
        self.case(
            group,
            "InvalidConfig.NotFound (Delete)",
            lambda: self.refused(lambda: client.delete_live_record_notify_config(delete(domain_name=missing)), "InvalidConfig.NotFound", 404),
        )
        code_case("InvalidDomain.NotFound", 400, lambda: client.describe_live_record_notify_config(describe(domain_name="not-a-domain")))
        code_case("MissingDomainName", 400, lambda: client.describe_live_record_notify_config(describe()))
        fresh = lambda stem: self.domain(signature, stem)
        code_case("MissingNotifyUrl", 400, lambda: client.add_live_record_notify_config(add(domain_name=fresh("nourl"))))
        code_case(
            "MissingNotifyAuthKey", 400, lambda: client.add_live_record_notify_config(add(domain_name=fresh("nokey"), notify_url=URL_A, notify_req_auth=True))
        )
        code_case("InvalidNotifyUrl.Malformed", 400, lambda: client.add_live_record_notify_config(add(domain_name=fresh("u1"), notify_url="ftp://hooks.example.com/x")))
        code_case("InvalidNotifyUrl.Unsafe", 400, lambda: client.add_live_record_notify_config(add(domain_name=fresh("u2"), notify_url="http://127.0.0.1/cb")))
        code_case(
            "InvalidOnDemandUrl.Malformed",
            400,
            lambda: client.add_live_record_notify_config(add(domain_name=fresh("u3"), notify_url=URL_A, on_demand_url="hooks.example.com/od")),
        )
        code_case(
            "InvalidOnDemandUrl.Unsafe",
            400,
            lambda: client.add_live_record_notify_config(add(domain_name=fresh("u4"), notify_url=URL_A, on_demand_url="http://169.254.169.254/latest")),
        )
        if self.profile["authKeyRule"] == "16-32-alnum":
            code_case(
                "InvalidNotifyAuthKey.Malformed",
                400,
                lambda: client.add_live_record_notify_config(add(domain_name=fresh("k"), notify_url=URL_A, notify_req_auth=True, notify_auth_key="k" * 33)),
            )
        code_case(
            "InvalidParameter", 400, lambda: client.add_live_record_notify_config(add(domain_name=fresh("b"), notify_url=URL_A, need_status_notify="maybe"))
        )
        reader = self.live(signature, "reader")
        code_case("Forbidden", 400, lambda: reader.add_live_record_notify_config(add(domain_name=fresh("ro"), notify_url=URL_A)))
        unknown = self.live(signature, access_key_id="NoSuchAccessKeyId")
        code_case("InvalidAccessKeyId.NotFound", 404, lambda: unknown.describe_live_record_notify_config(describe(domain_name=existing)))
        forged = self.live(signature, access_key_secret="not-the-secret")
        code_case("SignatureDoesNotMatch", 400, lambda: forged.describe_live_record_notify_config(describe(domain_name=existing)))
        wrong_token = self.live(signature, "sts", security_token="not-the-token")
        code_case(
            "InvalidSecurityToken.MismatchWithAccessKey", 400, lambda: wrong_token.describe_live_record_notify_config(describe(domain_name=existing))
        )
        expired = self.live(signature, "expired")
        code_case("InvalidSecurityToken.Expired", 400, lambda: expired.describe_live_record_notify_config(describe(domain_name=existing)))
        self.case(group, "Throttling (the profile's code and status)", lambda: self.throttling(client, existing))
        self.case(group, "InternalError (a fault rule)", lambda: self.internal_error(client, existing))
        code_case("InvalidTimeStamp.Expired", 400, lambda: self.with_timestamp("2020-01-01T00:00:00Z", lambda: client.describe_live_record_notify_config(describe(domain_name=existing))))
        code_case("InvalidTimeStamp.Format", 400, lambda: self.with_timestamp("yesterday", lambda: client.describe_live_record_notify_config(describe(domain_name=existing))))
        self.case(group, "SignatureNonceUsed (a nonce sent twice)", lambda: self.nonce_replay(client, existing))
        code_case("InvalidAction.NotFound", 404, lambda: self.generic(client, action="DescribeNoSuchThing"))
        code_case("InvalidVersion", 400, lambda: self.generic(client, version="2099-01-01"))
        code_case("UnsupportedHTTPMethod", 405, lambda: self.generic(client, method="PUT"))
        code_case("RequestEntityTooLarge", 413, lambda: self.generic(client, body={"Padding": "x" * (1024 * 1024 + 1)}))
        code_case("IncompleteSignature", 400, lambda: self.generic(client, auth_type="Anonymous"))

    def generic(self, client, action="DescribeLiveRecordNotifyConfig", version="2016-11-01", method="POST", auth_type="AK", body=None):
        """The SDK's own call_api, with the parameters its generated methods pass but for the one changed."""
        params = openapi_models.Params(
            action=action, version=version, protocol="HTTPS", pathname="/", method=method, auth_type=auth_type, style="RPC", req_body_type="formData", body_type="json"
        )
        request = openapi_models.OpenApiRequest(query=OpenApiUtils.query({"DomainName": "live.example.com"}), body=body)
        return client.call_api(params, request, RuntimeOptions())

    def with_timestamp(self, timestamp, call):
        # Both signers take the signed date from this one function (x-acs-date for V3, Timestamp for V2).
        with mock.patch.object(OpenApiUtils, "get_timestamp", staticmethod(lambda: timestamp)):
            return call()

    def nonce_replay(self, client, domain):
        request = live_models.DescribeLiveRecordNotifyConfigRequest(domain_name=domain)
        nonce = f"conformance-nonce-{self.serial}-{id(client)}"
        with mock.patch.object(OpenApiUtils, "get_nonce", staticmethod(lambda: nonce)):
            equal(client.describe_live_record_notify_config(request).status_code, 200, "the first use of the nonce")
            self.refused(lambda: client.describe_live_record_notify_config(request), "SignatureNonceUsed", 400)

    def throttling(self, client, domain):
        code, status = ("Throttling", 429) if self.profile["throttleCode"] == "429" else (self.profile["throttleCode"], 400)
        before = self.admin_call("GET", "quota")
        self.admin_call("PUT", "quota", {"readQps": 0.01})
        try:
            request = live_models.DescribeLiveRecordNotifyConfigRequest(domain_name=domain)
            client.describe_live_record_notify_config(request)  # takes the one token the bucket holds, or is throttled
            error = self.refused(lambda: client.describe_live_record_notify_config(request), code, status)
            if self.profile["retryAfterHeader"]:
                # With x-acs-retry-after the SDK raises its ThrottlingException and reads the wait from it.
                check(isinstance(error, sdk_exceptions.ThrottlingException), f"a ThrottlingException, got {type(error).__name__}")
                check(isinstance(error.retry_after, int) and error.retry_after > 0, f"retry_after read from the header: {error.retry_after!r}")
            elif status == 400:
                check(isinstance(error, sdk_exceptions.ClientException), f"a 400 throttle is a ClientException, got {type(error).__name__}")
        finally:
            self.admin_call("PUT", "quota", {"readQps": before["readQps"]})

    def internal_error(self, client, domain):
        self.admin_call("POST", "faults", {"action": "DescribeLiveRecordNotifyConfig", "count": 1, "error": {"code": "InternalError"}})
        error = self.refused(lambda: client.describe_live_record_notify_config(live_models.DescribeLiveRecordNotifyConfigRequest(domain_name=domain)), "InternalError", 500)
        check(isinstance(error, sdk_exceptions.ServerException), f"a 500 is a ServerException, got {type(error).__name__}")

    # -- STS --------------------------------------------------------------------------------------

    def sts(self, signature):
        group = f"STS GetCallerIdentity ({signature.upper()} signature)"

        def identity(account):
            response = StsClient(self.config(signature, account, endpoint=self.sts_endpoint)).get_caller_identity()
            equal(response.status_code, 200, "GetCallerIdentity's HTTP status")
            check(response.body.request_id, "GetCallerIdentity answers a RequestId")
            return response.body

        def ram_user():
            body = identity("full")
            equal(body.identity_type, "RAMUser", "IdentityType")
            equal(body.account_id, self.accounts["full"]["accountId"], "AccountId")
            check(body.user_id and body.principal_id and body.arn and body.arn.startswith("acs:ram::"), f"UserId, PrincipalId and Arn: {body.to_map()}")

        def assumed_role():
            body = identity("sts")
            equal(body.identity_type, "AssumedRoleUser", "IdentityType")
            equal(body.account_id, self.accounts["sts"]["accountId"], "AccountId")
            check(body.role_id and body.arn, f"RoleId and Arn: {body.to_map()}")

        def forged():
            client = StsClient(self.config(signature, "full", endpoint=self.sts_endpoint, access_key_secret="not-the-secret"))
            self.refused(client.get_caller_identity, "SignatureDoesNotMatch", 400)

        self.case(group, "a RAM user's key", ram_user)
        self.case(group, "an STS key with its token", assumed_role)
        self.case(group, "SignatureDoesNotMatch", forged)

    def run(self):
        self.emit({"type": "versions", "python": sys.version.split()[0], "packages": {name: version(name) for name in SDK_PACKAGES}})
        for signature in SIGNATURES:
            self.actions(signature)
            self.snapshot_callbacks(signature)
            self.app_configs(signature)
            self.stream_callbacks(signature)
            self.errors(signature)
            self.sts(signature)
        self.emit({"type": "done", "cases": self.count, "codes": sorted(self.codes)})


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--endpoint", required=True, help="the emulator's host:port")
    parser.add_argument("--sts-endpoint", required=True, help="the emulator's STS host:port")
    parser.add_argument("--profile", required=True, help="the emulator's whole semantics profile and retryAfterHeader, as JSON")
    parser.add_argument("--accounts", required=True, help="the test keys: {full, reader, sts, expired}, as JSON")
    Cases(parser.parse_args()).run()


if __name__ == "__main__":
    main()
