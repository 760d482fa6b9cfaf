"""mock-partner-events: a faithful mock of Amazon EventBridge's SaaS partner API for tests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._activation import current_mock
from ._api import mock_partner_events
from ._botocore import install as _install
from ._botocore import patch_client
from ._engine import PartnerEventsMock
from ._errors import UnmockedOperationError
from ._eventlog import EventLog
from ._faults import FaultHandle, FaultPlan
from ._records import RecordedCall, RecordedEvent, Rejection
from ._resends import EntrySend, ResentEntry
from ._targets import TargetDeliveryWarning

if TYPE_CHECKING:
    from ._server import PartnerEventsServer

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
        from ._server import PartnerEventsServer

        return PartnerEventsServer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_install()
