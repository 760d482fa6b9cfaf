"""Callers that sign EventBridge requests themselves and send them with `requests` are answered by the mock,
alongside the user's own `responses` mock and moto."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
import responses
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from helpers import CUSTOMER, PARTNER, URL, entry, make_client
from moto import mock_aws
from network_guard import no_network
from requests_aws4auth import AWS4Auth

from mock_partner_events import PartnerEventsMock, UnmockedOperationError, mock_partner_events

ENTRIES = [entry(detail={"n": 1})]


def headers(operation: str) -> dict[str, str]:
    return {"X-Amz-Target": f"AWSEvents.{operation}", "Content-Type": "application/x-amz-json-1.1"}


def send_with_aws4auth(params: dict[str, Any], operation: str = "PutPartnerEvents") -> requests.Response:
    auth = AWS4Auth(PARTNER, "testing", "us-east-1", "events")
    return requests.post(URL, data=json.dumps(params), headers=headers(operation), auth=auth)


def send_with_botocore_signer(params: dict[str, Any], operation: str = "PutPartnerEvents") -> requests.Response:
    request = AWSRequest("POST", URL, data=json.dumps(params), headers=headers(operation))
    SigV4Auth(Credentials(PARTNER, "testing"), "events", "us-east-1").add_auth(request)
    return requests.post(URL, data=request.body, headers=dict(request.headers))


@pytest.fixture
def user_responses() -> Iterator[responses.RequestsMock]:
    """The user's own responses mock, started before the partner mock (the usual fixture order)."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get("https://api.example.com/customers/1", json={"id": 1})
        yield mock


@pytest.mark.parametrize("send", [send_with_aws4auth, send_with_botocore_signer], ids=["aws4auth", "SigV4Auth"])
def test_a_signed_request_gets_the_answer_boto3_gets(send: Callable[..., requests.Response]) -> None:
    with mock_partner_events(seed=3) as mock:
        raw = send({"Entries": ENTRIES})
    with mock_partner_events(seed=3):
        client = make_client(PARTNER)
        via_boto3 = client.put_partner_events(Entries=ENTRIES)

    assert raw.status_code == 200
    assert raw.headers["x-amzn-RequestId"] == mock.calls[0].request_id
    assert raw.json() == {"FailedEntryCount": 0, "Entries": via_boto3["Entries"]}
    assert (mock.calls[0].account, mock.events[0].detail_type) == (PARTNER, "OrderCreated")


def test_an_invalid_request_gets_the_aws_error_body() -> None:
    with mock_partner_events():
        raw = send_with_aws4auth({"Entries": []})

    assert raw.status_code == 400
    assert raw.json()["__type"] == "ValidationException"
    assert raw.headers["x-amzn-ErrorType"] == "ValidationException"


def test_faults_reach_requests_callers() -> None:
    with mock_partner_events() as mock:
        mock.faults.fail_requests("ThrottlingException", times=1)
        throttled = send_with_aws4auth({"Entries": ENTRIES})
        mock.faults.disconnect(when="before", times=1)
        with pytest.raises(requests.exceptions.ConnectionError, match="injected connection failure"):
            send_with_aws4auth({"Entries": ENTRIES})

    assert throttled.status_code == 400
    assert throttled.json()["__type"] == "ThrottlingException"
    assert len(mock.events) == 0


def test_the_users_responses_registrations_keep_working(user_responses: responses.RequestsMock) -> None:
    with mock_partner_events() as mock:
        answered = send_with_aws4auth({"Entries": ENTRIES})
        customer = requests.get("https://api.example.com/customers/1")

    assert answered.json()["FailedEntryCount"] == 0
    assert customer.json() == {"id": 1}
    assert len(mock.events) == 1


def test_unmatched_urls_behave_as_the_users_responses_mock_says(user_responses: responses.RequestsMock) -> None:
    with (
        mock_partner_events(),
        pytest.raises(requests.exceptions.ConnectionError, match="Connection refused by Responses"),
    ):
        requests.get("https://api.example.com/not-registered")


def test_an_operation_the_mock_does_not_model_is_stopped_as_on_the_botocore_path(
    user_responses: responses.RequestsMock,
) -> None:
    """Without moto, an unmodelled EventBridge operation raises UnmockedOperationError, as botocore's path does,
    even when the user's own responses mock would have answered it: the decision is the same for every transport."""
    user_responses.post(URL, json={"FailedEntryCount": 0, "Entries": [{"EventId": "from-the-user"}]})
    with mock_partner_events() as mock, pytest.raises(UnmockedOperationError, match="ListArchives is not modelled"):
        send_with_aws4auth({}, operation="ListArchives")

    assert mock.calls == []


def test_interception_ends_with_the_mock(user_responses: responses.RequestsMock) -> None:
    with mock_partner_events():
        send_with_aws4auth({"Entries": ENTRIES})

    with pytest.raises(requests.exceptions.ConnectionError, match="Connection refused by Responses"):
        send_with_aws4auth({"Entries": ENTRIES})


@pytest.mark.parametrize("moto_inside", [False, True], ids=["moto-outside", "moto-inside"])
def test_with_moto_active_partner_calls_are_answered_here(moto_inside: bool) -> None:
    def publish(mock: PartnerEventsMock) -> None:
        assert send_with_aws4auth({"Entries": ENTRIES}).json()["FailedEntryCount"] == 0
        assert len(mock.events) == 1

    if moto_inside:
        with mock_partner_events() as mock, mock_aws():
            publish(mock)
    else:
        with mock_aws(), mock_partner_events() as mock:
            publish(mock)


# -- streamed bodies: a generator or a file, read once, answered here or passed on intact ------------------


def signed_headers(params: dict[str, Any], operation: str, key: str = PARTNER) -> tuple[bytes, dict[str, str]]:
    """The body and the SigV4 headers botocore's signer gives it (signed over the whole body)."""
    body = json.dumps(params).encode()
    request = AWSRequest("POST", URL, data=body, headers=headers(operation))
    SigV4Auth(Credentials(key, "testing"), "events", "us-east-1").add_auth(request)
    return body, dict(request.headers)


def as_generator(body: bytes) -> Iterator[bytes]:
    """The body in three chunks, as a generator: requests sends it chunked."""
    third = len(body) // 3 + 1
    yield from (body[start : start + third] for start in range(0, len(body), third))


STREAMS: dict[str, Callable[[bytes], Any]] = {"generator": as_generator, "file": io.BytesIO}


@pytest.mark.parametrize("stream", STREAMS.values(), ids=STREAMS.keys())
def test_a_streamed_body_is_read_and_answered_here(stream: Callable[[bytes], Any]) -> None:
    body, signed = signed_headers({"Entries": ENTRIES}, "PutPartnerEvents")
    with no_network(), mock_partner_events() as mock:
        answered = requests.post(URL, data=stream(body), headers=signed)

    assert answered.status_code == 200
    assert answered.json()["FailedEntryCount"] == 0
    assert mock.calls[0].params == {"Entries": ENTRIES}
    assert mock.events.one().detail == {"n": 1}


@pytest.mark.parametrize("stream", STREAMS.values(), ids=STREAMS.keys())
def test_a_streamed_invalid_body_gets_the_aws_error(stream: Callable[[bytes], Any]) -> None:
    body, signed = signed_headers({"Entries": []}, "PutPartnerEvents")
    with no_network(), mock_partner_events():
        answered = requests.post(URL, data=stream(body), headers=signed)

    assert answered.status_code == 400
    assert answered.json()["__type"] == "ValidationException"


@pytest.mark.parametrize("moto_inside", [False, True], ids=["moto-outside", "moto-inside"])
@pytest.mark.parametrize("stream", STREAMS.values(), ids=STREAMS.keys())
def test_a_streamed_body_for_moto_reaches_moto_whole(stream: Callable[[bytes], Any], moto_inside: bool) -> None:
    """A request the package reads to decide, and then passes to moto, still carries its whole body there."""
    entry_for_moto = {"Source": "my.app", "DetailType": "Ping", "Detail": json.dumps({"n": 2})}
    body, signed = signed_headers({"Entries": [entry_for_moto]}, "PutEvents", key=CUSTOMER)
    moto_first = contextlib.ExitStack()
    with no_network(), moto_first:
        if not moto_inside:
            moto_first.enter_context(mock_aws())
        mock = moto_first.enter_context(mock_partner_events())
        if moto_inside:
            moto_first.enter_context(mock_aws())
        answered = requests.post(URL, data=stream(body), headers=signed)

    assert answered.status_code == 200
    assert answered.json()["FailedEntryCount"] == 0
    assert len(answered.json()["Entries"][0]["EventId"]) == 36  # moto's answer
    assert mock.calls == []


def test_a_streamed_partner_call_with_moto_active_is_answered_here() -> None:
    body, signed = signed_headers({"Entries": ENTRIES}, "PutPartnerEvents")
    with no_network(), mock_aws(), mock_partner_events() as mock:
        answered = requests.post(URL, data=as_generator(body), headers=signed)

    assert answered.json()["FailedEntryCount"] == 0
    assert len(mock.events) == 1


def test_a_streamed_body_the_package_passes_on_reaches_the_users_responses_mock_whole(
    user_responses: responses.RequestsMock,
) -> None:
    """No X-Amz-Target: not an EventBridge call, so the user's own registration answers it, with the whole body."""
    seen: list[bytes] = []

    def callback(request: Any) -> tuple[int, dict[str, str], str]:
        seen.append(request.body)
        return 200, {}, "ok"

    user_responses.add_callback("POST", URL, callback=callback)
    with mock_partner_events():
        answered = requests.post(URL, data=as_generator(b'{"not": "eventbridge"}'))

    assert answered.text == "ok"
    assert seen == [b'{"not": "eventbridge"}']


# -- one world through requests: the merged bus list, partner-bus tags, PutEvents to a partner bus ------------


def as_customer(operation: str, params: dict[str, Any]) -> requests.Response:
    auth = AWS4Auth(CUSTOMER, "testing", "us-east-1", "events")
    return requests.post(URL, data=json.dumps(params), headers=headers(operation), auth=auth)


@pytest.mark.parametrize("moto_inside", [False, True], ids=["moto-outside", "moto-inside"])
def test_with_moto_requests_callers_see_one_world(moto_inside: bool) -> None:
    source = ENTRIES[0]["Source"]
    bus_arn = f"arn:aws:events:us-east-1:{CUSTOMER}:event-bus/{source}"
    nested = contextlib.ExitStack()
    with no_network(), nested:
        mocks = [mock_partner_events(), mock_aws()] if moto_inside else [mock_aws(), mock_partner_events()]
        for entered in mocks:
            nested.enter_context(entered)
        make_client(PARTNER).create_partner_event_source(Name=source, Account=CUSTOMER)
        as_customer("CreateEventBus", {"Name": source, "EventSourceName": source})
        as_customer("CreateEventBus", {"Name": "mine"})  # moto's
        as_customer("TagResource", {"ResourceARN": bus_arn, "Tags": [{"Key": "k", "Value": "v"}]})
        listed = as_customer("ListEventBuses", {"Limit": 2}).json()
        rest = as_customer("ListEventBuses", {"NextToken": listed["NextToken"]}).json()
        tags = as_customer("ListTagsForResource", {"ResourceARN": bus_arn}).json()
        refused = as_customer("PutEvents", {"Entries": [{"Source": "a", "DetailType": "b", "Detail": "{}",
                                                          "EventBusName": source}]})  # fmt: skip

    assert [bus["Name"] for bus in listed["EventBuses"] + rest["EventBuses"]] == ["default", source, "mine"]
    assert tags == {"Tags": [{"Key": "k", "Value": "v"}]}
    assert (refused.status_code, refused.json()["__type"]) == (400, "ValidationException")
