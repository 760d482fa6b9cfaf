"""The source states of the reference's section 3.4, driven through boto3 by partner and customer accounts.

Each test walks one transition and checks what the customer sees, what the partner sees, and what happens to
an event the partner publishes at that point (accepted and delivered, accepted and dropped, or rejected).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from freezegun import freeze_time
from helpers import (
    BUS_ARN,
    CUSTOMER,
    PARTNER,
    SOURCE,
    associate,
    client_for,
    create_source,
    error_of,
    publish,
    state_of,
)

from mock_partner_events import PartnerEventsMock, mock_partner_events

pytestmark = pytest.mark.partner_events(unknown_sources="reject")
START = "2026-03-01T12:00:00Z"
START_TIME = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)


@pytest.fixture
def active(mock: PartnerEventsMock, partner: Any, customer: Any) -> PartnerEventsMock:
    """A source the customer has associated with its partner bus, and a rule that matches every event."""
    create_source(partner)
    associate(customer)
    customer.put_rule(Name="everything", EventBusName=SOURCE, EventPattern='{"source": [{"prefix": ""}]}')
    return mock


def partner_state(partner: Any) -> str:
    state: str = partner.list_partner_event_source_accounts(EventSourceName=SOURCE)["PartnerEventSourceAccounts"][0][
        "State"
    ]
    return state


def test_a_pending_source_accepts_events_and_drops_them(mock: PartnerEventsMock, partner: Any) -> None:
    create_source(partner)

    result = publish(partner)

    assert "EventId" in result
    event = mock.events.one()
    assert (event.event_id, event.delivered, event.event_bus_arn, event.rules) == (result["EventId"], False, None, ())


def test_the_matching_partner_bus_makes_the_source_active_and_delivers(
    active: PartnerEventsMock, partner: Any, customer: Any
) -> None:
    result = publish(partner)

    assert (state_of(customer), partner_state(partner)) == ("ACTIVE", "ACTIVE")
    event = active.events.one()
    assert event.event_id == result["EventId"]
    assert (event.delivered, event.customer_account, event.event_bus_arn) == (True, CUSTOMER, BUS_ARN)
    assert event.rules == ("everything",)
    assert event.envelope()["account"] == CUSTOMER


def test_deactivate_makes_it_pending_keeps_the_bus_and_drops_events(
    active: PartnerEventsMock, partner: Any, customer: Any
) -> None:
    customer.deactivate_event_source(Name=SOURCE)
    publish(partner)

    assert (state_of(customer), partner_state(partner)) == ("PENDING", "PENDING")
    assert customer.describe_event_bus(Name=SOURCE)["Arn"] == BUS_ARN
    assert active.events.one().delivered is False


def test_activate_after_deactivate_delivers_again(active: PartnerEventsMock, partner: Any, customer: Any) -> None:
    customer.deactivate_event_source(Name=SOURCE)
    customer.activate_event_source(Name=SOURCE)
    publish(partner)

    assert state_of(customer) == "ACTIVE"
    assert active.events.one().delivered is True


def test_deactivate_and_activate_are_idempotent(active: PartnerEventsMock, customer: Any) -> None:
    customer.activate_event_source(Name=SOURCE)
    customer.deactivate_event_source(Name=SOURCE)
    customer.deactivate_event_source(Name=SOURCE)

    assert state_of(customer) == "PENDING"


def test_activate_without_a_bus_is_resource_not_found(mock: PartnerEventsMock, partner: Any, customer: Any) -> None:
    create_source(partner)

    with pytest.raises(customer.exceptions.ResourceNotFoundException) as raised:
        customer.activate_event_source(Name=SOURCE)

    assert error_of(raised)[1] == f"Event source {SOURCE} or event bus {SOURCE} does not exist."


def test_deleting_the_partner_bus_sends_the_source_back_to_pending(
    active: PartnerEventsMock, partner: Any, customer: Any
) -> None:
    customer.delete_event_bus(Name=SOURCE)
    result = publish(partner)

    assert (state_of(customer), partner_state(partner)) == ("PENDING", "PENDING")
    assert "EventId" in result
    assert active.events.one().delivered is False


def test_partner_delete_leaves_bus_and_rules_and_rejects_writes(
    active: PartnerEventsMock, partner: Any, customer: Any
) -> None:
    partner.delete_partner_event_source(Name=SOURCE, Account=CUSTOMER)
    result = publish(partner)

    assert (state_of(customer), partner_state(partner)) == ("DELETED", "DELETED")
    assert result["ErrorCode"] == "NotAuthorizedForSourceException"
    assert customer.describe_rule(Name="everything", EventBusName=SOURCE)["State"] == "ENABLED"
    assert len(active.events) == 0
    assert active.rejected[0].error_code == "NotAuthorizedForSourceException"


def test_a_deleted_source_cannot_be_activated_or_deactivated(
    active: PartnerEventsMock, partner: Any, customer: Any
) -> None:
    partner.delete_partner_event_source(Name=SOURCE, Account=CUSTOMER)

    with pytest.raises(customer.exceptions.InvalidStateException) as activating:
        customer.activate_event_source(Name=SOURCE)
    with pytest.raises(customer.exceptions.InvalidStateException):
        customer.deactivate_event_source(Name=SOURCE)

    assert "DELETED" in error_of(activating)[1]


def test_recreated_source_is_pending_until_the_customer_reactivates(
    active: PartnerEventsMock, partner: Any, customer: Any
) -> None:
    partner.delete_partner_event_source(Name=SOURCE, Account=CUSTOMER)
    create_source(partner)
    publish(partner, "WhilePending")

    assert state_of(customer) == "PENDING"
    customer.activate_event_source(Name=SOURCE)
    publish(partner, "AfterReactivation")

    assert [(event.detail_type, event.delivered) for event in active.events] == [
        ("WhilePending", False),
        ("AfterReactivation", True),
    ]
    assert active.events.filter(rule="everything").one().detail_type == "AfterReactivation"


def test_deleting_the_bus_of_a_deleted_source_forgets_the_source(
    active: PartnerEventsMock, partner: Any, customer: Any
) -> None:
    partner.delete_partner_event_source(Name=SOURCE, Account=CUSTOMER)
    customer.delete_event_bus(Name=SOURCE)

    with pytest.raises(customer.exceptions.ResourceNotFoundException):
        customer.describe_event_source(Name=SOURCE)
    with pytest.raises(partner.exceptions.ResourceNotFoundException):
        partner.describe_partner_event_source(Name=SOURCE)


def test_partner_still_sees_a_deleted_source_it_may_recreate(active: PartnerEventsMock, partner: Any) -> None:
    partner.delete_partner_event_source(Name=SOURCE, Account=CUSTOMER)
    partner.delete_partner_event_source(Name=SOURCE, Account=CUSTOMER)

    assert partner.describe_partner_event_source(Name=SOURCE)["Name"] == SOURCE
    assert partner_state(partner) == "DELETED"


# -- expiry on the mock's clock ------------------------------------------------------------------------------


def test_a_pending_source_expires_after_seven_days(mock: PartnerEventsMock, partner: Any, customer: Any) -> None:
    with freeze_time(START) as frozen:
        create_source(partner)
        frozen.tick(timedelta(days=7) - timedelta(seconds=1))
        assert state_of(customer) == "PENDING"
        frozen.tick(timedelta(seconds=1))

        with pytest.raises(customer.exceptions.ResourceNotFoundException):
            customer.describe_event_source(Name=SOURCE)
        assert publish(partner)["ErrorCode"] == "NotAuthorizedForSourceException"
        assert partner.list_partner_event_sources(NamePrefix="aws.partner/example.com/")["PartnerEventSources"] == []


def test_an_expired_name_can_be_created_again(mock: PartnerEventsMock, partner: Any) -> None:
    with freeze_time(START) as frozen:
        create_source(partner)
        frozen.tick(timedelta(days=8))

        create_source(partner)


def test_an_active_source_never_expires(active: PartnerEventsMock, partner: Any, customer: Any) -> None:
    with freeze_time(START) as frozen:
        frozen.tick(timedelta(days=365))

        assert state_of(customer) == "ACTIVE"


def test_a_deactivated_source_expires_fourteen_days_after_deactivation(
    mock: PartnerEventsMock, partner: Any, customer: Any
) -> None:
    with freeze_time(START) as frozen:
        create_source(partner)
        associate(customer)
        customer.deactivate_event_source(Name=SOURCE)

        assert customer.describe_event_source(Name=SOURCE)["ExpirationTime"] == START_TIME + timedelta(days=14)
        frozen.tick(timedelta(days=14))
        with pytest.raises(customer.exceptions.ResourceNotFoundException):
            customer.describe_event_source(Name=SOURCE)
        assert customer.describe_event_bus(Name=SOURCE)["Arn"] == BUS_ARN


def test_expiry_periods_are_options() -> None:
    partner, customer = client_for(PARTNER), client_for(CUSTOMER)
    options = {"pending_expiry": timedelta(hours=1), "deactivated_expiry": timedelta(hours=2)}
    with freeze_time(START), mock_partner_events(unknown_sources="reject", **options):
        create_source(partner)
        pending = customer.describe_event_source(Name=SOURCE)["ExpirationTime"]
        associate(customer)
        customer.deactivate_event_source(Name=SOURCE)
        deactivated = customer.describe_event_source(Name=SOURCE)["ExpirationTime"]

    assert (pending, deactivated) == (START_TIME + timedelta(hours=1), START_TIME + timedelta(hours=2))


@pytest.mark.parametrize("value", [timedelta(0), 3600, None])
def test_an_expiry_that_is_not_a_positive_timedelta_is_refused(value: Any) -> None:
    with pytest.raises(ValueError, match=r"pending_expiry must be a positive datetime\.timedelta"):
        PartnerEventsMock(pending_expiry=value)


# -- unknown sources -----------------------------------------------------------------------------------------


@pytest.mark.partner_events(unknown_sources="accept")
def test_accept_provisions_an_unknown_source_active_with_its_bus(
    mock: PartnerEventsMock, partner: Any, customer: Any
) -> None:
    publish(partner)

    assert state_of(customer) == "ACTIVE"
    assert customer.describe_event_bus(Name=SOURCE)["Arn"] == BUS_ARN
    assert mock.events.one().delivered is True


@pytest.mark.partner_events(unknown_sources="accept")
def test_accept_keeps_the_existing_bus_and_rules_of_an_expired_source(
    mock: PartnerEventsMock, partner: Any, customer: Any
) -> None:
    with freeze_time(START) as frozen:
        create_source(partner)
        associate(customer)
        customer.put_rule(Name="orders", EventBusName=SOURCE, EventPattern='{"detail-type": ["OrderCreated"]}')
        customer.deactivate_event_source(Name=SOURCE)
        frozen.tick(timedelta(days=15))

        publish(partner)

    assert mock.events.one().rules == ("orders",)
