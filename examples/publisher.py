"""A small but realistic EventBridge partner publisher, the kind of code mock-partner-events is built to test.

It follows AWS's advice for PutPartnerEvents:
- batches of at most 20 entries and 262,144 bytes, by AWS's size formula;
- a 200 answer can still fail some entries: re-send only those whose ErrorCode is retryable (InternalFailure,
  ThrottlingException), after a capped exponential back-off with full jitter; drop the others with a log line;
- request-level errors (throttling, 5xx, lost connections) are retried by botocore itself (configure it with
  `botocore.config.Config(retries=...)`); when botocore gives up, PublishError carries what was done so far.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

MAX_ENTRIES = 20
MAX_BYTES = 262_144
RETRYABLE = frozenset({"InternalFailure", "ThrottlingException"})
TOO_LARGE = "EntryTooLarge"
GAVE_UP = "RetriesExhausted"

log = logging.getLogger("publisher")
Entry = Mapping[str, Any]


@dataclass(frozen=True)
class Dropped:
    entry: Entry
    error_code: str
    error_message: str


@dataclass
class PublishReport:
    """What one `publish` did: accepted entries with their EventIds, dropped entries, and the effort it took."""

    accepted: list[tuple[Entry, str]] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    requests: int = 0  # PutPartnerEvents calls the publisher made (botocore's own retries not counted)
    resent: int = 0  # entries sent again after a retryable per-entry failure
    slept: float = 0.0  # seconds the publisher backed off between rounds


class PublishError(Exception):
    """botocore gave up on a request; `report` holds what was published before it."""

    def __init__(self, report: PublishReport, cause: Exception) -> None:
        super().__init__(f"publishing stopped after {len(report.accepted)} accepted entries: {cause}")
        self.report = report


def entry_size(entry: Entry) -> int:
    """AWS's formula: 14 bytes for a Time, plus the UTF-8 bytes of Source, DetailType, Detail and Resources."""
    size = 14 if entry.get("Time") is not None else 0
    size += sum(len(str(entry.get(key) or "").encode()) for key in ("Source", "DetailType", "Detail"))
    return size + sum(len(resource.encode()) for resource in entry.get("Resources") or () if resource)


def batches(entries: Iterable[Entry], max_entries: int = MAX_ENTRIES) -> Iterator[list[Entry]]:
    """Consecutive batches within both limits; an entry over the byte limit on its own is not yielded."""
    batch: list[Entry] = []
    size = 0
    for entry in entries:
        bytes_ = entry_size(entry)
        if batch and (len(batch) == max_entries or size + bytes_ > MAX_BYTES):
            yield batch
            batch, size = [], 0
        batch.append(entry)
        size += bytes_
    if batch:
        yield batch


class Publisher:
    """Publishes entries through an EventBridge client, re-sending only the entries worth re-sending."""

    def __init__(
        self,
        client: Any,
        *,
        max_rounds: int = 5,
        base_delay: float = 0.05,
        max_delay: float = 2.0,
        max_entries: int = MAX_ENTRIES,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.client = client
        self.max_rounds = max_rounds
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.max_entries = max_entries
        self._sleep = sleep
        self._random = rng or random.Random()

    def publish(self, entries: Iterable[Entry]) -> PublishReport:
        report = PublishReport()
        sendable = []
        for entry in entries:
            if entry_size(entry) > MAX_BYTES:
                self._drop(report, entry, TOO_LARGE, f"{entry_size(entry)} bytes is over {MAX_BYTES}")
            else:
                sendable.append(entry)
        for batch in batches(sendable, self.max_entries):
            self._publish_batch(batch, report)
        return report

    def _publish_batch(self, batch: list[Entry], report: PublishReport) -> None:
        pending = batch
        for round_ in range(self.max_rounds):
            if round_:
                self._back_off(round_, report)
                report.resent += len(pending)
                log.info("round %d: re-sending %d failed entries", round_ + 1, len(pending))
            pending = self._send(pending, report)
            if not pending:
                return
        for entry in pending:
            self._drop(report, entry, GAVE_UP, f"still failing after {self.max_rounds} rounds")

    def _send(self, entries: list[Entry], report: PublishReport) -> list[Entry]:
        """Send once; return the entries to try again."""
        report.requests += 1
        try:
            response = self.client.put_partner_events(Entries=list(entries))
        except Exception as error:  # botocore already retried what it could
            raise PublishError(report, error) from error
        retry = []
        for entry, result in zip(entries, response["Entries"], strict=True):
            code = result.get("ErrorCode")
            if code is None:
                report.accepted.append((entry, result["EventId"]))
            elif code in RETRYABLE:
                retry.append(entry)
            else:
                self._drop(report, entry, code, result.get("ErrorMessage", ""))
        return retry

    def _back_off(self, round_: int, report: PublishReport) -> None:
        """Capped exponential back-off with full jitter: uniform(0, min(max_delay, base_delay * 2**round))."""
        seconds = self._random.uniform(0, min(self.max_delay, self.base_delay * 2**round_))
        report.slept += seconds
        self._sleep(seconds)

    @staticmethod
    def _drop(report: PublishReport, entry: Entry, code: str, message: str) -> None:
        log.warning("dropped an entry (%s): %s: %s", entry.get("DetailType"), code, message)
        report.dropped.append(Dropped(entry, code, message))
