"""AWS's Coral wording for a request that breaks its service model: how the Java front end names members, prints
values and words each violated constraint.

Only text lives here, and it is built only for a request that fails: `_wire.model_rules` decides what is violated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

Render = Callable[[Any], str]

_JSON_KINDS = {bool: "BOOLEAN_VALUE", int: "NUMBER_VALUE", float: "NUMBER_VALUE", str: "STRING_VALUE"}


def summary(violations: Sequence[str]) -> str:
    """The ValidationException's message: the count, then every violation."""
    count = len(violations)
    noun = "error" if count == 1 else "errors"
    return f"{count} validation {noun} detected: " + "; ".join(violations)


def violation(value: Any, path: str, constraint: str, render: Render | None = None) -> str:
    text = render(value) if render is not None else java_text(value)
    return f"Value '{text}' at '{path}' failed to satisfy constraint: {constraint}"


def null_violation(path: str) -> str:
    return f"Value null at '{path}' failed to satisfy constraint: Member must not be null"


def length_constraint(size: int, low: int | None, high: int | None) -> str:
    """The bound a length breaks (`size` is outside [low, high])."""
    if low is not None and size < low:
        return f"Member must have length greater than or equal to {low}"
    return f"Member must have length less than or equal to {high}"


def range_constraint(number: Any, low: int | None, high: int | None) -> str:
    """The bound a number breaks (`number` is outside [low, high])."""
    if low is not None and number < low:
        return f"Member must have value greater than or equal to {low}"
    return f"Member must have value less than or equal to {high}"


def pattern_constraint(pattern: str) -> str:
    return f"Member must satisfy regular expression pattern: {pattern}"


def enum_constraint(allowed: Sequence[str]) -> str:
    return f"Member must satisfy enum value set: [{', '.join(allowed)}]"


def member_constraints(meta: dict[str, Any]) -> str:
    """Every constraint of a map's key or value shape, as Coral lists them (maximum, minimum, pattern)."""
    rules = [f"Member must have length less than or equal to {meta['max']}"] if "max" in meta else []
    rules += [f"Member must have length greater than or equal to {meta['min']}"] if "min" in meta else []
    rules += [pattern_constraint(meta["pattern"])] if "pattern" in meta else []
    return ", ".join(rules)


def wrong_type(value: Any, target: str) -> str:
    """The SerializationException's message for a JSON value of the wrong type; `target` is a format with `{}`
    for the JSON kind (Coral words structures, lists, maps and scalars differently)."""
    return target.format(json_kind(value))


def json_kind(value: Any) -> str:
    """The JSON token Jackson saw, as Coral names it."""
    if value is None:
        return "VALUE_NULL"
    if isinstance(value, list):
        return "START_ARRAY"
    if isinstance(value, dict):
        return "START_OBJECT"
    return _JSON_KINDS.get(type(value), "VALUE")


def member_name(name: str) -> str:
    """A member as Coral's paths name it: `Entries` -> `entries`."""
    return name[:1].lower() + name[1:]


def java_text(value: Any) -> str:
    """How AWS's Java front end prints a value inside a validation message."""
    if isinstance(value, list):
        return "[" + ", ".join(java_text(item) for item in value) + "]"
    if isinstance(value, dict):
        fields = ", ".join(f"{member_name(key)}={java_text(item)}" for key, item in value.items())
        return f"{{{fields}}}"
    if value is None:
        return "null"
    return str(value)


def map_text(value: Any) -> str:
    """Java's Map.toString: `{key=value, ...}`."""
    return "{" + ", ".join(f"{key}={java_text(item)}" for key, item in value.items()) + "}"


def structure_list_renderer(shape_name: str, members: Sequence[str]) -> Render:
    """Lists of structures print like Java's toString: `[Entry(time=null, source=...), ...]`."""

    def render(items: Any) -> str:
        return "[" + ", ".join(_structure_text(shape_name, members, item) for item in items) + "]"

    return render


def _structure_text(shape_name: str, members: Sequence[str], item: Any) -> str:
    fields = ", ".join(
        f"{member_name(name)}={java_text(item.get(name)) if isinstance(item, dict) else 'null'}" for name in members
    )
    return f"{shape_name}({fields})"
