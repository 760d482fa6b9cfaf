"""The AWS JSON 1.1 wire format: requests in, exact AWS response bytes out.

Everything here is plain data so that every transport (botocore, aiobotocore, requests, the HTTP server)
hands the engine the same thing and turns its answer into its own response type.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mock_partner_events._wire.fastjson import dumps, fast_loads, numbers_fit_int64
from mock_partner_events._wire.sigv4 import CREDENTIAL, service_named

TARGET_PREFIX = "AWSEvents."
CONTENT_TYPE = "application/x-amz-json-1.1"
ENGINE_HEADERS = ("x-amz-target", "authorization", "amz-sdk-request")


@dataclass(frozen=True)
class HttpRequest:
    """One HTTP request as a transport received it: the headers the engine reads, names lower-cased, and what
    the engine reads from them, worked out once."""

    method: str
    url: str
    headers: Mapping[str, str]
    body: bytes
    operation: str | None = field(init=False)
    """The operation named by `X-Amz-Target: AWSEvents.<Operation>`, or None for other requests."""
    service: str | None = field(init=False)
    """The AWS service the request is for: `events` for an `X-Amz-Target: AWSEvents.*` request, else the service
    its SigV4 credential scope names, else the first label of its endpoint's host name (None for neither)."""
    access_key_and_region: tuple[str | None, str | None] = field(init=False)
    """The SigV4 credential's access key id and region, when the request is signed."""
    attempt: int = field(init=False)
    """botocore's attempt number from `amz-sdk-request: attempt=N; max=M` (1 when absent)."""

    def __post_init__(self) -> None:
        target = self.headers.get("x-amz-target", "")
        found = CREDENTIAL.search(self.headers.get("authorization", ""))
        operation = target[len(TARGET_PREFIX) :] if target.startswith(TARGET_PREFIX) else None
        object.__setattr__(self, "operation", operation)
        object.__setattr__(self, "service", "events" if operation is not None else service_named(found, self.url))
        object.__setattr__(self, "access_key_and_region", (found.group(1), found.group(2)) if found else (None, None))
        object.__setattr__(self, "attempt", _attempt(self.headers.get("amz-sdk-request", "")))

    @classmethod
    def build(cls, method: str, url: str, headers: Mapping[str, Any], body: bytes | str | None) -> HttpRequest:
        """Normalise a transport's request: the headers the engine reads (lower-case names, str values) and a
        bytes body. A plain dict's names may be in any case; any other mapping is taken to be a transport's
        case-insensitive one (botocore's, requests', werkzeug's), which is asked for just those headers."""
        if type(headers) is dict:
            headers = {_text(name).lower(): value for name, value in headers.items()}
        read = {name: _text(value) for name in ENGINE_HEADERS if (value := headers.get(name)) is not None}
        data = body.encode() if isinstance(body, str) else (body or b"")
        return cls(method.upper(), url, read, data)


def _attempt(header: str) -> int:
    """botocore's attempt number; anything but a small ASCII number (`attempt=²`, 5,000 digits) counts as 1."""
    for part in header.split(";"):
        name, _, value = part.strip().partition("=")
        if name == "attempt" and value.isascii() and value.isdigit() and len(value) <= 9:
            return int(value)
    return 1


@dataclass(frozen=True)
class HttpResponse:
    """What the engine answers. `network_fault` asks the transport to fail the connection instead."""

    status: int
    headers: dict[str, str]
    body: bytes
    network_fault: str | None = None
    delay: float = field(default=0.0)

    def json(self) -> Any:
        """The body, parsed (None when empty)."""
        return json.loads(self.body) if self.body else None


class AwsError(Exception):
    """A request-level AWS error: status, `__type` code and message, as AWS sends them."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


def validation_error(message: str) -> AwsError:
    return AwsError("ValidationException", message)


def serialization_error(message: str) -> AwsError:
    return AwsError("SerializationException", message)


class JsonBody:
    """A request body read once: `params`, the fast parser's reading, and `exact()`, the reading that messages
    render, which differs only where the text holds an integer beyond 64 bits (orjson reads it as a float)."""

    __slots__ = ("_text", "params")

    def __init__(self, params: dict[str, Any], text: bytes | None = None) -> None:
        self.params = params
        self._text = text  # kept only when the fast parser read it: the standard one is exact already

    def exact(self) -> dict[str, Any]:
        """The params exactly as sent: `params` itself unless one of its numbers may be a rounded integer beyond
        64 bits; only then is the text read again, by the standard parser. Asked only to word a failure."""
        if self._text is None or numbers_fit_int64(self.params):
            return self.params
        return _read_exactly(self._text)


def parse_body(body: bytes) -> JsonBody:
    """The request's JSON object; anything else is AWS's SerializationException.

    The fast parser's object is taken as it is; whatever it refuses is decided by the standard library's
    parser, so the errors are always the same.
    """
    if fast_loads is not None:
        try:
            params = fast_loads(body)
        except ValueError:
            pass
        else:
            if type(params) is dict:
                return JsonBody(params, body)
    return JsonBody(_read_exactly(body))


def _read_exactly(body: bytes) -> dict[str, Any]:
    if not body.strip():
        return {}
    try:
        params = _BODY_DECODER.decode(body.decode())
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError too
        raise serialization_error("Unable to parse the request body as JSON.") from None
    if not isinstance(params, dict):
        raise serialization_error("Start of structure or map found where not expected.")
    return params


def success_response(payload: Mapping[str, Any] | None, request_id: str) -> HttpResponse:
    """The 200 answer."""
    body = b"" if payload is None else dumps(payload)
    return HttpResponse(200, _headers(request_id, body), body)


def error_response(error: AwsError, request_id: str) -> HttpResponse:
    """AWS's error shape; a bare 413 has an empty body, exactly like the front door sends it."""
    if error.status == 413 and not error.message:
        headers = {"content-length": "0", "connection": "close", "x-amzn-requestid": request_id}
        return HttpResponse(413, headers, b"")
    body = json.dumps({"__type": error.code, "message": error.message}).encode()
    headers = _headers(request_id, body)
    headers["x-amzn-errortype"] = error.code
    return HttpResponse(error.status, headers, body)


def _headers(request_id: str, body: bytes) -> dict[str, str]:
    return {
        "content-type": CONTENT_TYPE,
        "content-length": str(len(body)),
        "x-amzn-requestid": request_id,
    }


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


_BODY_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)  # built once, not per request


def _text(value: Any) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)
