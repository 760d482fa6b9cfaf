"""freezegun and time-machine: a virtual sleep or delay shifts their frozen clock, so the test's time moves too."""

from __future__ import annotations

from types import ModuleType

from mock_partner_events._core.compat import require
from mock_partner_events._core.seam import SEAM, Contribution


def hook_freezegun(api: ModuleType) -> None:
    require(api, "freeze_factories")

    def shift(seconds: float) -> bool:
        factories = api.freeze_factories
        if not factories:
            return False
        factories[-1].tick(seconds)
        return True

    SEAM.register(Contribution(name="freezegun", shift_test_clock=shift))


def hook_time_machine(time_machine: ModuleType) -> None:
    require(time_machine, "traveller_stack")

    def shift(seconds: float) -> bool:
        travellers = time_machine.traveller_stack
        if not travellers:
            return False
        travellers[-1].shift(seconds)
        return True

    SEAM.register(Contribution(name="time-machine", shift_test_clock=shift))
