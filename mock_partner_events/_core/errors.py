"""The package's own exception types."""

from __future__ import annotations

from mock_partner_events._common.suggest import ANCHORS


class UnmockedOperationError(RuntimeError):
    """An EventBridge request a mock should answer found nobody to answer it, so it was stopped in the process."""

    def __init__(self, operation: str, *, moto_missed: bool = False) -> None:
        super().__init__(_moto_missed(operation) if moto_missed else _not_modelled(operation))
        self.operation = operation


def _not_modelled(operation: str) -> str:
    return (
        f"mock-partner-events: EventBridge operation {operation} is not modelled by mock-partner-events, and "
        "moto's mock_aws is not active to answer it, so the request was stopped before it left the process. "
        "Activate moto's mock_aws in the same test to answer it, or call only the partner API operations "
        f"listed at {ANCHORS['operation']}"
    )


def _moto_missed(operation: str) -> str:
    return (
        f"mock-partner-events: EventBridge operation {operation} belongs to moto's mock_aws, which is active, but "
        "this client was built before moto was imported, so moto's handler is not on it and the request was "
        "stopped before it left the process. Build the client inside mock_aws, or attach moto with "
        "moto.core.patch_client(client)."
    )
