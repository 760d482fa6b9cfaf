"""The example publisher (examples/publisher.py) against injected faults: what a partner's own tests look like."""

from __future__ import annotations

import importlib.util
import json
import logging
import random
import subprocess
import sys
import time
from types import ModuleType
from typing import Any

import pytest
from helpers import ROOT, SOURCE, entry, make_client

from mock_partner_events import PartnerEventsMock


def _load_publisher() -> ModuleType:
    path = ROOT / "examples" / "publisher.py"
    spec = importlib.util.spec_from_file_location("example_publisher", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


publisher = _load_publisher()


def orders(count: int, detail_bytes: int = 0) -> list[dict[str, Any]]:
    return [entry(detail={"id": n, "pad": "x" * detail_bytes}) for n in range(count)]


def ids(entries: list[Any]) -> list[int]:
    return [json.loads(entry["Detail"])["id"] for entry in entries]


pytestmark = pytest.mark.partner_events(seed=9)  # the `mock` fixture (tests/conftest.py) is seeded


@pytest.fixture
def slept() -> list[float]:
    return []


@pytest.fixture
def make_publisher(slept: list[float]) -> Any:
    def make(mode: str = "standard", **options: Any) -> Any:
        client = make_client(retries={"mode": mode})
        return publisher.Publisher(client, sleep=slept.append, rng=random.Random(0), **options)

    return make


def sent_batches(mock: PartnerEventsMock) -> list[list[int]]:
    return [ids(call.params["Entries"]) for call in mock.calls if call.params]


def test_batches_hold_at_most_20_entries(mock: PartnerEventsMock, make_publisher: Any) -> None:
    report = make_publisher().publish(orders(45))

    assert [len(batch) for batch in sent_batches(mock)] == [20, 20, 5]
    assert len(report.accepted) == 45
    assert len(mock.events) == 45


def test_batches_stay_within_262144_bytes_by_aws_formula(mock: PartnerEventsMock, make_publisher: Any) -> None:
    entries = orders(5, detail_bytes=100_000)

    make_publisher().publish(entries)

    assert [len(batch) for batch in sent_batches(mock)] == [2, 2, 1]
    assert all(call.ok for call in mock.calls)
    assert publisher.entry_size(entries[0]) == len(SOURCE) + len("OrderCreated") + len(entries[0]["Detail"])


def test_an_entry_too_large_alone_is_dropped_unsent(mock: PartnerEventsMock, make_publisher: Any) -> None:
    entries = orders(1) + orders(1, detail_bytes=262_144)

    report = make_publisher().publish(entries)

    assert [dropped.error_code for dropped in report.dropped] == ["EntryTooLarge"]
    assert sent_batches(mock) == [[0]]


@pytest.mark.parametrize("mode", ["legacy", "standard", "adaptive"])
def test_a_failed_entry_is_re_sent_alone(mock: PartnerEventsMock, make_publisher: Any, mode: str) -> None:
    mock.faults.fail_entries("InternalFailure", where={"detail": {"id": [3]}}, times=1)

    report = make_publisher(mode).publish(orders(5))

    assert sent_batches(mock) == [[0, 1, 2, 3, 4], [3]]
    [resent] = mock.resent_entries()
    assert ids([resent.entry]) == [3]
    assert [send.outcome for send in resent.sends] == ["InternalFailure", "accepted"]
    assert all(call.attempt == 1 for call in mock.calls)  # botocore retried nothing: the publisher did
    assert sorted(ids([entry for entry, _ in report.accepted])) == [0, 1, 2, 3, 4]
    assert report.resent == 1
    assert mock.events.duplicates() == []


def test_throttled_entries_are_retryable_too(mock: PartnerEventsMock, make_publisher: Any, slept: list[float]) -> None:
    mock.faults.fail_entries("ThrottlingException", times=3)

    report = make_publisher().publish(orders(4))

    assert sent_batches(mock) == [[0, 1, 2, 3], [0, 1, 2]]
    assert len(report.accepted) == 4
    assert len(slept) == 1
    assert 0 <= slept[0] <= 0.1


def test_non_retryable_failures_are_dropped_with_a_log(
    mock: PartnerEventsMock, make_publisher: Any, caplog: pytest.LogCaptureFixture
) -> None:
    entries = orders(3)
    entries[1] = {**entries[1], "Detail": "[1]"}
    mock.faults.fail_entries("AccessDeniedException", where={"detail": {"id": [2]}})

    with caplog.at_level(logging.WARNING, logger="publisher"):
        report = make_publisher().publish(entries)

    assert [(dropped.error_code, dropped.error_message) for dropped in report.dropped] == [
        ("MalformedDetail", "Detail is malformed."),
        ("AccessDeniedException", "AccessDeniedException (injected by mock-partner-events)"),
    ]
    assert len(mock.calls) == 1
    assert [record.getMessage() for record in caplog.records] == [
        "dropped an entry (OrderCreated): MalformedDetail: Detail is malformed.",
        "dropped an entry (OrderCreated): AccessDeniedException: AccessDeniedException (injected by "
        "mock-partner-events)",
    ]


def test_gives_up_after_max_rounds(mock: PartnerEventsMock, make_publisher: Any, slept: list[float]) -> None:
    mock.faults.fail_entries("InternalFailure", where={"detail": {"id": [0]}})

    report = make_publisher(max_rounds=3).publish(orders(2))

    assert [dropped.error_code for dropped in report.dropped] == ["RetriesExhausted"]
    assert len(mock.calls) == 3
    assert len(slept) == 2


def test_request_level_throttles_are_left_to_botocore(mock: PartnerEventsMock, make_publisher: Any) -> None:
    mock.faults.fail_requests("ThrottlingException", times=2)

    report = make_publisher().publish(orders(3))

    assert report.requests == 1
    assert [call.attempt for call in mock.calls] == [1, 2, 3]
    assert len(report.accepted) == 3


def test_a_lost_answer_leaves_duplicates_the_publisher_cannot_see(mock: PartnerEventsMock, make_publisher: Any) -> None:
    mock.faults.disconnect(when="after", times=1)

    report = make_publisher().publish(orders(3))

    assert len(report.accepted) == 3
    assert len(mock.events) == 6
    duplicates = mock.events.duplicates()
    assert sorted(group[0].detail["id"] for group in duplicates) == [0, 1, 2]
    assert all([event.attempt for event in group] == [1, 2] for group in duplicates)


def test_when_botocore_gives_up_the_error_carries_the_report(mock: PartnerEventsMock, make_publisher: Any) -> None:
    mock.faults.throttle(rate=0.0001, burst=1)  # one request, then nothing for hours

    with pytest.raises(publisher.PublishError) as raised:
        make_publisher().publish(orders(25))

    assert len(raised.value.report.accepted) == 20
    assert "ThrottlingException" in str(raised.value)
    assert [call.attempt for call in mock.calls] == [1, 1, 2, 3]


def test_the_demo_tells_the_story_in_a_couple_of_seconds() -> None:
    demo = ROOT / "examples" / "demo.py"

    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(demo)], capture_output=True, text=True, check=True, timeout=60)

    assert time.perf_counter() - started < 10
    assert result.stderr == ""
    for line in [
        "fail_requests(ThrottlingException)     1x      fired 1",
        "disconnect(after)                     accepted, answer lost",
        "re-sent     order 23 by the publisher: InternalFailure -> accepted",
        "duplicates  20 orders accepted twice (1..20)",
        "dropped     order 3: MalformedDetail 'Detail is malformed.'",
    ]:
        assert line in result.stdout
