"""Event contracts seen through the server's admin API: each event's verdict (`contract`) when the mock has
contracts, and `GET /_mock/schemas` listing what STARTED discoverers filed, driven with boto3 and plain HTTP."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import requests
from helpers import BUS_ARN, CUSTOMER, PARTNER, REGION, SOURCE, entry, http_client, make_client

from mock_partner_events import PartnerEventsServer
from mock_partner_events.contracts import infer_schema

ORDER = {"id": "o-1", "total": 12.5}


def get(server: PartnerEventsServer, path: str, **params: Any) -> Any:
    response = requests.get(f"{server.url}/_mock/{path}", params=params, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def contract() -> dict[str, Any]:
    return infer_schema([{"detail-type": "OrderCreated", "source": SOURCE, "detail": ORDER}])


@pytest.fixture
def server(tmp_path: Path) -> Any:
    path = tmp_path / "order-created.json"
    path.write_text(json.dumps(contract()), encoding="utf-8")
    with PartnerEventsServer(contracts=path) as served:
        http_client(served.url).put_partner_events(
            Entries=[
                entry(detail=ORDER),
                entry(detail={"id": 2, "total": "12.50"}),
                entry("InvoicePaid", detail={"id": "i-1"}),
            ]
        )
        yield served


def test_each_event_carries_its_verdict_in_pages_and_in_the_plain_list(server: PartnerEventsServer) -> None:
    paged = [item["contract"] for item in get(server, "events", after=0)["items"]]
    plain = [item["contract"] for item in get(server, "events")]
    filtered = get(server, "events", detail_type="InvoicePaid")

    assert paged == plain
    assert paged[0] == {"status": "conforms", "violations": []}
    assert paged[1]["status"] == "violates"
    assert [(v["path"], v["message"]) for v in paged[1]["violations"]] == [
        ("$.detail.id", "expected string, got integer 2"),
        ("$.detail.total", 'expected number, got string "12.50"'),
    ]
    assert {v["contract"] for v in paged[1]["violations"]} == {str(server.mock.contracts.contracts[0].name)}
    assert paged[2] == {"status": "no contract", "violations": []}
    assert [item["contract"]["status"] for item in filtered] == ["no contract"]


def test_a_page_in_the_middle_reads_the_verdicts_of_its_own_events(server: PartnerEventsServer) -> None:
    page = get(server, "events", after=1, limit=1)
    assert [(item["seq"], item["contract"]["status"]) for item in page["items"]] == [(2, "violates")]


def test_without_contracts_events_carry_no_verdict(partner_events_server: PartnerEventsServer) -> None:
    http_client(partner_events_server.url).put_partner_events(Entries=[entry(detail=ORDER)])
    assert "contract" not in get(partner_events_server, "events")[0]
    assert "contract" not in get(partner_events_server, "events", after=0)["items"][0]


def test_schemas_lists_what_discoverers_filed_in_every_account_and_region(
    partner_events_server: PartnerEventsServer,
) -> None:
    server = partner_events_server
    assert get(server, "schemas") == []
    server.mock.create_source(SOURCE, associate=True)
    schemas = make_client(CUSTOMER, service="schemas", endpoint_url=server.url)
    schemas.create_discoverer(SourceArn=BUS_ARN)
    partner = make_client(PARTNER, endpoint_url=server.url)
    partner.put_partner_events(Entries=[entry(detail={"id": 1})])
    partner.put_partner_events(Entries=[entry(detail={"id": 1, "note": "gift"}), entry("OrderShipped")])

    waiting = get(server, "health")["schemas"]  # health files nothing: it stays cheap however many events wait
    listed = get(server, "schemas")  # nothing asked the Schemas API since: the pending events are filed now
    filed = get(server, "health")["schemas"]
    partner.put_partner_events(Entries=[entry("OrderShipped", detail={"carrier": "post"})])  # a new version
    get(server, "schemas")
    refiled = get(server, "health")["schemas"]

    assert [(s["account"], s["region"], s["name"], s["version"], s["version_count"]) for s in listed] == [
        (CUSTOMER, REGION, f"{SOURCE}@OrderCreated", "2", 2),
        (CUSTOMER, REGION, f"{SOURCE}@OrderShipped", "1", 1),
    ]
    described = schemas.describe_schema(RegistryName="discovered-schemas", SchemaName=f"{SOURCE}@OrderCreated")
    assert listed[0]["content"] == described["Content"]
    assert listed[0]["type"] == "OpenApi3"
    assert listed[0]["registry"] == "discovered-schemas"
    assert listed[0]["last_modified"].endswith("Z")
    assert [(h["count"], h["pending"]) for h in (waiting, filed, refiled)] == [(0, 3), (2, 0), (2, 0)]
    assert refiled["digest"] != filed["digest"]  # OrderShipped has a second version: a poller fetches again


def test_schemas_takes_no_query(partner_events_server: PartnerEventsServer) -> None:
    response = requests.get(f"{partner_events_server.url}/_mock/schemas?name=x", timeout=10)
    assert response.status_code == 400
    assert response.json()["message"].startswith("mock-partner-events: /_mock/schemas takes no query parameters")
