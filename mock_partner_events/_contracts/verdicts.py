"""What the book concludes about events: a Violation per broken rule, a Verdict per event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CONFORMS, VIOLATES, NO_CONTRACT = "conforms", "violates", "no contract"


@dataclass(frozen=True)
class Violation:
    """One way an event breaks a contract: `path` is a JSON path into the envelope (`$.detail.order.id`)."""

    event: Any
    path: str
    message: str
    contract: str = ""
    index: int = -1  # the event's position among the published events

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Verdict:
    """What the book concluded about one event: CONFORMS, VIOLATES (with the violations) or NO_CONTRACT."""

    event: Any
    index: int
    status: str
    violations: tuple[Violation, ...] = ()
