"""The Schemas API's input check: botocore's model rules, compiled by the same compiler as EventBridge's, answered
as one BadRequestException (400) in Coral's wording, each member named as the wire names it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import CUSTOMER, error_of, make_client

from mock_partner_events import PartnerEventsMock


@pytest.fixture
def raw(mock: PartnerEventsMock) -> Any:
    """A client that sends what it is given: botocore's own parameter validation is off."""
    client = make_client(CUSTOMER, service="schemas", parameter_validation=False)
    client.create_registry(RegistryName="orders")
    return client


def refused(call: Callable[[], Any]) -> tuple[str, int, str]:
    with pytest.raises(ClientError) as raised:
        call()
    code, message = error_of(raised)
    return code, raised.value.response["ResponseMetadata"]["HTTPStatusCode"], message


def test_a_body_member_is_named_as_the_body_carries_it(raw: Any) -> None:
    answer = refused(lambda: raw.create_registry(RegistryName="other", Description="d" * 257))

    assert answer == (
        "BadRequestException",
        400,
        f"1 validation error detected: Value '{'d' * 257}' at 'Description' failed to satisfy constraint: "
        "Member must have length less than or equal to 256",
    )


def test_a_missing_query_member_is_named_as_the_query_carries_it(raw: Any) -> None:
    raw.create_schema(RegistryName="orders", SchemaName="s", Type="JSONSchemaDraft4", Content="{}")

    answer = refused(lambda: raw.export_schema(RegistryName="orders", SchemaName="s"))

    assert answer == (
        "BadRequestException",
        400,
        "1 validation error detected: Value null at 'type' failed to satisfy constraint: Member must not be null",
    )


def test_a_list_item_is_named_by_its_position(raw: Any) -> None:
    code, status, message = refused(lambda: raw.get_discovered_schema(Events=["{}", ""], Type="OpenApi3"))

    assert (code, status) == ("BadRequestException", 400)
    assert message == (
        "1 validation error detected: Value '' at 'Events.2.member' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1"
    )


def test_a_wrong_json_type_is_a_bad_request_not_a_serialization_error(raw: Any) -> None:
    answer = refused(lambda: raw.create_discoverer(SourceArn="arn:aws:events:us-east-1:1:event-bus/b", CrossAccount=1))

    assert answer == ("BadRequestException", 400, "NUMBER_VALUE cannot be converted to Boolean")


def test_lengths_count_utf16_code_units_as_aws_does(raw: Any) -> None:
    """256 emoji are 512 UTF-16 code units: too long for a Description of at most 256."""
    code, status, message = refused(lambda: raw.create_registry(RegistryName="other", Description="😀" * 256))

    assert (code, status) == ("BadRequestException", 400)
    assert message.endswith(
        "at 'Description' failed to satisfy constraint: Member must have length less than or equal to 256"
    )


def test_content_that_is_not_a_json_object_is_refused_as_the_contracts_refuse_it(raw: Any) -> None:
    answer = refused(lambda: raw.create_schema(RegistryName="orders", SchemaName="s", Type="OpenApi3", Content="[1]"))

    assert answer == (
        "BadRequestException",
        400,
        "Content is a JSON list, expected a JSON object (an OpenAPI 3 or JSON Schema Draft 4 document).",
    )
