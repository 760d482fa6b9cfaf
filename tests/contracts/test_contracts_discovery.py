"""AWS's schema discovery: every AWS-produced example exactly, Java's HashSet order, and each modelled choice."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers import DATA, SOURCE, entry

from mock_partner_events import mock_partner_events
from mock_partner_events._contracts.javaset import discovery_required_order, hash_set_order, java_string_hash
from mock_partner_events.contracts import discovered_schema, infer_schema, schema_name

CASES = json.loads((DATA / "discovered-schemas.json").read_text(encoding="utf-8"))["cases"]


def keys_in_order(value: Any) -> Any:
    """The document with every object as a list of (key, value) pairs: equal only when key order is equal too."""
    if isinstance(value, dict):
        return [(key, keys_in_order(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [keys_in_order(item) for item in value]
    return value


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_every_aws_example_is_reproduced_exactly(case: dict[str, Any]) -> None:
    content = infer_schema(case["events"], case["type"])
    assert content == case["expected_content"]
    assert keys_in_order(content) == keys_in_order(case["expected_content"])
    assert json.loads(json.dumps(content)) == case["expected_content"]


# -- Java's HashSet ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", 0), ("a", 97), ("hello", 99162322), ("polygenelubricants", -(2**31)), ("Aa", 2112), ("BB", 2112)],
)
def test_string_hash_is_javas(text: str, expected: int) -> None:
    assert java_string_hash(text) == expected


def test_string_hash_counts_utf16_code_units() -> None:
    # U+1F600 is the surrogate pair D83D DE00 in Java: 0xD83D * 31 + 0xDE00
    assert java_string_hash("\U0001f600") == 0xD83D * 31 + 0xDE00


def test_colliding_keys_keep_insertion_order_in_their_bucket() -> None:
    assert hash_set_order(["BB", "Aa"]) == ["BB", "Aa"]
    assert discovery_required_order(["BB", "Aa"]) == ["Aa", "BB"]  # inserted alphabetically


def test_single_letters_iterate_by_bucket_index() -> None:
    # "a".."p" hash to 97..112: buckets 1..15 then 0 in a 16-bucket table
    letters = [chr(code) for code in range(ord("a"), ord("a") + 12)]
    assert hash_set_order(reversed(letters)) == letters
    assert hash_set_order(["p", "a"]) == ["p", "a"]  # 112 & 15 == 0 comes first


def test_the_table_doubles_past_three_quarters() -> None:
    # 12 keys fit 16 buckets ("q" = 113 lands in bucket 1 after "a"); the 13th doubles it to 32 ("q" to bucket 17)
    twelve = ["a", "q", *"bcdefghijk"]
    assert hash_set_order(twelve)[:2] == ["a", "q"]
    thirteen = [*twelve, "l"]
    order = hash_set_order(thirteen)
    assert order.index("q") > order.index("l")


def test_the_aws_required_lists() -> None:
    envelope = ["account", "detail", "detail-type", "id", "region", "resources", "source", "time", "version"]
    assert discovery_required_order(reversed(envelope)) == [
        "detail-type", "resources", "detail", "id", "source", "time", "region", "version", "account",
    ]  # fmt: skip


# -- the confirmed rules on new inputs -----------------------------------------------------------------------


def envelope(detail: dict[str, Any], detail_type: str = "Order Created", **fields: Any) -> dict[str, Any]:
    return {
        "version": "0",
        "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
        "detail-type": detail_type,
        "source": "aws.partner/example.com/1234/orders",
        "account": "111122223333",
        "time": "2024-05-01T12:00:00Z",
        "region": "us-east-1",
        "resources": [],
        "detail": detail,
        **fields,
    }


def components(content: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = content["components"]["schemas"]
    return result


def test_title_and_schema_name_drop_non_alphanumerics_and_upper_case_the_first_letter() -> None:
    content = infer_schema([envelope({"id": "1"}, detail_type="userCreated.v2 (beta)")])
    assert content["info"]["title"] == "UserCreatedv2beta"
    assert components(content)["AWSEvent"]["x-amazon-events-detail-type"] == "userCreated.v2 (beta)"
    assert schema_name("aws.partner/example.com/1234/orders", "userCreated") == (
        "aws.partner/example.com/1234/orders@UserCreated"
    )


def test_nested_objects_become_components_after_the_details_depth_first() -> None:
    detail = {"zeta": {"inner": {"x": "1"}}, "alpha": {"y": "2"}}
    content = infer_schema([envelope(detail)])
    assert list(components(content)) == ["AWSEvent", "OrderCreated", "Alpha", "Zeta", "Inner"]
    assert components(content)["OrderCreated"]["properties"]["zeta"] == {"$ref": "#/components/schemas/Zeta"}
    assert components(content)["Zeta"] == {
        "type": "object",
        "required": ["inner"],
        "properties": {"inner": {"$ref": "#/components/schemas/Inner"}},
    }


def test_empty_resources_have_object_items_and_a_non_iso_date_stays_a_string() -> None:
    content = infer_schema([envelope({"when": "25/08/2023 04:59:40"})])
    assert components(content)["AWSEvent"]["properties"]["resources"] == {"type": "array", "items": {"type": "object"}}
    assert components(content)["OrderCreated"]["properties"]["when"] == {"type": "string"}


# -- modelled choices (choices.py): a recorded AWS example may correct them ----------------------------------


def detail_property(value: Any) -> Any:
    return components(infer_schema([envelope({"field": value})]))["OrderCreated"]["properties"]["field"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (7, {"type": "number"}),
        (2**31 - 1, {"type": "number"}),
        (2**31, {"type": "integer", "format": "int64"}),
        (-(2**31) - 1, {"type": "integer", "format": "int64"}),
        (1.5, {"type": "number"}),
        (True, {"type": "boolean"}),
        ("2024-05-01T12:00:00.123+02:00", {"type": "string", "format": "date-time"}),
        ("2024-05-01", {"type": "string"}),
        (None, {}),
        ([1, 2.5], {"type": "array", "items": {"type": "number"}}),
        (["a", 1], {"type": "array", "items": {}}),
    ],
)
def test_modelled_scalar_choices(value: Any, expected: Any) -> None:
    assert detail_property(value) == expected


def test_arrays_of_objects_get_an_item_component() -> None:
    content = infer_schema([envelope({"lines": [{"sku": "a"}, {"sku": "b", "qty": 2}]})])
    assert components(content)["OrderCreated"]["properties"]["lines"] == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/LinesItem"},
    }
    assert components(content)["LinesItem"]["required"] == ["sku"]  # qty is in one item only
    assert list(components(content)["LinesItem"]["properties"]) == ["qty", "sku"]


def test_several_events_unite_their_keys_and_require_what_every_event_had() -> None:
    content = infer_schema([envelope({"id": "1", "total": 5}), envelope({"id": "2", "note": "x", "total": 2**40})])
    detail = components(content)["OrderCreated"]
    assert detail["required"] == ["total", "id"]  # HashSet order; "note" was missing from one event
    assert detail["properties"] == {
        "id": {"type": "string"},
        "note": {"type": "string"},
        "total": {"type": "number"},
    }


def test_empty_detail_has_no_required_list() -> None:
    assert components(infer_schema([envelope({})]))["OrderCreated"] == {"type": "object", "properties": {}}


def test_input_that_is_not_an_envelope_is_a_generic_event() -> None:
    content = infer_schema(['{"order": {"id": 1}, "ok": true}'])
    assert content["info"]["title"] == "Event"
    assert list(components(content)) == ["Event", "Order"]


def test_the_draft4_form() -> None:
    content = infer_schema([envelope({"order": {"id": "1"}})], "JSONSchemaDraft4")
    assert list(content)[:2] == ["$schema", "title"]
    assert content["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert content["x-amazon-events-source"] == "aws.partner/example.com/1234/orders"
    assert content["properties"]["detail"] == {"$ref": "#/definitions/OrderCreated"}
    assert list(content["definitions"]) == ["OrderCreated", "Order"]
    assert content["definitions"]["OrderCreated"]["properties"]["order"] == {"$ref": "#/definitions/Order"}
    assert list(content)[-1] == "definitions"


@pytest.mark.parametrize(
    ("events", "kind", "message"),
    [
        ([], "OpenApi3", "at least one event"),
        (["{not json"], "OpenApi3", "event 0 is not valid JSON"),
        (["[1, 2]"], "OpenApi3", "event 0 is a JSON list, expected a JSON object"),
        (["{}"], "Avro", "schema type must be one of OpenApi3, JSONSchemaDraft4"),
    ],
)
def test_bad_input_says_what_was_expected(events: list[str], kind: Any, message: str) -> None:
    with pytest.raises(ValueError, match=r"^mock-partner-events: ") as raised:
        infer_schema(events, kind)
    assert message in str(raised.value)


# -- from the events a test published ------------------------------------------------------------------------


def test_discovered_schema_from_events_published_through_boto3(client: Any) -> None:
    with mock_partner_events() as mock:
        client.put_partner_events(
            Entries=[
                entry(detail={"id": "o-1", "total": 2**40}),
                entry(detail={"id": "o-2", "total": 3, "note": None}),
                entry("InvoicePaid", detail={"n": 1}),
            ]
        )
        content = discovered_schema(mock.events, source=SOURCE, detail_type="OrderCreated")
        draft4 = discovered_schema(mock.events, source=SOURCE, detail_type="OrderCreated", type="JSONSchemaDraft4")
        with pytest.raises(LookupError) as raised:
            discovered_schema(mock.events, source=SOURCE, detail_type="OrderShipped")
    assert components(content)["AWSEvent"]["x-amazon-events-source"] == SOURCE
    assert components(content)["AWSEvent"]["required"] == [
        "detail-type", "resources", "detail", "id", "source", "time", "region", "version", "account",
    ]  # fmt: skip
    assert components(content)["OrderCreated"] == {
        "type": "object",
        "required": ["total", "id"],
        "properties": {"id": {"type": "string"}, "note": {}, "total": {"type": "number"}},
    }
    assert draft4["definitions"]["OrderCreated"] == components(content)["OrderCreated"]
    assert str(raised.value) == (
        f"mock-partner-events: no published event has source {SOURCE!r} and detail-type 'OrderShipped', so there is "
        f"nothing to discover a schema from. Published (source / detail-type): {SOURCE} / InvoicePaid, "
        f"{SOURCE} / OrderCreated."
    )
