"""PutPartnerEvents with a schema discoverer running on the bus the events reach, against the same mock without
one: the discoverer must not slow publishing by more than 10 % (it only keeps the delivered rows; inference runs
when the Schemas API is next called, which this benchmark never does while timing).

Both variants publish the core benchmark's 20-entry call to the customer's partner bus; rounds alternate the
order, the ratio is the median of the per-round ratios, time is CPU time of this process.

    python -m benchmarks.discovery [--quick]
"""

from __future__ import annotations

import statistics
import sys
import time
from typing import Any

import boto3

from benchmarks.core import ENTRIES, SOURCE
from mock_partner_events import PartnerEventsMock

CUSTOMER = "111122223333"
TARGET_RATIO = 1.10


def _client(service: str, key: str) -> Any:
    return boto3.client(service, region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key="testing")


def _time(events: Any, discoverer: bool, calls: int) -> float:
    with PartnerEventsMock() as mock:
        bus = mock.create_source(SOURCE, associate=True) and f"arn:aws:events:us-east-1:{CUSTOMER}:event-bus/{SOURCE}"
        if discoverer:
            _client("schemas", CUSTOMER).create_discoverer(SourceArn=bus)
        events.put_partner_events(Entries=ENTRIES)  # warm
        started = time.process_time()
        for _ in range(calls):
            events.put_partner_events(Entries=ENTRIES)
        elapsed = (time.process_time() - started) / calls * 1e6
        if discoverer:  # the inference, once, outside the timing: it must find the schema
            listed = _client("schemas", CUSTOMER).list_schemas(RegistryName="discovered-schemas")["Schemas"]
            assert [schema["SchemaName"] for schema in listed] == [f"{SOURCE}@OrderCreated"], listed
        return elapsed


def measure(rounds: int, calls: int) -> list[str]:
    events = _client("events", "123456789012")
    ratios, plain, watched = [], [], []
    for index in range(rounds):
        order = (False, True) if index % 2 == 0 else (True, False)
        timed = {discoverer: _time(events, discoverer, calls) for discoverer in order}
        plain.append(timed[False])
        watched.append(timed[True])
        ratios.append(timed[True] / timed[False])
    ratio = statistics.median(ratios)
    return [
        f"PutPartnerEvents, 20 entries, per call: without a discoverer {statistics.median(plain):.0f} us, "
        f"with one STARTED on the bus {statistics.median(watched):.0f} us",
        f"ratio (median of {rounds} rounds): {ratio:.3f} (target <= {TARGET_RATIO:.2f})",
    ]


if __name__ == "__main__":
    quick = "--quick" in sys.argv[1:]
    print("\n".join(measure(2, 3) if quick else measure(21, 60)))
