"""ExportSchema translates OpenAPI 3 with the same translation the contracts and discovery's Draft 4 form use."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers import CUSTOMER, make_client

from mock_partner_events import PartnerEventsMock

EVENT = {
    "version": "0",
    "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": "Order Created",
    "source": "aws.partner/example.com/orders",
    "account": CUSTOMER,
    "time": "2024-05-01T12:00:00Z",
    "region": "us-east-1",
    "resources": [],
    "detail": {"orderId": "o-1", "customer": {"id": 7, "tier": None}, "lines": [{"sku": "a"}]},
}


@pytest.fixture
def schemas(mock: PartnerEventsMock) -> Any:
    client = make_client(CUSTOMER, service="schemas")
    client.create_registry(RegistryName="orders")
    return client


def test_a_discovered_schema_exports_as_discovery_gives_its_draft4_form(schemas: Any) -> None:
    events = [json.dumps(EVENT)]
    openapi = schemas.get_discovered_schema(Events=events, Type="OpenApi3")["Content"]
    schemas.create_schema(RegistryName="orders", SchemaName="orders@OrderCreated", Type="OpenApi3", Content=openapi)

    exported = schemas.export_schema(RegistryName="orders", SchemaName="orders@OrderCreated", Type="JSONSchemaDraft4")
    discovered = schemas.get_discovered_schema(Events=events, Type="JSONSchemaDraft4")["Content"]

    assert json.loads(exported["Content"]) == json.loads(discovered)
    assert list(json.loads(exported["Content"])["definitions"]) == ["OrderCreated", "Customer", "LinesItem"]


def test_a_nullable_reference_admits_null_as_the_contracts_read_it(schemas: Any) -> None:
    document = {
        "openapi": "3.0.0",
        "info": {"version": "1.0.0", "title": "OrderCreated"},
        "paths": {},
        "components": {
            "schemas": {
                "AWSEvent": {
                    "type": "object",
                    "properties": {"detail": {"$ref": "#/components/schemas/Detail", "nullable": True}},
                },
                "Detail": {
                    "type": "object",
                    "properties": {"tier": {"type": "string", "enum": ["a"], "nullable": True}},
                },
            }
        },
    }
    schemas.create_schema(RegistryName="orders", SchemaName="s", Type="OpenApi3", Content=json.dumps(document))

    exported = json.loads(
        schemas.export_schema(RegistryName="orders", SchemaName="s", Type="JSONSchemaDraft4")["Content"]
    )

    assert exported["properties"]["detail"] == {"anyOf": [{"$ref": "#/definitions/Detail"}, {"type": "null"}]}
    assert exported["definitions"]["Detail"]["properties"]["tier"] == {"type": ["string", "null"], "enum": ["a", None]}
    assert (exported["$schema"], exported["title"]) == ("http://json-schema.org/draft-04/schema#", "OrderCreated")
