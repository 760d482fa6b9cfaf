"""The rule for every patch of another library: check that what it needs is there, then patch; on a mismatch,
warn once (IntegrationDisabledWarning, naming the library, its version and the versions supported) and switch
that one integration off. Transports and integrations both patch libraries, so the rule lives below them both.
"""

from __future__ import annotations

import sys
import warnings
from typing import Any

from mock_partner_events._core.seam import SEAM


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


def is_disabled(library: str) -> bool:
    """Whether `library`'s integration was switched off (its hooks are not retried)."""
    return library in SEAM.disabled


def require(owner: Any, *names: str) -> None:
    """Raise UnsupportedVersionError unless `owner` has every attribute in `names` (dotted paths allowed)."""
    for name in names:
        value = owner
        for part in name.split("."):
            if not hasattr(value, part):
                raise UnsupportedVersionError(f"{getattr(owner, '__name__', owner)} has no {name}")
            value = getattr(value, part)


MOTO_RANGE = ((5, 2, 5), (6,))
"""moto versions the hooks were written against: 5.2.5 is the first with `BotocoreStubber.process_prepared_request`
(how moto answers `requests` calls), and 6 may change what the hooks patch."""


def require_moto_version(version: str) -> None:
    """Raise UnsupportedVersionError for a moto outside MOTO_RANGE (moto's integration and stubber transport)."""
    numbers = tuple(int(part) for part in version.split(".")[:3] if part.isdigit())
    oldest, below = MOTO_RANGE
    if not oldest <= numbers < below:
        raise UnsupportedVersionError(f"moto {version} is outside the versions this integration was written against")


def switch_off(library: str, reason: str) -> None:
    """Turn one library's integration off, with one warning; never raises, even where warnings are errors."""
    SEAM.disabled[library] = reason
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
