"""Every hook this package puts into another library, installed when (and only when) that library is imported.

`install()` runs at `import mock_partner_events`: it imports nothing but registers, per library module, the
function that hooks it (named as a string, so that neither the hook's module nor the library is imported now).
Each hook first checks that what it patches is there (`require`) and only then patches; any failure, a missing
attribute or anything else, is caught here and becomes one IntegrationDisabledWarning naming the library, its
version and the versions supported. That integration stays off and the rest of the package keeps working.
Nothing raises inside the user's import.

`_transports` and `_integrations` are siblings; this table is the one place where integrations name transport
functions, because installing the botocore, aiobotocore and awscli transports *is* hooking those libraries.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from types import ModuleType
from typing import Any, NamedTuple

from mock_partner_events._integrations.post_import import when_imported


class IntegrationDisabledWarning(UserWarning):
    """A library version this package cannot hook: that one integration is off, the rest works."""


class UnsupportedVersionError(Exception):
    """What a hook needs and did not find in the library it patches."""


class Hook(NamedTuple):
    module: str
    """The library module whose import triggers the hook."""
    target: str
    """`package.module:function`, called with the library module once it is imported."""
    library: str
    """The distribution the module belongs to, for the warning."""


SUPPORTED = {
    "botocore": "botocore>=1.34",
    "aiobotocore": "aiobotocore>=2.15",
    "awscli": "awscli>=1.46",
    "moto": "moto>=5.2.5,<6",
    "requests": "requests>=2.31 with responses>=0.25",
    "freezegun": "freezegun>=1.2",
    "time-machine": "time-machine>=2.10",
}
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
disabled: dict[str, str] = {}
"""Library -> why its integration is off (empty while every integration works)."""
_installed = False


def install() -> None:
    """Register every hook (idempotent). Cheap: no import happens here."""
    global _installed
    if _installed:
        return
    _installed = True
    for hook in HOOKS:
        when_imported(hook.module, _guarded(hook))


def require(owner: Any, *names: str) -> None:
    """Raise UnsupportedVersionError unless `owner` has every attribute in `names` (dotted paths allowed)."""
    for name in names:
        value = owner
        for part in name.split("."):
            if not hasattr(value, part):
                raise UnsupportedVersionError(f"{getattr(owner, '__name__', owner)} has no {name}")
            value = getattr(value, part)


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


def switch_off(library: str, reason: str) -> None:
    """Turn one library's integration off, with one warning (hooks call this; so may code that finds out later)."""
    disabled[library] = reason
    message = (
        f"mock-partner-events: {library} {version_of(library)} is not supported ({SUPPORTED[library]} is); "
        f"its integration is off ({reason}). Plain {library} keeps working; to mock through it, install a "
        f"supported version."
    )
    try:
        warnings.warn(message, IntegrationDisabledWarning, stacklevel=2)
    except Warning:  # warnings turned into errors must not break the user's import
        print(f"IntegrationDisabledWarning: {message}", file=sys.stderr)


def version_of(library: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "(version unknown)"
