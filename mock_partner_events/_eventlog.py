"""EventLog: the accepted events in order, with queries whose failures show what happened instead."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, overload

from ._criteria import Criterion, compile_criteria, describe
from ._records import RecordedEvent, Rejection

README_ASSERTIONS = "see README 'Recorded events and assertions'"
_MAX_ROWS = 20


class EventLog(Sequence[RecordedEvent]):
    """A read-only, list-like view of recorded events."""

    def __init__(self, events: Sequence[RecordedEvent], rejected: Sequence[Rejection] = ()) -> None:
        self._events = list(events)
        self._rejected = list(rejected)

    @overload
    def __getitem__(self, index: int) -> RecordedEvent: ...
    @overload
    def __getitem__(self, index: slice) -> EventLog: ...
    def __getitem__(self, index: int | slice) -> RecordedEvent | EventLog:
        if isinstance(index, slice):
            return EventLog(self._events[index], self._rejected)
        return self._events[index]

    def __len__(self) -> int:
        return len(self._events)

    def __iter__(self) -> Iterator[RecordedEvent]:
        return iter(self._events)

    def __repr__(self) -> str:
        return f"EventLog({len(self)} events)"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EventLog):
            return self._events == other._events
        return isinstance(other, list) and self._events == other

    __hash__ = None  # type: ignore[assignment]

    def filter(self, **criteria: Any) -> EventLog:
        """The events that meet every criterion (source, detail_type, detail, account, delivered, rule, ...)."""
        checks = compile_criteria(criteria)
        return EventLog([event for event in self._events if _misses(event, checks) is None], self._rejected)

    def one(self, **criteria: Any) -> RecordedEvent:
        """The single event that meets the criteria; AssertionError showing the candidates otherwise."""
        __tracebackhide__ = True
        found = self.filter(**criteria)
        if len(found) != 1:
            raise AssertionError(self.explain(f"exactly one event matching {describe(criteria)}", criteria))
        return found[0]

    def duplicates(self) -> list[list[RecordedEvent]]:
        """Groups of accepted events with the same content (source, detail-type, detail, resources, time):
        the same entry accepted more than once, typically re-sent after a lost response."""
        groups: dict[tuple[Any, ...], list[RecordedEvent]] = {}
        for event in self._events:
            key = (event.source, event.detail_type, event.detail_json, event.resources, event.time)
            groups.setdefault(key, []).append(event)
        return [group for group in groups.values() if len(group) > 1]

    def explain(self, expectation: str, criteria: dict[str, Any]) -> str:
        """A readable account of what was published, and for each event which criterion it missed."""
        checks = compile_criteria(criteria)
        matching = sum(1 for event in self._events if _misses(event, checks) is None)
        lines = [f"mock-partner-events: expected {expectation}; {matching} matched.", ""]
        lines += _event_table(self._events, checks)
        if self._rejected:
            lines += ["", f"Rejected entries ({len(self._rejected)}):"]
            lines += [
                f"  call {item.call.request_id[:8]} entry {item.index}: {item.error_code}: {item.error_message}"
                for item in self._rejected[:_MAX_ROWS]
            ]
        lines += ["", f"Criteria: {describe(criteria)} ({README_ASSERTIONS})."]
        return "\n".join(lines)


def _misses(event: RecordedEvent, checks: list[tuple[str, Criterion]]) -> str | None:
    for _, check in checks:
        reason = check(event)
        if reason is not None:
            return reason
    return None


def _event_table(events: list[RecordedEvent], checks: list[tuple[str, Criterion]]) -> list[str]:
    if not events:
        return ["Nothing was published (no PutPartnerEvents entry was accepted)."]
    header = ("#", "source", "detail-type", "account", "delivered", "vs criteria")
    rows = [header] + [
        (
            str(index),
            event.source,
            event.detail_type,
            event.customer_account or "-",
            "yes" if event.delivered else "no",
            _misses(event, checks) or "matches",
        )
        for index, event in enumerate(events[:_MAX_ROWS])
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(header) - 1)]
    lines = [f"Published ({len(events)} events):"]
    lines += [
        "  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1]
        for row in rows
    ]
    if len(events) > _MAX_ROWS:
        lines.append(f"  ... and {len(events) - _MAX_ROWS} more")
    return lines
