"""Run every benchmark: `python -m benchmarks.run` (`--quick`: a few iterations, to check the scripts still run).

Each benchmark module has a `measure()`: core (this package's per-call cost against botocore's own and moto's),
patterns (the event-pattern matcher against moto's) and server (server mode against moto's server). A module
that is missing is reported and skipped.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import Any

MODULES = ("benchmarks.core", "benchmarks.patterns", "benchmarks.server")
QUICK_ARGUMENTS = {"quick": True, "rounds": 2, "passes": 1}  # given to each measure() that takes them


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a few iterations only: checks the scripts still run")
    args = parser.parse_args(argv)
    for name in MODULES:
        measure = _measure_function(name)
        if measure is None:
            print(f"{name}: not present, skipped")
            continue
        for line in _lines(name, _call(measure, args.quick)):
            print(line, flush=True)
    return 0


def _measure_function(module_name: str) -> Callable[..., Any] | None:
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as missing:
        if missing.name == module_name:
            return None
        raise
    measure: Callable[..., Any] = module.measure
    return measure


def _call(measure: Callable[..., Any], quick: bool) -> Any:
    if not quick:
        return measure()
    accepted = inspect.signature(measure).parameters
    return measure(**{name: value for name, value in QUICK_ARGUMENTS.items() if name in accepted})


def _lines(module_name: str, result: Any) -> list[str]:
    """A module's report: its own lines, or one `name: value` line per figure of a dict of results."""
    if isinstance(result, Mapping):
        figures = ", ".join(
            f"{key}={value:.3g}" if isinstance(value, float) else f"{key}={value}" for key, value in result.items()
        )
        return [f"{module_name.rpartition('.')[2]}: {figures}"]
    return [str(line) for line in result]


if __name__ == "__main__":
    raise SystemExit(main())
