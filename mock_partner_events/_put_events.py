"""PutPartnerEvents: request-level size check, then one result per entry, index-aligned."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ._protocol import serialization_error, validation_error
from ._records import envelope_of, record_event
from ._service import CallContext, operation
from ._validation import check_entry, request_size
from ._world import DELETED, PartnerSource

SIZE_MESSAGE = "Total size of the entries in the request is over the limit."
SOURCE_REJECTED = "NotAuthorizedForSourceException"


@operation("PutPartnerEvents")
def put_partner_events(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    entries: list[Any] = params["Entries"]
    if request_size(entries) > context.options.max_request_bytes:
        raise validation_error(SIZE_MESSAGE)
    call_time = _event_time(None, context.now)
    times = [call_time if entry.get("Time") is None else _event_time(entry["Time"], context.now) for entry in entries]
    sources: dict[str, PartnerSource | tuple[str, str]] = {}  # the entries of one call mostly share one source
    results = [
        _put_entry(context, index, entry, when, sources)
        for index, (entry, when) in enumerate(zip(entries, times, strict=True))
    ]
    failed = sum(1 for result in results if "ErrorCode" in result)
    return {"FailedEntryCount": failed, "Entries": results}


def _put_entry(
    context: CallContext,
    index: int,
    entry: dict[str, Any],
    when: datetime,
    sources: dict[str, PartnerSource | tuple[str, str]],
) -> dict[str, str]:
    detail = check_entry(entry)
    if isinstance(detail, tuple):
        return context.reject(index, entry, *detail)
    source = sources.get(entry["Source"])
    if source is None:
        source = sources[entry["Source"]] = _writable_source(context, entry["Source"])
    if isinstance(source, tuple):
        return context.reject(index, entry, *source)
    event_id = context.new_id()
    resources = tuple(entry.get("Resources") or ())

    def envelope() -> dict[str, Any]:
        return envelope_of(
            event_id,
            source.name,
            entry["DetailType"],
            source.customer_account,
            when,
            context.region,
            resources,
            detail,
        )

    if context.entry_fault is not None:
        fault = context.entry_fault(envelope)
        if fault is not None:
            return context.reject(index, entry, *fault)
    delivery = context.world.deliver(source, envelope)
    context.events.append(
        record_event(
            {
                "event_id": event_id,
                "source": source.name,
                "detail_type": entry["DetailType"],
                "detail": detail,
                "detail_json": entry["Detail"],
                "resources": resources,
                "time": when,
                "region": context.region,
                "partner_account": source.partner_account,
                "customer_account": delivery.customer_account or source.customer_account,
                "event_bus_arn": delivery.event_bus_arn,
                "rules": delivery.rules,
                "request_id": context.request_id,
                "attempt": context.attempt,
                "entry_index": index,
                "time_given": entry.get("Time") is not None,
            }
        )
    )
    return {"EventId": event_id}


def _writable_source(context: CallContext, name: str) -> PartnerSource | tuple[str, str]:
    """The source this caller may write to, or the per-entry error AWS gives when it may not."""
    world = context.world
    source = world.source(context.region, name, context.now)
    if source is None:
        if context.options.unknown_sources == "reject":
            return SOURCE_REJECTED, f"Event source {name} does not exist in {context.region}."
        source = world.provision(name, context.region, context.account, context.options.customer_account, context.now)
    if source.partner_account != context.account:
        return SOURCE_REJECTED, f"Account {context.account} is not authorized to put events to {name}."
    if source.state == DELETED:
        return SOURCE_REJECTED, f"Event source {name} was deleted by the partner."
    return source


def _event_time(value: Any, now: float) -> datetime:
    """The event's time in whole seconds (as AWS delivers it), defaulting to the call's time.

    A number no date can hold fails the whole request, as AWS's deserializer does before any entry is read.
    """
    seconds = now if value is None else value
    try:
        return datetime.fromtimestamp(int(seconds), timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise serialization_error("NUMBER_VALUE cannot be converted to Date") from None
