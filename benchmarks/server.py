"""Server-mode throughput: PutPartnerEvents calls per second against `PartnerEventsServer` and against moto's
`ThreadedMotoServer`, with the same client code in one run.

The client is what any HTTP client does: one SigV4-signed 20-entry request (1 KB Detail each), sent again and
again over http.client, reconnecting whenever the server closes the connection (werkzeug, under both servers,
closes after every answer). Signing once keeps the client's own cost out of the comparison. The two servers
alternate within each round (which goes first alternates too); the ratio is the median of per-round ratios,
so that noise from other processes falls on both alike.

    python -m benchmarks.server [--quick]
"""

from __future__ import annotations

import http.client
import json
import logging
import statistics
import sys
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
BODY = json.dumps(
    {
        "Entries": [
            {"Source": SOURCE, "DetailType": "OrderCreated", "Detail": json.dumps({"n": n, "pad": "x" * 1000})}
            for n in range(20)
        ]
    }
).encode()
TARGET_RATIO = 1.5


@dataclass(frozen=True)
class Settings:
    rounds: int
    calls_per_round: int


FULL = Settings(rounds=7, calls_per_round=150)
QUICK = Settings(rounds=2, calls_per_round=10)


class Caller:
    """Sends the same signed PutPartnerEvents request to one server, reconnecting when it closes."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.headers = _signed_headers(f"{host}:{port}")
        self._connection: http.client.HTTPConnection | None = None

    def call(self) -> None:
        connection = self._connection or http.client.HTTPConnection(self.host, self.port, timeout=30)
        connection.request("POST", "/", BODY, self.headers)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"benchmark call failed: {response.status} {body[:200]!r}")
        if response.will_close:
            connection.close()
            connection = None
        self._connection = connection

    def calls_per_second(self, count: int) -> float:
        started = time.perf_counter()
        for _ in range(count):
            self.call()
        return count / (time.perf_counter() - started)


def measure(quick: bool = False) -> list[str]:
    """Run the benchmark and return its report lines."""
    settings = QUICK if quick else FULL
    with _ours() as ours, _moto() as moto:
        ours.call(), moto.call()  # warm up both: first-call imports and caches
        ours_rates, moto_rates = _interleaved(ours, moto, settings)
    ratios = [mine / theirs for mine, theirs in zip(ours_rates, moto_rates, strict=True)]
    ratio = statistics.median(ratios)
    verdict = "ok" if ratio >= TARGET_RATIO else "BELOW TARGET"
    return [
        f"server: 20-entry PutPartnerEvents (1 KB Detail each) over loopback HTTP, {settings.rounds} rounds x "
        f"{settings.calls_per_round} calls, median calls/s",
        f"  ours (PartnerEventsServer)  {statistics.median(ours_rates):8.0f} calls/s",
        f"  moto (ThreadedMotoServer)   {statistics.median(moto_rates):8.0f} calls/s",
        f"  ours/moto {ratio:.2f}x (target >= {TARGET_RATIO}x) {verdict}",
    ]


def _interleaved(ours: Caller, moto: Caller, settings: Settings) -> tuple[list[float], list[float]]:
    ours_rates: list[float] = []
    moto_rates: list[float] = []
    for round_number in range(settings.rounds):
        pair = [(ours, ours_rates), (moto, moto_rates)]
        for caller, rates in pair if round_number % 2 == 0 else reversed(pair):
            rates.append(caller.calls_per_second(settings.calls_per_round))
    return ours_rates, moto_rates


@contextmanager
def _ours() -> Iterator[Caller]:
    with PartnerEventsServer() as server:
        yield Caller(server.host, server.port)


@contextmanager
def _moto() -> Iterator[Caller]:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    request_log = logging.getLogger("werkzeug")  # werkzeug logs moto's requests even when not verbose
    level = request_log.level
    request_log.setLevel(logging.ERROR)  # ours logs nothing per request either: compare serving, not logging
    server.start()
    try:
        host, port = server.get_host_and_port()
        _create_partner_source(f"http://{host}:{port}")  # moto answers PutPartnerEvents only for known sources
        yield Caller(host, port)
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
