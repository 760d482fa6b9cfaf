"""Issue 19, item 1: a client built before the mock, with no AWS configuration at all, works inside it.

botocore resolves credentials when a client is built, so a module-level `boto3.client("events")` made with an
empty HOME and no AWS_* variables holds none; before the fix its signer raised `NoCredentialsError: Unable to
locate credentials` inside `mock_partner_events()`. Each ordering runs in a fresh interpreter (the default session
and its cached credentials are process-wide), with an empty HOME, no AWS_* variables and a socket guard. Outside a
mock the same client fails exactly as it does without this package.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import REGION, entry

ENTRY = entry()
PROLOGUE = f"""
import socket

def _refuse(*args, **kwargs):
    raise OSError("test socket guard: no test may reach the network")

socket.socket.connect = _refuse
socket.getaddrinfo = _refuse

import boto3
from botocore.exceptions import NoCredentialsError

ENTRY = {ENTRY!r}


def publish(client):
    return client.put_partner_events(Entries=[ENTRY])["FailedEntryCount"]


def fails_without_credentials(client):
    try:
        publish(client)
    except NoCredentialsError as error:
        return str(error)
    return "published"
"""


def run_python(code: str, home: Path) -> str:
    """Run `code` after PROLOGUE in a fresh interpreter with no AWS configuration; its stdout."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith("AWS_")}
    environment.update(HOME=str(home), AWS_METADATA_SERVICE_NUM_ATTEMPTS="1")
    done = subprocess.run(
        [sys.executable, "-c", PROLOGUE + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_client_built_before_the_mock_publishes_inside_it_and_fails_as_before_after_it(tmp_path: Path) -> None:
    out = run_python(
        f"""
        from mock_partner_events import mock_partner_events
        client = boto3.client("events", region_name="{REGION}")  # module level, before any mock
        print(fails_without_credentials(client))
        with mock_partner_events() as mock:
            print(publish(client), len(mock.events), mock.calls[0].account)
        print(fails_without_credentials(client))
        """,
        tmp_path,
    )
    assert out.splitlines() == ["Unable to locate credentials", "0 1 123456789012", "Unable to locate credentials"]


def test_a_client_built_in_one_mock_publishes_in_the_next(tmp_path: Path) -> None:
    out = run_python(
        f"""
        from mock_partner_events import mock_partner_events
        with mock_partner_events():
            client = boto3.client("events", region_name="{REGION}")
        with mock_partner_events() as mock:
            print(publish(client), len(mock.events))
        print(fails_without_credentials(client))
        """,
        tmp_path,
    )
    assert out.splitlines() == ["0 1", "Unable to locate credentials"]


def test_with_boto3s_default_session_built_first_every_client_publishes(tmp_path: Path) -> None:
    out = run_python(
        f"""
        boto3.setup_default_session()  # before the package is imported, as a conftest might
        before_import = boto3.client("events", region_name="{REGION}")
        from mock_partner_events import mock_partner_events
        before_mock = boto3.client("events", region_name="{REGION}")
        with mock_partner_events() as mock:
            inside = boto3.client("events", region_name="{REGION}")
            print(publish(before_import), publish(before_mock), publish(inside), len(mock.events))
        print(fails_without_credentials(before_mock), "/", fails_without_credentials(inside))
        """,
        tmp_path,
    )
    assert out.splitlines() == ["0 0 0 3", "Unable to locate credentials / Unable to locate credentials"]


def test_outside_a_mock_the_client_fails_exactly_as_without_the_package(tmp_path: Path) -> None:
    without = run_python(f'print(fails_without_credentials(boto3.client("events", region_name="{REGION}")))', tmp_path)
    with_package = run_python(
        f"""
        import mock_partner_events
        print(fails_without_credentials(boto3.client("events", region_name="{REGION}")))
        """,
        tmp_path,
    )
    assert without == with_package == "Unable to locate credentials"


def test_an_aiobotocore_client_built_before_the_mock_publishes_inside_it(tmp_path: Path) -> None:
    out = run_python(
        f"""
        import asyncio
        from aiobotocore.session import get_session
        from mock_partner_events import mock_partner_events

        async def main():
            async with get_session().create_client("events", region_name="{REGION}") as client:
                async with mock_partner_events() as mock:
                    answer = await client.put_partner_events(Entries=[ENTRY])
                    print(answer["FailedEntryCount"], len(mock.events))
                try:
                    await client.put_partner_events(Entries=[ENTRY])
                except NoCredentialsError as error:
                    print(error)

        asyncio.run(main())
        """,
        tmp_path,
    )
    assert out.splitlines() == ["0 1", "Unable to locate credentials"]


TEST_ORDER = f"""
import boto3
from mock_partner_events import mock_partner_events

client = boto3.client("events", region_name="{REGION}")  # the publisher module's client, built at import


def publish():
    return client.put_partner_events(Entries=[{ENTRY!r}])["FailedEntryCount"]


def test_a(partner_events):
    boto3.client("events", region_name="{REGION}")  # caches fake credentials in boto3's default session
    assert publish() == 0


def test_b():
    with mock_partner_events() as mock:
        assert publish() == 0
    assert len(mock.events) == 1
"""


@pytest.mark.parametrize("selection", [[], ["test_order.py::test_b"]], ids=["whole-file", "test_b-alone"])
def test_the_result_does_not_depend_on_which_tests_run(pytester: pytest.Pytester, selection: list[str]) -> None:
    """The newcomer's report: `pytest test_order.py` passed and `pytest test_order.py::test_b` failed."""
    pytester.makepyfile(test_order=TEST_ORDER)
    for name in [name for name in os.environ if name.startswith("AWS_")]:
        pytester._monkeypatch.delenv(name)
    home = pytester.path / "home"
    home.mkdir()
    pytester._monkeypatch.setenv("HOME", str(home))
    pytester._monkeypatch.setenv("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "1")
    result = pytester.runpytest_subprocess("-p", "no:randomly", "-p", "no:cacheprovider", *selection)
    result.assert_outcomes(passed=2 if not selection else 1)
