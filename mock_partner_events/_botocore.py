"""The botocore transport: one `before-send` handler that hands EventBridge requests to the active mock.

It is added to botocore's built-in handlers, ahead of moto's, so that every client built afterwards carries
it; while no mock is active it returns at once. `patch_client` attaches it to clients built earlier.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import botocore.handlers
from botocore.awsrequest import AWSResponse
from botocore.exceptions import EndpointConnectionError, ReadTimeoutError

from . import _activation
from ._errors import UnmockedOperationError
from ._moto import moto_is_active
from ._protocol import HttpRequest, HttpResponse

HANDLER_ID = "mock-partner-events"


class _Body:
    """The minimal raw stream botocore reads a response body from."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **kwargs: Any) -> Iterator[bytes]:
        yield self._body


def answer(request: Any, **kwargs: Any) -> AWSResponse | None:
    """botocore's `before-send` hook: an AWSResponse for EventBridge requests while a mock is active."""
    mock = _activation.innermost()
    if mock is None:
        return None
    http = HttpRequest.build(request.method, request.url, request.headers, request.body)
    operation = http.operation
    if operation is None:
        return None
    if not mock.answers(operation):
        if moto_is_active():
            return None
        raise UnmockedOperationError(operation)
    return to_botocore(mock.handle(http), request.url)


def to_botocore(response: HttpResponse, url: str) -> AWSResponse:
    if response.network_fault == "before":
        raise EndpointConnectionError(endpoint_url=url)
    if response.network_fault == "after":
        raise ReadTimeoutError(endpoint_url=url)
    result = AWSResponse(url, response.status, response.headers, _Body(response.body))
    result._content = response.body  # skip a pointless stream read
    return result


_installed = False


def install() -> None:
    """Put the handler first among botocore's built-in handlers (idempotent)."""
    global _installed
    if _installed:
        return
    handlers = botocore.handlers.BUILTIN_HANDLERS
    if not any(handler is answer for _, handler, *_ in handlers):
        handlers.insert(0, ("before-send", answer, botocore.handlers.REGISTER_FIRST))
    _installed = True


def patch_client(client: Any) -> Any:
    """Attach the mock to a client built before this package was imported; returns the client."""
    client.meta.events.register_first("before-send", answer, unique_id=HANDLER_ID)
    return client
