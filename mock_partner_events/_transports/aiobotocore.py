"""aiobotocore / aioboto3 clients: the same engine, answered with aiobotocore's AioAWSResponse.

aiobotocore emits `before-send` through its own emitter, which awaits handlers that return awaitables and
then awaits `response.content`; a plain AWSResponse would fail there. aiobotocore builds its clients from
botocore's built-in handlers but first swaps each through `aiobotocore.hooks._HANDLER_MAPPING` (how it turns
botocore's sync handlers into async ones); mapping our handler there gives every aiobotocore client built
afterwards the async-ready one. `AioEndpoint._send` is guarded like botocore's `Endpoint._send`.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

from mock_partner_events._core.compat import require
from mock_partner_events._transports import botocore as botocore_transport

_GUARD_FLAG = "_mock_partner_events_guard"


@functools.cache
def _flavour() -> botocore_transport.Flavour:
    from aiobotocore.awsrequest import AioAWSResponse

    return botocore_transport.BOTOCORE._replace(response_class=AioAWSResponse)


@functools.cache
def _handler() -> Callable[..., Any]:
    return botocore_transport.make_handler(_flavour())


def hook_handlers(hooks: ModuleType) -> None:
    require(hooks, "_HANDLER_MAPPING")
    hooks._HANDLER_MAPPING[botocore_transport.answer] = _handler()


def hook_endpoint(endpoint: ModuleType) -> None:
    require(endpoint, "AioEndpoint._send")
    original = endpoint.AioEndpoint._send
    if getattr(original, _GUARD_FLAG, False):
        return

    async def _send(self: Any, request: Any) -> Any:
        response = botocore_transport.engine_response(request, last_chance=True)
        if response is None:
            return await original(self, request)
        return botocore_transport.to_botocore(response, request.url, _flavour())

    setattr(_send, _GUARD_FLAG, True)
    endpoint.AioEndpoint._send = _send


def handler_for(client: Any) -> Callable[..., Any] | None:
    """The handler for an aiobotocore client (None for any other client)."""
    client_module = sys.modules.get("aiobotocore.client")
    if client_module is None or not isinstance(client, client_module.AioBaseClient):
        return None
    return _handler()
