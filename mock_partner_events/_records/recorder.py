"""The Recorder: every call, every accepted event and every rejected entry, in order, and the reads of them.

Records are kept as packed rows (`rows.EventRow`, `CallRow`, `RejectionRow`): plain tuples of strings, numbers,
bytes and datetimes that the cyclic garbage collector stops tracking, so holding 300,000 events costs a full collection
nothing (docs/architecture.md, "Where records live"). A row becomes its public record (RecordedEvent,
RecordedCall, Rejection) when a test reads it; records built for `mock.events`/`calls`/`rejected` are kept
(a test reads them again and again, and `rejection.call is mock.calls[i]`), records built for a `page` are not
(the server's admin API reads pages; what it built must not pile up on the collector's heap).

`max_events` keeps the newest N rows of each kind; the rows dropped are counted, and reads that need them
(assertions, `resent_entries`, `duplicates`) say so instead of answering from part of the record.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any, Generic, Literal, NamedTuple, TypeVar

from mock_partner_events._records.rows import (
    EventBuilder,
    Packed,
    RecordedCall,
    RecordedEvent,
    Rejection,
    RejectionRow,
    call_from_row,
    pack_call,
    pack_rejection,
    rejection_from_row,
)

Kind = Literal["events", "rejected", "calls"]
KINDS: tuple[Kind, ...] = ("events", "rejected", "calls")
Row = TypeVar("Row")
Record = TypeVar("Record")


_ROWS_BETWEEN_PAUSES = 16  # records a page builds between two pauses for other threads (about 0.3 ms)
_COMPACT_AT = 4096  # rows dropped from the front before the list is shortened (amortised O(1) per row)


class Page(NamedTuple):
    """One cursor read: the records, the cursor to pass next, how many records after the cursor were dropped
    before they could be read, and how many were recorded in this generation in all (held + dropped)."""

    items: list[Any]
    next: int
    dropped: int
    total: int
    generation: int


class _Held(Generic[Row, Record]):
    """The rows of one kind, newest `limit` of them, and the records built from the oldest held rows so far.

    Sequence numbers are absolute in a generation: the first row recorded is 0, and a dropped row's number is
    never reused.
    """

    __slots__ = ("_built", "_head", "_limit", "_rows", "build", "dropped")

    def __init__(self, limit: int | None, build: Callable[[Row], Record]) -> None:
        self._limit = limit
        self.build = build
        self.forget()

    def forget(self) -> None:
        """Hold nothing, as at the start of a generation."""
        self._rows: list[Row] = []
        self._head = 0  # index in _rows of the oldest held row
        self.dropped = 0  # rows dropped so far: also the sequence number of the oldest held row
        self._built: list[Record] = []  # records of the oldest held rows (a prefix), built when read

    def add(self, row: Row) -> None:
        self._rows.append(row)
        if self._limit is not None and len(self._rows) - self._head > self._limit:
            self._drop(len(self._rows) - self._head - self._limit)

    def extend(self, rows: Sequence[Row]) -> None:
        self._rows.extend(rows)
        if self._limit is not None and len(self._rows) - self._head > self._limit:
            self._drop(len(self._rows) - self._head - self._limit)

    def _drop(self, count: int) -> None:
        self._head += count
        self.dropped += count
        if self._built:
            del self._built[:count]
        if self._head >= _COMPACT_AT and self._head * 2 >= len(self._rows):
            del self._rows[: self._head]
            self._head = 0

    def __len__(self) -> int:
        return len(self._rows) - self._head

    @property
    def total(self) -> int:
        return self.dropped + len(self)

    def records(self) -> list[Record]:
        """Every held row as its record, building (and keeping) those not built yet."""
        self.build_through(self.total - 1)
        return list(self._built)

    def build_through(self, sequence: int) -> None:
        """Build (and keep) the records of the held rows up to row `sequence`, those not built yet."""
        built = self._built
        stop = sequence - self.dropped + 1
        if len(built) < stop:
            start = self._head + len(built)
            built.extend(map(self.build, self._rows[start : self._head + stop]))

    def record_at(self, sequence: int) -> Record | None:
        """The kept record of row `sequence`, when it is held and was built."""
        index = sequence - self.dropped
        return self._built[index] if 0 <= index < len(self._built) else None

    def rows(self, start: int, stop: int) -> list[Row]:
        """The held rows with sequence numbers in [start, stop)."""
        offset = self._head - self.dropped
        return self._rows[max(start, self.dropped) + offset : max(stop, self.dropped) + offset]


class Recorder:
    """Calls, events and rejections of one mock; the engine records each call with `record(...)`.

    Writes happen under the engine's lock (the engine calls `record` while it holds it); reads take it.
    """

    def __init__(self, lock: AbstractContextManager[Any], max_events: int | None = None) -> None:
        self._lock = lock
        self._max = max_events
        self.generation = 1
        """Counts the clears: a reader's cursor from before a reset is recognised as stale."""
        self._events: _Held[Packed, RecordedEvent] = _Held(self._max, EventBuilder())
        self._calls: _Held[Packed, RecordedCall] = _Held(self._max, call_from_row)
        self._rejected: _Held[Packed, Rejection] = _Held(self._max, self._rejection)
        self._call_sequence = 0

    def clear(self) -> None:
        """Forget every record and start a new generation."""
        with self._lock:
            self.generation += 1
            self._events.forget()
            self._events.build = EventBuilder()  # it remembers the last call's entries
            self._calls.forget()
            self._rejected.forget()
            self._call_sequence = 0

    # -- writing (the engine, under its lock) -------------------------------------------------------------------

    def record(
        self,
        *,
        operation: str | None,
        request_body: bytes,
        account: str,
        region: str,
        request_id: str,
        status: int,
        response_body: bytes,
        attempt: int,
        fault: str | None,
        backoff: float,
        delay: float,
        time: float,
        events: Sequence[Packed],
        rejected: Sequence[tuple[int, Any, str, str]],
    ) -> None:
        """One call, the events it accepted and the entries it rejected (index, entry, code, message)."""
        error_code, error_message = _error_of(status, response_body)
        call = pack_call(
            operation=operation,
            request_body=request_body,
            account=account,
            region=region,
            request_id=request_id,
            status=status,
            response_body=bytes(memoryview(response_body)),  # orjson's bytes hold 4 KB whatever their length
            error_code=error_code,
            error_message=error_message,
            attempt=attempt,
            fault=fault,
            backoff=backoff,
            delay=delay,
            time=time,
        )
        sequence = self._call_sequence
        self._call_sequence = sequence + 1
        self._calls.add(call)
        if events:
            self._events.extend(events)
        for index, _, code, message in rejected:
            self._rejected.add(
                pack_rejection(
                    call=call, call_sequence=sequence, entry_index=index, error_code=code, error_message=message
                )
            )

    # -- reading ------------------------------------------------------------------------------------------------

    def events(self) -> list[RecordedEvent]:
        with self._lock:
            return self._events.records()

    def calls(self) -> list[RecordedCall]:
        with self._lock:
            return self._calls.records()

    def rejected(self) -> list[Rejection]:
        with self._lock:
            rejected = self._rejected
            if len(rejected):  # their calls first, so that each rejection's call is the one `calls()` hands out
                last = RejectionRow._make(rejected.rows(rejected.total - 1, rejected.total)[0])
                self._calls.build_through(last.call_sequence)
            return rejected.records()

    def count(self, kind: Kind) -> int:
        """How many records of `kind` are held (read without building any)."""
        with self._lock:
            return len(self._held(kind))

    def dropped(self, kind: Kind) -> int:
        """How many records of `kind` `max_events` dropped in this generation."""
        with self._lock:
            return self._held(kind).dropped

    def page(self, kind: Kind, after: int = 0, limit: int = 100) -> Page:
        """Up to `limit` records of `kind` from sequence number `after` on (0: the first of the generation).

        `Page.next` is the cursor for the next read; `Page.dropped` counts the records at or after `after`
        that were dropped before this read. Records built for a page are not kept.
        """
        if limit < 1:
            raise ValueError(f"mock-partner-events: a page holds at least one record; limit was {limit}")
        with self._lock:  # only the rows are read under the lock: publishers wait for no record being built
            held = self._held(kind)
            start = max(after, held.dropped)
            rows = held.rows(start, start + limit)
            found = (start + len(rows), max(0, held.dropped - after), held.total, self.generation)
        build = _page_builder(kind)
        items = []
        for number, row in enumerate(rows):
            if number % _ROWS_BETWEEN_PAUSES == _ROWS_BETWEEN_PAUSES - 1:
                time.sleep(0)  # releases the GIL: a publisher's call never waits behind a whole page being built
            items.append(build(row))
        return Page(items, *found)

    def newest(self, kind: Kind, limit: int = 100) -> Page:
        """The newest `limit` records of `kind` (a reader's first page), as `page` gives them."""
        with self._lock:
            return self.page(kind, max(0, self._held(kind).total - limit), limit)

    def _held(self, kind: Kind) -> _Held[Any, Any]:
        if kind == "events":
            return self._events
        if kind == "calls":
            return self._calls
        if kind == "rejected":
            return self._rejected
        raise ValueError(f"mock-partner-events: records are of kind {', '.join(KINDS)}, not {kind!r}")

    def _rejection(self, packed: Packed) -> Rejection:
        """A rejection whose `call` is the very RecordedCall `calls()` hands out, while that call is held."""
        row = RejectionRow._make(packed)
        call = self._calls.record_at(row.call_sequence)
        return rejection_from_row(row, call if call is not None else call_from_row(row.call))

    def summary(self) -> str:
        """`N calls, M events` (and what was dropped), for the engine's repr."""
        with self._lock:
            text = f"{len(self._calls)} calls, {len(self._events)} events"
            if self._events.dropped:
                text += f" ({self._events.dropped} dropped by max_events)"
            return text


def _page_builder(kind: Kind) -> Callable[[Packed], Any]:
    """How a page builds its records, outside the lock: with builders of its own (an EventBuilder remembers the
    last call it read), and a rejection's call built from its row (a page keeps nothing)."""
    if kind == "events":
        return EventBuilder()
    if kind == "calls":
        return call_from_row
    return _rejection_on_its_own


def _rejection_on_its_own(packed: Packed) -> Rejection:
    row = RejectionRow._make(packed)
    return rejection_from_row(row, call_from_row(row.call))


def _error_of(status: int, body: bytes) -> tuple[str | None, str | None]:
    """The error code and message of an answer (AWS's `__type` or `Code`, else the HTTP status of a bare error)."""
    if status < 400:
        return None, None
    try:
        answer = json.loads(body) if body else None
    except ValueError:
        answer = None
    if isinstance(answer, dict) and "__type" in answer:  # JSON 1.1 (EventBridge)
        return answer["__type"], answer.get("message")
    if isinstance(answer, dict) and "Code" in answer:  # rest-json (the Schemas API)
        return str(answer["Code"]), answer.get("Message")
    return str(status), None
