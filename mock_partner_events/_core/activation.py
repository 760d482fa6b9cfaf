"""Which mocks are active. A process-wide stack: requests from any thread go to the innermost mock.

The stack also keeps the virtual back-off that passed on no test clock while mocks were active (botocore's rate
limiter adds it to its own clock), and forgets it when the last mock stops. Integrations that must switch
something on while any mock is active register listeners with the seam (`seam.Contribution.on_first_start`), so
the core never imports a transport. This stack is one of the package's three pieces of process-wide state
(docs/architecture.md): a request carries no reference to the test that sent it, so the answering mock must be
findable from any thread.
"""

from __future__ import annotations

import threading
import weakref
from typing import TYPE_CHECKING, Protocol

from mock_partner_events._core.seam import SEAM

if TYPE_CHECKING:  # the package's import loads this module: it must stay light
    from mock_partner_events._core.options import Options
    from mock_partner_events._wire.protocol import HttpRequest, HttpResponse


class Activatable(Protocol):
    """What transports and integrations may ask of the mock that answers now (PartnerEventsMock is one), and
    where the stack notes the mocks that shadowed it."""

    options: Options
    shadowed_by: weakref.WeakSet[Activatable] | None

    def answers(self, operation: str | None, service: str = "events") -> bool: ...
    def handle(self, request: HttpRequest) -> HttpResponse: ...
    def absorb_backoff(self, seconds: float) -> None: ...


class _Activations:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.stack: list[Activatable] = []
        self.skipped_backoff = 0.0
        """Virtual seconds that passed on no test clock since the first active mock started."""


_ACTIVE = _Activations()


def push(mock: Activatable) -> None:
    with _ACTIVE.lock:
        stack = _ACTIVE.stack
        mock.shadowed_by = None  # a mock that starts afresh has not been shadowed yet
        for outer in stack:
            if outer is not mock:
                if outer.shadowed_by is None:
                    outer.shadowed_by = weakref.WeakSet()
                outer.shadowed_by.add(mock)
        stack.append(mock)
        if len(stack) == 1:
            SEAM.first_started()


def remove(mock: Activatable) -> None:
    with _ACTIVE.lock:
        stack = _ACTIVE.stack
        for index in range(len(stack) - 1, -1, -1):
            if stack[index] is mock:
                del stack[index]
                break
        else:
            return
        if not stack:
            _ACTIVE.skipped_backoff = 0.0
            SEAM.last_stopped()


def innermost() -> Activatable | None:
    """The mock that answers requests now, or None (the fast path for every unmocked request)."""
    stack = _ACTIVE.stack
    return stack[-1] if stack else None


def skip_backoff(seconds: float) -> None:
    """Note virtual seconds that no test clock absorbed (botocore's rate limiter must see them pass)."""
    with _ACTIVE.lock:
        _ACTIVE.skipped_backoff += seconds


def skipped_backoff() -> float:
    return _ACTIVE.skipped_backoff
