"""The one extension seam: what an integration running beside the mock contributes, registered in one place.

Integrations (moto, freezegun, time-machine) and transports that must switch something on while a mock is active
(`requests`) describe what they add as one `Contribution` and register it here; the core, the dispatch and the
operations ask the seam and never another library's internals. The seam also remembers which integrations are
switched off (`compat.switch_off`), so that a hook is not retried after its library's shape did not match.

This is one of the package's three pieces of process-wide state (docs/architecture.md): what is registered
describes the process (which libraries are imported and hooked), not one test, so it outlives every mock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # protocols only: the seam loads with the first hooked library, and must stay light
    from mock_partner_events._world.foreign import ForeignBus, ForeignBuses
    from mock_partner_events._world.targets import TargetSink

Listener = Callable[[], None]


@dataclass(frozen=True)
class Contribution:
    """What one integration adds; every part is optional."""

    name: str
    """The library it integrates (`moto`, `freezegun`, `requests`, ...); registering a name again replaces it."""
    answers_elsewhere: Callable[[], bool] | None = None
    """Whether another mock answers now what this one does not model (moto's mock_aws is active)."""
    unnamed_caller: Callable[[], str | None] | None = None
    """The account of a caller whose access key names none, while the other mock decides it (None: no opinion)."""
    foreign_buses: ForeignBuses | None = None
    """The customer's own event buses another mock holds (listed with the partner buses by ListEventBuses)."""
    target_sink: TargetSink | None = None
    """Where events that rules matched are delivered (queues and log groups of another mock)."""
    shift_test_clock: Callable[[float], bool] | None = None
    """Move a frozen test clock by the seconds given; False when no such clock is active."""
    on_first_start: Listener | None = None
    """Run when the first mock starts (nothing was active)."""
    on_last_stop: Listener | None = None
    """Run when the last active mock stops."""


class Seam:
    """The registered contributions and the integrations switched off."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._contributions: tuple[Contribution, ...] = ()  # replaced whole, so readers need no lock
        self.disabled: dict[str, str] = {}
        """Library -> why its integration is off (empty while every integration works)."""

    def register(self, contribution: Contribution) -> None:
        with self._lock:
            kept = tuple(item for item in self._contributions if item.name != contribution.name)
            self._contributions = (*kept, contribution)

    def answers_elsewhere(self) -> bool:
        """Whether another mock (moto's mock_aws) answers what this package does not model, now."""
        return any(item.answers_elsewhere() for item in self._contributions if item.answers_elsewhere)

    def unnamed_caller(self) -> str | None:
        """The account another active mock gives a caller whose key names none, if any does."""
        for item in self._contributions:
            account = item.unnamed_caller() if item.unnamed_caller else None
            if account is not None:
                return account
        return None

    def foreign_buses(self, account: str, access_key: str | None, region: str) -> list[ForeignBus] | None:
        """The customer's own buses held elsewhere, or None while no other mock holds them (then they are here)."""
        views = [item.foreign_buses for item in self._contributions if item.foreign_buses]
        active = [view for view in views if view.active()]
        if not active:
            return None
        return [bus for view in active for bus in view.buses(account, access_key, region)]

    def target_sinks(self) -> list[TargetSink]:
        """The sinks whose resources exist now."""
        sinks = [item.target_sink for item in self._contributions if item.target_sink]
        return [sink for sink in sinks if sink.active()]

    def shift_test_clock(self, seconds: float) -> bool:
        """Move every active frozen test clock by `seconds`; whether there was one."""
        shifters = [item.shift_test_clock for item in self._contributions if item.shift_test_clock]
        return any(shift(seconds) for shift in shifters)

    def first_started(self) -> None:
        for item in self._contributions:
            if item.on_first_start:
                item.on_first_start()

    def last_stopped(self) -> None:
        for item in self._contributions:
            if item.on_last_stop:
                item.on_last_stop()


SEAM = Seam()
