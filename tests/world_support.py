"""Clients and helpers for the world tests: one boto3 client per account, as partner and customer build them.

A 12-digit access key id is the caller's account, so each client below speaks for the account in its key.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

PARTNER = "123456789012"
OTHER_PARTNER = "210987654321"
CUSTOMER = "111122223333"
OTHER_CUSTOMER = "444455556666"
SOURCE = "aws.partner/example.com/1234/orders"
SOURCE_ARN = f"arn:aws:events:us-east-1::event-source/{SOURCE}"
BUS_ARN = f"arn:aws:events:us-east-1:{CUSTOMER}:event-bus/{SOURCE}"


@functools.cache
def client_for(account: str, region: str = "us-east-1") -> Any:
    """One client per account and region for the whole run: clients keep no state between tests."""
    return boto3.client("events", region_name=region, aws_access_key_id=account, aws_secret_access_key="testing")


def error_of(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    error = raised.value.response["Error"]
    return error["Code"], error["Message"]


def publish(partner: Any, detail_type: str = "OrderCreated", source: str = SOURCE, **detail: Any) -> dict[str, Any]:
    """One PutPartnerEvents entry; returns that entry's result."""
    entry = {"Source": source, "DetailType": detail_type, "Detail": json.dumps(detail)}
    result: dict[str, Any] = partner.put_partner_events(Entries=[entry])["Entries"][0]
    return result


def create_source(partner: Any, name: str = SOURCE, account: str = CUSTOMER) -> str:
    arn: str = partner.create_partner_event_source(Name=name, Account=account)["EventSourceArn"]
    return arn


def associate(customer: Any, name: str = SOURCE) -> str:
    arn: str = customer.create_event_bus(Name=name, EventSourceName=name)["EventBusArn"]
    return arn


def state_of(customer: Any, name: str = SOURCE) -> str:
    state: str = customer.describe_event_source(Name=name)["State"]
    return state
