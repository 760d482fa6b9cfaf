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
from typing import Any, NamedTuple

from mock_partner_events._core.compat import disabled, switch_off
from mock_partner_events._integrations.post_import import when_imported


class Hook(NamedTuple):
    module: str
    """The library module whose import triggers the hook."""
    target: str
    """`package.module:function`, called with the library module once it is imported."""
    library: str
    """The distribution the module belongs to, for the warning."""


_T = "mock_partner_events._transports"
_I = "mock_partner_events._integrations"
HOOKS = (
    Hook("botocore.handlers", f"{_T}.botocore:hook_handlers", "botocore"),
    Hook("botocore.endpoint", f"{_T}.botocore:hook_endpoint", "botocore"),
    Hook("botocore.endpoint", f"{_I}.retry_sleep:hook_endpoint", "botocore"),
    Hook("botocore.retries.bucket", f"{_I}.retry_sleep:hook_bucket", "botocore"),
    Hook("botocore.credentials", f"{_I}.credentials:hook", "botocore"),
    Hook("aiobotocore.credentials", f"{_I}.credentials:hook_aio", "aiobotocore"),
    Hook("aiobotocore.hooks", f"{_T}.aiobotocore:hook_handlers", "aiobotocore"),
    Hook("aiobotocore.endpoint", f"{_T}.aiobotocore:hook_endpoint", "aiobotocore"),
    Hook("aiobotocore.endpoint", f"{_I}.retry_sleep:hook_aio_endpoint", "aiobotocore"),
    Hook("awscli.botocore.handlers", f"{_T}.botocore:hook_handlers", "awscli"),
    Hook("moto.core.models", f"{_I}.moto:hook_stubber", "moto"),
    Hook("moto.core.responses", f"{_I}.moto:hook_accounts", "moto"),
    Hook("requests", f"{_T}.requests:hook", "requests"),
    Hook("freezegun.api", f"{_I}.time_travel:hook_freezegun", "freezegun"),
    Hook("time_machine", f"{_I}.time_travel:hook_time_machine", "time-machine"),
)
_installed = False


def install() -> None:
    """Register every hook (idempotent). Cheap: no import happens here."""
    global _installed
    if _installed:
        return
    _installed = True
    for hook in HOOKS:
        when_imported(hook.module, _guarded(hook))


def _guarded(hook: Hook) -> Any:
    def run(module: ModuleType) -> None:
        if hook.library in disabled:
            return
        try:
            module_name, _, function = hook.target.partition(":")
            getattr(importlib.import_module(module_name), function)(module)
        except Exception as error:  # whatever it is, the user's import must go on
            switch_off(hook.library, f"{type(error).__name__}: {error}")

    return run
