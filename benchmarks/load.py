"""Sustained load on `mock-partner-events serve`: 50 keep-alive `http.client` clients each send 300
PutPartnerEvents of 10 entries, and then again (phase 2), to one server that keeps every record (300,000 events).

The server runs in a subprocess, as a CI job in another language would use it; the clients are threads of this
process, each with one persistent HTTP/1.1 connection and one request signed once (see benchmarks.server).
Reported per phase: calls/s, latency p50/p99/max; and the server's resident memory growth per recorded event
(calls included), from /proc. Targets (issue 20): p99 <= 4x p50 and max <= 10x p50 in both phases (phase 1
starts cold: no stall at start), and at most 1 KB of server memory per recorded event.

    python -m benchmarks.load [--quick]
"""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.server import BODY, CLIENTS, ENTRIES, run_round

P99_TARGET = 4.0
MAX_TARGET = 10.0
BYTES_PER_EVENT_TARGET = 1024


@dataclass(frozen=True)
class Settings:
    calls_per_client: int
    phases: int


FULL = Settings(calls_per_client=300, phases=2)
QUICK = Settings(calls_per_client=3, phases=2)


@dataclass(frozen=True)
class Phase:
    calls_per_second: float
    p50: float
    p99: float
    worst: float

    def line(self, number: int) -> str:
        p99_ok = self.p99 <= P99_TARGET * self.p50
        max_ok = self.worst <= MAX_TARGET * self.p50
        verdict = "ok" if p99_ok and max_ok else "OVER TARGET"
        return (
            f"  phase {number}: {self.calls_per_second:7.0f} calls/s   p50 {self.p50 * 1000:6.1f} ms   "
            f"p99 {self.p99 * 1000:6.1f} ms ({self.p99 / self.p50:4.1f}x p50)   "
            f"max {self.worst * 1000:7.1f} ms ({self.worst / self.p50:5.1f}x p50) {verdict}"
        )


def run_phase(host: str, port: int, calls_per_client: int) -> Phase:
    """CLIENTS threads, each with its own connection, all starting together (the server benchmark's round)."""
    played = run_round(host, port, calls_per_client)
    flat = sorted(played.latencies)
    p99 = flat[min(len(flat) - 1, int(len(flat) * 0.99))]
    return Phase(played.calls_per_second, flat[len(flat) // 2], p99, flat[-1])


def measure(quick: bool = False) -> list[str]:
    settings = QUICK if quick else FULL
    gc.collect()
    gc.freeze()  # the clients' process holds boto3: its full collections would stall the clients, not the server
    try:
        with _serve() as (pid, host, port):
            rss_before = _rss(pid)
            phases = [run_phase(host, port, settings.calls_per_client) for _ in range(settings.phases)]
            rss_after = _rss(pid)
    finally:
        gc.unfreeze()
    events = CLIENTS * settings.calls_per_client * settings.phases * ENTRIES
    per_event = (rss_after - rss_before) / events
    memory_ok = "ok" if per_event <= BYTES_PER_EVENT_TARGET else "OVER TARGET"
    return [
        f"load: {CLIENTS} keep-alive clients x {settings.calls_per_client} PutPartnerEvents of {ENTRIES} entries "
        f"({len(BODY)} B), {settings.phases} phases against `serve` in a subprocess, nothing reset",
        *(phase.line(number) for number, phase in enumerate(phases, 1)),
        f"  server memory {rss_before / 2**20:.0f} MB -> {rss_after / 2**20:.0f} MB: {per_event:.0f} B per recorded "
        f"event, calls included ({events} events; target <= {BYTES_PER_EVENT_TARGET} B) {memory_ok}",
    ]


@contextmanager
def _serve() -> Iterator[tuple[int, str, int]]:
    """`mock-partner-events serve` on a free port, in a subprocess; the address from its banner."""
    command = [sys.executable, "-m", "mock_partner_events", "serve", "--port", "0", "--quiet"]
    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as server:
        try:
            assert server.stdout is not None
            banner = server.stdout.readline()
            found = re.search(r"http://([0-9.]+):(\d+)", banner)
            if found is None:
                raise RuntimeError(f"benchmark: serve did not start: {banner!r}")
            yield server.pid, found.group(1), int(found.group(2))
        finally:
            server.terminate()
            server.wait(10)


def _rss(pid: int) -> int:
    """Resident memory of a process, in bytes (Linux /proc)."""
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) * 1024 if found else 0


if __name__ == "__main__":
    for line in measure(quick="--quick" in sys.argv[1:]):
        print(line)
