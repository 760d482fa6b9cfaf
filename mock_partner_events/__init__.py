"""mock-partner-events: a faithful mock of Amazon EventBridge's SaaS partner API for tests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_partner_events._core.activation import current_mock
from mock_partner_events._core.api import mock_partner_events
from mock_partner_events._core.engine import PartnerEventsMock
from mock_partner_events._core.errors import UnmockedOperationError
from mock_partner_events._faults.plan import FaultHandle, FaultPlan
from mock_partner_events._records.eventlog import EventLog
from mock_partner_events._records.resends import EntrySend, ResentEntry
from mock_partner_events._records.rows import RecordedCall, RecordedEvent, Rejection
from mock_partner_events._transports.botocore import install as _install
from mock_partner_events._transports.botocore import patch_client
from mock_partner_events._world.targets import TargetDeliveryWarning

if TYPE_CHECKING:
    from mock_partner_events._server.server import PartnerEventsServer

__all__ = [
    "EntrySend",
    "EventLog",
    "FaultHandle",
    "FaultPlan",
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


def __getattr__(name: str) -> Any:
    """PartnerEventsServer is imported on first use: it needs werkzeug, the optional `server` extra."""
    if name == "PartnerEventsServer":
        from mock_partner_events._server.server import PartnerEventsServer

        return PartnerEventsServer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_install()
