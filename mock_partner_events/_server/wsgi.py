"""The server's WSGI application: the partner API at `/`, the admin API under `/_mock/`, the inbox page at `GET /`.

Only AWS API calls (see `apicall`) reach the engine and are recorded; a browser's favicon request, a CORS
preflight or a stray POST is answered here and leaves `mock.calls` unchanged.

Plain WSGI with no server import. Every client-controlled header and body is checked here before the engine
sees it; what the app refuses gets a 4xx with a JSON message (in AWS's error shape on the partner API). A
network fault raises ConnectionDroppedError, which `http` turns into a connection closed without an answer.
"""

from __future__ import annotations

import re
import sys
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs

from mock_partner_events._core.engine import PartnerEventsMock
from mock_partner_events._server import inbox
from mock_partner_events._server.admin import PREFIX, answer_admin, changes_state, message
from mock_partner_events._server.apicall import is_api_call
from mock_partner_events._server.guard import HostPolicy, is_json
from mock_partner_events._transports import effects
from mock_partner_events._wire.protocol import AwsError, HttpRequest, HttpResponse, error_response

DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024
DEFAULT_READ_TIMEOUT = 30  # seconds a connection may stay silent, mid-request or between requests
BAD_REQUEST = "BadRequestException"
StartResponse = Callable[[str, list[tuple[str, str]]], Any]
_REASONS = {status.value: status.phrase for status in HTTPStatus}
_ATTEMPT = re.compile(r"(?:^|;)\s*attempt=([^;]*)")
_SMALL_NUMBER = re.compile(r"[0-9]{1,9}")
_LENGTH = re.compile(r"[0-9]{1,18}")


class ConnectionDroppedError(ConnectionAbortedError):
    """Raised for a network fault: the server closes the client's connection without an answer."""


def _dropped(url: str) -> ConnectionDroppedError:
    return ConnectionDroppedError(f"mock-partner-events: network fault, connection to {url} dropped without an answer")


_DROPPED = effects.NetworkErrors(_dropped, _dropped)
"""A network fault, before or after processing: the server closes the connection without an answer."""


class RefusedRequestError(Exception):
    """A request the app answers with a 4xx before the engine sees it."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class PartnerEventsApp:
    """Hands partner API requests to the engine, admin requests to `admin`, `GET /` to the inbox page."""

    def __init__(
        self,
        mock: PartnerEventsMock,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        *,
        hosts: HostPolicy | None = None,
        log_requests: bool = False,
    ) -> None:
        if not isinstance(max_body_bytes, int) or max_body_bytes < 1:
            raise ValueError(f"mock-partner-events: max_body_bytes must be a positive int, not {max_body_bytes!r}")
        self.mock = mock
        self.max_body_bytes = max_body_bytes
        self.hosts = hosts or HostPolicy("127.0.0.1")
        self.log_requests = log_requests

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        response = self.respond(environ)
        if self.log_requests:
            _log(environ, response.status)
        return _send(start_response, response)

    def respond(self, environ: dict[str, Any]) -> HttpResponse:
        """The answer to one request; refused requests get a 4xx saying what to change."""
        path = environ.get("PATH_INFO") or "/"
        try:
            self._check_host(environ)
            target = environ.get("HTTP_X_AMZ_TARGET")
            page = inbox.page(environ["REQUEST_METHOD"], path, target)
            if page is not None:
                return page
            body = _read_body(environ, self.max_body_bytes)
            if path.startswith(PREFIX):
                return self._admin(environ, path, body)
            if path == PREFIX.rstrip("/"):
                return _redirect(PREFIX)
            if not is_api_call(target, environ.get("HTTP_AUTHORIZATION")):
                return _not_an_api_call(environ["REQUEST_METHOD"], path)
            return self._partner(environ, path, body)
        except RefusedRequestError as refused:
            return _refusal(refused, admin=path.startswith(PREFIX))

    def _check_host(self, environ: dict[str, Any]) -> None:
        host = environ.get("HTTP_HOST")
        if not self.hosts.permits(host):
            raise RefusedRequestError(403, self.hosts.refusal(host or ""))

    def _partner(self, environ: dict[str, Any], path: str, body: bytes) -> HttpResponse:
        """The server's mock answers every partner-API request: it has no moto beside it, so what it does not
        model gets AWS's UnknownOperationException from the engine (see `_transports.dispatch`)."""
        request = _partner_request(environ, path, body)
        plan = self.mock.faults  # the plan that decides a real delay is the one whose clear() ends it
        return effects.apply(self.mock.handle(request), request.url, _DROPPED, plan.sleep)

    def _admin(self, environ: dict[str, Any], path: str, body: bytes) -> HttpResponse:
        method = environ["REQUEST_METHOD"]
        if changes_state(method, path) and not is_json(environ.get("CONTENT_TYPE")):
            status, text = message(
                415,
                f"{method} {path} needs Content-Type: application/json (got {environ.get('CONTENT_TYPE') or 'none'}); "
                "this keeps web pages from changing the mock cross-origin",
            )
        else:
            query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
            status, text = answer_admin(self.mock, method, path, query, body)
        return json_response(status, text)


def _redirect(location: str) -> HttpResponse:
    return HttpResponse(308, {"location": location, "content-length": "0"}, b"")


def _not_an_api_call(method: str, path: str) -> HttpResponse:
    """The answer to a request no AWS client sends, not recorded: a bare 204 to a preflight (no CORS header, so
    browsers let no other page through), else AWS's UnknownOperationException saying why."""
    if method == "OPTIONS":
        return HttpResponse(204, {"allow": "GET, HEAD, POST", "content-length": "0"}, b"")
    text = (
        f"mock-partner-events: {method} {path[:100]} is not an AWS API call (no X-Amz-Target header, not "
        "SigV4-signed), so it was answered without being recorded; send the operation in X-Amz-Target"
    )
    return error_response(AwsError("UnknownOperationException", text), str(uuid.uuid4()))


def json_response(status: int, text: str) -> HttpResponse:
    data = text.encode()
    return HttpResponse(status, {"content-type": "application/json", "content-length": str(len(data))}, data)


def _refusal(refused: RefusedRequestError, *, admin: bool) -> HttpResponse:
    """A bare 413 for an oversized body (as AWS's front door sends it); else a JSON message, in AWS's error shape
    on the partner API."""
    if refused.status == 413:
        return error_response(AwsError("", "", 413), str(uuid.uuid4()))
    if admin:
        return json_response(*message(refused.status, refused.message))
    code = "AccessDeniedException" if refused.status == 403 else BAD_REQUEST
    return error_response(AwsError(code, f"mock-partner-events: {refused.message}", refused.status), str(uuid.uuid4()))


def _read_body(environ: dict[str, Any], limit: int) -> bytes:
    """The request body; a body over `limit` is refused with 413 (reading no further than the limit)."""
    stream = environ["wsgi.input"]
    if environ.get("wsgi.input_terminated"):  # the stream ends with the body (waitress buffers it whole first)
        data: bytes = stream.read(limit + 1)
        if len(data) > limit:
            raise RefusedRequestError(413, "")
        return data
    length_text = (environ.get("CONTENT_LENGTH") or "0").strip()
    if not _LENGTH.fullmatch(length_text):
        raise RefusedRequestError(400, f"Content-Length must be a decimal number of bytes, not {length_text[:40]!r}")
    length = int(length_text)
    if length > limit:
        raise RefusedRequestError(413, "")
    data = stream.read(length) if length else b""
    if len(data) != length:
        raise RefusedRequestError(400, f"the body ended after {len(data)} of its {length} bytes (Content-Length)")
    return data


def _partner_request(environ: dict[str, Any], path: str, body: bytes) -> HttpRequest:
    headers = {key[5:].replace("_", "-").lower(): value for key, value in environ.items() if key.startswith("HTTP_")}
    if "CONTENT_TYPE" in environ:
        headers["content-type"] = environ["CONTENT_TYPE"]
    _check_attempt(headers.get("amz-sdk-request"))
    url = f"http://{headers.get('host', 'localhost')}{_raw_target(environ, path)}"
    return HttpRequest(environ["REQUEST_METHOD"], url, headers, body)


def _raw_target(environ: dict[str, Any], path: str) -> str:
    """The path and query as the client sent them: rest-json services (Schemas) read percent-encoded labels
    (`schemas/name/a%2Fb`) and query members, which PATH_INFO would have decoded and dropped."""
    raw = environ.get("REQUEST_URI") or environ.get("RAW_URI")
    if raw:
        return str(raw)
    query = environ.get("QUERY_STRING")
    return f"{path}?{query}" if query else path


def _check_attempt(header: str | None) -> None:
    """`amz-sdk-request: attempt=N; max=M`, as the SDKs send it: N is a small decimal number."""
    found = _ATTEMPT.search(header or "")
    if found is not None and not _SMALL_NUMBER.fullmatch(found.group(1).strip()):
        raise RefusedRequestError(
            400, f"amz-sdk-request must carry attempt=N with N a decimal number, not {found.group(1)[:40]!r}"
        )


def _send(start_response: StartResponse, response: HttpResponse) -> list[bytes]:
    status = f"{response.status} {_REASONS.get(response.status, 'Unknown')}"
    # WSGI leaves hop-by-hop headers to the server, which keeps connections alive unless the client says otherwise
    start_response(status, [(name, value) for name, value in response.headers.items() if name != "connection"])
    return [response.body]


def _log(environ: dict[str, Any], status: int) -> None:
    """One access-log line on stderr, in the common log format."""
    when = datetime.now(timezone.utc).strftime("%d/%b/%Y %H:%M:%S")
    path = environ.get("PATH_INFO", "/") + (f"?{environ['QUERY_STRING']}" if environ.get("QUERY_STRING") else "")
    request_line = f"{environ['REQUEST_METHOD']} {path} {environ.get('SERVER_PROTOCOL', 'HTTP/1.1')}"
    print(f'{environ.get("REMOTE_ADDR", "-")} - - [{when}] "{request_line}" {status} -', file=sys.stderr, flush=True)
