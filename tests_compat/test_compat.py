"""The compatibility job (`make compat`): run in small venvs of their own, one per library version we claim or
refuse (constraints/compat/*.txt). Each test adapts to the versions installed, so one file serves them all:

- botocore, oldest supported and newest: publishing, a per-entry fault, a retried throttle, no credentials needed;
- moto outside the supported range (5.0.x, 5.1.x): a plain `@mock_aws` test passes with the plugin loaded, and the
  warning names moto's version;
- moto inside it: the two mocks share one test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata

import boto3
import pytest

from mock_partner_events import mock_partner_events

SOURCE = "aws.partner/example.com/1234/orders"
ENTRY = {"Source": SOURCE, "DetailType": "OrderCreated", "Detail": json.dumps({"order": 1})}
KEYS = {"region_name": "us-east-1", "aws_access_key_id": "123456789012", "aws_secret_access_key": "testing"}


def _moto_version() -> tuple[int, ...] | None:
    try:
        return tuple(int(part) for part in metadata.version("moto").split(".")[:3])
    except metadata.PackageNotFoundError:
        return None


MOTO = _moto_version()
MOTO_SUPPORTED = MOTO is not None and (5, 2, 5) <= MOTO < (6,)
needs_moto = pytest.mark.skipif(MOTO is None, reason="moto is not installed in this compatibility venv")


def test_publishing_per_entry_faults_and_retries_work_on_this_botocore() -> None:
    with mock_partner_events() as mock:
        mock.faults.fail_requests("ThrottlingException", times=1)
        mock.faults.fail_entries("InternalFailure", times=1)
        answer = boto3.client("events", **KEYS).put_partner_events(Entries=[ENTRY, ENTRY])

    assert answer["FailedEntryCount"] == 1
    assert [call.error_code for call in mock.calls] == ["ThrottlingException", None]
    assert len(mock.events) == 1
    assert mock.total_backoff > 0


def test_no_aws_configuration_is_needed(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")  # this test's own guard; the mock skips it anyway
    with mock_partner_events() as mock:
        boto3.session.Session().client("events", region_name="us-east-1").put_partner_events(Entries=[ENTRY])
    assert len(mock.events) == 1


@needs_moto
def test_a_plain_mock_aws_test_passes_with_the_plugin_loaded() -> None:
    from moto import mock_aws

    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="plain")
        assert [bucket["Name"] for bucket in s3.list_buckets()["Buckets"]] == ["plain"]


@needs_moto
@pytest.mark.parametrize("first", ["moto", "mock_partner_events"])
def test_the_moto_integration_is_on_exactly_when_moto_is_supported(first: str) -> None:
    second = "moto" if first == "mock_partner_events" else "mock_partner_events"
    code = f"import warnings; warnings.simplefilter('always'); import {first}, {second}; import moto.core.responses"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    version = metadata.version("moto")
    warned = f"mock-partner-events: moto {version} is not supported (moto>=5.2.5,<6 is)" in done.stderr
    assert warned is not MOTO_SUPPORTED, done.stderr
    assert done.stderr.count("IntegrationDisabledWarning") == (0 if MOTO_SUPPORTED else 1), done.stderr


@pytest.mark.skipif(not MOTO_SUPPORTED, reason="the moto integration is off for this moto version")
def test_moto_and_the_partner_mock_share_one_test() -> None:
    from moto import mock_aws

    with mock_aws(), mock_partner_events() as mock:
        answer = boto3.client("events", **KEYS).put_partner_events(Entries=[ENTRY])
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="shared")
        assert [bucket["Name"] for bucket in s3.list_buckets()["Buckets"]] == ["shared"]

    assert answer["FailedEntryCount"] == 0
    assert len(mock.events) == 1
