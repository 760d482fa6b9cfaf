"""The mock's Python shortcuts set up the world in one line; the code under test sees it through boto3."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers import BUS_ARN, CUSTOMER, OTHER_CUSTOMER, OTHER_PARTNER, SOURCE, SOURCE_ARN, client_for, publish

from mock_partner_events import PartnerEventsMock

pytestmark = pytest.mark.partner_events(unknown_sources="reject")
QUEUE_ARN = f"arn:aws:sqs:us-east-1:{CUSTOMER}:orders"


def test_create_source_is_pending_for_the_default_customer(mock: PartnerEventsMock, customer: Any) -> None:
    assert mock.create_source(SOURCE) == SOURCE_ARN

    assert customer.describe_event_source(Name=SOURCE)["State"] == "PENDING"
    assert mock.source_state(SOURCE) == "PENDING"


def test_create_source_with_associate_is_active_and_delivers(
    mock: PartnerEventsMock, partner: Any, customer: Any
) -> None:
    mock.create_source(SOURCE, associate=True)

    publish(partner)

    assert customer.describe_event_bus(Name=SOURCE)["Arn"] == BUS_ARN
    assert mock.events.one().event_bus_arn == BUS_ARN


def test_create_source_for_other_accounts_and_regions(mock: PartnerEventsMock) -> None:
    mock.create_source(SOURCE, customer=OTHER_CUSTOMER, partner=OTHER_PARTNER, region="eu-west-1")

    listed = client_for(OTHER_CUSTOMER, region="eu-west-1").list_event_sources()["EventSources"]
    owned = client_for(OTHER_PARTNER, region="eu-west-1").describe_partner_event_source(Name=SOURCE)

    assert [source["Name"] for source in listed] == [SOURCE]
    assert owned["Arn"] == f"arn:aws:events:eu-west-1::event-source/{SOURCE}"


def test_lifecycle_shortcuts_move_the_source_as_the_aws_operations_do(mock: PartnerEventsMock) -> None:
    mock.create_source(SOURCE)
    states = [mock.source_state(SOURCE)]
    for step in (mock.associate, mock.deactivate, mock.activate, mock.delete_bus, mock.associate, mock.delete_source):
        step(SOURCE)
        states.append(mock.source_state(SOURCE))

    assert states == ["PENDING", "ACTIVE", "PENDING", "ACTIVE", "PENDING", "ACTIVE", "DELETED"]


def test_add_rule_with_targets_routes_and_lists_through_boto3(
    mock: PartnerEventsMock, partner: Any, customer: Any
) -> None:
    mock.create_source(SOURCE, associate=True)

    arn = mock.add_rule("orders", {"detail-type": ["OrderCreated"]}, source=SOURCE, targets=[QUEUE_ARN])
    publish(partner, "OrderCreated")
    publish(partner, "OrderShipped")

    assert arn == f"arn:aws:events:us-east-1:{CUSTOMER}:rule/{SOURCE}/orders"
    assert customer.list_targets_by_rule(Rule="orders", EventBusName=SOURCE)["Targets"] == [
        {"Id": "1", "Arn": QUEUE_ARN}
    ]
    assert json.loads(customer.describe_rule(Name="orders", EventBusName=SOURCE)["EventPattern"]) == {
        "detail-type": ["OrderCreated"]
    }
    assert mock.events.filter(rule="orders").one().detail_type == "OrderCreated"


def test_add_rule_takes_target_dicts_and_pattern_text(mock: PartnerEventsMock, customer: Any) -> None:
    mock.create_source(SOURCE, associate=True)
    target = {"Id": "queue", "Arn": QUEUE_ARN, "InputPath": "$.detail"}

    mock.add_rule("orders", '{"source": [{"prefix": "aws.partner/"}]}', source=SOURCE, targets=[target])

    assert customer.list_targets_by_rule(Rule="orders", EventBusName=SOURCE)["Targets"] == [target]


def test_shortcuts_are_not_recorded_as_calls(mock: PartnerEventsMock) -> None:
    mock.create_source(SOURCE, associate=True)
    mock.add_rule("orders", {"source": [SOURCE]}, source=SOURCE)

    assert mock.calls == []


def test_a_shortcut_fails_as_the_aws_operation_would(mock: PartnerEventsMock) -> None:
    mock.create_source(SOURCE)

    with pytest.raises(ValueError, match=r"ResourceAlreadyExistsException: Event source \S+ already exists"):
        mock.create_source(SOURCE)


def test_a_rule_with_an_invalid_pattern_fails_with_aws_message(mock: PartnerEventsMock) -> None:
    mock.create_source(SOURCE, associate=True)

    with pytest.raises(ValueError, match=r"InvalidEventPatternException: Event pattern is not valid\."):
        mock.add_rule("bad", {"source": "not-a-list"}, source=SOURCE)


def test_a_shortcut_on_a_source_that_does_not_exist_says_how_to_create_it(mock: PartnerEventsMock) -> None:
    mock.create_source("aws.partner/example.com/other")

    with pytest.raises(ValueError, match=r"no event source .* create it first with mock\.create_source") as raised:
        mock.associate(SOURCE)

    assert "aws.partner/example.com/other" in str(raised.value)


def test_source_state_is_none_for_an_unknown_source(mock: PartnerEventsMock) -> None:
    assert mock.source_state(SOURCE) is None
