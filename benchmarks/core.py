"""The core benchmark: one 20-entry PutPartnerEvents call (1 KB Detail each) on one boto3 client under this
mock, under a floor and under moto's mock_aws; and the cost of entering and leaving the mock.

The floor is a `before-send` handler on the client that answers at once with a fixed, valid response: what
botocore itself costs to validate, serialise, sign and parse. A second reference, "least", is the least any
mock that reads the request must do on top of the floor: parse the body and each Detail (with the fastest
parser this package has) and answer the EventIds; it validates, routes and records nothing. A third, "bare"
(benchmarks/bare.py), does what the mock's fast path does for a valid request, as one bare function.

Every round times each variant once, in an order that rotates from round to round; the reported ratio is the
median of the per-round ratios, so that noise from other processes (CPU frequency, a busy neighbour) falls on
all variants alike. Time is CPU time of this process (`time.process_time`), which a busy machine disturbs less
than wall time.

    python -m benchmarks.core
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.awsrequest import AWSResponse

from benchmarks._handlers import answering, json_response
from benchmarks.bare import bare
from mock_partner_events import PartnerEventsMock
from mock_partner_events._wire.fastjson import fast_loads

SOURCE = "aws.partner/example.com/1234/orders"
ENTRIES = [
    {"Source": SOURCE, "DetailType": "OrderCreated", "Detail": json.dumps({"n": n, "pad": "x" * 1000})}
    for n in range(20)
]
TARGET_RATIO = 1.20
TARGET_ENTER_EXIT_US = 100.0

Activate = Callable[[], AbstractContextManager[Any]]


@dataclass(frozen=True)
class Settings:
    rounds: int
    calls_per_round: int
    activations: int


FULL = Settings(rounds=41, calls_per_round=40, activations=3000)
QUICK = Settings(rounds=2, calls_per_round=3, activations=20)


@dataclass(frozen=True)
class Result:
    per_call_us: dict[str, float]  # median round, microseconds per call
    ratios: dict[str, float]  # median over rounds of (variant / floor in the same round)
    enter_exit_us: float
    moto_enter_exit_us: float | None


def measure(quick: bool = False) -> list[str]:
    """Run the benchmark and return its report lines."""
    return report(run(QUICK if quick else FULL))


def run(settings: Settings) -> Result:
    mock_aws = _mock_aws()  # before the client: moto's handler must exist when the client is built
    client = _client()
    variants: dict[str, Activate] = {
        "floor": lambda: _floor(client),
        "least": lambda: _floor(client, read_request=True),
        "bare": lambda: bare(client),
        "ours": PartnerEventsMock,
    }
    if mock_aws is not None:
        variants["moto"] = lambda: _moto_with_source(mock_aws, client)
    rounds = _interleaved_rounds(client, variants, settings)
    return Result(
        {name: statistics.median(round_[name] for round_ in rounds) for name in variants},
        {name: statistics.median(round_[name] / round_["floor"] for round_ in rounds) for name in variants},
        _time_activation(PartnerEventsMock, settings.activations),
        None if mock_aws is None else _time_activation(mock_aws, max(settings.activations // 300, 3)),
    )


def report(result: Result) -> list[str]:
    ours, enter_exit = result.ratios["ours"], result.enter_exit_us
    lines = ["core: 20-entry PutPartnerEvents (1 KB Detail each) on one boto3 client, median CPU time per call"]
    for name, micros in result.per_call_us.items():
        lines.append(f"  {name:<6} {micros:8.1f} us")
    lines.append(f"  ours/floor {ours:.2f}x (target <= {TARGET_RATIO}x) {_verdict(ours <= TARGET_RATIO)}")
    lines.append(f"  least/floor {result.ratios['least']:.2f}x (parses the request and answers: no checks, no records)")
    lines.append(f"  bare/floor  {result.ratios['bare']:.2f}x (ours' checks and records as one bare function)")
    if "moto" in result.ratios:
        lines.append(f"  moto/floor {result.ratios['moto']:.2f}x")
    lines.append(
        f"  enter+exit of a new mock {enter_exit:.1f} us (target <= {TARGET_ENTER_EXIT_US:.0f} us) "
        f"{_verdict(enter_exit <= TARGET_ENTER_EXIT_US)}"
    )
    if result.moto_enter_exit_us is not None:
        lines.append(f"  enter+exit of moto's mock_aws {result.moto_enter_exit_us:.0f} us")
    return lines


def _verdict(met: bool) -> str:
    return "ok" if met else "OVER TARGET"


def _interleaved_rounds(client: Any, variants: dict[str, Activate], settings: Settings) -> list[dict[str, float]]:
    names = list(variants)
    rounds = []
    for number in range(settings.rounds):
        order = names[number % len(names) :] + names[: number % len(names)]
        rounds.append({name: _time_calls(client, variants[name], settings.calls_per_round) for name in order})
    return rounds


def _time_calls(client: Any, activate: Activate, calls: int) -> float:
    """Microseconds per call, the variant active; the first call (caches, provisioning) is not timed."""
    with activate():
        client.put_partner_events(Entries=ENTRIES)
        started = time.process_time()
        for _ in range(calls):
            client.put_partner_events(Entries=ENTRIES)
        return (time.process_time() - started) / calls * 1e6


def _time_activation(activate: Activate, times: int) -> float:
    """Microseconds to build, enter and leave one mock: what each test pays for its own."""
    started = time.process_time()
    for _ in range(times):
        with activate():
            pass
    return (time.process_time() - started) / times * 1e6


def _client() -> Any:
    return boto3.client("events", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")


@contextmanager
def _floor(client: Any, read_request: bool = False) -> Iterator[None]:
    """botocore's own cost: a before-send handler on this client that answers with a fixed valid response;
    with `read_request`, it first parses the body and every Detail, as the least a reading mock must do."""
    event_ids = [{"EventId": f"00000000-0000-4000-8000-{n:012d}"} for n in range(len(ENTRIES))]
    body = json.dumps({"FailedEntryCount": 0, "Entries": event_ids}).encode()
    loads = fast_loads or json.loads

    def answer(request: Any, **kwargs: Any) -> AWSResponse:
        if read_request:
            for entry in loads(request.body)["Entries"]:
                loads(entry["Detail"])
        return json_response(request.url, body)

    with answering(client, answer, "benchmark-floor"):
        yield


@contextmanager
def _moto_with_source(mock_aws: Activate, client: Any) -> Iterator[None]:
    """moto refuses events for a source it does not know, so the benchmark's source is created first."""
    with mock_aws():
        client.create_partner_event_source(Name=SOURCE, Account="111122223333")
        yield


def _mock_aws() -> Activate | None:
    try:
        from moto import mock_aws
    except ImportError:  # moto is an optional extra
        return None
    return mock_aws


if __name__ == "__main__":
    print("\n".join(measure()))
