"""Server-mode throughput and latency: 50 concurrent keep-alive clients sending PutPartnerEvents (10 entries)
to `PartnerEventsServer` and to moto's `ThreadedMotoServer`, in one run.

Each client is what an SDK with a connection pool does: one persistent HTTP/1.1 connection, reused for every
call, reconnecting only when the server closes it (moto's werkzeug server closes after every answer; ours
keeps the connection). The request is SigV4-signed once, so the clients' own cost stays out of the
comparison. The clients run in a child process, so they do not compete with the server for the GIL. The two
servers alternate round by round (which goes first alternates too); the ratio is the median of per-round
ratios, so that noise from other processes falls on both alike. Latency is per call, over all rounds.

    python -m benchmarks.server [--quick]
"""

from __future__ import annotations

import http.client
import json
import logging
import multiprocessing
import multiprocessing.pool
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from mock_partner_events import PartnerEventsServer

SOURCE = "aws.partner/example.com/1234/orders"
CUSTOMER = "111122223333"
ENTRIES = 10
BODY = json.dumps(
    {
        "Entries": [
            {"Source": SOURCE, "DetailType": "OrderCreated", "Detail": json.dumps({"n": n, "pad": "x" * 200})}
            for n in range(ENTRIES)
        ]
    }
).encode()
CLIENTS = 50
TARGET_RATIO = 5.0


@dataclass(frozen=True)
class Settings:
    rounds: int
    calls_per_client: int


FULL = Settings(rounds=5, calls_per_client=40)
QUICK = Settings(rounds=1, calls_per_client=2)


@dataclass(frozen=True)
class Round:
    calls_per_second: float
    latencies: list[float]


class Caller:
    """Sends the same signed PutPartnerEvents request over one connection, reconnecting when the server closes."""

    def __init__(self, host: str, port: int, headers: dict[str, str]) -> None:
        self.host, self.port, self.headers = host, port, headers
        self._connection: http.client.HTTPConnection | None = None

    def call(self) -> float:
        started = time.perf_counter()
        connection = self._connection or http.client.HTTPConnection(self.host, self.port, timeout=60)
        connection.request("POST", "/", BODY, self.headers)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"benchmark call failed: {response.status} {body[:200]!r}")
        if response.will_close:
            connection.close()
            connection = None
        self._connection = connection
        return time.perf_counter() - started

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()


def run_round(host: str, port: int, calls_per_client: int) -> Round:
    """CLIENTS threads, each with its own connection, all starting together; runs in the client process."""
    headers = _signed_headers(f"{host}:{port}")
    callers = [Caller(host, port, headers) for _ in range(CLIENTS)]
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    start = threading.Barrier(CLIENTS + 1)

    def client(number: int) -> None:
        start.wait()
        latencies[number] = [callers[number].call() for _ in range(calls_per_client)]
        callers[number].close()

    threads = [threading.Thread(target=client, args=(number,)) for number in range(CLIENTS)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    flat = [latency for per_client in latencies for latency in per_client]
    if len(flat) != CLIENTS * calls_per_client:
        raise RuntimeError(f"benchmark: {CLIENTS * calls_per_client - len(flat)} calls did not finish")
    return Round(len(flat) / elapsed, flat)


def measure(quick: bool = False) -> list[str]:
    """Run the benchmark and return its report lines."""
    settings = QUICK if quick else FULL
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no threads or locks inherited
    with _ours() as ours, _moto() as moto, context.Pool(1) as clients:
        for address in (ours, moto):  # warm up both: first-call imports and caches
            clients.apply(run_round, (*address, 1))
        ours_rounds, moto_rounds = _interleaved(clients, ours, moto, settings)
    pairs = zip(ours_rounds, moto_rounds, strict=True)
    ratios = [mine.calls_per_second / theirs.calls_per_second for mine, theirs in pairs]
    ratio = statistics.median(ratios)
    verdict = "ok" if ratio >= TARGET_RATIO else "BELOW TARGET"
    return [
        f"server: {CLIENTS} concurrent keep-alive clients, {ENTRIES}-entry PutPartnerEvents over loopback HTTP, "
        f"{settings.rounds} rounds x {settings.calls_per_client} calls per client; median calls/s, latency per call",
        _line("ours (PartnerEventsServer)", ours_rounds),
        _line("moto (ThreadedMotoServer) ", moto_rounds),
        f"  ours/moto {ratio:.2f}x (target >= {TARGET_RATIO}x) {verdict}",
    ]


def _line(name: str, rounds: list[Round]) -> str:
    rate = statistics.median(result.calls_per_second for result in rounds)
    latencies = sorted(latency for result in rounds for latency in result.latencies)
    p50 = latencies[len(latencies) // 2] * 1000
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    return f"  {name} {rate:8.0f} calls/s   p50 {p50:7.1f} ms   p99 {p99:7.1f} ms"


def _interleaved(
    clients: multiprocessing.pool.Pool, ours: tuple[str, int], moto: tuple[str, int], settings: Settings
) -> tuple[list[Round], list[Round]]:
    ours_rounds: list[Round] = []
    moto_rounds: list[Round] = []
    for round_number in range(settings.rounds):
        pair = [(ours, ours_rounds), (moto, moto_rounds)]
        for address, rounds in pair if round_number % 2 == 0 else reversed(pair):
            rounds.append(clients.apply(run_round, (*address, settings.calls_per_client)))
    return ours_rounds, moto_rounds


@contextmanager
def _ours() -> Iterator[tuple[str, int]]:
    with PartnerEventsServer() as server:
        yield server.host, server.port


@contextmanager
def _moto() -> Iterator[tuple[str, int]]:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    request_log = logging.getLogger("werkzeug")  # werkzeug logs moto's requests even when not verbose
    level = request_log.level
    request_log.setLevel(logging.ERROR)  # ours logs nothing per request either: compare serving, not logging
    server.start()
    try:
        host, port = server.get_host_and_port()
        _create_partner_source(f"http://{host}:{port}")  # moto answers PutPartnerEvents only for known sources
        yield host, port
    finally:
        server.stop()
        request_log.setLevel(level)


def _create_partner_source(url: str) -> None:
    client = boto3.client(
        "events", region_name="us-east-1", endpoint_url=url, aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )  # fmt: skip
    client.create_partner_event_source(Name=SOURCE, Account=CUSTOMER)


def _signed_headers(host: str) -> dict[str, str]:
    request = AWSRequest(
        "POST", f"http://{host}/", data=BODY,
        headers={"X-Amz-Target": "AWSEvents.PutPartnerEvents", "Content-Type": "application/x-amz-json-1.1"},
    )  # fmt: skip
    SigV4Auth(Credentials("testing", "testing"), "events", "us-east-1").add_auth(request)
    return {name: str(value) for name, value in request.headers.items()}


if __name__ == "__main__":
    for line in measure(quick="--quick" in sys.argv[1:]):
        print(line)
