"""Run every benchmark: `python -m benchmarks.run` (`--quick`: a few iterations, to check the scripts still run).

Each benchmark module has a `measure(quick=False)` that returns its report lines: imports (what the pytest plugin
adds to every pytest session), core (this package's per-call
cost against botocore's own and moto's), patterns (the event-pattern matcher against moto's) and server (server
mode against moto's server) and inbox (a publisher with the inbox open).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from benchmarks import contracts, core, imports, inbox, patterns, server


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a few iterations only: checks the scripts still run")
    args = parser.parse_args(argv)
    for module in (imports, core, patterns, server, inbox, contracts):
        print("\n".join(module.measure(args.quick)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
