"""The model check every Schemas request passes before its operation runs, compiled from botocore's model.

What the model states is checked: required members, string and list lengths (`Content` 1-100,000 characters,
`Events` 1-10 strings of 1-100,000, `Description` up to 256, `SourceArn` 20-1,600), enums (`Type`: OpenApi3 or
JSONSchemaDraft4) and JSON types. AWS's wording for the Schemas API is not published: the messages name the member
as the wire does and the constraint as botocore's model states it (a modelled choice). Every violation found is
listed in one BadRequestException.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from botocore.model import ListShape, MapShape, Shape, StructureShape

from mock_partner_events._service.schemas.errors import bad_request
from mock_partner_events._wire.restjson import SCHEMAS

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "long": (int,),
    "boolean": (bool,),
    "list": (list,),
    "map": (dict,),
    "structure": (dict,),
}


def check(operation: str, params: dict[str, Any], exact: Callable[[], dict[str, Any]] | None = None) -> None:
    """Raise BadRequestException when `params` break the model's constraints for `operation`."""
    shape = _input_shape(operation)
    if shape is None:
        return
    problems: list[str] = []
    for name in shape.required_members:
        if params.get(name) is None:
            problems.append(f"{_wire(shape, name)} is required.")
    for name, value in params.items():
        member = shape.members.get(name)
        if member is not None and value is not None:
            _check_value(member, value, _wire(shape, name), problems)
    if problems:
        raise bad_request(" ".join(problems))


@functools.cache
def _input_shape(operation: str) -> StructureShape | None:
    return SCHEMAS.model.operation_model(operation).input_shape


def _wire(shape: StructureShape, name: str) -> str:
    return str(shape.members[name].serialization.get("name", name))


def _check_value(shape: Shape, value: Any, where: str, problems: list[str]) -> None:
    expected = _TYPES.get(shape.type_name)
    if expected is not None and (not isinstance(value, expected) or (bool not in expected and type(value) is bool)):
        problems.append(f"{where} must be of type {shape.type_name}.")
        return
    limits = shape.metadata
    size = len(value) if isinstance(value, (str, list)) else None
    if size is not None and ("min" in limits or "max" in limits):
        low, high = limits.get("min", 0), limits.get("max")
        if size < low or (high is not None and size > high):
            unit = "characters" if isinstance(value, str) else "items"
            bound = f"between {low} and {high}" if high is not None else f"at least {low}"
            problems.append(f"{where} must have {bound} {unit}, got {size}.")
    enum = limits.get("enum")
    if enum and value not in enum:
        problems.append(f"{where} must be one of [{', '.join(enum)}], got {value!r}.")
    if isinstance(shape, ListShape):
        for index, item in enumerate(value):
            _check_value(shape.member, item, f"{where}[{index}]", problems)
    elif isinstance(shape, MapShape):
        for key, item in value.items():
            _check_value(shape.value, item, f"{where}.{key}", problems)
