"""The rule for every patch of another library: check that what it needs is there, then patch; on a mismatch,
warn once (IntegrationDisabledWarning, naming the library, its version and the versions supported) and switch
that one integration off. Transports and integrations both patch libraries, so the rule lives below them both.
"""

from __future__ import annotations

import sys
import warnings
from typing import Any


class IntegrationDisabledWarning(UserWarning):
    """A library version this package cannot hook: that one integration is off, the rest works."""


class UnsupportedVersionError(Exception):
    """What a hook needs and did not find in the library it patches."""


SUPPORTED = {  # the ranges `make test` runs (constraints/*.txt, constraints/compat/*.txt)
    "botocore": "botocore>=1.34",
    "aiobotocore": "aiobotocore>=2.25",
    "awscli": "awscli>=1.46",
    "moto": "moto>=5.2.5,<6",
    "requests": "requests>=2.31 with responses>=0.25",
    "freezegun": "freezegun>=1.5",
    "time-machine": "time-machine>=3.0",
}
disabled: dict[str, str] = {}
"""Library -> why its integration is off (empty while every integration works)."""


def require(owner: Any, *names: str) -> None:
    """Raise UnsupportedVersionError unless `owner` has every attribute in `names` (dotted paths allowed)."""
    for name in names:
        value = owner
        for part in name.split("."):
            if not hasattr(value, part):
                raise UnsupportedVersionError(f"{getattr(owner, '__name__', owner)} has no {name}")
            value = getattr(value, part)


def switch_off(library: str, reason: str) -> None:
    """Turn one library's integration off, with one warning; never raises, even where warnings are errors."""
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
