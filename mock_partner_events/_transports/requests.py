"""Raw HTTP callers: code that signs EventBridge requests itself and sends them with `requests`.

Interception goes through the `responses` library. While at least one mock is active and `requests` had been
imported when it started, one `responses.RequestsMock` of ours answers requests' transport. It matches only
EventBridge endpoints (`events.<region>.amazonaws.com`) whose X-Amz-Target names an operation the active mock
answers; every other request passes through to whatever sent requests before ours went in: a `responses` mock
of the user's (its registrations keep working and its unmatched-URL behaviour holds), moto's, or the network.
Nothing is set up, and neither `requests` nor `responses` is imported, for users who never imported requests.

Activation must stay cheap (every test enters a mock), so our RequestsMock is built once, on first use, and
never started: the outermost activation puts its send function in `HTTPAdapter.send` and the last deactivation
puts back what was there, as `responses.start()`/`stop()` would, without their `unittest.mock` patcher.
"""

from __future__ import annotations

import functools
import re
import sys
import threading
import time
from typing import Any

from mock_partner_events._core import activation as _activation
from mock_partner_events._wire.protocol import HttpRequest, HttpResponse

EVENTS_ENDPOINT = re.compile(r"https?://events(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?(:\d+)?/")
_ANYTHING = re.compile(r".*")

_lock = threading.Lock()
_active = 0
_previous_send: Any = None  # HTTPAdapter.send before ours went in, while ours is in


def activate() -> None:
    """Called when a mock starts: intercept `requests` from now on (reference-counted across mocks)."""
    global _active
    with _lock:
        _active += 1
        if _active == 1 and "requests" in sys.modules and _responses_importable():
            _put_ours_in()


def deactivate() -> None:
    """Called when a mock stops; the last one to stop removes the interception."""
    global _active, _previous_send
    with _lock:
        _active -= 1
        if _active == 0 and _previous_send is not None:
            from requests.adapters import HTTPAdapter

            HTTPAdapter.send = _previous_send  # type: ignore[method-assign]
            _previous_send = None
            _requests_mock().calls.reset()  # responses remembers every request it saw


def _responses_importable() -> bool:
    try:
        import responses  # noqa: F401
    except ImportError:
        return False
    return True


def _put_ours_in() -> None:
    global _previous_send
    from requests.adapters import HTTPAdapter

    _previous_send = HTTPAdapter.send  # the user's responses mock, moto's, or the real transport
    HTTPAdapter.send = _our_send()  # type: ignore[method-assign]


@functools.cache
def _our_send() -> Any:
    """Our RequestsMock's transport function, as `responses.start()` would patch it in (built once)."""
    return _requests_mock().unbound_on_send()


@functools.cache
def _requests_mock() -> Any:
    import responses

    send_onwards: Any = _send_onwards  # responses types it with requests' positional parameters; it passes kwargs
    mock = responses.RequestsMock(assert_all_requests_are_fired=False, real_adapter_send=send_onwards)
    for method in ("POST", "GET", "PUT"):
        mock.add_callback(method, EVENTS_ENDPOINT, callback=answer, match=[_answered_here])
    mock.add_passthru(_ANYTHING)
    return mock


def _send_onwards(adapter: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
    """Where requests that ours does not answer go: to whatever sent requests before ours went in."""
    send = _previous_send
    if send is None:  # a thread still sending as the last mock stopped
        from requests.adapters import HTTPAdapter

        send = HTTPAdapter.send
    return send(adapter, request, *args, **kwargs)


def _as_http(request: Any) -> HttpRequest:
    return HttpRequest.build(request.method or "POST", str(request.url), request.headers, request.body)


def _answered_here(request: Any) -> tuple[bool, str]:
    mock = _activation.innermost()
    operation = _as_http(request).operation
    if mock is None or operation is None or not mock.answers(operation):
        return False, "not an EventBridge operation mock-partner-events answers"
    return True, ""


def answer(request: Any) -> tuple[int, dict[str, str], bytes]:
    """The active mock's answer to a `requests.PreparedRequest`, as responses' callbacks return one."""
    mock = _activation.current_mock()
    return _to_requests(mock.handle(_as_http(request)), str(request.url))


def _to_requests(response: HttpResponse, url: str) -> tuple[int, dict[str, str], bytes]:
    from requests.exceptions import ConnectionError, ReadTimeout

    if response.delay:
        time.sleep(response.delay)
    if response.network_fault == "before":
        raise ConnectionError(f"mock-partner-events: injected connection failure before {url} was reached")
    if response.network_fault == "after":
        raise ReadTimeout(f"mock-partner-events: injected read timeout after {url} processed the request")
    return response.status, dict(response.headers), response.body
