"""JSON text for the admin API that no request can break: no recursion limit, no `Infinity`, no crash.

Recorded params, entries and answers can nest as deeply as a client sent them (the partner API answers
SerializationException or ValidationException only after recording the call), and the standard library's
encoder recurses, so `dumps` tries it first and falls back to an explicit stack. Floats that JSON cannot
carry (an overflowed `1e400` in the params, read as inf) are written as strings, so the output is valid JSON
for every reader, `JSON.parse` included.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any

MAX_INPUT_DEPTH = 64  # admin input (faults, detail filter, pattern) nests far less; deeper input is a 400

_NON_FINITE = {math.inf: '"Infinity"', -math.inf: '"-Infinity"'}


def dumps(value: Any) -> str:
    """`value` as JSON text: the C encoder for the usual shallow data, the stack-based writer otherwise."""
    try:
        return json.dumps(value, allow_nan=False, separators=(",", ":"), default=str)
    except (RecursionError, ValueError):  # too deep, a non-finite float, or an int too long for str()
        return "".join(_write(value))


def _write(value: Any) -> Iterator[str]:
    """JSON text pieces for `value`, walking containers with an explicit stack (depth is not bounded)."""
    stack: list[Iterator[Any]] = [iter((value,))]
    while stack:
        item = next(stack[-1], _END)
        if item is _END:
            stack.pop()
            continue
        if isinstance(item, _Close):
            yield item.text
            continue
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], _Key):
            yield item[0].text
            item = item[1]
        container = _open(item)
        if container is None:
            yield _scalar(item)
        else:
            text, members = container
            yield text
            stack.append(members)


class _Key:
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class _Close:
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


_END = object()


def _open(value: Any) -> tuple[str, Iterator[Any]] | None:
    """The opening bracket and the members (then the closing bracket) of a container; None for a scalar."""
    if isinstance(value, dict):
        return "{", _members(value)
    if isinstance(value, list | tuple):
        return "[", _items(value)
    return None


def _members(mapping: dict[Any, Any]) -> Iterator[Any]:
    for number, (key, member) in enumerate(mapping.items()):
        yield (_Key(("," if number else "") + json.dumps(str(key)) + ":"), member)
    yield _Close("}")


def _items(sequence: list[Any] | tuple[Any, ...]) -> Iterator[Any]:
    for number, item in enumerate(sequence):
        if number:
            yield _Close(",")
        yield item
    yield _Close("]")


def _scalar(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return _NON_FINITE.get(value, '"NaN"')
    try:
        return json.dumps(value, default=str)
    except ValueError:  # an int with more digits than str() converts
        return json.dumps(f"<integer of about {int(value.bit_length() * math.log10(2)) + 1} digits>")


def input_depth(text: str | bytes) -> int:
    """How deeply the JSON `text` nests (brackets outside strings), without parsing it."""
    data = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub("", data)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"?')
_BRACKETS = re.compile(r"[\[\]{}]")
