"""The Recorder: records the garbage collector does not track, retention (`max_events`), cursor pages."""

from __future__ import annotations

import dataclasses
import gc
import tracemalloc
from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import entry, pytester_runner

from mock_partner_events import PartnerEventsMock, mock_partner_events


def put(client: Any, *ids: int, bad: int = 0) -> None:
    """One PutPartnerEvents call: an accepted entry per id, then `bad` entries with a malformed Detail."""
    client.put_partner_events(Entries=[entry(detail={"id": n}) for n in ids] + [entry(Detail="[]")] * bad)


def ids(events: Any) -> list[int]:
    return [event.detail["id"] for event in events]


# -- records the collector does not walk ---------------------------------------------------------------------


def settle() -> None:
    """Two full collections: the collector untracks a tuple only once the tuples it holds are untracked, and a
    row can be examined before its call's stamp within one pass."""
    gc.collect()
    gc.collect()


def test_held_calls_events_and_rejections_add_no_tracked_object(client: Any) -> None:
    """Every kind of record (accepted events, rejected entries, calls with request-level errors) is held as
    plain tuples of atoms, which the cyclic GC stops tracking: 300 calls add nothing for it to walk."""
    with mock_partner_events() as mock:
        put(client, 0, bad=1)
        with pytest.raises(ClientError):
            client.put_partner_events(Entries=[entry(source="bad")])
        client.list_partner_event_sources(NamePrefix="aws.partner/example.com/")  # botocore's first-call caches
        settle()
        before = len(gc.get_objects())
        for n in range(100):
            put(client, n, n + 1, bad=1)
            with pytest.raises(ClientError):
                client.put_partner_events(Entries=[entry(source="bad")])
            client.list_partner_event_sources(NamePrefix="aws.partner/example.com/")
        settle()
        added = len(gc.get_objects()) - before

    assert added < 30, f"{added} tracked objects for 300 held calls: records are tracked"
    assert (len(mock.calls), len(mock.events), len(mock.rejected)) == (303, 201, 101)


def test_a_held_event_costs_a_few_hundred_bytes_calls_included(client: Any) -> None:
    """Measured with tracemalloc: the row, its EventId and its share of the call's request and answer bytes
    (a server holding 300,000 events must stay under 1 KB each; an answer kept as orjson made it holds 4 KB)."""
    entries = [entry(detail={"id": n}) for n in range(10)]
    with mock_partner_events():
        for _ in range(20):
            client.put_partner_events(Entries=entries)  # botocore's and the mock's first-call caches
        settle()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            for _ in range(200):
                client.put_partner_events(Entries=entries)
            settle()
            per_event = (tracemalloc.get_traced_memory()[0] - before) / 2000
        finally:
            tracemalloc.stop()

    assert per_event < 500, f"{per_event:.0f} bytes held per event"


def test_records_read_back_as_they_were_sent_and_answered(client: Any) -> None:
    with mock_partner_events() as mock:
        answer = client.put_partner_events(Entries=[entry(detail={"id": 1}), entry(Detail="[]")])
        with pytest.raises(ClientError):
            client.put_partner_events(Entries=[entry(source="bad")])

    first, failed = mock.calls
    assert first.params == {"Entries": [entry(detail={"id": 1}), entry(Detail="[]")]}
    assert first.response == {k: v for k, v in answer.items() if k != "ResponseMetadata"}
    assert (failed.status, failed.error_code, failed.response["__type"]) == (
        400,
        "ValidationException",
        failed.error_code,
    )
    [rejection] = mock.rejected
    assert (rejection.entry, rejection.call) == (entry(Detail="[]"), first)
    [event] = mock.events
    assert (event.request_id, event.entry_index, event.attempt) == (first.request_id, 0, 1)
    assert dataclasses.replace(event) == event


# -- max_events ----------------------------------------------------------------------------------------------


@pytest.fixture
def kept() -> Any:
    """A mock that keeps the newest 4 records of each kind."""
    with mock_partner_events(max_events=4) as mock:
        yield mock


def test_max_events_keeps_the_newest_events_calls_and_rejections(kept: PartnerEventsMock, client: Any) -> None:
    for n in range(3):
        put(client, 3 * n, 3 * n + 1, 3 * n + 2, bad=1)
    for _ in range(2):
        client.list_partner_event_sources(NamePrefix="aws.partner/example.com/")

    assert ids(kept.events) == [5, 6, 7, 8]
    assert [call.operation for call in kept.calls] == ["PutPartnerEvents"] * 2 + ["ListPartnerEventSources"] * 2
    first, second, third = kept.rejected  # 3 of 4 kept: the first one's call was dropped, it is still there
    assert (second.call, third.call) == tuple(kept.calls[:2])
    assert second.call is kept.calls[0]
    assert first.call.request_id not in {call.request_id for call in kept.calls}
    assert (kept.recorder.dropped("events"), kept.recorder.dropped("calls")) == (5, 1)
    assert kept.events.dropped == 5
    assert repr(kept.events) == "EventLog(4 events, 5 older dropped by max_events)"
    assert repr(kept).endswith("4 calls, 4 events (5 dropped by max_events)>")


def test_rejections_outlive_their_dropped_call(kept: PartnerEventsMock, client: Any) -> None:
    put(client, bad=2)
    first_request = kept.calls[0].request_id
    for n in range(4):
        put(client, n)

    assert [rejection.call.request_id for rejection in kept.rejected] == [first_request] * 2
    assert [rejection.entry for rejection in kept.rejected] == [entry(Detail="[]")] * 2
    assert first_request not in [call.request_id for call in kept.calls]


def test_assertions_that_need_dropped_events_say_so(kept: PartnerEventsMock, client: Any) -> None:
    put(client, 1, 2, 3)
    put(client, 4, 5, 6)

    assert ids(kept.assert_published(detail={"id": 6})) == [6]  # found among the held: true whatever was dropped
    for check in (
        lambda: kept.assert_published(count=1, detail={"id": 6}),
        lambda: kept.assert_published(detail={"id": 1}),
        lambda: kept.events.one(detail={"id": 5}),
        lambda: kept.events.duplicates(),
    ):
        with pytest.raises(AssertionError, match=r"max_events dropped the 2 oldest events; raise max_events"):
            check()
    with pytest.raises(AssertionError, match=r"expected 1 published event"):  # 4 match: wrong whatever was dropped
        kept.assert_published(count=1, source=entry()["Source"])


def test_resent_entries_refuses_when_calls_were_dropped(client: Any) -> None:
    with mock_partner_events(max_events=2) as mock:
        for _ in range(3):
            put(client, 1)
        with pytest.raises(AssertionError, match=r"max_events=2 dropped the oldest 1 calls"):
            mock.resent_entries()
        mock.reset()
        put(client, 1)
        put(client, 1)
        [resent] = mock.resent_entries()
    assert resent.times_accepted == 2


def test_by_default_everything_is_kept(client: Any) -> None:
    with mock_partner_events() as mock:
        for n in range(30):
            put(client, n)

    assert (len(mock.events), mock.events.dropped, mock.recorder.dropped("calls")) == (30, 0, 0)
    assert len(mock.events.duplicates()) == 0


@pytest.mark.parametrize("value", [0, -1, True, "5", 2.5])
def test_max_events_must_be_a_positive_int(value: Any) -> None:
    with pytest.raises(ValueError, match=r"^mock-partner-events: max_events must be a positive int .* not "):
        PartnerEventsMock(max_events=value)


def test_the_marker_sets_max_events(pytester: pytest.Pytester) -> None:
    run = pytester_runner(pytester)
    result = run(
        """
import boto3, pytest

@pytest.mark.partner_events(max_events=2)
def test_kept(partner_events):
    client = boto3.client("events", region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s")
    for n in range(3):
        client.put_partner_events(Entries=[{"Source": "aws.partner/a.com/1/o", "DetailType": "D", "Detail": "{}"}])
    assert (len(partner_events.events), partner_events.events.dropped) == (2, 1)
"""
    )
    result.assert_outcomes(passed=1)


# -- cursor pages --------------------------------------------------------------------------------------------


def test_pages_read_each_kind_by_absolute_sequence_number(client: Any) -> None:
    with mock_partner_events() as mock:
        put(client, 0, 1, 2, bad=1)
        put(client, 3, 4)
        first = mock.recorder.page("events", 0, 2)
        rest = mock.recorder.page("events", first.next, 10)
        calls = mock.recorder.page("calls", 1, 10)
        rejected = mock.recorder.page("rejected", 0, 10)
        tail = mock.recorder.page("events", rest.next, 10)

    assert (ids(first.items), first.next, first.dropped, first.total) == ([0, 1], 2, 0, 5)
    assert (ids(rest.items), rest.next) == ([2, 3, 4], 5)
    assert (tail.items, tail.next) == ([], 5)
    assert [call.request_id for call in calls.items] == [mock.calls[1].request_id]
    assert [(item.index, item.error_code) for item in rejected.items] == [(3, "MalformedDetail")]
    assert rest.items == mock.events[2:]


def test_a_page_counts_what_was_dropped_after_its_cursor(client: Any) -> None:
    with mock_partner_events(max_events=3) as mock:
        put(client, 0, 1)
        seen = mock.recorder.page("events", 0, 10)
        put(client, 2, 3, 4, 5)
        after = mock.recorder.page("events", seen.next, 10)

    assert (ids(seen.items), seen.next) == ([0, 1], 2)
    assert (ids(after.items), after.next, after.dropped, after.total) == ([3, 4, 5], 6, 1, 6)


def test_every_reset_starts_a_new_generation_of_that_mock(client: Any) -> None:
    with mock_partner_events() as mock:
        put(client, 0)
        before = mock.recorder.page("events").generation
        mock.reset()
        after = mock.recorder.page("events")
        mock.reset()
        again = mock.recorder.page("events")

    assert len({before, after.generation, again.generation}) == 3
    assert mock.generation == again.generation
    assert (after.items, after.total) == ([], 0)


def test_a_page_names_the_kinds_it_reads() -> None:
    recorder = PartnerEventsMock().recorder
    with pytest.raises(ValueError, match=r"kind events, rejected, calls, not 'faults'"):
        recorder.page("faults")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"at least one record"):
        recorder.page("events", 0, 0)
