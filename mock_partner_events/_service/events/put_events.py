"""PutPartnerEvents: request-level checks, then one result per entry, index-aligned.

The entry loop is the mock's hot path (up to 20 entries in each call of a publisher's test suite). What is the
same for every entry of a call is worked out once per call: the default time, and per distinct Source whether
the caller may write to it and where its events go. An accepted entry then costs its Detail parse, an id and
one record; its envelope is built only when a rule or an entry fault needs it.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import partial
from typing import Any, NamedTuple

from mock_partner_events._faults.injections import WhereFailed
from mock_partner_events._records.rows import Packed, envelope_of, pack_event, pack_stamp
from mock_partner_events._service.context import CallContext
from mock_partner_events._wire.entry_rules import EntryError, check_entry, request_size
from mock_partner_events._wire.protocol import AwsError, serialization_error, validation_error
from mock_partner_events._world.model import DELETED, Delivery, PartnerSource

SIZE_MESSAGE = "Total size of the entries in the request is over the limit."
SOURCE_REJECTED = "NotAuthorizedForSourceException"
WHERE_FAILED = "FaultWhereCallableError"  # not an AWS code: the test's own fault raised (README "Modelled choices")
WHERE_FAILED_HELP = (
    "The request was answered with this error and recorded (mock.calls[-1]); no entry was accepted, the fault's "
    "times were not used, and no source was provisioned. Fix the callable (it gets the event's envelope: version, "
    "id, detail-type, source, account, time, region, resources, detail)"
)
TIME_BYTES_IN_FORMULA = 14


class _Route(NamedTuple):
    """A writable source and, when it does not depend on the event (no rules to match), where its events go.
    `provisioned`: "" for a source that existed, else whether this call also created its partner bus."""

    source: PartnerSource
    delivery: Delivery | None
    provisioned: str = ""


_BUS_CREATED, _BUS_EXISTED = "bus created", "bus existed"


def put_partner_events(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    entries: list[Any] = params["Entries"]
    if _may_exceed_limit(context, entries) and request_size(entries) > context.options.max_request_bytes:
        raise validation_error(SIZE_MESSAGE)
    call_time = _event_time(None, context.now)
    times = [call_time if entry.get("Time") is None else _event_time(entry["Time"], context.now) for entry in entries]
    ids = context.new_ids(len(entries))
    call = pack_stamp(
        request_body=context.request_body, region=context.region, request_id=context.request_id, attempt=context.attempt
    )
    routes: dict[str, _Route | EntryError] = {}  # the entries of one call mostly share one source
    try:
        results = [
            _put_entry(context, call, index, entry, times[index], ids[index], routes)
            for index, entry in enumerate(entries)
        ]
    except WhereFailed as failed:
        context.rejected.clear()  # the call failed as a whole: no entry got a per-entry answer
        _forget_provisioned(context, routes)
        raise AwsError(WHERE_FAILED, f"mock-partner-events: {failed}. {WHERE_FAILED_HELP}") from failed
    return {"FailedEntryCount": len(context.rejected), "Entries": results}


def _forget_provisioned(context: CallContext, routes: dict[str, _Route | EntryError]) -> None:
    """Undo what a failed call set up: the sources (and partner buses) `unknown_sources="accept"` provisioned."""
    for route in routes.values():
        if isinstance(route, _Route) and route.provisioned:
            context.world.unprovision(route.source, keep_bus=route.provisioned == _BUS_EXISTED)


def _may_exceed_limit(context: CallContext, entries: list[Any]) -> bool:
    """Whether the size formula needs computing: it cannot exceed the body's length plus 14 bytes per entry
    (each string it counts appears in the body, escaped or not, at least as long as its UTF-8 bytes)."""
    body_bytes = context.body_bytes
    return body_bytes is None or body_bytes + TIME_BYTES_IN_FORMULA * len(entries) > context.options.max_request_bytes


def _put_entry(
    context: CallContext,
    call: Packed,
    index: int,
    entry: dict[str, Any],
    when: datetime,
    event_id: str,
    routes: dict[str, _Route | EntryError],
) -> dict[str, str]:
    """One entry: check -> route -> fault -> deliver, each step able to answer with the entry's error."""
    detail = check_entry(entry)  # 1. check: AWS's per-entry rules (MalformedDetail, ...)
    if isinstance(detail, tuple):
        return context.reject(index, entry, *detail)
    name = entry["Source"]
    route = routes.get(name)  # 2. route: may the caller write to the source, and where do its events go
    if route is None:
        route = routes[name] = _route(context, name)
    if not isinstance(route, _Route):
        return context.reject(index, entry, *route)
    source, delivery, _ = route
    resources = tuple(entry["Resources"]) if entry.get("Resources") else ()
    if context.entry_fault is not None or delivery is None:
        envelope = partial(
            envelope_of,
            event_id,
            name,
            entry["DetailType"],
            source.customer_account,
            when,
            context.region,
            resources,
            detail,
        )
        fault = context.entry_fault and context.entry_fault(envelope)  # 3. fault: an injected per-entry error
        if fault:
            return context.reject(index, entry, *fault)
        if delivery is None:
            delivery = context.world.deliver(source, envelope)  # 4. deliver: the rules the event matches
    context.events.append(
        pack_event(
            event_id=event_id,
            call=call,
            entry_index=index,
            time=when,
            partner_account=source.partner_account,
            customer_account=delivery.customer_account or source.customer_account,
            event_bus_arn=delivery.event_bus_arn,
            rules=delivery.rules,
        )
    )
    return {"EventId": event_id}


def _route(context: CallContext, name: str) -> _Route | EntryError:
    """Where the entries naming source `name` go, or the per-entry error AWS gives when the caller may not write."""
    found = _writable_source(context, name)
    if isinstance(found[0], str):
        return found
    source, provisioned = found
    return _Route(source, context.world.fixed_delivery(source), provisioned)


def _writable_source(context: CallContext, name: str) -> tuple[PartnerSource, str] | EntryError:
    """The source this caller may write to (and whether this call provisioned it), or the per-entry error AWS
    gives when it may not."""
    world = context.world
    source = world.source(context.region, name, context.now)
    provisioned = ""
    if source is None:
        if context.options.unknown_sources == "reject":
            return SOURCE_REJECTED, f"Event source {name} does not exist in {context.region}."
        customer = context.options.customer_account
        provisioned = _BUS_EXISTED if world.bus(context.region, customer, name) is not None else _BUS_CREATED
        source = world.provision(name, context.region, context.account, customer, context.now)
    if source.partner_account != context.account:
        return SOURCE_REJECTED, f"Account {context.account} is not authorized to put events to {name}."
    if source.state == DELETED:
        return SOURCE_REJECTED, f"Event source {name} was deleted by the partner."
    return source, provisioned


def _event_time(value: Any, now: float) -> datetime:
    """The event's time in whole seconds (as AWS delivers it), defaulting to the call's time.

    A number no date can hold fails the whole request, as AWS's deserializer does before any entry is read.
    """
    seconds = now if value is None else value
    try:
        return datetime.fromtimestamp(int(seconds), timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise serialization_error("NUMBER_VALUE cannot be converted to Date") from None
