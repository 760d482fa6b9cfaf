"""Load on loopback: 50 concurrent boto3 clients; every event is recorded exactly once, with its own call."""

from __future__ import annotations

import threading
import time
from typing import Any

import boto3
from botocore.config import Config
from helpers import entry

from mock_partner_events import PartnerEventsServer

CLIENTS = 50
CALLS_PER_CLIENT = 4
ENTRIES_PER_CALL = 10
TIME_LIMIT_SECONDS = 60.0


def test_fifty_concurrent_clients_lose_mix_and_duplicate_nothing(partner_events_server: PartnerEventsServer) -> None:
    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
    config = Config(retries={"mode": "standard", "total_max_attempts": 1}, max_pool_connections=1)
    clients = [session.client("events", endpoint_url=partner_events_server.url, config=config) for _ in range(CLIENTS)]
    start = threading.Barrier(CLIENTS)
    answers: dict[int, list[dict[str, Any]]] = {}
    failures: list[BaseException] = []

    def publish(number: int) -> None:
        start.wait()
        try:
            answers[number] = [
                clients[number].put_partner_events(
                    Entries=[entry(detail={"id": _id(number, call, index)}) for index in range(ENTRIES_PER_CALL)]
                )
                for call in range(CALLS_PER_CLIENT)
            ]
        except BaseException as error:  # reported below, with the others
            failures.append(error)

    began = time.monotonic()
    threads = [threading.Thread(target=publish, args=(number,)) for number in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(0.0, TIME_LIMIT_SECONDS - (time.monotonic() - began)))

    assert not failures, failures[:3]
    assert not any(thread.is_alive() for thread in threads), f"clients still running after {TIME_LIMIT_SECONDS}s"
    _assert_every_event_recorded_once_with_its_call(partner_events_server, answers)


def _assert_every_event_recorded_once_with_its_call(
    server: PartnerEventsServer, answers: dict[int, list[dict[str, Any]]]
) -> None:
    mock = server.mock
    sent = {
        _id(number, call, index)
        for number in range(CLIENTS)
        for call in range(CALLS_PER_CLIENT)
        for index in range(ENTRIES_PER_CALL)
    }
    recorded = [event.detail["id"] for event in mock.events]
    assert len(recorded) == len(sent) == CLIENTS * CALLS_PER_CLIENT * ENTRIES_PER_CALL
    assert set(recorded) == sent
    assert len(mock.calls) == CLIENTS * CALLS_PER_CLIENT
    assert all(call.ok for call in mock.calls)

    entries_by_request = {call.request_id: call.params["Entries"] for call in mock.calls if call.params}
    for event in mock.events:  # each event sits in the call that carried it, at its own index
        assert entries_by_request[event.request_id][event.entry_index]["Detail"] == event.detail_json

    event_ids = {event.request_id + "/" + event.event_id for event in mock.events}
    answered = {
        answer["ResponseMetadata"]["RequestId"] + "/" + item["EventId"]
        for client_answers in answers.values()
        for answer in client_answers
        for item in answer["Entries"]
    }
    assert answered == event_ids  # every client got back the EventIds of its own entries


def _id(client: int, call: int, index: int) -> int:
    return (client * CALLS_PER_CLIENT + call) * ENTRIES_PER_CALL + index
