"""What a rule target receives: the envelope, or what the target's Input / InputPath / InputTransformer make of it.

A deliberately small model of AWS's input shaping: paths are simple `$.a.b` paths (no wildcards, filters or
indexes); a transformer's string values are inserted as they are and other values as JSON, without AWS's
escaping of quotes inside strings. README "Modelled choices" lists these limits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

_PLACEHOLDER = re.compile(r"<([A-Za-z0-9_.\-]+)>")
_MISSING = object()


def target_input(target: Mapping[str, Any], envelope: dict[str, Any], rule_name: str, rule_arn: str) -> str:
    """The message body EventBridge sends to `target` for an event with this envelope."""
    if "Input" in target:
        return str(target["Input"])
    if "InputPath" in target:
        return _compact(_select(envelope, str(target["InputPath"])))
    transformer = target.get("InputTransformer")
    if isinstance(transformer, Mapping):
        return _transform(transformer, envelope, rule_name, rule_arn)
    return _compact(envelope)


def _transform(transformer: Mapping[str, Any], envelope: dict[str, Any], rule_name: str, rule_arn: str) -> str:
    values: dict[str, Any] = {
        name: _select(envelope, str(path)) for name, path in (transformer.get("InputPathsMap") or {}).items()
    }
    values.update(
        {"aws.events.event.json": envelope, "aws.events.rule-name": rule_name, "aws.events.rule-arn": rule_arn}
    )
    values.setdefault("aws.events.event.ingestion-time", envelope.get("time"))

    def fill(found: re.Match[str]) -> str:
        value = values.get(found.group(1), _MISSING)
        if value is _MISSING:
            return found.group(0)
        return value if isinstance(value, str) else ("null" if value is None else _compact(value))

    return _PLACEHOLDER.sub(fill, str(transformer.get("InputTemplate", "")))


def _select(envelope: dict[str, Any], path: str) -> Any:
    """The value at a `$.a.b` path; None where the event has no such field (AWS sends null / an empty value)."""
    value: Any = envelope
    for key in (key for key in path.strip().removeprefix("$").split(".") if key):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
