"""The pytest plugin from the outside (pytester): the `partner_events` fixture, its marker and failure output."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers import QUIET_PLUGINS, pytester_runner

PUBLISH = """
import json

import boto3
import pytest

SOURCE = "aws.partner/example.com/1234/orders"


def publish(detail_type, **detail):
    events = boto3.client(
        "events", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    entry = {"Source": SOURCE, "DetailType": detail_type, "Detail": json.dumps(detail)}
    return events.put_partner_events(Entries=[entry])
"""


Run = Callable[..., pytest.RunResult]


@pytest.fixture
def run(pytester: pytest.Pytester) -> Run:
    """Write a test module (with a `publish` helper) and run pytest on it in-process."""
    return pytester_runner(pytester, PUBLISH)


def test_fixture_is_an_active_mock_without_any_import(run: Run) -> None:
    result = run(
        """
from mock_partner_events import PartnerEventsMock, current_mock

def test_publish(partner_events):
    assert isinstance(partner_events, PartnerEventsMock)
    assert current_mock() is partner_events
    publish("OrderCreated", id=1)
    partner_events.assert_published(detail_type="OrderCreated", detail={"id": 1})

async def test_async_test_gets_it_too(partner_events):
    publish("OrderCreated", id=2)
    assert len(partner_events.events) == 1
"""
    )

    result.assert_outcomes(passed=2)


def test_each_test_gets_a_fresh_mock_even_after_a_failure(run: Run) -> None:
    result = run(
        """
from mock_partner_events import current_mock

def test_1_fails_inside_the_mock(partner_events):
    publish("OrderCreated")
    raise RuntimeError("boom")

def test_2_starts_clean(partner_events):
    assert len(partner_events.events) == 0

def test_3_no_mock_left_active():
    with pytest.raises(RuntimeError, match="no mock is active"):
        current_mock()
"""
    )

    result.assert_outcomes(passed=2, failed=1)


def test_marker_options_reach_the_mock_and_the_closest_marker_wins(run: Run) -> None:
    result = run(
        """
pytestmark = pytest.mark.partner_events(customer_account="222222222222", seed=1)

def test_module_marker(partner_events):
    assert partner_events.options.customer_account == "222222222222"

@pytest.mark.partner_events(customer_account="333333333333")
class TestClass:
    def test_class_marker_wins_and_keeps_the_others(self, partner_events):
        publish("OrderCreated")
        assert partner_events.events.one().customer_account == "333333333333"
        assert partner_events.options.seed == 1

    @pytest.mark.partner_events(customer_account="444444444444")
    def test_function_marker_wins(self, partner_events):
        assert partner_events.options.customer_account == "444444444444"

@pytest.mark.partner_events(unknown_sources="reject")
def test_options_change_behaviour(partner_events):
    response = publish("OrderCreated")
    assert response["Entries"][0]["ErrorCode"] == "NotAuthorizedForSourceException"
"""
    )

    result.assert_outcomes(passed=4)


def test_marker_with_positional_arguments_is_an_error(run: Run) -> None:
    result = run(
        """
@pytest.mark.partner_events(1)
def test_positional(partner_events):
    pass
"""
    )

    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*@pytest.mark.partner_events on test_module.py::test_positional takes keyword options only, e.g. seed=1*"]
    )


def test_marker_with_an_unknown_option_is_an_error(run: Run) -> None:
    result = run(
        """
@pytest.mark.partner_events(sede=1)
def test_typo(partner_events):
    pass
"""
    )

    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*@pytest.mark.partner_events on test_module.py::test_typo got unknown option 'sede' "
            "(did you mean 'seed'?).",
            "Valid options: partner_account, customer_account, *",
        ]
    )


def test_strict_markers_knows_the_marker(run: Run, pytester: pytest.Pytester) -> None:
    result = run(
        """
@pytest.mark.partner_events(seed=1)
def test_marked(partner_events):
    pass
""",
        "--strict-markers",
    )

    result.assert_outcomes(passed=1)
    listed = pytester.runpytest(*QUIET_PLUGINS, "--markers")
    listed.stdout.fnmatch_lines(["@pytest.mark.partner_events(**options): *"])


FAILING = """
def test_wrong_detail(partner_events):
    publish("OrderCreated", id=1)
    publish("OrderShipped", id=2)
    partner_events.assert_published(detail_type="OrderCreated", detail={"id": 2})
"""


@pytest.mark.parametrize("assert_mode", ["rewrite", "plain"])
def test_failure_output_shows_what_was_published(run: Run, assert_mode: str) -> None:
    result = run(FAILING, f"--assert={assert_mode}")

    result.assert_outcomes(failed=1)
    table = [
        "AssertionError: mock-partner-events: expected at least one published event with "
        "detail_type='OrderCreated', detail={'id': 2}; 0 matched.",
        "",
        "Published (2 events):",
        "  #  source                               detail-type   account       delivered  missed criteria",
        "  0  aws.partner/example.com/1234/orders  OrderCreated  111122223333  yes        detail[[]'id'] is 1, not 2",
        "  1  aws.partner/example.com/1234/orders  OrderShipped  111122223333  yes        "
        "detail_type is 'OrderShipped', not 'OrderCreated'",
        "",
        "Criteria keywords and examples: https://mock-partner-events.github.io/mock-partner-events/guides/assertions/#criteria",
    ]
    result.stdout.fnmatch_lines([f"E       {line}" for line in table])
    result.stdout.no_fnmatch_line("*mock_partner_events/_engine.py*")  # __tracebackhide__ hides our frames
