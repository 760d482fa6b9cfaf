"""The JSONPath subset EventBridge reads in `InputPath` and `InputPathsMap`.

AWS documents what it supports: dot notation (`$.detail.order`), names with dashes and underscores, array
indexes (`$.resources[0]`) and wildcards (`$.detail.items[*].id`, `$.detail.*`). A path with a wildcard
selects a list of what it found. A path that finds nothing gives `MISSING`.
"""

from __future__ import annotations

import re
from typing import Any

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()
"""What a path selects from an event that has nothing there (templates insert an empty value)."""

_STEP = re.compile(r"\.([^.\[\]]+)|\[(\d+|\*)\]|\['([^']*)'\]")
_WILDCARD = "*"


def select(event: Any, path: str) -> Any:
    """The value at `path` in `event`, a list for a path with a wildcard, or MISSING."""
    steps = _steps(path)
    if steps is None:
        return MISSING
    found = [event]
    spread = False
    for step in steps:
        spread = spread or step == _WILDCARD
        found = [child for value in found for child in _children(value, step)]
    if spread:
        return found
    return found[0] if found else MISSING


def _steps(path: str) -> list[str | int] | None:
    text = path.strip()
    if not text.startswith("$"):
        return None
    steps: list[str | int] = []
    position = 1
    while position < len(text):
        found = _STEP.match(text, position)
        if found is None:
            return None
        name, index, quoted = found.groups()
        if index is not None:
            steps.append(_WILDCARD if index == _WILDCARD else int(index))
        else:
            steps.append(name if name is not None else quoted)
        position = found.end()
    return steps


def _children(value: Any, step: str | int) -> list[Any]:
    if step == _WILDCARD:
        if isinstance(value, dict):
            return list(value.values())
        return list(value) if isinstance(value, list) else []
    if isinstance(step, int):
        return [value[step]] if isinstance(value, list) and step < len(value) else []
    return [value[step]] if isinstance(value, dict) and step in value else []
