"""aiobotocore / aioboto3 clients: the same engine, answered with aiobotocore's AioAWSResponse.

aiobotocore emits `before-send` through its own emitter, which awaits handlers that return awaitables and
then awaits `response.content`; a plain AWSResponse would fail there. aiobotocore builds its clients from
botocore's built-in handlers but first swaps each through `aiobotocore.hooks._HANDLER_MAPPING` (how it turns
botocore's sync handlers into async ones); mapping our handler there gives every aiobotocore client built
afterwards the async-ready one. Installed when aiobotocore is imported, never importing it ourselves.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

from . import _botocore
from ._post_import import when_imported

_handler: Callable[..., Any] | None = None


def install() -> None:
    when_imported("aiobotocore.hooks", _map_handler)


def _map_handler(hooks: ModuleType) -> None:
    hooks._HANDLER_MAPPING[_botocore.answer] = _aio_handler()


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
