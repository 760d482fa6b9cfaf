"""The criteria keywords of filter / one / assert_published, each able to say why an event missed it."""

from __future__ import annotations

import json
import reprlib
from collections.abc import Callable, Mapping
from typing import Any

from mock_partner_events._common.suggest import check_names
from mock_partner_events._records.rows import RecordedEvent

Criterion = Callable[[RecordedEvent], "str | None"]  # None: matched; else the reason it did not
_NOTHING = object()
_PATH_ENDS = 3
_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxdict, _SHORT.maxlist, _SHORT.maxstring = 8, 10, 10, 80


def compile_criteria(criteria: Mapping[str, Any], where: str = "filter()") -> list[tuple[str, Criterion]]:
    """Turn keyword criteria into checks; an unknown keyword is a TypeError with "did you mean" and the known ones."""
    __tracebackhide__ = True
    check_names("criterion", criteria, CRITERIA, where)
    return [(name, _BUILDERS[name](value)) for name, value in criteria.items()]


def describe(criteria: Mapping[str, Any]) -> str:
    return ", ".join(f"{name}={safe_repr(value)}" for name, value in criteria.items()) or "no criteria"


def _field(name: str, read: Callable[[RecordedEvent], Any]) -> Callable[[Any], Criterion]:
    def build(expected: Any) -> Criterion:
        def check(event: RecordedEvent) -> str | None:
            actual = read(event)
            return None if actual == expected else f"{name} is {safe_repr(actual)}, not {safe_repr(expected)}"

        return check

    return build


def _detail(expected: Any) -> Criterion:
    __tracebackhide__ = True
    if not isinstance(expected, Mapping):
        raise TypeError("mock-partner-events: detail= takes a dict of the keys to compare, e.g. detail={'id': 1}")

    def check(event: RecordedEvent) -> str | None:
        return _subset_mismatch(expected, event.detail, "detail")

    return check


def _subset_mismatch(expected: Any, actual: Any, path: str) -> str | None:
    """Where `actual` differs from `expected`, comparing only the keys `expected` names, at any depth.

    A walk with its own stack, not recursion: a Detail may nest 1,000 levels, deeper than Python recurses.
    """
    pending: list[tuple[Any, Any, tuple[Any, ...]]] = [(expected, actual, ())]
    while pending:
        want, have, keys = pending.pop()
        if not isinstance(want, Mapping):
            if not _equal(want, have):
                return f"{_path(path, keys)} is {safe_repr(have)}, not {safe_repr(want)}"
            continue
        if not isinstance(have, Mapping):
            return f"{_path(path, keys)} is {safe_repr(have)}, not an object"
        missing = next((key for key in want if key not in have), _NOTHING)
        if missing is not _NOTHING:
            return f"{_path(path, (*keys, missing))} is missing"
        pending.extend((want[key], have[key], (*keys, key)) for key in reversed(list(want)))
    return None


def _path(root: str, keys: tuple[Any, ...]) -> str:
    """`detail['a']['b']`; a deep path shows its ends: `detail['a']['a'] ...(995 more)... ['a']['n']`."""
    steps = [f"[{key!r}]" for key in keys]
    if len(steps) > _PATH_ENDS * 2 + 1:
        hidden = len(steps) - 2 * _PATH_ENDS
        steps = [*steps[:_PATH_ENDS], f" ...({hidden} more)... ", *steps[-_PATH_ENDS:]]
    return root + "".join(steps)


def _equal(expected: Any, actual: Any) -> bool:
    try:
        return bool(actual == expected)
    except RecursionError:  # lists nested deeper than Python compares: compare their JSON text
        return json.dumps(actual, sort_keys=True) == json.dumps(expected, sort_keys=True)


def safe_repr(value: Any) -> str:
    """repr(value), shortened to a few levels for a value nested too deeply to print."""
    try:
        return repr(value)
    except RecursionError:
        return _SHORT.repr(value)


def _rule(expected: str) -> Criterion:
    def check(event: RecordedEvent) -> str | None:
        return None if expected in event.rules else f"rule {expected!r} not matched (matched: {list(event.rules)})"

    return check


def _pattern(expected: Any) -> Criterion:
    from mock_partner_events._patterns.compile import (  # imported on first use: most tests never filter by pattern
        InvalidEventPattern,
        compile_pattern,
    )

    try:
        compiled = compile_pattern(expected)
    except InvalidEventPattern as error:
        raise error.for_argument("pattern=") from None

    def check(event: RecordedEvent) -> str | None:
        return None if compiled.matches(event.envelope()) else "pattern does not match"

    return check


_BUILDERS: dict[str, Callable[[Any], Criterion]] = {
    "source": _field("source", lambda event: event.source),
    "detail_type": _field("detail_type", lambda event: event.detail_type),
    "detail": _detail,
    "account": _field("account", lambda event: event.customer_account),
    "delivered": _field("delivered", lambda event: event.delivered),
    "region": _field("region", lambda event: event.region),
    "rule": _rule,
    "pattern": _pattern,
}
CRITERIA = tuple(_BUILDERS)
