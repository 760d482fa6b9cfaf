"""What the mock records (events, rejected entries, calls) and how assertions on it read when they fail."""

from __future__ import annotations

import dataclasses
import gc
from datetime import datetime, timezone
from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import SOURCE, entry

from mock_partner_events import EventLog, PartnerEventsMock, RecordedCall, RecordedEvent, mock_partner_events

BILLING = "aws.partner/example.com/1234/billing"


@pytest.fixture
def mock(partner_events: PartnerEventsMock, client: Any) -> PartnerEventsMock:
    """The package's mock with three accepted events (orders 1 and 2, an invoice) and one rejected entry."""
    client.put_partner_events(
        Entries=[
            entry(detail={"id": 1, "total": 10}),
            entry(detail={"id": 2, "total": 20}),
            entry(Detail="[]"),
        ]
    )
    client.put_partner_events(Entries=[entry("InvoicePaid", source=BILLING, detail={"id": 9, "lines": {"count": 1}})])
    return partner_events


# -- EventLog ------------------------------------------------------------------------------------------------


def test_events_is_a_read_only_sequence_in_acceptance_order(mock: PartnerEventsMock) -> None:
    events = mock.events

    assert isinstance(events, EventLog)
    assert len(events) == 3
    assert [event.detail["id"] for event in events] == [1, 2, 9]
    assert events[-1].source == BILLING
    assert [event.detail["id"] for event in events[:2]] == [1, 2]
    assert events == list(events)
    assert repr(events) == "EventLog(3 events)"


def test_events_is_a_snapshot(mock: PartnerEventsMock, client: Any) -> None:
    before = mock.events
    client.put_partner_events(Entries=[entry(detail={"id": 3})])

    assert (len(before), len(mock.events)) == (3, 4)


def test_recorded_event_fields_and_envelope(mock: PartnerEventsMock, client: Any) -> None:
    when = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
    response = client.put_partner_events(Entries=[entry(detail={"id": 5}, Time=when, Resources=["arn:aws:x"])])

    event = mock.events[-1]
    assert isinstance(event, RecordedEvent)
    assert event.event_id == response["Entries"][0]["EventId"]
    assert (event.detail, event.detail_json) == ({"id": 5}, '{"id": 5}')
    assert (event.time, event.resources, event.region) == (when, ("arn:aws:x",), "us-east-1")
    assert (event.partner_account, event.customer_account) == ("123456789012", "111122223333")
    assert event.request_id == response["ResponseMetadata"]["RequestId"]
    assert list(event.envelope().items()) == [
        ("version", "0"),
        ("id", event.event_id),
        ("detail-type", "OrderCreated"),
        ("source", SOURCE),
        ("account", "111122223333"),
        ("time", "2024-05-06T07:08:09Z"),
        ("region", "us-east-1"),
        ("resources", ["arn:aws:x"]),
        ("detail", {"id": 5}),
    ]


def test_records_carry_every_field_of_their_dataclass(mock: PartnerEventsMock) -> None:
    """The engine builds RecordedEvents and RecordedCalls without their __init__ (speed): each must be complete."""
    records: list[Any] = [*mock.events, *mock.calls]

    for record in records:
        assert set(vars(record)) == {field.name for field in dataclasses.fields(record)}
        assert dataclasses.replace(record) == record  # rebuilt through the real __init__
        with pytest.raises(dataclasses.FrozenInstanceError):
            record.region = "changed"
    assert {type(record) for record in records} == {RecordedEvent, RecordedCall}


@pytest.mark.parametrize(
    ("criteria", "ids"),
    [
        ({"source": SOURCE}, [1, 2]),
        ({"detail_type": "InvoicePaid"}, [9]),
        ({"detail": {"total": 20}}, [2]),
        ({"detail": {"lines": {"count": 1}}}, [9]),
        ({"detail": {"lines": {"count": 2}}}, []),
        ({"account": "111122223333", "delivered": True}, [1, 2, 9]),
        ({"delivered": False}, []),
        ({"source": SOURCE, "detail": {"id": 9}}, []),
        ({}, [1, 2, 9]),
    ],
)
def test_filter_keeps_events_meeting_every_criterion(
    mock: PartnerEventsMock, criteria: dict[str, Any], ids: list[int]
) -> None:
    assert [event.detail["id"] for event in mock.events.filter(**criteria)] == ids


def test_one_returns_the_single_match(mock: PartnerEventsMock) -> None:
    assert mock.events.one(detail={"id": 2}).detail["total"] == 20


def test_one_fails_when_several_match(mock: PartnerEventsMock) -> None:
    with pytest.raises(AssertionError, match=r"expected exactly one event with source='[^']+'; 2 matched\."):
        mock.events.one(source=SOURCE)


def test_unknown_criterion_lists_the_known_ones(mock: PartnerEventsMock) -> None:
    with pytest.raises(TypeError, match=r"filter\(\) got unknown criterion 'detailtype' \(did you mean 'detail_type'"):
        mock.events.filter(detailtype="OrderCreated")


def test_detail_criterion_must_be_a_dict(mock: PartnerEventsMock) -> None:
    with pytest.raises(TypeError, match=r"detail= takes a dict"):
        mock.events.filter(detail="id")


# -- rejected and calls --------------------------------------------------------------------------------------


def test_rejected_keeps_the_entry_its_error_and_its_call(mock: PartnerEventsMock) -> None:
    (rejection,) = mock.rejected

    assert rejection.entry == {"Source": SOURCE, "DetailType": "OrderCreated", "Detail": "[]"}
    assert (rejection.index, rejection.error_code, rejection.error_message) == (
        2,
        "MalformedDetail",
        "Detail is malformed.",
    )
    assert rejection.call is mock.calls[0]


def test_calls_record_every_request_including_request_level_errors(mock: PartnerEventsMock, client: Any) -> None:
    with pytest.raises(ClientError):
        client.put_partner_events(Entries=[entry(source="bad", detail={})])

    first, second, failed = mock.calls
    assert (first.operation, first.ok, first.failed_entry_count, first.status) == ("PutPartnerEvents", True, 1, 200)
    assert first.params is not None
    assert len(first.params["Entries"]) == 3
    assert first.response["Entries"][2]["ErrorCode"] == "MalformedDetail"
    assert (second.ok, second.failed_entry_count) == (True, 0)
    assert (failed.ok, failed.status, failed.error_code) == (False, 400, "ValidationException")
    assert failed.error_message is not None
    assert failed.error_message.startswith("1 validation error detected: Value 'bad'")
    assert (failed.account, failed.region, failed.attempt) == ("123456789012", "us-east-1", 1)


def test_reset_forgets_everything(mock: PartnerEventsMock) -> None:
    mock.reset()

    assert (len(mock.events), mock.rejected, mock.calls) == (0, [], [])


# -- assert_published ----------------------------------------------------------------------------------------


def test_assert_published_passes_and_returns_the_matches(mock: PartnerEventsMock) -> None:
    found = mock.assert_published(source=SOURCE)
    mock.assert_published(2, detail_type="OrderCreated")
    mock.assert_published(count=0, detail_type="OrderShipped")

    assert [event.detail["id"] for event in found] == [1, 2]


def failure_of(mock: PartnerEventsMock, count: int | None = None, **criteria: Any) -> list[str]:
    with pytest.raises(AssertionError) as raised:
        mock.assert_published(count, **criteria)
    return str(raised.value).splitlines()


def test_failure_shows_a_table_of_what_was_published_and_why_each_missed(mock: PartnerEventsMock) -> None:
    lines = failure_of(mock, detail_type="OrderCreated", detail={"id": 3})

    assert lines[0] == (
        "mock-partner-events: expected at least one published event with detail_type='OrderCreated', "
        "detail={'id': 3}; 0 matched."
    )
    assert lines[2:7] == [
        "Published (3 events):",
        "  #  source                                detail-type   account       delivered  missed criteria",
        "  0  aws.partner/example.com/1234/orders   OrderCreated  111122223333  yes        detail['id'] is 1, not 3",
        "  1  aws.partner/example.com/1234/orders   OrderCreated  111122223333  yes        detail['id'] is 2, not 3",
        "  2  aws.partner/example.com/1234/billing  InvoicePaid   111122223333  yes        "
        "detail_type is 'InvoicePaid', not 'OrderCreated'; detail['id'] is 9, not 3",
    ]


def test_failure_lists_rejected_entries_and_points_to_the_readme(mock: PartnerEventsMock) -> None:
    lines = failure_of(mock, source="aws.partner/example.com/1234/other")

    request_id = mock.calls[0].request_id
    assert lines[-5:] == [
        "",
        "Rejected entries (1):",
        f"  call {request_id[:8]} entry 2: MalformedDetail: Detail is malformed.",
        "",
        "Criteria keywords and examples: https://mock-partner-events.github.io/mock-partner-events/guides/assertions/#criteria",
    ]


def test_failure_with_a_count_marks_the_matching_rows(mock: PartnerEventsMock) -> None:
    lines = failure_of(mock, 3, source=SOURCE)

    assert lines[0] == (
        "mock-partner-events: expected 3 published events with source='aws.partner/example.com/1234/orders'; 2 matched."
    )
    assert [line.rsplit("  ", 1)[-1] for line in lines[4:7]] == [
        "(matches)",
        "(matches)",
        "source is 'aws.partner/example.com/1234/billing', not 'aws.partner/example.com/1234/orders'",
    ]


def test_failure_when_nothing_was_published(client: Any) -> None:
    with mock_partner_events() as mock:
        lines = failure_of(mock, 1)

    assert lines == [
        "mock-partner-events: expected 1 published event; 0 matched.",
        "",
        "Nothing was published (no PutPartnerEvents entry was accepted).",
        "",
        "Criteria keywords and examples: https://mock-partner-events.github.io/mock-partner-events/guides/assertions/#criteria",
    ]


def test_failure_over_many_events_shows_the_nearest_misses(client: Any) -> None:
    with mock_partner_events() as mock:
        for _ in range(3):
            client.put_partner_events(Entries=[entry("Noise", detail={"id": n}) for n in range(10)])
        client.put_partner_events(Entries=[entry(detail={"id": 99})])
        lines = failure_of(mock, detail_type="OrderCreated", detail={"id": 100})

    assert lines[2] == "Published (31 events, the 20 nearest shown):"
    rows = lines[4:24]
    assert rows[-1].startswith("  30 "), "the nearest miss is shown although it came 31st"
    assert rows[-1].endswith("detail['id'] is 99, not 100")
    assert lines[24:] == [
        "",
        "Criteria keywords and examples: https://mock-partner-events.github.io/mock-partner-events/guides/assertions/#criteria",
    ]


def test_assert_published_hides_its_own_frames() -> None:
    assert PartnerEventsMock.assert_published.__code__.co_varnames[:4].count("__tracebackhide__") == 1


def test_unread_events_give_the_garbage_collector_nothing_to_track(client: Any) -> None:
    """Events are kept as rows of plain values until a test reads them: publishing 1,000 events adds a few
    tracked objects per call (the call's record), none per event; reading them afterwards still gives them all."""
    entries = [entry(detail={"id": n, "nested": {"deep": [n]}}) for n in range(20)]
    with mock_partner_events() as mock:
        client.put_partner_events(Entries=entries)  # first-call caches (routes, botocore) out of the count
        gc.collect()
        before = len(gc.get_objects())
        for _ in range(50):
            client.put_partner_events(Entries=entries)
        gc.collect()
        added = len(gc.get_objects()) - before

    assert added < 50 * 20, f"{added} objects tracked for 50 calls of 20 events: events are tracked one by one"
    assert len(mock.events) == 51 * 20
    assert mock.events[-1].detail == {"id": 19, "nested": {"deep": [19]}}
