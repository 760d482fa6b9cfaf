"""How a service's requests and answers look on the wire: one Codec per botocore protocol.

The engine asks a request's codec for the operation and its parameters, and for the bytes of the answer or the
error; it never looks at headers, paths or bodies itself. `JSON11` is EventBridge's protocol (`X-Amz-Target`, a JSON
body, errors with `__type`); the Schemas API's rest-json codec (method + path routing, URI and query members, errors
with `Code`) lives beside it in `restjson`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from mock_partner_events._wire.protocol import (
    AwsError,
    HttpRequest,
    HttpResponse,
    JsonBody,
    error_response,
    parse_body,
    success_response,
)


class Codec(Protocol):
    """A botocore protocol, as the engine needs it."""

    def operation(self, request: HttpRequest) -> str | None:
        """The operation the request names, or None when it names none the protocol can read."""

    def read(self, request: HttpRequest, operation: str | None) -> JsonBody:
        """The operation's input, read once (`params`, named as botocore's input shape names its members, and
        `exact()`, the reading messages render); AwsError when unreadable."""

    def recorded_params(self, request: HttpRequest) -> bytes:
        """The request's params as JSON bytes, for the record (read again when a test reads the call)."""

    def answer(self, operation: str, payload: Mapping[str, Any] | None, request_id: str) -> HttpResponse:
        """The success answer."""

    def error(self, error: AwsError, request_id: str) -> HttpResponse:
        """AWS's error answer in this protocol's shape."""


class Json11:
    """AWS JSON 1.1, as EventBridge speaks it."""

    def operation(self, request: HttpRequest) -> str | None:
        return request.operation

    def read(self, request: HttpRequest, operation: str | None) -> JsonBody:
        return parse_body(request.body)

    def recorded_params(self, request: HttpRequest) -> bytes:
        return request.body  # the params are the body, kept as sent

    def answer(self, operation: str, payload: Mapping[str, Any] | None, request_id: str) -> HttpResponse:
        return success_response(payload, request_id)

    def error(self, error: AwsError, request_id: str) -> HttpResponse:
        return error_response(error, request_id)


JSON11 = Json11()
