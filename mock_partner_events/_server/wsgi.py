"""The server's WSGI application: the partner API at `/`, the admin API under `/_mock/`.

Plain WSGI with no server import, so it runs under any WSGI server; `_server` runs it under werkzeug's,
whose `werkzeug.socket` environ key lets a network fault drop the connection without an answer.
"""

from __future__ import annotations

import contextlib
import json
import socket
import time
import uuid
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs

from mock_partner_events._core.engine import PartnerEventsMock
from mock_partner_events._server.admin import PREFIX, answer_admin
from mock_partner_events._wire.protocol import AwsError, HttpRequest, HttpResponse, error_response

DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024
StartResponse = Callable[[str, list[tuple[str, str]]], Any]
_REASONS = {status.value: status.phrase for status in HTTPStatus}


class ConnectionDroppedError(ConnectionAbortedError):
    """Raised after shutting the client's socket: servers treat a ConnectionError as a dropped connection."""


class PartnerEventsApp:
    """Hands partner API requests to the engine and admin requests to `_admin`."""

    def __init__(self, mock: PartnerEventsMock, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        if not isinstance(max_body_bytes, int) or max_body_bytes < 1:
            raise ValueError(f"mock-partner-events: max_body_bytes must be a positive int, not {max_body_bytes!r}")
        self.mock = mock
        self.max_body_bytes = max_body_bytes

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        body = _read_body(environ, self.max_body_bytes)
        if body is None:
            return _send(start_response, error_response(AwsError("", "", 413), str(uuid.uuid4())))
        path = environ.get("PATH_INFO") or "/"
        if path.startswith(PREFIX):
            return self._admin(environ, path, body, start_response)
        response = self.mock.handle(_partner_request(environ, path, body))
        if response.delay:  # a delay fault with real=True: the client waits this long for the answer
            time.sleep(response.delay)
        if response.network_fault is not None:
            _drop_connection(environ)
        return _send(start_response, response)

    def _admin(self, environ: dict[str, Any], path: str, body: bytes, start_response: StartResponse) -> Iterable[bytes]:
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        status, payload = answer_admin(self.mock, environ["REQUEST_METHOD"], path, query, body)
        data = json.dumps(payload, default=str).encode()
        headers = {"content-type": "application/json", "content-length": str(len(data))}
        return _send(start_response, HttpResponse(status, headers, data))


def _read_body(environ: dict[str, Any], limit: int) -> bytes | None:
    """The request body, or None when it is longer than `limit` (read no further than the limit allows)."""
    stream = environ["wsgi.input"]
    if environ.get("wsgi.input_terminated"):  # chunked: no length up front
        data: bytes = stream.read(limit + 1)
        return None if len(data) > limit else data
    length_text = environ.get("CONTENT_LENGTH") or "0"
    length = int(length_text) if length_text.isdigit() else 0
    if length > limit:
        return None
    return stream.read(length) if length else b""


def _partner_request(environ: dict[str, Any], path: str, body: bytes) -> HttpRequest:
    headers = {key[5:].replace("_", "-").lower(): value for key, value in environ.items() if key.startswith("HTTP_")}
    if "CONTENT_TYPE" in environ:
        headers["content-type"] = environ["CONTENT_TYPE"]
    url = f"http://{headers.get('host', 'localhost')}{path}"
    return HttpRequest(environ["REQUEST_METHOD"], url, headers, body)


def _drop_connection(environ: dict[str, Any]) -> None:
    """Close the client's connection without an answer (werkzeug puts its socket in the environ)."""
    connection = environ.get("werkzeug.socket")
    if connection is not None:
        with contextlib.suppress(OSError):  # the client went away first: the outcome is the same
            connection.shutdown(socket.SHUT_RDWR)
    raise ConnectionDroppedError("mock-partner-events: network fault, connection dropped without an answer")


def _send(start_response: StartResponse, response: HttpResponse) -> list[bytes]:
    status = f"{response.status} {_REASONS.get(response.status, 'Unknown')}"
    # WSGI leaves hop-by-hop headers to the server (werkzeug closes every connection after its answer)
    start_response(status, [(name, value) for name, value in response.headers.items() if name != "connection"])
    return [response.body]
