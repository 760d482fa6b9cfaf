"""Raw HTTP callers: code that signs EventBridge requests itself and sends them with `requests`.

Interception goes through the `responses` library. While a mock is active, one `responses.RequestsMock` of ours
answers requests' transport. It matches EventBridge endpoints (`events.<region>.amazonaws.com`) and asks the one
dispatch decision: what a mock answers is answered, what nobody mocks raises UnmockedOperationError (as the
botocore path does), and everything else passes through to whatever sent requests before ours went in: a
`responses` mock of the user's (its registrations keep working), moto's, or the network. Nothing is set up, and
`responses` is not imported, until `requests` itself is imported.

Activation must stay cheap (every test enters a mock), so our RequestsMock is built once, on first use, and
never started: the first activation puts its send function in `HTTPAdapter.send` and the last deactivation
puts back what was there, as `responses.start()`/`stop()` would, without their `unittest.mock` patcher.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable
from types import ModuleType
from typing import Any

from mock_partner_events._core import activation
from mock_partner_events._core.compat import is_disabled, require, switch_off
from mock_partner_events._core.errors import UnmockedOperationError
from mock_partner_events._core.seam import SEAM, Contribution
from mock_partner_events._transports import effects
from mock_partner_events._transports.dispatch import Decision, Route, route_request
from mock_partner_events._wire.protocol import HttpRequest

EVENTS_ENDPOINT = re.compile(r"https?://(events|schemas)(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?(:\d+)?/")
_ANYTHING = re.compile(r".*")


class _SendSwitch:
    """Puts our send function into `HTTPAdapter.send` while mocks are active, and back what was there."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.previous: Any = None  # HTTPAdapter.send before ours went in, while ours is in

    def put_ours_in(self) -> None:
        if is_disabled("requests"):
            return
        try:
            send = _our_send()
        except ImportError:
            return  # without the `requests` extra (responses), requests is not intercepted (the README says so)
        except Exception as error:  # a responses version we cannot drive: that integration is off, nothing else
            switch_off("requests", f"{type(error).__name__}: {error}")
            return
        from requests.adapters import HTTPAdapter

        with self._lock:
            if self.previous is None:
                self.previous = HTTPAdapter.send  # the user's responses mock, moto's, or the real transport
                HTTPAdapter.send = send  # type: ignore[method-assign]

    def take_ours_out(self) -> None:
        from requests.adapters import HTTPAdapter

        with self._lock:
            if self.previous is not None:
                HTTPAdapter.send = self.previous  # type: ignore[method-assign]
                self.previous = None
                _requests_mock().calls.reset()  # responses remembers every request it saw


_SWITCH = _SendSwitch()  # changed only through the seam's listeners, while the first mock starts or the last stops


def hook(requests: ModuleType) -> None:
    """`requests` was imported: intercept it while mocks are active (at once, if one is active now).

    `responses` is imported only when a mock starts: it imports `requests` itself, so here it may be half-loaded."""
    require(requests, "adapters.HTTPAdapter.send")
    SEAM.register(Contribution("requests", on_first_start=_SWITCH.put_ours_in, on_last_stop=_SWITCH.take_ours_out))
    if activation.innermost() is not None:
        _SWITCH.put_ours_in()


@functools.cache
def _our_send() -> Any:
    """Our RequestsMock's transport function, as `responses.start()` would patch it in (built once)."""
    return _requests_mock().unbound_on_send()


@functools.cache
def _requests_mock() -> Any:
    import responses

    require(responses, "RequestsMock.unbound_on_send", "RequestsMock.add_callback", "RequestsMock.add_passthru")
    send_onwards: Any = _send_onwards  # responses types it with requests' positional parameters; it passes kwargs
    mock = responses.RequestsMock(assert_all_requests_are_fired=False, real_adapter_send=send_onwards)
    for method in ("POST", "GET", "PUT", "DELETE"):
        mock.add_callback(method, EVENTS_ENDPOINT, callback=answer, match=[_ours])
    mock.add_passthru(_ANYTHING)
    return mock


def _send_onwards(adapter: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
    """Where requests that ours does not answer go: to whatever sent requests before ours went in."""
    send = _SWITCH.previous
    if send is None:  # a thread still sending as the last mock stopped
        from requests.adapters import HTTPAdapter

        send = HTTPAdapter.send
    return send(adapter, request, *args, **kwargs)


def decide(request: Any) -> Decision:
    """The dispatch decision for a `requests.PreparedRequest`."""
    if activation.innermost() is None:
        return Decision(Route.PASS, None, None)
    headers = request.headers
    return route_request(
        headers.get("X-Amz-Target"), headers.get("Authorization"), str(request.url), body_bytes(request)
    )


def _ours(request: Any) -> tuple[bool, str]:
    """responses' matcher: this package answers it, or stops it (an EventBridge operation nobody mocks)."""
    if decide(request).route in (Route.HERE, Route.UNMOCKED):
        return True, ""
    return False, "not an EventBridge request that mock-partner-events answers"


def answer(request: Any) -> tuple[int, dict[str, str], bytes]:
    """The active mock's answer to a `requests.PreparedRequest`, as responses' callbacks return one."""
    decision = decide(request)
    if decision.mock is None or decision.route is not Route.HERE:
        raise UnmockedOperationError(str(decision.operation))
    url = str(request.url)
    http = HttpRequest.build(request.method or "POST", url, request.headers, body_bytes(request))
    response = effects.apply(decision.mock.handle(http), url, _network_errors())
    return response.status, dict(response.headers), response.body


def body_bytes(request: Any) -> bytes:
    """The request's body as bytes. A streamed body (a generator or a file) is read once, and the request is left
    sendable onwards with those bytes as its body (a Content-Length instead of chunked encoding), so that a request
    that passes through, to moto or to the user's own `responses` mock, still carries the whole body in a form
    they read."""
    body = request.body
    if body is None or isinstance(body, bytes):
        return body or b""
    if isinstance(body, str):
        return body.encode()
    read = _read_stream(body)
    request.body = read
    request.headers.pop("Transfer-Encoding", None)
    request.headers["Content-Length"] = str(len(read))
    return read


def _read_stream(body: Any) -> bytes:
    if hasattr(body, "read"):
        data = body.read()
        return data.encode() if isinstance(data, str) else bytes(data)
    chunks: Iterable[Any] = body
    return b"".join(chunk.encode() if isinstance(chunk, str) else bytes(chunk) for chunk in chunks)


@functools.cache
def _network_errors() -> effects.NetworkErrors:
    from requests.exceptions import ConnectionError, ReadTimeout

    return effects.NetworkErrors(
        lambda url: ConnectionError(f"mock-partner-events: injected connection failure before {url} was reached"),
        lambda url: ReadTimeout(f"mock-partner-events: injected read timeout after {url} processed the request"),
    )
