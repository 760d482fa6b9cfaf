"""Schemas and their versions through boto3's `schemas` client: versions, listing, search, export, errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time
from helpers import CUSTOMER, REGION, error_of, make_client

from mock_partner_events import PartnerEventsMock

NAME = "com.example@OrderCreated"
ARN = f"arn:aws:schemas:{REGION}:{CUSTOMER}:schema/orders/{NAME}"


def openapi(*fields: str, nullable: str | None = None) -> str:
    properties: dict[str, Any] = {field: {"type": "string"} for field in fields}
    if nullable:
        properties[nullable] = {"type": "string", "nullable": True}
    return json.dumps(
        {
            "openapi": "3.0.0",
            "info": {"version": "1.0.0", "title": "OrderCreated"},
            "paths": {},
            "components": {
                "schemas": {
                    "AWSEvent": {"type": "object", "properties": {"detail": {"$ref": "#/components/schemas/Detail"}}},
                    "Detail": {"type": "object", "required": list(fields), "properties": properties},
                }
            },
        }
    )


@pytest.fixture
def schemas(mock: PartnerEventsMock) -> Any:
    client = make_client(CUSTOMER, service="schemas")
    client.create_registry(RegistryName="orders")
    return client


def failure(call: Callable[[], Any]) -> tuple[str, int]:
    with pytest.raises(ClientError) as raised:
        call()
    return error_of(raised)[0], raised.value.response["ResponseMetadata"]["HTTPStatusCode"]


def create(schemas: Any, content: str | None = None, **params: Any) -> dict[str, Any]:
    answer: dict[str, Any] = schemas.create_schema(
        RegistryName="orders", SchemaName=NAME, Type="OpenApi3", Content=content or openapi("id"), **params
    )
    return answer


def test_a_new_schema_is_version_1_stamped_by_the_mocks_clock(mock: PartnerEventsMock, schemas: Any) -> None:
    with freeze_time("2030-01-02T03:04:05.250Z"):
        created = create(schemas, Description="orders", Tags={"team": "a"})
    described = schemas.describe_schema(RegistryName="orders", SchemaName=NAME)

    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert (created["SchemaArn"], created["SchemaVersion"], created["Type"]) == (ARN, "1", "OpenApi3")
    assert (
        created["VersionCreatedDate"] == created["LastModified"] == datetime(2030, 1, 2, 3, 4, 5, 250000, timezone.utc)
    )
    assert described["Content"] == openapi("id")
    assert (described["Description"], described["Tags"]) == ("orders", {"team": "a"})


def test_an_update_with_new_content_makes_a_version_and_the_same_content_none(schemas: Any) -> None:
    create(schemas)

    second = schemas.update_schema(RegistryName="orders", SchemaName=NAME, Content=openapi("id", "total"))
    same = schemas.update_schema(RegistryName="orders", SchemaName=NAME, Content=openapi("id", "total"))
    described = schemas.update_schema(RegistryName="orders", SchemaName=NAME, Description="now described")

    assert (second["SchemaVersion"], same["SchemaVersion"], described["SchemaVersion"]) == ("2", "2", "2")
    assert described["Description"] == "now described"
    first = schemas.describe_schema(RegistryName="orders", SchemaName=NAME, SchemaVersion="1")
    latest = schemas.describe_schema(RegistryName="orders", SchemaName=NAME)
    assert (first["Content"], latest["Content"]) == (openapi("id"), openapi("id", "total"))
    versions = schemas.list_schema_versions(RegistryName="orders", SchemaName=NAME)["SchemaVersions"]
    assert [(version["SchemaVersion"], version["SchemaArn"]) for version in versions] == [("1", ARN), ("2", ARN)]


def test_list_schemas_counts_versions_and_filters_by_prefix(schemas: Any) -> None:
    create(schemas)
    schemas.update_schema(RegistryName="orders", SchemaName=NAME, Content=openapi("id", "total"))
    schemas.create_schema(RegistryName="orders", SchemaName="other", Type="OpenApi3", Content=openapi("x"))

    listed = schemas.list_schemas(RegistryName="orders", SchemaNamePrefix="com.")["Schemas"]

    assert [(schema["SchemaName"], schema["VersionCount"], schema["SchemaArn"]) for schema in listed] == [
        (NAME, 2, ARN)
    ]
    assert len(schemas.list_schemas(RegistryName="orders")["Schemas"]) == 2


def test_deleting_versions_and_schemas(schemas: Any) -> None:
    create(schemas)
    schemas.update_schema(RegistryName="orders", SchemaName=NAME, Content=openapi("id", "total"))

    deleted = schemas.delete_schema_version(RegistryName="orders", SchemaName=NAME, SchemaVersion="1")
    versions = schemas.list_schema_versions(RegistryName="orders", SchemaName=NAME)["SchemaVersions"]
    schemas.delete_schema(RegistryName="orders", SchemaName=NAME)

    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert [version["SchemaVersion"] for version in versions] == ["2"]
    assert failure(lambda: schemas.describe_schema(RegistryName="orders", SchemaName=NAME)) == (
        "NotFoundException",
        404,
    )


def test_search_finds_schemas_by_name_or_content(schemas: Any) -> None:
    create(schemas)
    schemas.create_schema(RegistryName="orders", SchemaName="refunds", Type="OpenApi3", Content=openapi("amount"))

    def found(keywords: str) -> list[tuple[str, list[str]]]:
        answer = schemas.search_schemas(RegistryName="orders", Keywords=keywords)["Schemas"]
        return [(one["SchemaName"], [version["SchemaVersion"] for version in one["SchemaVersions"]]) for one in answer]

    assert found("COM.EXAMPLE") == [(NAME, ["1"])]
    assert found("AMOUNT") == [("refunds", ["1"])]
    assert found("nothing-like-this") == []


def test_export_gives_the_json_schema_of_the_event(schemas: Any) -> None:
    create(schemas, openapi("id", nullable="note"))

    exported = schemas.export_schema(RegistryName="orders", SchemaName=NAME, Type="JSONSchemaDraft4")
    document = json.loads(exported["Content"])

    assert (exported["Type"], exported["SchemaVersion"], exported["SchemaArn"]) == ("JSONSchemaDraft4", "1", ARN)
    assert document["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert document["properties"]["detail"] == {"$ref": "#/definitions/Detail"}
    assert document["definitions"]["Detail"]["properties"]["note"] == {"type": ["string", "null"]}
    assert failure(lambda: schemas.export_schema(RegistryName="orders", SchemaName=NAME, Type="OpenApi3")) == (
        "BadRequestException",
        400,
    )


def test_schema_errors_carry_the_codes_and_statuses_of_the_model(schemas: Any) -> None:
    raw = make_client(CUSTOMER, service="schemas", parameter_validation=False)
    create(schemas)

    def make(**params: Any) -> Callable[[], Any]:
        sent = {"RegistryName": "orders", "SchemaName": "new", "Type": "OpenApi3", "Content": openapi("id"), **params}
        return lambda: raw.create_schema(**sent)

    assert failure(make(SchemaName=NAME)) == ("ConflictException", 409)
    assert failure(make(RegistryName="missing")) == ("NotFoundException", 404)
    assert failure(make(RegistryName="aws.events")) == ("ForbiddenException", 403)
    assert failure(make(Type="Avro")) == ("BadRequestException", 400)
    assert failure(make(Content="")) == ("BadRequestException", 400)
    assert failure(make(Content="x" * 100_001)) == ("BadRequestException", 400)
    assert failure(make(Content="not json")) == ("BadRequestException", 400)
    assert failure(make(Description="d" * 257)) == ("BadRequestException", 400)
    assert failure(lambda: raw.describe_schema(RegistryName="orders", SchemaName=NAME, SchemaVersion="9")) == (
        "NotFoundException",
        404,
    )


def test_a_validation_message_names_every_broken_member(schemas: Any) -> None:
    raw = make_client(CUSTOMER, service="schemas", parameter_validation=False)

    with pytest.raises(ClientError) as raised:
        raw.create_schema(RegistryName="orders", SchemaName="new", Type="Avro", Content="")

    assert error_of(raised) == (
        "BadRequestException",
        "2 validation errors detected: "
        "Value '' at 'Content' failed to satisfy constraint: Member must have length greater than or equal to 1; "
        "Value 'Avro' at 'Type' failed to satisfy constraint: Member must satisfy enum value set: "
        "[OpenApi3, JSONSchemaDraft4]",
    )


def test_tags_on_schemas(schemas: Any) -> None:
    create(schemas, Tags={"team": "a"})

    schemas.tag_resource(ResourceArn=ARN, Tags={"cost": "b"})

    assert schemas.list_tags_for_resource(ResourceArn=ARN)["Tags"] == {"team": "a", "cost": "b"}
    assert schemas.list_schemas(RegistryName="orders")["Schemas"][0]["Tags"] == {"team": "a", "cost": "b"}
