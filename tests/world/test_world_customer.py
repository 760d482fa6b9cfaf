"""The customer's side through boto3: its shared event sources and its event buses, seen from its own account."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time
from helpers import (
    BUS_ARN,
    CUSTOMER,
    OTHER_CUSTOMER,
    SOURCE,
    SOURCE_ARN,
    associate,
    client_for,
    create_source,
    error_of,
)

pytestmark = pytest.mark.partner_events(unknown_sources="reject")
DEFAULT_BUS_ARN = f"arn:aws:events:us-east-1:{CUSTOMER}:event-bus/default"


@pytest.fixture(autouse=True)
def _mock(partner_events: Any) -> Any:
    return partner_events


@pytest.fixture
def stranger() -> Any:
    """A client of an account the source is not addressed to."""
    return client_for(OTHER_CUSTOMER)


# -- event sources -------------------------------------------------------------------------------------------


def test_describe_event_source_shows_a_new_source_pending(partner: Any, customer: Any) -> None:
    with freeze_time("2026-03-01T12:00:00Z"):
        create_source(partner)
        described = customer.describe_event_source(Name=SOURCE)

    created = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)
    described.pop("ResponseMetadata")
    assert described == {
        "Arn": SOURCE_ARN,
        "CreatedBy": "example.com",
        "CreationTime": created,
        "ExpirationTime": created + timedelta(days=7),
        "Name": SOURCE,
        "State": "PENDING",
    }


def test_an_active_source_has_no_expiration_time(partner: Any, customer: Any) -> None:
    create_source(partner)
    associate(customer)

    described = customer.describe_event_source(Name=SOURCE)

    assert described["State"] == "ACTIVE"
    assert "ExpirationTime" not in described


def test_describe_unknown_event_source_is_resource_not_found(customer: Any) -> None:
    with pytest.raises(customer.exceptions.ResourceNotFoundException) as raised:
        customer.describe_event_source(Name=SOURCE)

    assert error_of(raised) == ("ResourceNotFoundException", f"Event source {SOURCE} does not exist.")


def test_another_account_sees_no_source_addressed_elsewhere(partner: Any, stranger: Any) -> None:
    create_source(partner)

    with pytest.raises(stranger.exceptions.ResourceNotFoundException) as raised:
        stranger.describe_event_source(Name=SOURCE)

    assert error_of(raised)[1] == f"Event source {SOURCE} does not exist."
    assert stranger.list_event_sources()["EventSources"] == []


def test_list_event_sources_shows_only_own_sources_by_prefix(partner: Any, customer: Any) -> None:
    create_source(partner, "aws.partner/example.com/a")
    create_source(partner, "aws.partner/example.com/b", account=OTHER_CUSTOMER)
    create_source(partner, "aws.partner/other.org/c")

    everything = customer.list_event_sources()["EventSources"]
    prefixed = customer.list_event_sources(NamePrefix="aws.partner/example.com")["EventSources"]

    assert [source["Name"] for source in everything] == ["aws.partner/example.com/a", "aws.partner/other.org/c"]
    assert [source["Name"] for source in prefixed] == ["aws.partner/example.com/a"]
    assert set(prefixed[0]) == {"Arn", "CreatedBy", "CreationTime", "ExpirationTime", "Name", "State"}


def test_list_event_sources_pages(partner: Any, customer: Any) -> None:
    for n in range(3):
        create_source(partner, f"aws.partner/example.com/s{n}")

    first = customer.list_event_sources(Limit=2)
    second = customer.list_event_sources(Limit=2, NextToken=first["NextToken"])

    assert [len(first["EventSources"]), len(second["EventSources"])] == [2, 1]
    assert "NextToken" not in second


def test_another_account_cannot_activate_or_deactivate(partner: Any, customer: Any, stranger: Any) -> None:
    create_source(partner)
    associate(customer)

    with pytest.raises(stranger.exceptions.ResourceNotFoundException):
        stranger.deactivate_event_source(Name=SOURCE)
    with pytest.raises(stranger.exceptions.ResourceNotFoundException):
        stranger.activate_event_source(Name=SOURCE)
    assert customer.describe_event_source(Name=SOURCE)["State"] == "ACTIVE"


# -- partner buses -------------------------------------------------------------------------------------------


def test_create_partner_bus_returns_its_arn(partner: Any, customer: Any) -> None:
    create_source(partner)

    assert customer.create_event_bus(Name=SOURCE, EventSourceName=SOURCE)["EventBusArn"] == BUS_ARN


def test_an_aws_prefixed_bus_without_event_source_is_invalid(customer: Any) -> None:
    with pytest.raises(ClientError) as raised:
        customer.create_event_bus(Name=SOURCE)

    assert error_of(raised) == ("ValidationException", "EventBus name starting with 'aws.' is not valid.")


def test_partner_bus_must_be_named_after_its_source(partner: Any, customer: Any) -> None:
    create_source(partner)

    with pytest.raises(ClientError) as raised:
        customer.create_event_bus(Name="aws.partner/example.com/1234/other", EventSourceName=SOURCE)

    code, message = error_of(raised)
    assert code == "ValidationException"
    assert SOURCE in message


def test_partner_bus_for_an_unknown_source_is_resource_not_found(customer: Any) -> None:
    with pytest.raises(customer.exceptions.ResourceNotFoundException) as raised:
        associate(customer)

    assert error_of(raised)[1] == f"Event source {SOURCE} does not exist."


def test_partner_bus_for_another_accounts_source_is_resource_not_found(partner: Any, stranger: Any) -> None:
    create_source(partner)

    with pytest.raises(stranger.exceptions.ResourceNotFoundException):
        associate(stranger)

    assert (
        partner.list_partner_event_source_accounts(EventSourceName=SOURCE)["PartnerEventSourceAccounts"][0]["State"]
        == "PENDING"
    )


def test_a_second_bus_of_the_same_name_already_exists(partner: Any, customer: Any) -> None:
    create_source(partner)
    associate(customer)

    with pytest.raises(customer.exceptions.ResourceAlreadyExistsException) as raised:
        associate(customer)

    assert error_of(raised)[1] == f"Event bus {SOURCE} already exists."


def test_describe_partner_bus_by_name_and_by_arn(partner: Any, customer: Any) -> None:
    create_source(partner)
    associate(customer)

    by_name = customer.describe_event_bus(Name=SOURCE)
    by_arn = customer.describe_event_bus(Name=BUS_ARN)

    assert (by_name["Name"], by_name["Arn"]) == (SOURCE, BUS_ARN)
    assert (by_arn["Name"], by_arn["Arn"]) == (SOURCE, BUS_ARN)
    assert isinstance(by_name["CreationTime"], datetime)


def test_describe_event_bus_without_name_is_the_default_bus(customer: Any) -> None:
    described = customer.describe_event_bus()

    assert (described["Name"], described["Arn"]) == ("default", DEFAULT_BUS_ARN)


def test_describe_unknown_bus_is_resource_not_found(customer: Any) -> None:
    with pytest.raises(customer.exceptions.ResourceNotFoundException) as raised:
        customer.describe_event_bus(Name="missing")

    assert error_of(raised) == ("ResourceNotFoundException", "Event bus missing does not exist.")


def test_another_account_cannot_describe_the_bus_by_arn(partner: Any, customer: Any, stranger: Any) -> None:
    create_source(partner)
    associate(customer)

    with pytest.raises(stranger.exceptions.ResourceNotFoundException):
        stranger.describe_event_bus(Name=BUS_ARN)


def test_list_event_buses_shows_default_first_then_own_buses(partner: Any, customer: Any, stranger: Any) -> None:
    create_source(partner)
    associate(customer)
    customer.create_event_bus(Name="orders")

    listed = customer.list_event_buses()["EventBuses"]

    assert [bus["Name"] for bus in listed] == ["default", SOURCE, "orders"]
    assert [bus["Name"] for bus in stranger.list_event_buses()["EventBuses"]] == ["default"]
    assert [bus["Name"] for bus in customer.list_event_buses(NamePrefix="aws.")["EventBuses"]] == [SOURCE]


def test_list_event_buses_pages(customer: Any) -> None:
    for name in ("a", "b", "c"):
        customer.create_event_bus(Name=name)

    first = customer.list_event_buses(Limit=3)
    second = customer.list_event_buses(Limit=3, NextToken=first["NextToken"])

    assert [bus["Name"] for bus in first["EventBuses"] + second["EventBuses"]] == ["default", "a", "b", "c"]


# -- custom buses --------------------------------------------------------------------------------------------


def test_custom_buses_can_be_created_described_and_deleted(customer: Any) -> None:
    created = customer.create_event_bus(Name="orders", Description="order events")

    assert created["EventBusArn"] == f"arn:aws:events:us-east-1:{CUSTOMER}:event-bus/orders"
    assert customer.describe_event_bus(Name="orders")["Description"] == "order events"
    customer.delete_event_bus(Name="orders")
    with pytest.raises(customer.exceptions.ResourceNotFoundException):
        customer.describe_event_bus(Name="orders")


def test_custom_bus_names_cannot_contain_a_slash(customer: Any) -> None:
    with pytest.raises(ClientError) as raised:
        customer.create_event_bus(Name="team/orders")

    assert error_of(raised)[0] == "ValidationException"


def test_the_default_bus_already_exists_and_cannot_be_deleted(customer: Any) -> None:
    with pytest.raises(customer.exceptions.ResourceAlreadyExistsException):
        customer.create_event_bus(Name="default")
    with pytest.raises(ClientError) as raised:
        customer.delete_event_bus(Name="default")

    assert error_of(raised) == ("ValidationException", "Cannot delete event bus default.")


def test_deleting_a_missing_bus_succeeds(customer: Any) -> None:
    response = customer.delete_event_bus(Name="never-created")

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
