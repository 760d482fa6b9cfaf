"""Rules and their targets on a customer's buses, and TestEventPattern.

A rule's compiled pattern is what routing matches accepted partner events against (`World.deliver`).
Targets are kept as sent, by Id, for whatever delivers them (moto's SQS or Logs, say).
"""

from __future__ import annotations

import json
from typing import Any

from mock_partner_events._patterns.compile import CompiledPattern, InvalidEventPattern, compile_pattern
from mock_partner_events._service.context import CallContext
from mock_partner_events._service.events.buses import find_bus
from mock_partner_events._service.events.common import page, rule_not_found, with_token
from mock_partner_events._service.events.tags import tag_dict
from mock_partner_events._service.events.target_checks import check_target_input
from mock_partner_events._wire.protocol import AwsError, validation_error
from mock_partner_events._world.model import DEFAULT_BUS, DISABLED, ENABLED, EventBus, Rule

MAX_TARGETS_PER_RULE = 5
TOO_MANY_TARGETS = "The requested resource exceeds the maximum number allowed."  # AWS's words, nothing added
# TestEventPattern refuses an event without these (AWS answered an event lacking them with "Parameter Event is not
# valid."; the list is the one LocalStack's AWS-validated test names).
EVENT_REQUIRED_FIELDS = ("id", "account", "source", "time", "region", "detail-type")
_NO_TARGETS: dict[str, Any] = {"FailedEntryCount": 0, "FailedEntries": []}


def put_rule(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """Create or replace a rule; its targets survive a replacement, as on AWS."""
    bus = find_bus(context, params.get("EventBusName"))
    pattern, schedule = params.get("EventPattern"), params.get("ScheduleExpression")
    if pattern is None and schedule is None:
        raise validation_error("Parameter(s) EventPattern or ScheduleExpression must be specified.")
    if schedule is not None and bus.name != DEFAULT_BUS:
        raise validation_error("ScheduleExpression is supported only on the default event bus.")
    matcher = compiled(pattern) if pattern is not None else None
    name = params["Name"]
    previous = bus.rules.get(name)
    rule = Rule(
        name,
        bus.name,
        pattern,
        state=DISABLED if params.get("State") == DISABLED else ENABLED,
        description=params.get("Description"),
        targets=previous.targets if previous is not None else {},
        matcher=matcher,
        schedule_expression=schedule,
        role_arn=params.get("RoleArn"),
        arn=bus.rule_arn(name),
        tags={**(previous.tags if previous is not None else {}), **tag_dict(params.get("Tags"))},
    )
    bus.rules[name] = rule
    return {"RuleArn": rule.arn}


def describe_rule(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    bus = find_bus(context, params.get("EventBusName"))
    described = _describe(_rule(bus, params["Name"]))
    described["CreatedBy"] = bus.account
    return described


def list_rules(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    bus = find_bus(context, params.get("EventBusName"))
    prefix = params.get("NamePrefix") or ""
    rules = [bus.rules[name] for name in sorted(bus.rules) if name.startswith(prefix)]
    found, next_token = page("ListRules", rules, params)
    return with_token({"Rules": [_describe(rule) for rule in found]}, next_token)


def delete_rule(context: CallContext, params: dict[str, Any]) -> None:
    """Deleting a missing rule succeeds (AWS: "all calls will succeed"); one with targets needs them removed."""
    bus = find_bus(context, params.get("EventBusName"))
    rule = bus.rules.get(params["Name"])
    if rule is None:
        return None
    if rule.targets and not params.get("Force"):
        raise validation_error("Rule can't be deleted since it has targets.")
    del bus.rules[rule.name]
    return None


def enable_rule(context: CallContext, params: dict[str, Any]) -> None:
    _rule(find_bus(context, params.get("EventBusName")), params["Name"]).state = ENABLED
    return None


def disable_rule(context: CallContext, params: dict[str, Any]) -> None:
    _rule(find_bus(context, params.get("EventBusName")), params["Name"]).state = DISABLED
    return None


def put_targets(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """Add or replace targets by Id; a rule holds at most five (AWS's quota)."""
    rule = _rule(find_bus(context, params.get("EventBusName")), params["Rule"])
    for target in params["Targets"]:
        check_target_input(target)
    targets = {**rule.targets, **{target["Id"]: target for target in params["Targets"]}}
    if len(targets) > MAX_TARGETS_PER_RULE:
        raise AwsError("LimitExceededException", TOO_MANY_TARGETS)
    rule.targets = targets
    return dict(_NO_TARGETS)


def remove_targets(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """Remove targets by Id; an Id the rule does not have is ignored."""
    rule = _rule(find_bus(context, params.get("EventBusName")), params["Rule"])
    for target_id in params["Ids"]:
        rule.targets.pop(target_id, None)
    return dict(_NO_TARGETS)


def list_targets_by_rule(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    rule = _rule(find_bus(context, params.get("EventBusName")), params["Rule"])
    found, next_token = page("ListTargetsByRule", list(rule.targets.values()), params)
    return with_token({"Targets": found}, next_token)


def list_rule_names_by_target(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """The names of the bus's rules with a target whose Arn is TargetArn, by name."""
    bus = find_bus(context, params.get("EventBusName"))
    arn = params["TargetArn"]
    names = [name for name in sorted(bus.rules) if any(t["Arn"] == arn for t in bus.rules[name].targets.values())]
    found, next_token = page("ListRuleNamesByTarget", names, params)
    return with_token({"RuleNames": found}, next_token)


def test_event_pattern(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """Whether `Event` (a JSON event envelope) matches `EventPattern`; the pattern is checked first, then that the
    event is an object with every field EventBridge stamps on an event."""
    matcher = compiled(params["EventPattern"])
    try:
        event = json.loads(params["Event"])
    except (ValueError, RecursionError):
        event = None
    if not isinstance(event, dict) or any(event.get(field) is None for field in EVENT_REQUIRED_FIELDS):
        raise validation_error("Parameter Event is not valid.")
    return {"Result": matcher.matches(event)}


def compiled(pattern: str) -> CompiledPattern:
    """The matcher for a pattern, or AWS's InvalidEventPatternException with AWS's message."""
    try:
        return compile_pattern(pattern)
    except InvalidEventPattern as error:
        raise AwsError("InvalidEventPatternException", error.message) from None


def _rule(bus: EventBus, name: str) -> Rule:
    rule = bus.rules.get(name)
    if rule is None:
        raise rule_not_found(name, bus.name)
    return rule


def _describe(rule: Rule) -> dict[str, Any]:
    fields = {
        "Name": rule.name,
        "Arn": rule.arn,
        "EventPattern": rule.event_pattern,
        "ScheduleExpression": rule.schedule_expression,
        "State": rule.state,
        "Description": rule.description,
        "RoleArn": rule.role_arn,
        "EventBusName": rule.event_bus_name,
    }
    return {key: value for key, value in fields.items() if value is not None}
