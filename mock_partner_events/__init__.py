"""mock-partner-events: a faithful mock of Amazon EventBridge's SaaS partner API for tests.

Importing the package costs almost nothing and changes nothing visible: the engine, botocore and every optional
library load on first use, and the hooks into botocore, aiobotocore, awscli, moto, requests, freezegun and
time-machine go in when (and only if) the user imports those libraries.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from mock_partner_events import _hooks
from mock_partner_events._core.api import current_mock, mock_partner_events

if TYPE_CHECKING:
    from mock_partner_events._core.compat import IntegrationDisabledWarning
    from mock_partner_events._core.engine import PartnerEventsMock
    from mock_partner_events._core.errors import UnmockedOperationError
    from mock_partner_events._faults.plan import FaultHandle, FaultPlan
    from mock_partner_events._patterns.grammar import InvalidEventPattern
    from mock_partner_events._records.eventlog import EventLog
    from mock_partner_events._records.resends import EntrySend, ResentEntry
    from mock_partner_events._records.rows import RecordedCall, RecordedEvent, Rejection
    from mock_partner_events._server.server import PartnerEventsServer
    from mock_partner_events._transports.patch import patch_client
    from mock_partner_events._world.targets import TargetDeliveryWarning

__all__ = [
    "EntrySend",
    "EventLog",
    "FaultHandle",
    "FaultPlan",
    "IntegrationDisabledWarning",
    "InvalidEventPattern",
    "PartnerEventsMock",
    "PartnerEventsServer",
    "RecordedCall",
    "RecordedEvent",
    "Rejection",
    "ResentEntry",
    "TargetDeliveryWarning",
    "UnmockedOperationError",
    "current_mock",
    "mock_partner_events",
    "patch_client",
]
__version__ = "0.1.0"

_LAZY = {
    "PartnerEventsMock": "_core.engine",
    "UnmockedOperationError": "_core.errors",
    "FaultHandle": "_faults.plan",
    "FaultPlan": "_faults.plan",
    "IntegrationDisabledWarning": "_core.compat",
    "InvalidEventPattern": "_patterns.grammar",
    "EventLog": "_records.eventlog",
    "EntrySend": "_records.resends",
    "ResentEntry": "_records.resends",
    "RecordedCall": "_records.rows",
    "RecordedEvent": "_records.rows",
    "Rejection": "_records.rows",
    "PartnerEventsServer": "_server.server",  # needs the `server` extra
    "patch_client": "_transports.patch",  # needs botocore, which any client to patch has loaded
    "TargetDeliveryWarning": "_world.targets",
}


def __getattr__(name: str) -> Any:
    """The public names that need the engine or a library load on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


_hooks.install()
