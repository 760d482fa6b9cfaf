"""Contract diff: each kind of change and whether it breaks consumers; `contracts diff` on the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import clean_env

from mock_partner_events.contracts import COMPATIBILITY, diff, infer_schema

SOURCE = "aws.partner/example.com/1234/orders"


def schema(detail: dict[str, Any], *more: dict[str, Any], detail_type: str = "OrderCreated") -> dict[str, Any]:
    """The discovered schema of events with these details (keys missing from some event are optional)."""
    return infer_schema([{"detail-type": detail_type, "source": SOURCE, "detail": d} for d in (detail, *more)])


def changes(old: Any, new: Any) -> list[tuple[str, str, bool]]:
    return [(change.path, change.kind, change.breaking) for change in diff(old, new)]


def test_the_same_schema_has_no_changes() -> None:
    assert diff(schema({"id": "1"}), schema({"id": "2"})) == []
    assert COMPATIBILITY == "FULL"


def test_a_new_optional_field_is_compatible() -> None:
    old = schema({"id": "1"})
    assert changes(old, schema({"id": "1"}, {"id": "2", "note": "x"})) == [("$.detail.note", "property-added", False)]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ({"id": "1", "total": 1.5}, {"id": "1"}, [("$.detail.total", "property-removed", True)]),
        ({"id": "1"}, {"id": "1", "total": 1.5}, [("$.detail.total", "required-property-added", True)]),
        ({"total": 1.5}, {"total": "1.5"}, [("$.detail.total", "property-type-changed", True)]),
        ({"at": "2024-05-01T12:00:00Z"}, {"at": "May 1st"}, [("$.detail.at", "format-removed", True)]),
        ({"at": "May 1st"}, {"at": "2024-05-01T12:00:00Z"}, [("$.detail.at", "format-added", True)]),
        (
            {"lines": [{"sku": "a"}]},
            {"lines": [{"sku": 1}]},
            [("$.detail.lines[*].sku", "property-type-changed", True)],
        ),
        ({"customer": {"id": "c"}}, {"customer": {}}, [("$.detail.customer.id", "property-removed", True)]),
    ],
)
def test_breaking_changes(old: dict[str, Any], new: dict[str, Any], expected: list[Any]) -> None:
    assert changes(schema(old), schema(new)) == expected


def test_a_field_that_became_optional_or_required() -> None:
    always, sometimes = schema({"id": "1", "note": "x"}), schema({"id": "1", "note": "x"}, {"id": "2"})
    assert changes(always, sometimes) == [("$.detail.note", "property-became-optional", True)]
    assert changes(sometimes, always) == [("$.detail.note", "property-became-required", True)]


def openapi_with(property_schema: dict[str, Any]) -> dict[str, Any]:
    document = schema({"status": "open"})
    document["components"]["schemas"]["OrderCreated"]["properties"]["status"] = property_schema
    return document


def test_nullable_format_and_enum_changes() -> None:
    plain = openapi_with({"type": "string"})
    assert changes(plain, openapi_with({"type": "string", "nullable": True})) == [
        ("$.detail.status", "property-became-nullable", True)
    ]
    assert changes(openapi_with({"type": "string", "nullable": True}), plain) == [
        ("$.detail.status", "property-became-non-nullable", True)
    ]
    assert changes(
        openapi_with({"type": "string", "format": "date"}), openapi_with({"type": "string", "format": "date-time"})
    ) == [("$.detail.status", "format-changed", True)]
    two, three = (
        openapi_with({"type": "string", "enum": ["open", "paid"]}),
        openapi_with({"type": "string", "enum": ["open", "paid", "void"]}),
    )
    assert changes(two, three) == [("$.detail.status", "enum-value-added", True)]
    assert changes(three, two) == [("$.detail.status", "enum-value-removed", True)]


def test_detail_type_change_and_message_say_who_breaks() -> None:
    [change] = diff(schema({"id": "1"}), schema({"id": "1"}, detail_type="OrderPlaced"))
    assert (change.path, change.kind) == ("$['detail-type']", "detail-type-changed")
    # the detail component is renamed too, but compared through its $ref, so nothing else is reported
    [removed] = diff(schema({"id": "1", "total": 1}), schema({"id": "1"}))
    assert removed.message == (
        "property 'total' removed (breaks consumers built on the old schema, reading new events)"
    )


def test_an_openapi_schema_and_its_draft4_form_compare_equal() -> None:
    events = [{"detail-type": "OrderCreated", "source": SOURCE, "detail": {"a": {"b": [1]}}}]
    assert diff(infer_schema(events), infer_schema(events, "JSONSchemaDraft4")) == []


def test_a_property_added_to_a_closed_object_breaks_old_readers() -> None:
    old = {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": False}
    new = {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}}
    assert changes(old, new) == [("$.b", "property-added-to-closed-object", True)]


# -- the command line ----------------------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mock_partner_events", "contracts", "diff", *args],
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=60,
    )


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    paths = {}
    for name, document in {
        "v1": schema({"id": "1", "total": 1.5}),
        "v1-note": schema({"id": "1", "total": 1.5}, {"id": "2", "total": 2.5, "note": "x"}),
        "v2": schema({"id": "1"}),
    }.items():
        (tmp_path / f"{name}.json").write_text(json.dumps(document))
        paths[name] = str(tmp_path / f"{name}.json")
    (tmp_path / "bad.json").write_text("{")
    paths["bad"] = str(tmp_path / "bad.json")
    return paths


def test_cli_exits_1_on_a_breaking_change_and_prints_a_table(files: dict[str, str]) -> None:
    result = run_cli(files["v1"], files["v2"])
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"mock-partner-events: 1 change(s) from {files['v1']} to {files['v2']}, 1 breaking")
    assert lines[2].split()[:3] == ["BREAKING", "property-removed", "$.detail.total"]


def test_cli_exits_0_on_compatible_changes_and_speaks_json(files: dict[str, str]) -> None:
    result = run_cli(files["v1"], files["v1-note"], "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "compatibility": "FULL",
        "breaking": False,
        "changes": [
            {
                "path": "$.detail.note",
                "kind": "property-added",
                "breaking": False,
                "message": "optional property 'note' added",
            }
        ],
    }
    same = run_cli(files["v1"], files["v1"])
    assert (same.returncode, same.stdout) == (
        0,
        f"mock-partner-events: no changes from {files['v1']} to {files['v1']}.\n",
    )


def test_cli_exits_2_on_bad_input_naming_the_file(files: dict[str, str]) -> None:
    result = run_cli(files["v1"], files["bad"])
    assert result.returncode == 2
    assert result.stderr.startswith(f"mock-partner-events: {files['bad']} is not valid JSON")
    missing = run_cli(files["v1"], files["v1"] + ".missing")
    assert missing.returncode == 2
    assert "cannot read the contract file" in missing.stderr
    assert ".missing" in missing.stderr
