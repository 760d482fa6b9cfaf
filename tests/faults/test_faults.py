"""mock.faults through boto3: per-entry and request-level failures, throttling, latency and lost connections."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from typing import Any

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError, ReadTimeoutError
from freezegun import freeze_time
from helpers import NO_RETRIES, OTHER_PARTNER, entry, make_client

from mock_partner_events import PartnerEventsMock, mock_partner_events


def put(client: Any, *orders: int) -> dict[str, Any]:
    response: dict[str, Any] = client.put_partner_events(
        Entries=[entry(detail={"id": order}) for order in orders or (1,)]
    )
    return response


def failed_codes(response: dict[str, Any]) -> list[str | None]:
    return [result.get("ErrorCode") for result in response["Entries"]]


def request_error(client: Any, *orders: int) -> tuple[int, str, str]:
    with pytest.raises(ClientError) as raised:
        put(client, *orders)
    answer = raised.value.response
    return answer["ResponseMetadata"]["HTTPStatusCode"], answer["Error"]["Code"], answer["Error"]["Message"]


pytestmark = pytest.mark.partner_events(seed=5)  # the `mock` fixture (tests/conftest.py) is seeded


# -- fail_entries --------------------------------------------------------------------------------------------


def test_fail_entries_answers_200_with_aws_internal_failure(mock: PartnerEventsMock, no_retry_client: Any) -> None:
    mock.faults.fail_entries(times=1)

    response = put(no_retry_client, 1, 2)

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["FailedEntryCount"] == 1
    assert response["Entries"][0] == {"ErrorCode": "InternalFailure", "ErrorMessage": "Internal Service Failure"}
    assert "EventId" in response["Entries"][1]
    assert [(item.index, item.error_code) for item in mock.rejected] == [(0, "InternalFailure")]
    assert [event.detail for event in mock.events] == [{"id": 2}]
    assert mock.calls[0].fault == "fail_entries(InternalFailure)"


def test_fail_entries_where_an_event_pattern_matches(mock: PartnerEventsMock, no_retry_client: Any) -> None:
    mock.faults.fail_entries("ThrottlingException", where={"detail": {"id": [2, 4]}})

    response = put(no_retry_client, 1, 2, 3, 4)

    assert failed_codes(response) == [None, "ThrottlingException", None, "ThrottlingException"]
    assert response["Entries"][1]["ErrorMessage"] == "Rate exceeded"


def test_fail_entries_where_pattern_sees_the_envelope(mock: PartnerEventsMock, no_retry_client: Any) -> None:
    mock.faults.fail_entries(where='{"detail-type": ["OrderCancelled"], "account": ["111122223333"]}')

    response = no_retry_client.put_partner_events(
        Entries=[entry(detail={"id": 1}), entry("OrderCancelled", detail={"id": 2})]
    )

    assert failed_codes(response) == [None, "InternalFailure"]


def test_fail_entries_where_a_callable_says_so(mock: PartnerEventsMock, no_retry_client: Any) -> None:
    seen: list[dict[str, Any]] = []

    def odd_orders(envelope: dict[str, Any]) -> bool:
        seen.append(envelope)
        return bool(envelope["detail"]["id"] % 2)

    mock.faults.fail_entries("AccessDeniedException", message="Not for you.", where=odd_orders)

    response = put(no_retry_client, 1, 2, 3)

    assert failed_codes(response) == ["AccessDeniedException", None, "AccessDeniedException"]
    assert response["Entries"][0]["ErrorMessage"] == "Not for you."
    assert {key for key in seen[0]} >= {"id", "source", "detail-type", "account", "region", "time", "detail"}


def test_an_invalid_where_pattern_fails_at_registration(mock: PartnerEventsMock) -> None:
    with pytest.raises(ValueError, match=r"where= is not a valid EventBridge event pattern; .*Event pattern is not"):
        mock.faults.fail_entries(where={"detail": {"id": 2}})


def test_entries_aws_already_rejects_are_not_seen_by_entry_faults(
    mock: PartnerEventsMock, no_retry_client: Any
) -> None:
    failure = mock.faults.fail_entries(times=1)
    broken = entry(Detail="[1]")

    response = no_retry_client.put_partner_events(Entries=[broken, entry(detail={"id": 2})])

    assert failed_codes(response) == ["MalformedDetail", "InternalFailure"]
    assert failure.fired == 1


def test_times_limits_firing_and_fired_counts(mock: PartnerEventsMock, no_retry_client: Any) -> None:
    failure = mock.faults.fail_entries(times=2)

    first = put(no_retry_client, 1, 2, 3)
    second = put(no_retry_client, 4)

    assert failed_codes(first) == ["InternalFailure", "InternalFailure", None]
    assert failed_codes(second) == [None]
    assert failure.fired == 2
    assert repr(failure) == "<fault fail_entries(InternalFailure): fired 2/2>"


def test_remove_stops_a_fault_and_keeps_its_count(mock: PartnerEventsMock, no_retry_client: Any) -> None:
    throttle = mock.faults.fail_requests()
    request_error(no_retry_client)

    throttle.remove()
    throttle.remove()  # harmless twice

    assert put(no_retry_client)["FailedEntryCount"] == 0
    assert throttle.fired == 1
    assert mock.faults.handles == []


def test_clear_removes_every_fault(mock: PartnerEventsMock, no_retry_client: Any) -> None:
    mock.faults.fail_requests()
    mock.faults.fail_entries()
    mock.faults.disconnect()

    mock.faults.clear()

    assert put(no_retry_client)["FailedEntryCount"] == 0
    assert mock.calls[-1].fault is None


def failures_with_seed(seed: int, client: Any) -> list[int]:
    with mock_partner_events(seed=seed) as mock:
        mock.faults.fail_entries(probability=0.3)
        mock.faults.fail_requests("InternalException", probability=0.2)
        for batch in range(10):
            with contextlib.suppress(ClientError):
                put(client, *range(batch * 10, batch * 10 + 10))
        return [json.loads(item.entry["Detail"])["id"] for item in mock.rejected] + [
            index for index, call in enumerate(mock.calls) if call.error_code
        ]


def test_seeded_probabilistic_faults_give_the_same_outcome_every_run(no_retry_client: Any) -> None:
    outcome = failures_with_seed(42, no_retry_client)

    assert outcome == failures_with_seed(42, no_retry_client)
    assert 0 < len(outcome) < 100
    assert outcome != failures_with_seed(43, no_retry_client)


def test_probability_one_always_fires(mock: PartnerEventsMock, no_retry_client: Any) -> None:
    mock.faults.fail_entries(probability=1)

    assert failed_codes(put(no_retry_client, 1, 2)) == ["InternalFailure", "InternalFailure"]


# -- fail_requests -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "status", "message"),
    [
        ("ThrottlingException", 400, "Rate exceeded"),
        ("InternalException", 500, "This exception occurs due to unexpected causes."),
        ("OperationDisabledException", 400, "The operation you are attempting is not available in this region."),
        ("ServiceUnavailable", 503, "The request has failed due to a temporary failure of the server."),
        ("AccessDeniedException", 400, "You do not have sufficient access to perform this action."),
        (
            "InternalFailure",
            500,
            "The request processing has failed because of an unknown error, exception or failure.",
        ),
    ],
)
def test_fail_requests_uses_aws_status_and_message(
    mock: PartnerEventsMock, no_retry_client: Any, code: str, status: int, message: str
) -> None:
    mock.faults.fail_requests(code)

    assert request_error(no_retry_client) == (status, code, message)
    assert mock.events == []
    assert mock.calls[0].fault == f"fail_requests({code})"
    assert mock.calls[0].params == {"Entries": [entry()]}  # what was sent is still recorded


def test_fail_requests_with_its_own_message_and_status(mock: PartnerEventsMock, no_retry_client: Any) -> None:
    mock.faults.fail_requests("SlowDown", message="Please slow down.", status=503)

    assert request_error(no_retry_client) == (503, "SlowDown", "Please slow down.")


def test_bare_413_has_an_empty_body(mock: PartnerEventsMock, no_retry_client: Any) -> None:
    mock.faults.fail_requests("413")

    with pytest.raises(ClientError) as raised:
        put(no_retry_client)

    assert raised.value.response["Error"] == {"Code": "413", "Message": ""}
    assert raised.value.response["ResponseMetadata"]["HTTPHeaders"]["content-length"] == "0"
    assert mock.calls[0].response is None


def test_an_unknown_code_needs_a_status(mock: PartnerEventsMock) -> None:
    with pytest.raises(ValueError, match=r"does not know the HTTP status AWS sends with 'ThrottlingExcepton'"):
        mock.faults.fail_requests("ThrottlingExcepton")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"times": 0}, "times must be a positive int"),
        ({"probability": 1.5}, r"probability must be in \(0, 1\]"),
        ({"status": 200}, "status must be an HTTP error status"),
        ({"error_code": ""}, "error_code must be a non-empty string"),
    ],
)
def test_bad_arguments_fail_at_registration(mock: PartnerEventsMock, arguments: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        mock.faults.fail_requests(**arguments)


def test_fail_requests_only_for_named_operations(mock: PartnerEventsMock, no_retry_client: Any) -> None:
    other = mock.faults.fail_requests(operations=["CreatePartnerEventSource"])

    assert put(no_retry_client)["FailedEntryCount"] == 0
    assert other.fired == 0


# -- throttle ------------------------------------------------------------------------------------------------


def test_throttle_defaults_to_the_published_quota(mock: PartnerEventsMock) -> None:
    throttle = mock.faults.throttle()

    assert (throttle.rate, throttle.burst) == (1400, 3600)  # type: ignore[attr-defined]
    assert throttle.description == "throttle(1400/s, burst 3600)"


def test_throttle_is_a_token_bucket_on_the_mock_clock(no_retry_client: Any) -> None:
    with freeze_time("2024-05-01T12:00:00Z") as frozen, mock_partner_events() as mock:
        throttle = mock.faults.throttle(rate=2, burst=3)
        first = [_answer(no_retry_client) for _ in range(5)]
        frozen.tick(1.0)  # two tokens back
        second = [_answer(no_retry_client) for _ in range(3)]

    assert first == ["ok", "ok", "ok", "ThrottlingException", "ThrottlingException"]
    assert second == ["ok", "ok", "ThrottlingException"]
    assert throttle.fired == 3
    assert mock.calls[3].error_message == "Rate exceeded"


def test_throttle_keeps_one_bucket_per_account_and_region(mock: PartnerEventsMock) -> None:
    mock.faults.throttle(rate=0.001, burst=1)
    east, west, other_account = (
        make_client(retries=NO_RETRIES),
        make_client(region="us-west-2", retries=NO_RETRIES),
        make_client(OTHER_PARTNER, retries=NO_RETRIES),
    )

    assert [_answer(east), _answer(west), _answer(other_account)] == ["ok", "ok", "ok"]
    assert [_answer(east), _answer(west), _answer(other_account)] == ["ThrottlingException"] * 3


def test_throttle_refills_during_virtual_back_off(mock: PartnerEventsMock) -> None:
    mock.faults.throttle(rate=100, burst=1)
    retrying = make_client(retries={"mode": "standard", "total_max_attempts": 10})
    put(retrying)

    response = put(retrying)  # throttled until botocore's (virtual) back-off has let a token refill

    assert response["FailedEntryCount"] == 0
    assert mock.calls[-1].error_code is None


def _answer(client: Any) -> str:
    try:
        put(client)
    except ClientError as error:
        return str(error.response["Error"]["Code"])
    return "ok"


# -- delay and disconnect ------------------------------------------------------------------------------------


def test_delay_is_recorded_and_moves_the_mock_clock_without_sleeping(
    mock: PartnerEventsMock, no_retry_client: Any
) -> None:
    mock.faults.delay(2.5, times=1)
    before = mock.clock.now()

    started = time.perf_counter()
    put(no_retry_client)
    put(no_retry_client)

    assert time.perf_counter() - started < 1
    assert [call.delay for call in mock.calls] == [2.5, 0.0]
    assert mock.calls[0].fault == "delay(2.5s)"
    assert mock.clock.now() - before >= 2.5
    assert mock.calls[1].time - mock.calls[0].time >= 2.5


def test_delay_moves_a_frozen_clock(no_retry_client: Any) -> None:
    with freeze_time("2024-05-01T12:00:00Z"), mock_partner_events() as mock:
        mock.faults.delay(90)
        started = time.time()
        put(no_retry_client)
        assert time.time() - started == 90
        assert mock.calls[0].delay == 90


def test_real_delay_sleeps(mock: PartnerEventsMock, no_retry_client: Any) -> None:
    mock.faults.delay(0.05, real=True)

    started = time.perf_counter()
    put(no_retry_client)

    assert time.perf_counter() - started >= 0.05
    assert mock.calls[0].fault == "delay(0.05s, real)"


def test_delays_add_up_and_the_first_failure_decides(mock: PartnerEventsMock, no_retry_client: Any) -> None:
    mock.faults.delay(1)
    mock.faults.fail_requests("ServiceUnavailable")
    later = mock.faults.fail_requests("InternalException")

    assert request_error(no_retry_client)[1] == "ServiceUnavailable"
    assert mock.calls[0].fault == "delay(1s) + fail_requests(ServiceUnavailable)"
    assert later.fired == 0


def test_disconnect_before_reaches_nothing(mock: PartnerEventsMock, no_retry_client: Any) -> None:
    mock.faults.disconnect(when="before", times=1)

    with pytest.raises(EndpointConnectionError):
        put(no_retry_client)

    assert mock.events == []
    assert mock.calls[0].fault == "disconnect(before)"
    assert mock.calls[0].status == 0


def test_disconnect_after_records_what_the_client_never_heard(mock: PartnerEventsMock, no_retry_client: Any) -> None:
    mock.faults.disconnect(when="after", times=1)

    with pytest.raises(ReadTimeoutError):
        put(no_retry_client, 7)

    assert [event.detail for event in mock.events] == [{"id": 7}]
    assert mock.calls[0].ok


def test_disconnect_when_must_be_before_or_after(mock: PartnerEventsMock) -> None:
    with pytest.raises(ValueError, match=r"'before' .* or 'after'"):
        mock.faults.disconnect(when="during")


# -- threads -------------------------------------------------------------------------------------------------


def test_faults_fire_exactly_times_across_threads(mock: PartnerEventsMock) -> None:
    failure = mock.faults.fail_entries(times=30)

    def publish() -> None:
        client = make_client(retries=NO_RETRIES)
        for order in range(25):
            put(client, order)

    threads = [threading.Thread(target=publish) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failure.fired == 30
    assert len(mock.rejected) == 30
    assert len(mock.events) == 70
