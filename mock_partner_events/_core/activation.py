"""Which mocks are active. A process-wide stack: requests from any thread go to the innermost mock.

Transports that must switch something on while any mock is active (the `requests` transport patches
`HTTPAdapter.send`) register a listener pair: `on_first` runs when the first mock starts, `on_last` when the last
one stops. The core thereby never imports a transport.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from mock_partner_events._core import shadow as _shadow

if TYPE_CHECKING:
    from mock_partner_events._core.engine import PartnerEventsMock

Listener = Callable[[], None]
_stack: list[PartnerEventsMock] = []
_listeners: list[tuple[Listener, Listener]] = []
_lock = threading.RLock()


def add_listener(on_first: Listener, on_last: Listener) -> None:
    with _lock:
        _listeners.append((on_first, on_last))


def push(mock: PartnerEventsMock) -> None:
    with _lock:
        _shadow.forget(mock)
        _shadow.activated_inside(_stack, mock)
        _stack.append(mock)
        if len(_stack) == 1:
            for on_first, _ in _listeners:
                on_first()


def remove(mock: PartnerEventsMock) -> None:
    with _lock:
        for index in range(len(_stack) - 1, -1, -1):
            if _stack[index] is mock:
                del _stack[index]
                break
        else:
            return
        if not _stack:
            for _, on_last in _listeners:
                on_last()


def innermost() -> PartnerEventsMock | None:
    """The mock that answers requests now, or None (the fast path for every unmocked request)."""
    stack = _stack
    return stack[-1] if stack else None


def current_mock() -> PartnerEventsMock:
    """The innermost active mock, for code running inside a decorated test."""
    __tracebackhide__ = True
    mock = innermost()
    if mock is None:
        raise RuntimeError(
            "mock-partner-events: no mock is active. Decorate the test with @mock_partner_events, use "
            "`with mock_partner_events():`, or take the `partner_events` pytest fixture."
        )
    return mock
