"""A mock never leaks into the next test: not when the test fails, not when it raises inside the mock."""

from __future__ import annotations

import pytest

NEXT_TEST_SEES_NOTHING = """
import requests.adapters
from mock_partner_events import current_mock

ORIGINAL_SEND = requests.adapters.HTTPAdapter.send


def test_zz_then_no_mock_is_active_and_requests_is_unpatched():
    with pytest.raises(RuntimeError, match="no mock is active"):
        current_mock()
    assert requests.adapters.HTTPAdapter.send is ORIGINAL_SEND
"""

FAILING_TESTS = """
import boto3, pytest
from mock_partner_events import mock_partner_events

ENTRY = {"Source": "aws.partner/a.com/s", "DetailType": "T", "Detail": "{}"}


def publish():
    client = boto3.client("events", region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s")
    client.put_partner_events(Entries=[ENTRY])


def test_a_raises_inside_with():
    with mock_partner_events():
        publish()
        raise KeyError("boom")


@mock_partner_events
def test_b_fails_inside_decorator():
    publish()
    assert False, "deliberate"


def test_c_fails_with_fixture(partner_events):
    publish()
    assert len(partner_events.events) == 2, "deliberate"


async def test_d_raises_inside_async_with():
    async with mock_partner_events():
        publish()
        raise ValueError("boom")


def test_e_start_without_stop():
    mock_partner_events().start()
    publish()
"""


@pytest.fixture
def inner_suite(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeini("[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile(test_isolation_inner=f"import pytest\n{FAILING_TESTS}\n{NEXT_TEST_SEES_NOTHING}")
    return pytester


def test_failing_and_raising_tests_leave_no_mock_behind(inner_suite: pytest.Pytester) -> None:
    result = inner_suite.runpytest_inprocess("-p", "no:randomly", "-k", "not test_e", "-v")

    result.assert_outcomes(passed=1, failed=4)
    result.stdout.fnmatch_lines(["*test_zz_then_no_mock_is_active_and_requests_is_unpatched PASSED*"])


def test_the_check_catches_a_leak_a_start_without_stop_causes(inner_suite: pytest.Pytester) -> None:
    """start() without stop() is the user's leak to own (as with moto and responses); the check above sees it."""
    result = inner_suite.runpytest_subprocess("-p", "no:randomly", "-k", "test_e or test_zz")

    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*test_zz_then_no_mock_is_active_and_requests_is_unpatched*"])
