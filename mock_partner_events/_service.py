"""The operations the mock answers: a registry from operation name to a function of (context, params).

Each operation module registers its functions with `@operation("Name")`. An operation returns the response
payload (None for AWS's empty body) or raises AwsError; it records accepted events and rejected entries on
the context, and the engine turns those into records once the call's answer is known.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ._options import Options
from ._records import EventRow
from ._world import World

EntryFault = Callable[[Callable[[], dict[str, Any]]], "tuple[str, str] | None"]


@dataclass
class CallContext:
    """Everything an operation may use: the caller, the clock reading, the world and what it records."""

    world: World
    options: Options
    account: str
    region: str
    now: float
    request_id: str
    attempt: int
    new_ids: Callable[[int], list[str]]
    entry_fault: EntryFault | None = None
    body_bytes: int | None = None  # the request body's length, when the request came as bytes
    events: list[EventRow] = field(default_factory=list)  # accepted entries, as rows
    rejected: list[tuple[int, dict[str, Any], str, str]] = field(default_factory=list)

    def reject(self, index: int, entry: dict[str, Any], code: str, message: str) -> dict[str, str]:
        self.rejected.append((index, entry, code, message))
        return {"ErrorCode": code, "ErrorMessage": message}


Operation = Callable[[CallContext, dict[str, Any]], "dict[str, Any] | None"]
OPERATIONS: dict[str, Operation] = {}


def operation(name: str) -> Callable[[Operation], Operation]:
    def register(function: Operation) -> Operation:
        OPERATIONS[name] = function
        return function

    return register


def load_operations() -> dict[str, Operation]:
    """Import every operation module once, so that each has registered itself."""
    from . import _ops_buses, _ops_customer, _ops_partner, _ops_rules, _put_events  # noqa: F401

    return OPERATIONS
