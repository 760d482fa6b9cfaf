"""The partner API over HTTP: boto3 with endpoint_url and raw HTTP requests against a running server."""

from __future__ import annotations

import http.client
import json
import socket
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from botocore.exceptions import ClientError, ConnectionClosedError
from helpers import SOURCE, entry, http_client

from mock_partner_events import PartnerEventsMock, PartnerEventsServer

TARGET = "AWSEvents.PutPartnerEvents"


def post(
    url: str, body: bytes, target: str | None = TARGET, chunked: bool = False
) -> tuple[int, dict[str, str], bytes]:
    """One raw POST, as a hand-written client in any language would send it."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    headers = {"Content-Type": "application/x-amz-json-1.1"}
    if target is not None:
        headers["X-Amz-Target"] = target
    try:
        if chunked:
            connection.request("POST", "/", iter([body]), headers, encode_chunked=True)
        else:
            connection.request("POST", "/", body, headers)
        response = connection.getresponse()
        return response.status, {name.lower(): value for name, value in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.fixture
def small_body_server() -> Iterator[PartnerEventsServer]:
    with PartnerEventsServer(max_body_bytes=2000) as server:
        yield server


def test_boto3_publishes_through_the_server_and_the_mock_records_it(partner_events_server: PartnerEventsServer) -> None:
    client = http_client(partner_events_server.url)

    response = client.put_partner_events(Entries=[entry(detail={"id": 1}), entry(detail={"id": 2})])

    assert response["FailedEntryCount"] == 0
    recorded = partner_events_server.mock.events
    assert [event.detail for event in recorded] == [{"id": 1}, {"id": 2}]
    assert [event.event_id for event in recorded] == [item["EventId"] for item in response["Entries"]]
    assert partner_events_server.mock.calls[0].request_id == response["ResponseMetadata"]["RequestId"]


def test_the_server_answers_byte_for_byte_what_the_in_process_mock_answers(
    partner_events_server: PartnerEventsServer,
) -> None:
    null_detail_type = {**entry(detail={"id": 3}), "DetailType": None}  # sent as JSON null, not left out
    body = json.dumps({"Entries": [entry(detail={"id": 1}), entry(Detail="not json"), null_detail_type]}).encode()

    status, headers, answer = post(partner_events_server.url, body)

    expected = PartnerEventsMock().handle(_request(body))  # the same bytes, answered in-process
    assert status == expected.status == 200
    assert headers["content-type"] == "application/x-amz-json-1.1"
    assert _without_ids(json.loads(answer)) == _without_ids(expected.json())


def test_per_entry_failures_reach_the_client_and_the_rejected_list(partner_events_server: PartnerEventsServer) -> None:
    client = http_client(partner_events_server.url)

    response = client.put_partner_events(Entries=[entry(detail={"id": 1}), entry(Detail="{not json")])

    assert response["FailedEntryCount"] == 1
    assert response["Entries"][1] == {"ErrorCode": "MalformedDetail", "ErrorMessage": "Detail is malformed."}
    [rejection] = partner_events_server.mock.rejected
    assert (rejection.index, rejection.error_code) == (1, "MalformedDetail")


def test_malformed_json_gets_serialization_exception(partner_events_server: PartnerEventsServer) -> None:
    status, headers, body = post(partner_events_server.url, b'{"Entries": [')

    assert status == 400
    assert headers["x-amzn-errortype"] == "SerializationException"
    assert json.loads(body)["__type"] == "SerializationException"
    assert partner_events_server.mock.calls[0].error_code == "SerializationException"


@pytest.mark.parametrize("target", ["AWSEvents.NoSuchOperation", "DynamoDB_20120810.PutItem", None])
def test_an_unknown_target_gets_unknown_operation_exception(
    partner_events_server: PartnerEventsServer, target: str | None
) -> None:
    status, headers, body = post(partner_events_server.url, b"{}", target=target)

    assert status == 400
    assert json.loads(body)["__type"] == "UnknownOperationException"
    assert headers["x-amzn-errortype"] == "UnknownOperationException"


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_body_over_the_limit_gets_a_bare_413_and_is_not_processed(
    small_body_server: PartnerEventsServer, chunked: bool
) -> None:
    body = json.dumps({"Entries": [entry(Detail=json.dumps({"pad": "x" * 3000}))]}).encode()

    status, headers, answer = post(small_body_server.url, body, chunked=chunked)

    assert (status, answer, headers["content-length"]) == (413, b"", "0")
    assert small_body_server.mock.calls == []


def test_a_body_at_the_limit_is_answered(small_body_server: PartnerEventsServer) -> None:
    body = json.dumps({"Entries": [entry()]}).encode()
    body = body[:-1] + b" " * (2000 - len(body)) + b"}"

    status, _, _ = post(small_body_server.url, body)

    assert status == 200
    assert len(small_body_server.mock.events) == 1


@pytest.mark.partner_events(faults=[{"fail_requests": {"error_code": "ThrottlingException", "times": 1}}])
def test_faults_from_the_marker_drive_botocore_retries_over_http(partner_events_server: PartnerEventsServer) -> None:
    client = http_client(partner_events_server.url, retries={"mode": "standard"})

    response = client.put_partner_events(Entries=[entry()])

    assert response["ResponseMetadata"]["RetryAttempts"] == 1
    calls = partner_events_server.mock.calls
    assert [(call.attempt, call.error_code) for call in calls] == [(1, "ThrottlingException"), (2, None)]
    assert len(partner_events_server.mock.events) == 1


def test_a_disconnect_before_drops_the_connection_and_botocore_retries(
    partner_events_server: PartnerEventsServer,
) -> None:
    partner_events_server.mock.faults.disconnect(when="before", times=1)
    client = http_client(partner_events_server.url, retries={"mode": "standard"})

    response = client.put_partner_events(Entries=[entry()])

    assert response["ResponseMetadata"]["RetryAttempts"] == 1
    assert len(partner_events_server.mock.events) == 1


def test_a_disconnect_after_loses_the_answer_so_the_retry_duplicates(
    partner_events_server: PartnerEventsServer,
) -> None:
    partner_events_server.mock.faults.disconnect(when="after", times=1)
    client = http_client(partner_events_server.url, retries={"mode": "standard"})

    client.put_partner_events(Entries=[entry()])

    assert len(partner_events_server.mock.events) == 2
    assert len(partner_events_server.mock.events.duplicates()) == 1


def test_a_disconnect_without_retries_surfaces_as_a_connection_error(
    partner_events_server: PartnerEventsServer,
) -> None:
    partner_events_server.mock.faults.disconnect(when="before", times=1)
    client = http_client(partner_events_server.url, retries={"mode": "standard", "total_max_attempts": 1})

    with pytest.raises(ConnectionClosedError, match="Connection was closed before we received a valid response"):
        client.put_partner_events(Entries=[entry()])
    assert len(partner_events_server.mock.events) == 0


def test_a_real_delay_past_the_read_timeout_makes_botocore_retry_and_deliver_twice(
    partner_events_server: PartnerEventsServer,
) -> None:
    partner_events_server.mock.faults.delay(0.6, real=True, times=1)
    client = http_client(partner_events_server.url, read_timeout=0.2, retries={"mode": "standard"})

    response = client.put_partner_events(Entries=[entry()])

    assert response["ResponseMetadata"]["RetryAttempts"] == 1
    assert len(partner_events_server.mock.events.duplicates()) == 1  # the slow first attempt was accepted too


def test_request_level_errors_keep_their_aws_status(partner_events_server: PartnerEventsServer) -> None:
    client = http_client(partner_events_server.url, retries={"mode": "standard", "total_max_attempts": 1})

    with pytest.raises(ClientError) as raised:
        client.put_partner_events(Entries=[entry(detail={"id": number}) for number in range(21)])

    assert raised.value.response["Error"]["Code"] == "ValidationException"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_binds_loopback_by_default(partner_events_server: PartnerEventsServer) -> None:
    assert partner_events_server.url.startswith("http://127.0.0.1:")
    with socket.create_connection(("127.0.0.1", partner_events_server.port), timeout=5):
        pass


def test_a_port_in_use_is_an_error_that_says_what_to_change(partner_events_server: PartnerEventsServer) -> None:
    with pytest.raises(OSError, match=r"cannot listen on 127\.0\.0\.1:\d+ .*port 0 for any free port"):
        PartnerEventsServer(port=partner_events_server.port).start()


def test_stop_releases_the_port_and_ends_idle_connections() -> None:
    server = PartnerEventsServer().start()
    port = server.port
    idle = socket.create_connection(("127.0.0.1", port), timeout=5)
    idle.sendall(b"POST / HTTP/1.1\r\n")  # a client that stalls in the middle of its request

    server.stop()

    assert _closed_by_peer(idle)
    idle.close()
    with PartnerEventsServer(port=port) as again:
        assert again.port == port


def test_stop_from_another_thread_ends_a_foreground_serve_forever() -> None:
    server = PartnerEventsServer().bind()
    serving = threading.Thread(target=server.serve_forever)
    serving.start()
    assert http_client(server.url).put_partner_events(Entries=[entry()])["FailedEntryCount"] == 0

    server.stop()

    serving.join(5)
    assert not serving.is_alive()


def test_misuse_is_explained() -> None:
    with pytest.raises(TypeError, match="either a PartnerEventsMock or its options"):
        PartnerEventsServer(PartnerEventsMock(), seed=1)
    with pytest.raises(RuntimeError, match="not started"):
        _ = PartnerEventsServer().url
    with pytest.raises(ValueError, match="max_body_bytes must be a positive int"):
        PartnerEventsServer(max_body_bytes=0)


def test_the_server_serves_a_given_mock_without_activating_it() -> None:
    mock = PartnerEventsMock(unknown_sources="reject")
    with PartnerEventsServer(mock) as server:
        response = http_client(server.url).put_partner_events(Entries=[entry(Source=SOURCE)])

    assert server.mock is mock
    assert not mock.active
    assert response["Entries"][0]["ErrorCode"] == mock.rejected[0].error_code


def _closed_by_peer(connection: socket.socket) -> bool:
    """True once the other end closed (FIN or RST); a connection left open times out instead."""
    try:
        return connection.recv(1) == b""
    except ConnectionResetError:
        return True


def _request(body: bytes) -> Any:
    from mock_partner_events._wire.protocol import HttpRequest

    headers = {"X-Amz-Target": TARGET, "Content-Type": "application/x-amz-json-1.1"}
    return HttpRequest.build("POST", "http://127.0.0.1/", headers, body)


def _without_ids(answer: dict[str, Any]) -> dict[str, Any]:
    entries = [{key: value for key, value in item.items() if key != "EventId"} for item in answer["Entries"]]
    return {**answer, "Entries": entries}
