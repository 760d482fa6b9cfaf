"""What the mock remembers: one RecordedCall per request, one RecordedEvent per accepted entry."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, NamedTuple, ParamSpec, TypeVar

from mock_partner_events._wire.entry_rules import parse_detail
from mock_partner_events._wire.protocol import AwsError, parse_body

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
    (tests/records/test_recording.py checks the records are complete).
    """
    record = object.__new__(cls)
    record.__dict__.update(values)
    return record


Packed = tuple[Any, ...]
"""A row as the recorder holds it: a plain tuple of its values in field order.

Only an exact tuple whose items are strings, numbers, bytes, None, datetimes or such tuples is untracked by the
cyclic garbage collector; a NamedTuple's instances never are (CPython untracks exact tuples only). So rows are
declared as NamedTuples (names and types, checked by mypy where they are built, by keyword) and held packed.
"""

P = ParamSpec("P")


def packer(row_type: Callable[P, Any]) -> Callable[P, Packed]:
    """A function taking `row_type`'s fields by keyword that returns them as a plain tuple, in field order.

    mypy checks each call against the NamedTuple's fields (names and types); at run time it costs what a
    hand-written tuple-building function costs (about 1 us per row less than the NamedTuple's constructor).
    """
    names: tuple[str, ...] = getattr(row_type, "_fields")  # noqa: B009 (Callable[P, Any] does not know it)
    namespace: dict[str, Any] = {}
    exec(f"def pack(*, {', '.join(names)}):\n    return ({', '.join(names)},)", namespace)
    pack: Callable[P, Packed] = namespace["pack"]
    pack.__qualname__ = pack.__name__ = f"pack_{row_type.__name__}"
    return pack


class CallStamp(NamedTuple):
    """What every event of one call shares, packed once per call and held by each of its event rows: the
    request as sent (the entries are read back from it), the region, the request id and the attempt."""

    request_body: bytes
    region: str
    request_id: str
    attempt: int


class EventRow(NamedTuple):
    """A RecordedEvent as the recorder keeps it (packed) until a test reads it.

    What the entry carried (Source, DetailType, Detail, Resources, Time) is not copied: it is read back from the
    call's request body, which the call's record keeps anyway; the row holds what the mock decided.
    """

    event_id: str
    call: Packed  # the call's CallStamp, packed (one per call, shared by its events)
    entry_index: int
    time: datetime
    partner_account: str
    customer_account: str | None
    event_bus_arn: str | None
    rules: tuple[str, ...]


pack_stamp = packer(CallStamp)
pack_event = packer(EventRow)
RULES_AT = EventRow._fields.index("rules")
BUS_AT = EventRow._fields.index("event_bus_arn")


class EventBuilder:
    """Builds RecordedEvents from packed EventRows, parsing each call's request body once for all its events
    (rows of one call come one after another)."""

    __slots__ = ("_entries", "_stamp")

    def __init__(self) -> None:
        self._stamp: Packed | None = None
        self._entries: list[Any] = []

    def __call__(self, packed: Packed) -> RecordedEvent:
        row = EventRow._make(packed)
        if row.call is not self._stamp:
            params = parse_body(row.call[0]).params
            self._stamp, self._entries = row.call, params["Entries"]
        stamp = CallStamp._make(row.call)
        entry = self._entries[row.entry_index]
        detail_json = entry["Detail"]
        return without_init(
            RecordedEvent,
            {
                "event_id": row.event_id,
                "source": entry["Source"],
                "detail_type": entry["DetailType"],
                "detail": parse_detail(detail_json),
                "detail_json": detail_json,
                "resources": Strings(entry["Resources"]) if entry.get("Resources") else Strings(),
                "time": row.time,
                "region": stamp.region,
                "partner_account": row.partner_account,
                "customer_account": row.customer_account,
                "event_bus_arn": row.event_bus_arn,
                "rules": Strings(row.rules),
                "request_id": stamp.request_id,
                "attempt": stamp.attempt,
                "entry_index": row.entry_index,
                "time_given": entry.get("Time") is not None,
            },
        )


def event_from_row(packed: Packed) -> RecordedEvent:
    """The RecordedEvent a packed EventRow stands for (a one-off: EventBuilder for many)."""
    return EventBuilder()(packed)


class CallRow(NamedTuple):
    """A RecordedCall as the recorder keeps it: the request and response as the bytes that were sent, parsed
    when a test reads the call. Only atoms, so the garbage collector does not track it (see EventRow)."""

    operation: str | None
    request_body: bytes
    account: str
    region: str
    request_id: str
    status: int
    response_body: bytes
    error_code: str | None
    error_message: str | None
    attempt: int
    fault: str | None
    backoff: float
    delay: float
    time: float


class RejectionRow(NamedTuple):
    """A Rejection as the recorder keeps it: the entry is read back from its call's request body."""

    call: Packed  # the call's CallRow, packed
    call_sequence: int  # the call's sequence number in its recorder's generation
    entry_index: int
    error_code: str
    error_message: str


pack_call = packer(CallRow)
pack_rejection = packer(RejectionRow)


def call_from_row(packed: Packed) -> RecordedCall:
    """The RecordedCall a packed CallRow stands for: params and response parsed from the bytes sent and answered."""
    row = CallRow._make(packed)
    return without_init(
        RecordedCall,
        {
            "operation": row.operation,
            "params": sent_params(row.request_body),
            "account": row.account,
            "region": row.region,
            "request_id": row.request_id,
            "status": row.status,
            "response": json.loads(row.response_body) if row.response_body else None,
            "error_code": row.error_code,
            "error_message": row.error_message,
            "attempt": row.attempt,
            "fault": row.fault,
            "backoff": row.backoff,
            "delay": row.delay,
            "time": row.time,
        },
    )


def rejection_from_row(row: RejectionRow, call: RecordedCall) -> Rejection:
    """The Rejection a row stands for; `call` is the row's call as the recorder hands it out."""
    entries = call.params.get("Entries") if isinstance(call.params, dict) else None
    index = row.entry_index
    entry = entries[index] if isinstance(entries, list) and index < len(entries) else {}
    return Rejection(entry, index, row.error_code, row.error_message, call)


def sent_params(body: bytes) -> dict[str, Any] | None:
    """The request's params as the engine read them (None when the body was not a JSON object)."""
    try:
        return parse_body(body).params
    except AwsError:
        return None
