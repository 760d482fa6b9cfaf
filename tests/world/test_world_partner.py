"""The partner's control plane through boto3: create, describe, list, list accounts and delete event sources."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time
from helpers import (
    CUSTOMER,
    OTHER_CUSTOMER,
    OTHER_PARTNER,
    PARTNER,
    SOURCE,
    SOURCE_ARN,
    client_for,
    create_source,
    error_of,
    publish,
)

pytestmark = pytest.mark.partner_events(unknown_sources="reject")
PREFIX = "aws.partner/example.com/"


@pytest.fixture(autouse=True)
def _mock(partner_events: Any) -> Any:
    return partner_events


def test_create_returns_the_source_arn_without_an_account_id(partner: Any) -> None:
    assert partner.create_partner_event_source(Name=SOURCE, Account=CUSTOMER)["EventSourceArn"] == SOURCE_ARN


def test_create_twice_is_resource_already_exists(partner: Any) -> None:
    create_source(partner)

    with pytest.raises(partner.exceptions.ResourceAlreadyExistsException) as raised:
        create_source(partner, account=OTHER_CUSTOMER)

    assert error_of(raised) == ("ResourceAlreadyExistsException", f"Event source {SOURCE} already exists.")


def test_a_name_is_unique_across_partners_in_a_region(partner: Any) -> None:
    create_source(partner)

    with pytest.raises(ClientError) as raised:
        create_source(client_for(OTHER_PARTNER))

    assert error_of(raised)[0] == "ResourceAlreadyExistsException"


def test_the_same_name_may_exist_in_another_region(partner: Any) -> None:
    create_source(partner)

    arn = create_source(client_for(PARTNER, region="eu-west-1"))

    assert arn == f"arn:aws:events:eu-west-1::event-source/{SOURCE}"


def test_describe_gives_arn_and_name_only(partner: Any) -> None:
    create_source(partner)

    described = partner.describe_partner_event_source(Name=SOURCE)

    assert {key: value for key, value in described.items() if key != "ResponseMetadata"} == {
        "Arn": SOURCE_ARN,
        "Name": SOURCE,
    }


def test_describe_unknown_is_resource_not_found(partner: Any) -> None:
    with pytest.raises(partner.exceptions.ResourceNotFoundException) as raised:
        partner.describe_partner_event_source(Name=SOURCE)

    assert error_of(raised) == ("ResourceNotFoundException", f"Event source {SOURCE} does not exist.")


def test_another_partner_cannot_see_the_source(partner: Any) -> None:
    create_source(partner)
    other = client_for(OTHER_PARTNER)

    with pytest.raises(other.exceptions.ResourceNotFoundException):
        other.describe_partner_event_source(Name=SOURCE)
    with pytest.raises(other.exceptions.ResourceNotFoundException):
        other.list_partner_event_source_accounts(EventSourceName=SOURCE)
    assert other.list_partner_event_sources(NamePrefix=PREFIX)["PartnerEventSources"] == []


def test_list_finds_own_sources_by_prefix(partner: Any) -> None:
    for name in (f"{PREFIX}b", f"{PREFIX}a", "aws.partner/other.org/c"):
        create_source(partner, name)

    listed = partner.list_partner_event_sources(NamePrefix=PREFIX)

    assert [source["Name"] for source in listed["PartnerEventSources"]] == [f"{PREFIX}a", f"{PREFIX}b"]
    assert listed["PartnerEventSources"][0]["Arn"] == f"arn:aws:events:us-east-1::event-source/{PREFIX}a"
    assert "NextToken" not in listed


def test_list_pages_with_limit_and_next_token(partner: Any) -> None:
    names = [f"{PREFIX}source-{n}" for n in range(5)]
    for name in names:
        create_source(partner, name)

    first = partner.list_partner_event_sources(NamePrefix=PREFIX, Limit=2)
    second = partner.list_partner_event_sources(NamePrefix=PREFIX, Limit=2, NextToken=first["NextToken"])
    third = partner.list_partner_event_sources(NamePrefix=PREFIX, Limit=2, NextToken=second["NextToken"])

    pages = [first, second, third]
    assert [[source["Name"] for source in page["PartnerEventSources"]] for page in pages] == [
        names[0:2],
        names[2:4],
        names[4:],
    ]
    assert "NextToken" not in third


@pytest.mark.parametrize("token", ["not-a-token", "TGlzdFJ1bGVzOjA="])  # the second: a ListRules token
def test_a_token_it_did_not_hand_out_is_invalid_token(partner: Any, token: str) -> None:
    with pytest.raises(ClientError) as raised:
        partner.list_partner_event_sources(NamePrefix=PREFIX, NextToken=token)

    code, message = error_of(raised)
    assert (code, raised.value.response["ResponseMetadata"]["HTTPStatusCode"]) == ("InvalidToken", 400)
    assert token in message


def test_list_without_name_prefix_is_a_validation_error(raw_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        raw_client.list_partner_event_sources()

    assert error_of(raised) == (
        "ValidationException",
        "1 validation error detected: Value null at 'namePrefix' failed to satisfy constraint: Member must not be null",
    )


def test_list_accounts_gives_state_and_times(partner: Any) -> None:
    with freeze_time("2026-03-01T12:00:00Z"):
        create_source(partner)
        listed = partner.list_partner_event_source_accounts(EventSourceName=SOURCE)["PartnerEventSourceAccounts"]

    created = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)
    assert listed == [
        {
            "Account": CUSTOMER,
            "CreationTime": created,
            "ExpirationTime": created + timedelta(days=7),
            "State": "PENDING",
        }
    ]


def test_list_accounts_of_unknown_source_is_resource_not_found(partner: Any) -> None:
    with pytest.raises(partner.exceptions.ResourceNotFoundException):
        partner.list_partner_event_source_accounts(EventSourceName=SOURCE)


def test_delete_removes_a_source_no_customer_has_associated(partner: Any) -> None:
    create_source(partner)

    partner.delete_partner_event_source(Name=SOURCE, Account=CUSTOMER)

    with pytest.raises(partner.exceptions.ResourceNotFoundException):
        partner.describe_partner_event_source(Name=SOURCE)
    assert publish(partner)["ErrorCode"] == "NotAuthorizedForSourceException"


def test_delete_with_the_wrong_account_is_resource_not_found(partner: Any) -> None:
    create_source(partner)

    with pytest.raises(partner.exceptions.ResourceNotFoundException) as raised:
        partner.delete_partner_event_source(Name=SOURCE, Account=OTHER_CUSTOMER)

    assert error_of(raised)[1] == f"Event source {SOURCE} does not exist for account {OTHER_CUSTOMER}."
    assert partner.describe_partner_event_source(Name=SOURCE)["Name"] == SOURCE


def test_delete_unknown_is_resource_not_found(partner: Any) -> None:
    with pytest.raises(partner.exceptions.ResourceNotFoundException):
        partner.delete_partner_event_source(Name=SOURCE, Account=CUSTOMER)


def test_another_partner_cannot_delete_or_write_the_source(partner: Any) -> None:
    create_source(partner)
    other = client_for(OTHER_PARTNER)

    with pytest.raises(other.exceptions.ResourceNotFoundException):
        other.delete_partner_event_source(Name=SOURCE, Account=CUSTOMER)
    result = publish(other)

    assert result["ErrorCode"] == "NotAuthorizedForSourceException"
    assert partner.describe_partner_event_source(Name=SOURCE)["Name"] == SOURCE


def test_a_customer_key_cannot_use_the_partner_operations_on_the_source(partner: Any, customer: Any) -> None:
    create_source(partner)

    with pytest.raises(customer.exceptions.ResourceNotFoundException):
        customer.describe_partner_event_source(Name=SOURCE)
