"""Faults as data: `mock_partner_events(faults=[...])`, the pytest marker, and clear errors for bad specs."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import NO_RETRIES, entry, make_client

from mock_partner_events import mock_partner_events

THROTTLE_TWICE = [{"fail_requests": {"error_code": "ThrottlingException", "times": 2}}]


def standard_retry_client() -> Any:
    return make_client(retries={"mode": "standard"})


def put(events: Any, order: int = 1) -> dict[str, Any]:
    response: dict[str, Any] = events.put_partner_events(Entries=[entry(detail={"id": order})])
    return response


def test_faults_option_loads_every_method() -> None:
    faults = [
        {"delay": {"seconds": 1.5, "times": 1}},
        {"fail_requests": {"error_code": "ThrottlingException", "times": 1}},
        {"fail_entries": {"where": {"detail": {"id": [2]}}}},
        {"disconnect": {"when": "after", "times": 1}},
        {"throttle": {"rate": 100, "burst": 10}},
    ]
    with mock_partner_events(faults=faults, seed=1) as mock:
        events = standard_retry_client()
        first = put(events, 1)
        second = put(events, 2)

    assert first["ResponseMetadata"]["RetryAttempts"] == 2  # throttled, then the answer was lost
    assert second["Entries"][0]["ErrorCode"] == "InternalFailure"
    assert [call.fault for call in mock.calls] == [
        "delay(1.5s) + fail_requests(ThrottlingException)",
        "disconnect(after)",
        None,
        "fail_entries(InternalFailure)",
    ]
    assert [handle.fired for handle in mock.faults.handles] == [1, 1, 1, 1, 0]


def test_reset_loads_the_faults_option_again() -> None:
    with mock_partner_events(faults=THROTTLE_TWICE) as mock:
        put(standard_retry_client())
        mock.reset()
        response = put(standard_retry_client())

    assert response["ResponseMetadata"]["RetryAttempts"] == 2


def test_a_method_without_arguments_takes_none_or_an_empty_dict() -> None:
    with mock_partner_events(faults=[{"throttle": None}, {"fail_entries": {}}]) as mock:
        assert [handle.description for handle in mock.faults.handles] == [
            "throttle(1400/s, burst 3600)",
            "fail_entries(InternalFailure)",
        ]


@pytest.mark.parametrize(
    ("faults", "message"),
    [
        (
            [{"fail_request": {}}],
            "faults[0] names 'fail_request' (did you mean 'fail_requests' or 'fail_entries'?), which is not a fault "
            "method; use one of fail_entries, fail_requests, throttle, delay, disconnect",
        ),
        (
            [{"fail_requests": {"times": 1, "messages": "No."}}],
            "faults[0]: fail_requests takes no argument 'messages' (did you mean 'message'?); it takes error_code,",
        ),
        (
            [{"fail_requests": {"code": "ThrottlingException"}}],
            "faults[0]: fail_requests takes no argument 'code'; it takes error_code, message, status, times, "
            "probability, operations",
        ),
        ([{"delay": {"seconds": 1}}, {"disconnect": {"when": "later"}}], "faults[1] (disconnect): disconnect(when="),
        ([{"fail_requests": {}, "delay": {"seconds": 1}}], "faults[0] must be a dict with one key naming a method"),
        ([{"fail_requests": ["ThrottlingException"]}], "the arguments of fail_requests must be a dict"),
        (
            [{"fail_entries": {"where": {"detail": "x"}}}],
            "faults[0] (fail_entries): where= is not a valid EventBridge event pattern",
        ),
        ({"fail_requests": {}}, "faults must be a list of {method: arguments} dicts"),
    ],
)
def test_bad_specs_name_the_problem(faults: Any, message: str) -> None:
    with pytest.raises(ValueError, match=r"^mock-partner-events: ") as raised:
        mock_partner_events(faults=faults)

    assert message in str(raised.value)


def test_load_adds_to_the_faults_already_there() -> None:
    with mock_partner_events() as mock:
        mock.faults.fail_entries()
        added = mock.faults.load(THROTTLE_TWICE)

        assert [handle.description for handle in mock.faults.handles] == [
            "fail_entries(InternalFailure)",
            "fail_requests(ThrottlingException)",
        ]
        assert added == mock.faults.handles[1:]
        with pytest.raises(ClientError):
            make_client(retries=NO_RETRIES).put_partner_events(Entries=[entry("T", detail={})])


def test_marker_faults_reach_the_fixture(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3
        import pytest

        SOURCE = "aws.partner/example.com/1234/orders"

        @pytest.mark.partner_events(faults=[{"fail_requests": {"error_code": "ThrottlingException", "times": 2}}])
        def test_retried(partner_events):
            client = boto3.client("events", region_name="us-east-1", aws_access_key_id="k",
                                  aws_secret_access_key="s")
            response = client.put_partner_events(
                Entries=[{"Source": SOURCE, "DetailType": "T", "Detail": "{}"}])
            assert response["ResponseMetadata"]["RetryAttempts"] == 2
            assert [call.fault for call in partner_events.calls][:2] == ["fail_requests(ThrottlingException)"] * 2
            assert partner_events.total_backoff > 0

        @pytest.mark.partner_events(faults=[{"fail_request": {}}])
        def test_bad_spec(partner_events):
            pass
        """
    )

    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    result = pytester.runpytest("-p", "no:randomly")

    result.assert_outcomes(passed=1, errors=1)
    result.stdout.re_match_lines(
        [r".*ValueError: mock-partner-events: faults\[0\] names 'fail_request' \(did you mean 'fail_requests'.*"]
    )
