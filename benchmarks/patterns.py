"""Event-pattern matching speed: our compiled matcher against moto's, per match, on AWS's recorded cases.

Both matchers get the same patterns, loaded once, and the same events: the match and no-match cases of
tests/data/event-patterns.json that moto can run. Only matching is timed. The two sides alternate within
each round (which one goes first alternates too), and the ratio is the median of the per-round ratios, so
that noise from other processes falls on both alike.

    python -m benchmarks.patterns
"""

from __future__ import annotations

import gc
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mock_partner_events._patterns.compile import compile_pattern

CASES_FILE = Path(__file__).resolve().parent.parent / "tests" / "data" / "event-patterns.json"
TARGET_RATIO = 5.0

Matcher = Callable[[Any], Any]
Workload = list[tuple[Matcher, dict[str, Any]]]


def measure(quick: bool = False) -> list[str]:
    """The report lines, as every benchmark module gives them to `benchmarks.run`."""
    return report(timings(rounds=2, passes=1) if quick else timings())


def report(result: dict[str, float]) -> list[str]:
    ours_us, moto_us = result["ours_seconds_per_match"] * 1e6, result["moto_seconds_per_match"] * 1e6
    verdict = "ok" if result["ratio"] >= TARGET_RATIO else "UNDER TARGET"
    return [
        f"patterns: event-pattern matcher on {result['cases']:.0f} conformance cases, median time per match",
        f"  ours {ours_us:8.2f} us",
        f"  moto {moto_us:8.2f} us",
        f"  moto/ours {result['ratio']:.1f}x (target >= {TARGET_RATIO:.0f}x) {verdict}",
    ]


def timings(rounds: int = 15, passes: int = 20) -> dict[str, float]:
    """Seconds per match for each matcher (median round) and how many times faster ours is than moto's.

    Each round runs every case ``passes`` times with each matcher.
    """
    from moto.events.models import EventPattern  # imported here: moto is slow to import and optional

    ours: Workload = []
    moto: Workload = []
    for text, event in _cases():
        moto_match = EventPattern.load(text).matches_event
        if _runs(moto_match, event):
            ours.append((compile_pattern(text).matches, event))
            moto.append((moto_match, event))
    ours_times, moto_times = [], []
    for round_number in range(rounds):
        if round_number % 2:
            moto_times.append(_per_match(moto, passes))
            ours_times.append(_per_match(ours, passes))
        else:
            ours_times.append(_per_match(ours, passes))
            moto_times.append(_per_match(moto, passes))
    ratios = [theirs / mine for mine, theirs in zip(ours_times, moto_times, strict=True)]
    return {
        "cases": float(len(ours)),
        "ours_seconds_per_match": statistics.median(ours_times),
        "moto_seconds_per_match": statistics.median(moto_times),
        "ratio": statistics.median(ratios),
    }


def _cases() -> list[tuple[str, dict[str, Any]]]:
    cases = json.loads(CASES_FILE.read_text())["cases"]
    return [(json.dumps(case["pattern"]), case["event"]) for case in cases if case["expect"] != "error"]


def _runs(match: Matcher, event: dict[str, Any]) -> bool:
    """moto may reject or trip over a case AWS handles; those cases are left out of both sides."""
    try:
        match(event)
    except Exception:
        return False
    return True


def _per_match(workload: Workload, passes: int) -> float:
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(passes):
            for match, event in workload:
                match(event)
        elapsed = time.perf_counter() - start
    finally:
        if gc_was_enabled:
            gc.enable()
    return elapsed / (passes * len(workload))


if __name__ == "__main__":
    print("\n".join(measure()))
