"""The partner's control plane: create, describe, list and delete the event sources it offers customers."""

from __future__ import annotations

from typing import Any

from mock_partner_events._service.context import CallContext
from mock_partner_events._service.events.common import (
    already_exists,
    epoch,
    not_found,
    page,
    partner_source,
    with_token,
)
from mock_partner_events._world.model import DELETED, PartnerSource


def create_partner_event_source(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """A new PENDING source for one customer account; names are unique in a region across all partners."""
    name, account = params["Name"], params["Account"]
    existing = context.world.source(context.region, name, context.now)
    if existing is not None and (existing.state != DELETED or existing.partner_account != context.account):
        raise already_exists(f"Event source {name} already exists.")
    source = context.world.add_source(name, context.region, context.account, account, context.now)
    return {"EventSourceArn": source.arn}


def describe_partner_event_source(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _summary(partner_source(context, params["Name"]))


def list_partner_event_sources(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    prefix = params["NamePrefix"]
    own = [
        source
        for source in context.world.sources_in(context.region, context.now)
        if source.partner_account == context.account and source.name.startswith(prefix)
    ]
    found, next_token = page("ListPartnerEventSources", own, params)
    return with_token({"PartnerEventSources": [_summary(source) for source in found]}, next_token)


def list_partner_event_source_accounts(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """The accounts a source is addressed to (AWS allows one), each with the state the customer sees."""
    source = partner_source(context, params["EventSourceName"])
    found, next_token = page("ListPartnerEventSourceAccounts", [source], params)
    return with_token({"PartnerEventSourceAccounts": [_account_record(source) for source in found]}, next_token)


def delete_partner_event_source(context: CallContext, params: dict[str, Any]) -> None:
    """The customer's bus and rules stay (the source shows DELETED there); without a bus the source is gone."""
    name, account = params["Name"], params["Account"]
    source = partner_source(context, name)
    if source.customer_account != account:
        raise not_found(f"Event source {name} does not exist for account {account}.")
    if source.state != DELETED:
        context.world.delete_source(source)
    return None


def _summary(source: PartnerSource) -> dict[str, Any]:
    return {"Arn": source.arn, "Name": source.name}


def _account_record(source: PartnerSource) -> dict[str, Any]:
    record: dict[str, Any] = {
        "Account": source.customer_account,
        "CreationTime": epoch(source.created),
        "State": source.state,
    }
    if source.expires is not None:
        record["ExpirationTime"] = epoch(source.expires)
    return record
