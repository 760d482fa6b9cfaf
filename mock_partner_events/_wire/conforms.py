"""A fast yes/no: do a request's params meet the service model?

Almost every request does, so `_shapes.check_input` asks this first and only builds AWS's messages (paths,
rendered values, the violation list) for requests that fail here. The rules mirror `_shapes` exactly: the
same types accepted per model type, the same length, range, pattern and enum constraints, None members and
list items skipped, unknown members ignored.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from botocore.model import ListShape, MapShape, Shape, StructureShape

from mock_partner_events._wire.utf16 import length_within

Conforms = Callable[[Any], bool]

ACCEPTED_TYPES: dict[str, tuple[type, ...]] = {
    # the JSON (Python) types AWS's deserializer accepts for each model type; `_shapes` uses the same table
    "string": (str,),
    "blob": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "long": (int,),
    "timestamp": (int, float),
    "double": (int, float),
    "float": (int, float),
}


@functools.cache
def conforms_to(shape: Shape) -> Conforms:
    """The yes/no check for values of `shape` (compiled once per shape)."""
    if isinstance(shape, StructureShape):
        return _structure(shape)
    if isinstance(shape, ListShape):
        return _list(shape)
    if isinstance(shape, MapShape):
        return _map(shape)
    return _scalar(shape)


def _structure(shape: StructureShape) -> Conforms:
    members = {name: _member_rule(member) for name, member in shape.members.items()}
    required = tuple(shape.required_members)

    def conforms(value: Any) -> bool:
        if not isinstance(value, dict):
            return False
        for name in required:
            if value.get(name) is None:
                return False
        for name, member_value in value.items():
            rule = members.get(name)
            if rule is None or member_value is None:
                continue
            kinds, check = rule
            if not isinstance(member_value, kinds) or (check is not None and not check(member_value)):
                return False
        return True

    return conforms


def _member_rule(shape: Shape) -> tuple[tuple[type, ...], Conforms | None]:
    """(types, None) for a string without constraints, checked inline: most members are; else the full check."""
    if shape.type_name == "string" and not shape.enum and not {"min", "max", "pattern"} & set(shape.metadata):
        return (str,), None
    return (object,), conforms_to(shape)


def _list(shape: ListShape) -> Conforms:
    item_conforms = conforms_to(shape.member)
    low, high = _bounds(shape)
    null_allowed = not isinstance(shape.member, StructureShape)  # see _shapes._list_check

    def conforms(value: Any) -> bool:
        if not isinstance(value, list) or not low <= len(value) <= high:
            return False
        # A loop, not all(generator): this runs over the entries of every PutPartnerEvents call.
        for item in value:
            if item is None:
                if not null_allowed:
                    return False
            elif not item_conforms(item):
                return False
        return True

    return conforms


def _map(shape: MapShape) -> Conforms:
    low, high = _bounds(shape)
    key_conforms, value_conforms = conforms_to(shape.key), conforms_to(shape.value)

    def conforms(value: Any) -> bool:
        if not isinstance(value, dict) or not low <= len(value) <= high:
            return False
        for key, item in value.items():
            if not key_conforms(key) or (item is not None and not value_conforms(item)):
                return False
        return True

    return conforms


def _scalar(shape: Shape) -> Conforms:
    accepted = ACCEPTED_TYPES.get(shape.type_name, (object,))
    refuses_bool = bool not in accepted
    if shape.type_name == "string":
        return _string(shape)
    if shape.type_name in ("integer", "long"):
        low, high = _bounds(shape)
        return lambda value: isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
    return lambda value: isinstance(value, accepted) and not (refuses_bool and isinstance(value, bool))


def _string(shape: Shape) -> Conforms:
    low, high = _bounds(shape)
    pattern = _fullmatch(shape.metadata.get("pattern"))
    allowed = frozenset(shape.enum) if shape.enum else None

    def conforms(value: Any) -> bool:
        return (
            isinstance(value, str)
            and length_within(value, low, high)
            and (pattern is None or pattern(value) is not None)
            and (allowed is None or value in allowed)
        )

    return conforms if pattern is None else _remembering(conforms)


def _remembering(conforms: Conforms, limit: int = 4096) -> Conforms:
    """`conforms` for strings, remembering the ones that pass: a publisher sends the same Source in every
    entry of every call, and a set lookup is several times cheaper than the pattern's match."""
    passed: set[str] = set()

    def remembered(value: Any) -> bool:
        if type(value) is str and value in passed:
            return True
        if not conforms(value):
            return False
        if len(passed) >= limit:
            passed.clear()
        passed.add(value)
        return True

    return remembered


def _bounds(shape: Shape) -> tuple[float, float]:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    return (float("-inf") if low is None else low, float("inf") if high is None else high)


def _fullmatch(pattern: str | None) -> Callable[[str], object] | None:
    """The pattern's fullmatch, or None when there is none or Python cannot compile it (as `_shapes` skips it)."""
    if pattern is None:
        return None
    try:
        return re.compile(pattern, re.DOTALL).fullmatch
    except re.error:
        return None
