"""Every operation the mock answers, by the name X-Amz-Target carries."""

from __future__ import annotations

from mock_partner_events._service.context import Operation
from mock_partner_events._service.events import buses, customer, partner, rules, tags
from mock_partner_events._service.events.custom_events import put_events
from mock_partner_events._service.events.put_events import put_partner_events

OPERATIONS: dict[str, Operation] = {
    "PutPartnerEvents": put_partner_events,
    "CreatePartnerEventSource": partner.create_partner_event_source,
    "DescribePartnerEventSource": partner.describe_partner_event_source,
    "ListPartnerEventSources": partner.list_partner_event_sources,
    "ListPartnerEventSourceAccounts": partner.list_partner_event_source_accounts,
    "DeletePartnerEventSource": partner.delete_partner_event_source,
    "DescribeEventSource": customer.describe_event_source,
    "ListEventSources": customer.list_event_sources,
    "ActivateEventSource": customer.activate_event_source,
    "DeactivateEventSource": customer.deactivate_event_source,
    "CreateEventBus": buses.create_event_bus,
    "DescribeEventBus": buses.describe_event_bus,
    "ListEventBuses": buses.list_event_buses,
    "DeleteEventBus": buses.delete_event_bus,
    "PutRule": rules.put_rule,
    "DescribeRule": rules.describe_rule,
    "ListRules": rules.list_rules,
    "DeleteRule": rules.delete_rule,
    "EnableRule": rules.enable_rule,
    "DisableRule": rules.disable_rule,
    "PutTargets": rules.put_targets,
    "RemoveTargets": rules.remove_targets,
    "ListTargetsByRule": rules.list_targets_by_rule,
    "ListRuleNamesByTarget": rules.list_rule_names_by_target,
    "TestEventPattern": rules.test_event_pattern,
    "TagResource": tags.tag_resource,
    "UntagResource": tags.untag_resource,
    "ListTagsForResource": tags.list_tags_for_resource,
    "PutEvents": put_events,  # only for a partner bus: AWS's ValidationException (see custom_events)
}
"""The operation functions by name; an operation not here is not modelled (moto's, or UnmockedOperationError)."""
