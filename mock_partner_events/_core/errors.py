"""The package's own exception types."""

from __future__ import annotations

from mock_partner_events._core.suggest import ANCHORS


class UnmockedOperationError(RuntimeError):
    """An EventBridge operation this package does not model was called while the mock was active."""

    def __init__(self, operation: str) -> None:
        super().__init__(
            f"mock-partner-events: EventBridge operation {operation} is not modelled by mock-partner-events, and "
            "moto's mock_aws is not active to answer it, so the request was stopped before it left the process. "
            "Activate moto's mock_aws in the same test to answer it, or call only the partner API operations "
            f"listed at {ANCHORS['operation']}"
        )
        self.operation = operation
