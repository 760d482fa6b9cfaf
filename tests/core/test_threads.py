"""Thread stress (kept apart because it is the slowest file): concurrent publishers lose and duplicate nothing."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from helpers import entry, make_client

from mock_partner_events import mock_partner_events

THREADS = 8
CALLS_PER_THREAD = 500
ENTRIES_PER_CALL = 2


def publish_many(worker: int, start: threading.Barrier) -> list[str]:
    """One publisher thread with its own client, as a partner's worker pool would have."""
    events = make_client()
    start.wait()
    ids: list[str] = []
    for call in range(CALLS_PER_THREAD):
        entries = [entry("Stress", detail={"worker": worker, "call": call, "n": n}) for n in range(ENTRIES_PER_CALL)]
        response: dict[str, Any] = events.put_partner_events(Entries=entries)
        assert response["FailedEntryCount"] == 0
        ids += [result["EventId"] for result in response["Entries"]]
    return ids


def test_concurrent_publishers_lose_and_duplicate_nothing() -> None:
    start = threading.Barrier(THREADS)
    with mock_partner_events() as mock, ThreadPoolExecutor(THREADS) as pool:
        returned = [id_ for ids in pool.map(publish_many, range(THREADS), [start] * THREADS) for id_ in ids]

    total_calls = THREADS * CALLS_PER_THREAD
    assert len(mock.calls) == total_calls
    assert len({call.request_id for call in mock.calls}) == total_calls
    assert len(mock.events) == total_calls * ENTRIES_PER_CALL
    assert len(set(returned)) == len(returned) == len(mock.events)
    assert {event.event_id for event in mock.events} == set(returned)
    sent = {
        (worker, call, n)
        for worker in range(THREADS)
        for call in range(CALLS_PER_THREAD)
        for n in range(ENTRIES_PER_CALL)
    }
    assert {(e.detail["worker"], e.detail["call"], e.detail["n"]) for e in mock.events} == sent
    assert mock.events.duplicates() == []
    for worker in range(THREADS):
        own = [(e.detail["call"], e.detail["n"]) for e in mock.events if e.detail["worker"] == worker]
        assert own == sorted(own), "one thread's events are recorded in the order it sent them"
