"""This tree against another revision, in the same run: `python -m benchmarks.run --against REV`.

REV is checked out into a temporary git worktree (removed afterwards). Each side runs in its own interpreter with
its own tree first on the path, taking turns `repeat` times, so that a busy neighbour falls on both alike; the
report gives each side's range of the per-call and enter+exit figures of `benchmarks.core` (the mock alone, the
botocore floor beside it). With `callgrind`, each side is also counted by valgrind: instructions per call and
per enter+exit, which do not depend on the machine's load (the difference of a run with N calls and one with none).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

# Runs inside each side's interpreter; uses only what benchmarks.core has had since the per-call benchmark began.
_TIMED = """
import json, sys
from benchmarks import core
from mock_partner_events import PartnerEventsMock
settings = core.Settings(rounds={rounds}, calls_per_round={calls}, activations={activations})
client = core._client()
rounds = core._interleaved_rounds(client, {{"floor": lambda: core._floor(client), "ours": PartnerEventsMock}}, settings)
ours = sorted(round_["ours"] for round_ in rounds)[len(rounds) // 2]
ratio = sorted(round_["ours"] / round_["floor"] for round_ in rounds)[len(rounds) // 2]
enter_exit = core._time_activation(PartnerEventsMock, settings.activations)
print(json.dumps({{"per_call_us": ours, "ratio": ratio, "enter_exit_us": enter_exit}}))
"""
_COUNTED = """
import sys
from benchmarks import core
from mock_partner_events import PartnerEventsMock
calls, activations = int(sys.argv[1]), int(sys.argv[2])
client = core._client()
with PartnerEventsMock():
    client.put_partner_events(Entries=core.ENTRIES)
    for _ in range(calls):
        client.put_partner_events(Entries=core.ENTRIES)
for _ in range(activations):
    with PartnerEventsMock():
        pass
"""


def measure(revision: str, *, repeat: int = 3, quick: bool = False, callgrind: bool = False) -> list[str]:
    """Report lines comparing this tree with `revision`."""
    rounds, calls, activations = (2, 3, 20) if quick else (15, 20, 1000)
    script = _TIMED.format(rounds=rounds, calls=calls, activations=activations)
    with _worktree(revision) as other:
        sides = {"this tree": HERE, revision: other}
        timed: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
        for _ in range(repeat):
            for name, tree in sides.items():
                timed[name].append(json.loads(_python(tree, "-c", script)))
        lines = [f"against {revision}: {repeat} alternating runs each, median CPU time per call (range over runs)"]
        lines += [_timed_line(name, runs) for name, runs in timed.items()]
        if callgrind:
            lines.append("  callgrind instructions (repeatable): per 20-entry call, per enter+exit")
            lines += [_counted_line(name, tree, quick) for name, tree in sides.items()]
    return lines


def _timed_line(name: str, runs: list[dict[str, float]]) -> str:
    def span(key: str, digits: int) -> str:
        values = sorted(run[key] for run in runs)
        return f"{values[0]:.{digits}f}..{values[-1]:.{digits}f}"

    return (
        f"  {name:<12} per call {span('per_call_us', 1)} us (ours/floor {span('ratio', 2)}x), "
        f"enter+exit {span('enter_exit_us', 1)} us"
    )


def _counted_line(name: str, tree: Path, quick: bool) -> str:
    calls, activations = (2, 20) if quick else (20, 500)
    base = _instructions(tree, 0, 0)
    per_call = (_instructions(tree, calls, 0) - base) / calls
    per_activation = (_instructions(tree, 0, activations) - base) / activations
    return f"  {name:<12} {per_call:,.0f} per call, {per_activation:,.0f} per enter+exit"


def _instructions(tree: Path, calls: int, activations: int) -> int:
    output = _run(
        tree,
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"],
        "-c",
        _COUNTED,
        str(calls),
        str(activations),
    )
    for line in output.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1].strip())
    raise RuntimeError(f"mock-partner-events: valgrind printed no instruction count; it said:\n{output}")


def _python(tree: Path, *args: str) -> str:
    return _run(tree, [], *args)


def _run(tree: Path, prefix: list[str], *args: str) -> str:
    environment = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}  # counts repeat only with one seed
    done = subprocess.run(
        [*prefix, sys.executable, *args], cwd=tree, env=environment, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"mock-partner-events: the benchmark failed in {tree}:\n{done.stderr}")
    return done.stdout + done.stderr


@contextmanager
def _worktree(revision: str) -> Iterator[Path]:
    """`revision` checked out in a temporary git worktree of this repository, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="mpe-against-")) / "tree"
    git = ["git", "-C", str(HERE)]
    subprocess.run([*git, "worktree", "add", "--detach", "--quiet", str(folder), revision], check=True)
    try:
        yield folder
    finally:
        subprocess.run([*git, "worktree", "remove", "--force", str(folder)], check=False)
        shutil.rmtree(folder.parent, ignore_errors=True)
