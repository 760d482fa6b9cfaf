"""The criteria keywords of filter / one / assert_published, each able to say why an event missed it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mock_partner_events._core.suggest import check_names
from mock_partner_events._records.rows import RecordedEvent

Criterion = Callable[[RecordedEvent], "str | None"]  # None: matched; else the reason it did not


def compile_criteria(criteria: Mapping[str, Any], where: str = "filter()") -> list[tuple[str, Criterion]]:
    """Turn keyword criteria into checks; an unknown keyword is a TypeError with "did you mean" and the known ones."""
    __tracebackhide__ = True
    check_names("criterion", criteria, CRITERIA, where)
    return [(name, _BUILDERS[name](value)) for name, value in criteria.items()]


def describe(criteria: Mapping[str, Any]) -> str:
    return ", ".join(f"{name}={value!r}" for name, value in criteria.items()) or "no criteria"


def _field(name: str, read: Callable[[RecordedEvent], Any]) -> Callable[[Any], Criterion]:
    def build(expected: Any) -> Criterion:
        def check(event: RecordedEvent) -> str | None:
            actual = read(event)
            return None if actual == expected else f"{name} is {actual!r}, not {expected!r}"

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
    """Where `actual` differs from `expected`, comparing only the keys `expected` names, recursively."""
    if isinstance(expected, Mapping):
        if not isinstance(actual, Mapping):
            return f"{path} is {actual!r}, not an object"
        for key, value in expected.items():
            if key not in actual:
                return f"{path}[{key!r}] is missing"
            found = _subset_mismatch(value, actual[key], f"{path}[{key!r}]")
            if found is not None:
                return found
        return None
    return None if actual == expected else f"{path} is {actual!r}, not {expected!r}"


def _rule(expected: str) -> Criterion:
    def check(event: RecordedEvent) -> str | None:
        return None if expected in event.rules else f"rule {expected!r} not matched (matched: {list(event.rules)})"

    return check


def _pattern(expected: Any) -> Criterion:
    from mock_partner_events._patterns.compile import (
        compile_pattern,  # imported on first use: most tests never filter by pattern
    )

    compiled = compile_pattern(expected)

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
