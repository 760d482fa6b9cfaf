"""Tags on the customer's event buses and rules: TagResource, UntagResource, ListTagsForResource.

AWS: "In EventBridge, rules and event buses can be tagged" (TagResource API reference); a new key is added, an
existing key gets the new value. Tags given to CreateEventBus and PutRule land here too. A resource is named by
its ARN: `arn:aws:events:<region>:<account>:event-bus/<bus>` or `...:rule/[<bus>/]<rule>` (a partner bus's name
holds slashes, so the rule is what follows the last one).
"""

from __future__ import annotations

from typing import Any

from mock_partner_events._service.context import CallContext
from mock_partner_events._service.events.common import bus_not_found, rule_not_found
from mock_partner_events._wire.protocol import validation_error
from mock_partner_events._world.model import DEFAULT_BUS, EventBus

_ARN_PARTS = 6


def tag_resource(context: CallContext, params: dict[str, Any]) -> None:
    tags = tagged(context, params["ResourceARN"])
    tags.update(tag_dict(params["Tags"]))
    return None


def untag_resource(context: CallContext, params: dict[str, Any]) -> None:
    tags = tagged(context, params["ResourceARN"])
    for key in params["TagKeys"]:
        tags.pop(key, None)
    return None


def list_tags_for_resource(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    tags = tagged(context, params["ResourceARN"])
    return {"Tags": [{"Key": key, "Value": value} for key, value in tags.items()]}


def tag_dict(tags: list[dict[str, str]] | None) -> dict[str, str]:
    """A Tags list as the request carries it, as a dict (a repeated key keeps its last value)."""
    return {tag["Key"]: tag["Value"] for tag in tags or ()}


def tagged(context: CallContext, arn: str) -> dict[str, str]:
    """The tags of the bus or rule `arn` names, as the caller may see it; AWS's not-found errors otherwise."""
    parts = arn.split(":", _ARN_PARTS - 1)
    if len(parts) != _ARN_PARTS or parts[2] != "events" or not parts[5].startswith(("event-bus/", "rule/")):
        raise validation_error(
            f"Parameter ResourceARN is not valid. Reason: {arn} is not the ARN of an event bus "
            "(arn:aws:events:<region>:<account>:event-bus/<name>) or a rule (arn:aws:events:<region>:<account>:"
            "rule/[<event bus>/]<name>), the resources EventBridge tags."
        )
    region, account, (kind, _, path) = parts[3], parts[4], parts[5].partition("/")
    if kind == "event-bus":
        return _bus(context, region, account, path).tags
    bus_name, _, rule_name = path.rpartition("/")
    bus = _bus(context, region, account, bus_name or DEFAULT_BUS)
    rule = bus.rules.get(rule_name)
    if rule is None:
        raise rule_not_found(rule_name, bus.name)
    return rule.tags


def _bus(context: CallContext, region: str, account: str, name: str) -> EventBus:
    """A bus of the caller's, in the region the call went to: an ARN for elsewhere names nothing it may see."""
    mine = region == context.region and account == context.account
    bus = context.world.bus(region, account, name) if mine else None
    if bus is None:
        raise bus_not_found(name)
    return bus
