"""The botocore transport: one `before-send` handler that hands EventBridge requests to the active mock.

It is added to botocore's built-in handlers, ahead of moto's, so that every client built afterwards carries
it; while no mock is active it returns at once. `patch_client` attaches it to clients built earlier.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import botocore.handlers
from botocore.awsrequest import AWSResponse
from botocore.exceptions import EndpointConnectionError, ReadTimeoutError

from mock_partner_events._core import activation as _activation
from mock_partner_events._core import backoff as _backoff
from mock_partner_events._core.errors import UnmockedOperationError
from mock_partner_events._integrations.moto import moto_is_active
from mock_partner_events._transports.dispatch import answered_here
from mock_partner_events._wire.protocol import HttpRequest, HttpResponse

HANDLER_ID = "mock-partner-events"


class _Body:
    """The minimal raw stream botocore reads a response body from."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **kwargs: Any) -> Iterator[bytes]:
        yield self._body


class Flavour(NamedTuple):
    """The classes of one botocore copy: answers are built from, and faults raised as, that copy's own types."""

    response_class: type[Any]
    connection_error: Callable[..., Exception]
    read_timeout: Callable[..., Exception]


BOTOCORE = Flavour(AWSResponse, EndpointConnectionError, ReadTimeoutError)


def engine_response(request: Any) -> HttpResponse | None:
    """The active mock's answer to a botocore request, or None to let the request go on (to moto, say)."""
    mock = _activation.innermost()
    if mock is None:
        return None
    http = HttpRequest.build(request.method, request.url, request.headers, request.body)
    operation = http.operation
    if operation is None:
        return None
    if not answered_here(mock, operation, http.body):
        if moto_is_active():
            return None
        raise UnmockedOperationError(operation)
    return mock.handle(http)


def make_handler(flavour: Flavour) -> Callable[..., Any]:
    """A `before-send` handler answering with `flavour`'s response type."""

    def answer(request: Any, **kwargs: Any) -> Any:
        response = engine_response(request)
        return None if response is None else to_botocore(response, request.url, flavour)

    return answer


answer = make_handler(BOTOCORE)
"""botocore's `before-send` hook: an AWSResponse for EventBridge requests while a mock is active."""


def to_botocore(response: HttpResponse, url: str, flavour: Flavour = BOTOCORE) -> Any:
    if response.delay:
        time.sleep(response.delay)  # a delay fault with real=True; virtual delays never reach the transport
    if response.network_fault == "before":
        raise flavour.connection_error(endpoint_url=url)
    if response.network_fault == "after":
        raise flavour.read_timeout(endpoint_url=url)
    result = flavour.response_class(url, response.status, response.headers, _Body(response.body))
    result._content = response.body  # skip a pointless stream read (and, for aiobotocore, an awaited one)
    return result


_installed = False


def install() -> None:
    """Put the handler first among botocore's built-in handlers (idempotent), and hook the optional
    integrations (aiobotocore, awscli's botocore copy, moto) when, and only when, the user imports them."""
    global _installed
    if _installed:
        return
    insert_first(botocore.handlers, answer)
    _backoff.install()
    from mock_partner_events._integrations import moto as _moto
    from mock_partner_events._transports import aiobotocore as _aio
    from mock_partner_events._transports import awscli as _awscli

    _aio.install()
    _awscli.install()
    _moto.install()
    _installed = True


def insert_first(handlers_module: Any, handler: Callable[..., Any]) -> None:
    """Add `handler` as the first built-in before-send handler of one botocore copy (idempotent)."""
    handlers = handlers_module.BUILTIN_HANDLERS
    if not any(existing is handler for _, existing, *_ in handlers):
        handlers.insert(0, ("before-send", handler, handlers_module.REGISTER_FIRST))


def patch_client(client: Any) -> Any:
    """Attach the mock to a client built before this package was imported; returns the client.

    Works for botocore / boto3 clients (awscli's included) and aiobotocore / aioboto3 clients.
    """
    from mock_partner_events._transports import aiobotocore as _aio

    handler = _aio.handler_for(client) or answer
    client.meta.events.register_first("before-send", handler, unique_id=HANDLER_ID)
    return client
