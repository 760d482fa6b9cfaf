"""The import benchmark: what the pytest plugin adds to every pytest session of every project that installs us.

Each variant is a fresh interpreter that imports a set of modules; its CPU time is measured from outside. The
plugin's cost is the time it adds on top of `import pytest`, as a share of what `import pytest` itself costs
over a bare interpreter: without boto3 (a project that never touches AWS) and with boto3 already imported.
Every round runs each variant once, in an order that rotates from round to round; the figures are medians.

    python -m benchmarks.imports
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys

TARGET_SHARE = 0.05
PLUGIN = "mock_partner_events.pytest_plugin"
VARIANTS = {
    "bare": "pass",
    "pytest": "import pytest",
    "pytest+plugin": f"import pytest, {PLUGIN}",
    "pytest+boto3": "import pytest, boto3",
    "pytest+boto3+plugin": f"import pytest, boto3, {PLUGIN}",
}


def _run_once(code: str) -> float:
    """The child's CPU time (user + system): a busy machine disturbs it far less than wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _medians(rounds: int) -> dict[str, float]:
    names = list(VARIANTS)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(rounds):
        order = names[round_number % len(names) :] + names[: round_number % len(names)]
        for name in order:
            samples[name].append(_run_once(VARIANTS[name]))
    return {name: statistics.median(values) for name, values in samples.items()}


def measure(quick: bool = False) -> list[str]:
    times = _medians(3 if quick else 31)
    pytest_cost = times["pytest"] - times["bare"]
    alone = (times["pytest+plugin"] - times["pytest"]) / pytest_cost
    with_boto3 = (times["pytest+boto3+plugin"] - times["pytest+boto3"]) / pytest_cost
    verdict = "ok" if alone <= TARGET_SHARE else "OVER TARGET"
    return [
        "imports: fresh interpreters, median CPU time",
        *(f"  {name:<20} {seconds * 1000:7.1f} ms" for name, seconds in times.items()),
        f"  plugin on top of import pytest {alone:+.1%} of pytest's own import "
        f"(target <= {TARGET_SHARE:.0%}) {verdict}",
        f"  plugin on top of import pytest, boto3 {with_boto3:+.1%} of pytest's own import",
    ]


if __name__ == "__main__":
    print("\n".join(measure()))
