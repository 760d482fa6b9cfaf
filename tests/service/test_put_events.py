"""PutPartnerEvents through boto3: every validation rule of the reference's section 1, with AWS's exact answers."""

from __future__ import annotations

import json
import re
import time
import uuid
from datetime import datetime, timezone
from typing import Any

import pytest
from botocore.exceptions import ClientError, ParamValidationError
from helpers import SOURCE, URL, entry, error_of, make_client

from mock_partner_events import PartnerEventsMock, UnmockedOperationError, mock_partner_events
from mock_partner_events._wire.protocol import HttpRequest

SOURCE_PATTERN = r"aws\.partner(/[\.\-_A-Za-z0-9]+){2,}"
SIZE_MESSAGE = "Total size of the entries in the request is over the limit."


def put(client: Any, *entries: dict[str, Any]) -> dict[str, Any]:
    response: dict[str, Any] = client.put_partner_events(Entries=list(entries))
    return response


def send_raw(mock: PartnerEventsMock, body: bytes | str, target: str = "AWSEvents.PutPartnerEvents") -> Any:
    """Bytes that botocore would never send, straight into the engine as a transport hands them over."""
    headers = {"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"}
    return mock.handle(HttpRequest.build("POST", URL, headers, body))


# -- entry count ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 20])
def test_one_to_twenty_entries_are_accepted(mock: PartnerEventsMock, client: Any, count: int) -> None:
    response = put(client, *[entry(Detail=json.dumps({"n": n})) for n in range(count)])

    assert response["FailedEntryCount"] == 0
    assert len(response["Entries"]) == count
    assert [event.detail["n"] for event in mock.events] == list(range(count))


def test_twenty_one_entries_fail_the_request_in_coral_format(mock: PartnerEventsMock, client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        put(client, *[entry(Resources=["arn:aws:r"])] * 21)

    code, message = error_of(raised)
    one = (
        f"PutPartnerEventsRequestEntry(time=null, source={SOURCE}, resources=[arn:aws:r], "
        'detailType=OrderCreated, detail={"id": 1})'
    )
    assert code == "ValidationException"
    assert message == (
        f"1 validation error detected: Value '[{', '.join([one] * 21)}]' at 'entries' failed to satisfy "
        "constraint: Member must have length less than or equal to 20"
    )
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert len(mock.events) == 0


def test_zero_entries_are_refused_by_botocore_before_sending(mock: PartnerEventsMock, client: Any) -> None:
    with pytest.raises(ParamValidationError, match="valid min length: 1"):
        put(client)

    assert mock.calls == []


def test_zero_entries_sent_anyway_get_the_servers_validation_error(mock: PartnerEventsMock, raw_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        put(raw_client)

    assert error_of(raised) == (
        "ValidationException",
        "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1",
    )


# -- Source, DetailType, Resources ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source", ["aws.partner/example.com", "aws.partner/example.com/", "custom/example.com/1", "aws.partner/a b/c"]
)
def test_source_must_match_the_models_pattern(mock: PartnerEventsMock, client: Any, source: str) -> None:
    with pytest.raises(ClientError) as raised:
        put(client, entry(), entry(Source=source))

    assert error_of(raised) == (
        "ValidationException",
        f"1 validation error detected: Value '{source}' at 'entries.2.member.source' failed to satisfy "
        f"constraint: Member must satisfy regular expression pattern: {SOURCE_PATTERN}",
    )
    assert len(mock.events) == 0


def test_source_of_256_characters_is_accepted(mock: PartnerEventsMock, client: Any) -> None:
    source = "aws.partner/example.com/" + "x" * (256 - len("aws.partner/example.com/"))

    assert put(client, entry(Source=source))["FailedEntryCount"] == 0


def test_source_over_256_characters_and_a_bad_pattern_are_both_listed(mock: PartnerEventsMock, client: Any) -> None:
    long_source = "aws.partner/example.com/" + "x" * 233

    with pytest.raises(ClientError) as raised:
        put(client, entry(Source=long_source), entry(Source="nope"))

    assert error_of(raised) == (
        "ValidationException",
        f"2 validation errors detected: Value '{long_source}' at 'entries.1.member.source' failed to satisfy "
        "constraint: Member must have length less than or equal to 256; "
        "Value 'nope' at 'entries.2.member.source' failed to satisfy constraint: "
        f"Member must satisfy regular expression pattern: {SOURCE_PATTERN}",
    )


def test_detail_type_of_128_characters_is_accepted(mock: PartnerEventsMock, client: Any) -> None:
    assert put(client, entry(DetailType="T" * 128))["FailedEntryCount"] == 0


def test_detail_type_over_128_characters_fails_only_that_entry(mock: PartnerEventsMock, client: Any) -> None:
    response = put(client, entry(), entry(DetailType="T" * 129))

    assert response["FailedEntryCount"] == 1
    assert response["Entries"][1] == {
        "ErrorCode": "InvalidArgument",
        "ErrorMessage": "Parameter DetailType is not valid. Reason: DetailType must be at most 128 characters long.",
    }
    assert len(mock.events) == 1


EMOJI = "\U0001f600"  # outside the Basic Multilingual Plane: one code point, two UTF-16 code units


def test_detail_type_length_counts_utf16_code_units_as_aws_does(mock: PartnerEventsMock, client: Any) -> None:
    response = put(client, entry(DetailType=EMOJI * 64), entry(DetailType=EMOJI * 65), entry(DetailType="é" * 128))

    assert [result.get("ErrorCode") for result in response["Entries"]] == [None, "InvalidArgument", None]


def test_128_emoji_are_256_units_and_too_long_for_a_detail_type(mock: PartnerEventsMock, client: Any) -> None:
    response = put(client, entry(DetailType=EMOJI * 128))

    assert response["Entries"][0]["ErrorMessage"] == (
        "Parameter DetailType is not valid. Reason: DetailType must be at most 128 characters long."
    )


def test_resource_length_counts_utf16_code_units(mock: PartnerEventsMock, client: Any) -> None:
    put(client, entry(Resources=[EMOJI * 1024]))  # 2048 units: the limit
    with pytest.raises(ClientError) as raised:
        put(client, entry(Resources=[EMOJI * 1025]))

    assert error_of(raised) == (
        "ValidationException",
        f"1 validation error detected: Value '{EMOJI * 1025}' at 'entries.1.member.resources.1.member' failed "
        "to satisfy constraint: Member must have length less than or equal to 2048",
    )
    assert mock.events.one().resources == (EMOJI * 1024,)


def test_resource_of_2048_characters_is_accepted(mock: PartnerEventsMock, client: Any) -> None:
    put(client, entry(Resources=["r" * 2048]))

    assert mock.events.one().resources == ("r" * 2048,)


def test_resource_over_2048_characters_fails_the_request(mock: PartnerEventsMock, client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        put(client, entry(Resources=["ok", "r" * 2049]))

    assert error_of(raised) == (
        "ValidationException",
        f"1 validation error detected: Value '{'r' * 2049}' at 'entries.1.member.resources.2.member' failed to "
        "satisfy constraint: Member must have length less than or equal to 2048",
    )


# -- Detail --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [("1e400", float("inf")), ("-1e400", float("-inf")), ("1e-400", 0.0)])
def test_a_detail_number_beyond_double_range_is_accepted_and_kept_as_sent(
    mock: PartnerEventsMock, client: Any, text: str, value: float
) -> None:
    """Jackson (AWS's parser) reads 1e400 as an infinite double without complaint; only the bare words NaN and
    Infinity are not JSON. AWS's own answer is unknown (README "Modelled choices")."""
    detail = '{"n": ' + text + "}"

    assert put(client, entry(Detail=detail))["FailedEntryCount"] == 0

    event = mock.events.one()
    assert event.detail_json == detail
    assert event.detail == {"n": value}


@pytest.mark.parametrize(
    "detail",
    [
        pytest.param("NotJSON", id="not-json"),
        pytest.param("[]", id="array"),
        pytest.param("{{}", id="broken-object"),
        pytest.param('"NotJSON"', id="json-string"),
        pytest.param("42", id="number"),
        pytest.param('{"x": NaN}', id="nan"),
        pytest.param('{"x": Infinity}', id="infinity"),
        pytest.param('{"x": 9223372036854775808}', id="int64-overflow"),
        pytest.param('{"x": -9223372036854775809}', id="int64-underflow"),
        pytest.param("[" * 5000 + "]" * 5000, id="deep-nesting"),
    ],
)
def test_detail_that_is_not_a_json_object_is_malformed(mock: PartnerEventsMock, client: Any, detail: str) -> None:
    response = put(client, entry(Detail=detail))

    assert response == {
        "FailedEntryCount": 1,
        "Entries": [{"ErrorCode": "MalformedDetail", "ErrorMessage": "Detail is malformed."}],
        "ResponseMetadata": response["ResponseMetadata"],
    }
    assert mock.rejected[0].error_code == "MalformedDetail"


def test_detail_integers_at_the_int64_limits_are_accepted(mock: PartnerEventsMock, client: Any) -> None:
    put(client, entry(Detail='{"low": -9223372036854775808, "high": 9223372036854775807}'))

    assert mock.events.one().detail == {"low": -(2**63), "high": 2**63 - 1}


@pytest.mark.parametrize(
    ("field", "absent"),
    [("Source", None), ("DetailType", None), ("DetailType", ""), ("Detail", None), ("Detail", "")],
)
def test_missing_or_empty_fields_fail_the_entry_with_awss_message(
    mock: PartnerEventsMock, raw_client: Any, field: str, absent: str | None
) -> None:
    response = put(raw_client, entry(**{field: absent}))

    assert response["Entries"] == [
        {
            "ErrorCode": "InvalidArgument",
            "ErrorMessage": f"Parameter {field} is not valid. Reason: {field} is a required argument.",
        }
    ]
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_empty_source_breaks_the_models_length_and_pattern(mock: PartnerEventsMock, raw_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        put(raw_client, entry(Source=""))

    assert error_of(raised) == (
        "ValidationException",
        "2 validation errors detected: Value '' at 'entries.1.member.source' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1; Value '' at 'entries.1.member.source' failed to "
        f"satisfy constraint: Member must satisfy regular expression pattern: {SOURCE_PATTERN}",
    )


def test_the_first_failing_check_decides_the_entrys_error(mock: PartnerEventsMock, client: Any) -> None:
    response = put(client, {"Detail": "NotJSON"}, {"Source": SOURCE, "Detail": "NotJSON"})

    assert [result["ErrorMessage"] for result in response["Entries"]] == [
        "Parameter Source is not valid. Reason: Source is a required argument.",
        "Parameter DetailType is not valid. Reason: DetailType is a required argument.",
    ]


def test_results_are_aligned_with_the_request(mock: PartnerEventsMock, client: Any) -> None:
    response = put(
        client,
        entry(Detail='{"n": 0}'),
        entry(Detail="[]"),
        entry(Detail='{"n": 2}'),
        entry(DetailType=None),
        entry(Detail='{"n": 4}'),
    )

    results = response["Entries"]
    assert response["FailedEntryCount"] == 2
    assert [sorted(result) for result in results] == [
        ["EventId"],
        ["ErrorCode", "ErrorMessage"],
        ["EventId"],
        ["ErrorCode", "ErrorMessage"],
        ["EventId"],
    ]
    assert [event.event_id for event in mock.events] == [
        results[0]["EventId"],
        results[2]["EventId"],
        results[4]["EventId"],
    ]
    assert [event.entry_index for event in mock.events] == [0, 2, 4]
    assert [(rejection.index, rejection.error_code) for rejection in mock.rejected] == [
        (1, "MalformedDetail"),
        (3, "InvalidArgument"),
    ]
    assert mock.rejected[0].entry == entry(Detail="[]")


# -- size ----------------------------------------------------------------------------------------------------


def padded_entries(total: int, *, with_time: bool = True) -> list[dict[str, Any]]:
    """Two entries whose AWS size (14 per Time + UTF-8 of Source, DetailType, Detail, Resources) is `total`."""
    fixed: dict[str, Any] = {"Source": SOURCE, "DetailType": "Big", "Resources": ["arn:aws:r:é"]}
    if with_time:
        fixed["Time"] = datetime(2024, 1, 1, tzinfo=timezone.utc)
    first_detail = '{"a": "é"}'  # é is two bytes: the formula counts bytes, not characters
    first = dict(fixed, Detail=first_detail)
    used = 2 * (14 * with_time + len(SOURCE) + len("Big") + len("arn:aws:r:é".encode())) + len(first_detail.encode())
    padding = total - used - len('{"p": ""}')
    return [first, dict(fixed, Detail=json.dumps({"p": "x" * padding}))]


def test_request_exactly_at_the_size_limit_is_accepted(mock: PartnerEventsMock, client: Any) -> None:
    response = client.put_partner_events(Entries=padded_entries(262144))

    assert response["FailedEntryCount"] == 0
    assert len(mock.events) == 2


def test_request_one_byte_over_the_limit_is_rejected_whole(mock: PartnerEventsMock, client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        client.put_partner_events(Entries=padded_entries(262145))

    assert error_of(raised) == ("ValidationException", SIZE_MESSAGE)
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert len(mock.events) == 0
    assert mock.calls[0].error_code == "ValidationException"


def test_time_counts_fourteen_bytes(mock: PartnerEventsMock, client: Any) -> None:
    without_time = padded_entries(262144 - 28, with_time=False)
    for item in without_time:
        item["Time"] = 1704067200

    assert client.put_partner_events(Entries=without_time)["FailedEntryCount"] == 0
    without_time[0]["Resources"] = ["arn:aws:r:éx"]
    with pytest.raises(ClientError, match="over the limit"):
        client.put_partner_events(Entries=without_time)


def test_max_request_bytes_raises_the_limit_to_one_mebibyte(client: Any) -> None:
    with mock_partner_events(max_request_bytes=1048576) as mock:
        client.put_partner_events(Entries=padded_entries(1048576))
        with pytest.raises(ClientError, match="over the limit"):
            client.put_partner_events(Entries=padded_entries(1048577))

    assert len(mock.events) == 2


# -- Time ----------------------------------------------------------------------------------------------------


def test_time_as_datetime_is_sent_as_integer_seconds(mock: PartnerEventsMock, client: Any) -> None:
    put(client, entry(Time=datetime(2024, 1, 2, 3, 4, 5, 678000, tzinfo=timezone.utc)))

    event = mock.events.one()
    assert event.time == datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert event.envelope()["time"] == "2024-01-02T03:04:05Z"


@pytest.mark.parametrize("seconds", [1704164645, 1704164645.987], ids=["int", "float"])
def test_time_as_epoch_seconds_on_the_wire(mock: PartnerEventsMock, seconds: float) -> None:
    response = send_raw(mock, json.dumps({"Entries": [entry(Time=seconds)]}))

    assert response.status == 200
    assert mock.events.one().time == datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def test_time_defaults_to_the_time_of_the_call(mock: PartnerEventsMock, client: Any) -> None:
    before = int(time.time())
    put(client, entry())
    after = time.time()

    assert before <= mock.events.one().time.timestamp() <= after


# -- wrong JSON types ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"Time": "2024-01-01T00:00:00Z"}, "STRING_VALUE cannot be converted to Date"),
        ({"Detail": 5}, "NUMBER_VALUE cannot be converted to String"),
        ({"DetailType": True}, "BOOLEAN_VALUE cannot be converted to String"),
        ({"Resources": "arn"}, "STRING_VALUE can not be converted to a list."),
        ({"Resources": [["arn"]]}, "START_ARRAY cannot be converted to String"),
    ],
)
def test_wrong_json_type_is_a_serialization_exception(
    mock: PartnerEventsMock, fields: dict[str, Any], message: str
) -> None:
    response = send_raw(mock, json.dumps({"Entries": [entry(**fields)]}))

    assert response.status == 400
    assert response.json() == {"__type": "SerializationException", "message": message}
    assert response.headers["x-amzn-errortype"] == "SerializationException"


def test_wrong_type_from_boto3_without_parameter_validation(mock: PartnerEventsMock, raw_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        put(raw_client, entry(Detail={"id": 1}))

    assert error_of(raised) == ("SerializationException", "START_OBJECT cannot be converted to String")
    assert mock.calls[0].error_code == "SerializationException"


@pytest.mark.parametrize(
    "body", [b"not json", b"[]", b'"Entries"', b'{"Entries": {}}', b'{"Entries": [1]}', b"\xff\xfe"]
)
def test_bodies_that_are_not_the_request_shape_are_serialization_exceptions(
    mock: PartnerEventsMock, body: bytes
) -> None:
    response = send_raw(mock, body)

    assert response.status == 400
    assert response.json()["__type"] == "SerializationException"
    assert len(mock.calls) == 1


# -- ids, sources, error shape -------------------------------------------------------------------------------


def test_event_ids_are_unique_version_4_uuids(mock: PartnerEventsMock, client: Any) -> None:
    ids = [result["EventId"] for _ in range(10) for result in put(client, *[entry()] * 20)["Entries"]]

    assert len(set(ids)) == 200
    assert all(str(uuid.UUID(event_id)) == event_id for event_id in ids)
    assert {(uuid.UUID(event_id).version, uuid.UUID(event_id).variant) for event_id in ids} == {(4, uuid.RFC_4122)}
    assert {event_id[19] for event_id in ids} == set("89ab")  # the variant digit takes all four values


def publish_ids(client: Any, **options: Any) -> list[str]:
    with mock_partner_events(**options):
        return [result["EventId"] for _ in range(3) for result in put(client, entry(), entry())["Entries"]]


def test_event_ids_are_reproducible_with_a_seed(client: Any) -> None:
    assert publish_ids(client, seed=7) == publish_ids(client, seed=7)
    assert publish_ids(client, seed=7) != publish_ids(client, seed=8)
    assert publish_ids(client) != publish_ids(client)


def test_unknown_source_is_provisioned_active_for_the_customer_by_default(client: Any) -> None:
    with mock_partner_events(customer_account="444455556666") as mock:
        put(client, entry())

    event = mock.events.one()
    assert (event.customer_account, event.delivered) == ("444455556666", True)
    assert event.event_bus_arn == f"arn:aws:events:us-east-1:444455556666:event-bus/{SOURCE}"
    assert event.envelope()["account"] == "444455556666"


def test_unknown_source_is_rejected_per_entry_when_asked(client: Any) -> None:
    with mock_partner_events(unknown_sources="reject") as mock:
        response = put(client, entry())

    assert response["Entries"] == [
        {
            "ErrorCode": "NotAuthorizedForSourceException",
            "ErrorMessage": f"Event source {SOURCE} does not exist in us-east-1.",
        }
    ]
    assert len(mock.events) == 0


def test_error_responses_carry_awss_headers_and_body(mock: PartnerEventsMock) -> None:
    response = send_raw(mock, json.dumps({"Entries": [entry(Source="bad")]}))

    request_id = response.headers["x-amzn-requestid"]
    assert response.status == 400
    assert response.headers["content-type"] == "application/x-amz-json-1.1"
    assert response.headers["x-amzn-errortype"] == "ValidationException"
    assert set(response.json()) == {"__type", "message"}
    assert re.fullmatch(r"[0-9a-f-]{36}", request_id)
    assert mock.calls[0].request_id == request_id


def test_boto3_sees_the_request_id_and_raises_plain_client_error(mock: PartnerEventsMock, client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        put(client, entry(Source="bad"))

    assert type(raised.value) is ClientError  # ValidationException is not modelled for PutPartnerEvents
    assert not isinstance(raised.value, client.exceptions.InternalException)
    metadata = raised.value.response["ResponseMetadata"]
    assert metadata["RequestId"] == mock.calls[0].request_id
    assert metadata["HTTPHeaders"]["x-amzn-errortype"] == "ValidationException"


@pytest.mark.parametrize(
    ("code", "modelled"), [("InternalException", True), ("ThrottlingException", False), ("InternalFailure", False)]
)
def test_only_modelled_error_codes_raise_the_clients_modelled_exception(
    mock: PartnerEventsMock, code: str, modelled: bool
) -> None:
    no_retries = make_client(retries={"max_attempts": 0, "mode": "standard"})
    mock.faults.fail_requests(code, times=1)

    with pytest.raises(ClientError) as raised:
        put(no_retries, entry())

    assert raised.value.response["Error"]["Code"] == code
    assert isinstance(raised.value, no_retries.exceptions.InternalException) is modelled


def test_unknown_target_is_answered_as_an_unknown_operation(mock: PartnerEventsMock) -> None:
    response = send_raw(mock, b"{}", target="AWSEvents.NoSuchThing")

    assert response.status == 400
    assert response.json() == {
        "__type": "UnknownOperationException",
        "message": "Operation NoSuchThing is not supported.",
    }


def test_unmodelled_operation_without_moto_raises_naming_the_operation(mock: PartnerEventsMock, client: Any) -> None:
    with pytest.raises(UnmockedOperationError, match="EventBridge operation ListArchives is not modelled") as raised:
        client.list_archives()

    assert raised.value.operation == "ListArchives"


def test_requests_to_any_region_and_endpoint_are_answered(mock: PartnerEventsMock) -> None:
    other = make_client(region="eu-west-3", endpoint_url="http://localhost:1")

    other.put_partner_events(Entries=[entry()])

    assert mock.events.one().region == "eu-west-3"


def test_lone_surrogates_count_three_bytes_and_do_not_crash(mock: PartnerEventsMock, client: Any) -> None:
    sized = padded_entries(262144 - 3)
    sized[1]["DetailType"] = "Big\ud800"  # botocore sends it as the JSON escape "\ud800"

    client.put_partner_events(Entries=sized)
    sized[1]["DetailType"] = "Big\ud800\udfff"  # a pair, escaped: decoded as one 4-byte character
    with pytest.raises(ClientError, match="over the limit"):
        client.put_partner_events(Entries=sized)

    assert mock.events[1].detail_type == "Big\ud800"


def test_a_null_entry_is_refused_like_a_missing_required_member() -> None:
    """`{"Entries": [null]}` (a hand-built body) gets AWS's validation error, not a crash of the engine."""
    with mock_partner_events() as mock:
        body = b'{"Entries": [null]}'
        headers = {"X-Amz-Target": "AWSEvents.PutPartnerEvents", "Content-Type": "application/x-amz-json-1.1"}
        response = mock.handle(HttpRequest.build("POST", URL, headers, body))
    assert response.status == 400
    assert response.json() == {
        "__type": "ValidationException",
        "message": "1 validation error detected: Value null at 'entries.1.member' failed to satisfy constraint: "
        "Member must not be null",
    }
    assert mock.calls[-1].error_code == "ValidationException"


@pytest.mark.parametrize("attempt", ["²", "9" * 5000, "-1", "one"])
def test_a_malformed_attempt_header_counts_as_the_first_attempt(attempt: str) -> None:
    """`amz-sdk-request` is the client's to write: a value that is no small number never crashes the engine."""
    headers = {"X-Amz-Target": "AWSEvents.PutPartnerEvents", "amz-sdk-request": f"attempt={attempt}; max=3"}
    with mock_partner_events() as mock:
        body = json.dumps({"Entries": [entry()]}).encode()
        response = mock.handle(HttpRequest.build("POST", "https://events.us-east-1.amazonaws.com/", headers, body))
    assert response.status == 200
    assert mock.calls[0].attempt == 1
