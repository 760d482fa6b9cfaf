"""Run every benchmark: `python -m benchmarks.run` (`--quick`: a few iterations, to check the scripts still run).

Each benchmark module has a `measure(quick=False)` that returns its report lines: imports (what the pytest plugin
adds to every pytest session), core (this package's per-call
cost against botocore's own and moto's), patterns (the event-pattern matcher against moto's), server (server
mode against moto's server), inbox (a publisher with the inbox open), gc_pause (collector pauses in-process with
100,000 events held against records cleared) and load (sustained load on `serve`: two phases of 50 clients x 300
calls, latency and memory).

`--against REV` runs the per-call and enter+exit measurements for this tree and for REV (checked out into a
temporary git worktree) in the same run, taking turns, and prints both (`--repeat N` runs each side N times;
`--callgrind` adds valgrind's instruction counts); see benchmarks/against.py.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from benchmarks import against, contracts, core, gc_pause, imports, inbox, load, patterns, server


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a few iterations only: checks the scripts still run")
    parser.add_argument("--against", metavar="REV", help="compare per call and enter+exit with git revision REV")
    parser.add_argument("--repeat", type=int, default=3, help="with --against: runs of each side (default 3)")
    parser.add_argument("--callgrind", action="store_true", help="with --against: add valgrind instruction counts")
    args = parser.parse_args(argv)
    if args.against:
        lines = against.measure(args.against, repeat=args.repeat, quick=args.quick, callgrind=args.callgrind)
        print("\n".join(lines), flush=True)
        return 0
    for module in (imports, core, patterns, server, inbox, contracts, gc_pause, load):
        print("\n".join(module.measure(args.quick)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
