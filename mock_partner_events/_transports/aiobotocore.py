"""aiobotocore / aioboto3 clients: the same engine, answered with aiobotocore's AioAWSResponse.

aiobotocore emits `before-send` through its own emitter, which awaits handlers that return awaitables and
then awaits `response.content`; a plain AWSResponse would fail there. aiobotocore builds its clients from
botocore's built-in handlers but first swaps each through `aiobotocore.hooks._HANDLER_MAPPING` (how it turns
botocore's sync handlers into async ones); mapping our handler there gives every aiobotocore client built
afterwards the async-ready one. Retry sleeps are absorbed like botocore's (`virtual_backoff`). All of it is
installed when aiobotocore is imported, never importing it ourselves.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from types import ModuleType
from typing import Any

from mock_partner_events._integrations.post_import import when_imported
from mock_partner_events._transports import botocore as _botocore

_handler: Callable[..., Any] | None = None


def install() -> None:
    when_imported("aiobotocore.hooks", _map_handler)
    when_imported("aiobotocore.endpoint", _absorb_retry_sleeps)


def _map_handler(hooks: ModuleType) -> None:
    hooks._HANDLER_MAPPING[_botocore.answer] = _aio_handler()


def _absorb_retry_sleeps(endpoint: ModuleType) -> None:
    """aiobotocore awaits `AioEndpoint._sleep` between attempts; under `virtual_backoff` it is recorded instead."""
    for endpoint_class in (endpoint.AioEndpoint, getattr(endpoint, "AnyioEndpoint", None)):
        if endpoint_class is not None and "_sleep" in vars(endpoint_class):
            endpoint_class._sleep = _virtual_sleep(endpoint_class._sleep)


def _virtual_sleep(real_sleep: Callable[[Any, float], Awaitable[None]]) -> Callable[[Any, float], Awaitable[None]]:
    async def _sleep(self: Any, seconds: float) -> None:
        from mock_partner_events._core.backoff import sleep_virtually

        if seconds > 0 and sleep_virtually(seconds):
            return
        await real_sleep(self, seconds)

    return _sleep


def _aio_handler() -> Callable[..., Any]:
    global _handler
    if _handler is None:
        from aiobotocore.awsrequest import AioAWSResponse

        flavour = _botocore.BOTOCORE._replace(response_class=AioAWSResponse)
        _handler = _botocore.make_handler(flavour)
    return _handler


def handler_for(client: Any) -> Callable[..., Any] | None:
    """The handler for an aiobotocore client (None for any other client)."""
    client_module = sys.modules.get("aiobotocore.client")
    if client_module is None or not isinstance(client, client_module.AioBaseClient):
        return None
    return _aio_handler()
