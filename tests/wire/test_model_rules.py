"""The compiled model rules: the yes/no every valid request takes and the message path for one that fails are one
rule, so they must agree on every input, for every operation of every service the compiler serves.

Inputs are drawn from each operation's own input shape (so the members, bounds, patterns and enums are hit), with
wrong JSON types, nulls, values just past each bound and unknown members mixed in.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import pytest
from botocore.model import ListShape, MapShape, Shape, StringShape, StructureShape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mock_partner_events._service.events.table import OPERATIONS
from mock_partner_events._wire.model_rules import check_input, input_rule, operation_model, service_model, violations
from mock_partner_events._wire.protocol import AwsError

AGREEMENT = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MAX_TEXT = 300  # longer bounds are probed with a few fixed strings, not drawn

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6)
wrong_json = json_scalars | st.lists(json_scalars, max_size=2) | st.dictionaries(st.text(max_size=4), json_scalars)


def values_of(shape: Shape, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values for `shape`: mostly of its type and near its bounds, sometimes of any other JSON type."""
    return st.one_of(_typed(shape, depth), wrong_json) if depth < 6 else wrong_json


def _typed(shape: Shape, depth: int) -> st.SearchStrategy[Any]:
    if isinstance(shape, StructureShape):
        members = {name: values_of(member, depth + 1) for name, member in shape.members.items()}
        required = {name: members[name] for name in shape.required_members}
        optional = {name: value for name, value in members.items() if name not in required}
        present = st.fixed_dictionaries(required, optional={**optional, "Unknown": wrong_json})
        return present | st.fixed_dictionaries({}, optional=members)
    if isinstance(shape, ListShape):
        return st.lists(values_of(shape.member, depth + 1) | st.none(), max_size=_size_bound(shape))
    if isinstance(shape, MapShape):
        keys = _typed(shape.key, depth + 1).filter(lambda key: isinstance(key, str))
        return st.dictionaries(keys, values_of(shape.value, depth + 1) | st.none(), max_size=_size_bound(shape))
    if isinstance(shape, StringShape):
        return _strings(shape)
    if shape.type_name in ("integer", "long"):
        low, high = shape.metadata.get("min", -(2**40)), shape.metadata.get("max", 2**40)
        return st.integers(low - 2, high + 2) | st.sampled_from([low - 1, high + 1, 2**70])
    return st.from_type({"boolean": bool, "timestamp": float, "double": float}.get(shape.type_name, str))


def _strings(shape: StringShape) -> st.SearchStrategy[str]:
    meta = shape.metadata
    low, high = meta.get("min", 0), meta.get("max")
    near_bounds = [
        text
        for size in (low - 1, low, high, (high or 0) + 1)
        if size is not None and size >= 0
        for text in ("a" * size, "\U0001f600" * ((size + 1) // 2))
    ]
    drawn = st.text(st.characters(exclude_categories=()), max_size=min(high + 2 if high else MAX_TEXT, MAX_TEXT))
    choices = [drawn, st.sampled_from(near_bounds)] if near_bounds else [drawn]
    if shape.enum:
        choices.append(st.sampled_from([*shape.enum, shape.enum[0].lower(), ""]))
    if "pattern" in meta and _compiles(meta["pattern"]):
        choices.append(st.from_regex(meta["pattern"], fullmatch=True).filter(lambda text: len(text) <= MAX_TEXT))
    return st.one_of(choices)


def _size_bound(shape: Shape) -> int:
    return min(shape.metadata.get("max", 3) + 1, 22)


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


@functools.cache
def params_of(operation: str, service: str) -> st.SearchStrategy[Any]:
    shape = operation_model(operation, service).input_shape
    return wrong_json if shape is None else values_of(shape)


def answers(operation: str, params: Any, service: str) -> list[str] | str:
    """The message path's answer: the violations, or the code of the error it raised."""
    try:
        return violations(operation, params, service=service)
    except AwsError as error:
        return error.code


def assert_agree(operation: str, params: Any, service: str) -> None:
    conforms = input_rule(operation, service)(params, "", None)
    found = answers(operation, params, service)

    if conforms:
        assert found == [], f"a conforming {operation} input got: {found}"
    else:
        assert found == "SerializationException" or (isinstance(found, list) and found), (
            f"{operation}: the yes/no refused an input the message path finds nothing wrong with"
        )


operations = st.sampled_from(sorted(OPERATIONS))
schemas_operations = st.sampled_from(sorted(service_model("schemas").operation_names))


@AGREEMENT
@given(data=st.data(), operation=operations)
def test_yes_no_and_messages_agree_for_every_events_operation(data: st.DataObject, operation: str) -> None:
    assert_agree(operation, data.draw(params_of(operation, "events")), "events")


@AGREEMENT
@given(data=st.data(), operation=schemas_operations)
def test_yes_no_and_messages_agree_for_every_schemas_operation(data: st.DataObject, operation: str) -> None:
    assert_agree(operation, data.draw(params_of(operation, "schemas")), "schemas")


@AGREEMENT
@given(data=st.data(), operation=operations)
def test_check_input_refuses_exactly_what_the_rule_refuses(data: st.DataObject, operation: str) -> None:
    params = data.draw(params_of(operation, "events"))
    conforms = input_rule(operation)(params, "", None)

    try:
        check_input(operation, params)
    except AwsError as error:
        refused: str | None = error.code
    else:
        refused = None

    assert refused in ((None,) if conforms else ("ValidationException", "SerializationException"))


def test_a_schemas_input_is_checked_with_the_schemas_model() -> None:
    params = {"RegistryName": "r", "SchemaName": "s", "Type": "Avro", "Content": "x" * 100_001}

    with pytest.raises(AwsError) as raised:
        check_input("CreateSchema", params, service="schemas")

    assert raised.value.code == "ValidationException"
    assert raised.value.message == (
        "2 validation errors detected: Value 'Avro' at 'Type' failed to satisfy constraint: Member must satisfy "
        "enum value set: [OpenApi3, JSONSchemaDraft4]; Value '" + "x" * 100_001 + "' at 'Content' failed to "
        "satisfy constraint: Member must have length less than or equal to 100000"
    )


def test_a_missing_schemas_member_is_named_as_the_wire_names_it() -> None:
    assert violations(
        "CreateSchema", {"RegistryName": "r", "SchemaName": "s", "Type": "OpenApi3"}, service="schemas"
    ) == ["Value null at 'Content' failed to satisfy constraint: Member must not be null"]
