"""Safe to install, impossible to bypass: the package changes nothing until a mock is used, and while one is
active no EventBridge request leaves the process, whichever way it was sent.

Cases that depend on import order run in a fresh interpreter each, with a socket guard installed first.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import unittest
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests
from helpers import CUSTOMER, FAKE_KEY, PARTNER, REGION, URL, client_for, entry
from moto import mock_aws
from network_guard import no_network
from requests_aws4auth import AWS4Auth

from mock_partner_events import PartnerEventsMock, UnmockedOperationError, current_mock, mock_partner_events

ENTRY = entry()
KEYS = {"region_name": REGION, "aws_access_key_id": PARTNER, "aws_secret_access_key": FAKE_KEY}

SOCKET_GUARD = """
import socket

ATTEMPTS = []
_LOOPBACK = ("127.", "::1", "localhost")


def _refuse(what, host):
    ATTEMPTS.append(f"{what} {host}")
    raise OSError(f"test socket guard: {what} {host} refused: no test may reach the network")


def _guarded_connect(original):
    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not host.startswith(_LOOPBACK) and self.family != socket.AF_UNIX:
            _refuse("connect to", host)
        return original(self, address)
    return connect


def _guarded_lookup(original):
    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not str(host).startswith(_LOOPBACK):
            _refuse("DNS lookup of", host)
        return original(host, *args, **kwargs)
    return getaddrinfo


socket.socket.connect = _guarded_connect(socket.socket.connect)
socket.socket.connect_ex = _guarded_connect(socket.socket.connect_ex)
socket.getaddrinfo = _guarded_lookup(socket.getaddrinfo)
"""


def clean_environment(home: Path) -> dict[str, str]:
    """No AWS configuration at all: an empty HOME and no AWS_* variables."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith("AWS_")}
    environment["HOME"] = str(home)
    return environment


def run_python(code: str, home: Path) -> subprocess.CompletedProcess[str]:
    script = SOCKET_GUARD + textwrap.dedent(code) + "\nassert not ATTEMPTS, ATTEMPTS\n"
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=clean_environment(home)
    )


# -- do no harm --------------------------------------------------------------------------------------------


def test_importing_the_package_and_the_plugin_loads_nothing_heavy(tmp_path: Path) -> None:
    done = run_python(
        """
        import sys
        import mock_partner_events.pytest_plugin, mock_partner_events
        heavy = [name for name in sys.modules if name.split(".")[0] in ("botocore", "boto3", "moto", "requests")
                 or name.startswith(("mock_partner_events._core.engine", "mock_partner_events._service"))]
        print("heavy:", heavy)
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "heavy: []"


@pytest.mark.parametrize("first", ["moto", "mock_partner_events"])
def test_a_plain_mock_aws_test_passes_with_the_plugin_loaded(pytester: pytest.Pytester, first: str) -> None:
    second = "mock_partner_events" if first == "moto" else "moto"
    pytester.makepyfile(
        f"""
        import {first}, {second}
        import boto3
        from moto import mock_aws

        @mock_aws
        def test_s3():
            s3 = boto3.client("s3", region_name="us-east-1")
            s3.create_bucket(Bucket="plain")
            assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["plain"]
        """
    )
    result = pytester.runpytest_subprocess(
        "-p", "no:randomly", "-p", "no:asyncio", "-W", "error::mock_partner_events.IntegrationDisabledWarning"
    )
    result.assert_outcomes(passed=1)


def test_an_unsupported_library_version_warns_once_and_only_its_integration_is_off(tmp_path: Path) -> None:
    """A stand-in aiobotocore whose hooks module lacks what the integration patches: the user's import goes on,
    one warning names the library, and botocore clients are still answered."""
    fake = tmp_path / "site" / "aiobotocore"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "hooks.py").write_text("# no _HANDLER_MAPPING here\n")
    done = run_python(
        f"""
        import sys, warnings
        sys.path.insert(0, {str(tmp_path / "site")!r})
        import boto3
        from mock_partner_events import IntegrationDisabledWarning, mock_partner_events
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            import aiobotocore.hooks
        print([str(w.message) for w in caught if w.category is IntegrationDisabledWarning])
        with mock_partner_events() as mock:
            boto3.client("events", **{KEYS!r}).put_partner_events(Entries=[{ENTRY!r}])
        print("events:", len(mock.events))
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    warned, answered = done.stdout.strip().splitlines()
    assert re.search(r"mock-partner-events: aiobotocore \S+ is not supported \(aiobotocore>=[\d.]+ is\)", warned)
    assert "its integration is off (UnsupportedVersionError: aiobotocore.hooks has no _HANDLER_MAPPING)" in warned
    assert warned.count("is not supported") == 1
    assert answered == "events: 1"


def test_warnings_turned_into_errors_do_not_break_the_users_import(tmp_path: Path) -> None:
    fake = tmp_path / "site" / "aiobotocore"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "hooks.py").write_text("")
    done = run_python(
        f"""
        import sys, warnings
        warnings.simplefilter("error")
        sys.path.insert(0, {str(tmp_path / "site")!r})
        import mock_partner_events
        import aiobotocore.hooks
        print("imported")
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "imported"
    assert "IntegrationDisabledWarning: mock-partner-events: aiobotocore" in done.stderr


# -- no credentials needed, nothing leaves -----------------------------------------------------------------


def test_a_test_needs_no_aws_configuration_and_fetches_no_credentials(pytester: pytest.Pytester) -> None:
    """The quickstart's shape, with HOME empty, no AWS_* variables and a socket guard: the client finds no
    credentials, gets fake ones while the mock is active, and no provider tries the network (instance metadata,
    containers). Afterwards the fake credentials are worth nothing, as if the package were not installed."""
    pytester.makeconftest(SOCKET_GUARD)
    pytester.makepyfile(
        f"""
        import boto3, pytest
        from botocore.exceptions import NoCredentialsError
        from conftest import ATTEMPTS

        def test_publish(partner_events):
            client = boto3.client("events", region_name="us-east-1")
            answer = client.put_partner_events(Entries=[{ENTRY!r}])
            assert answer["FailedEntryCount"] == 0
            partner_events.assert_published(detail_type="OrderCreated", count=1)
            assert partner_events.calls[0].account == "123456789012"  # the fake key maps to the partner account
            assert ATTEMPTS == []

        def test_after_the_mock_no_credentials_again():
            with pytest.raises(NoCredentialsError):
                boto3.client("events", region_name="us-east-1").put_partner_events(Entries=[{ENTRY!r}])
            assert [attempt for attempt in ATTEMPTS if "169.254" not in attempt] == []
        """
    )
    home = pytester.path / "home"
    home.mkdir()
    for name in [name for name in os.environ if name.startswith("AWS_")]:
        pytester._monkeypatch.delenv(name)
    pytester._monkeypatch.setenv("HOME", str(home))
    pytester._monkeypatch.setenv("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "1")
    result = pytester.runpytest_subprocess("-p", "no:randomly", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


# -- impossible to bypass ----------------------------------------------------------------------------------


def test_boto3s_default_session_built_before_the_import_is_answered(tmp_path: Path) -> None:
    """Outside pytest (say `python -m unittest`), boto3's default session made before the package was imported
    has no handler of ours; the request is answered all the same, and nothing reaches the network."""
    done = run_python(
        f"""
        import boto3
        boto3.client("s3", **{KEYS!r})  # builds boto3's default session now
        from mock_partner_events import mock_partner_events
        with mock_partner_events() as mock:
            answer = boto3.client("events", **{KEYS!r}).put_partner_events(Entries=[{ENTRY!r}])
        print(answer["FailedEntryCount"], len(mock.events))
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0 1"


def test_a_decorated_generator_runs_its_whole_body_under_the_mock() -> None:
    @mock_partner_events
    def yield_fixture() -> Iterator[PartnerEventsMock]:
        mock = current_mock()
        boto3.client("events", **KEYS).put_partner_events(Entries=[ENTRY])
        yield mock
        assert current_mock() is mock  # the teardown half runs under it too
        boto3.client("events", **KEYS).put_partner_events(Entries=[ENTRY])

    steps = yield_fixture()
    mock = next(steps)
    assert mock.active
    with pytest.raises(StopIteration):
        next(steps)
    assert not mock.active
    assert len(mock.events) == 2


async def test_a_decorated_async_generator_runs_its_whole_body_under_the_mock() -> None:
    @mock_partner_events
    async def async_yield_fixture() -> AsyncIterator[PartnerEventsMock]:
        mock = current_mock()
        boto3.client("events", **KEYS).put_partner_events(Entries=[ENTRY])
        received = yield mock
        assert received == "sent in"
        boto3.client("events", **KEYS).put_partner_events(Entries=[ENTRY])

    steps = async_yield_fixture()
    mock = await steps.__anext__()
    assert mock.active
    with pytest.raises(StopAsyncIteration):
        await steps.asend("sent in")
    assert not mock.active
    assert len(mock.events) == 2


class _PublishingTests:
    """A plain base class with a test method, as test suites share them."""

    def test_inherited(self) -> int:
        boto3.client("events", **KEYS).put_partner_events(Entries=[ENTRY])
        return len(current_mock().events)


def test_inherited_test_methods_of_a_decorated_plain_class_run_under_the_mock() -> None:
    @mock_partner_events
    class Publishing(_PublishingTests):
        def test_own(self) -> int:
            return len(current_mock().events)

    assert Publishing().test_inherited() == 1
    assert Publishing().test_own() == 0
    assert _PublishingTests.test_inherited is not Publishing.test_inherited  # the base class itself is untouched


def test_a_decorated_testcase_covers_inherited_tests_too() -> None:
    class Base(unittest.TestCase):
        def test_publish(self) -> None:
            boto3.client("events", **KEYS).put_partner_events(Entries=[ENTRY])
            assert len(current_mock().events) == 1

    @mock_partner_events
    class Derived(Base):
        pass

    outcome = unittest.TestResult()
    Derived("test_publish").run(outcome)
    assert outcome.wasSuccessful(), outcome.errors + outcome.failures


def _signed_post(operation: str, params: dict[str, Any]) -> requests.Response:
    headers = {"X-Amz-Target": f"AWSEvents.{operation}", "Content-Type": "application/x-amz-json-1.1"}
    auth = AWS4Auth(CUSTOMER, FAKE_KEY, REGION, "events")
    return requests.post(URL, data=json.dumps(params), headers=headers, auth=auth)


def test_with_requests_an_unmodelled_operation_is_stopped_exactly_as_on_the_botocore_path() -> None:
    with mock_partner_events(), pytest.raises(UnmockedOperationError) as by_requests:
        _signed_post("ListArchives", {})
    with mock_partner_events(), pytest.raises(UnmockedOperationError) as by_botocore:
        boto3.client("events", **KEYS).list_archives()

    assert str(by_requests.value) == str(by_botocore.value)


def test_with_moto_a_custom_bus_created_with_requests_is_moto_s_like_boto3_s() -> None:
    """The one dispatch decision: a customer's own bus goes to moto whichever transport created it."""
    with mock_aws(), mock_partner_events():
        created = _signed_post("CreateEventBus", {"Name": "orders-bus"})
        described = client_for(CUSTOMER).describe_event_bus(Name="orders-bus")

    assert created.status_code == 200, created.text
    assert described["Name"] == "orders-bus"


# -- every transport, behind a socket guard --------------------------------------------------------------------


def test_botocore_publishes_with_nothing_leaving_the_process() -> None:
    with no_network(), mock_partner_events() as mock:
        boto3.client("events", **KEYS).put_partner_events(Entries=[ENTRY])
    assert len(mock.events) == 1


def test_requests_publishes_with_nothing_leaving_the_process() -> None:
    with no_network(), mock_partner_events() as mock:
        answered = _signed_post("PutPartnerEvents", {"Entries": [ENTRY]})
    assert answered.json()["FailedEntryCount"] == 0
    assert len(mock.events) == 1


async def test_aiobotocore_publishes_with_nothing_leaving_the_process() -> None:
    from aiobotocore.session import get_session

    with no_network():
        async with mock_partner_events() as mock, get_session().create_client("events", **KEYS) as client:
            await client.put_partner_events(Entries=[ENTRY])
    assert len(mock.events) == 1


def test_the_aws_cli_publishes_with_nothing_leaving_the_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from awscli.clidriver import create_clidriver

    for name, value in {"AWS_ACCESS_KEY_ID": PARTNER, "AWS_SECRET_ACCESS_KEY": FAKE_KEY, "AWS_DEFAULT_REGION": REGION,
                        "AWS_CONFIG_FILE": str(tmp_path / "config"),
                        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "credentials")}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    with no_network(), mock_partner_events() as mock:
        code = create_clidriver().main(["events", "put-partner-events", "--entries", json.dumps([ENTRY])])
    capsys.readouterr()
    assert code == 0
    assert len(mock.events) == 1


def test_an_unmodelled_operation_is_stopped_before_the_network_on_every_transport() -> None:
    with no_network(), mock_partner_events():
        with pytest.raises(UnmockedOperationError):
            boto3.client("events", **KEYS).list_archives()
        with pytest.raises(UnmockedOperationError):
            _signed_post("ListArchives", {})


async def test_an_aiobotocore_client_needs_no_credentials_either(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from aiobotocore.session import get_session

    for name in [name for name in os.environ if name.startswith("AWS_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path))
    with no_network():
        async with mock_partner_events() as mock, get_session().create_client("events", region_name=REGION) as client:
            await client.put_partner_events(Entries=[ENTRY])
    assert [call.account for call in mock.calls] == [PARTNER]


def test_a_decorated_yield_fixture_sets_up_and_tears_down_under_the_mock(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        f"""
        import boto3, pytest
        from mock_partner_events import current_mock, mock_partner_events

        @pytest.fixture
        @mock_partner_events
        def published():
            boto3.client("events", **{KEYS!r}).put_partner_events(Entries=[{ENTRY!r}])
            yield current_mock()
            assert len(current_mock().events) == 2  # teardown still sees the mock

        def test_uses_it(published):
            assert published.active  # suspended at its yield, the fixture is still inside the mock
            assert len(published.events) == 1
            boto3.client("events", **{KEYS!r}).put_partner_events(Entries=[{ENTRY!r}])
        """
    )
    result = pytester.runpytest("-p", "no:randomly", "-p", "no:asyncio")
    result.assert_outcomes(passed=1)
