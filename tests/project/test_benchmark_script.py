"""`python -m benchmarks.run --quick` keeps working, so the benchmark script never rots."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT


def test_quick_benchmark_run_reports_every_figure() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--quick"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )

    assert finished.returncode == 0, finished.stderr
    out = finished.stdout
    figures = (
        "plugin on top of import pytest ",
        "  floor ",
        "  ours ",
        "ours/floor ",
        "least/floor ",
        "bare/floor ",
        "enter+exit of a new mock ",
    )
    sustained = ("held/cleared worst pause ", "  phase 1: ", "  phase 2: ", " B per recorded event")
    for figure in (*figures, "moto/ours ", "ours/moto ", "contracts+discoverer/neither ", *sustained):
        assert figure in out, f"{figure!r} missing from:\n{out}"
