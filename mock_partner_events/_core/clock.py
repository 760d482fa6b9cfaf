"""The mock's clock: wall time as time.time() reports it (so freezegun and time-machine apply), plus any
virtual time the mock added itself (latency faults, back-off that was recorded instead of slept)."""

from __future__ import annotations

import time


class Clock:
    def __init__(self) -> None:
        self._added = 0.0

    def now(self) -> float:
        return time.time() + self._added

    def advance(self, seconds: float) -> None:
        self._added += seconds

    @property
    def added(self) -> float:
        return self._added
