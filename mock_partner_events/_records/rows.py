"""What the mock remembers: one RecordedCall per request, one RecordedEvent per accepted entry."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from typing import Any, NamedTuple, Protocol, TypeVar

from mock_partner_events._wire.entry_rules import parse_detail

T = TypeVar("T")


@dataclass(frozen=True)
class RecordedCall:
    """One request as the mock saw and answered it, including injected faults and request-level errors."""

    operation: str | None
    params: dict[str, Any] | None
    account: str
    region: str
    request_id: str
    status: int
    response: Any
    error_code: str | None = None
    error_message: str | None = None
    attempt: int = 1
    fault: str | None = None
    backoff: float = 0.0  # seconds the client backed off before this attempt (virtually, by default)
    delay: float = 0.0  # latency a delay fault added to this call
    time: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error_code is None and 200 <= self.status < 300

    @property
    def failed_entry_count(self) -> int:
        response = self.response if isinstance(self.response, dict) else {}
        count = response.get("FailedEntryCount", 0)
        return count if isinstance(count, int) else 0


class Strings(tuple[str, ...]):
    """A record's list field (`resources`, `rules`): AWS sends lists, so it compares equal to a list as to a tuple.

    Still a tuple: hashable (records are frozen and `EventLog.duplicates()` groups by `resources`) and immutable.
    Made only when a test reads an event; the rows the engine keeps hold plain tuples.
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return tuple.__eq__(self, tuple(other) if isinstance(other, list) else other)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = tuple.__hash__


@dataclass(frozen=True)
class RecordedEvent:
    """An entry that PutPartnerEvents accepted, and where it went.

    `resources` and `rules` are tuples that compare equal to lists too, as AWS sends them:
    `event.resources == ["arn:aws:..."]` and `event.rules == ["orders"]` hold. They stay hashable.
    """

    event_id: str
    source: str
    detail_type: str
    detail: dict[str, Any]
    detail_json: str
    resources: tuple[str, ...]
    time: datetime
    region: str
    partner_account: str
    customer_account: str | None
    event_bus_arn: str | None
    rules: tuple[str, ...] = ()
    request_id: str = ""
    attempt: int = 1
    entry_index: int = 0
    time_given: bool = True  # the entry carried its own Time (else `time` is the call's, stamped by the bus)

    @property
    def delivered(self) -> bool:
        return self.event_bus_arn is not None

    def envelope(self) -> dict[str, Any]:
        """The event exactly as EventBridge hands it to rule targets."""
        return envelope_of(
            self.event_id,
            self.source,
            self.detail_type,
            self.customer_account or self.partner_account,
            self.time,
            self.region,
            self.resources,
            self.detail,
        )


@dataclass(frozen=True)
class Rejection:
    """A PutPartnerEvents entry that got a per-entry error."""

    entry: dict[str, Any]
    index: int
    error_code: str
    error_message: str
    call: RecordedCall = field(compare=False)


def envelope_of(
    event_id: str,
    source: str,
    detail_type: str,
    account: str,
    time: datetime,
    region: str,
    resources: tuple[str, ...] | list[str],
    detail: dict[str, Any],
) -> dict[str, Any]:
    """AWS's envelope, fields in AWS's order; `time` is whole seconds with a Z."""
    return {
        "version": "0",
        "id": event_id,
        "detail-type": detail_type,
        "source": source,
        "account": account,
        "time": time.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": region,
        "resources": list(resources),
        "detail": detail,
    }


def without_init(cls: type[T], values: dict[str, Any]) -> T:
    """`cls(**values)` for a frozen dataclass, without its __init__'s object.__setattr__ for each field.

    The engine builds a RecordedCall for every request and a RecordedEvent for every event a test reads; that
    __init__ would cost about as much as the rest of the engine's bookkeeping. `values` must name every field
    (tests/test_recording.py checks the records are complete).
    """
    record = object.__new__(cls)
    record.__dict__.update(values)
    return record


EventRow = tuple[Any, ...]
"""A RecordedEvent as the engine keeps it until a test reads it: its field values in field order, `detail` None.

Only strings, numbers, None, datetimes and tuples of strings: the garbage collector stops tracking such a tuple,
so a suite that publishes thousands of events gives it nothing to walk (full collections in a process that has
imported boto3 take tens of milliseconds each). The Detail is parsed again when the event is built.
"""

EVENT_FIELDS = tuple(field_.name for field_ in fields(RecordedEvent))
RULES_AT = EVENT_FIELDS.index("rules")


class CallStamp(NamedTuple):
    """What every event of one call shares: built once per call."""

    region: str
    request_id: str
    attempt: int


class Routed(Protocol):
    """Where an accepted event went (the world's Delivery)."""

    @property
    def event_bus_arn(self) -> str | None: ...
    @property
    def rules(self) -> tuple[str, ...]: ...


def event_row(
    *,
    event_id: str,
    entry: dict[str, Any],
    index: int,
    time: datetime,
    resources: tuple[str, ...],
    partner_account: str,
    customer_account: str | None,
    delivery: Routed,
    call: CallStamp,
) -> EventRow:
    """The row of one accepted entry: RecordedEvent's fields in order (this is the one place that knows it)."""
    return (
        event_id,
        entry["Source"],
        entry["DetailType"],
        None,  # detail: parsed from detail_json when a test reads the event
        entry["Detail"],
        resources,
        time,
        call.region,
        partner_account,
        customer_account,
        delivery.event_bus_arn,
        delivery.rules,
        call.request_id,
        call.attempt,
        index,
        entry.get("Time") is not None,
    )


def event_from_row(row: EventRow) -> RecordedEvent:
    values = dict(zip(EVENT_FIELDS, row, strict=True))
    values["detail"] = parse_detail(values["detail_json"])
    values["resources"] = Strings(values["resources"])
    values["rules"] = Strings(values["rules"])
    return without_init(RecordedEvent, values)
