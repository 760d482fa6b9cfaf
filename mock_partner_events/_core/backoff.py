"""Virtual back-off: while a mock with `virtual_backoff=True` is active, botocore's retry sleeps are recorded on
the mock and not slept, so a test with ten throttles runs in milliseconds.

botocore sleeps in two places: `botocore.endpoint` (`time.sleep` between attempts, in every retry mode) and
adaptive mode's client-side rate limiter (`botocore.retries.bucket`, a `threading.Condition` wait timed by
`time.time()`). Inside those two modules only, the names `time` and `threading` are replaced, once, by stand-ins
that forward everything to the real modules except the sleep, the wait and (for the rate limiter) the clock.
The global `time.sleep` is never touched. A skipped sleep moves time forward instead: a frozen freezegun or
time-machine clock is shifted when one is active (the mock's clock reads it), otherwise the mock's own clock.
"""

from __future__ import annotations

import sys
import threading
import time as _time
from typing import Any

import botocore.endpoint
import botocore.retries.bucket

from mock_partner_events._core import activation as _activation
from mock_partner_events._core.clock import Clock

_MIN_WAIT = 1e-6  # a virtual wait always moves a clock, so botocore's wait-then-refill loop ends
_skipped = 0.0  # virtual seconds not absorbed by a frozen test clock, as botocore's rate limiter sees them
_installed = False


class BackoffLedger:
    """The back-off one mock absorbed: in total, and per thread until that thread's next call records it."""

    def __init__(self) -> None:
        self._local = threading.local()
        self.total = 0.0

    def add(self, seconds: float) -> None:
        self._local.pending = getattr(self._local, "pending", 0.0) + seconds
        self.total += seconds

    def take(self) -> float:
        """The back-off this thread slept since its last call (the sleep before the call about to be recorded)."""
        if not self.total:
            return 0.0  # the common case, without a thread-local lookup
        pending: float = getattr(self._local, "pending", 0.0)
        if pending:
            self._local.pending = 0.0
        return pending


def move_time(clock: Clock, seconds: float) -> None:
    """Let `seconds` pass: on a frozen test clock when one is active (the mock's clock follows), else on `clock`."""
    global _skipped
    if not _shift_test_clock(seconds):
        clock.advance(seconds)
        _skipped += seconds


def _shift_test_clock(seconds: float) -> bool:
    freezegun = sys.modules.get("freezegun.api")
    factories = getattr(freezegun, "freeze_factories", None)
    if factories:
        factories[-1].tick(seconds)
        return True
    time_machine = sys.modules.get("time_machine")
    travellers = getattr(time_machine, "traveller_stack", None)
    if travellers:
        travellers[-1].shift(seconds)
        return True
    return False


def sleep_virtually(seconds: float) -> bool:
    """Absorb a botocore sleep into the active mock; False when real sleeping is due (no mock, or opted out)."""
    mock = _activation.innermost()
    if mock is None or not mock.options.virtual_backoff:
        return False
    mock.absorb_backoff(seconds)
    return True


class _BotocoreTime:
    """`time` as botocore's retry modules see it."""

    def __getattr__(self, name: str) -> Any:
        return getattr(_time, name)

    def sleep(self, seconds: float) -> None:
        if seconds <= 0 or not sleep_virtually(seconds):
            _time.sleep(seconds)

    def time(self) -> float:
        return _time.time() + _skipped


class _VirtualCondition(threading.Condition):
    """The rate limiter's condition: a timed wait is absorbed like a sleep while a mock is active."""

    def wait(self, timeout: float | None = None) -> bool:
        if timeout is not None and timeout > 0 and sleep_virtually(max(timeout, _MIN_WAIT)):
            return False
        return super().wait(timeout)


class _BotocoreThreading:
    """`threading` as botocore's rate limiter sees it."""

    Condition = _VirtualCondition

    def __getattr__(self, name: str) -> Any:
        return getattr(threading, name)


def install() -> None:
    """Put the stand-ins into botocore's retry modules (idempotent)."""
    global _installed
    if _installed:
        return
    botocore.endpoint.time = _BotocoreTime()
    botocore.retries.bucket.time = _BotocoreTime()
    botocore.retries.bucket.threading = _BotocoreThreading()
    _installed = True
