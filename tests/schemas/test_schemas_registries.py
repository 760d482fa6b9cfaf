"""Schema registries, tags and resource policies through boto3's `schemas` client under the mock."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import CUSTOMER, REGION, error_of, make_client

from mock_partner_events import mock_partner_events

REGISTRY_ARN = f"arn:aws:schemas:{REGION}:{CUSTOMER}:registry/orders"
POLICY = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*"}]})


@pytest.fixture
def schemas() -> Any:
    with mock_partner_events():
        yield make_client(CUSTOMER, service="schemas")


def failure(call: Callable[[], Any]) -> tuple[str, int, str]:
    with pytest.raises(ClientError) as raised:
        call()
    code, message = error_of(raised)
    return code, raised.value.response["ResponseMetadata"]["HTTPStatusCode"], message


def names(schemas: Any, **params: Any) -> list[str]:
    return [registry["RegistryName"] for registry in schemas.list_registries(**params)["Registries"]]


def test_every_account_and_region_starts_with_the_aws_registries(schemas: Any) -> None:
    other_region = make_client(CUSTOMER, "eu-west-1", service="schemas")

    assert names(schemas) == names(other_region) == ["aws.events", "discovered-schemas"]
    assert names(schemas, Scope="AWS") == ["aws.events"]
    assert names(schemas, Scope="LOCAL") == ["discovered-schemas"]
    assert schemas.describe_registry(RegistryName="aws.events")["RegistryArn"].endswith(":registry/aws.events")


def test_registry_lifecycle(schemas: Any) -> None:
    created = schemas.create_registry(RegistryName="orders", Description="order events", Tags={"team": "a"})
    updated = schemas.update_registry(RegistryName="orders", Description="all order events")
    described = schemas.describe_registry(RegistryName="orders")
    listed = names(schemas, Scope="LOCAL", RegistryNamePrefix="ord")
    deleted = schemas.delete_registry(RegistryName="orders")

    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert (created["RegistryArn"], created["Tags"]) == (REGISTRY_ARN, {"team": "a"})
    assert updated["Description"] == described["Description"] == "all order events"
    assert listed == ["orders"]
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert names(schemas) == ["aws.events", "discovered-schemas"]


def test_registries_belong_to_one_account_and_region(schemas: Any) -> None:
    schemas.create_registry(RegistryName="orders")

    assert "orders" not in names(make_client("444455556666", service="schemas"))
    assert "orders" not in names(make_client(CUSTOMER, "eu-west-1", service="schemas"))


def test_registry_errors_carry_code_status_and_message(schemas: Any) -> None:
    schemas.create_registry(RegistryName="orders")

    assert failure(lambda: schemas.create_registry(RegistryName="orders")) == (
        "ConflictException",
        409,
        "Registry orders already exists.",
    )
    assert failure(lambda: schemas.describe_registry(RegistryName="missing"))[:2] == ("NotFoundException", 404)
    assert failure(lambda: schemas.delete_registry(RegistryName="aws.events"))[:2] == ("ForbiddenException", 403)
    assert failure(lambda: schemas.delete_registry(RegistryName="discovered-schemas"))[:2] == (
        "ForbiddenException",
        403,
    )
    assert failure(lambda: schemas.list_registries(Scope="GLOBAL"))[:2] == ("BadRequestException", 400)
    assert failure(lambda: schemas.list_registries(NextToken="garbage"))[:2] == ("BadRequestException", 400)


def test_registries_are_paged_with_limit_and_next_token(schemas: Any) -> None:
    for index in range(5):
        schemas.create_registry(RegistryName=f"r{index}")

    pages = schemas.get_paginator("list_registries").paginate(Scope="LOCAL", PaginationConfig={"PageSize": 2})
    seen = [[registry["RegistryName"] for registry in page["Registries"]] for page in pages]

    assert seen == [["discovered-schemas", "r0"], ["r1", "r2"], ["r3", "r4"]]


def test_tags_on_registries(schemas: Any) -> None:
    schemas.create_registry(RegistryName="orders", Tags={"team": "a"})

    schemas.tag_resource(ResourceArn=REGISTRY_ARN, Tags={"cost": "b"})
    both = schemas.list_tags_for_resource(ResourceArn=REGISTRY_ARN)["Tags"]
    schemas.untag_resource(ResourceArn=REGISTRY_ARN, TagKeys=["team", "absent"])

    assert both == {"team": "a", "cost": "b"}
    assert schemas.list_tags_for_resource(ResourceArn=REGISTRY_ARN)["Tags"] == {"cost": "b"}
    assert schemas.describe_registry(RegistryName="orders")["Tags"] == {"cost": "b"}
    missing = REGISTRY_ARN.replace("orders", "missing")
    assert failure(lambda: schemas.tag_resource(ResourceArn=missing, Tags={"a": "b"}))[:2] == ("NotFoundException", 404)
    assert failure(lambda: schemas.list_tags_for_resource(ResourceArn="arn:aws:sqs:x"))[:2] == (
        "BadRequestException",
        400,
    )


def test_resource_policies_carry_a_revision(schemas: Any) -> None:
    schemas.create_registry(RegistryName="orders")

    first = schemas.put_resource_policy(RegistryName="orders", Policy=POLICY)
    second = schemas.put_resource_policy(RegistryName="orders", Policy=POLICY, RevisionId=first["RevisionId"])
    got = schemas.get_resource_policy(RegistryName="orders")
    stale = failure(lambda: schemas.put_resource_policy(RegistryName="orders", Policy=POLICY, RevisionId="stale"))
    schemas.delete_resource_policy(RegistryName="orders")

    assert json.loads(got["Policy"]) == json.loads(POLICY)
    assert got["RevisionId"] == second["RevisionId"] != first["RevisionId"]
    assert stale[:2] == ("PreconditionFailedException", 412)
    assert failure(lambda: schemas.get_resource_policy(RegistryName="orders"))[:2] == ("NotFoundException", 404)
    assert failure(lambda: schemas.get_resource_policy(RegistryName="missing"))[:2] == ("NotFoundException", 404)


def test_reset_forgets_registries() -> None:
    with mock_partner_events() as mock:
        schemas = make_client(CUSTOMER, service="schemas")
        schemas.create_registry(RegistryName="orders")
        mock.reset()

        assert names(schemas) == ["aws.events", "discovered-schemas"]
