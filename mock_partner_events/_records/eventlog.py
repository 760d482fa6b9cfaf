"""EventLog: the accepted events in order, with queries whose failures show what happened instead."""

from __future__ import annotations

from collections.abc import Iterator, Sequence, Sized
from typing import Any, overload

from mock_partner_events._common.suggest import ANCHORS
from mock_partner_events._records.criteria import Criterion, compile_criteria, describe
from mock_partner_events._records.rows import RecordedEvent, Rejection


class DroppedRecordsError(AssertionError):
    """A read needed records that `max_events` dropped; the message says how many and what to change."""


DOCS_CRITERIA = ANCHORS["criterion"]
_MAX_ROWS = 20


class EventLog(Sequence[RecordedEvent]):
    """A read-only, list-like view of recorded events.

    `dropped`: how many older events `max_events` dropped before this view was taken; queries that need every
    event (`one`, `duplicates`, `assert_published` with a count) fail saying so rather than answer from part.
    """

    def __init__(self, events: Sequence[RecordedEvent], rejected: Sequence[Rejection] = (), dropped: int = 0) -> None:
        self._events = list(events)
        self._rejected = list(rejected)
        self.dropped = dropped

    @overload
    def __getitem__(self, index: int) -> RecordedEvent: ...
    @overload
    def __getitem__(self, index: slice) -> EventLog: ...
    def __getitem__(self, index: int | slice) -> RecordedEvent | EventLog:
        if isinstance(index, slice):
            return EventLog(self._events[index], self._rejected, self.dropped)
        return self._events[index]

    def __len__(self) -> int:
        return len(self._events)

    def __iter__(self) -> Iterator[RecordedEvent]:
        return iter(self._events)

    def __repr__(self) -> str:
        dropped = f", {self.dropped} older dropped by max_events" if self.dropped else ""
        return f"EventLog({len(self)} events{dropped})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EventLog):
            return self._events == other._events
        return isinstance(other, list) and self._events == other

    __hash__ = None  # type: ignore[assignment]

    def filter(self, **criteria: Any) -> EventLog:
        """The events that meet every criterion (source, detail_type, detail, account, delivered, rule, ...)."""
        __tracebackhide__ = True
        return self.select(criteria, "filter()")

    def select(self, criteria: dict[str, Any], where: str) -> EventLog:
        """`filter(**criteria)` for callers that name themselves in the error about an unknown criterion."""
        __tracebackhide__ = True
        checks = compile_criteria(criteria, where)
        found = [event for event in self._events if _misses(event, checks) is None]
        return EventLog(found, self._rejected, self.dropped)

    def one(self, **criteria: Any) -> RecordedEvent:
        """The single event that meets the criteria; AssertionError showing the candidates otherwise."""
        __tracebackhide__ = True
        found = self.select(criteria, "one()")
        if len(found) <= 1:
            self.refuse_partial(1, found, "one()")
        if len(found) != 1:
            raise AssertionError(self.explain("exactly one event", criteria))
        return found[0]

    def duplicates(self) -> list[list[RecordedEvent]]:
        """Groups of accepted events sent with the same content (Source, DetailType, Detail, Resources and
        Time as sent): the same entry accepted more than once, typically re-sent after a lost response.

        An entry without a Time is stamped with each call's time, so for those the stamped time is ignored:
        a retry a second later is still the same entry.
        """
        __tracebackhide__ = True
        if self.dropped:
            raise DroppedRecordsError(_dropped_message("duplicates()", self.dropped, "compares every event"))
        groups: dict[tuple[Any, ...], list[RecordedEvent]] = {}
        for event in self._events:
            sent_time = event.time if event.time_given else None
            key = (event.source, event.detail_type, event.detail_json, event.resources, sent_time)
            groups.setdefault(key, []).append(event)
        return [group for group in groups.values() if len(group) > 1]

    def refuse_partial(self, count: int | None, found: Sized, where: str) -> None:
        """Fail when events were dropped and the answer to `where` could depend on them: a count (the dropped
        events may have matched too), or no match at all (the wanted one may have been dropped)."""
        __tracebackhide__ = True
        if not self.dropped or (count is None and len(found)) or (count is not None and len(found) > count):
            return
        need = "counts matching events" if count is not None else "looks for a matching event"
        raise DroppedRecordsError(
            _dropped_message(where, self.dropped, f"{need} ({len(found)} of the held ones match)")
        )

    def explain(self, expectation: str, criteria: dict[str, Any]) -> str:
        """A readable account of what was published instead, and for each event which criteria it missed.

        `expectation` names what was wanted, e.g. "exactly one event" or "3 published events".
        """
        __tracebackhide__ = True
        checks = compile_criteria(criteria, "explain()")
        misses = [_all_misses(event, checks) for event in self._events]
        matching = misses.count([])
        wanted = f"{expectation} with {describe(criteria)}" if criteria else expectation
        lines = [f"mock-partner-events: expected {wanted}; {matching} matched.", ""]
        lines += _event_table(self._events, misses)
        if self._rejected:
            lines += ["", f"Rejected entries ({len(self._rejected)}):"]
            lines += [
                f"  call {item.call.request_id[:8]} entry {item.index}: {item.error_code}: {item.error_message}"
                for item in self._rejected[:_MAX_ROWS]
            ]
        lines += ["", f"Criteria keywords and examples: {DOCS_CRITERIA}"]
        return "\n".join(lines)


def _dropped_message(where: str, dropped: int, need: str) -> str:
    return (
        f"mock-partner-events: {where} {need}, but max_events dropped the {dropped} oldest events; raise "
        "max_events (or leave it None) for this test, reset() the mock between phases, or assert on the newest "
        "events only (mock.events[-n:])"
    )


def _misses(event: RecordedEvent, checks: list[tuple[str, Criterion]]) -> str | None:
    """The first criterion the event misses (the fast path of filter), or None when it meets them all."""
    for _, check in checks:
        reason = check(event)
        if reason is not None:
            return reason
    return None


def _all_misses(event: RecordedEvent, checks: list[tuple[str, Criterion]]) -> list[str]:
    return [reason for _, check in checks if (reason := check(event)) is not None]


def _event_table(events: list[RecordedEvent], misses: list[list[str]]) -> list[str]:
    """One row per event; beyond _MAX_ROWS events only the nearest misses are shown, in acceptance order."""
    if not events:
        return ["Nothing was published (no PutPartnerEvents entry was accepted)."]
    shown = sorted(sorted(range(len(events)), key=lambda index: len(misses[index]))[:_MAX_ROWS])
    header = ("#", "source", "detail-type", "account", "delivered", "missed criteria")
    rows = [header] + [
        (
            str(index),
            events[index].source,
            events[index].detail_type,
            events[index].customer_account or "-",
            "yes" if events[index].delivered else "no",
            "; ".join(misses[index]) or "(matches)",
        )
        for index in shown
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(header) - 1)]
    noun = "event" if len(events) == 1 else "events"
    nearest = f", the {len(shown)} nearest shown" if len(shown) < len(events) else ""
    lines = [f"Published ({len(events)} {noun}{nearest}):"]
    lines += [
        "  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1]
        for row in rows
    ]
    return lines
