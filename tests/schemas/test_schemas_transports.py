"""The Schemas API is answered wherever a Schemas request comes from: botocore, aiobotocore, `requests` with
SigV4, the AWS CLI, the HTTP server; with moto active too; and what the mock does not model never leaves."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from aiobotocore.session import get_session
from awscli.clidriver import create_clidriver
from botocore.exceptions import ClientError
from helpers import CUSTOMER, REGION, SOURCE, entry, error_of, make_client
from moto import mock_aws
from requests_aws4auth import AWS4Auth

from mock_partner_events import PartnerEventsServer, mock_partner_events

ENDPOINT = f"https://schemas.{REGION}.amazonaws.com"


def signed() -> AWS4Auth:
    return AWS4Auth(CUSTOMER, "testing", REGION, "schemas")


def test_requests_with_sigv4_reach_the_same_registries() -> None:
    with mock_partner_events() as mock:
        created = requests.post(f"{ENDPOINT}/v1/registries/name/orders", json={"Description": "d"}, auth=signed())
        listed = requests.get(f"{ENDPOINT}/v1/registries", params={"scope": "LOCAL", "limit": "5"}, auth=signed())
        missing = requests.get(f"{ENDPOINT}/v1/registries/name/missing", auth=signed())
        boto3_view = make_client(CUSTOMER, service="schemas").describe_registry(RegistryName="orders")

    assert created.status_code == 201
    assert created.json()["RegistryArn"] == boto3_view["RegistryArn"]
    assert [one["RegistryName"] for one in listed.json()["Registries"]] == ["discovered-schemas", "orders"]
    assert (missing.status_code, missing.headers["x-amzn-ErrorType"]) == (404, "NotFoundException")
    assert missing.json() == {"Code": "NotFoundException", "Message": "Registry missing does not exist."}
    assert [call.status for call in mock.calls] == [201, 200, 404, 200]


def test_a_path_no_operation_has_gets_api_gateways_answer() -> None:
    with mock_partner_events():
        answer = requests.get(f"{ENDPOINT}/v2/nothing-here", auth=signed())

    assert answer.status_code == 403
    assert answer.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"
    assert answer.json()["Message"] == "Missing Authentication Token"


def test_code_bindings_answer_that_they_are_not_modelled() -> None:
    schemas = make_client(CUSTOMER, service="schemas", retries={"total_max_attempts": 1})
    with mock_partner_events():
        for call in (
            lambda: schemas.put_code_binding(RegistryName="r", SchemaName="s", Language="Python36"),
            lambda: schemas.describe_code_binding(RegistryName="r", SchemaName="s", Language="Python36"),
            lambda: schemas.get_code_binding_source(RegistryName="r", SchemaName="s", Language="Python36"),
        ):
            with pytest.raises(ClientError) as raised:
                call()
            code, message = error_of(raised)
            assert (code, raised.value.response["ResponseMetadata"]["HTTPStatusCode"]) == ("NotModelledException", 501)
            assert message.startswith("mock-partner-events: code bindings")


def test_labels_are_percent_decoded_and_names_keep_their_slashes() -> None:
    schemas = make_client(CUSTOMER, service="schemas")
    name = "aws.partner/example.com/1234/orders@Order Created"
    with mock_partner_events():
        schemas.create_registry(RegistryName="orders")
        created = schemas.create_schema(RegistryName="orders", SchemaName=name, Type="OpenApi3", Content="{}")
        described = schemas.describe_schema(RegistryName="orders", SchemaName=name)

    assert created["SchemaName"] == described["SchemaName"] == name
    assert described["SchemaArn"].endswith(f":schema/orders/{name}")


def test_moto_active_too_schemas_are_still_answered_here() -> None:
    with mock_aws(), mock_partner_events() as mock:
        schemas = make_client(CUSTOMER, service="schemas")
        schemas.create_registry(RegistryName="orders")
        names = [one["RegistryName"] for one in schemas.list_registries()["Registries"]]

    assert names == ["aws.events", "discovered-schemas", "orders"]
    assert [call.status for call in mock.calls] == [201, 200]


async def test_aiobotocore_is_answered_by_the_same_engine() -> None:
    keys = {"region_name": REGION, "aws_access_key_id": CUSTOMER, "aws_secret_access_key": "testing"}
    async with mock_partner_events(), get_session().create_client("schemas", **keys) as schemas:
        created = await schemas.create_registry(RegistryName="orders")
        with pytest.raises(ClientError) as raised:
            await schemas.create_registry(RegistryName="orders")

    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert error_of(raised)[0] == "ConflictException"


def test_the_aws_cli_is_answered_in_process(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    for name, value in {
        "AWS_ACCESS_KEY_ID": CUSTOMER,
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_CONFIG_FILE": str(tmp_path / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "credentials"),
    }.items():
        monkeypatch.setenv(name, value)
    with mock_partner_events():
        created = create_clidriver().main(["schemas", "create-registry", "--registry-name", "orders"])
        listed = create_clidriver().main(["schemas", "list-registries", "--scope", "LOCAL", "--output", "json"])
        out, _ = capsys.readouterr()
        failed = create_clidriver().main(["schemas", "describe-registry", "--registry-name", "missing"])
        _, err = capsys.readouterr()

    assert (created, listed, failed) == (0, 0, 255)
    assert '"RegistryName": "orders"' in out
    assert "NotFoundException" in err


def test_a_boto3_client_pointed_at_the_server_works_end_to_end() -> None:
    with PartnerEventsServer() as server:
        schemas = make_client(CUSTOMER, service="schemas", endpoint_url=server.url)
        events = make_client(endpoint_url=server.url)
        customer_events = make_client(CUSTOMER, endpoint_url=server.url)
        events.create_partner_event_source(Name=SOURCE, Account=CUSTOMER)
        bus = customer_events.create_event_bus(Name=SOURCE, EventSourceName=SOURCE)["EventBusArn"]
        schemas.create_discoverer(SourceArn=bus)
        events.put_partner_events(Entries=[entry()])
        listed = schemas.list_schemas(RegistryName="discovered-schemas", Limit=10)["Schemas"]
        schemas.create_registry(RegistryName="orders")
        with pytest.raises(ClientError) as raised:
            schemas.create_registry(RegistryName="orders")

    assert [schema["SchemaName"] for schema in listed] == [f"{SOURCE}@OrderCreated"]
    assert (error_of(raised)[0], raised.value.response["ResponseMetadata"]["HTTPStatusCode"]) == (
        "ConflictException",
        409,
    )
