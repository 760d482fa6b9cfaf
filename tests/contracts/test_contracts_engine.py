"""Event contracts wired into the mock, as a partner uses them: a contract file the partner keeps (an OpenAPI 3
document as DescribeSchema returns it, or a JSON Schema Draft 4 one), events published through boto3, and
`mock.assert_contracts()` / the fixture's teardown failing with a table that names the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import BUS_ARN, CUSTOMER, PARTNER, SOURCE, entry, make_client, pytester_runner

from mock_partner_events import PartnerEventsMock, mock_partner_events
from mock_partner_events.contracts import ContractError

ORDER = {"id": "o-1", "total": 12.5}

OPENAPI_CONTRACT: dict[str, Any] = {
    "openapi": "3.0.0",
    "info": {"version": "1.0.0", "title": "OrderCreated"},
    "paths": {},
    "components": {
        "schemas": {
            "AWSEvent": {
                "type": "object",
                "required": ["detail-type", "resources", "detail", "id", "source", "time", "region", "version"],
                "x-amazon-events-detail-type": "OrderCreated",
                "x-amazon-events-source": SOURCE,
                "properties": {
                    "detail": {"$ref": "#/components/schemas/OrderCreated"},
                    "account": {"type": "string"},
                    "detail-type": {"type": "string"},
                    "id": {"type": "string"},
                    "region": {"type": "string"},
                    "resources": {"type": "array", "items": {"type": "string"}},
                    "source": {"type": "string"},
                    "time": {"type": "string", "format": "date-time"},
                    "version": {"type": "string"},
                },
            },
            "OrderCreated": {
                "type": "object",
                "required": ["total", "id"],
                "properties": {"id": {"type": "string"}, "total": {"type": "number"}},
            },
        }
    },
}

DRAFT4_CONTRACT: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "title": "OrderShipped",
    "type": "object",
    "x-amazon-events-detail-type": "OrderShipped",
    "x-amazon-events-source": SOURCE,
    "required": ["detail", "detail-type", "source"],
    "properties": {
        "detail-type": {"type": "string"},
        "source": {"type": "string"},
        "detail": {
            "type": "object",
            "required": ["id", "carrier"],
            "properties": {"id": {"type": "string"}, "carrier": {"type": "string", "enum": ["UPS", "DHL"]}},
        },
    },
}


def write(folder: Path, name: str, schema: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    return path


def publish(client: Any, detail_type: str, detail: Any) -> dict[str, Any]:
    answer: dict[str, Any] = client.put_partner_events(Entries=[entry(detail_type, detail=detail)])
    return answer


def failure_of(mock: PartnerEventsMock, **kwargs: Any) -> list[str]:
    with pytest.raises(AssertionError) as raised:
        mock.assert_contracts(**kwargs)
    return str(raised.value).splitlines()


# -- the partner's own test: a contract file, one good event, one bad -----------------------------------------


def test_a_partners_openapi_contract_file_fails_the_violating_event_by_field(tmp_path: Path, client: Any) -> None:
    contract = write(tmp_path, "order-created.json", OPENAPI_CONTRACT)
    with mock_partner_events() as mock:
        mock.contracts.load(contract)
        publish(client, "OrderCreated", ORDER)
        mock.assert_contracts()  # one conforming event passes
        publish(client, "OrderCreated", {"id": "o-2", "total": "12.50"})

        [violation] = mock.contracts.violations
        lines = failure_of(mock)

    assert (violation.path, violation.message) == ("$.detail.total", 'expected number, got string "12.50"')
    assert violation.event is mock.events[1]
    assert lines[0] == (
        "mock-partner-events: expected every published event to conform; of 2 events, 1 broke their contract."
    )
    assert lines[3].split() == ["#", "source", "detail-type", "path", "problem", "contract"]
    assert lines[4].split()[:4] == ["1", SOURCE, "OrderCreated", "$.detail.total"]
    assert lines[4].endswith(f'expected number, got string "12.50"  {contract}')


def test_a_draft4_contract_file_is_checked_with_draft4_rules(tmp_path: Path, client: Any) -> None:
    with mock_partner_events(contracts=write(tmp_path, "shipped.json", DRAFT4_CONTRACT)) as mock:
        publish(client, "OrderShipped", {"id": "o-1", "carrier": "UPS"})
        publish(client, "OrderShipped", {"id": "o-1", "carrier": "Pigeon"})
        publish(client, "OrderShipped", {"carrier": "DHL"})

        assert [(v.index, v.path) for v in mock.contracts.violations] == [(1, "$.detail.carrier"), (2, "$.detail.id")]
        assert [mock.contracts.verdict(i).status for i in range(3)] == ["conforms", "violates", "violates"]
        text = "\n".join(failure_of(mock))
    assert "of 3 events, 2 broke their contract." in text
    assert "$.detail.carrier" in text
    assert "$.detail.id" in text


def test_require_fails_an_event_that_has_no_contract(client: Any) -> None:
    with mock_partner_events() as mock:
        mock.contracts.add(OPENAPI_CONTRACT)
        publish(client, "OrderCreated", ORDER)
        publish(client, "InvoicePaid", {"id": "i-1"})

        mock.assert_contracts()  # InvoicePaid has no contract: fine unless required
        text = "\n".join(failure_of(mock, require=True))

    assert "of 2 events, 1 had no contract." in text
    assert "Without a contract (1):" in text
    assert f"1  {SOURCE}  InvoicePaid" in text


# -- the contracts= option: a file, a folder, bad values -----------------------------------------------------


def test_the_contracts_option_loads_a_folder_of_both_kinds(tmp_path: Path, client: Any) -> None:
    write(tmp_path / "contracts", "order-created.json", OPENAPI_CONTRACT)
    write(tmp_path / "contracts" / "shipping", "order-shipped.json", DRAFT4_CONTRACT)

    with mock_partner_events(contracts=str(tmp_path / "contracts")) as mock:
        publish(client, "OrderCreated", {"id": 7, "total": 1})
        publish(client, "OrderShipped", {"id": "o-1", "carrier": "FedEx"})

        assert sorted(contract.detail_type for contract in mock.contracts) == ["OrderCreated", "OrderShipped"]
        assert [v.path for v in mock.contracts.violations] == ["$.detail.id", "$.detail.carrier"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (42, r"contracts must be the path of a schema file or a folder of them, not 42"),
        ("no/such/contracts", r"no contract file or folder at no/such/contracts"),
    ],
)
def test_a_bad_contracts_value_is_a_clean_error(value: Any, expected: str) -> None:
    with pytest.raises((ValueError, TypeError), match=f"^mock-partner-events: {expected}"):
        mock_partner_events(contracts=value)


def test_a_contract_file_that_is_no_schema_is_named_in_the_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ContractError, match=r"^mock-partner-events: .*broken\.json"):
        mock_partner_events(contracts=broken)


def test_an_empty_contracts_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ContractError, match=r"holds no \.json files"):
        mock_partner_events(contracts=tmp_path)


# -- publishing never fails because of a contract -------------------------------------------------------------


def test_publishing_answers_the_same_with_and_without_contracts(tmp_path: Path) -> None:
    contract = write(tmp_path, "order-created.json", OPENAPI_CONTRACT)
    bad = [entry("OrderCreated", detail={"total": "nope"}), entry("OrderCreated", detail=[1, 2])]
    answers = []
    for options in ({}, {"contracts": contract}):
        with mock_partner_events(seed=7, **options) as mock:
            answer = make_client().put_partner_events(Entries=bad)
            answers.append((answer["FailedEntryCount"], answer["Entries"], len(mock.events)))
            if options:
                assert [v.path for v in mock.contracts.violations] == ["$.detail.id", "$.detail.total"]
    assert answers[0] == answers[1]


# -- round trips: discovered schemas become contracts ---------------------------------------------------------


def test_a_discovered_schema_becomes_a_contract_later_events_break(client: Any) -> None:
    with mock_partner_events() as mock:
        publish(client, "OrderCreated", ORDER)
        mock.contracts.add(mock.discovered_schema(source=SOURCE, detail_type="OrderCreated"))
        publish(client, "OrderCreated", {"id": "o-2", "total": 3})  # an integer is a number: it conforms
        mock.assert_contracts(require=True)
        publish(client, "OrderCreated", {"orderId": "o-3", "total": 3})  # a renamed field

        assert [(v.index, v.path) for v in mock.contracts.violations] == [(2, "$.detail.id")]
        assert "$.detail.id" in "\n".join(failure_of(mock))


def test_a_draft4_discovered_schema_round_trips_too(client: Any) -> None:
    with mock_partner_events() as mock:
        publish(client, "OrderCreated", ORDER)
        schema = mock.discovered_schema(source=SOURCE, detail_type="OrderCreated", type="JSONSchemaDraft4")
        mock.contracts.add(schema)
        publish(client, "OrderCreated", {"id": 1, "total": 2})
        [violation] = mock.contracts.violations
    assert violation.path == "$.detail.id"


def test_a_schema_from_the_schemas_api_is_a_contract() -> None:
    partner, schemas = make_client(PARTNER), make_client(CUSTOMER, service="schemas")
    with mock_partner_events() as mock:
        mock.create_source(SOURCE, associate=True)
        schemas.create_discoverer(SourceArn=BUS_ARN)
        partner.put_partner_events(Entries=[entry(detail=ORDER)])
        described = schemas.describe_schema(RegistryName="discovered-schemas", SchemaName=f"{SOURCE}@OrderCreated")

        contract = mock.contracts.add(described)
        partner.put_partner_events(Entries=[entry(detail={"id": "o-2"})])

        assert (contract.detail_type, contract.source) == ("OrderCreated", SOURCE)
        assert [(v.index, v.path, v.message) for v in mock.contracts.violations] == [
            (1, "$.detail.total", "required property is missing")
        ]
        exported = schemas.export_schema(  # version 1: version 2 learnt from the second event that total is optional
            RegistryName="discovered-schemas",
            SchemaName=f"{SOURCE}@OrderCreated",
            SchemaVersion="1",
            Type="JSONSchemaDraft4",
        )
        mock.contracts.clear()
        mock.contracts.add(exported["Content"])
        assert [v.path for v in mock.contracts.violations] == ["$.detail.total"]


# -- the fixture: teardown fails with the table; the marker configures it -------------------------------------

PARTNER_TESTS = f"""
import json

import boto3
import pytest

SOURCE = {SOURCE!r}
CONTRACT = {json.dumps(OPENAPI_CONTRACT)!r}


def publish(detail_type, **detail):
    events = boto3.client(
        "events", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    entry = {{"Source": SOURCE, "DetailType": detail_type, "Detail": json.dumps(detail)}}
    return events.put_partner_events(Entries=[entry])
"""


@pytest.fixture
def run(pytester: pytest.Pytester) -> Any:
    pytester.makefile(".json", **{"contracts/order-created": json.dumps(OPENAPI_CONTRACT)})
    return pytester_runner(pytester, PARTNER_TESTS)


def test_the_fixture_fails_a_test_that_leaves_violations_at_teardown(run: Any) -> None:
    result = run(
        """
def test_conforming(partner_events):
    partner_events.contracts.add(CONTRACT)
    publish("OrderCreated", id="o-1", total=1.5)

def test_violating(partner_events):
    partner_events.contracts.add(CONTRACT)
    publish("OrderCreated", id="o-1", total=1.5)
    publish("OrderCreated", id="o-2", total="1.50")

def test_violating_asserted_by_the_test_itself(partner_events):
    partner_events.contracts.add(CONTRACT)
    publish("OrderCreated", id="o-2", total="1.50")
    with pytest.raises(AssertionError, match="total"):
        partner_events.assert_contracts()

def test_violating_after_its_last_assert(partner_events):
    partner_events.contracts.add(CONTRACT)
    partner_events.assert_contracts()
    publish("OrderCreated", id="o-3", total="3")

@pytest.mark.partner_events(contracts_at_teardown=False)
def test_violating_but_checked_by_hand(partner_events):
    partner_events.contracts.add(CONTRACT)
    publish("OrderCreated", id="o-2", total="1.50")
    assert [v.path for v in partner_events.contracts.violations] == ["$.detail.total"]
"""
    )

    result.assert_outcomes(passed=5, errors=2)
    result.stdout.fnmatch_lines(["*ERROR at teardown of test_violating_after_its_last_assert*"])
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_violating *",
            "*expected every published event to conform; of 2 events, 1 broke their contract.",
            "*Violations (1):",
            "*#*source*detail-type*path*problem*contract",
            f'*1*{SOURCE}*OrderCreated*$.detail.total*expected number, got string "1.50"*',
            "*turn it off with @pytest.mark.partner_events(contracts_at_teardown=False)*",
        ]
    )


def test_the_marker_loads_contracts_from_a_file_or_a_folder(run: Any) -> None:
    result = run(
        """
@pytest.mark.partner_events(contracts="contracts")
def test_folder(partner_events):
    publish("OrderCreated", id=1, total=1)

@pytest.mark.partner_events(contracts="contracts/order-created.json")
def test_file(partner_events):
    publish("OrderCreated", id="o-1", total=1)
    assert len(partner_events.contracts) == 1
"""
    )

    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*ERROR at teardown of test_folder*", "*$.detail.id*expected string, got integer 1*"])


def test_a_bad_contracts_value_on_the_marker_fails_cleanly(run: Any) -> None:
    result = run(
        """
@pytest.mark.partner_events(contracts=3)
def test_not_a_path(partner_events):
    pass

@pytest.mark.partner_events(contracts="missing/folder")
def test_missing(partner_events):
    pass

@pytest.mark.partner_events(contracts_at_teardown="no")
def test_not_a_bool(partner_events):
    pass
"""
    )

    result.assert_outcomes(errors=3)
    result.stdout.fnmatch_lines_random(
        [
            "*mock-partner-events: @pytest.mark.partner_events on *test_not_a_path: contracts must be the path*",
            "*mock-partner-events: @pytest.mark.partner_events on *test_missing: no contract file or folder at*",
            "*mock-partner-events: @pytest.mark.partner_events on *test_not_a_bool: contracts_at_teardown must be*",
        ]
    )
    result.stdout.no_fnmatch_line("*Traceback*")
    result.stdout.no_fnmatch_line("*During handling*")
