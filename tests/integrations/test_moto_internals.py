"""Guards for `_moto.py`, the one module that knows moto's internals, and for optional imports staying optional.

Import order matters to hooks, so those cases run in a fresh interpreter each.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import moto
import pytest

from mock_partner_events._core.compat import UnsupportedVersionError
from mock_partner_events._integrations import moto as _moto


def _covered() -> bool:
    try:
        _moto.check_version(moto.__version__)
    except UnsupportedVersionError:
        return False
    return True


COVERED = _covered()
needs_covered_moto = pytest.mark.skipif(
    not COVERED,
    reason=f"moto {moto.__version__} is not among the versions _integrations/moto.py was written against "
    f"(from {'.'.join(map(str, _moto.OLDEST_SUPPORTED))}): re-check its hooks, then widen check_version",
)

PUBLISH_AND_USE_MOTO = """
def publish_and_list_buckets():
    import boto3

    events = boto3.client("events", region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s")
    answer = events.put_partner_events(Entries=[{"Source": "aws.partner/a.com/s", "DetailType": "T", "Detail": "{}"}])
    assert answer["FailedEntryCount"] == 0, answer
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="bucket-one")
    assert [bucket["Name"] for bucket in s3.list_buckets()["Buckets"]] == ["bucket-one"]
"""
BOTH_NESTINGS = """
with mock_aws(), mock_partner_events():
    publish_and_list_buckets()
with mock_partner_events(), mock_aws():
    publish_and_list_buckets()
"""
MOTO_IMPORTED_INSIDE = """
from mock_partner_events import mock_partner_events
with mock_partner_events():
    from moto import mock_aws
    with mock_aws():
        publish_and_list_buckets()
"""


def run_python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_installed_moto_is_one_the_moto_module_covers() -> None:
    assert COVERED, needs_covered_moto.kwargs["reason"]


@needs_covered_moto
def test_moto_internals_the_hooks_rely_on_are_there() -> None:
    from moto.core.models import DEFAULT_ACCOUNT_ID, botocore_stubber
    from moto.core.responses import BaseResponse
    from moto.events.models import EventBus, events_backends
    from moto.logs.models import LogsBackend
    from moto.sqs.models import SQSBackend

    assert DEFAULT_ACCOUNT_ID == "123456789012"
    assert getattr(type(botocore_stubber).__call__, "_mock_partner_events_guard", False)
    assert getattr(BaseResponse.get_current_account, "_mock_partner_events_guard", False)
    assert callable(SQSBackend.send_message)
    assert callable(LogsBackend.ensure_log_stream)
    assert callable(LogsBackend.put_log_events)
    bus = events_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].event_buses["default"]
    assert isinstance(bus, EventBus)
    for attribute in ("name", "arn", "description", "creation_time", "last_modified_time", "policy"):
        assert hasattr(bus, attribute), attribute


@needs_covered_moto
@pytest.mark.parametrize(
    "script",
    [
        "from moto import mock_aws\nfrom mock_partner_events import mock_partner_events\n" + BOTH_NESTINGS,
        "from mock_partner_events import mock_partner_events\nfrom moto import mock_aws\n" + BOTH_NESTINGS,
        MOTO_IMPORTED_INSIDE,
    ],
    ids=["moto-first", "package-first", "moto-imported-inside-the-mock"],
)
def test_moto_never_also_answers_a_partner_call_whatever_the_import_order(script: str) -> None:
    run_python(PUBLISH_AND_USE_MOTO + script)


def test_the_package_imports_no_optional_library_the_user_did_not() -> None:
    output = run_python(
        """
        import sys, boto3
        from mock_partner_events import mock_partner_events
        with mock_partner_events() as mock:
            events = boto3.client("events", region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s")
            events.put_partner_events(Entries=[{"Source": "aws.partner/a.com/s", "DetailType": "T", "Detail": "{}"}])
        print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
        """
    )

    imported = set(output.split())
    assert "botocore" in imported
    assert imported.isdisjoint({"moto", "aiobotocore", "aiohttp", "awscli", "responses", "requests"})


def test_the_package_works_where_moto_is_not_installed() -> None:
    run_python(
        """
        import sys
        sys.modules["moto"] = None  # what an environment without moto looks like to `import moto`
        import boto3
        from mock_partner_events import mock_partner_events
        with mock_partner_events() as mock:
            events = boto3.client("events", region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s")
            events.put_partner_events(Entries=[{"Source": "aws.partner/a.com/s", "DetailType": "T", "Detail": "{}"}])
        assert len(mock.events) == 1
        """
    )
