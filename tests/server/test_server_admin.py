"""The admin API under /_mock/, driven with plain HTTP (requests), as a test in any language would."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from helpers import SOURCE, entry, http_client

from mock_partner_events import PartnerEventsServer

OTHER_SOURCE = "aws.partner/example.com/1234/refunds"
THROTTLE_ONCE = [{"fail_requests": {"error_code": "ThrottlingException", "times": 1}}]


def admin(server: PartnerEventsServer, method: str, path: str, **kwargs: Any) -> tuple[int, Any]:
    """One admin request; changes carry `Content-Type: application/json`, as the server requires."""
    if method != "GET":
        kwargs.setdefault("headers", {"Content-Type": "application/json"})
    response = requests.request(method, f"{server.url}/_mock/{path}", timeout=10, **kwargs)
    assert response.headers["content-type"] == "application/json"
    return response.status_code, response.json()


def publish(server: PartnerEventsServer, *entries: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = http_client(server.url).put_partner_events(Entries=list(entries))
    return answer


def test_health_reports_the_mock_is_up_and_what_it_holds(partner_events_server: PartnerEventsServer) -> None:
    publish(partner_events_server, entry(detail={"id": 1}), entry(detail={"id": 2}))

    status, body = admin(partner_events_server, "GET", "health")

    assert status == 200
    assert body["status"] == "ok"
    assert (body["calls"], body["events"]) == (1, 2)


def test_health_says_when_the_armed_faults_change(partner_events_server: PartnerEventsServer) -> None:
    def faults() -> Any:
        return admin(partner_events_server, "GET", "health")[1]["faults"]

    assert faults() == {"armed": 0, "fired": 0, "newest": None}
    admin(partner_events_server, "POST", "faults", json=THROTTLE_ONCE)
    armed = admin(partner_events_server, "GET", "faults")[1]
    assert faults() == {"armed": 1, "fired": 0, "newest": armed[0]["id"]}
    with pytest.raises(Exception, match="ThrottlingException"):
        http_client(partner_events_server.url, retries={"total_max_attempts": 1}).put_partner_events(Entries=[entry()])
    assert faults() == {"armed": 1, "fired": 1, "newest": armed[0]["id"]}


def test_events_are_their_envelopes_plus_delivery_fields(partner_events_server: PartnerEventsServer) -> None:
    answer = publish(partner_events_server, entry(detail={"id": 7}, Resources=["arn:aws:example:order/7"]))

    status, [event] = admin(partner_events_server, "GET", "events")

    assert status == 200
    recorded = partner_events_server.mock.events[0]
    assert {key: event[key] for key in recorded.envelope()} == recorded.envelope()
    assert event["id"] == answer["Entries"][0]["EventId"]
    assert (event["source"], event["detail-type"], event["detail"]) == (SOURCE, "OrderCreated", {"id": 7})
    assert event["resources"] == ["arn:aws:example:order/7"]
    assert event["delivered"] is recorded.delivered
    assert event["customer_account"] == recorded.customer_account
    assert event["event_bus_arn"] == recorded.event_bus_arn
    assert event["rules"] == list(recorded.rules)
    assert event["partner_account"] == recorded.partner_account
    assert event["request_id"] == answer["ResponseMetadata"]["RequestId"]


@pytest.mark.parametrize(
    ("query", "expected_ids"),
    [
        ({"source": OTHER_SOURCE}, [3]),
        ({"detail_type": "OrderShipped"}, [2]),
        ({"detail": json.dumps({"id": 1})}, [1]),
        ({"pattern": json.dumps({"detail-type": ["OrderCreated"]})}, [1, 3]),
        ({"pattern": json.dumps({"detail": {"id": [{"numeric": [">", 1]}]}})}, [2, 3]),
        ({"source": SOURCE, "detail_type": "OrderCreated"}, [1]),
        ({"region": "us-east-1"}, [1, 2, 3]),
        ({"region": "eu-west-1"}, []),
    ],
)
def test_event_queries_filter_like_eventlog_filter(
    partner_events_server: PartnerEventsServer, query: dict[str, str], expected_ids: list[int]
) -> None:
    publish(
        partner_events_server,
        entry(detail={"id": 1}),
        entry(detail={"id": 2}, DetailType="OrderShipped"),
        entry(detail={"id": 3}, Source=OTHER_SOURCE),
    )

    status, events = admin(partner_events_server, "GET", "events", params=query)

    assert status == 200
    assert [event["detail"]["id"] for event in events] == expected_ids


def test_delivered_and_account_filters_agree_with_the_event_log(partner_events_server: PartnerEventsServer) -> None:
    publish(partner_events_server, entry(detail={"id": 1}), entry(detail={"id": 2}))
    mock = partner_events_server.mock
    account = mock.events[0].customer_account

    for delivered in (True, False):
        _, events = admin(partner_events_server, "GET", "events", params={"delivered": str(delivered).lower()})
        assert len(events) == len(mock.events.filter(delivered=delivered))
    _, events = admin(partner_events_server, "GET", "events", params={"account": account})
    assert len(events) == len(mock.events.filter(account=account))


def test_rejected_lists_per_entry_failures_with_their_call(partner_events_server: PartnerEventsServer) -> None:
    answer = publish(partner_events_server, entry(detail={"id": 1}), entry(Detail="[not an object"))

    status, [rejected] = admin(partner_events_server, "GET", "rejected")

    assert status == 200
    assert rejected["index"] == 1
    assert (rejected["error_code"], rejected["error_message"]) == ("MalformedDetail", "Detail is malformed.")
    assert rejected["entry"]["Detail"] == "[not an object"
    assert rejected["request_id"] == answer["ResponseMetadata"]["RequestId"]


def test_calls_record_every_request_with_its_answer(partner_events_server: PartnerEventsServer) -> None:
    publish(partner_events_server, entry())
    requests.post(partner_events_server.url, data=b"{", headers={"X-Amz-Target": "AWSEvents.PutPartnerEvents"})

    status, calls = admin(partner_events_server, "GET", "calls")

    assert status == 200
    assert [(call["operation"], call["status"], call["ok"]) for call in calls] == [
        ("PutPartnerEvents", 200, True),
        ("PutPartnerEvents", 400, False),
    ]
    assert calls[0]["params"] == {"Entries": [entry()]}
    assert calls[0]["response"]["FailedEntryCount"] == 0
    assert calls[1]["error_code"] == "SerializationException"


def test_posted_faults_apply_to_the_next_requests_and_delete_clears_them(
    partner_events_server: PartnerEventsServer,
) -> None:
    client = http_client(partner_events_server.url, retries={"mode": "standard", "total_max_attempts": 1})

    assert admin(partner_events_server, "POST", "faults", json=THROTTLE_ONCE * 2) == (200, {"loaded": 2})
    with pytest.raises(client.exceptions.ClientError, match="ThrottlingException"):
        client.put_partner_events(Entries=[entry()])
    assert admin(partner_events_server, "DELETE", "faults") == (200, {"cleared": True})
    client.put_partner_events(Entries=[entry()])

    assert len(partner_events_server.mock.events) == 1


def test_reset_forgets_records_and_keeps_the_configured_faults() -> None:
    with PartnerEventsServer(faults=THROTTLE_ONCE) as server:
        client = http_client(server.url, retries={"mode": "standard", "total_max_attempts": 1})
        with pytest.raises(client.exceptions.ClientError):
            client.put_partner_events(Entries=[entry()])
        client.put_partner_events(Entries=[entry()])

        assert admin(server, "POST", "reset") == (200, {"reset": True})

        assert admin(server, "GET", "calls") == (200, [])
        assert admin(server, "GET", "events") == (200, [])
        with pytest.raises(client.exceptions.ClientError, match="ThrottlingException"):
            client.put_partner_events(Entries=[entry()])


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "says"),
    [
        ("GET", "events", {"params": {"colour": "red"}}, 400, "does not filter by colour; use any of source"),
        ("GET", "events", {"params": {"delivered": "maybe"}}, 400, "delivered takes true or false, not 'maybe'"),
        ("GET", "events", {"params": {"detail": "{id"}}, 400, 'JSON object (URL-encoded), e.g. detail={"id":1}'),
        ("GET", "events", {"params": {"detail": "[1]"}}, 400, "detail takes a JSON object"),
        ("GET", "events", {"params": {"source": ["a", "b"]}}, 400, "give source once, not 2 times"),
        ("GET", "events", {"params": {"pattern": '{"source": "x"}'}}, 400, "valid EventBridge event pattern: Event"),
        ("GET", "calls", {"params": {"operation": "x"}}, 400, "/_mock/calls takes no query parameters (got operation)"),
        ("POST", "faults", {"data": b"{not json"}, 400, "takes a JSON list of fault objects, e.g. [{"),
        ("POST", "faults", {"json": {"fail_requests": {}}}, 400, "takes a JSON list of fault objects"),
        ("POST", "faults", {"json": [{"explode": {}}]}, 400, "explode"),
        ("POST", "faults", {"json": [{"fail_requests": {"colour": 1}}]}, 400, "colour"),
        ("GET", "nothing-here", {}, 404, "no admin endpoint /_mock/nothing-here; the endpoints are /_mock/calls"),
        ("POST", "events", {}, 405, "/_mock/events answers GET, not POST"),
        ("PUT", "faults", {}, 405, "/_mock/faults answers DELETE, GET, POST, not PUT"),
    ],
)  # fmt: skip
def test_bad_admin_input_gets_a_4xx_that_says_what_to_send(
    partner_events_server: PartnerEventsServer, method: str, path: str, kwargs: dict[str, Any], status: int, says: str
) -> None:
    answer = admin(partner_events_server, method, path, **kwargs)

    assert answer[0] == status
    assert answer[1]["message"].startswith("mock-partner-events: ")
    assert says in answer[1]["message"]
    assert partner_events_server.mock.faults.handles == []


def test_admin_requests_are_not_recorded_as_calls(partner_events_server: PartnerEventsServer) -> None:
    admin(partner_events_server, "GET", "health")
    admin(partner_events_server, "GET", "events")

    assert partner_events_server.mock.calls == []
