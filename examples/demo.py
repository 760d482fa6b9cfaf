"""`make demo`: the example partner publisher against mock-partner-events, in three short scenarios.

Each scenario injects faults, publishes through a real boto3 client (botocore's own retry logic runs), and
prints what happened: the calls the mock saw, the faults that fired, botocore's (virtual) back-off, the entries
the publisher re-sent and the events accepted twice.
"""

from __future__ import annotations

import json
import logging
import random
import re
import time
from collections.abc import Sequence
from typing import Any

import boto3
from botocore.config import Config
from publisher import Publisher, PublishReport  # examples/ is on sys.path when this file runs as a script

from mock_partner_events import PartnerEventsMock, RecordedCall, mock_partner_events

SOURCE = "aws.partner/acme.example/1234/orders"
WIDTH = 104
ORDER_ID = re.compile(r"\d+")  # the first number in a Detail is the order id, even in a malformed one


def orders(first: int, last: int) -> list[dict[str, Any]]:
    return [
        {"Source": SOURCE, "DetailType": "OrderCreated", "Detail": json.dumps({"order_id": n, "total": n * 10})}
        for n in range(first, last + 1)
    ]


def new_client() -> Any:
    return boto3.client(
        "events",
        region_name="us-east-1",
        aws_access_key_id="123456789012",
        aws_secret_access_key="demo",
        config=Config(retries={"mode": "standard"}),  # AWS's recommended mode: 3 attempts
    )


def order_ids(entries: Sequence[Any]) -> str:
    ids = [int(ORDER_ID.search(entry["Detail"]).group()) for entry in entries]  # type: ignore[union-attr]
    return ", ".join(map(str, ids)) if len(ids) <= 4 else f"{ids[0]}..{ids[-1]}"


# -- printing ------------------------------------------------------------------------------------------------


def heading(number: int, title: str, story: str) -> None:
    print(f"\n{number}. {title}\n   {story}")


def show_faults(mock: PartnerEventsMock) -> None:
    handles = mock.faults.handles
    print("\n   faults injected:" + ("" if handles else " none"))
    for handle in handles:
        limit = "always" if handle.times is None else f"{handle.times}x"
        print(f"     - {handle.description:<38} {limit:<7} fired {handle.fired}")


def show_calls(calls: Sequence[RecordedCall]) -> None:
    header = f"   {'call':>4}  {'attempt':>7}  {'entries':<10}  {'fault':<36}  {'answer':<26}  {'back-off':>8}"
    print("\n" + header + "\n   " + "-" * (len(header) - 3))
    for number, call in enumerate(calls, 1):
        entries = (call.params or {}).get("Entries", [])
        print(
            f"   {number:>4}  {call.attempt:>7}  {order_ids(entries):<10}  {call.fault or '-':<36}  "
            f"{answer_of(call):<26}  {call.backoff:>7.3f}s"
        )


def answer_of(call: RecordedCall) -> str:
    if call.fault and "disconnect(after)" in call.fault:
        return "accepted, answer lost"
    if call.status == 0:
        return "connection refused"
    if not call.ok:
        return f"{call.status} {call.error_code}"
    failed = call.failed_entry_count
    accepted = len(call.response["Entries"]) - failed
    return f"200: {accepted} ok" + (f", {failed} failed" if failed else "")


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def show_outcome(mock: PartnerEventsMock, report: PublishReport, wall: float, logged: list[str]) -> None:
    duplicates = mock.events.duplicates()
    print("\n   outcome:")
    rows = [
        (
            "publisher",
            f"{len(report.accepted)} accepted, {len(report.dropped)} dropped, {report.resent} re-sent, "
            f"{plural(report.requests, 'request', 'requests')}, slept {report.slept:.3f}s",
        ),
        (
            "botocore",
            f"{len(mock.calls) - report.requests} retries, back-off {mock.total_backoff:.3f}s "
            f"(virtual; the scenario took {wall:.3f}s)",
        ),
        ("mock", f"{len(mock.events)} events accepted, {plural(len(mock.rejected), 'entry', 'entries')} failed"),
    ]
    for resent in mock.resent_entries():
        if any(send.call.attempt == 1 and send != resent.sends[0] for send in resent.sends):
            outcomes = " -> ".join(send.outcome for send in resent.sends)
            rows.append(("re-sent", f"order {order_ids([resent.entry])} by the publisher: {outcomes}"))
    for dropped in report.dropped:
        rows.append(("dropped", f"order {order_ids([dropped.entry])}: {dropped.error_code} {dropped.error_message!r}"))
    rows += [("log", line) for line in logged]
    if duplicates:
        twice = [group[0].detail["order_id"] for group in duplicates]
        rows.append(
            (
                "duplicates",
                f"{len(duplicates)} orders accepted twice ({twice[0]}..{twice[-1]}): "
                "consumers must de-duplicate on order_id",
            )
        )
    else:
        rows.append(("duplicates", "none"))
    for label, text in rows:
        print(f"     {label:<11} {text}")


class LogLines(logging.Handler):
    """Keeps the publisher's log lines, to print them with the outcome."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} {record.getMessage()}")


def run(mock: PartnerEventsMock, entries: list[dict[str, Any]]) -> None:
    publisher = Publisher(new_client(), rng=random.Random(1))
    log = LogLines()
    logging.getLogger("publisher").addHandler(log)
    started = time.perf_counter()
    try:
        report = publisher.publish(entries)
    finally:
        logging.getLogger("publisher").removeHandler(log)
    wall = time.perf_counter() - started
    show_faults(mock)
    show_calls(mock.calls)
    show_outcome(mock, report, wall, log.lines)


# -- scenarios -----------------------------------------------------------------------------------------------


def clean_run() -> None:
    heading(1, "Clean run", "45 orders; the publisher splits them into batches of at most 20 entries / 256 KB.")
    with mock_partner_events(seed=1) as mock:
        run(mock, orders(1, 45))


def trouble() -> None:
    heading(
        2,
        "Throttled, a lost answer, and one failed entry",
        "25 orders. The first request is throttled; botocore retries it, AWS accepts it, but the answer is\n"
        "   lost (read timeout), so botocore sends it a third time. Order 23 fails inside a 200 answer.",
    )
    faults = [
        {"fail_requests": {"error_code": "ThrottlingException", "times": 1}},
        {"disconnect": {"when": "after", "times": 1}},
        {"fail_entries": {"error_code": "InternalFailure", "where": {"detail": {"order_id": [23]}}, "times": 1}},
    ]
    with mock_partner_events(seed=2, faults=faults) as mock:
        run(mock, orders(1, 25))


def rejection() -> None:
    heading(
        3,
        "A non-retryable rejection",
        "5 orders; a bug serialised order 3's Detail as a JSON list. AWS answers MalformedDetail for it:\n"
        "   re-sending cannot help, so the publisher logs it and drops it.",
    )
    entries = orders(1, 5)
    entries[2] = {**entries[2], "Detail": "[3, 30]"}
    with mock_partner_events(seed=3) as mock:
        run(mock, entries)


def main() -> None:
    logging.getLogger("publisher").setLevel(logging.INFO)
    random.seed(2026)  # botocore's retry jitter draws from the global generator: the same story every run
    print("mock-partner-events demo: a partner publisher under failure injection (boto3, standard retry mode)")
    print("=" * WIDTH)
    started = time.perf_counter()
    clean_run()
    trouble()
    rejection()
    print(f"\n{'=' * WIDTH}\ndone in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
