"""Rules and targets on a customer's partner bus through boto3, and how routing records the rules an event matched."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import (
    BUS_ARN,
    CUSTOMER,
    OTHER_CUSTOMER,
    SOURCE,
    associate,
    client_for,
    create_source,
    error_of,
    publish,
)

from mock_partner_events import PartnerEventsMock

pytestmark = pytest.mark.partner_events(unknown_sources="reject")
ORDERS = json.dumps({"detail-type": ["OrderCreated"]})
RULE_ARN = f"arn:aws:events:us-east-1:{CUSTOMER}:rule/{SOURCE}/orders"
QUEUE = {"Id": "queue", "Arn": f"arn:aws:sqs:us-east-1:{CUSTOMER}:orders", "InputPath": "$.detail"}


@pytest.fixture
def mock(partner_events: PartnerEventsMock, partner: Any, customer: Any) -> PartnerEventsMock:
    """An ACTIVE source on the customer's partner bus."""
    create_source(partner)
    associate(customer)
    return partner_events


def put_orders_rule(customer: Any, **fields: Any) -> str:
    arn: str = customer.put_rule(Name="orders", EventBusName=SOURCE, EventPattern=ORDERS, **fields)["RuleArn"]
    return arn


def test_put_rule_returns_the_rule_arn_under_the_bus(mock: PartnerEventsMock, customer: Any) -> None:
    assert put_orders_rule(customer) == RULE_ARN


def test_describe_rule_shows_what_was_put(mock: PartnerEventsMock, customer: Any) -> None:
    put_orders_rule(customer, Description="new orders", State="DISABLED")

    described = customer.describe_rule(Name="orders", EventBusName=SOURCE)

    described.pop("ResponseMetadata")
    assert described == {
        "Name": "orders",
        "Arn": RULE_ARN,
        "EventPattern": ORDERS,
        "State": "DISABLED",
        "Description": "new orders",
        "EventBusName": SOURCE,
        "CreatedBy": CUSTOMER,
    }


def test_rules_are_found_by_bus_arn_too(mock: PartnerEventsMock, customer: Any) -> None:
    put_orders_rule(customer)

    assert customer.describe_rule(Name="orders", EventBusName=BUS_ARN)["Arn"] == RULE_ARN


def test_describe_unknown_rule_is_resource_not_found(mock: PartnerEventsMock, customer: Any) -> None:
    with pytest.raises(customer.exceptions.ResourceNotFoundException) as raised:
        customer.describe_rule(Name="missing", EventBusName=SOURCE)

    assert error_of(raised)[1] == f"Rule missing does not exist on EventBus {SOURCE}."


def test_a_rule_on_an_unknown_bus_is_resource_not_found(mock: PartnerEventsMock, customer: Any) -> None:
    with pytest.raises(customer.exceptions.ResourceNotFoundException) as raised:
        customer.put_rule(Name="orders", EventBusName="aws.partner/example.com/none", EventPattern=ORDERS)

    assert error_of(raised)[1] == "Event bus aws.partner/example.com/none does not exist."


def test_another_account_cannot_touch_the_rules_of_the_bus(mock: PartnerEventsMock, customer: Any) -> None:
    put_orders_rule(customer)
    stranger = client_for(OTHER_CUSTOMER)

    with pytest.raises(stranger.exceptions.ResourceNotFoundException):
        stranger.put_rule(Name="steal", EventBusName=BUS_ARN, EventPattern=ORDERS)
    with pytest.raises(stranger.exceptions.ResourceNotFoundException):
        stranger.list_rules(EventBusName=BUS_ARN)
    with pytest.raises(stranger.exceptions.ResourceNotFoundException):
        stranger.put_rule(Name="steal", EventBusName=SOURCE, EventPattern=ORDERS)


def test_an_invalid_pattern_is_invalid_event_pattern(mock: PartnerEventsMock, customer: Any) -> None:
    with pytest.raises(customer.exceptions.InvalidEventPatternException) as raised:
        customer.put_rule(Name="orders", EventBusName=SOURCE, EventPattern='{"detail-type": "OrderCreated"}')

    assert error_of(raised)[1].startswith("Event pattern is not valid. Reason: ")


def test_a_rule_needs_a_pattern_or_a_schedule(mock: PartnerEventsMock, customer: Any) -> None:
    with pytest.raises(ClientError) as raised:
        customer.put_rule(Name="orders", EventBusName=SOURCE)

    assert error_of(raised) == (
        "ValidationException",
        "Parameter(s) EventPattern or ScheduleExpression must be specified.",
    )


def test_schedules_only_run_on_the_default_bus(mock: PartnerEventsMock, customer: Any) -> None:
    with pytest.raises(ClientError) as raised:
        customer.put_rule(Name="tick", EventBusName=SOURCE, ScheduleExpression="rate(1 minute)")

    assert error_of(raised)[0] == "ValidationException"
    assert customer.put_rule(Name="tick", ScheduleExpression="rate(1 minute)")["RuleArn"] == (
        f"arn:aws:events:us-east-1:{CUSTOMER}:rule/tick"
    )


def test_list_rules_by_prefix_and_pages(mock: PartnerEventsMock, customer: Any) -> None:
    for name in ("orders-b", "orders-a", "refunds"):
        customer.put_rule(Name=name, EventBusName=SOURCE, EventPattern=ORDERS)

    prefixed = customer.list_rules(EventBusName=SOURCE, NamePrefix="orders")["Rules"]
    paginator = customer.get_paginator("list_rules")
    pages = list(paginator.paginate(EventBusName=SOURCE, PaginationConfig={"PageSize": 2}))

    assert [rule["Name"] for rule in prefixed] == ["orders-a", "orders-b"]
    assert [[rule["Name"] for rule in page["Rules"]] for page in pages] == [["orders-a", "orders-b"], ["refunds"]]
    assert "CreatedBy" not in prefixed[0]


def test_put_rule_again_replaces_it_and_keeps_its_targets(mock: PartnerEventsMock, customer: Any) -> None:
    put_orders_rule(customer)
    customer.put_targets(Rule="orders", EventBusName=SOURCE, Targets=[QUEUE])

    customer.put_rule(Name="orders", EventBusName=SOURCE, EventPattern='{"source": ["x"]}')

    assert customer.describe_rule(Name="orders", EventBusName=SOURCE)["EventPattern"] == '{"source": ["x"]}'
    assert customer.list_targets_by_rule(Rule="orders", EventBusName=SOURCE)["Targets"] == [QUEUE]


def test_targets_are_kept_as_sent_by_id(mock: PartnerEventsMock, customer: Any) -> None:
    put_orders_rule(customer)
    logs = {"Id": "logs", "Arn": f"arn:aws:logs:us-east-1:{CUSTOMER}:log-group:/orders"}

    response = customer.put_targets(Rule="orders", EventBusName=SOURCE, Targets=[QUEUE, logs])
    customer.put_targets(Rule="orders", EventBusName=SOURCE, Targets=[{**logs, "Input": "{}"}])

    assert (response["FailedEntryCount"], response["FailedEntries"]) == (0, [])
    assert customer.list_targets_by_rule(Rule="orders", EventBusName=SOURCE)["Targets"] == [
        QUEUE,
        {**logs, "Input": "{}"},
    ]
    rule = mock.world.buses[("us-east-1", CUSTOMER, SOURCE)].rules["orders"]
    assert rule.targets == {"queue": QUEUE, "logs": {**logs, "Input": "{}"}}


def test_list_targets_pages(mock: PartnerEventsMock, customer: Any) -> None:
    put_orders_rule(customer)
    targets = [{"Id": str(n), "Arn": f"arn:aws:sqs:us-east-1:{CUSTOMER}:q{n}"} for n in range(3)]
    customer.put_targets(Rule="orders", EventBusName=SOURCE, Targets=targets)

    first = customer.list_targets_by_rule(Rule="orders", EventBusName=SOURCE, Limit=2)
    second = customer.list_targets_by_rule(Rule="orders", EventBusName=SOURCE, NextToken=first["NextToken"])

    assert first["Targets"] + second["Targets"] == targets


def test_a_rule_holds_at_most_five_targets(mock: PartnerEventsMock, customer: Any) -> None:
    put_orders_rule(customer)
    targets = [{"Id": str(n), "Arn": f"arn:aws:sqs:us-east-1:{CUSTOMER}:q{n}"} for n in range(6)]

    with pytest.raises(customer.exceptions.LimitExceededException) as raised:
        customer.put_targets(Rule="orders", EventBusName=SOURCE, Targets=targets)

    # AWS's message, exactly, with nothing appended (LocalStack's AWS-parity provider raises the same text)
    assert error_of(raised) == ("LimitExceededException", "The requested resource exceeds the maximum number allowed.")
    assert customer.list_targets_by_rule(Rule="orders", EventBusName=SOURCE)["Targets"] == []


def test_a_target_with_two_input_settings_is_refused_naming_the_target(mock: PartnerEventsMock, customer: Any) -> None:
    put_orders_rule(customer)
    both = {**QUEUE, "Id": "shaped", "Input": "{}"}

    with pytest.raises(ClientError) as raised:
        customer.put_targets(Rule="orders", EventBusName=SOURCE, Targets=[both])

    assert error_of(raised) == (
        "ValidationException",
        "Only one of Input, InputPath, or InputTransformer must be provided for target shaped.",
    )
    assert customer.list_targets_by_rule(Rule="orders", EventBusName=SOURCE)["Targets"] == []


def test_remove_targets_by_id(mock: PartnerEventsMock, customer: Any) -> None:
    put_orders_rule(customer)
    customer.put_targets(Rule="orders", EventBusName=SOURCE, Targets=[QUEUE])

    response = customer.remove_targets(Rule="orders", EventBusName=SOURCE, Ids=["queue", "never-added"])

    assert response["FailedEntryCount"] == 0
    assert customer.list_targets_by_rule(Rule="orders", EventBusName=SOURCE)["Targets"] == []


def test_targets_of_an_unknown_rule_are_resource_not_found(mock: PartnerEventsMock, customer: Any) -> None:
    for call in (
        lambda: customer.put_targets(Rule="missing", EventBusName=SOURCE, Targets=[QUEUE]),
        lambda: customer.remove_targets(Rule="missing", EventBusName=SOURCE, Ids=["queue"]),
        lambda: customer.list_targets_by_rule(Rule="missing", EventBusName=SOURCE),
        lambda: customer.enable_rule(Name="missing", EventBusName=SOURCE),
        lambda: customer.disable_rule(Name="missing", EventBusName=SOURCE),
    ):
        with pytest.raises(customer.exceptions.ResourceNotFoundException):
            call()


def test_a_rule_with_targets_cannot_be_deleted_without_force(mock: PartnerEventsMock, customer: Any) -> None:
    put_orders_rule(customer)
    customer.put_targets(Rule="orders", EventBusName=SOURCE, Targets=[QUEUE])

    with pytest.raises(ClientError) as raised:
        customer.delete_rule(Name="orders", EventBusName=SOURCE)
    assert error_of(raised) == ("ValidationException", "Rule can't be deleted since it has targets.")

    customer.delete_rule(Name="orders", EventBusName=SOURCE, Force=True)
    assert customer.list_rules(EventBusName=SOURCE)["Rules"] == []


def test_deleting_a_missing_rule_succeeds(mock: PartnerEventsMock, customer: Any) -> None:
    assert customer.delete_rule(Name="missing", EventBusName=SOURCE)["ResponseMetadata"]["HTTPStatusCode"] == 200


# -- routing -------------------------------------------------------------------------------------------------


def test_delivered_events_record_the_rules_they_matched(mock: PartnerEventsMock, partner: Any, customer: Any) -> None:
    put_orders_rule(customer)
    customer.put_rule(Name="big", EventBusName=SOURCE, EventPattern='{"detail": {"total": [{"numeric": [">", 100]}]}}')

    publish(partner, "OrderCreated", detail={"total": 500})
    publish(partner, "OrderCreated", detail={"total": 5})
    publish(partner, "OrderShipped", detail={"total": 500})
    publish(partner, "OrderShipped", detail={"total": 1})

    assert [event.rules for event in mock.events] == [("orders", "big"), ("orders",), ("big",), ()]
    assert all(event.delivered for event in mock.events)
    assert [event.detail["total"] for event in mock.events.filter(rule="big")] == [500, 500]


def test_a_disabled_rule_matches_nothing_until_enabled(mock: PartnerEventsMock, partner: Any, customer: Any) -> None:
    put_orders_rule(customer)

    customer.disable_rule(Name="orders", EventBusName=SOURCE)
    publish(partner)
    customer.enable_rule(Name="orders", EventBusName=SOURCE)
    publish(partner)

    assert [event.rules for event in mock.events] == [(), ("orders",)]
    assert customer.describe_rule(Name="orders", EventBusName=SOURCE)["State"] == "ENABLED"


def test_a_deleted_rule_matches_nothing(mock: PartnerEventsMock, partner: Any, customer: Any) -> None:
    put_orders_rule(customer)
    customer.delete_rule(Name="orders", EventBusName=SOURCE)

    publish(partner)

    assert mock.events.one().rules == ()


def test_rules_see_the_envelope_aws_delivers(mock: PartnerEventsMock, partner: Any, customer: Any) -> None:
    pattern = {"account": [CUSTOMER], "region": ["us-east-1"], "source": [SOURCE], "detail": {"id": [7]}}
    customer.put_rule(Name="envelope", EventBusName=SOURCE, EventPattern=json.dumps(pattern))

    publish(partner, detail={"id": 7})

    assert mock.events.one().rules == ("envelope",)


def test_model_lengths_count_utf16_code_units(mock: PartnerEventsMock, customer: Any) -> None:
    """A rule's Description may be 512 long: 256 emoji fit (512 units), 257 do not, as AWS counts them."""
    put_orders_rule(customer, Description="\U0001f600" * 256)

    with pytest.raises(ClientError) as raised:
        put_orders_rule(customer, Description="\U0001f600" * 257)

    code, message = error_of(raised)
    assert code == "ValidationException"
    assert message.endswith(
        "at 'description' failed to satisfy constraint: Member must have length less than or equal to 512"
    )


def transformer_target(paths: dict[str, str]) -> dict[str, Any]:
    return {**QUEUE, "InputPath": None, "InputTransformer": {"InputPathsMap": paths, "InputTemplate": "<a>"}}


def test_input_paths_map_holds_at_most_100_paths(mock: PartnerEventsMock, customer: Any) -> None:
    put_orders_rule(customer)
    paths = {f"p{n}": "$.detail" for n in range(101)}
    target = {key: value for key, value in transformer_target(paths).items() if value is not None}

    with pytest.raises(ClientError) as raised:
        customer.put_targets(Rule="orders", EventBusName=SOURCE, Targets=[target])

    code, message = error_of(raised)
    assert code == "ValidationException"
    assert message.startswith("1 validation error detected: Value '{p0=$.detail, p1=$.detail, ")
    assert message.endswith(
        "at 'targets.1.member.inputTransformer.inputPathsMap' failed to satisfy constraint: "
        "Member must have length less than or equal to 100"
    )


def test_input_paths_map_keys_and_values_meet_the_models_constraints(mock: PartnerEventsMock, customer: Any) -> None:
    put_orders_rule(customer)
    paths = {"bad key": "$.detail", "long": "$." + "\U0001f600" * 128}  # 258 UTF-16 units
    target = {key: value for key, value in transformer_target(paths).items() if value is not None}

    with pytest.raises(ClientError) as raised:
        customer.put_targets(Rule="orders", EventBusName=SOURCE, Targets=[target])

    code, message = error_of(raised)
    assert code == "ValidationException"
    assert message.startswith("2 validation errors detected: ")
    assert (
        "failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or "
        "equal to 256, Member must have length greater than or equal to 1, Member must satisfy regular expression "
        "pattern: [A-Za-z0-9\\_\\-]+]" in message
    )
    assert message.endswith("Map value must satisfy constraint: [Member must have length less than or equal to 256]")
