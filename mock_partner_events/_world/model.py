"""The simulated partner world: event sources, the customers' buses and their rules.

Plain state, no locking and no wire format: the engine holds its lock around every call into it. The AWS
operations (`_ops_*` modules) decide what is allowed and answer errors; the world only keeps state and moves
sources between the states of the reference's section 3.4.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

PENDING, ACTIVE, DELETED = "PENDING", "ACTIVE", "DELETED"
ENABLED, DISABLED = "ENABLED", "DISABLED"
DEFAULT_BUS = "default"
DAY = 24 * 3600.0
PENDING_EXPIRY_SECONDS = 7 * DAY
DEACTIVATED_EXPIRY_SECONDS = 14 * DAY


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

    @property
    def partner_name(self) -> str:
        """The partner's registered name: the segment after `aws.partner/` (e.g. `zendesk.com`)."""
        return self.name.split("/")[1]


@dataclass
class Rule:
    name: str
    event_bus_name: str
    event_pattern: str | None
    state: str = ENABLED
    description: str | None = None
    targets: dict[str, dict[str, Any]] = field(default_factory=dict)
    matcher: Any = None  # a compiled event pattern, set by whoever creates the rule
    schedule_expression: str | None = None
    role_arn: str | None = None
    arn: str = ""
    tags: dict[str, str] = field(default_factory=dict)


@dataclass
class EventBus:
    name: str
    region: str
    account: str
    event_source_name: str | None
    created: float
    rules: dict[str, Rule] = field(default_factory=dict)
    description: str | None = None
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def arn(self) -> str:
        return f"arn:aws:events:{self.region}:{self.account}:event-bus/{self.name}"

    def rule_arn(self, rule_name: str) -> str:
        """AWS leaves the bus out of the ARN of a rule on the default bus."""
        path = rule_name if self.name == DEFAULT_BUS else f"{self.name}/{rule_name}"
        return f"arn:aws:events:{self.region}:{self.account}:rule/{path}"


class Delivery(NamedTuple):
    """Where an accepted event went: the customer's bus (None when dropped) and the rules it matched.

    A NamedTuple: one is built per call and per distinct source on the PutPartnerEvents hot path."""

    customer_account: str | None
    event_bus_arn: str | None
    rules: tuple[str, ...] = ()

    @property
    def delivered(self) -> bool:
        return self.event_bus_arn is not None


DROPPED = Delivery(None, None)


@dataclass
class World:
    pending_expiry: float = PENDING_EXPIRY_SECONDS
    deactivated_expiry: float = DEACTIVATED_EXPIRY_SECONDS
    sources: dict[tuple[str, str], PartnerSource] = field(default_factory=dict)
    buses: dict[tuple[str, str, str], EventBus] = field(default_factory=dict)

    # -- sources -------------------------------------------------------------------------------------------

    def source(self, region: str, name: str, now: float) -> PartnerSource | None:
        """The source as it stands at `now`: a PENDING source past its expiry no longer exists."""
        source = self.sources.get((region, name))
        if source is not None and _expired(source, now):
            del self.sources[(region, name)]
            return None
        return source

    def sources_in(self, region: str, now: float) -> Iterator[PartnerSource]:
        """Every source of `region` that still exists at `now`, sorted by name."""
        for key in sorted(key for key in self.sources if key[0] == region):
            source = self.source(region, key[1], now)
            if source is not None:
                yield source

    def add_source(self, name: str, region: str, partner: str, customer: str, now: float) -> PartnerSource:
        """A new (or re-created) source: PENDING until the customer creates or re-activates the partner bus."""
        source = PartnerSource(name, region, partner, customer, PENDING, now, now + self.pending_expiry)
        self.sources[(region, name)] = source
        return source

    def provision(self, name: str, region: str, partner: str, customer: str, now: float) -> PartnerSource:
        """An ACTIVE source with its partner bus, as `unknown_sources="accept"` supplies; an existing bus stays."""
        source = self.add_source(name, region, partner, customer, now)
        if self.bus_for(source) is None:
            self.add_bus(name, region, customer, name, now)
        activate(source)
        return source

    def unprovision(self, source: PartnerSource, keep_bus: bool) -> None:
        """Undo `provision` (for a call that failed): the source goes, and its bus unless it existed before."""
        self.sources.pop((source.region, source.name), None)
        if not keep_bus:
            self.buses.pop((source.region, source.customer_account, source.name), None)

    def delete_source(self, source: PartnerSource) -> None:
        """The partner deleted it: DELETED while the customer's bus exists (bus and rules stay), else gone."""
        if self.bus_for(source) is None:
            del self.sources[(source.region, source.name)]
        else:
            source.state, source.expires = DELETED, None

    def deactivate(self, source: PartnerSource, now: float) -> None:
        source.state, source.expires = PENDING, now + self.deactivated_expiry

    # -- buses ---------------------------------------------------------------------------------------------

    def bus(self, region: str, account: str, name: str) -> EventBus | None:
        """A bus of `account`; every account has a `default` bus (created here on first use)."""
        bus = self.buses.get((region, account, name))
        if bus is None and name == DEFAULT_BUS:
            bus = self.buses[(region, account, name)] = EventBus(name, region, account, None, 0.0)
        return bus

    def buses_of(self, region: str, account: str) -> list[EventBus]:
        """The account's buses in `region`, `default` first as AWS lists it, then by name."""
        self.bus(region, account, DEFAULT_BUS)
        found = [bus for (where, owner, _), bus in self.buses.items() if where == region and owner == account]
        return sorted(found, key=lambda bus: (bus.name != DEFAULT_BUS, bus.name))

    def add_bus(self, name: str, region: str, account: str, event_source_name: str | None, now: float) -> EventBus:
        """A new bus; a partner bus activates its PENDING source."""
        bus = EventBus(name, region, account, event_source_name, now)
        self.buses[(region, account, name)] = bus
        source = self.sources.get((region, name)) if event_source_name else None
        if source is not None and source.customer_account == account and source.state == PENDING:
            activate(source)
        return bus

    def delete_bus(self, bus: EventBus, now: float) -> None:
        """Deleting a partner bus sends an ACTIVE source back to PENDING and forgets a DELETED one."""
        del self.buses[(bus.region, bus.account, bus.name)]
        source = self.sources.get((bus.region, bus.name)) if bus.event_source_name else None
        if source is None or source.customer_account != bus.account:
            return
        if source.state == DELETED:
            del self.sources[(source.region, source.name)]
        elif source.state == ACTIVE:
            source.state, source.expires = PENDING, now + self.pending_expiry

    def bus_for(self, source: PartnerSource) -> EventBus | None:
        return self.buses.get((source.region, source.customer_account, source.name))

    # -- routing -------------------------------------------------------------------------------------------

    def deliver(self, source: PartnerSource, envelope: Callable[[], dict[str, Any]]) -> Delivery:
        """Hand an accepted event to the customer's partner bus; only an ACTIVE source delivers.

        `envelope` is built only when the bus has rules to match it against.
        """
        fixed = self.fixed_delivery(source)
        if fixed is not None:
            return fixed
        bus = self.bus_for(source)
        assert bus is not None  # fixed_delivery answers None only for an existing bus with rules
        event = envelope()
        matched = tuple(
            rule.name
            for rule in bus.rules.values()
            if rule.state == ENABLED and rule.matcher is not None and rule.matcher.matches(event)
        )
        return Delivery(source.customer_account, bus.arn, matched)

    def fixed_delivery(self, source: PartnerSource) -> Delivery | None:
        """Where every event of `source` goes when that does not depend on the event; None when its bus has rules
        to match each event against (then `deliver` decides)."""
        bus = self.bus_for(source) if source.state == ACTIVE else None
        if bus is None:
            return DROPPED
        return None if bus.rules else Delivery(source.customer_account, bus.arn)


def activate(source: PartnerSource) -> None:
    source.state, source.expires = ACTIVE, None


def _expired(source: PartnerSource, now: float) -> bool:
    return source.state == PENDING and source.expires is not None and now >= source.expires
