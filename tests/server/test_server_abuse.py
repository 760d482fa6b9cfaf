"""Fault and abuse: requests that used to poison the admin API, bad raw HTTP, foreign hosts, cross-site writes,
half-open connections. The server answers each with a 4xx that says what is wrong, never a 500, and loses
nothing it recorded."""

from __future__ import annotations

import http.client
import json
import signal
import socket
import subprocess
import sys
import time
from typing import Any
from urllib.parse import quote

import orjson
import pytest
import requests
from helpers import SOURCE, clean_env, entry, http_client

from mock_partner_events import PartnerEventsServer

TARGET = {"X-Amz-Target": "AWSEvents.PutPartnerEvents", "Content-Type": "application/x-amz-json-1.1"}
JSON = {"Content-Type": "application/json"}


def raw(server: PartnerEventsServer, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send `request` byte for byte and read the one answer, as a hand-written client would."""
    with socket.create_connection((server.host, server.port), timeout=10) as connection:
        connection.sendall(request)
        response = http.client.HTTPResponse(connection)
        response.begin()
        return response.status, {name.lower(): value for name, value in response.getheaders()}, response.read()


def post_raw(server: PartnerEventsServer, body: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    data = body.encode()
    lines = [f"Host: 127.0.0.1:{server.port}", *(f"{name}: {value}" for name, value in TARGET.items())]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    if "Content_Length" not in headers:
        lines.append(f"Content-Length: {len(data)}")
    return raw(server, ("POST / HTTP/1.1\r\n" + "\r\n".join(lines) + "\r\n\r\n").encode() + data)


def strict_json(text: str | bytes) -> Any:
    """JSON as Node's JSON.parse reads it: no NaN, Infinity or -Infinity tokens."""

    def refuse(token: str) -> None:
        raise ValueError(f"{token} is not JSON")

    return json.loads(text, parse_constant=refuse)


def nested(depth: int, leaf: str = "1") -> str:
    return '{"a":' * depth + leaf + "}" * depth


def assert_aws_400(answer: tuple[int, dict[str, str], bytes], says: str) -> None:
    status, headers, body = answer
    assert status == 400, body
    assert headers["x-amzn-errortype"] == "BadRequestException"
    assert says in strict_json(body)["message"]


# -- poisoning requests ----------------------------------------------------------------------------------------


def test_a_detail_nested_a_thousand_levels_leaves_the_event_list_readable(
    partner_events_server: PartnerEventsServer,
) -> None:
    deep = nested(1000)
    client = http_client(partner_events_server.url)

    answer = client.put_partner_events(Entries=[entry(detail={"id": 1}), entry(Detail=deep)])
    events = requests.get(f"{partner_events_server.url}/_mock/events", timeout=10)

    assert answer["FailedEntryCount"] == 0
    assert events.status_code == 200
    listed = events.json()  # Python's json, with its recursion limit: the deep Detail comes as its text
    assert [event["id"] for event in listed] == [item["EventId"] for item in answer["Entries"]]
    assert (listed[0]["detail"], "detail_as_text" in listed[0]) == ({"id": 1}, False)
    assert (listed[1]["detail"], listed[1]["detail_as_text"]) == (deep, True)  # exactly as the publisher sent it


@pytest.mark.parametrize("where", ["Resources", "Unknown"])
def test_params_nested_six_hundred_levels_leave_calls_and_rejected_readable(
    partner_events_server: PartnerEventsServer, where: str
) -> None:
    deep = "[" * 600 + "]" * 600
    for detail in ("{}", "not json"):  # one call accepted or refused as a whole, one with a rejected entry
        body = f'{{"Entries":[{{"Source":"{SOURCE}","DetailType":"x","Detail":"{detail}","{where}":{deep}}}]}}'
        status, _, _ = post_raw(partner_events_server, body)
        assert status in (200, 400)

    for path in ("calls", "rejected", "events"):
        answer = requests.get(f"{partner_events_server.url}/_mock/{path}", timeout=10)
        assert answer.status_code == 200, (path, answer.text[:300])
        orjson.loads(answer.content)
    assert len(partner_events_server.mock.calls) == 2


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/_mock/faults", "[" * 5000 + "]" * 5000),
        ("POST", "/_mock/faults", "[" + nested(100, "{}") + "]"),
        ("GET", "/_mock/events?detail=" + quote("[" * 5000 + "]" * 5000), ""),
        ("GET", "/_mock/events?detail=" + quote(nested(5000)), ""),
        ("GET", "/_mock/events?pattern=" + quote('{"detail":' + nested(3000, '["x"]') + "}"), ""),
    ],
    ids=["faults-5000-brackets", "faults-100-objects", "detail-5000-brackets", "detail-5000-objects", "pattern-3000"],
)
def test_deep_admin_input_gets_a_400_with_a_json_message(
    partner_events_server: PartnerEventsServer, method: str, path: str, body: str
) -> None:
    answer = requests.request(method, partner_events_server.url + path, data=body, headers=JSON, timeout=10)

    assert answer.status_code == 400
    assert "nests" in answer.json()["message"]
    assert requests.get(f"{partner_events_server.url}/_mock/health", timeout=10).status_code == 200


# -- bad headers and bodies on the partner API -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "says"),
    [
        ("attempt=\u00b2; max=3", "amz-sdk-request must carry attempt=N"),
        ("attempt=" + "9" * 5000 + "; max=3", "amz-sdk-request must carry attempt=N"),
        ("attempt=-1", "amz-sdk-request must carry attempt=N"),
    ],
    ids=["superscript-two", "5000-digits", "negative"],
)
def test_a_malformed_attempt_header_gets_an_aws_shaped_400(
    partner_events_server: PartnerEventsServer, header: str, says: str
) -> None:
    body = json.dumps({"Entries": [entry(detail={"id": 1})]})
    request = (
        f"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSEvents.PutPartnerEvents\r\n"
        f"amz-sdk-request: {header}\r\nContent-Length: {len(body)}\r\n\r\n{body}"
    )

    assert_aws_400(raw(partner_events_server, request.encode("utf-8")), says)
    assert len(partner_events_server.mock.events) == 0


@pytest.mark.parametrize(
    ("head", "body", "says"),
    [
        ("Content-Length: " + "9" * 5000, "", "Content-Length"),
        ("Content-Length: 12abc", "", "Content-Length"),
        ("Content-Length: -5", "", "Content-Length"),
        ("Transfer-Encoding: chunked", "zz\r\n{}\r\n0\r\n\r\n", "chunk"),
        ("Transfer-Encoding: chunked", "f" * 40 + "\r\n{}\r\n0\r\n\r\n", ""),
        ("Transfer-Encoding: chunked", "2\r\n{}XX0\r\n\r\n", "chunk"),
        ("Transfer-Encoding: chunked", "2;\x01\r\n{}\r\n0\r\n\r\n", "chunk"),
    ],
    ids=["5000-digit-length", "length-with-letters", "negative-length", "chunk-size-zz", "chunk-size-40-digits",
         "chunk-not-terminated", "chunk-extension-control-char"],
)  # fmt: skip
def test_malformed_lengths_and_chunks_get_an_aws_shaped_4xx(
    partner_events_server: PartnerEventsServer, head: str, body: str, says: str
) -> None:
    request = f"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSEvents.PutPartnerEvents\r\n{head}\r\n\r\n{body}"

    status, headers, answer = raw(partner_events_server, request.encode())

    assert 400 <= status < 500, answer
    if status != 413:
        assert headers["x-amzn-errortype"] == "BadRequestException"
        assert says.lower() in strict_json(answer)["message"].lower()
    assert partner_events_server.mock.calls == []


BAD_RAW_HTTP = {
    "not-http": b"\x00\x01\x02hello\r\n\r\n",
    "http2-preface": b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
    "unknown-version": b"POST / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n",
    "header-without-colon": b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nBadHeader\r\n\r\n",
    "space-before-colon": b"POST / HTTP/1.1\r\nHost : 127.0.0.1\r\n\r\n",
    "length-and-chunked": b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"0\r\n\r\n",
    "two-lengths": b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
    "unknown-transfer-coding": b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip\r\n\r\n",
    "folded-header": b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\r\n b\r\nContent-Length: 2\r\n\r\n{}",
    "nul-in-header": b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\x00b\r\nContent-Length: 2\r\n\r\n{}",
    "300-kb-header": b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: " + b"a" * 300_000 + b"\r\n\r\n",
    "100-kb-path": b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    "control-char-method": b"G\x01T / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    "latin-1-host": b"GET /_mock/health HTTP/1.1\r\nHost: \xe9vil\r\n\r\n",
    "bad-percent-escapes": b"GET /_mock/events?%zz=%ff&source=%00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    "binary-authorization": b"POST / HTTP/1.1\r\nHost: x\r\nAuthorization: \xff\xfe Credential=\r\n"
    b"Content-Length: 2\r\n\r\n{}",
    "binary-body": b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSEvents.PutPartnerEvents\r\n"
    b"Content-Length: 4\r\n\r\n\xff\xfe{}",
}


@pytest.mark.parametrize("request_bytes", BAD_RAW_HTTP.values(), ids=BAD_RAW_HTTP.keys())
def test_bad_raw_http_gets_a_json_4xx(partner_events_server: PartnerEventsServer, request_bytes: bytes) -> None:
    status, headers, body = raw(partner_events_server, request_bytes)

    # 501 only for a transfer coding the server does not implement, as RFC 9112 asks; never a 500
    assert 400 <= status < 500 or (status == 501 and b"gzip" in request_bytes), body
    assert headers["content-type"] in ("application/json", "application/x-amz-json-1.1")
    assert "message" in strict_json(body)


def test_numbers_json_cannot_carry_never_make_invalid_json(partner_events_server: PartnerEventsServer) -> None:
    detail = '{"big": 1e400, "small": -1E999, "fine": 1.5}'
    client = http_client(partner_events_server.url)

    answer = client.put_partner_events(Entries=[entry(Detail=detail)])
    status, _, _ = post_raw(
        partner_events_server, json.dumps({"Entries": [entry(detail={"id": 2})]})[:-1] + ', "extra": 1e400}'
    )

    assert answer["FailedEntryCount"] == 0
    assert status == 200
    for path in ("events", "calls", "rejected"):
        text = requests.get(f"{partner_events_server.url}/_mock/{path}", timeout=10).text
        strict_json(text)  # no Infinity token anywhere
    events = requests.get(f"{partner_events_server.url}/_mock/events", timeout=10).text
    assert f'"detail":{detail},' in events  # kept as the publisher sent it


# -- loopback means loopback -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/_mock/events", "/_mock/health"])
@pytest.mark.parametrize("host", ["evil.example", "evil.example:4010", "127.0.0.1.evil.example", "10.0.0.8"])
def test_a_foreign_host_is_refused(partner_events_server: PartnerEventsServer, host: str, path: str) -> None:
    answer = requests.get(partner_events_server.url + path, headers={"Host": host}, timeout=10)

    assert answer.status_code == 403
    assert "is not a loopback name" in answer.json()["message"]
    assert not any(name.lower().startswith("access-control-") for name in answer.headers)


def test_a_foreign_host_gets_aws_shaped_access_denied_on_the_partner_api(
    partner_events_server: PartnerEventsServer,
) -> None:
    status, headers, body = post_raw(
        partner_events_server, json.dumps({"Entries": [entry(detail={"id": 1})]}), Host="evil.example"
    )

    assert status == 403
    assert headers["x-amzn-errortype"] == "AccessDeniedException"
    assert "--allowed-host" in strict_json(body)["message"]
    assert partner_events_server.mock.calls == []


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST:9", "127.0.0.1", "127.8.9.10:1", "[::1]:80", "app.localhost"])
def test_loopback_names_are_answered(partner_events_server: PartnerEventsServer, host: str) -> None:
    answer = requests.get(f"{partner_events_server.url}/_mock/health", headers={"Host": host}, timeout=10)

    assert answer.status_code == 200


def test_allowed_hosts_admits_a_container_host_name() -> None:
    with PartnerEventsServer(allowed_hosts=["mock-events"]) as server:
        allowed = requests.get(f"{server.url}/_mock/health", headers={"Host": "mock-events:4010"}, timeout=10)
        other = requests.get(f"{server.url}/_mock/health", headers={"Host": "other"}, timeout=10)

    assert (allowed.status_code, other.status_code) == (200, 403)


@pytest.mark.parametrize(
    ("method", "path", "content_type"),
    [
        ("POST", "/_mock/reset", "text/plain"),
        ("POST", "/_mock/reset", None),
        ("POST", "/_mock/faults", "application/x-www-form-urlencoded"),
        ("DELETE", "/_mock/faults", "multipart/form-data; boundary=x"),
    ],
)
def test_admin_changes_need_a_json_content_type(
    partner_events_server: PartnerEventsServer, method: str, path: str, content_type: str | None
) -> None:
    partner_events_server.mock.faults.fail_requests("ThrottlingException", times=5)
    headers = {"Content-Type": content_type} if content_type else {}
    body = '[{"fail_requests": {"error_code": "ThrottlingException"}}]'

    answer = requests.request(method, partner_events_server.url + path, data=body, headers=headers, timeout=10)

    assert answer.status_code == 415
    assert "needs Content-Type: application/json" in answer.json()["message"]
    assert len(partner_events_server.mock.faults.handles) == 1  # nothing changed


def test_no_cors_headers_and_no_preflight(partner_events_server: PartnerEventsServer) -> None:
    cross_site = {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}

    preflight = requests.options(f"{partner_events_server.url}/_mock/reset", headers=cross_site, timeout=10)
    read = requests.get(f"{partner_events_server.url}/_mock/events", headers=cross_site, timeout=10)

    assert preflight.status_code == 405
    for answer in (preflight, read):
        assert not any(name.lower().startswith("access-control-") for name in answer.headers)


# -- connections -----------------------------------------------------------------------------------------------


def test_one_connection_carries_many_requests(partner_events_server: PartnerEventsServer) -> None:
    connection = http.client.HTTPConnection(partner_events_server.host, partner_events_server.port, timeout=10)
    body = json.dumps({"Entries": [entry(detail={"id": 1})]})
    try:
        for _ in range(5):
            connection.request("POST", "/", body, TARGET)
            response = connection.getresponse()
            response.read()
            assert (response.status, response.will_close) == (200, False)
        local_port = connection.sock.getsockname()[1]
        connection.request("GET", "/_mock/health")
        connection.getresponse().read()
        assert connection.sock.getsockname()[1] == local_port  # the same TCP connection all along
    finally:
        connection.close()
    assert len(partner_events_server.mock.events) == 5


def test_a_thousand_half_open_connections_then_closed_leave_the_server_answering_within_a_second(
    partner_events_server: PartnerEventsServer,
) -> None:
    head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{"
    connections = []
    for number in range(1000):
        connection = socket.create_connection((partner_events_server.host, partner_events_server.port), timeout=10)
        if number % 2:
            connection.sendall(head.encode())  # a body that never finishes; the others send nothing at all
        connections.append(connection)
    client = http_client(partner_events_server.url, retries={"total_max_attempts": 1}, read_timeout=5)
    client.put_partner_events(Entries=[entry(detail={"id": 1})])  # answered while they are all open
    for connection in connections:
        connection.close()

    started = time.monotonic()
    health = requests.get(f"{partner_events_server.url}/_mock/health", timeout=5)

    assert health.status_code == 200
    assert time.monotonic() - started < 1.0
    assert health.json()["events"] == 1


def test_a_connection_silent_past_the_read_timeout_is_closed() -> None:
    with PartnerEventsServer(read_timeout=1) as server:
        connection = socket.create_connection((server.host, server.port), timeout=10)
        connection.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{")
        started = time.monotonic()
        closed = connection.recv(1)  # b"" once the server closes it
        waited = time.monotonic() - started
        connection.close()

    assert closed == b""
    assert 0.5 < waited < 4.0


def test_sigterm_stops_serve_within_two_seconds_with_connections_open() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "mock_partner_events", "serve", "--port", "0", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env(),
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().split(" at ", 1)[1].split()[0]
        port = int(url.rsplit(":", 1)[1])
        idle = http.client.HTTPConnection("127.0.0.1", port, timeout=10)  # a keep-alive connection, left open
        idle.request("GET", "/_mock/health")
        idle.getresponse().read()
        half_open = socket.create_connection(("127.0.0.1", port), timeout=10)
        half_open.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n{")

        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        code = process.wait(10)

        assert time.monotonic() - started < 2.0
        assert code == 0
        assert _closed_by_peer(half_open)  # the server closed it on the way out
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _closed_by_peer(connection: socket.socket) -> bool:
    """True once the other end closed: an orderly end of stream, or a reset (unread bytes were discarded)."""
    try:
        return connection.recv(1) == b""
    except ConnectionResetError:
        return True
