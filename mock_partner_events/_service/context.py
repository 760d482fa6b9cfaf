"""What every operation receives: the caller, the clock reading, the world, and what the call records.

An operation is a function of (context, params) that returns the response payload (None for AWS's empty body)
or raises AwsError; it records accepted events and rejected entries on the context, and the engine turns those
into records once the call's answer is known. `table.OPERATIONS` names every operation the mock answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from mock_partner_events._records.rows import Packed
from mock_partner_events._world.foreign import ForeignBus, no_foreign_buses
from mock_partner_events._world.model import World


class Settings(Protocol):
    """The options operations read (the engine's Options has them, among others)."""

    @property
    def customer_account(self) -> str: ...
    @property
    def unknown_sources(self) -> str: ...
    @property
    def max_request_bytes(self) -> int: ...


EntryFault = Callable[[Callable[[], dict[str, Any]]], "tuple[str, str] | None"]


@dataclass(kw_only=True)
class CallContext:
    """Everything an operation may use: the caller, the clock reading, the world and what it records."""

    world: World
    options: Settings
    account: str
    region: str
    now: float
    request_id: str
    attempt: int
    new_ids: Callable[[int], list[str]]
    entry_fault: EntryFault | None = None
    body_bytes: int | None = None  # the request body's length, when the request came as bytes
    request_body: bytes = b""  # the request as sent: the records of accepted entries read them back from it
    access_key: str | None = None  # the key id the request was signed with (another mock may file it elsewhere)
    foreign_buses: Callable[[str, str | None, str], list[ForeignBus] | None] = no_foreign_buses
    """The customer's own buses another mock holds (moto's), or None while none does (see `_world.foreign`)."""
    state: Any = None  # the service's own state, for a service that keeps one beside the world (catalog.Service)
    events: list[Packed] = field(default_factory=list)  # accepted entries, as packed EventRows
    rejected: list[tuple[int, dict[str, Any], str, str]] = field(default_factory=list)

    def reject(self, index: int, entry: dict[str, Any], code: str, message: str) -> dict[str, str]:
        self.rejected.append((index, entry, code, message))
        return {"ErrorCode": code, "ErrorMessage": message}


Operation = Callable[[CallContext, dict[str, Any]], "dict[str, Any] | None"]
