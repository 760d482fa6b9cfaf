"""Contract checks: a partner's events published through boto3 under the mock, checked by a ContractBook that
reads the mock's recorded events (as the engine will wire it), with the failure table naming the field."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import SOURCE, entry

from mock_partner_events import current_mock, mock_partner_events
from mock_partner_events.contracts import ContractBook, ContractError, ContractsUnavailableError, infer_schema

EVENT = {"detail-type": "OrderCreated", "source": SOURCE, "time": "2024-05-01T12:00:00Z"}  # an envelope's head
ORDER = {"id": "o-1", "total": 12.5, "placed": "2024-05-01T12:00:00Z", "lines": [{"sku": "A-1", "qty": 2}]}


def contract_for(detail: dict[str, Any], detail_type: str = "OrderCreated") -> dict[str, Any]:
    """The OpenAPI schema discovery infers from one event of this detail: a partner's contract file."""
    return infer_schema(
        [{"detail-type": detail_type, "source": SOURCE, "time": "2024-05-01T12:00:00Z", "detail": detail}]
    )


@pytest.fixture
def published(client: Any) -> Any:
    """An active mock and a book reading its events; `publish(detail, detail_type)` sends one entry."""
    with mock_partner_events() as mock:
        book = ContractBook(events=lambda: mock.events)

        def publish(detail: Any, detail_type: str = "OrderCreated") -> None:
            client.put_partner_events(Entries=[entry(detail_type, detail=detail)])

        yield book, publish


def test_a_conforming_event_passes(published: Any) -> None:
    book, publish = published
    book.add(contract_for(ORDER))
    publish(ORDER)
    assert book.violations == []
    book.assert_conform()
    assert book.verdict(0).status == "conforms"


def test_a_violating_event_fails_with_a_table_naming_the_field(published: Any) -> None:
    book, publish = published
    book.add(contract_for(ORDER), name="orders-v1.json")
    publish(ORDER)
    publish({**ORDER, "total": "12.50"})
    [violation] = book.violations
    assert (violation.path, violation.message) == ("$.detail.total", 'expected number, got string "12.50"')
    assert violation.event.detail["total"] == "12.50"  # the recorded event
    assert violation.index == 1
    with pytest.raises(AssertionError) as raised:
        book.assert_conform()
    lines = str(raised.value).splitlines()
    assert (
        lines[0]
        == "mock-partner-events: expected every published event to conform; of 2 events, 1 broke their contract."
    )
    assert lines[2] == "Violations (1):"
    assert lines[3].split() == ["#", "source", "detail-type", "path", "problem", "contract"]
    assert lines[4].split()[:4] == ["1", SOURCE, "OrderCreated", "$.detail.total"]
    assert lines[4].endswith('expected number, got string "12.50"  orders-v1.json')
    assert lines[-1].startswith("Event contracts guide: https://")


def test_missing_and_nested_fields_are_named_by_their_path(published: Any) -> None:
    book, publish = published
    book.add(contract_for(ORDER))
    broken = copy.deepcopy(ORDER)
    del broken["id"]
    broken["lines"][0]["qty"] = None
    broken["placed"] = "yesterday"
    publish(broken)
    assert [(v.path, v.message) for v in book.violations] == [
        ("$.detail.id", "required property is missing"),
        ("$.detail.lines[0].qty", "expected number, got null null"),
        ("$.detail.placed", 'expected format date-time, got string "yesterday"'),
    ]


def test_events_without_a_contract_fail_only_with_require(published: Any) -> None:
    book, publish = published
    book.add(contract_for(ORDER))
    publish(ORDER)
    publish({"id": 1}, "InvoicePaid")
    book.assert_conform()
    assert [event.detail_type for event in book.without_contract] == ["InvoicePaid"]
    with pytest.raises(AssertionError) as raised:
        book.assert_conform(require=True)
    text = str(raised.value)
    assert "of 2 events, 1 had no contract." in text
    assert "Without a contract (1):" in text
    assert "1  " + SOURCE + "  InvoicePaid" in text


def test_nothing_published_and_no_contracts_pass() -> None:
    book = ContractBook()
    book.assert_conform(require=True)
    assert len(book) == 0


def test_openapi_nullable_admits_null_and_refs_are_followed() -> None:
    schema = contract_for({"customer": {"email": "a@example.com"}})
    schema["components"]["schemas"]["Customer"]["properties"]["email"]["nullable"] = True
    book = ContractBook()
    book.add(schema)
    event = EVENT
    assert book.check({**event, "detail": {"customer": {"email": None}}}) == []
    [violation] = book.check({**event, "detail": {"customer": {"email": 5}}})
    assert (violation.path, violation.message) == ("$.detail.customer.email", "expected string or null, got integer 5")


def test_int64_format_is_checked() -> None:
    book = ContractBook()
    book.add(contract_for({"big": 2**40}))
    event = EVENT
    [violation] = book.check({**event, "detail": {"big": 2**64}})
    assert violation.message.startswith("expected format int64")


def test_a_draft4_document_and_a_describe_schema_answer_are_contracts_too() -> None:
    draft4 = infer_schema(
        [{"detail-type": "OrderCreated", "source": SOURCE, "detail": {"id": "1"}}], "JSONSchemaDraft4"
    )
    described = {"SchemaName": "orders", "Type": "OpenApi3", "Content": json.dumps(contract_for({"id": "1"}))}
    for schema in (draft4, json.dumps(draft4), described):
        book = ContractBook()
        contract = book.add(schema)
        assert contract.detail_type == "OrderCreated"
        assert contract.source == SOURCE
        [violation] = book.check({**EVENT, "detail": {"id": 1}})
        assert violation.path == "$.detail.id"


def test_source_narrows_a_contract_and_detail_type_can_be_given() -> None:
    book = ContractBook()
    book.add({"type": "object", "required": ["detail"]}, detail_type="OrderCreated", source="other")
    assert book.check({"detail-type": "OrderCreated", "source": SOURCE}) == []  # another source: no contract
    book.add({"type": "object", "required": ["detail"]}, detail_type="OrderCreated")
    assert [v.path for v in book.check({"detail-type": "OrderCreated", "source": SOURCE})] == ["$.detail"]


def test_a_schema_without_a_detail_type_asks_for_one() -> None:
    with pytest.raises(ContractError, match=r"names no detail-type .* pass add\(schema, detail_type="):
        ContractBook().add({"type": "object"})


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        ("{not json", "the schema is not valid JSON"),
        ("[]", "is a JSON list, expected a JSON object"),
        ({"openapi": "3.0.0", "components": {}}, "without components.schemas"),
        ({"openapi": "3.0.0", "components": {"schemas": {"A": {}, "B": {}}}}, "no AWSEvent component"),
        ({"type": 5, "x-amazon-events-detail-type": "X"}, "is not a valid schema"),
    ],
)
def test_unusable_schemas_are_refused_with_the_reason(schema: Any, message: str) -> None:
    with pytest.raises(ContractError, match=r"^mock-partner-events: ") as raised:
        ContractBook().add(schema)
    assert message in str(raised.value)


def test_load_reads_a_file_or_every_json_file_under_a_folder(tmp_path: Path) -> None:
    (tmp_path / "orders.json").write_text(json.dumps(contract_for(ORDER)))
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "invoices.json").write_text(json.dumps(contract_for({"n": 1}, "InvoicePaid")))
    (tmp_path / "notes.txt").write_text("not a schema")
    book = ContractBook()
    assert [c.detail_type for c in book.load(tmp_path)] == ["InvoicePaid", "OrderCreated"]
    assert [c.name for c in book] == [str(tmp_path / "nested" / "invoices.json"), str(tmp_path / "orders.json")]
    assert [c.detail_type for c in ContractBook().load(str(tmp_path / "orders.json"))] == ["OrderCreated"]


def test_load_errors_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{")
    with pytest.raises(ContractError, match=r"broken\.json is not valid JSON"):
        ContractBook().load(tmp_path)
    with pytest.raises(ContractError, match="no contract file or folder at"):
        ContractBook().load(tmp_path / "missing.json")
    (tmp_path / "broken.json").unlink()
    with pytest.raises(ContractError, match=r"holds no \.json files"):
        ContractBook().load(tmp_path)


def test_checks_are_lazy_and_events_of_one_shape_are_checked_once(published: Any, monkeypatch: Any) -> None:
    book, publish = published
    contract = book.add(contract_for(ORDER))
    calls: list[Any] = []
    original = contract.compiled.findings
    monkeypatch.setattr(contract.compiled, "findings", lambda envelope: calls.append(1) or original(envelope))
    for _ in range(5):
        publish(ORDER)
    publish({**ORDER, "total": "x"})
    assert calls == []  # publishing did no contract work
    assert len(book.violations) == 1
    assert len(calls) == 2  # one check per distinct shape
    assert len(book.violations) == 1
    assert len(calls) == 2  # and never twice


def test_a_contract_added_later_rechecks_the_events(published: Any) -> None:
    book, publish = published
    publish({**ORDER, "total": "x"})
    assert book.verdict(0).status == "no contract"
    book.add(contract_for(ORDER))
    assert book.verdict(0).status == "violates"


def test_observe_is_the_push_alternative_and_reset_forgets_events() -> None:
    book = ContractBook()
    book.add(contract_for({"id": "1"}))
    book.observe({**EVENT, "detail": {"id": 2}})
    assert [v.path for v in book.violations] == ["$.detail.id"]
    book.reset()
    assert book.violations == []
    assert len(book) == 1
    book.clear()
    assert len(book) == 0


def test_without_the_extra_adding_a_contract_says_how_to_install_it(monkeypatch: Any) -> None:
    monkeypatch.setitem(sys.modules, "jsonschema", None)
    with pytest.raises(ContractsUnavailableError, match=r"pip install 'mock-partner-events\[contracts\]'"):
        ContractBook().add(contract_for(ORDER))


def test_importing_the_contracts_module_loads_no_schema_library() -> None:
    import subprocess

    code = (
        "import sys, mock_partner_events.contracts; "
        "print([name for name in ('jsonschema', 'hypothesis', 'botocore') if name in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_field_named_like_a_schema_keyword_is_still_checked() -> None:
    book = ContractBook()
    book.add(contract_for({"definitions": {"a": "1"}, "properties": "x", "$ref": "y"}))
    assert book.check({**EVENT, "detail": {"definitions": {"a": "1"}, "properties": "x", "$ref": "y"}}) == []
    assert [
        v.path for v in book.check({**EVENT, "detail": {"definitions": {"a": 1}, "properties": "x", "$ref": "y"}})
    ] == ["$.detail.definitions.a"]


def test_more_than_twenty_violations_show_the_first_twenty() -> None:
    book = ContractBook()
    book.add(contract_for({f"f{n:02}": "x" for n in range(25)}))
    book.observe({**EVENT, "detail": {}})
    text = book.report() or ""
    assert "Violations (25), the first 20 shown:" in text
    assert "$.detail.f19" in text
    assert "$.detail.f20" not in text


def test_the_book_notices_that_the_mock_forgot_its_records(published: Any) -> None:
    book, publish = published
    book.add(contract_for(ORDER))
    publish({**ORDER, "total": "x"})
    assert len(book.violations) == 1
    current_mock().reset()
    publish(ORDER)
    publish(ORDER)
    assert book.violations == []
    assert [verdict.status for verdict in book.verdicts()] == ["conforms", "conforms"]
