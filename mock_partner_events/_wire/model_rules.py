"""The input rules AWS's front end derives from a botocore service model, compiled once per operation.

Wrong JSON types become `SerializationException`; violated model constraints (required, length in UTF-16 code
units, range, pattern, enum) become one `ValidationException` that lists every violation in AWS's Coral wording:
"2 validation errors detected: Value '...' at 'entries.1.member.source' failed to satisfy constraint: ...".

Each shape compiles to ONE rule that answers both questions, `rule(value, path, found) -> bool`:

- `found is None`: the yes/no that every valid request takes. `path` is not read, no text is built, and the
  first violation answers False.
- `found` a list: the walk for a request that failed the yes/no. `path` is the value's path in Coral's wording;
  every violation appends its message and the walk goes on; a wrong JSON type raises SerializationException at
  once, as AWS's deserializer stops there.

Every constraint is written once, as a `Constraint` (the test, and the wording of what it demands); the text is
in `_wire.coral`. The model comes from botocore's own copy, per service (`events`, `schemas`, ...), loaded and
compiled on first use.

Services differ only in how a failure is named and answered, never in the rules. Paths name a member as Coral
does (`entries`) for a `json` service, and by its wire name (`locationName`, else the member name: `Content`,
`registryName`) for a `rest-json` one, where that name is what the request carries. A service that answers every
violation with one error of its own (the Schemas API's BadRequestException) passes `refuse` to `check_input`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import botocore.session
from botocore.model import ListShape, MapShape, OperationModel, ServiceModel, Shape, StringShape, StructureShape

from mock_partner_events._wire import coral
from mock_partner_events._wire.protocol import AwsError, serialization_error, validation_error
from mock_partner_events._wire.utf16 import length_within, utf16_length

Found = list[str]
Rule = Callable[[Any, str, Found | None], bool]

ACCEPTED_TYPES: dict[str, tuple[type, ...]] = {
    # the JSON (Python) types AWS's deserializer accepts for each model type; anything else is accepted as is
    "string": (str,),
    "blob": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "long": (int,),
    "timestamp": (int, float),
    "double": (int, float),
    "float": (int, float),
}
_TARGET_NAMES = {"string": "String", "timestamp": "Date", "integer": "Integer", "long": "Long"}
_TARGET_NAMES |= {"boolean": "Boolean", "double": "Double", "float": "Float", "blob": "Blob"}
_STRUCTURE, _LIST, _MAP = (
    "{} can not be converted to a structure.",
    "{} can not be converted to a list.",
    "{} cannot be converted to Map",
)


class Constraint(NamedTuple):
    """One model constraint: whether a value of the right type meets it, and what it demands of one that does not."""

    holds: Callable[[Any], bool]
    demands: Callable[[Any], str]


class _Never:
    """A type no value has: the `plain` type of a member whose rule has constraints."""


# -- entry points ------------------------------------------------------------------------------------------------


def check_input(
    operation: str,
    params: dict[str, Any],
    exact_params: Callable[[], dict[str, Any]] | None = None,
    *,
    service: str = "events",
    refuse: Callable[[str], AwsError] | None = None,
) -> None:
    """Raise AWS's SerializationException or ValidationException if `params` break `operation`'s input shape.

    `exact_params` gives the params exactly as sent (`JsonBody.exact`), for the messages, which render values,
    when `params` came from a fast reading that may have rounded an integer beyond 64 bits. `refuse`, when given,
    makes the error instead, from the same message, for a wrong type and for violated constraints alike.
    """
    rule = input_rule(operation, service)
    if rule(params, "", None):
        return  # every valid request: no paths, no messages
    try:
        found = violations(operation, params if exact_params is None else exact_params(), service=service)
    except AwsError as wrong_type:  # SerializationException
        if refuse is None:
            raise
        raise refuse(wrong_type.message) from None
    if found:
        raise (refuse or validation_error)(coral.summary(found))


def violations(operation: str, params: dict[str, Any], *, service: str = "events") -> Found:
    """Every model violation in `params`, in AWS's wording and order (empty when they conform); a wrong JSON type
    raises SerializationException."""
    found: Found = []
    input_rule(operation, service)(params, "", found)
    return found


@functools.cache
def input_rule(operation: str, service: str = "events") -> Rule:
    """The compiled rule of `operation`'s input shape (operations without input accept any body)."""
    shape = operation_model(operation, service).input_shape
    if shape is None:
        return _accept_anything
    return rule_for(shape, wire_names=service_model(service).protocol == "rest-json")


@functools.cache
def service_model(service: str = "events") -> ServiceModel:
    """botocore's model of `service`, loaded once per process."""
    return _session().get_service_model(service)


@functools.cache
def operation_model(operation: str, service: str = "events") -> OperationModel:
    return service_model(service).operation_model(operation)


@functools.cache
def _session() -> botocore.session.Session:
    return botocore.session.get_session()


@functools.cache
def rule_for(shape: Shape, wire_names: bool = False) -> Rule:
    """The rule for values of any botocore shape (compiled once per shape and naming); `wire_names`: paths name
    members as the wire does, not as Coral does (only messages differ)."""
    if isinstance(shape, StructureShape):
        return _structure(shape, wire_names)
    if isinstance(shape, ListShape):
        return _list(shape, wire_names)
    if isinstance(shape, MapShape):
        return _map(shape, wire_names)
    return _scalar(shape)


# -- containers --------------------------------------------------------------------------------------------------


def _structure(shape: StructureShape, wire_names: bool) -> Rule:
    members = {name: (_plain_type(member), rule_for(member, wire_names)) for name, member in shape.members.items()}
    written = {name: _path_name(name, member, wire_names) for name, member in shape.members.items()}
    required = tuple(shape.required_members)

    def rule(value: Any, path: str, found: Found | None) -> bool:
        if not isinstance(value, dict):
            return _wrong_type(value, _STRUCTURE, found)
        conforms = True
        for name in required:
            if value.get(name) is None:
                if found is None:
                    return False
                found.append(coral.null_violation(_join(path, written.get(name, coral.member_name(name)))))
                conforms = False
        for name, member_value in value.items():
            member = members.get(name)
            if member is None or member_value is None or type(member_value) is member[0]:
                continue  # unknown members and nulls are ignored; a plain member's type is all it asks
            if not member[1](member_value, "" if found is None else _join(path, written[name]), found):
                if found is None:
                    return False
                conforms = False
        return conforms

    return rule


def _list(shape: ListShape, wire_names: bool) -> Rule:
    item_rule = rule_for(shape.member, wire_names)
    size, render = _length(shape.metadata, len), _structures_text(shape.member)
    # A null string in a list (Resources) is skipped, as AWS's size formula does; a null structure (an entry)
    # would have nothing to process, so it is refused the way a missing required member is (modelled choice).
    null_refused = isinstance(shape.member, StructureShape)

    def rule(value: Any, path: str, found: Found | None) -> bool:
        if not isinstance(value, list):
            return _wrong_type(value, _LIST, found)
        conforms = _meets(value, size, path, found, render)
        if not conforms and found is None:
            return False
        for index, item in enumerate(value, start=1):  # a loop, not all(): it runs over every call's entries
            if item is None:
                if not null_refused:
                    continue
                if found is None:
                    return False
                found.append(coral.null_violation(f"{path}.{index}.member"))
            elif item_rule(item, "" if found is None else f"{path}.{index}.member", found):
                continue
            elif found is None:
                return False
            conforms = False
        return conforms

    return rule


def _map(shape: MapShape, wire_names: bool) -> Rule:
    """A map's size, then its keys and its values, each as one violation that lists the member's constraints
    (Coral's "Map keys must satisfy constraint: [...]" form)."""
    size = _length(shape.metadata, len)
    keys, values = rule_for(shape.key, wire_names), rule_for(shape.value, wire_names)
    keys_demand = f"Map keys must satisfy constraint: [{coral.member_constraints(shape.key.metadata)}]"
    values_demand = f"Map value must satisfy constraint: [{coral.member_constraints(shape.value.metadata)}]"

    def rule(value: Any, path: str, found: Found | None) -> bool:
        if not isinstance(value, dict):
            return _wrong_type(value, _MAP, found)
        conforms = _meets(value, size, path, found, coral.map_text)
        # With `found`, each key and value is asked with a scratch list: a wrong type still raises.
        if any(not keys(key, "", None if found is None else []) for key in value):
            if found is None:
                return False
            found.append(coral.violation(value, path, keys_demand, coral.map_text))
            conforms = False
        if any(not values(item, "", None if found is None else []) for item in value.values() if item is not None):
            if found is None:
                return False
            found.append(coral.violation(value, path, values_demand, coral.map_text))
            conforms = False
        return conforms

    return rule


def _structures_text(item_shape: Shape) -> coral.Render | None:
    if not isinstance(item_shape, StructureShape):
        return None
    return coral.structure_list_renderer(item_shape.name, list(item_shape.members))


# -- scalars -----------------------------------------------------------------------------------------------------


def _scalar(shape: Shape) -> Rule:
    kinds = ACCEPTED_TYPES.get(shape.type_name, (object,))
    accepted: type | tuple[type, ...] = kinds[0] if len(kinds) == 1 else kinds  # one type: a cheaper isinstance
    # bool is an int in Python, not in JSON: refused where an int type is accepted but bool is not
    guards_bool = bool not in kinds and any(issubclass(bool, kind) for kind in kinds)
    target = f"{{}} cannot be converted to {_TARGET_NAMES.get(shape.type_name, shape.type_name)}"
    constraints = _constraints(shape)
    meets_all = _all_of([constraint.holds for constraint in constraints])
    # Strings that passed a pattern are remembered: a publisher sends the same Source in every entry of every
    # call, and a set lookup is several times cheaper than the pattern's match.
    passed: set[Any] | None = set() if isinstance(shape, StringShape) and "pattern" in shape.metadata else None

    def rule(value: Any, path: str, found: Found | None) -> bool:
        if passed is not None and type(value) is str and value in passed:
            return True  # a string that met every constraint before
        if not isinstance(value, accepted) or (guards_bool and type(value) is bool):
            return _wrong_type(value, target, found)
        if meets_all is None:
            return True
        if meets_all(value):
            if passed is not None:
                _remember(passed, value)
            return True
        if found is not None:
            found.extend(coral.violation(value, path, c.demands(value)) for c in constraints if not c.holds(value))
        return False

    return rule


def _constraints(shape: Shape) -> list[Constraint]:
    meta = shape.metadata
    if isinstance(shape, StringShape):
        found = [_length(meta, utf16_length)] if "min" in meta or "max" in meta else []
        found += [_pattern(meta["pattern"])] if "pattern" in meta else []
        return found + ([_enum(list(shape.enum))] if shape.enum else [])
    if shape.type_name in ("integer", "long") and ("min" in meta or "max" in meta):
        return [_range(meta)]
    return []


def _length(meta: dict[str, Any], count: Callable[[Any], int]) -> Constraint:
    """A length as AWS counts it: `count` is `utf16_length` for strings (UTF-16 code units), `len` otherwise."""
    low, high = meta.get("min"), meta.get("max")
    floor, ceiling = _bounds(meta)
    if count is utf16_length:
        holds: Callable[[Any], bool] = lambda text: length_within(text, floor, ceiling)  # noqa: E731
    else:
        holds = lambda items: floor <= count(items) <= ceiling  # noqa: E731
    return Constraint(holds, lambda value: coral.length_constraint(count(value), low, high))


def _range(meta: dict[str, Any]) -> Constraint:
    low, high = meta.get("min"), meta.get("max")
    floor, ceiling = _bounds(meta)
    demands = lambda number: coral.range_constraint(number, low, high)  # noqa: E731
    return Constraint(lambda number: floor <= number <= ceiling, demands)


def _pattern(pattern: str) -> Constraint:
    try:
        fullmatch = re.compile(pattern, re.DOTALL).fullmatch
    except re.error:  # a Java-only construct: AWS checks it, we cannot
        return Constraint(lambda text: True, lambda text: "")
    demand = coral.pattern_constraint(pattern)
    return Constraint(lambda text: fullmatch(text) is not None, lambda text: demand)


def _enum(allowed: Sequence[str]) -> Constraint:
    members, demand = frozenset(allowed), coral.enum_constraint(allowed)
    return Constraint(lambda text: text in members, lambda text: demand)


# -- helpers -----------------------------------------------------------------------------------------------------


def _meets(value: Any, constraint: Constraint, path: str, found: Found | None, render: coral.Render | None) -> bool:
    """A container's own constraint (its size), reported with the container printed as Java prints it."""
    if constraint.holds(value):
        return True
    if found is not None:
        found.append(coral.violation(value, path, constraint.demands(value), render))
    return False


def _all_of(tests: Sequence[Callable[[Any], bool]]) -> Callable[[Any], bool] | None:
    """One test that holds when every test holds, in order; None when there are none."""
    if len(tests) <= 1:
        return tests[0] if tests else None
    first, rest = tests[0], _all_of(tests[1:])
    assert rest is not None
    return lambda value: first(value) and rest(value)


def _remember(passed: set[Any], value: Any, limit: int = 4096) -> None:
    if len(passed) >= limit:
        passed.clear()
    passed.add(value)


def _plain_type(shape: Shape) -> type:
    """The one JSON type that is all a member asks (a string without constraints), else a type no value has."""
    if shape.type_name == "string" and not _constraints(shape):
        return str
    return _Never


def _bounds(meta: dict[str, Any]) -> tuple[float, float]:
    low, high = meta.get("min"), meta.get("max")
    return (float("-inf") if low is None else low, float("inf") if high is None else high)


def _path_name(name: str, member: Shape, wire_names: bool) -> str:
    return str(member.serialization.get("name", name)) if wire_names else coral.member_name(name)


def _join(path: str, member: str) -> str:
    return f"{path}.{member}" if path else member


def _wrong_type(value: Any, target: str, found: Found | None) -> bool:
    if found is None:
        return False
    raise serialization_error(coral.wrong_type(value, target))


def _accept_anything(value: Any, path: str, found: Found | None) -> bool:
    """Operations without input accept any body."""
    return True
