"""aioboto3 in an environment of its own (`make test-aioboto3`): aioboto3 15.5 pins aiobotocore 2.25.1 and an
older botocore than the main environment has, so it is tested here rather than letting pip backtrack there."""

from __future__ import annotations

import json
from typing import Any

import aioboto3
import pytest
from botocore.exceptions import ClientError

from mock_partner_events import PartnerEventsMock, mock_partner_events

SOURCE = "aws.partner/example.com/1234/orders"
KEYS = {"region_name": "us-east-1", "aws_access_key_id": "123456789012", "aws_secret_access_key": "testing"}


def entries(*detail_types: str) -> list[dict[str, str]]:
    return [{"Source": SOURCE, "DetailType": kind, "Detail": json.dumps({"kind": kind})} for kind in detail_types]


def client() -> Any:
    return aioboto3.Session().client("events", **KEYS)


async def test_async_with_answers_and_records() -> None:
    async with mock_partner_events() as mock, client() as events:
        answer = await events.put_partner_events(Entries=entries("OrderCreated", "OrderShipped"))

    assert answer["FailedEntryCount"] == 0
    assert [entry["EventId"] for entry in answer["Entries"]] == [event.event_id for event in mock.events]
    assert [call.operation for call in mock.calls] == ["PutPartnerEvents"]


async def test_the_fixture_and_entry_faults(partner_events: PartnerEventsMock) -> None:
    partner_events.faults.fail_entries("InternalFailure", times=1)
    async with client() as events:
        answer = await events.put_partner_events(Entries=entries("A", "B"))

    assert answer["Entries"][0]["ErrorCode"] == "InternalFailure"
    partner_events.assert_published(count=1, detail_type="B")


async def test_request_faults_drive_the_retries_and_then_raise() -> None:
    async with mock_partner_events() as mock, client() as events:
        mock.faults.fail_requests("InternalException", status=500)
        with pytest.raises(ClientError, match="InternalException"):
            await events.put_partner_events(Entries=entries("A"))

    assert [call.attempt for call in mock.calls] == [1, 2, 3, 4, 5]
