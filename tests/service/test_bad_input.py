"""In-process input the AWS model never sees: options, fault arguments and assertion criteria that used to
escape with an unrelated error (or be accepted) now fail clearly, naming what to change."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from mock_partner_events import PartnerEventsMock, mock_partner_events

SOURCE = "aws.partner/example.com/1234/orders"
DEEP = 999  # a Detail nested about 1,000 levels (AWS documents 1,000 as the limit it processes)


def client() -> Any:
    return boto3.client(
        "events",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(retries={"total_max_attempts": 1}),  # type: ignore[arg-type]
    )


def put(*details: Any) -> dict[str, Any]:
    entries = [{"Source": SOURCE, "DetailType": "OrderCreated", "Detail": json.dumps(d)} for d in details or [{}]]
    response: dict[str, Any] = client().put_partner_events(Entries=entries)
    return response


# -- seed ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", ["x", 1.5, True, [1]])
def test_seed_must_be_an_int_or_none(seed: Any) -> None:
    with pytest.raises(ValueError, match=r"seed must be an int .* or None \(random\), not "):
        mock_partner_events(seed=seed)


def test_an_int_seed_repeats_event_ids() -> None:
    ids = []
    for _ in range(2):
        with mock_partner_events(seed=7):
            ids.append(put()["Entries"][0]["EventId"])
    assert ids[0] == ids[1]


# -- delay -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seconds", [float("nan"), float("inf"), -1, 1e12, 86_401, "1"])
def test_delay_takes_finite_seconds_up_to_a_day(mock: PartnerEventsMock, seconds: Any) -> None:
    with pytest.raises(ValueError, match=r"delay takes a finite number of seconds from 0 to 86,400 \(a day\)"):
        mock.faults.delay(seconds)

    assert put()["FailedEntryCount"] == 0  # nothing was registered: later calls are unaffected
    assert mock.faults.handles == []


def test_a_day_of_delay_is_accepted(mock: PartnerEventsMock) -> None:
    mock.faults.delay(86_400, times=1)

    assert put()["FailedEntryCount"] == 0
    assert mock.calls[-1].delay == 86_400


def test_delay_given_as_data_is_checked_too() -> None:
    with pytest.raises(ValueError, match=r"faults\[0\] \(delay\): delay takes a finite number"):
        mock_partner_events(faults=[{"delay": {"seconds": float("nan")}}])


# -- per-entry fault codes ---------------------------------------------------------------------------------------


def test_an_unknown_per_entry_code_is_refused_with_a_suggestion(mock: PartnerEventsMock) -> None:
    with pytest.raises(ValueError, match="per-entry ErrorCode") as raised:
        mock.faults.fail_entries("InternalFailur")

    message = str(raised.value)
    assert "fail_entries does not know the per-entry ErrorCode 'InternalFailur'" in message
    assert "(did you mean 'InternalFailure'?)" in message
    assert "InternalFailure, ThrottlingException, AccessDeniedException" in message
    assert "pass custom=True" in message


def test_a_custom_per_entry_code_needs_custom_true(mock: PartnerEventsMock) -> None:
    mock.faults.fail_entries("PartnerQuotaExceeded", message="over quota", custom=True, times=1)

    result = put()["Entries"][0]

    assert result == {"ErrorCode": "PartnerQuotaExceeded", "ErrorMessage": "over quota"}


def test_custom_codes_work_as_data_and_typos_fail_there_too() -> None:
    with mock_partner_events(faults=[{"fail_entries": {"error_code": "Mine", "custom": True, "times": 1}}]):
        assert put()["Entries"][0]["ErrorCode"] == "Mine"
    with pytest.raises(ValueError, match=r"faults\[0\] \(fail_entries\): .*did you mean 'MalformedDetail'"):
        mock_partner_events(faults=[{"fail_entries": {"error_code": "MalformedDetial"}}])


@pytest.mark.parametrize("code", ["InternalFailure", "ThrottlingException", "MalformedDetail", "InvalidArgument"])
def test_every_code_aws_documents_is_accepted(mock: PartnerEventsMock, code: str) -> None:
    mock.faults.fail_entries(code, times=1)

    assert put()["Entries"][0]["ErrorCode"] == code


def test_fail_requests_suggests_the_code_it_knows(mock: PartnerEventsMock) -> None:
    with pytest.raises(ValueError, match=r"'ThrotlingException' \(did you mean 'ThrottlingException'\?\)"):
        mock.faults.fail_requests("ThrotlingException")


# -- where= callables that raise ---------------------------------------------------------------------------------


def test_a_raising_where_callable_fails_the_call_clearly_and_the_call_is_recorded(mock: PartnerEventsMock) -> None:
    def broken(envelope: dict[str, Any]) -> bool:
        return bool(envelope["detail"]["missing"])

    mock.faults.fail_entries("MalformedDetail", where={"detail": {"id": [{"exists": False}]}}, times=1)

    fault = mock.faults.fail_entries("InternalFailure", where=broken, times=1)

    with pytest.raises(ClientError) as raised:
        put({}, {"id": 1})  # the first entry gets the injected MalformedDetail, the second breaks the fault

    error = raised.value.response["Error"]
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error["Code"] == "FaultWhereCallableError"
    assert error["Message"].startswith(
        "mock-partner-events: the where= callable of fail_entries(InternalFailure) raised KeyError: 'missing'."
    )
    call = mock.calls[-1]
    assert (call.operation, call.error_code) == ("PutPartnerEvents", "FaultWhereCallableError")
    assert len(mock.events) == 0
    assert len(mock.rejected) == 0
    assert fault.fired == 0  # times not used up


def test_a_raising_where_callable_leaves_no_provisioned_source(mock: PartnerEventsMock) -> None:
    mock.faults.fail_entries("InternalFailure", where=lambda envelope: 1 / 0)
    partner = boto3.client(
        "events", region_name="us-east-1", aws_access_key_id="123456789012", aws_secret_access_key="x"
    )

    with pytest.raises(ClientError):
        put()

    assert partner.list_partner_event_sources(NamePrefix="aws.partner/example.com/")["PartnerEventSources"] == []
    mock.faults.clear()
    assert put()["FailedEntryCount"] == 0  # and the next call provisions it as usual
    assert [
        source["Name"]
        for source in partner.list_partner_event_sources(NamePrefix="aws.partner/example.com/")["PartnerEventSources"]
    ] == [SOURCE]


# -- deep Details in assertions ----------------------------------------------------------------------------------


def nested(depth: int, leaf: Any) -> dict[str, Any]:
    value: Any = leaf
    for _ in range(depth):
        value = {"a": value}
    result: dict[str, Any] = value
    return result


def publish_deep() -> None:
    text = '{"a": ' * DEEP + '{"n": 1}' + "}" * DEEP  # json.dumps cannot write it: Python's recursion limit
    response = client().put_partner_events(Entries=[{"Source": SOURCE, "DetailType": "Deep", "Detail": text}])
    assert response["FailedEntryCount"] == 0


def test_a_failing_assertion_on_a_deep_detail_explains_itself(mock: PartnerEventsMock) -> None:
    publish_deep()

    with pytest.raises(AssertionError) as raised:
        mock.assert_published(detail=nested(DEEP, {"n": 2}))

    message = str(raised.value)
    assert "0 matched" in message
    assert f"detail['a']['a']['a'] ...({DEEP - 5} more)... ['a']['a']['n'] is 1, not 2" in message


def test_a_deep_detail_still_matches(mock: PartnerEventsMock) -> None:
    publish_deep()

    assert len(mock.assert_published(detail=nested(DEEP, {"n": 1}))) == 1
