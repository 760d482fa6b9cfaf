"""`patch_client`: attach the mock's handler to one client explicitly (botocore, awscli or aiobotocore)."""

from __future__ import annotations

from typing import Any

from mock_partner_events._transports import aiobotocore, botocore

HANDLER_ID = "mock-partner-events"


def patch_client(client: Any) -> Any:
    """Attach the mock to a client explicitly; returns the client. Clients are covered without it (every session
    carries the handler, and `Endpoint._send` is guarded); this is the direct path, and it is idempotent."""
    handler = aiobotocore.handler_for(client) or botocore.answer
    client.meta.events.register_first("before-send", handler, unique_id=HANDLER_ID)
    return client
