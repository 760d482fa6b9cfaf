"""Incremental reads of the admin API (pages after a cursor, a generation per reset), the faults listing, what the
server does not record, the admin API while real delays are in flight, and the loose ends of issue 18."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import threading
import time
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from helpers import entry, http_client

from mock_partner_events import PartnerEventsServer

JSON = {"Content-Type": "application/json"}


def get(server: PartnerEventsServer, path: str, **params: Any) -> Any:
    answer = requests.get(f"{server.url}/_mock/{path}", params=params, timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()


def publish(server: PartnerEventsServer, count: int, **fields: Any) -> None:
    client = http_client(server.url)
    for start in range(0, count, 10):
        client.put_partner_events(
            Entries=[entry(detail={"n": n}, **fields) for n in range(start, min(count, start + 10))]
        )


def test_pages_carry_any_text_a_publisher_sent_exactly(partner_events_server: PartnerEventsServer) -> None:
    detail = '{"note": "caf\u00e9 \u2713 \U0001f600", "lone": "\\ud800", "quote": "\\"\\n"}'
    http_client(partner_events_server.url).put_partner_events(
        Entries=[entry("Bestellung erstellt \u2713", Detail=detail)]
    )

    listed, paged = get(partner_events_server, "events")[0], get(partner_events_server, "events", after=0)["items"][0]

    assert listed["detail-type"] == paged["detail-type"] == "Bestellung erstellt \u2713"
    assert listed["detail"] == paged["detail"] == json.loads(detail)
    assert paged["detail_json"] == detail


def test_a_page_holds_the_records_after_the_cursor_and_says_where_to_continue(
    partner_events_server: PartnerEventsServer,
) -> None:
    publish(partner_events_server, 25)

    first = get(partner_events_server, "events", after=0, limit=10)
    second = get(partner_events_server, "events", after=first["cursor"], limit=10)
    rest = get(partner_events_server, "events", after=second["cursor"])

    assert [item["seq"] for item in first["items"]] == list(range(1, 11))
    assert [item["detail"]["n"] for item in second["items"]] == list(range(10, 20))
    assert [item["detail"]["n"] for item in rest["items"]] == list(range(20, 25))
    assert (rest["cursor"], rest["total"], rest["dropped"]) == (25, 25, 0)
    assert first["generation"] == rest["generation"]
    assert get(partner_events_server, "events", after=25)["items"] == []
    assert second["items"][0]["detail_json"] == json.dumps({"n": 10})  # the Detail's text as sent


def test_limit_alone_gives_the_newest_page(partner_events_server: PartnerEventsServer) -> None:
    publish(partner_events_server, 25)

    newest = get(partner_events_server, "events", limit=5)
    calls = get(partner_events_server, "calls", limit=2)

    assert [item["detail"]["n"] for item in newest["items"]] == [20, 21, 22, 23, 24]
    assert [item["seq"] for item in calls["items"]] == [2, 3]
    assert calls["items"][-1]["operation"] == "PutPartnerEvents"
    assert (calls["cursor"], calls["total"]) == (3, 3)


def test_a_reset_changes_the_generation_even_when_the_counts_come_back_equal(
    partner_events_server: PartnerEventsServer,
) -> None:
    publish(partner_events_server, 3)
    before = get(partner_events_server, "events", limit=10)
    requests.post(f"{partner_events_server.url}/_mock/reset", headers=JSON, data="{}", timeout=10)
    publish(partner_events_server, 3)

    after = get(partner_events_server, "events", limit=10)

    assert (before["total"], after["total"]) == (3, 3)
    assert after["generation"] != before["generation"]
    assert [item["id"] for item in after["items"]] == [event.event_id for event in partner_events_server.mock.events]


def test_rejected_entries_page_like_events(partner_events_server: PartnerEventsServer) -> None:
    client = http_client(partner_events_server.url)
    client.put_partner_events(Entries=[entry(Detail="{bad"), entry(detail={"id": 1}), entry(Detail="[1]")])

    page = get(partner_events_server, "rejected", after=1)

    assert [(item["seq"], item["index"], item["error_code"]) for item in page["items"]] == [(2, 2, "MalformedDetail")]
    assert page["items"][0]["entry"]["Detail"] == "[1]"


@pytest.mark.parametrize(
    ("path", "params", "says"),
    [
        ("events", {"after": "-1"}, "after takes one whole number"),
        ("events", {"limit": "5000"}, "limit takes at most 2000"),
        ("calls", {"limit": "0"}, "limit takes at most 2000 records a page and at least 1, not 0"),
        ("events", {"after": "0", "source": "x"}, "a page of /_mock/events takes after and limit only, not source"),
        ("calls", {"after": "0", "colour": "red"}, "/_mock/calls takes no query parameters (got colour)"),
    ],
)
def test_bad_paging_gets_a_400_saying_what_to_send(
    partner_events_server: PartnerEventsServer, path: str, params: dict[str, str], says: str
) -> None:
    answer = requests.get(f"{partner_events_server.url}/_mock/{path}", params=params, timeout=10)

    assert answer.status_code == 400
    assert says in answer.json()["message"]


def test_armed_faults_are_listed_and_removed_one_by_one(partner_events_server: PartnerEventsServer) -> None:
    faults = [{"fail_requests": {"times": 2}}, {"delay": {"seconds": 1}}]
    requests.post(f"{partner_events_server.url}/_mock/faults", headers=JSON, json=faults, timeout=10)

    listed = get(partner_events_server, "faults")
    first = listed[0]["id"]
    removed = requests.delete(f"{partner_events_server.url}/_mock/faults/{first}", headers=JSON, timeout=10)
    missing = requests.delete(f"{partner_events_server.url}/_mock/faults/{first}", headers=JSON, timeout=10)

    assert [(item["fired"], item["times"]) for item in listed] == [(0, 2), (0, None)]
    assert "ThrottlingException" in listed[0]["description"]
    assert removed.json() == {"removed": first}
    assert [item["id"] for item in get(partner_events_server, "faults")] == [listed[1]["id"]]
    assert missing.status_code == 404
    assert "no armed fault has id" in missing.json()["message"]


def test_a_bad_fault_is_refused_with_one_prefix(partner_events_server: PartnerEventsServer) -> None:
    faults = [{"fail_requests": {"colour": 1}}]
    answer = requests.post(f"{partner_events_server.url}/_mock/faults", headers=JSON, json=faults, timeout=10)

    assert answer.status_code == 400
    assert answer.json()["message"].startswith("mock-partner-events: faults[0]")
    assert answer.json()["message"].count("mock-partner-events:") == 1


def raw(server: PartnerEventsServer, method: str, path: str, body: bytes = b"", **headers: str) -> tuple[int, Any]:
    parts = urlsplit(server.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        return response.status, response
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("method", "path", "headers", "status"),
    [
        ("GET", "/favicon.ico", {}, 200),
        ("GET", "/_mock", {}, 308),
        ("OPTIONS", "/", {"Origin": "http://example.com", "Access-Control-Request-Method": "POST"}, 204),
        ("POST", "/", {"Content-Type": "text/plain"}, 400),  # a web page's no-cors POST
        ("GET", "/anything", {}, 400),
    ],
)
def test_requests_that_are_not_api_calls_are_answered_without_being_recorded(
    partner_events_server: PartnerEventsServer, method: str, path: str, headers: dict[str, str], status: int
) -> None:
    answered, response = raw(partner_events_server, method, path, b"{}" if method == "POST" else b"", **headers)

    assert answered == status
    assert "access-control-allow-origin" not in {name.lower() for name, _ in response.getheaders()}
    assert partner_events_server.mock.calls == []


def test_the_admin_url_the_server_advertises_answers_with_its_endpoints(
    partner_events_server: PartnerEventsServer,
) -> None:
    index = requests.get(f"{partner_events_server.url}/_mock", timeout=10)  # redirected to /_mock/

    assert index.status_code == 200
    assert "GET /_mock/faults" in index.json()["endpoints"]
    assert partner_events_server.mock.calls == []


def test_a_signed_request_without_a_target_is_still_an_api_call(partner_events_server: PartnerEventsServer) -> None:
    status, _ = raw(partner_events_server, "POST", "/", b"{}", Authorization="AWS4-HMAC-SHA256 Credential=x/y")

    assert status == 400
    assert [call.error_code for call in partner_events_server.mock.calls] == ["UnknownOperationException"]


def test_health_answers_at_once_with_sixteen_real_delays_in_flight_and_clearing_ends_them() -> None:
    with PartnerEventsServer() as server:
        server.mock.faults.delay(60, real=True)
        client = http_client(server.url, retries={"total_max_attempts": 1}, read_timeout=120, max_pool_connections=16)
        threads = [threading.Thread(target=client.put_partner_events, kwargs={"Entries": [entry()]}) for _ in range(16)]
        for thread in threads:
            thread.start()
        wait_until(lambda: len(server.mock.calls) >= 8)  # every API worker is asleep in a delay

        started = time.monotonic()
        health = requests.get(f"{server.url}/_mock/health", timeout=10)
        took = time.monotonic() - started
        requests.delete(f"{server.url}/_mock/faults", headers=JSON, timeout=10)
        for thread in threads:
            thread.join(10)

        assert health.status_code == 200
        assert took < 1.0
        assert not any(thread.is_alive() for thread in threads)
        assert len(server.mock.calls) == 16


def wait_until(condition: Any, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition did not hold in time"
        time.sleep(0.02)


def test_connection_limit_is_settable_from_the_command_line_and_a_config_file(tmp_path: Any) -> None:
    config = tmp_path / "mock.json"
    config.write_text('{"connection_limit": 0}')
    command = [sys.executable, "-m", "mock_partner_events", "serve", "--port", "0", "--quiet"]

    from_file = subprocess.run([*command, "--config", str(config)], capture_output=True, text=True, timeout=30)
    from_flag = subprocess.run([*command, "--connection-limit", "-1"], capture_output=True, text=True, timeout=30)

    assert from_file.returncode == from_flag.returncode == 2
    assert "connection_limit must be a positive int, not 0" in from_file.stderr
    assert "connection_limit must be a positive int, not -1" in from_flag.stderr


def test_past_the_connection_limit_a_new_client_waits_until_one_closes() -> None:
    request = b"GET /_mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    with PartnerEventsServer(connection_limit=1) as server:
        first = socket.create_connection((server.host, server.port), timeout=10)
        first.sendall(request)
        assert first.recv(65536).startswith(b"HTTP/1.1 200")  # the first client keeps its connection open
        second = socket.create_connection((server.host, server.port), timeout=1)
        second.sendall(request)
        with pytest.raises(TimeoutError):
            second.recv(65536)
        first.close()
        second.settimeout(10)

        assert second.recv(65536).startswith(b"HTTP/1.1 200")
        second.close()
