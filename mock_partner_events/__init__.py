"""mock-partner-events: a faithful mock of Amazon EventBridge's SaaS partner API for tests."""

from __future__ import annotations

from ._activation import current_mock
from ._api import mock_partner_events
from ._botocore import install as _install
from ._botocore import patch_client
from ._engine import PartnerEventsMock
from ._errors import UnmockedOperationError
from ._eventlog import EventLog
from ._records import RecordedCall, RecordedEvent, Rejection

__all__ = [
    "EventLog",
    "PartnerEventsMock",
    "RecordedCall",
    "RecordedEvent",
    "Rejection",
    "UnmockedOperationError",
    "current_mock",
    "mock_partner_events",
    "patch_client",
]
__version__ = "0.1.0"

_install()
