"""ContractBook: the contracts a test loaded and the verdict on every published event, checked lazily.

Publishing does no contract work: the engine either hands the book a way to read its recorded events
(`ContractBook(events=...)`) or calls `observe(event)`, which only appends. Events are checked when someone asks
(`violations`, `report`, `assert_conform`, `verdict`), once each; events of the same shape share one result.
A contract failure is a test failure, never an AWS error: nothing here touches the answer PutPartnerEvents gave.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mock_partner_events._contracts.documents import SchemaDocument, read_schema
from mock_partner_events._contracts.errors import ContractError
from mock_partner_events._contracts.files import read_file, schema_files
from mock_partner_events._contracts.report import render_failures
from mock_partner_events._contracts.validate import CompiledSchema, Finding
from mock_partner_events._contracts.verdicts import CONFORMS, NO_CONTRACT, VIOLATES, Verdict, Violation


@dataclass(frozen=True)
class Contract:
    """One schema that events of `detail_type` (and `source`, when given) must satisfy."""

    name: str
    detail_type: str
    source: str | None
    schema: SchemaDocument
    compiled: CompiledSchema

    def applies_to(self, envelope: dict[str, Any]) -> bool:
        return envelope.get("detail-type") == self.detail_type and self.source in (None, envelope.get("source"))


class ContractBook:
    """The contracts of one mock (`mock.contracts`) and the verdicts on its events."""

    def __init__(self, events: Callable[[], Sequence[Any]] | None = None) -> None:
        self._source_of_events = events
        self._observed: list[Any] = []
        self._contracts: list[Contract] = []
        self._verdicts: list[Verdict] = []
        self._shapes: dict[tuple[Any, ...], tuple[str, list[tuple[str, Finding]]]] = {}
        self._asserted: tuple[int, Any] = (0, None)  # events covered by the last assert_conform: count, last event
        self._lock = threading.RLock()

    # -- contracts ------------------------------------------------------------------------------------------

    def add(
        self,
        schema: str | dict[str, Any],
        *,
        detail_type: str | None = None,
        source: str | None = None,
        name: str | None = None,
    ) -> Contract:
        """Add a contract: an OpenAPI 3 or JSON Schema Draft 4 document (str or dict, or a DescribeSchema response).

        `detail_type` defaults to the schema's `x-amazon-events-detail-type`; `source` to its
        `x-amazon-events-source`, and None means events of any source.
        """
        origin = name or "the schema"
        document = read_schema(schema, origin)
        wanted = detail_type or document.detail_type
        if not wanted:
            raise ContractError(
                f"mock-partner-events: {origin} names no detail-type (no x-amazon-events-detail-type on its AWSEvent "
                'component or root); pass add(schema, detail_type="...").'
            )
        contract = Contract(
            name or document.title or wanted,
            wanted,
            source if source is not None else document.source,
            document,
            CompiledSchema(document.root, origin),
        )
        with self._lock:
            self._contracts.append(contract)
            self._forget_verdicts()
        return contract

    def load(self, path: str | Path) -> list[Contract]:
        """Add the contract in a `.json` file, or in every `.json` file under a folder (sorted by path)."""
        return [self.add(read_file(file), name=str(file)) for file in schema_files(Path(path))]

    @property
    def contracts(self) -> tuple[Contract, ...]:
        return tuple(self._contracts)

    def __len__(self) -> int:
        return len(self._contracts)

    def __iter__(self) -> Iterator[Contract]:
        return iter(self.contracts)

    def __repr__(self) -> str:
        return f"ContractBook({len(self)} contracts)"

    # -- events ---------------------------------------------------------------------------------------------

    def observe(self, event: Any) -> None:
        """Note a published event (a RecordedEvent, or anything with `envelope()`, or an envelope dict). O(1)."""
        self._observed.append(event)

    def check(self, envelope: dict[str, Any]) -> list[Violation]:
        """Check one envelope now, against every contract of its detail-type; the violations name it as `event`."""
        return list(self._judge(envelope, envelope, -1).violations)

    @property
    def violations(self) -> list[Violation]:
        """Every violation by the events published so far, in publishing order."""
        return [violation for verdict in self.verdicts() for violation in verdict.violations]

    @property
    def without_contract(self) -> list[Any]:
        """The events published so far that no contract covers."""
        return [verdict.event for verdict in self.verdicts() if verdict.status == NO_CONTRACT]

    def verdicts(self) -> list[Verdict]:
        """One verdict per published event, in order (checks the events not checked yet)."""
        with self._lock:
            events = self._events()
            checked = len(self._verdicts)
            if checked and (len(events) < checked or events[checked - 1] is not self._verdicts[-1].event):
                self._verdicts = []  # the engine's records were reset since the last look
            for index in range(len(self._verdicts), len(events)):
                self._verdicts.append(self._judge(events[index], _envelope_of(events[index]), index))
            return list(self._verdicts)

    def verdict(self, index: int) -> Verdict:
        """The verdict on the event at `index` among the published events (for the inbox)."""
        return self.verdicts()[index]

    def reset(self) -> None:
        """Forget the events and verdicts (after the engine forgot its records); the contracts stay."""
        with self._lock:
            self._observed.clear()
            self._verdicts = []

    def clear(self) -> None:
        """Forget the contracts too."""
        with self._lock:
            self._contracts.clear()
            self._forget_verdicts()
            self.reset()

    # -- reports --------------------------------------------------------------------------------------------

    def report(self, *, require: bool = False) -> str | None:
        """The failure table, or None when every event conforms (and, with `require`, every event has a contract)."""
        return render_failures(self.verdicts(), self.contracts, require=require)

    def assert_conform(self, *, require: bool = False) -> None:
        """Pass, or raise AssertionError with the table of violations (`mock.assert_contracts`)."""
        __tracebackhide__ = True
        verdicts = self.verdicts()
        self._asserted = (len(verdicts), verdicts[-1].event if verdicts else None)
        failures = render_failures(verdicts, self.contracts, require=require)
        if failures is not None:
            raise AssertionError(failures)

    def report_unless_asserted(self) -> str | None:
        """`report()`, or None when a test already called `assert_conform` after the last event (the fixture's
        teardown check: a test that asserted, or caught the failure on purpose, is not failed twice)."""
        verdicts = self.verdicts()
        count, last = self._asserted
        if count == len(verdicts) and (not verdicts or verdicts[-1].event is last):
            return None
        return render_failures(verdicts, self.contracts, require=False)

    # -- internals ------------------------------------------------------------------------------------------

    def _events(self) -> Sequence[Any]:
        return self._source_of_events() if self._source_of_events is not None else self._observed

    def _forget_verdicts(self) -> None:
        self._verdicts = []
        self._shapes.clear()

    def _judge(self, event: Any, envelope: dict[str, Any], index: int) -> Verdict:
        key = _shape_key(event)
        cached = self._shapes.get(key) if key is not None else None
        if cached is None:
            cached = self._findings(envelope)
            if key is not None:
                self._shapes[key] = cached
        status, findings = cached
        violations = tuple(Violation(event, path, message, name, index) for name, (path, message) in findings)
        return Verdict(event, index, status, violations)

    def _findings(self, envelope: dict[str, Any]) -> tuple[str, list[tuple[str, Finding]]]:
        applicable = [contract for contract in self._contracts if contract.applies_to(envelope)]
        if not applicable:
            return NO_CONTRACT, []
        findings = [
            (contract.name, finding) for contract in applicable for finding in contract.compiled.findings(envelope)
        ]
        return (VIOLATES if findings else CONFORMS), findings


def _envelope_of(event: Any) -> dict[str, Any]:
    if isinstance(event, dict):
        return event
    envelope = event.envelope()
    assert isinstance(envelope, dict)
    return envelope


def _shape_key(event: Any) -> tuple[Any, ...] | None:
    """Events alike in all but id and time share a verdict (the mock stamps both in one fixed form)."""
    detail_json = getattr(event, "detail_json", None)
    if detail_json is None:
        return None
    return (
        event.source,
        event.detail_type,
        detail_json,
        event.resources,
        event.region,
        event.customer_account or event.partner_account,
    )
