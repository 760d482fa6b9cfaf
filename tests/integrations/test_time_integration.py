"""freezegun and time-machine drive source expiry and the times customers' targets see."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Any

import freezegun
import pytest
import time_machine
from botocore.exceptions import ClientError
from helpers import CUSTOMER, PARTNER, SOURCE, entry, make_client
from moto import mock_aws

from mock_partner_events import mock_partner_events

START = datetime(2026, 5, 4, 9, 0, 0, tzinfo=timezone.utc)
SEVEN_DAYS = timedelta(days=7)

Move = Callable[[timedelta], None]


@contextmanager
def frozen_with_freezegun() -> Iterator[Move]:
    with freezegun.freeze_time(START) as frozen:
        yield frozen.tick


@contextmanager
def frozen_with_time_machine() -> Iterator[Move]:
    with time_machine.travel(START, tick=False) as traveller:
        yield lambda by: traveller.shift(by)


CLOCKS = pytest.mark.parametrize("frozen", [frozen_with_freezegun, frozen_with_time_machine])


def source_state(partner: Any) -> str:
    try:
        partner.describe_partner_event_source(Name=SOURCE)
    except ClientError as error:
        return str(error.response["Error"]["Code"])
    return "exists"


@CLOCKS
def test_a_pending_source_expires_seven_days_after_creation_on_the_test_clock(frozen: Callable[[], Any]) -> None:
    with frozen() as move, mock_partner_events():
        partner = make_client(PARTNER)
        partner.create_partner_event_source(Name=SOURCE, Account=CUSTOMER)
        customer_view = make_client(CUSTOMER).describe_event_source(Name=SOURCE)

        move(SEVEN_DAYS - timedelta(seconds=1))
        just_before = source_state(partner)
        move(timedelta(seconds=1))
        at_expiry = source_state(partner)

    assert customer_view["State"] == "PENDING"
    assert customer_view["CreationTime"] == START
    assert customer_view["ExpirationTime"] == START + SEVEN_DAYS
    assert (just_before, at_expiry) == ("exists", "ResourceNotFoundException")


@CLOCKS
def test_an_accepted_source_does_not_expire(frozen: Callable[[], Any]) -> None:
    with frozen() as move, mock_partner_events():
        partner = make_client(PARTNER)
        partner.create_partner_event_source(Name=SOURCE, Account=CUSTOMER)
        make_client(CUSTOMER).create_event_bus(Name=SOURCE, EventSourceName=SOURCE)
        move(SEVEN_DAYS * 3)

        assert source_state(partner) == "exists"


@CLOCKS
def test_the_envelope_a_queue_receives_carries_the_test_clocks_time(frozen: Callable[[], Any]) -> None:
    with frozen() as move, mock_aws(), mock_partner_events() as mock:
        move(timedelta(hours=5, seconds=30))
        mock.create_source(SOURCE, customer=CUSTOMER)
        mock.associate(SOURCE)
        sqs = make_client(CUSTOMER, service="sqs")
        url = sqs.create_queue(QueueName="orders")["QueueUrl"]
        mock.add_rule("all", {"source": [SOURCE]}, source=SOURCE, targets=[f"arn:aws:sqs:us-east-1:{CUSTOMER}:orders"])
        make_client(PARTNER).put_partner_events(Entries=[entry(detail={})])

        body = json.loads(sqs.receive_message(QueueUrl=url)["Messages"][0]["Body"])

    assert body["time"] == "2026-05-04T14:00:30Z"
