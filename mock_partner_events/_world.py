"""The simulated partner world: event sources, the customers' partner buses and their rules.

Plain state, no locking and no wire format: the engine holds its lock around every call into it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PENDING, ACTIVE, DELETED = "PENDING", "ACTIVE", "DELETED"
PENDING_EXPIRY_SECONDS = 7 * 24 * 3600


@dataclass
class PartnerSource:
    """One partner event source, addressed to exactly one customer account (AWS allows one)."""

    name: str
    region: str
    partner_account: str
    customer_account: str
    state: str
    created: float
    expires: float | None

    @property
    def arn(self) -> str:
        return f"arn:aws:events:{self.region}::event-source/{self.name}"


@dataclass
class Rule:
    name: str
    event_bus_name: str
    event_pattern: str | None
    state: str = "ENABLED"
    description: str | None = None
    targets: dict[str, dict[str, Any]] = field(default_factory=dict)
    matcher: Any = None  # a compiled event pattern, set by whoever creates the rule


@dataclass
class EventBus:
    name: str
    region: str
    account: str
    event_source_name: str | None
    created: float
    rules: dict[str, Rule] = field(default_factory=dict)

    @property
    def arn(self) -> str:
        return f"arn:aws:events:{self.region}:{self.account}:event-bus/{self.name}"


@dataclass(frozen=True)
class Delivery:
    """Where an accepted event went: the customer's bus (None when dropped) and the rules it matched."""

    customer_account: str | None
    event_bus_arn: str | None
    rules: tuple[str, ...] = ()

    @property
    def delivered(self) -> bool:
        return self.event_bus_arn is not None


DROPPED = Delivery(None, None)


@dataclass
class World:
    sources: dict[tuple[str, str], PartnerSource] = field(default_factory=dict)
    buses: dict[tuple[str, str, str], EventBus] = field(default_factory=dict)

    def source(self, region: str, name: str, now: float) -> PartnerSource | None:
        """The source as it stands at `now`: a PENDING source past its expiry no longer exists."""
        source = self.sources.get((region, name))
        if source is not None and source.state == PENDING and source.expires is not None and now >= source.expires:
            del self.sources[(region, name)]
            return None
        return source

    def add_source(self, name: str, region: str, partner: str, customer: str, now: float) -> PartnerSource:
        """A new source: PENDING until the customer has a partner bus of the same name."""
        source = PartnerSource(name, region, partner, customer, PENDING, now, now + PENDING_EXPIRY_SECONDS)
        self.sources[(region, name)] = source
        if (region, customer, name) in self.buses:
            self._activate(source)
        return source

    def add_bus(self, name: str, region: str, account: str, event_source_name: str | None, now: float) -> EventBus:
        bus = EventBus(name, region, account, event_source_name, now)
        self.buses[(region, account, name)] = bus
        source = self.sources.get((region, name)) if event_source_name else None
        if source is not None and source.customer_account == account and source.state == PENDING:
            self._activate(source)
        return bus

    def bus_for(self, source: PartnerSource) -> EventBus | None:
        return self.buses.get((source.region, source.customer_account, source.name))

    def deliver(self, source: PartnerSource, envelope: Callable[[], dict[str, Any]]) -> Delivery:
        """Hand an accepted event to the customer's partner bus; only an ACTIVE source delivers.

        `envelope` is built only when the bus has rules to match it against.
        """
        bus = self.bus_for(source) if source.state == ACTIVE else None
        if bus is None:
            return DROPPED
        if not bus.rules:
            return Delivery(source.customer_account, bus.arn)
        event = envelope()
        matched = tuple(
            rule.name
            for rule in bus.rules.values()
            if rule.state == "ENABLED" and rule.matcher is not None and rule.matcher.matches(event)
        )
        return Delivery(source.customer_account, bus.arn, matched)

    @staticmethod
    def _activate(source: PartnerSource) -> None:
        source.state = ACTIVE
        source.expires = None
