"""Pages of the records for incremental readers (the inbox, a client polling the admin API).

A record's sequence number is its position from 1 in acceptance order within one generation of the mock
(`mock.generation` changes on every reset). A cursor is such a number, never a list index, so that it stays
valid when `max_events` drops the oldest records (`dropped` says how many). The Recorder serves the pages
(`Recorder.page`, numbered from 0); this module only speaks the admin API's numbering.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mock_partner_events._core.engine import PartnerEventsMock
from mock_partner_events._records.recorder import Kind


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
    recorder = mock.recorder
    found = recorder.newest(kind, limit) if after is None else recorder.page(kind, after, limit)
    first = found.next - len(found.items)  # the recorder's number of the first item (seq - 1)
    items = [(first + number + 1, record) for number, record in enumerate(found.items)]
    dropped = recorder.dropped(kind)
    return Page(found.generation, items, found.next if items else min(first, found.total), dropped, found.total)
