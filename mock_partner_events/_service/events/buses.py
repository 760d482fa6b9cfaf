"""The customer's event buses: partner buses (named after their source) and plain custom buses.

A partner bus is what makes a source ACTIVE. Custom buses can be created so that customer code runs
unchanged; they receive no partner events. Every account has a `default` bus.
"""

from __future__ import annotations

from typing import Any

from mock_partner_events._service.context import CallContext
from mock_partner_events._service.events.common import (
    already_exists,
    bus_name,
    bus_not_found,
    bus_owner,
    customer_source,
    epoch,
    page,
    source_not_found,
    with_token,
)
from mock_partner_events._service.events.tags import tag_dict
from mock_partner_events._wire.protocol import validation_error
from mock_partner_events._world.foreign import ForeignBus
from mock_partner_events._world.model import DEFAULT_BUS, EventBus

AWS_PREFIX_MESSAGE = "EventBus name starting with 'aws.' is not valid."


def create_event_bus(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    name, source_name = params["Name"], params.get("EventSourceName")
    _check_bus_name(name, source_name)
    if context.world.buses.get((context.region, context.account, name)) is not None or name == DEFAULT_BUS:
        raise already_exists(f"Event bus {name} already exists.")
    if source_name is not None and customer_source(context, source_name) is None:
        raise source_not_found(source_name)
    bus = context.world.add_bus(name, context.region, context.account, source_name, context.now)
    bus.description = params.get("Description")
    bus.tags = tag_dict(params.get("Tags"))
    response: dict[str, Any] = {"EventBusArn": bus.arn}
    if bus.description is not None:
        response["Description"] = bus.description
    return response


def describe_event_bus(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _describe(find_bus(context, params.get("Name")))


def list_event_buses(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """Every bus of the caller's, `default` first, then by name. With moto active the customer's own buses are
    moto's: they are listed from moto and merged with the partner buses here, and one NextToken pages both."""
    prefix = params.get("NamePrefix") or ""
    described = [item for item in _all_buses(context) if item["Name"].startswith(prefix)]
    found, next_token = page("ListEventBuses", described, params)
    return with_token({"EventBuses": found}, next_token)


def _all_buses(context: CallContext) -> list[dict[str, Any]]:
    here = context.world.buses_of(context.region, context.account)
    elsewhere = context.foreign_buses(context.account, context.access_key, context.region)
    if elsewhere is None:
        return [_describe(bus) for bus in here]
    merged = [_describe_foreign(bus) for bus in elsewhere]
    merged += [_describe(bus) for bus in here if bus.event_source_name is not None]
    return sorted(merged, key=lambda item: (item["Name"] != DEFAULT_BUS, item["Name"]))


def delete_event_bus(context: CallContext, params: dict[str, Any]) -> None:
    """Deleting a missing bus succeeds, as AWS's DeleteEventBus does; its rules go with it."""
    name = params["Name"]
    if name == DEFAULT_BUS:
        raise validation_error("Cannot delete event bus default.")
    bus = context.world.buses.get((context.region, context.account, name))
    if bus is not None:
        context.world.delete_bus(bus, context.now)
    return None


def find_bus(context: CallContext, name_or_arn: str | None) -> EventBus:
    """The bus an EventBusName (name or ARN) refers to, as the caller may see it."""
    name = bus_name(name_or_arn)
    owner = bus_owner(context, name_or_arn)
    bus = context.world.bus(context.region, context.account, name) if owner == context.account else None
    if bus is None:
        raise bus_not_found(name)
    return bus


def _check_bus_name(name: str, source_name: str | None) -> None:
    if source_name is None and name.startswith("aws."):
        raise validation_error(AWS_PREFIX_MESSAGE)
    if source_name is not None and source_name != name:
        raise validation_error(
            f"Event bus name {name} is not valid: a partner event bus must have the name of its event source "
            f"({source_name})."
        )
    if source_name is None and "/" in name:
        raise validation_error(f"Event bus name {name} is not valid: custom event bus names cannot contain '/'.")


def _describe_foreign(bus: ForeignBus) -> dict[str, Any]:
    fields = {
        "Name": bus.name,
        "Arn": bus.arn,
        "Description": bus.description,
        "Policy": bus.policy,
        "CreationTime": None if bus.name == DEFAULT_BUS or bus.created is None else epoch(bus.created),
        "LastModifiedTime": None if bus.name == DEFAULT_BUS or bus.modified is None else epoch(bus.modified),
    }
    return {key: value for key, value in fields.items() if value is not None}


def _describe(bus: EventBus) -> dict[str, Any]:
    described: dict[str, Any] = {"Name": bus.name, "Arn": bus.arn}
    if bus.description is not None:
        described["Description"] = bus.description
    if bus.name != DEFAULT_BUS:
        described["CreationTime"] = epoch(bus.created)
        described["LastModifiedTime"] = epoch(bus.created)
    return described
