"""The failure table of `assert_contracts`, in the style of `assert_published`'s: one row per finding."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from mock_partner_events._common.suggest import DOCS
from mock_partner_events._contracts.verdicts import NO_CONTRACT, VIOLATES, Verdict


class Contract(Protocol):
    """A loaded contract, as far as the table names it (`check.Contract`)."""

    @property
    def name(self) -> str: ...
    @property
    def detail_type(self) -> str: ...
    @property
    def source(self) -> str | None: ...


GUIDE = f"{DOCS}/guides/event-contracts/"
_MAX_ROWS = 20


def render_failures(verdicts: Sequence[Verdict], contracts: Sequence[Contract], *, require: bool) -> str | None:
    """The table, or None when nothing fails."""
    broken = [verdict for verdict in verdicts if verdict.status == VIOLATES]
    uncovered = [verdict for verdict in verdicts if verdict.status == NO_CONTRACT]
    if not broken and not (require and uncovered):
        return None
    lines = [_headline(len(verdicts), len(broken), len(uncovered), require), ""]
    if broken:
        rows = [
            (str(v.index), _field(v.event, "source"), _field(v.event, "detail-type"), v.path, v.message, v.contract)
            for verdict in broken
            for v in verdict.violations
        ]
        lines += _table(
            f"Violations ({len(rows)})", ("#", "source", "detail-type", "path", "problem", "contract"), rows
        )
    if uncovered and require:
        bare: list[tuple[str, ...]] = [
            (str(v.index), _field(v.event, "source"), _field(v.event, "detail-type")) for v in uncovered
        ]
        lines += [""] if broken else []
        lines += _table(f"Without a contract ({len(bare)})", ("#", "source", "detail-type"), bare)
    elif uncovered:
        lines += ["", f"{len(uncovered)} event(s) have no contract; assert_contracts(require=True) fails them too."]
    lines += ["", _loaded(contracts), f"Event contracts guide: {GUIDE}"]
    return "\n".join(lines)


def _headline(total: int, broken: int, uncovered: int, require: bool) -> str:
    noun = "event" if total == 1 else "events"
    parts = [f"{broken} broke their contract"] if broken else []
    if require and uncovered:
        parts.append(f"{uncovered} had no contract")
    return f"mock-partner-events: expected every published event to conform; of {total} {noun}, {' and '.join(parts)}."


def _loaded(contracts: Sequence[Contract]) -> str:
    if not contracts:
        return "Contracts loaded: none (mock.contracts.add(schema) or mock.contracts.load(path) adds them)."
    named = [f"{c.detail_type}{f' from {c.source}' if c.source else ''} ({c.name})" for c in contracts]
    return f"Contracts loaded: {'; '.join(named)}."


def _table(title: str, header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    shown = rows[:_MAX_ROWS]
    more = f", the first {len(shown)} shown" if len(shown) < len(rows) else ""
    table = [header, *shown]
    widths = [max(len(row[column]) for row in table) for column in range(len(header) - 1)]
    lines = [f"{title}{more}:"]
    lines += [
        "  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1]
        for row in table
    ]
    return lines


def _field(event: Any, key: str) -> str:
    if isinstance(event, dict):
        return str(event.get(key, "-"))
    return str(getattr(event, key.replace("-", "_"), "-"))
