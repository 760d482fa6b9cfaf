"""What a rule target receives: the envelope, or what the target's Input / InputPath / InputTransformer make of it.

The rules follow what AWS delivered in the recorded cases of tests/data/input-transformers.json:

- `Input` is sent as it is; `InputPath` sends the selected value as JSON (a string keeps its quotes).
- An `InputTemplate` that is a JSON object (starts with `{`) is a JSON template. A placeholder outside a
  string literal becomes the value as JSON (a missing path: `""`); inside a string literal a string is inserted
  escaped for JSON and anything else as its JSON text, unescaped. `<aws.events.event>` and
  `<aws.events.event.json>` are never escaped (AWS: "can only be used as a value for a JSON field"). If the
  result is not valid JSON, AWS drops the invocation: `None` here.
- Any other template is a text template, delivered as it is, however many JSON values it holds: strings go in
  raw, objects as `{key:value,...}` and lists as `[a,b]` without quotes, a missing path as nothing.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from mock_partner_events._world.json_path import MISSING, select

_PLACEHOLDER = re.compile(r"<([A-Za-z0-9_.\-]+)>")
_EVENT_FIELDS = ("id", "account", "detail-type", "time", "source", "region", "resources", "version")


PREDEFINED = frozenset(
    {
        "aws.events.rule-arn",
        "aws.events.rule-name",
        "aws.events.event.ingestion-time",
        "aws.events.event",
        "aws.events.event.json",
    }
)
"""The variables every InputTemplate may use without declaring them in InputPathsMap."""


def undefined_placeholders(transformer: Mapping[str, Any]) -> list[str]:
    """The template's placeholders, in order, that neither InputPathsMap nor the predefined variables define."""
    defined = set(transformer.get("InputPathsMap") or {})
    template = str(transformer.get("InputTemplate", ""))
    return [name for name in _PLACEHOLDER.findall(template) if name not in defined and name not in PREDEFINED]


class RuleContext(NamedTuple):
    """What the predefined variables read besides the event: the rule and when EventBridge received the event."""

    rule_name: str
    rule_arn: str
    ingestion_time: str


def target_input(target: Mapping[str, Any], envelope: dict[str, Any], rule: RuleContext) -> str | None:
    """The body EventBridge sends to `target` for an event with this envelope; None where AWS sends nothing."""
    if target.get("Input") is not None:
        return str(target["Input"])
    if target.get("InputPath") is not None:
        return compact(_or_null(select(envelope, str(target["InputPath"]))))
    transformer = target.get("InputTransformer")
    if isinstance(transformer, Mapping):
        return transform(transformer, envelope, rule)
    return compact(envelope)


def transform(transformer: Mapping[str, Any], envelope: dict[str, Any], rule: RuleContext) -> str | None:
    """The InputTemplate with its placeholders filled; None for a JSON template whose result is not JSON."""
    values = _variables(transformer.get("InputPathsMap") or {}, envelope, rule)
    template = str(transformer.get("InputTemplate", ""))
    if not template.lstrip().startswith("{"):
        return _fill(template, values, lambda value, quoted: _as_text(value))
    filled = _fill(template, values, _in_json)
    try:
        json.loads(filled)
    except ValueError:
        return None
    return filled


def compact(value: Any) -> str:
    """Compact JSON; a number beyond double range (a Detail's `1e400`, read as infinity) is written as the
    string "Infinity", as Jackson's generator writes a non-finite double by default (README "Modelled choices")."""
    try:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    except ValueError:  # only a Detail with such a number gets here
        return json.dumps(_quote_non_finite(value), separators=(",", ":"), ensure_ascii=False)


def _quote_non_finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {key: _quote_non_finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_quote_non_finite(item) for item in value]
    return value


class _Raw(str):
    """JSON text AWS inserts as it is, quoted or not (the predefined whole-event variables)."""


def _variables(paths: Mapping[str, Any], envelope: dict[str, Any], rule: RuleContext) -> dict[str, Any]:
    values: dict[str, Any] = {name: select(envelope, str(path)) for name, path in paths.items()}
    without_detail = {("detailType" if key == "detail-type" else key): envelope.get(key) for key in _EVENT_FIELDS}
    values.update(
        {
            "aws.events.rule-name": rule.rule_name,
            "aws.events.rule-arn": rule.rule_arn,
            "aws.events.event.ingestion-time": rule.ingestion_time,
            "aws.events.event": _Raw(compact(without_detail)),
            "aws.events.event.json": _Raw(compact(envelope)),
        }
    )
    return values


def _fill(template: str, values: dict[str, Any], render: Callable[[Any, bool], str]) -> str:
    """Replace every known `<name>`; `render(value, quoted)` is told whether it sits inside a string literal."""
    parts: list[str] = []
    position = 0
    for found in _PLACEHOLDER.finditer(template):
        name = found.group(1)
        if name not in values:
            continue  # not a variable: text such as "<b>" stays as written
        parts.append(template[position : found.start()])
        parts.append(render(values[name], _inside_string(template, found.start())))
        position = found.end()
    parts.append(template[position:])
    return "".join(parts)


def _inside_string(template: str, index: int) -> bool:
    """Whether `index` of a JSON template lies inside a string literal (an odd number of unescaped quotes)."""
    inside = False
    escaped = False
    for char in template[:index]:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = inside
        elif char == '"':
            inside = not inside
    return inside


def _in_json(value: Any, quoted: bool) -> str:
    if isinstance(value, _Raw):
        return str(value)
    if quoted:
        if value is MISSING:
            return ""
        return compact(value)[1:-1] if isinstance(value, str) else compact(value)
    return '""' if value is MISSING else compact(value)


def _as_text(value: Any) -> str:
    """How a text template shows a value: no quotes anywhere, `{a:1,b:[x,y]}` for an object."""
    if value is MISSING:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "{" + ",".join(f"{key}:{_as_text(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_as_text(item) for item in value) + "]"
    return compact(value)


def _or_null(value: Any) -> Any:
    return None if value is MISSING else value
