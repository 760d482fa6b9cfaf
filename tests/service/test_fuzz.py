"""Property tests (kept apart: Hypothesis): whatever arrives, the answer is a well-formed AWS response, the
engine never raises, and every request is recorded."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import SOURCE, URL, make_client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mock_partner_events import PartnerEventsMock, mock_partner_events
from mock_partner_events._service.events.table import OPERATIONS
from mock_partner_events._wire.model_rules import input_rule, violations
from mock_partner_events._wire.protocol import CONTENT_TYPE, HttpRequest, HttpResponse

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Lone surrogates too: JSON can carry them ("\\ud800"), and Hypothesis rarely draws one by chance.
any_text = st.text(st.characters(exclude_categories=()), max_size=20) | st.sampled_from(["\ud800", "a\udfffb"])
json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
sources = st.sampled_from([SOURCE, "aws.partner/a.com/b", "aws.partner/x", "bad", "", "aws.partner/" + "a/" * 130])
details = st.one_of(
    st.dictionaries(st.text(max_size=8), json_values, max_size=4).map(json.dumps),
    json_values.map(json.dumps),
    any_text,
    st.sampled_from(['{"x": NaN}', '{"x": 9223372036854775808}', "{" * 1200 + "}" * 1200]),
)
times = st.one_of(
    st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(timezone.utc)),
    st.integers(min_value=0, max_value=2**32),  # botocore itself refuses years past 9999
)
boto3_entries = st.lists(
    st.fixed_dictionaries(
        {},
        optional={
            "Source": sources,
            "DetailType": any_text | st.text(max_size=140),
            "Detail": details,
            "Resources": st.lists(any_text | st.just("r" * 2049), max_size=3),
            "Time": times,
        },
    ),
    max_size=22,
)


def assert_well_formed(response: HttpResponse, request_entries: Any = None) -> None:
    """AWS's JSON 1.1 shape: a request id; an error with matching __type/header; or an aligned result."""
    assert response.headers["x-amzn-requestid"]
    if response.status == 413:
        assert response.body == b""
        return
    assert response.headers["content-type"] == CONTENT_TYPE
    assert response.headers["content-length"] == str(len(response.body))
    body = json.loads(response.body) if response.body else {}
    assert isinstance(body, dict)
    if response.status >= 400:
        assert set(body) == {"__type", "message"}
        assert response.headers["x-amzn-errortype"] == body["__type"]
        return
    assert response.status == 200
    if request_entries is not None:
        assert_aligned(body, request_entries)


def assert_aligned(body: dict[str, Any], request_entries: list[Any]) -> None:
    results = body["Entries"]
    assert len(results) == len(request_entries)
    assert body["FailedEntryCount"] == sum("ErrorCode" in result for result in results)
    for result in results:
        assert set(result) in ({"EventId"}, {"ErrorCode", "ErrorMessage"})


@pytest.fixture(scope="module")
def fuzz_client() -> Any:
    """No retries and no client-side checks: each call is exactly one request of whatever was generated."""
    return make_client(parameter_validation=False, retries={"max_attempts": 0, "mode": "standard"})


@FUZZ
@given(entries=boto3_entries)
def test_arbitrary_entries_through_boto3(fuzz_client: Any, entries: list[dict[str, Any]]) -> None:
    with mock_partner_events() as mock:
        try:
            response = fuzz_client.put_partner_events(Entries=entries)
        except ClientError as error:
            response = error.response

    if response["ResponseMetadata"]["HTTPStatusCode"] == 400:
        assert response["Error"]["Code"] in ("ValidationException", "SerializationException")
        assert len(mock.events) == 0
    else:
        assert_aligned(response, entries)
        assert len(mock.events) + len(mock.rejected) == len(entries)
    assert len(mock.calls) == 1


targets = st.sampled_from(sorted(f"AWSEvents.{name}" for name in OPERATIONS)) | st.text(max_size=30).map(
    "AWSEvents.{}".format
)
raw_headers = st.fixed_dictionaries(
    {"X-Amz-Target": targets},
    optional={
        "Authorization": st.text(max_size=80)
        | st.just("AWS4-HMAC-SHA256 Credential=111122223333/20240101/eu-west-1/events/aws4_request"),
        "amz-sdk-request": st.text(max_size=20) | st.just("attempt=2; max=5"),
        "Content-Type": st.text(max_size=20),
    },
)
raw_bodies = st.one_of(
    st.binary(max_size=200),
    json_values.map(lambda value: json.dumps(value).encode()),
    st.builds(lambda entries: json.dumps({"Entries": entries}).encode(), st.lists(json_values, max_size=22)),
    boto3_entries.map(lambda entries: json.dumps({"Entries": entries}, default=str).encode()),
)


@FUZZ
@given(requests=st.lists(st.tuples(raw_headers, raw_bodies), min_size=1, max_size=4))
def test_arbitrary_raw_requests_through_the_engine(requests: list[tuple[dict[str, str], bytes]]) -> None:
    with mock_partner_events() as mock:
        for headers, body in requests:
            response = mock.handle(HttpRequest.build("POST", URL, headers, body))
            assert_well_formed(response, _sent_entries(headers, body, response))

    assert len(mock.calls) == len(requests)


def _sent_entries(headers: dict[str, str], body: bytes, response: HttpResponse) -> list[Any] | None:
    """The request's Entries when a successful PutPartnerEvents answer must be aligned with them."""
    if headers["X-Amz-Target"] != "AWSEvents.PutPartnerEvents" or response.status != 200:
        return None
    entries: list[Any] = json.loads(body)["Entries"]
    return entries


model_params = st.fixed_dictionaries(
    {},
    optional={
        "Entries": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "Source": sources | json_scalars,
                    "DetailType": st.text(max_size=5) | json_scalars,
                    "Detail": st.text(max_size=5) | json_scalars,
                    "Resources": st.lists(st.text(max_size=3) | st.just("r" * 2049) | json_scalars, max_size=3)
                    | json_scalars,
                    "Time": st.integers() | st.floats(allow_nan=False) | json_scalars,
                    "Unknown": json_values,
                },
            )
            | json_scalars,
            max_size=22,
        )
        | json_scalars,
        "Extra": json_values,
    },
)


@FUZZ
@given(params=model_params)
def test_fast_model_check_agrees_with_the_full_one(params: dict[str, Any]) -> None:
    """Valid requests skip the message-building check: the two must agree on every input."""
    fast = input_rule("PutPartnerEvents")(params, "", None)
    try:
        full = not violations("PutPartnerEvents", params)
    except Exception:  # SerializationException: a wrong JSON type
        full = False

    assert fast == full


@FUZZ
@given(operation=st.sampled_from(sorted(OPERATIONS)), params=st.dictionaries(st.text(max_size=12), json_values))
def test_fast_model_check_agrees_for_every_operation(operation: str, params: dict[str, Any]) -> None:
    try:
        full = not violations(operation, params)
    except Exception:
        full = False

    assert input_rule(operation)(params, "", None) == full


def test_recorded_calls_survive_a_failing_request() -> None:
    """A request the engine cannot read is still recorded, with the error it got."""
    mock = PartnerEventsMock()
    with mock:
        mock.handle(HttpRequest.build("POST", URL, {"X-Amz-Target": "AWSEvents.PutPartnerEvents"}, b"\xff"))

    (call,) = mock.calls
    assert (call.status, call.error_code, call.params) == (400, "SerializationException", None)
