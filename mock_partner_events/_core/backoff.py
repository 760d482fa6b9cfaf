"""Virtual back-off: while a mock with `virtual_backoff=True` is active, botocore's retry sleeps are recorded on
the mock and not slept, so a test with ten throttles runs in milliseconds.

This module keeps the account (per mock and per thread) and moves time; `_integrations.retry_sleep` puts the
stand-ins into botocore's retry modules, and `_integrations.time_travel` registers how to shift a frozen
freezegun or time-machine clock. A skipped sleep moves time forward instead of passing: the frozen test clock
when one is active (the mock's clock reads it), otherwise the mock's own clock.
"""

from __future__ import annotations

import threading

from mock_partner_events._core import activation
from mock_partner_events._core.clock import Clock
from mock_partner_events._core.seam import SEAM


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
    if not SEAM.shift_test_clock(seconds):
        clock.advance(seconds)
        activation.skip_backoff(seconds)


def skipped() -> float:
    """Virtual seconds that passed on no test clock while mocks were active: botocore's rate limiter adds them
    to its own clock (forgotten when the last mock stops, so the rate limiter's clock is real again)."""
    return activation.skipped_backoff()


def sleep_virtually(seconds: float) -> bool:
    """Absorb a botocore sleep into the active mock; False when real sleeping is due (no mock, or opted out)."""
    mock = activation.innermost()
    if mock is None or not mock.options.virtual_backoff:
        return False
    mock.absorb_backoff(seconds)
    return True
