"""Discoverers: Create (STARTED), Describe, Update, Delete, Start, Stop, List; and GetDiscoveredSchema.

A discoverer watches one event bus of the caller's account and region (`SourceArn`), at most one per bus
(ConflictException for a second). Its id is `events-event-bus-<bus name>`, with characters other than letters,
digits, `.`, `_` and `-` replaced by `-` (a modelled choice; AWS names the default bus's `events-event-bus-default`).
"""

from __future__ import annotations

import re
from typing import Any

from mock_partner_events._service.context import CallContext
from mock_partner_events._service.schemas.common import discoverer_arn, partition_of, tags_given
from mock_partner_events._service.schemas.discovery import discovered_content
from mock_partner_events._service.schemas.errors import bad_request, conflict, not_found
from mock_partner_events._service.schemas.paging import page
from mock_partner_events._service.schemas.state import Discoverer, Partition, SchemasState

_BUS_ARN = re.compile(r"arn:aws[a-z-]*:events:([a-z0-9-]+):(\d{12}):event-bus/(.+)")
_NOT_ID = re.compile(r"[^A-Za-z0-9._-]")


def create_discoverer(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    partition = partition_of(context)
    arn = params["SourceArn"]
    bus_name = _bus_name(context, arn)
    discoverer_id = "events-event-bus-" + _NOT_ID.sub("-", bus_name)
    if discoverer_id in partition.discoverers:
        raise conflict(f"Discoverer {discoverer_id} already exists for event bus {arn}.")
    cross_account = params.get("CrossAccount")
    discoverer = Discoverer(
        discoverer_id, arn, params.get("Description"), "STARTED", cross_account is not False, tags_given(params)
    )
    partition.discoverers[discoverer_id] = discoverer
    _state(context).watch()
    return _described(partition, discoverer)


def describe_discoverer(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    partition = partition_of(context)
    return _described(partition, _discoverer(partition, params["DiscovererId"]))


def update_discoverer(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    partition = partition_of(context)
    discoverer = _discoverer(partition, params["DiscovererId"])
    if "Description" in params:
        discoverer.description = params["Description"]
    if params.get("CrossAccount") is not None:
        discoverer.cross_account = params["CrossAccount"]
    return _described(partition, discoverer)


def delete_discoverer(context: CallContext, params: dict[str, Any]) -> None:
    partition = partition_of(context)
    del partition.discoverers[_discoverer(partition, params["DiscovererId"]).id]
    _state(context).watch()


def start_discoverer(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _set_state(context, params["DiscovererId"], "STARTED")


def stop_discoverer(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _set_state(context, params["DiscovererId"], "STOPPED")


def list_discoverers(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    partition = partition_of(context)
    id_prefix = params.get("DiscovererIdPrefix") or ""
    arn_prefix = params.get("SourceArnPrefix") or ""
    chosen = [
        discoverer
        for key, discoverer in sorted(partition.discoverers.items())
        if key.startswith(id_prefix) and discoverer.source_arn.startswith(arn_prefix)
    ]
    shown, token = page(chosen, params)
    summaries = [
        {key: value for key, value in _described(partition, one).items() if key != "Description"} for one in shown
    ]
    return {"Discoverers": summaries, "NextToken": token}


def get_discovered_schema(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return {"Content": discovered_content(params["Events"], params["Type"])}


def _set_state(context: CallContext, discoverer_id: str, state: str) -> dict[str, Any]:
    discoverer = _discoverer(partition_of(context), discoverer_id)
    discoverer.state = state
    _state(context).watch()
    return {"DiscovererId": discoverer.id, "State": state}


def _bus_name(context: CallContext, arn: str) -> str:
    """The name of the caller's event bus `arn` names; BadRequestException for anything else."""
    found = _BUS_ARN.fullmatch(arn)
    if found is None:
        raise bad_request(
            f"SourceArn must be an event bus ARN (arn:aws:events:<region>:<account>:event-bus/<name>), got {arn}."
        )
    region, account, name = found.groups()
    if (region, account) != (context.region, context.account):
        raise bad_request(f"SourceArn {arn} must name an event bus of account {context.account} in {context.region}.")
    if name != "default" and context.world.bus(region, account, name) is None:
        raise not_found(f"Event bus {name} does not exist.")
    return name


def _discoverer(partition: Partition, discoverer_id: str) -> Discoverer:
    discoverer = partition.discoverers.get(discoverer_id)
    if discoverer is None:
        raise not_found(f"Discoverer {discoverer_id} does not exist.")
    return discoverer


def _state(context: CallContext) -> SchemasState:
    state: SchemasState = context.state
    return state


def _described(partition: Partition, discoverer: Discoverer) -> dict[str, Any]:
    return {
        "Description": discoverer.description,
        "DiscovererArn": discoverer_arn(partition, discoverer.id),
        "DiscovererId": discoverer.id,
        "SourceArn": discoverer.source_arn,
        "State": discoverer.state,
        "CrossAccount": discoverer.cross_account,
        "Tags": discoverer.tags,
    }
