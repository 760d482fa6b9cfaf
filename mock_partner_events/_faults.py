"""Failure injection (placeholder interface; the full fault plan lands with the faults issue)."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ._clock import Clock
from ._protocol import AwsError
from ._service import EntryFault


@dataclass(frozen=True)
class RequestFault:
    """What a request-level fault does to one request, decided before any state changes."""

    name: str
    error: AwsError | None = None
    network: str | None = None  # "before": nothing reaches the bus; "after": processed, answer lost
    delay: float = 0.0


class FaultPlan:
    def __init__(self, rng: random.Random, clock: Clock) -> None:
        self._random = rng
        self._clock = clock

    def on_request(self, operation: str | None, account: str, region: str, now: float) -> RequestFault | None:
        return None

    @property
    def entry_fault(self) -> EntryFault | None:
        return None

    def load(self, specs: Sequence[Mapping[str, Any]]) -> None:
        if specs:
            raise NotImplementedError("faults as data arrive with the faults issue")

    def clear(self) -> None:
        """Remove every fault."""
