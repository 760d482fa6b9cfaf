"""Every hook this package puts into another library, installed when (and only when) that library is imported.

`install()` runs at `import mock_partner_events`: it imports nothing but registers, per library module, the
function that hooks it (named as a string, so that neither the hook's module nor the library is imported now).
Each hook first checks that what it patches is there (`compat.require`) and only then patches; any failure, a
missing attribute or anything else, is caught here and becomes one IntegrationDisabledWarning (`compat.switch_off`).
That integration stays off and the rest of the package keeps working. Nothing raises inside the user's import.

`_transports` and `_integrations` are siblings; this table is the one place where integrations name transport
functions, because installing the botocore, aiobotocore and awscli transports *is* hooking those libraries.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from mock_partner_events._integrations.post_import import when_imported

_T = "mock_partner_events._transports"
_I = "mock_partner_events._integrations"
HOOKS: tuple[tuple[str, str, str], ...] = (
    # (the library module whose import triggers the hook, `module:function` called with it, its distribution)
    ("botocore.handlers", f"{_T}.botocore:hook_handlers", "botocore"),
    ("botocore.endpoint", f"{_T}.botocore:hook_endpoint", "botocore"),
    ("botocore.endpoint", f"{_I}.retry_sleep:hook_endpoint", "botocore"),
    ("botocore.retries.bucket", f"{_I}.retry_sleep:hook_bucket", "botocore"),
    ("botocore.credentials", f"{_I}.credentials:hook", "botocore"),
    ("botocore.signers", f"{_I}.credentials:hook_signer", "botocore"),
    ("aiobotocore.credentials", f"{_I}.credentials:hook_aio", "aiobotocore"),
    ("aiobotocore.signers", f"{_I}.credentials:hook_aio_signer", "aiobotocore"),
    ("aiobotocore.hooks", f"{_T}.aiobotocore:hook_handlers", "aiobotocore"),
    ("aiobotocore.endpoint", f"{_T}.aiobotocore:hook_endpoint", "aiobotocore"),
    ("aiobotocore.endpoint", f"{_I}.retry_sleep:hook_aio_endpoint", "aiobotocore"),
    ("awscli.botocore.handlers", f"{_T}.botocore:hook_handlers", "awscli"),
    ("moto.core.models", f"{_I}.moto:hook_stubber", "moto"),
    ("moto.core.responses", f"{_I}.moto:hook_accounts", "moto"),
    ("requests", f"{_T}.requests:hook", "requests"),
    ("freezegun.api", f"{_I}.time_travel:hook_freezegun", "freezegun"),
    ("time_machine", f"{_I}.time_travel:hook_time_machine", "time-machine"),
)
_installed = False


def install() -> None:
    """Register every hook (idempotent). Cheap: no import happens here."""
    global _installed
    if _installed:
        return
    _installed = True
    for module, target, library in HOOKS:
        when_imported(module, _guarded(target, library))


def _guarded(target: str, library: str) -> Any:
    def run(module: ModuleType) -> None:
        from mock_partner_events._core.compat import disabled, switch_off

        if library in disabled:
            return
        try:
            module_name, _, function = target.partition(":")
            getattr(importlib.import_module(module_name), function)(module)
        except Exception as error:  # whatever it is, the user's import must go on
            switch_off(library, f"{type(error).__name__}: {error}")

    return run
