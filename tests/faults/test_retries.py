"""botocore's real retry logic against injected faults, in legacy, standard and adaptive modes, on virtual time."""

from __future__ import annotations

import time
from typing import Any

import botocore.endpoint
import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time
from helpers import entry, make_client

from mock_partner_events import PartnerEventsMock, mock_partner_events

ENTRY = entry()
ATTEMPTS = {"legacy": 5, "standard": 3, "adaptive": 3}  # botocore's default total attempts per mode
MODES = list(ATTEMPTS)


def client_in(mode: str, total_attempts: int | None = None) -> Any:
    retries: dict[str, Any] = {"mode": mode}
    if total_attempts is not None:
        retries["total_max_attempts"] = total_attempts
    return make_client(retries=retries)


def put(client: Any, entry: dict[str, Any] = ENTRY) -> dict[str, Any]:
    response: dict[str, Any] = client.put_partner_events(Entries=[entry])
    return response


pytestmark = pytest.mark.partner_events(seed=11)  # the `mock` fixture (tests/conftest.py) is seeded


@pytest.mark.parametrize("mode", MODES)
def test_two_throttles_then_success_is_two_retries_and_no_duplicate(mock: PartnerEventsMock, mode: str) -> None:
    throttles = mock.faults.fail_requests("ThrottlingException", times=2)

    response = put(client_in(mode))

    assert response["ResponseMetadata"]["RetryAttempts"] == 2
    assert throttles.fired == 2
    assert [(call.attempt, call.error_code) for call in mock.calls] == [
        (1, "ThrottlingException"),
        (2, "ThrottlingException"),
        (3, None),
    ]
    assert len(mock.events) == 1
    assert mock.events.duplicates() == []


@pytest.mark.parametrize("mode", MODES)
def test_back_off_is_recorded_on_the_retried_calls_not_slept(mock: PartnerEventsMock, mode: str) -> None:
    mock.faults.fail_requests("ThrottlingException", times=2)

    put(client_in(mode))

    first, *retries = mock.calls
    assert first.backoff == 0
    assert all(call.backoff > 0 for call in retries)
    # adaptive's next-send wait may follow; the two sums add the same floats in another order (1e-9 of rounding)
    assert mock.total_backoff >= sum(call.backoff for call in retries) - 1e-9


@pytest.mark.parametrize("mode", MODES)
def test_internal_exception_is_retried_up_to_the_mode_limit_then_raised(mock: PartnerEventsMock, mode: str) -> None:
    mock.faults.fail_requests("InternalException")
    client = client_in(mode)

    with pytest.raises(client.exceptions.InternalException) as raised:
        put(client)

    assert len(mock.calls) == ATTEMPTS[mode]
    assert raised.value.response["ResponseMetadata"]["RetryAttempts"] == ATTEMPTS[mode] - 1
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert len(mock.events) == 0


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("code", ["OperationDisabledException", "ValidationException", "AccessDeniedException", "413"])
def test_client_errors_are_not_retried(mock: PartnerEventsMock, mode: str, code: str) -> None:
    mock.faults.fail_requests(code)

    with pytest.raises(ClientError) as raised:
        put(client_in(mode))

    assert raised.value.response["Error"]["Code"] == code
    assert raised.value.response["ResponseMetadata"]["RetryAttempts"] == 0
    assert len(mock.calls) == 1


def test_operation_disabled_surfaces_as_its_modelled_exception(mock: PartnerEventsMock) -> None:
    mock.faults.fail_requests("OperationDisabledException")
    client = client_in("standard")

    with pytest.raises(client.exceptions.OperationDisabledException):
        put(client)


@pytest.mark.parametrize("mode", MODES)
def test_per_entry_internal_failure_is_never_retried_by_botocore(mock: PartnerEventsMock, mode: str) -> None:
    mock.faults.fail_entries("InternalFailure", times=1)

    response = put(client_in(mode))

    assert response["FailedEntryCount"] == 1
    assert response["Entries"] == [{"ErrorCode": "InternalFailure", "ErrorMessage": "Internal Service Failure"}]
    assert response["ResponseMetadata"]["RetryAttempts"] == 0
    assert len(mock.calls) == 1


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("entry", [ENTRY, {**ENTRY, "Time": 1_700_000_000}], ids=["stamped-time", "own-time"])
def test_read_timeout_after_acceptance_makes_a_duplicate(
    mock: PartnerEventsMock, mode: str, entry: dict[str, Any]
) -> None:
    mock.faults.disconnect(when="after", times=1)

    response = put(client_in(mode), entry)

    assert response["ResponseMetadata"]["RetryAttempts"] == 1
    [group] = mock.events.duplicates()
    assert [event.attempt for event in group] == [1, 2]
    assert group[0].event_id != group[1].event_id
    assert response["Entries"][0]["EventId"] == group[1].event_id  # the client only heard of the second
    [resent] = mock.resent_entries()
    assert resent.times_accepted == 2


@pytest.mark.parametrize("mode", MODES)
def test_connection_error_before_the_bus_is_retried_without_a_duplicate(mock: PartnerEventsMock, mode: str) -> None:
    mock.faults.disconnect(when="before", times=2)

    response = put(client_in(mode))

    assert response["ResponseMetadata"]["RetryAttempts"] == 2
    assert len(mock.events) == 1
    assert [call.fault for call in mock.calls] == ["disconnect(before)", "disconnect(before)", None]


def test_ten_throttles_in_legacy_mode_take_milliseconds(mock: PartnerEventsMock) -> None:
    client = client_in("legacy", total_attempts=11)
    put(client)  # the client's first call resolves its endpoint; time only the retries
    mock.faults.fail_requests("ThrottlingException", times=10)

    started = time.perf_counter()
    response = put(client)
    elapsed = time.perf_counter() - started

    assert response["ResponseMetadata"]["RetryAttempts"] == 10
    assert elapsed < 0.1
    assert mock.total_backoff > 1  # legacy back-off doubles: ten real sleeps would take minutes


def test_adaptive_rate_limiter_waits_are_virtual_too(mock: PartnerEventsMock) -> None:
    client = client_in("adaptive", total_attempts=6)
    mock.faults.fail_requests("ThrottlingException", times=5)

    started = time.perf_counter()
    put(client)
    put(client)  # the limiter, now enabled at a low rate, makes this send wait for a token
    elapsed = time.perf_counter() - started

    assert elapsed < 0.5
    assert mock.calls[-1].backoff > 0 or mock.total_backoff > sum(call.backoff for call in mock.calls)


def test_frozen_clock_moves_by_the_back_off() -> None:
    with freeze_time("2024-05-01T12:00:00Z"), mock_partner_events(seed=3) as mock:
        started = time.time()
        mock.faults.fail_requests("ThrottlingException", times=3)

        put(client_in("standard", total_attempts=4))

        assert time.time() - started == pytest.approx(mock.total_backoff, abs=1e-5)
        assert mock.clock.now() == pytest.approx(time.time())
        assert mock.calls[-1].time - mock.calls[0].time == pytest.approx(mock.total_backoff, abs=1e-5)


def test_time_machine_clock_moves_by_the_back_off() -> None:
    import time_machine

    with time_machine.travel("2024-05-01T12:00:00Z", tick=False), mock_partner_events(seed=3) as mock:
        started = time.time()
        mock.faults.fail_requests("ThrottlingException", times=2)

        put(client_in("legacy"))

        assert time.time() - started == pytest.approx(mock.total_backoff, abs=1e-5)


def test_without_a_frozen_clock_the_mock_clock_absorbs_the_back_off(mock: PartnerEventsMock) -> None:
    mock.faults.fail_requests("ThrottlingException", times=2)

    put(client_in("standard"))

    assert mock.clock.added == pytest.approx(mock.total_backoff)


def test_virtual_backoff_false_really_sleeps_and_records_nothing() -> None:
    with mock_partner_events(virtual_backoff=False) as mock:
        started = time.perf_counter()
        botocore.endpoint.time.sleep(0.02)  # what botocore calls between attempts
        assert time.perf_counter() - started >= 0.02
        assert mock.total_backoff == 0


def test_botocore_sleeps_are_virtual_only_while_a_mock_is_active() -> None:
    started = time.perf_counter()
    botocore.endpoint.time.sleep(0.02)
    assert time.perf_counter() - started >= 0.02
    with mock_partner_events() as mock:
        botocore.endpoint.time.sleep(30)
        assert mock.total_backoff == 30
    assert time.sleep is not botocore.endpoint.time.sleep  # the global sleep is never patched


@pytest.mark.parametrize(("mode", "calls"), [("legacy", 1), ("standard", 3), ("adaptive", 3)])
def test_limit_exceeded_is_retried_in_standard_and_adaptive_only(
    mock: PartnerEventsMock, mode: str, calls: int
) -> None:
    mock.faults.fail_requests("LimitExceededException")
    client = client_in(mode)

    with pytest.raises(client.exceptions.LimitExceededException):
        put(client)

    assert len(mock.calls) == calls
