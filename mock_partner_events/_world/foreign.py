"""Event buses that another in-process mock holds (moto's mock_aws): the part of the customer's world that is not here.

With moto active, a customer's own buses (custom buses, `default`) live in moto and its partner buses here, but
AWS lists all of an account's buses in one ListEventBuses. moto's integration registers a ForeignBuses view with
the seam (`_core.seam`); the engine hands the seam's answer to operations (`CallContext.foreign_buses`), and
ListEventBuses merges it with the partner buses of this world, and pages the merged list.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol


class ForeignBus(NamedTuple):
    """One bus as another mock holds it, with what ListEventBuses shows of it."""

    name: str
    arn: str
    description: str | None = None
    created: float | None = None
    modified: float | None = None
    policy: str | None = None


class ForeignBuses(Protocol):
    def active(self) -> bool:
        """Whether the other mock holds the customer's own buses now (moto's mock_aws is active, say)."""

    def buses(self, account: str, access_key: str | None, region: str) -> list[ForeignBus]:
        """The buses the caller has in `region` there: `account` is who this package takes the caller for,
        `access_key` the key id it signed with (the other mock may file the caller under another account)."""


def no_foreign_buses(account: str, access_key: str | None, region: str) -> list[ForeignBus] | None:
    """No other mock holds any of the customer's buses (all of them are here)."""
    return None
