"""Every hook this package puts into another library, installed when (and only when) that library is imported.

`install()` runs at `import mock_partner_events`: it imports nothing but registers, per library module, the
function that hooks it; the module holding that function is imported only when the library is (each loader below
imports it, so that import-linter sees every dependency). Each hook first checks that what it patches is there
(`compat.require`) and only then patches; any failure, a missing attribute or anything else, is caught here and
becomes one IntegrationDisabledWarning (`compat.switch_off`). That integration stays off and the rest of the
package keeps working. Nothing raises inside the user's import.

This table sits above `_transports` and `_integrations`, which are independent of each other: installing the
botocore, aiobotocore, awscli and moto-stubber transports *is* hooking those libraries, as installing the
integrations is.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from mock_partner_events._integrations.post_import import when_imported


def _botocore_transport() -> ModuleType:
    from mock_partner_events._transports import botocore

    return botocore


def _aiobotocore_transport() -> ModuleType:
    from mock_partner_events._transports import aiobotocore

    return aiobotocore


def _requests_transport() -> ModuleType:
    from mock_partner_events._transports import requests

    return requests


def _moto_stubber_transport() -> ModuleType:
    from mock_partner_events._transports import moto_stubber

    return moto_stubber


def _retry_sleep() -> ModuleType:
    from mock_partner_events._integrations import retry_sleep

    return retry_sleep


def _credentials() -> ModuleType:
    from mock_partner_events._integrations import credentials

    return credentials


def _moto() -> ModuleType:
    from mock_partner_events._integrations import moto

    return moto


def _time_travel() -> ModuleType:
    from mock_partner_events._integrations import time_travel

    return time_travel


Loader = Callable[[], ModuleType]
HOOKS: tuple[tuple[str, Loader, str, str], ...] = (
    # (the library module whose import triggers the hook, the loader of our module, its hook function, the
    # library's distribution)
    ("botocore.handlers", _botocore_transport, "hook_handlers", "botocore"),
    ("botocore.endpoint", _botocore_transport, "hook_endpoint", "botocore"),
    ("botocore.endpoint", _retry_sleep, "hook_endpoint", "botocore"),
    ("botocore.retries.bucket", _retry_sleep, "hook_bucket", "botocore"),
    ("botocore.credentials", _credentials, "hook", "botocore"),
    ("botocore.signers", _credentials, "hook_signer", "botocore"),
    ("aiobotocore.credentials", _credentials, "hook_aio", "aiobotocore"),
    ("aiobotocore.signers", _credentials, "hook_aio_signer", "aiobotocore"),
    ("aiobotocore.hooks", _aiobotocore_transport, "hook_handlers", "aiobotocore"),
    ("aiobotocore.endpoint", _aiobotocore_transport, "hook_endpoint", "aiobotocore"),
    ("aiobotocore.endpoint", _retry_sleep, "hook_aio_endpoint", "aiobotocore"),
    ("awscli.botocore.handlers", _botocore_transport, "hook_handlers", "awscli"),
    ("moto.core.models", _moto, "hook_models", "moto"),
    ("moto.core.models", _moto_stubber_transport, "hook_stubber", "moto"),
    ("moto.core.responses", _moto, "hook_accounts", "moto"),
    ("requests", _requests_transport, "hook", "requests"),
    ("freezegun.api", _time_travel, "hook_freezegun", "freezegun"),
    ("time_machine", _time_travel, "hook_time_machine", "time-machine"),
)


def install() -> None:
    """Register every hook (idempotent: the finder keeps one registration per hook). Cheap: no import happens."""
    for module, loader, function, library in HOOKS:
        when_imported(module, _guarded(loader, function, library), key=(module, loader, function))


def _guarded(loader: Loader, function: str, library: str) -> Callable[[ModuleType], None]:
    def run(module: ModuleType) -> None:
        from mock_partner_events._core.compat import is_disabled, switch_off

        if is_disabled(library):
            return
        try:
            getattr(loader(), function)(module)
        except Exception as error:  # whatever it is, the user's import must go on
            switch_off(library, f"{type(error).__name__}: {error}")

    return run
