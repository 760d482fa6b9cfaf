"""Input checks that AWS's front end derives from the service model, before any business logic runs.

Wrong JSON types become `SerializationException`; violated model constraints (required, length, range,
pattern, enum) become one `ValidationException` that lists every violation in AWS's Coral wording:
"2 validation errors detected: Value '...' at 'entries.1.member.source' failed to satisfy constraint: ...".
The checks are compiled once per operation from botocore's own copy of the EventBridge model.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import botocore.session
from botocore.model import ListShape, MapShape, OperationModel, ServiceModel, Shape, StructureShape

from mock_partner_events._wire.conforms import ACCEPTED_TYPES, Conforms, conforms_to
from mock_partner_events._wire.protocol import serialization_error, validation_error
from mock_partner_events._wire.utf16 import utf16_length

Violations = list[str]
Check = Callable[[Any, str, Violations], None]

_JSON_KINDS = {bool: "BOOLEAN_VALUE", int: "NUMBER_VALUE", float: "NUMBER_VALUE", str: "STRING_VALUE"}
_TARGET_NAMES = {
    "string": "String",
    "timestamp": "Date",
    "integer": "Integer",
    "long": "Long",
    "boolean": "Boolean",
    "double": "Double",
    "float": "Float",
    "blob": "Blob",
}


@functools.cache
def service_model() -> ServiceModel:
    """botocore's EventBridge model, loaded once per process."""
    return botocore.session.get_session().get_service_model("events")


@functools.cache
def operation_model(operation: str) -> OperationModel:
    return service_model().operation_model(operation)


@functools.cache
def _compiled(operation: str) -> Check:
    shape = operation_model(operation).input_shape
    return _check_for(shape) if shape is not None else _accept_anything


def check_input(
    operation: str, params: dict[str, Any], exact_params: Callable[[], dict[str, Any]] | None = None
) -> None:
    """Raise AWS's SerializationException or ValidationException if `params` break the model.

    `exact_params` gives the params as the standard JSON parser reads them, for the messages (which render
    values) when `params` came from the fast one.
    """
    if _conforms_check(operation)(params):
        return  # the fast path of every valid request: no paths, no messages
    violations: Violations = []
    _compiled(operation)(params if exact_params is None else exact_params(), "", violations)
    if violations:
        count = len(violations)
        noun = "error" if count == 1 else "errors"
        raise validation_error(f"{count} validation {noun} detected: " + "; ".join(violations))


@functools.cache
def _conforms_check(operation: str) -> Conforms:
    shape = operation_model(operation).input_shape
    return conforms_to(shape) if shape is not None else _conform_anything


def _conform_anything(value: Any) -> bool:
    return True


def _accept_anything(value: Any, path: str, violations: Violations) -> None:
    """Operations without input accept any body."""


def _check_for(shape: Shape) -> Check:
    if isinstance(shape, StructureShape):
        return _structure_check(shape)
    if isinstance(shape, ListShape):
        return _list_check(shape)
    if isinstance(shape, MapShape):
        return _map_check(shape)
    return _scalar_check(shape)


def _structure_check(shape: StructureShape) -> Check:
    members = {name: (_member_path(name), _check_for(member)) for name, member in shape.members.items()}
    required = [(name, _member_path(name)) for name in shape.required_members]

    def check(value: Any, path: str, violations: Violations) -> None:
        if not isinstance(value, dict):
            raise serialization_error(f"{_kind(value)} can not be converted to a structure.")
        if path and not path.endswith("."):
            path += "."
        for name, member_path in required:
            if value.get(name) is None:
                violations.append(
                    f"Value null at '{path}{member_path}' failed to satisfy constraint: Member must not be null"
                )
        for name, member_value in value.items():
            known = members.get(name)
            if known is not None and member_value is not None:
                known[1](member_value, path + known[0], violations)

    return check


def _list_check(shape: ListShape) -> Check:
    member_check = _check_for(shape.member)
    length = _length_check(shape.metadata, _renderer(shape.member))
    # A null string in a list (Resources) is skipped, as AWS's size formula does; a null structure (an entry)
    # would have nothing to process, so it is refused the way a missing required member is (modelled choice).
    null_refused = isinstance(shape.member, StructureShape)

    def check(value: Any, path: str, violations: Violations) -> None:
        if not isinstance(value, list):
            raise serialization_error(f"{_kind(value)} can not be converted to a list.")
        length(value, path, violations)
        for index, item in enumerate(value, start=1):
            if item is not None:
                member_check(item, f"{path}.{index}.member.", violations)
            elif null_refused:
                violations.append(
                    f"Value null at '{path}.{index}.member' failed to satisfy constraint: Member must not be null"
                )

    return check


def _map_check(shape: MapShape) -> Check:
    """A map's size, then its keys and its values, each as one violation that lists the member's constraints
    (Coral's "Map keys must satisfy constraint: [...]" form)."""
    length = _length_check(shape.metadata, _map_text)
    keys, values = _scalar_check(shape.key), _scalar_check(shape.value)
    key_rule, value_rule = _rule_text(shape.key), _rule_text(shape.value)

    def check(value: Any, path: str, violations: Violations) -> None:
        if not isinstance(value, dict):
            raise serialization_error(f"{_kind(value)} cannot be converted to Map")
        path = path.rstrip(".")
        length(value, path, violations)
        if any(_breaks(keys, key) for key in value):
            violations.append(_violation(value, path, f"Map keys must satisfy constraint: [{key_rule}]", _map_text))
        if any(_breaks(values, item) for item in value.values() if item is not None):
            violations.append(_violation(value, path, f"Map value must satisfy constraint: [{value_rule}]", _map_text))

    return check


def _breaks(check: Check, value: Any) -> bool:
    found: Violations = []
    check(value, "", found)
    return bool(found)


def _rule_text(shape: Shape) -> str:
    """Every constraint of a map's key or value shape, as Coral lists them (maximum, minimum, pattern)."""
    meta = shape.metadata
    rules = [f"Member must have length less than or equal to {meta['max']}"] if "max" in meta else []
    rules += [f"Member must have length greater than or equal to {meta['min']}"] if "min" in meta else []
    rules += [f"Member must satisfy regular expression pattern: {meta['pattern']}"] if "pattern" in meta else []
    return ", ".join(rules)


def _map_text(value: Any) -> str:
    """Java's Map.toString: `{key=value, ...}`."""
    return "{" + ", ".join(f"{key}={_java_text(item)}" for key, item in value.items()) + "}"


def _scalar_check(shape: Shape) -> Check:
    kind = shape.type_name
    target = _TARGET_NAMES.get(kind, kind)
    accepts = ACCEPTED_TYPES.get(kind, (object,))
    constraints = _constraint_checks(shape)

    def check(value: Any, path: str, violations: Violations) -> None:
        if not isinstance(value, accepts) or (isinstance(value, bool) and bool not in accepts):
            raise serialization_error(f"{_kind(value)} cannot be converted to {target}")
        for constraint in constraints:
            constraint(value, path.rstrip("."), violations)

    return check


def _constraint_checks(shape: Shape) -> list[Check]:
    meta = shape.metadata
    checks: list[Check] = []
    if shape.type_name == "string":
        checks.append(_length_check(meta))
        if "pattern" in meta:
            checks.append(_pattern_check(meta["pattern"]))
        if shape.enum:
            checks.append(_enum_check(list(shape.enum)))
    elif shape.type_name in ("integer", "long"):
        checks.append(_range_check(meta))
    return checks


def _length_check(meta: dict[str, Any], render: Callable[[Any], str] | None = None) -> Check:
    low, high = meta.get("min"), meta.get("max")

    def check(value: Any, path: str, violations: Violations) -> None:
        size = utf16_length(value) if isinstance(value, str) else len(value)  # AWS counts UTF-16 code units
        if low is not None and size < low:
            constraint = f"Member must have length greater than or equal to {low}"
        elif high is not None and size > high:
            constraint = f"Member must have length less than or equal to {high}"
        else:
            return
        violations.append(_violation(value, path, constraint, render))

    return check


def _range_check(meta: dict[str, Any]) -> Check:
    low, high = meta.get("min"), meta.get("max")

    def check(value: Any, path: str, violations: Violations) -> None:
        if low is not None and value < low:
            violations.append(_violation(value, path, f"Member must have value greater than or equal to {low}"))
        elif high is not None and value > high:
            violations.append(_violation(value, path, f"Member must have value less than or equal to {high}"))

    return check


def _pattern_check(pattern: str) -> Check:
    try:
        regex = re.compile(pattern, re.DOTALL)
    except re.error:  # a Java-only construct: AWS checks it, we cannot
        return _accept_anything

    def check(value: Any, path: str, violations: Violations) -> None:
        if regex.fullmatch(value) is None:
            violations.append(_violation(value, path, f"Member must satisfy regular expression pattern: {pattern}"))

    return check


def _enum_check(allowed: list[str]) -> Check:
    def check(value: Any, path: str, violations: Violations) -> None:
        if value not in allowed:
            violations.append(_violation(value, path, f"Member must satisfy enum value set: [{', '.join(allowed)}]"))

    return check


def _violation(value: Any, path: str, constraint: str, render: Callable[[Any], str] | None = None) -> str:
    text = render(value) if render is not None else _java_text(value)
    return f"Value '{text}' at '{path}' failed to satisfy constraint: {constraint}"


def _renderer(item_shape: Shape) -> Callable[[Any], str] | None:
    """Lists of structures print like Java's toString: `[Entry(time=null, source=...), ...]`."""
    if not isinstance(item_shape, StructureShape):
        return None
    names = list(item_shape.members)

    def render(items: Any) -> str:
        return (
            "["
            + ", ".join(
                f"{item_shape.name}("
                + ", ".join(
                    f"{_member_path(name)}={_java_text(item.get(name)) if isinstance(item, dict) else 'null'}"
                    for name in names
                )
                + ")"
                for item in items
            )
            + "]"
        )

    return render


def _java_text(value: Any) -> str:
    """How AWS's Java front end prints a value inside a validation message."""
    if isinstance(value, list):
        return "[" + ", ".join(_java_text(item) for item in value) + "]"
    if isinstance(value, dict):
        fields = ", ".join(f"{_member_path(key)}={_java_text(item)}" for key, item in value.items())
        return f"{{{fields}}}"
    if value is None:
        return "null"
    return str(value)


def _member_path(name: str) -> str:
    return name[:1].lower() + name[1:]


def _kind(value: Any) -> str:
    if value is None:
        return "VALUE_NULL"
    if isinstance(value, list):
        return "START_ARRAY"
    if isinstance(value, dict):
        return "START_OBJECT"
    return _JSON_KINDS.get(type(value), "VALUE")
