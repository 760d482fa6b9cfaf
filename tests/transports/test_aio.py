"""aiobotocore clients are answered in-process by the same engine: same results, faults and records as boto3."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiobotocore.session import get_session
from botocore.exceptions import ClientError
from helpers import PARTNER, REGION, entry, make_client

from mock_partner_events import PartnerEventsMock, mock_partner_events

KEYS = {"region_name": REGION, "aws_access_key_id": PARTNER, "aws_secret_access_key": "testing"}


def entries(*detail_types: str) -> list[dict[str, str]]:
    return [entry(kind, detail={"n": n}) for n, kind in enumerate(detail_types)]


@pytest.fixture
async def aio_client() -> AsyncIterator[Any]:
    """Built before any mock starts, as a fixture listed ahead of `partner_events` would build it."""
    async with get_session().create_client("events", **KEYS) as client:
        yield client


async def test_async_with_answers_and_records_like_boto3(aio_client: Any) -> None:
    async with mock_partner_events(seed=7) as mock:
        answer = await aio_client.put_partner_events(Entries=entries("OrderCreated", "OrderShipped"))

    assert answer["FailedEntryCount"] == 0
    assert [entry["EventId"] for entry in answer["Entries"]] == [event.event_id for event in mock.events]
    assert [event.detail_type for event in mock.events] == ["OrderCreated", "OrderShipped"]
    assert [(call.operation, call.status) for call in mock.calls] == [("PutPartnerEvents", 200)]


async def test_the_fixture_serves_async_tests(partner_events: PartnerEventsMock, aio_client: Any) -> None:
    await aio_client.put_partner_events(Entries=entries("OrderCreated"))

    partner_events.assert_published(count=1, detail_type="OrderCreated")


async def test_an_invalid_request_gets_the_same_aws_error_as_boto3(aio_client: Any) -> None:
    bad = [entry("T", Detail="not json")]
    async with mock_partner_events():
        aio_answer = await aio_client.put_partner_events(Entries=bad)
        sync_answer = make_client(PARTNER).put_partner_events(Entries=bad)

    assert aio_answer["Entries"] == sync_answer["Entries"]
    assert aio_answer["Entries"][0]["ErrorCode"] == "MalformedDetail"


async def test_entry_faults_reach_the_async_caller(aio_client: Any) -> None:
    async with mock_partner_events() as mock:
        mock.faults.fail_entries("InternalFailure", times=1)
        answer = await aio_client.put_partner_events(Entries=entries("A", "B"))

    assert answer["FailedEntryCount"] == 1
    assert answer["Entries"][0]["ErrorCode"] == "InternalFailure"
    assert [rejection.error_code for rejection in mock.rejected] == ["InternalFailure"]


async def test_request_faults_drive_aiobotocores_own_retries(aio_client: Any) -> None:
    async with mock_partner_events() as mock:
        mock.faults.fail_requests("ThrottlingException", times=2)
        answer = await aio_client.put_partner_events(Entries=entries("A"))

    assert answer["ResponseMetadata"]["RetryAttempts"] == 2
    assert [(call.attempt, call.error_code) for call in mock.calls] == [
        (1, "ThrottlingException"),
        (2, "ThrottlingException"),
        (3, None),
    ]


async def test_a_request_fault_that_outlasts_the_retries_raises_client_error(aio_client: Any) -> None:
    async with mock_partner_events() as mock:
        mock.faults.fail_requests("InternalException", status=500)
        with pytest.raises(ClientError, match="InternalException"):
            await aio_client.put_partner_events(Entries=entries("A"))

    assert len(mock.events) == 0


async def test_concurrent_async_and_threaded_sync_callers_share_one_record(aio_client: Any) -> None:
    def sync_publish() -> None:
        make_client(PARTNER).put_partner_events(Entries=entries("FromThread"))

    async with mock_partner_events() as mock:
        await asyncio.gather(
            *(aio_client.put_partner_events(Entries=entries("FromTask")) for _ in range(5)),
            *(asyncio.to_thread(sync_publish) for _ in range(5)),
        )

    kinds = sorted(event.detail_type for event in mock.events)
    assert kinds == ["FromTask"] * 5 + ["FromThread"] * 5
    assert len({event.event_id for event in mock.events}) == 10


@mock_partner_events
async def test_the_bare_decorator_covers_a_coroutine(aio_client: Any) -> None:
    from mock_partner_events import current_mock

    await aio_client.put_partner_events(Entries=entries("Decorated"))

    assert current_mock().events.one().detail_type == "Decorated"
