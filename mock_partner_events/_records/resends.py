"""Which PutPartnerEvents entries reached the mock more than once (botocore retries and the caller's own re-sends).

Entries are the same when they were sent with the same Source, DetailType, Detail, Resources and Time, the key
`EventLog.duplicates()` uses for accepted events.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from mock_partner_events._records.rows import RecordedCall

ACCEPTED = "accepted"


@dataclass(frozen=True)
class EntrySend:
    """One time an entry was sent: the call, its index there, and what became of it.

    `outcome` is "accepted", the entry's ErrorCode, or the request-level error code (or the fault, for a lost
    connection) when the whole request failed.
    """

    call: RecordedCall
    index: int
    outcome: str

    @property
    def accepted(self) -> bool:
        return self.outcome == ACCEPTED


@dataclass(frozen=True)
class ResentEntry:
    """An entry sent more than once, with every send in order."""

    entry: dict[str, Any]
    sends: tuple[EntrySend, ...]

    @property
    def times_accepted(self) -> int:
        return sum(1 for send in self.sends if send.accepted)


def resent_entries(calls: Iterable[RecordedCall]) -> list[ResentEntry]:
    """The entries sent in more than one PutPartnerEvents request, in the order of their first send."""
    sends: dict[tuple[Any, ...], list[EntrySend]] = {}
    entries: dict[tuple[Any, ...], dict[str, Any]] = {}
    for call in calls:
        for index, entry in _entries_of(call):
            key = _content_key(entry)
            entries.setdefault(key, entry)
            sends.setdefault(key, []).append(EntrySend(call, index, _outcome(call, index)))
    return [ResentEntry(entries[key], tuple(group)) for key, group in sends.items() if len(group) > 1]


def _entries_of(call: RecordedCall) -> list[tuple[int, dict[str, Any]]]:
    if call.operation != "PutPartnerEvents" or not isinstance(call.params, Mapping):
        return []
    entries = call.params.get("Entries")
    if not isinstance(entries, list):
        return []
    return [(index, entry) for index, entry in enumerate(entries) if isinstance(entry, dict)]


def _content_key(entry: Mapping[str, Any]) -> tuple[Any, ...]:
    resources = entry.get("Resources")
    return (
        repr(entry.get("Source")),
        repr(entry.get("DetailType")),
        repr(entry.get("Detail")),
        repr(resources),
        repr(entry.get("Time")),
    )


def _outcome(call: RecordedCall, index: int) -> str:
    if not call.ok:
        return call.error_code or call.fault or f"HTTP {call.status}"
    results = call.response.get("Entries") if isinstance(call.response, dict) else None
    result = results[index] if isinstance(results, list) and index < len(results) else {}
    return ACCEPTED if "EventId" in result else str(result.get("ErrorCode", "no result"))
