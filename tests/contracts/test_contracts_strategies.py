"""Generated events for consumers: every drawn envelope passes the contract's own check."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mock_partner_events.contracts import ContractBook, ContractError, events_for

CASES = json.loads((DATA / "discovered-schemas.json").read_text(encoding="utf-8"))["cases"]
STEP_FUNCTIONS = CASES[0]["expected_content"]
DRAWS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ORDERS: dict[str, Any] = {
    "openapi": "3.0.0",
    "info": {"version": "1.0.0", "title": "OrderCreated"},
    "paths": {},
    "components": {
        "schemas": {
            "AWSEvent": {
                "type": "object",
                "required": ["detail-type", "source", "time", "detail"],
                "x-amazon-events-detail-type": "OrderCreated",
                "x-amazon-events-source": "aws.partner/example.com/1234/orders",
                "properties": {
                    "detail": {"$ref": "#/components/schemas/OrderCreated"},
                    "detail-type": {"type": "string"},
                    "source": {"type": "string"},
                    "time": {"type": "string", "format": "date-time"},
                },
            },
            "OrderCreated": {
                "type": "object",
                "required": ["id", "status", "lines", "total"],
                "properties": {
                    "id": {"type": "string", "pattern": "^o-[0-9]{4}$"},
                    "status": {"type": "string", "enum": ["open", "paid"], "nullable": True},
                    "total": {"type": "number", "minimum": 0, "maximum": 10000},
                    "big": {"type": "integer", "format": "int64"},
                    "customer": {"$ref": "#/components/schemas/Customer", "nullable": True},
                    "lines": {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/LinesItem"}},
                },
            },
            "Customer": {"type": "object", "required": ["email"], "properties": {"email": {"type": "string"}}},
            "LinesItem": {
                "type": "object",
                "required": ["sku", "qty"],
                "properties": {"sku": {"type": "string", "minLength": 1}, "qty": {"type": "integer", "minimum": 1}},
            },
        }
    },
}


def book_of(schema: dict[str, Any]) -> ContractBook:
    book = ContractBook()
    book.add(schema)
    return book


@pytest.mark.parametrize("schema", [STEP_FUNCTIONS, ORDERS], ids=["aws-discovered", "hand-written-openapi"])
def test_drawn_events_conform_and_carry_the_contracts_names(schema: dict[str, Any]) -> None:
    book = book_of(schema)
    envelope_component = schema["components"]["schemas"]["AWSEvent"]

    @DRAWS
    @given(events_for(schema))
    def check(event: dict[str, Any]) -> None:
        assert book.check(event) == []
        assert event["detail-type"] == envelope_component["x-amazon-events-detail-type"]
        assert event["source"] == envelope_component["x-amazon-events-source"]

    check()


def test_the_draft4_form_and_the_names_can_be_overridden() -> None:
    from mock_partner_events.contracts import infer_schema

    draft4 = infer_schema(CASES[0]["events"], "JSONSchemaDraft4")
    book = ContractBook()
    book.add(draft4, detail_type="Renamed")

    @DRAWS
    @given(events_for(draft4, detail_type="Renamed", source="aws.partner/x/1/y"))
    def check(event: dict[str, Any]) -> None:
        assert (event["detail-type"], event["source"]) == ("Renamed", "aws.partner/x/1/y")
        assert book.check(event) == []

    check()


def test_drawn_events_vary() -> None:
    seen: set[str] = set()

    @settings(max_examples=30, deadline=None)
    @given(events_for(ORDERS))
    def collect(event: dict[str, Any]) -> None:
        seen.add(json.dumps(event["detail"]["status"]))

    collect()
    assert seen >= {'"open"', '"paid"', "null"}


def test_a_consumer_test_draws_from_the_strategy_inside_given() -> None:
    @DRAWS
    @given(st.data())
    def consumer(data: Any) -> None:
        event = data.draw(events_for(ORDERS))
        assert event["detail"]["lines"][0]["qty"] >= 1  # what the consumer's code may rely on

    consumer()


def test_a_schema_that_requires_itself_cannot_be_drawn_from() -> None:
    looped = {"type": "object", "required": ["next"], "properties": {"next": {"$ref": "#"}}}
    with pytest.raises(ContractError, match="requires itself"):
        events_for(looped, detail_type="Loop")
