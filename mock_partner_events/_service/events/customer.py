"""The customer's side of a partner source: see it, and turn delivery to its partner bus on and off."""

from __future__ import annotations

from typing import Any

from mock_partner_events._service.context import CallContext
from mock_partner_events._service.events.common import (
    customer_source,
    epoch,
    invalid_state,
    not_found,
    page,
    source_not_found,
    with_token,
)
from mock_partner_events._world.model import ACTIVE, DELETED, PartnerSource, activate


def describe_event_source(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    source = customer_source(context, params["Name"])
    if source is None:
        raise source_not_found(params["Name"])
    return describe(source)


def list_event_sources(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    prefix = params.get("NamePrefix") or ""
    shared = [
        source
        for source in context.world.sources_in(context.region, context.now)
        if source.customer_account == context.account and source.name.startswith(prefix)
    ]
    found, next_token = page("ListEventSources", shared, params)
    return with_token({"EventSources": [describe(source) for source in found]}, next_token)


def activate_event_source(context: CallContext, params: dict[str, Any]) -> None:
    """Re-attach a PENDING source to its existing partner bus (after Deactivate or a partner's re-create)."""
    name = params["Name"]
    source = customer_source(context, name)
    if source is None or context.world.bus_for(source) is None:
        raise not_found(f"Event source {name} or event bus {name} does not exist.")
    _refuse_deleted(source, "activated")
    activate(source)
    return None


def deactivate_event_source(context: CallContext, params: dict[str, Any]) -> None:
    """Stop delivery: the source goes back to PENDING (and expires if left so); the bus stays."""
    source = customer_source(context, params["Name"])
    if source is None:
        raise source_not_found(params["Name"])
    _refuse_deleted(source, "deactivated")
    if source.state == ACTIVE:
        context.world.deactivate(source, context.now)
    return None


def describe(source: PartnerSource) -> dict[str, Any]:
    """An EventSource as the customer sees it; ExpirationTime only while it can still expire."""
    described: dict[str, Any] = {
        "Arn": source.arn,
        "CreatedBy": source.partner_name,
        "CreationTime": epoch(source.created),
        "Name": source.name,
        "State": source.state,
    }
    if source.expires is not None:
        described["ExpirationTime"] = epoch(source.expires)
    return described


def _refuse_deleted(source: PartnerSource, verb: str) -> None:
    if source.state == DELETED:
        raise invalid_state(
            f"Event source {source.name} is in state DELETED and cannot be {verb}: the partner deleted it. "
            "The partner must re-create it before it can be activated."
        )
