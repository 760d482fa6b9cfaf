"""A compiled contract: jsonschema's Draft 4 validator over the read document, with readable paths and messages.

jsonschema is imported here, when the first contract is added, and never by importing the package.
"""

from __future__ import annotations

import json
import re
from typing import Any

from mock_partner_events._contracts.errors import ContractError, require

Finding = tuple[str, str]  # (path, message)

_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_INT_RANGES = {"int32": 2**31, "int64": 2**63}


class CompiledSchema:
    """Validates whole envelopes against one read schema; findings are sorted by path."""

    def __init__(self, root: dict[str, Any], origin: str) -> None:
        require("jsonschema", "checking event contracts")
        import jsonschema

        try:
            jsonschema.Draft4Validator.check_schema(root)
        except jsonschema.SchemaError as error:
            raise ContractError(
                f"mock-partner-events: {origin} is not a valid schema: {error.message} "
                f"(at {render_path(error.absolute_path)})."
            ) from None
        body = {key: value for key, value in root.items() if key != "definitions"}
        flat = {**inline_refs(body, root), "definitions": root.get("definitions", {})}
        self._validator = jsonschema.Draft4Validator(flat, format_checker=_format_checker(jsonschema))

    def findings(self, envelope: dict[str, Any]) -> list[Finding]:
        if self._validator.is_valid(envelope):  # the usual case, and faster than collecting errors
            return []
        found: dict[Finding, None] = {}
        for error in self._validator.iter_errors(envelope):
            for finding in _describe(error):
                found[finding] = None
        return sorted(found, key=lambda finding: finding[0])


def inline_refs(node: Any, root: dict[str, Any], following: tuple[str, ...] = ()) -> Any:
    """The schema with local `#/definitions/X` refs replaced by their target (a ref into itself is kept).

    jsonschema resolves a `$ref` on every validation; inlined, a check costs a third as much.
    """
    if isinstance(node, list):
        return [inline_refs(item, root, following) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/definitions/") and ref not in following:
        target = root.get("definitions", {}).get(ref[len("#/definitions/") :])
        if isinstance(target, dict):
            return inline_refs(target, root, (*following, ref))
    return {key: inline_refs(value, root, following) for key, value in node.items()}


def _format_checker(jsonschema: Any) -> Any:
    """date-time and date as RFC 3339 says, int32 and int64 as ranges; other formats are not checked."""
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("date-time")(lambda value: not isinstance(value, str) or bool(_DATE_TIME.match(value)))
    checker.checks("date")(lambda value: not isinstance(value, str) or bool(_DATE.match(value)))
    for name, bound in _INT_RANGES.items():
        checker.checks(name)(lambda value, bound=bound: not isinstance(value, int) or -bound <= value < bound)
    return checker


def _describe(error: Any) -> list[Finding]:
    """The error as (path, message); a missing required property is reported at its own path."""
    path = list(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [name for name in error.validator_value if name not in error.instance]
        return [(render_path([*path, name]), "required property is missing") for name in missing]
    return [(render_path(path), _message(error))]


def _message(error: Any) -> str:
    got = f"got {_json_type(error.instance)} {_short(error.instance)}"
    if error.validator == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"expected {' or '.join(map(str, expected))}, {got}"
    if error.validator == "format":
        return f"expected format {error.validator_value}, {got}"
    if error.validator == "enum":
        return f"expected one of {_short(error.validator_value)}, {got}"
    return str(error.message)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "integer" if isinstance(value, int) else "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object" if isinstance(value, dict) else type(value).__name__


def _short(value: Any, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _AnyItem:
    """The path part for every item of an array (`[*]`)."""


ANY_ITEM = _AnyItem()


def render_path(parts: Any) -> str:
    """A JSON path a reader recognises: `$.detail.order.id`, `$.detail.lines[0]`, `$['detail-type']`."""
    rendered = "$"
    for part in parts:
        if isinstance(part, _AnyItem):
            rendered += "[*]"
        elif isinstance(part, int):
            rendered += f"[{part}]"
        elif _IDENTIFIER.match(str(part)):
            rendered += f".{part}"
        else:
            escaped = str(part).replace("\\", "\\\\").replace("'", "\\'")
            rendered += f"['{escaped}']"
    return rendered
