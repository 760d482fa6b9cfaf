"""The only module that knows moto's internals."""

from __future__ import annotations

import sys


def moto_is_active() -> bool:
    """Whether moto's mock_aws is answering botocore requests right now (moto need not be installed)."""
    models = sys.modules.get("moto.core.models")
    stubber = getattr(models, "botocore_stubber", None)
    return bool(getattr(stubber, "enabled", False))
