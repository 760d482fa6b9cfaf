"""Pages of the records for incremental readers (the inbox, a client polling the admin API).

A record's sequence number is its position from 1 in acceptance order within one generation of the mock
(`mock.generation` changes on every reset). A cursor is such a number, never a list index, so that it stays
valid when the oldest records are dropped (`dropped` says how many; none are dropped today). This module reads
the engine's public lists; when the Recorder serves pages natively, only the body of `page` changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from mock_partner_events._core.engine import PartnerEventsMock

Kind = Literal["events", "rejected", "calls"]
KINDS: tuple[Kind, ...] = ("events", "rejected", "calls")


@dataclass(frozen=True)
class Page:
    generation: int
    items: Sequence[tuple[int, Any]]
    """(sequence number, record) pairs, oldest first."""
    cursor: int
    """The sequence number of the last item given (or, with no items, of the last record before them)."""
    dropped: int
    """How many of the oldest records were dropped (their sequence numbers are not reused)."""
    total: int
    """The sequence number of the newest record: every record ever kept in this generation."""


def page(mock: PartnerEventsMock, kind: Kind, after: int | None, limit: int) -> Page:
    """Up to `limit` records of `kind` after sequence number `after`; with `after` None, the newest `limit`."""
    while True:  # a reset between reading the generation and the records: read again
        generation = mock.generation
        records = _records(mock, kind)
        if mock.generation == generation:
            break
    total, dropped = len(records), 0
    first = max(total - limit, dropped) if after is None else max(after, dropped)
    last = min(first + limit, total)
    items = [(first + number + 1, record) for number, record in enumerate(records[first:last])]
    cursor = last if items else min(first, total)
    return Page(generation, items, cursor, dropped, total)


def _records(mock: PartnerEventsMock, kind: Kind) -> Sequence[Any]:
    if kind == "events":
        return mock.events
    if kind == "rejected":
        return mock.rejected
    return mock.calls
