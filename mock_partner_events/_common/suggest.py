"""One wording for every unknown name a user can type: options, criteria, marker keywords.

The message says where the name was given, each unknown name with its nearest valid names ("did you mean"),
every valid name, and the documentation anchor that lists them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import ParamSpec, TypeVar

DOCS = "https://mock-partner-events.github.io/mock-partner-events"
ANCHORS = {
    "option": f"{DOCS}/reference/options/#options",
    "criterion": f"{DOCS}/guides/assertions/#criteria",
    "fault": f"{DOCS}/guides/failure-injection/#faults-as-data",
    "operation": f"{DOCS}/guides/partner-world/#operations",
}

P = ParamSpec("P")
R = TypeVar("R")


def unknown_names_message(kind: str, given: Iterable[str], valid: Sequence[str], where: str) -> str | None:
    """The error text for the names in `given` that are not in `valid`, or None when every name is valid.

    `kind` is the singular noun ("option", "criterion"); `where` names the call or marker that received them.
    """
    unknown = [name for name in given if name not in valid]
    if not unknown:
        return None
    plural = _plural(kind) if len(unknown) > 1 else kind
    guesses = "; ".join(_guess(name, valid) for name in unknown)
    lines = [
        f"mock-partner-events: {where} got unknown {plural} {guesses}.",
        f"Valid {_plural(kind)}: {', '.join(valid)}.",
    ]
    if kind in ANCHORS:
        lines.append(f"See {ANCHORS[kind]}")
    return "\n".join(lines)


def check_names(kind: str, given: Iterable[str], valid: Sequence[str], where: str) -> None:
    """Raise TypeError with `unknown_names_message` when a name is not valid."""
    __tracebackhide__ = True
    message = unknown_names_message(kind, given, valid, where)
    if message is not None:
        raise TypeError(message)


def did_you_mean(name: str, valid: Sequence[str]) -> str:
    """ " (did you mean 'x'?)" with the nearest valid names, or "" when none is near."""
    close = difflib.get_close_matches(name, valid, n=2, cutoff=0.6)
    return f" (did you mean {' or '.join(map(repr, close))}?)" if close else ""


def _guess(name: str, valid: Sequence[str]) -> str:
    return f"{name!r}{did_you_mean(name, valid)}"


def _plural(kind: str) -> str:
    return "criteria" if kind == "criterion" else f"{kind}s"
