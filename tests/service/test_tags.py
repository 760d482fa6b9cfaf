"""Tags on the customer's buses and rules, ListRuleNamesByTarget, and PutEvents aimed at a partner bus: modelled
here, so they work on partner buses with or without moto (moto does not know partner buses)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator

import pytest
from botocore.exceptions import ClientError
from helpers import (
    BUS_ARN,
    CUSTOMER,
    OTHER_CUSTOMER,
    PARTNER,
    REGION,
    SOURCE,
    associate,
    client_for,
    create_source,
    error_of,
)
from moto import mock_aws

from mock_partner_events import PartnerEventsMock, UnmockedOperationError, mock_partner_events

ANY = json.dumps({"source": [{"prefix": ""}]})
QUEUE = f"arn:aws:sqs:{REGION}:{CUSTOMER}:orders"
RULE_ARN = f"arn:aws:events:{REGION}:{CUSTOMER}:rule/{SOURCE}/orders"
PARTNER_BUS_PATTERN = r"(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[\.\-_A-Za-z0-9]+"


@pytest.fixture(params=[False, True], ids=["alone", "with-moto"])
def subscribed(request: pytest.FixtureRequest) -> Iterator[PartnerEventsMock]:
    """The customer's partner bus with a rule `orders` targeting QUEUE, with moto's mock_aws active or not."""
    with mock_aws() if request.param else contextlib.nullcontext(), mock_partner_events() as mock:
        create_source(client_for(PARTNER))
        customer = client_for(CUSTOMER)
        associate(customer)
        customer.put_rule(Name="orders", EventBusName=SOURCE, EventPattern=json.dumps({"detail-type": ["A"]}))
        customer.put_targets(Rule="orders", EventBusName=SOURCE, Targets=[{"Id": "q", "Arn": QUEUE}])
        yield mock


def tags_of(arn: str) -> list[dict[str, str]]:
    tags: list[dict[str, str]] = client_for(CUSTOMER).list_tags_for_resource(ResourceARN=arn)["Tags"]
    return tags


def test_a_partner_bus_and_its_rule_are_tagged_untagged_and_listed(subscribed: PartnerEventsMock) -> None:
    customer = client_for(CUSTOMER)

    customer.tag_resource(ResourceARN=BUS_ARN, Tags=[{"Key": "team", "Value": "orders"}, {"Key": "env", "Value": ""}])
    customer.tag_resource(ResourceARN=BUS_ARN, Tags=[{"Key": "team", "Value": "billing"}])
    customer.tag_resource(ResourceARN=RULE_ARN, Tags=[{"Key": "owner", "Value": "me"}])
    customer.untag_resource(ResourceARN=BUS_ARN, TagKeys=["env", "never-set"])

    assert tags_of(BUS_ARN) == [{"Key": "team", "Value": "billing"}]
    assert tags_of(RULE_ARN) == [{"Key": "owner", "Value": "me"}]
    assert [call.operation for call in subscribed.calls][-2:] == ["ListTagsForResource", "ListTagsForResource"]


def test_tags_given_at_creation_are_listed() -> None:
    with mock_partner_events():
        create_source(client_for(PARTNER))
        customer = client_for(CUSTOMER)
        customer.create_event_bus(Name=SOURCE, EventSourceName=SOURCE, Tags=[{"Key": "a", "Value": "1"}])
        customer.put_rule(Name="orders", EventBusName=SOURCE, EventPattern=ANY, Tags=[{"Key": "b", "Value": "2"}])
        customer.put_rule(Name="orders", EventBusName=SOURCE, EventPattern=ANY, Tags=[{"Key": "c", "Value": "3"}])

        assert tags_of(BUS_ARN) == [{"Key": "a", "Value": "1"}]
        assert tags_of(RULE_ARN) == [{"Key": "b", "Value": "2"}, {"Key": "c", "Value": "3"}]


def test_without_moto_the_customers_own_buses_are_tagged_here_too() -> None:
    with mock_partner_events() as mock:
        customer = client_for(CUSTOMER)
        arn = customer.create_event_bus(Name="mine")["EventBusArn"]
        customer.put_rule(Name="nightly", ScheduleExpression="rate(1 day)")
        customer.tag_resource(ResourceARN=arn, Tags=[{"Key": "k", "Value": "v"}])
        customer.tag_resource(
            ResourceARN=f"arn:aws:events:{REGION}:{CUSTOMER}:rule/nightly", Tags=[{"Key": "d", "Value": ""}]
        )

        assert tags_of(arn) == [{"Key": "k", "Value": "v"}]
        assert tags_of(f"arn:aws:events:{REGION}:{CUSTOMER}:rule/nightly") == [{"Key": "d", "Value": ""}]
        assert mock.calls[-1].operation == "ListTagsForResource"


@pytest.mark.parametrize(
    ("arn", "message"),
    [
        (f"arn:aws:events:{REGION}:{CUSTOMER}:event-bus/aws.partner/example.com/1/none", "Event bus aws.partner/"),
        (f"arn:aws:events:{REGION}:{CUSTOMER}:rule/{SOURCE}/none", f"Rule none does not exist on EventBus {SOURCE}."),
        (f"arn:aws:events:{REGION}:{OTHER_CUSTOMER}:event-bus/{SOURCE}", f"Event bus {SOURCE} does not exist."),
        (f"arn:aws:events:eu-west-1:{CUSTOMER}:event-bus/{SOURCE}", f"Event bus {SOURCE} does not exist."),
    ],
    ids=["unknown-partner-bus", "unknown-rule", "another-accounts-bus", "another-region"],
)
def test_a_resource_the_caller_cannot_see_is_not_found(subscribed: PartnerEventsMock, arn: str, message: str) -> None:
    with pytest.raises(ClientError) as raised:
        client_for(CUSTOMER).tag_resource(ResourceARN=arn, Tags=[{"Key": "k", "Value": "v"}])

    code, text = error_of(raised)
    assert code == "ResourceNotFoundException"
    assert text.startswith(message)


def test_an_arn_that_names_no_bus_or_rule_is_refused_with_what_was_expected() -> None:
    with mock_partner_events(), pytest.raises(ClientError) as raised:
        client_for(CUSTOMER).list_tags_for_resource(ResourceARN=f"arn:aws:sqs:{REGION}:{CUSTOMER}:aws.partner/q")

    code, text = error_of(raised)
    assert code == "ValidationException"
    assert "is not the ARN of an event bus (arn:aws:events:<region>:<account>:event-bus/<name>)" in text


def test_tag_keys_and_values_are_checked_against_the_model(subscribed: PartnerEventsMock) -> None:
    with pytest.raises(ClientError) as raised:
        client_for(CUSTOMER).tag_resource(ResourceARN=BUS_ARN, Tags=[{"Key": "k" * 129, "Value": "v"}])

    code, text = error_of(raised)
    assert code == "ValidationException"
    assert "at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128" in (
        text
    )


def test_rule_names_by_target_on_a_partner_bus(subscribed: PartnerEventsMock) -> None:
    customer = client_for(CUSTOMER)
    customer.put_rule(Name="audit", EventBusName=SOURCE, EventPattern=ANY)
    customer.put_targets(Rule="audit", EventBusName=SOURCE, Targets=[{"Id": "same", "Arn": QUEUE}])
    customer.put_rule(Name="other", EventBusName=SOURCE, EventPattern=ANY)

    first = customer.list_rule_names_by_target(TargetArn=QUEUE, EventBusName=SOURCE, Limit=1)
    second = customer.list_rule_names_by_target(TargetArn=QUEUE, EventBusName=BUS_ARN, NextToken=first["NextToken"])

    assert (first["RuleNames"], second["RuleNames"]) == (["audit"], ["orders"])
    assert "NextToken" not in second


def test_with_moto_the_customers_own_buses_keep_their_tags_in_moto() -> None:
    with mock_aws(), mock_partner_events() as mock:
        customer = client_for(CUSTOMER)
        arn = customer.create_event_bus(Name="mine", Tags=[{"Key": "k", "Value": "v"}])["EventBusArn"]

        assert tags_of(arn) == [{"Key": "k", "Value": "v"}]
        assert mock.calls == []  # moto answered both


@pytest.mark.parametrize("name", [SOURCE, BUS_ARN], ids=["name", "arn"])
def test_put_events_to_a_partner_bus_is_refused_as_aws_refuses_it(subscribed: PartnerEventsMock, name: str) -> None:
    """Only the partner writes to a partner bus: AWS's model types PutEvents' EventBusName as
    NonPartnerEventBusNameOrArn, and AWS answered a customer's PutEvents to a partner bus so (aws-sdk-js-v3#3714)."""
    entries = [
        {"Source": "my.app", "DetailType": "Ping", "Detail": "{}"},
        {"Source": "my.app", "DetailType": "Ping", "Detail": "{}", "EventBusName": name},
    ]
    with pytest.raises(ClientError) as raised:
        client_for(CUSTOMER).put_events(Entries=entries)

    assert error_of(raised) == (
        "ValidationException",
        f"1 validation error detected: Value '{name}' at 'entries.2.member.eventBusName' failed to satisfy "
        f"constraint: Member must satisfy regular expression pattern: {PARTNER_BUS_PATTERN}",
    )
    assert subscribed.calls[-1].operation == "PutEvents"
    assert len(subscribed.events) == 0


def test_put_events_to_the_customers_own_bus_without_moto_is_still_unmocked() -> None:
    entries = [{"Source": "my.app", "DetailType": "Ping", "Detail": "{}", "EventBusName": "mine"}]
    with mock_partner_events() as mock, pytest.raises(UnmockedOperationError, match="PutEvents is not modelled"):
        client_for(CUSTOMER).put_events(Entries=entries)

    assert mock.calls == []
