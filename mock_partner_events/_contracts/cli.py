"""`python -m mock_partner_events contracts diff OLD NEW`: the changes between two schema files, for CI.

Exit status: 0 when no change is breaking, 1 when one is, 2 when a file cannot be read or is not a schema.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from mock_partner_events._contracts.diff import COMPATIBILITY, Change, diff
from mock_partner_events._contracts.documents import SCHEMA_FORMS, json_object
from mock_partner_events._contracts.errors import ContractError
from mock_partner_events._contracts.files import read_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of `contracts diff` (shared with the package's main parser)."""
    parser.add_argument("old", metavar="OLD", help="the schema consumers know (OpenAPI 3 or JSON Schema Draft 4)")
    parser.add_argument("new", metavar="NEW", help="the schema of the events you will publish")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")


def main_diff(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run `contracts diff` with these arguments; returns the exit status."""
    parser = argparse.ArgumentParser(prog="mock-partner-events contracts diff", description=__doc__)
    add_arguments(parser)
    arguments = parser.parse_args(argv)
    return run_diff(arguments.old, arguments.new, arguments.format, out or sys.stdout)


def run_diff(old: str, new: str, output: str, out: TextIO) -> int:
    try:
        changes = diff(_load(old), _load(new))
    except ContractError as error:
        print(error, file=sys.stderr)
        return 2
    breaking = any(change.breaking for change in changes)
    out.write(_json(changes, breaking) if output == "json" else _text(changes, old, new))
    return 1 if breaking else 0


def _load(path: str) -> Any:
    """The file's JSON object, with errors that name the file (diff checks that it is a schema)."""
    return json_object(read_file(Path(path)), path, SCHEMA_FORMS)


def _json(changes: list[Change], breaking: bool) -> str:
    rows = [{"path": c.path, "kind": c.kind, "breaking": c.breaking, "message": c.message} for c in changes]
    return json.dumps({"compatibility": COMPATIBILITY, "breaking": breaking, "changes": rows}, indent=2) + "\n"


def _text(changes: list[Change], old: str, new: str) -> str:
    if not changes:
        return f"mock-partner-events: no changes from {old} to {new}.\n"
    count = sum(change.breaking for change in changes)
    lines = [
        f"mock-partner-events: {len(changes)} change(s) from {old} to {new}, {count} breaking "
        f"(compatibility {COMPATIBILITY}: old and new consumers both read every event).",
        "",
    ]
    rows = [("BREAKING" if c.breaking else "ok", c.kind, c.path, c.message) for c in changes]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    lines += [
        "  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1]
        for row in rows
    ]
    return "\n".join(lines) + "\n"
