"""Entries without a Time get the call's time, and that time follows freezegun and time-machine."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import time_machine
from freezegun import freeze_time
from helpers import SOURCE, entry

from mock_partner_events import PartnerEventsMock, current_mock, mock_partner_events

FROZEN = datetime(2024, 2, 29, 12, 30, 45, tzinfo=timezone.utc)
GIVEN = datetime(2023, 7, 1, 8, 0, 0, tzinfo=timezone.utc)


def publish_pair(client: Any) -> None:
    """One entry without Time and one with its own Time."""
    client.put_partner_events(
        Entries=[
            entry("NoTime", detail={}),
            entry("OwnTime", detail={}, Time=GIVEN),
        ]
    )


def times(mock: PartnerEventsMock) -> list[datetime]:
    return [event.time for event in mock.events]


def test_freezegun_frozen_time_is_the_default(client: Any) -> None:
    with freeze_time(FROZEN), mock_partner_events() as mock:
        publish_pair(client)

    assert times(mock) == [FROZEN, GIVEN]
    assert mock.events[0].envelope()["time"] == "2024-02-29T12:30:45Z"


@freeze_time(FROZEN)
@mock_partner_events
def publish_under_both_decorators(client: Any) -> list[datetime]:
    publish_pair(client)
    return times(current_mock())


def test_freezegun_and_mock_decorators_stack(client: Any) -> None:
    assert publish_under_both_decorators(client) == [FROZEN, GIVEN]


def test_freezegun_time_moves_when_the_test_moves_it(client: Any) -> None:
    with freeze_time(FROZEN) as frozen, mock_partner_events() as mock:
        publish_pair(client)
        frozen.tick(timedelta(minutes=5))
        publish_pair(client)

    assert times(mock) == [FROZEN, GIVEN, FROZEN + timedelta(minutes=5), GIVEN]


def test_time_machine_travel_is_the_default(client: Any) -> None:
    with time_machine.travel(FROZEN, tick=False), mock_partner_events() as mock:
        publish_pair(client)

    assert times(mock) == [FROZEN, GIVEN]


def test_time_machine_shift_moves_the_default(client: Any) -> None:
    with time_machine.travel(FROZEN, tick=False) as traveller, mock_partner_events() as mock:
        traveller.shift(timedelta(hours=1))
        publish_pair(client)

    assert times(mock)[0] == FROZEN + timedelta(hours=1)


def test_time_machine_marker_with_the_fixture(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        f"""
        import boto3
        import pytest
        from datetime import datetime, timezone

        @pytest.mark.time_machine(datetime(2024, 2, 29, 12, 30, 45, tzinfo=timezone.utc), tick=False)
        def test_frozen(partner_events):
            events = boto3.client(
                "events", region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s"
            )
            events.put_partner_events(Entries=[{{"Source": "{SOURCE}", "DetailType": "T", "Detail": "{{}}"}}])
            assert partner_events.events.one().time == datetime(2024, 2, 29, 12, 30, 45, tzinfo=timezone.utc)
        """
    )

    pytester.runpytest("-p", "no:randomly", "-p", "no:hypothesispytest", "-p", "no:asyncio").assert_outcomes(passed=1)
