"""PutPartnerEvents with a contract loaded for its detail-type and a STARTED schema discoverer on the bus, against
the same mock with neither: together they must not slow publishing by more than 10 % (issue 17). Publishing only
records: the contract check runs when someone asks (`assert_contracts`, the fixture's teardown, the inbox) and
discovery when the Schemas API is next called, both outside the timed calls.

Both variants publish the core benchmark's 20-entry call (20 distinct Details) to the customer's partner bus;
rounds alternate the order, the ratio is the median of the per-round ratios, time is CPU time of this process.
The check that runs later is reported too, per event: once for the timed events (whose 20 shapes repeat, so
the book checks each shape once) and once for events that all differ (every event a fresh jsonschema check).

    python -m benchmarks.contracts [--quick]
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from typing import Any

import boto3

from benchmarks.core import ENTRIES, SOURCE
from mock_partner_events import PartnerEventsMock
from mock_partner_events.contracts import infer_schema

CUSTOMER = "111122223333"
BUS = f"arn:aws:events:us-east-1:{CUSTOMER}:event-bus/{SOURCE}"
TARGET_RATIO = 1.10
CONTRACT = infer_schema([{"detail-type": "OrderCreated", "source": SOURCE, "detail": json.loads(ENTRIES[0]["Detail"])}])


def _client(service: str, key: str) -> Any:
    return boto3.client(service, region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key="testing")


def _time(events: Any, watched: bool, calls: int) -> tuple[float, float]:
    """(µs per call publishing, µs per event for the check afterwards; 0 without contracts)."""
    with PartnerEventsMock() as mock:
        mock.create_source(SOURCE, associate=True)
        if watched:
            mock.contracts.add(CONTRACT)
            _client("schemas", CUSTOMER).create_discoverer(SourceArn=BUS)
        events.put_partner_events(Entries=ENTRIES)  # warm
        started = time.process_time()
        for _ in range(calls):
            events.put_partner_events(Entries=ENTRIES)
        per_call = (time.process_time() - started) / calls * 1e6
        if not watched:
            return per_call, 0.0
        started = time.process_time()
        mock.assert_contracts(require=True)  # what the fixture's teardown does; every event conforms
        per_event = (time.process_time() - started) / len(mock.events) * 1e6
        listed = _client("schemas", CUSTOMER).list_schemas(RegistryName="discovered-schemas")["Schemas"]
        assert [schema["SchemaName"] for schema in listed] == [f"{SOURCE}@OrderCreated"], listed
        return per_call, per_event


def _fresh_check_cost(events: Any, count: int) -> float:
    """µs per event to check events whose Details all differ (no shape shared)."""
    with PartnerEventsMock() as mock:
        mock.contracts.add(CONTRACT)
        for start in range(0, count, 10):
            details = [json.dumps({"n": n, "pad": "x" * 1000}) for n in range(start, start + 10)]
            batch = [{**ENTRIES[0], "Detail": detail} for detail in details]
            events.put_partner_events(Entries=batch)
        started = time.process_time()
        mock.assert_contracts(require=True)
        return (time.process_time() - started) / len(mock.events) * 1e6


def measure(quick: bool = False) -> list[str]:
    rounds, calls = (2, 3) if quick else (21, 60)
    events = _client("events", "123456789012")
    ratios, plain, watched, checks = [], [], [], []
    for index in range(rounds):
        order = (False, True) if index % 2 == 0 else (True, False)
        timed = {variant: _time(events, variant, calls) for variant in order}
        plain.append(timed[False][0])
        watched.append(timed[True][0])
        checks.append(timed[True][1])
        ratios.append(timed[True][0] / timed[False][0])
    ratio = statistics.median(ratios)
    fresh = _fresh_check_cost(events, 20 if quick else 400)
    return [
        f"PutPartnerEvents, 20 entries, per call: neither {statistics.median(plain):.0f} us, "
        f"a contract loaded and a discoverer STARTED {statistics.median(watched):.0f} us",
        f"contracts+discoverer/neither (median of {rounds} rounds): {ratio:.3f} (target <= {TARGET_RATIO:.2f})",
        f"  the check afterwards, per event: {statistics.median(checks):.1f} us (shapes repeating), "
        f"{fresh:.0f} us (every event a new shape)",
    ]


if __name__ == "__main__":
    print("\n".join(measure("--quick" in sys.argv[1:])))
