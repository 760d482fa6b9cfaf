"""The botocore transport: EventBridge requests go to the active mock before they reach the network.

Two hooks, one decision (`dispatch.route`):
- a `before-send` handler, first among botocore's built-in handlers (ahead of moto's), so that every session
  built afterwards carries it; it returns at once while no mock is active;
- a guard on `Endpoint._send`, the last step before the network, for clients whose session was built before the
  handler went in (boto3's default session created before this package was imported, say). Nothing a mock should
  answer passes it.
`patch.patch_client` attaches the handler to one client explicitly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

from botocore.awsrequest import AWSResponse
from botocore.exceptions import EndpointConnectionError, ReadTimeoutError

from mock_partner_events._core import activation
from mock_partner_events._core.compat import require
from mock_partner_events._transports import effects
from mock_partner_events._transports.dispatch import Decision, Route, route_request

if TYPE_CHECKING:
    from mock_partner_events._wire.protocol import HttpResponse

_GUARD_FLAG = "_mock_partner_events_guard"


class _Body:
    """The minimal raw stream botocore reads a response body from."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **kwargs: Any) -> Iterator[bytes]:
        yield self._body


class Flavour(NamedTuple):
    """One botocore copy's types: answers are built from, and network faults raised as, that copy's own."""

    response_class: type[Any]
    errors: effects.NetworkErrors


BOTOCORE = Flavour(
    AWSResponse,
    effects.NetworkErrors(
        lambda url: EndpointConnectionError(endpoint_url=url), lambda url: ReadTimeoutError(endpoint_url=url)
    ),
)


def decide(request: Any) -> Decision:
    """The dispatch decision for a botocore AWSPreparedRequest (cheap while no mock is active)."""
    if activation.innermost() is None:
        return Decision(Route.PASS, None, None)
    headers = request.headers
    return route_request(headers.get("X-Amz-Target"), headers.get("Authorization"), request.url, request.body)


def engine_response(request: Any, *, last_chance: bool = False) -> HttpResponse | None:
    """The active mock's answer, or None to let the request go on (to moto's handler, or to its own transport).

    `last_chance`: the request is about to leave the process, so whatever a mock should have answered and did
    not (moto's handler is not on this client) is stopped with an error instead."""
    decision = decide(request)
    if decision.route is Route.HERE:
        from mock_partner_events._wire.protocol import HttpRequest  # the engine's side loads on first use

        assert decision.mock is not None
        return decision.mock.handle(HttpRequest.build(request.method, request.url, request.headers, request.body))
    if decision.route is Route.UNMOCKED or (last_chance and decision.route is Route.MOTO):
        from mock_partner_events._core.errors import UnmockedOperationError

        raise UnmockedOperationError(str(decision.operation), moto_missed=decision.route is Route.MOTO)
    return None


def to_botocore(response: HttpResponse, url: str, flavour: Flavour = BOTOCORE) -> Any:
    effects.apply(response, url, flavour.errors)
    result = flavour.response_class(url, response.status, response.headers, _Body(response.body))
    result._content = response.body  # skip a pointless stream read (and, for aiobotocore, an awaited one)
    return result


def make_handler(flavour: Flavour) -> Callable[..., Any]:
    """A `before-send` handler answering with `flavour`'s response type."""

    def answer(request: Any, **kwargs: Any) -> Any:
        response = engine_response(request)
        return None if response is None else to_botocore(response, request.url, flavour)

    return answer


answer = make_handler(BOTOCORE)
"""botocore's `before-send` hook: an AWSResponse for EventBridge requests while a mock is active."""


def hook_handlers(handlers: ModuleType) -> None:
    """Add the handler first among one botocore copy's built-in handlers (botocore's, or awscli's own copy)."""
    require(handlers, "BUILTIN_HANDLERS", "REGISTER_FIRST")
    builtin = handlers.BUILTIN_HANDLERS
    if not any(existing is answer for _, existing, *_ in builtin):
        builtin.insert(0, ("before-send", answer, handlers.REGISTER_FIRST))


def hook_endpoint(endpoint: ModuleType) -> None:
    """Guard `Endpoint._send`: a request that reaches it while a mock should answer it is answered there."""
    require(endpoint, "Endpoint._send")
    original = endpoint.Endpoint._send
    if getattr(original, _GUARD_FLAG, False):
        return

    def _send(self: Any, request: Any) -> Any:
        response = engine_response(request, last_chance=True)
        return original(self, request) if response is None else to_botocore(response, request.url)

    setattr(_send, _GUARD_FLAG, True)
    endpoint.Endpoint._send = _send
