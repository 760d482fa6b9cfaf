"""EventBridge event patterns: validated like AWS does, compiled once into closures, matched many times.

Matching follows AWS's documented content filtering and its event-ruler engine:

* A pattern names fields; every named field must match, and a field matches if any entry of its value list
  matches. Field names may be dotted ("a.b" is field b inside a), in patterns and in events alike.
* Arrays in the event never change the path: each leaf value in an array is tried in turn. Fields matched
  under one array must come from the same element (event-ruler calls this array consistency).
* Only leaf values (strings, numbers, booleans, null) are matched; ``exists`` looks for a leaf value at the
  path, so an object or an empty array counts as absent.
* "$or" holds alternative objects for the same level; one of them must match.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from typing import Any

from mock_partner_events._patterns.grammar import (
    AnythingBut,
    Condition,
    InvalidEventPattern,
    fail,
    ip_literal,
    is_or_primitive,
    parse_pattern_text,
    parse_value_list,
)
from mock_partner_events._patterns.wildcard_complexity import check_wildcard_complexity

__all__ = ["CompiledPattern", "InvalidEventPattern", "compile_pattern"]

Check = Callable[[Any], bool]
WildcardParts = tuple[str, ...]
Paths = dict[tuple[str, ...], list[WildcardParts]]  # the wildcard values of each field path


class _Missing:
    """What a matcher sees for a field the event does not have."""

    def __repr__(self) -> str:
        return "MISSING"


class _Unknown:
    """What a matcher sees for a value that is not JSON: present, but equal to no pattern value."""

    def __repr__(self) -> str:
        return "UNKNOWN"


MISSING: Any = _Missing()
_UNKNOWN = _Unknown()
_NUMBERS = frozenset({int, float})  # by exact type: True and False are not numbers to EventBridge
_CONSTANT_TYPES = frozenset({bool, type(None)})
_SCALARS = frozenset({str, int, float, bool, type(None), _Missing, _Unknown})


def compile_pattern(pattern: str | Mapping[str, Any]) -> CompiledPattern:
    """Validate ``pattern`` (JSON text, as PutRule sends it, or a parsed object) and compile it.

    Raises InvalidEventPattern with AWS's message when AWS would reject the pattern.
    """
    if isinstance(pattern, str):
        return _compile_text(pattern)
    if not isinstance(pattern, Mapping):
        fail("Filter is not an object")
    return CompiledPattern(dict(pattern))


@lru_cache(maxsize=1024)
def _compile_text(text: str) -> CompiledPattern:
    return CompiledPattern(parse_pattern_text(text))


class CompiledPattern:
    """A valid event pattern, compiled; ``matches`` is cheap enough to call for every event and rule."""

    __slots__ = ("_match", "source")

    def __init__(self, source: dict[str, Any]) -> None:
        self.source = source
        try:
            self._match = _build(source)
        except RecursionError:
            fail("Filter is nested too deeply")

    def matches(self, event: Mapping[str, Any]) -> bool:
        """Whether ``event`` (an EventBridge envelope with ``detail`` parsed) matches the pattern."""
        return self._match(event if isinstance(event, dict) else dict(event))

    def __repr__(self) -> str:
        return f"CompiledPattern({self.source!r})"


# Building: the pattern becomes a tree keyed by single path segments, so "a.b" and {"a": {"b": ...}} meet
# in the same node and are matched against the same array element of the event.


def _build(source: Mapping[Any, Any]) -> Callable[[dict[Any, Any]], bool]:
    root = _Node()
    _add_object(root, source)
    wildcards: Paths = {}
    _collect_wildcards(root, (), wildcards)
    for values in wildcards.values():
        check_wildcard_complexity(values)
    return _compile_object(root)[0]


@dataclass
class _Node:
    # The value list of this path. As in AWS, a later value list for the same path replaces an earlier one.
    conditions: list[Condition] | None = None
    children: dict[str, _Node] = field(default_factory=dict)
    alternatives: list[list[_Node]] = field(default_factory=list)  # per "$or": one of its objects must match


def _add_object(node: _Node, obj: Mapping[Any, Any]) -> None:
    if not obj:
        fail("Empty objects are not allowed")
    for key, value in obj.items():
        if not isinstance(key, str):
            fail(f"Field name {key!r} is not a string")
        if key == "$or" and is_or_primitive(value):
            node.alternatives.append([_alternative(item) for item in value])
            continue
        target = node
        for segment in key.split("."):
            target = target.children.setdefault(segment, _Node())
        if isinstance(value, Mapping):
            _add_object(target, value)
        elif isinstance(value, list):
            target.conditions = parse_value_list(value)
        else:
            fail(f'"{key}" must be an object or an array')


def _alternative(obj: Mapping[Any, Any]) -> _Node:
    node = _Node()
    _add_object(node, obj)
    return node


def _collect_wildcards(node: _Node, path: tuple[str, ...], found: Paths) -> None:
    """The wildcard values of each field path, all "$or" alternatives included."""
    for condition in node.conditions or ():
        if condition.kind == "wildcard":
            found.setdefault(path, []).append(condition.operand)
    for segment, child in node.children.items():
        _collect_wildcards(child, (*path, segment), found)
    for group in node.alternatives:
        for alternative in group:
            _collect_wildcards(alternative, path, found)


# Matching closures. A node's matcher receives whatever the event holds at the node's path: a leaf value,
# an object, an array of those, or MISSING. They dispatch on exact types, the fast path for parsed JSON;
# anything else is first converted by _plain.


def _compile_node(node: _Node) -> Check:
    if node.conditions is None:  # then the pattern gave this path an object
        return _object_matcher(*_compile_object(node))
    on_leaves = _leaf_matcher(_value_check(node.conditions))
    if not node.children and not node.alternatives:
        return on_leaves
    on_objects = _object_matcher(*_compile_object(node))
    return lambda value: on_leaves(value) and on_objects(value)


def _leaf_matcher(check: Check) -> Check:
    absent = check(MISSING)  # what an object, an empty array or a missing field gets

    def match(value: Any) -> bool:
        kind = type(value)
        if kind in _SCALARS:
            return check(value)
        if kind is dict:
            return absent
        if kind is list:
            leaves = [item for item in _flatten(value) if type(item) is not dict]
            return any(map(check, leaves)) if leaves else absent
        return match(_plain(value))

    return match


def _object_matcher(check: Callable[[dict[Any, Any]], bool], absent: bool) -> Check:
    def match(value: Any) -> bool:
        kind = type(value)
        if kind is dict:
            return check(value)
        if kind is list:
            objects = [item for item in _flatten(value) if type(item) is dict]
            return any(map(check, objects)) if objects else absent
        if kind in _SCALARS:
            return absent
        return match(_plain(value))

    return match


def _compile_object(node: _Node) -> tuple[Callable[[dict[Any, Any]], bool], bool]:
    """The check for an event object at this node, and whether the node matches when the object is absent."""
    children = [(segment, segment + ".", _compile_node(child)) for segment, child in node.children.items()]
    groups = [[_compile_object(alternative) for alternative in group] for group in node.alternatives]
    absent = all(matcher(MISSING) for _, _, matcher in children) and all(
        any(alternative_absent for _, alternative_absent in group) for group in groups
    )

    def check(obj: dict[Any, Any]) -> bool:
        for segment, dotted, matcher in children:
            value = obj.get(segment, MISSING)
            if value is MISSING:
                value = _dotted_field(obj, dotted)
            if not matcher(value):
                return False
        return True

    if not groups:
        return check, absent
    group_checks = [[alternative for alternative, _ in group] for group in groups]

    def check_with_alternatives(obj: dict[Any, Any]) -> bool:
        return check(obj) and all(any(alternative(obj) for alternative in group) for group in group_checks)

    return check_with_alternatives, absent


def _dotted_field(obj: dict[Any, Any], lead: str) -> Any:
    """Event keys with dots stand for nested fields too: {"a.b": 1} holds field b of a."""
    cut = len(lead)
    nested = {key[cut:]: value for key, value in obj.items() if type(key) is str and key.startswith(lead)}
    return nested if nested else MISSING


def _flatten(items: list[Any]) -> list[Any]:
    """The elements of an array, with nested arrays spliced in (iteratively: events may nest deeply)."""
    if all(type(item) in _SCALARS or type(item) is dict for item in items):
        return items
    flat: list[Any] = []
    pending = [iter(items)]
    while pending:
        for item in pending[-1]:
            item = item if type(item) in _SCALARS or type(item) is dict else _plain(item)
            if type(item) is list:
                pending.append(iter(item))
                break
            flat.append(item)
        else:
            pending.pop()
    return flat


def _plain(value: Any) -> Any:
    """A non-JSON Python value as the JSON value it stands for; anything unknown matches no pattern value."""
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, (list, tuple)):
        return list(value)
    for kind in (str, int, float):  # (bool cannot be subclassed)
        if isinstance(value, kind):
            return kind.__str__(value) if kind is str else kind(value)
    return _UNKNOWN


def _either(first: Check, second: Check) -> Check:
    return lambda value: first(value) or second(value)


def _value_check(conditions: list[Condition]) -> Check:
    """One value list: any condition may match. Exact values and prefixes/suffixes are grouped."""
    checks = [_CHECK_BUILDERS[c.kind](c.operand) for c in conditions if c.kind not in _GROUPED_KINDS]
    for kind, build in (("suffix", _suffix_check), ("prefix", _prefix_check), ("exact", _exact_check)):
        grouped = tuple(condition.operand for condition in conditions if condition.kind == kind)
        if grouped:
            checks.insert(0, build(grouped))
    return reduce(_either, checks)


def _exact_check(values: tuple[Any, ...]) -> Check:
    strings = frozenset(value for value in values if isinstance(value, str))
    numbers = frozenset(value for value in values if type(value) in _NUMBERS)  # 3 == 3.0, as AWS has it
    constants = frozenset(value for value in values if value is None or isinstance(value, bool))
    if not numbers and not constants:
        return strings.__contains__  # values reaching a check are plain scalars, so always hashable

    def check(value: Any) -> bool:
        kind = type(value)
        if kind is str:
            return value in strings
        if kind in _NUMBERS:
            return value in numbers
        return kind in _CONSTANT_TYPES and value in constants

    return check


def _ip_check(operand: tuple[int, int, int]) -> Check:
    bits, low, high = operand

    def check(value: Any) -> bool:
        address = ip_literal(value) if type(value) is str else None
        return address is not None and address[0] == bits and low <= address[1] <= high

    return check


def _prefix_check(prefixes: str | tuple[str, ...]) -> Check:
    return lambda value: type(value) is str and value.startswith(prefixes)


def _suffix_check(suffixes: str | tuple[str, ...]) -> Check:
    return lambda value: type(value) is str and value.endswith(suffixes)


def _prefix_ignore_case_check(prefix: str) -> Check:
    lowered = prefix.lower()
    return lambda value: type(value) is str and value.lower().startswith(lowered)


def _suffix_ignore_case_check(suffix: str) -> Check:
    lowered = suffix.lower()
    return lambda value: type(value) is str and value.lower().endswith(lowered)


def _equals_ignore_case_check(expected: str) -> Check:
    lowered = expected.lower()
    return lambda value: type(value) is str and value.lower() == lowered


def _wildcard_check(parts: WildcardParts) -> Check:
    return lambda value: type(value) is str and _matches_wildcard(parts, value)


def _numeric_check(operand: tuple[Any, bool, Any, bool]) -> Check:
    low, low_inclusive, high, high_inclusive = operand
    above = operator.ge if low_inclusive else operator.gt
    below = operator.le if high_inclusive else operator.lt
    return lambda value: type(value) in _NUMBERS and above(value, low) and below(value, high)


def _exists_check(expected: bool) -> Check:
    if expected:
        return lambda value: value is not MISSING
    return lambda value: value is MISSING


def _anything_but_check(spec: AnythingBut) -> Check:
    """anything-but needs a value to be present; it then matches every value the listed ones don't."""
    kind, values = spec
    if kind == "strings":
        strings = frozenset(values)
        return lambda value: value is not MISSING and value not in strings
    if kind == "numbers":
        numbers = frozenset(values)
        return lambda value: value is not MISSING and (type(value) not in _NUMBERS or value not in numbers)
    excluded = _EXCLUDED_STRINGS[kind](values)
    return lambda value: value is not MISSING and (type(value) is not str or not excluded(value))


def _matches_wildcard(parts: WildcardParts, text: str) -> bool:
    """'*' matches any run of characters. Greedy leftmost search is exact for such patterns, and linear."""
    if len(parts) == 1:
        return text == parts[0]
    first, last = parts[0], parts[-1]
    if len(text) < len(first) + len(last) or not text.startswith(first) or not text.endswith(last):
        return False
    position, end = len(first), len(text) - len(last)
    for part in parts[1:-1]:
        found = text.find(part, position, end)
        if found < 0:
            return False
        position = found + len(part)
    return True


def _excluded_ignoring_case(values: tuple[str, ...]) -> Callable[[str], bool]:
    lowered = frozenset(value.lower() for value in values)
    return lambda text: text.lower() in lowered


def _excluded_wildcards(values: tuple[WildcardParts, ...]) -> Callable[[str], bool]:
    return lambda text: any(_matches_wildcard(parts, text) for parts in values)


_GROUPED_KINDS = frozenset({"exact", "prefix", "suffix"})
_CHECK_BUILDERS: dict[str, Callable[[Any], Check]] = {
    "ip": _ip_check,
    "prefix-ic": _prefix_ignore_case_check,
    "suffix-ic": _suffix_ignore_case_check,
    "equals-ic": _equals_ignore_case_check,
    "wildcard": _wildcard_check,
    "numeric": _numeric_check,
    "exists": _exists_check,
    "anything-but": _anything_but_check,
}
# For anything-but with prefix, suffix, equals-ignore-case or wildcard: which strings it excludes.
_EXCLUDED_STRINGS: dict[str, Callable[[tuple[Any, ...]], Callable[[str], bool]]] = {
    "prefix": lambda prefixes: lambda text: text.startswith(prefixes),
    "suffix": lambda suffixes: lambda text: text.endswith(suffixes),
    "equals-ic": _excluded_ignoring_case,
    "wildcard": _excluded_wildcards,
}
