"""Schema discovery under the mock: a STARTED discoverer on a customer's partner bus files the schema of each
source and detail-type delivered there in `discovered-schemas`; GetDiscoveredSchema infers from given events."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import BUS_ARN, CUSTOMER, DATA, PARTNER, REGION, SOURCE, entry, error_of, make_client

from mock_partner_events import PartnerEventsMock

SCHEMA = f"{SOURCE}@OrderCreated"
CONFORMANCE = DATA / "discovered-schemas.json"  # copied from shared/conformance, with its sources


@pytest.fixture
def mock(partner_events: PartnerEventsMock) -> PartnerEventsMock:
    """The package's mock with the source ACTIVE on the customer's partner bus."""
    partner_events.create_source(SOURCE, associate=True)
    return partner_events


@pytest.fixture
def schemas() -> Any:
    """The customer's Schemas client (its access key id is its account)."""
    return make_client(CUSTOMER, service="schemas")


@pytest.fixture
def partner() -> Any:
    return make_client(PARTNER)


def discovered(schemas: Any) -> dict[str, int]:
    listed = schemas.list_schemas(RegistryName="discovered-schemas")["Schemas"]
    return {schema["SchemaName"]: schema["VersionCount"] for schema in listed}


def content(schemas: Any, name: str = SCHEMA, **version: str) -> dict[str, Any]:
    answer = schemas.describe_schema(RegistryName="discovered-schemas", SchemaName=name, **version)
    document: dict[str, Any] = json.loads(answer["Content"])
    return document


def test_a_new_discoverer_is_started_on_the_customers_partner_bus(mock: PartnerEventsMock, schemas: Any) -> None:
    created = schemas.create_discoverer(SourceArn=BUS_ARN, Description="orders")
    described = schemas.describe_discoverer(DiscovererId=created["DiscovererId"])

    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert created["State"] == described["State"] == "STARTED"
    assert created["CrossAccount"] is True
    assert created["DiscovererArn"] == f"arn:aws:schemas:{REGION}:{CUSTOMER}:discoverer/{created['DiscovererId']}"
    assert described["SourceArn"] == BUS_ARN
    assert described["Description"] == "orders"


def test_delivered_events_become_schemas_and_a_new_shape_a_new_version(
    mock: PartnerEventsMock, schemas: Any, partner: Any
) -> None:
    schemas.create_discoverer(SourceArn=BUS_ARN)

    partner.put_partner_events(Entries=[entry(detail={"id": 1}), entry(detail={"id": 2}), entry("Order Shipped!")])
    assert discovered(schemas) == {SCHEMA: 1, f"{SOURCE}@OrderShipped": 1}

    partner.put_partner_events(Entries=[entry(detail={"id": 3, "note": "gift"})])
    assert discovered(schemas) == {SCHEMA: 2, f"{SOURCE}@OrderShipped": 1}

    first, latest = content(schemas, SchemaVersion="1"), content(schemas)
    assert first["info"]["title"] == "OrderCreated"
    assert first["components"]["schemas"]["AWSEvent"]["x-amazon-events-source"] == SOURCE
    assert first["components"]["schemas"]["AWSEvent"]["x-amazon-events-detail-type"] == "OrderCreated"
    assert set(first["components"]["schemas"]["OrderCreated"]["properties"]) == {"id"}
    assert set(latest["components"]["schemas"]["OrderCreated"]["properties"]) == {"id", "note"}


def test_a_stopped_discoverer_adds_nothing_and_a_restarted_one_resumes(
    mock: PartnerEventsMock, schemas: Any, partner: Any
) -> None:
    discoverer = schemas.create_discoverer(SourceArn=BUS_ARN)["DiscovererId"]
    stopped = schemas.stop_discoverer(DiscovererId=discoverer)
    partner.put_partner_events(Entries=[entry()])
    assert discovered(schemas) == {}

    schemas.start_discoverer(DiscovererId=discoverer)
    partner.put_partner_events(Entries=[entry()])

    assert stopped["State"] == "STOPPED"
    assert discovered(schemas) == {SCHEMA: 1}


def test_events_delivered_before_a_stop_are_still_discovered(
    mock: PartnerEventsMock, schemas: Any, partner: Any
) -> None:
    discoverer = schemas.create_discoverer(SourceArn=BUS_ARN)["DiscovererId"]
    partner.put_partner_events(Entries=[entry()])
    schemas.stop_discoverer(DiscovererId=discoverer)

    assert discovered(schemas) == {SCHEMA: 1}


def test_undelivered_events_and_other_buses_are_not_discovered(
    mock: PartnerEventsMock, schemas: Any, partner: Any
) -> None:
    other = "aws.partner/example.com/1234/refunds"
    mock.create_source(other, associate=True)
    mock.create_source("aws.partner/example.com/1234/pending")  # no bus: its events are not delivered
    schemas.create_discoverer(SourceArn=BUS_ARN)

    partner.put_partner_events(
        Entries=[entry("Refund", source=other), entry("Pending", source="aws.partner/example.com/1234/pending")]
    )

    assert discovered(schemas) == {}


def test_discovered_schemas_are_filed_in_the_discoverers_account_only(
    mock: PartnerEventsMock, schemas: Any, partner: Any
) -> None:
    schemas.create_discoverer(SourceArn=BUS_ARN)
    partner.put_partner_events(Entries=[entry()])

    assert discovered(make_client(PARTNER, service="schemas")) == {}
    assert discovered(schemas) == {SCHEMA: 1}


def test_discoverer_errors_carry_the_codes_and_statuses_of_the_model(mock: PartnerEventsMock, schemas: Any) -> None:
    schemas.create_discoverer(SourceArn=BUS_ARN)
    expected = [
        (lambda: schemas.create_discoverer(SourceArn=BUS_ARN), "ConflictException", 409),
        (lambda: schemas.describe_discoverer(DiscovererId="nope"), "NotFoundException", 404),
        (
            lambda: schemas.create_discoverer(SourceArn="arn:aws:sqs:us-east-1:111122223333:q"),
            "BadRequestException",
            400,
        ),
        (
            lambda: schemas.create_discoverer(SourceArn=BUS_ARN.replace(CUSTOMER, PARTNER)),
            "BadRequestException",
            400,
        ),
        (
            lambda: schemas.create_discoverer(SourceArn=f"arn:aws:events:{REGION}:{CUSTOMER}:event-bus/missing"),
            "NotFoundException",
            404,
        ),
    ]
    for call, code, status in expected:
        with pytest.raises(ClientError) as raised:
            call()
        assert (error_of(raised)[0], raised.value.response["ResponseMetadata"]["HTTPStatusCode"]) == (code, status)


def test_discoverers_are_listed_updated_and_deleted(mock: PartnerEventsMock, schemas: Any) -> None:
    discoverer = schemas.create_discoverer(SourceArn=BUS_ARN, Tags={"team": "orders"})["DiscovererId"]
    default = schemas.create_discoverer(SourceArn=f"arn:aws:events:{REGION}:{CUSTOMER}:event-bus/default")

    updated = schemas.update_discoverer(DiscovererId=discoverer, Description="now described", CrossAccount=False)
    listed = schemas.list_discoverers(SourceArnPrefix=BUS_ARN)["Discoverers"]
    schemas.delete_discoverer(DiscovererId=discoverer)

    assert default["DiscovererId"] == "events-event-bus-default"
    assert (updated["Description"], updated["CrossAccount"]) == ("now described", False)
    assert [(one["DiscovererId"], one["Tags"]) for one in listed] == [(discoverer, {"team": "orders"})]
    assert [one["DiscovererId"] for one in schemas.list_discoverers()["Discoverers"]] == ["events-event-bus-default"]


def test_get_discovered_schema_checks_its_input(mock: PartnerEventsMock) -> None:
    raw = make_client(CUSTOMER, service="schemas", parameter_validation=False)
    for events, kind in [
        ([], "OpenApi3"),
        (["{}"] * 11, "OpenApi3"),
        (["{}"], "Swagger"),
        (["x" * 100_001], "OpenApi3"),
    ]:
        with pytest.raises(ClientError) as raised:
            raw.get_discovered_schema(Events=events, Type=kind)
        assert error_of(raised)[0] == "BadRequestException"
        assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def conformance_cases() -> list[Any]:
    cases = json.loads(CONFORMANCE.read_text(encoding="utf-8"))["cases"]
    return [pytest.param(case, id=case["name"]) for case in cases]


@pytest.mark.parametrize("case", conformance_cases())
def test_get_discovered_schema_frames_every_aws_example(mock: PartnerEventsMock, schemas: Any, case: Any) -> None:
    answer = json.loads(schemas.get_discovered_schema(Events=case["events"], Type=case["type"])["Content"])
    expected = case["expected_content"]

    assert answer["info"] == expected["info"]
    assert answer["paths"] == expected["paths"]
    assert list(answer["components"]["schemas"]) == list(expected["components"]["schemas"])


@pytest.mark.parametrize("case", conformance_cases())
def test_get_discovered_schema_answers_every_aws_example_exactly(
    mock: PartnerEventsMock, schemas: Any, case: Any
) -> None:
    answer = schemas.get_discovered_schema(Events=case["events"], Type=case["type"])

    assert json.loads(answer["Content"]) == case["expected_content"]


def test_discovered_schema_needs_no_discoverer_and_agrees_with_one(
    mock: PartnerEventsMock, schemas: Any, partner: Any
) -> None:
    schemas.create_discoverer(SourceArn=BUS_ARN)
    partner.put_partner_events(Entries=[entry(detail={"id": 1}), entry(detail={"id": 2, "note": "gift"})])

    inferred = mock.discovered_schema(source=SOURCE, detail_type="OrderCreated")
    draft4 = mock.discovered_schema(source=SOURCE, detail_type="OrderCreated", type="JSONSchemaDraft4")

    assert inferred == content(schemas)
    assert set(inferred["components"]["schemas"]["OrderCreated"]["properties"]) == {"id", "note"}
    assert draft4["$schema"] == "http://json-schema.org/draft-04/schema#"


def test_discovered_schema_says_what_was_recorded_when_nothing_matches(mock: PartnerEventsMock, partner: Any) -> None:
    partner.put_partner_events(Entries=[entry()])

    with pytest.raises(
        LookupError, match=r"mock-partner-events: no published event .*'OrderShipped'.* / OrderCreated\."
    ):
        mock.discovered_schema(source=SOURCE, detail_type="OrderShipped")
