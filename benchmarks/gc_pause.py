"""In-process garbage-collection pauses: 10,000 PutPartnerEvents calls of 10 entries on one boto3 client under
the mock, once holding every record (100,000 events) and once with the records cleared every 500 calls, in the
same process.

What is compared is the worst collector pause (`gc.callbacks`, any generation; CPU time of the collecting
thread, so that a busy neighbour descheduling this process is not counted as collection) and the slowest call
(wall time) of each loop. With records the collector does not track, the held loop's worst pause is boto3's
own heap, as in the cleared loop: the target is held/cleared <= 1.5. The two loops alternate in order from round
to round, after a warm-up, so that caches and a busy neighbour fall on both alike.

    python -m benchmarks.gc_pause [--quick]
"""

from __future__ import annotations

import gc
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import boto3

from mock_partner_events import mock_partner_events

SOURCE = "aws.partner/example.com/1234/orders"
ENTRIES = [
    {"Source": SOURCE, "DetailType": "OrderCreated", "Detail": json.dumps({"n": n, "pad": "x" * 200})}
    for n in range(10)
]
CLEAR_EVERY = 500
TARGET_RATIO = 1.5


@dataclass(frozen=True)
class Settings:
    calls: int
    rounds: int


FULL = Settings(calls=10_000, rounds=2)
QUICK = Settings(calls=300, rounds=1)


@dataclass(frozen=True)
class Loop:
    worst_pause: float  # seconds, the longest single collection
    full_collections: int
    slowest_call: float
    events_held: int


class _Pauses:
    """The collector's pauses while active, from gc.callbacks."""

    def __init__(self) -> None:
        self.worst = 0.0
        self.full = 0
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.thread_time()
            return
        self.worst = max(self.worst, time.thread_time() - self._started)
        self.full += info["generation"] == 2


@contextmanager
def _watching() -> Iterator[_Pauses]:
    pauses = _Pauses()
    gc.callbacks.append(pauses)
    try:
        yield pauses
    finally:
        gc.callbacks.remove(pauses)


def run_loop(calls: int, clear_every: int | None) -> Loop:
    """`calls` calls under a fresh mock; `clear_every`: reset the records every that many calls (None: hold all)."""
    client = boto3.client(
        "events", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    slowest = 0.0
    with mock_partner_events() as mock:
        client.put_partner_events(Entries=ENTRIES)
        gc.collect()
        with _watching() as pauses:
            for number in range(calls):
                if clear_every and number and number % clear_every == 0:
                    mock.reset()
                started = time.perf_counter()
                client.put_partner_events(Entries=ENTRIES)
                slowest = max(slowest, time.perf_counter() - started)
        held = len(mock.events)
    return Loop(pauses.worst, pauses.full, slowest, held)


def measure(quick: bool = False) -> list[str]:
    settings = QUICK if quick else FULL
    run_loop(50, None)  # warm up: botocore's caches and the mock's imports
    held: list[Loop] = []
    cleared: list[Loop] = []
    for round_number in range(settings.rounds):
        pair = [(None, held), (CLEAR_EVERY, cleared)]
        for clear_every, loops in pair if round_number % 2 == 0 else reversed(pair):
            loops.append(run_loop(settings.calls, clear_every))
            gc.collect()
    worst_held = max(loop.worst_pause for loop in held)
    worst_cleared = max(loop.worst_pause for loop in cleared)
    ratio = worst_held / worst_cleared if worst_cleared else float("inf")
    verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
    return [
        f"gc pauses: {settings.calls} PutPartnerEvents calls of {len(ENTRIES)} entries in-process, "
        f"{settings.rounds} rounds; records held vs cleared every {CLEAR_EVERY} calls",
        _line("held   ", held),
        _line("cleared", cleared),
        f"  held/cleared worst pause {ratio:.2f}x (target <= {TARGET_RATIO}x) {verdict}",
    ]


def _line(name: str, loops: list[Loop]) -> str:
    worst = max(loop.worst_pause for loop in loops) * 1000
    slowest = max(loop.slowest_call for loop in loops) * 1000
    full = sum(loop.full_collections for loop in loops)
    held = max(loop.events_held for loop in loops)
    return (
        f"  {name} worst gc pause (CPU) {worst:6.1f} ms   full collections {full:3d}   "
        f"slowest call {slowest:6.1f} ms   events held at the end {held}"
    )


if __name__ == "__main__":
    for line in measure(quick="--quick" in sys.argv[1:]):
        print(line)
