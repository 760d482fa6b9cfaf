"""awscli's own copy of botocore (`awscli.botocore`, awscli 1.46 and later).

awscli's driver imports top-level `botocore`, which is whichever copy was imported first (awscli installs an
import alias so that, imported before botocore, its copy *becomes* `botocore`); either way that copy is
hooked by `_botocore.install`. Code that imports `awscli.botocore` by that name gets a second, separate copy
with its own built-in handlers and exception classes: it is hooked here, when it is imported.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

from . import _botocore
from ._post_import import when_imported

COPY = "awscli.botocore"
_handler: Callable[..., Any] | None = None


def install() -> None:
    when_imported(f"{COPY}.handlers", _hook)


def _hook(handlers: ModuleType) -> None:
    _botocore.insert_first(handlers, _copy_handler())


def _copy_handler() -> Callable[..., Any]:
    global _handler
    if _handler is None:
        from awscli.botocore.awsrequest import AWSResponse
        from awscli.botocore.exceptions import EndpointConnectionError, ReadTimeoutError

        _handler = _botocore.make_handler(_botocore.Flavour(AWSResponse, EndpointConnectionError, ReadTimeoutError))
    return _handler


def handler_for(client: Any) -> Callable[..., Any] | None:
    """The handler for a client of awscli's botocore copy (None for any other client)."""
    client_module = sys.modules.get(f"{COPY}.client")
    if client_module is None or not isinstance(client, client_module.BaseClient):
        return None
    return _copy_handler()
