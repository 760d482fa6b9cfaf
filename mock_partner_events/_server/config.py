"""Server configuration files: a JSON object of PartnerEventsMock options, `faults` among them, and the server's
own settings (`SERVER_KEYS`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mock_partner_events._core.options import OPTION_NAMES

EXAMPLE = (
    '{"unknown_sources": "reject", "faults": [{"fail_requests": {"error_code": "ThrottlingException", "times": 2}}]}'
)


SERVER_KEYS = ("connection_limit",)
"""Keys a config file may hold for the server itself rather than the mock (a command-line option wins)."""


class ConfigError(ValueError):
    """A config file the server cannot use; the message names the file and what to write instead."""


def mock_options() -> list[str]:
    """The keyword options PartnerEventsMock takes (with SERVER_KEYS, the keys a config file may use)."""
    return list(OPTION_NAMES)


def server_settings(options: dict[str, Any]) -> dict[str, Any]:
    """Take the server's own settings out of the options read from a config file."""
    return {key: options.pop(key) for key in SERVER_KEYS if key in options}


def load_config(path: str | Path) -> dict[str, Any]:
    """The mock options in `path`, checked by name; PartnerEventsMock checks their values."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"mock-partner-events: cannot read config {path}: {error.strerror}") from None
    try:
        options = json.loads(text)
    except ValueError as error:
        raise ConfigError(f"mock-partner-events: config {path} is not JSON ({error}); write e.g. {EXAMPLE}") from None
    if not isinstance(options, dict):
        raise ConfigError(f"mock-partner-events: config {path} must hold a JSON object, e.g. {EXAMPLE}")
    known = [*mock_options(), *SERVER_KEYS]
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise ConfigError(
            f"mock-partner-events: config {path} has unknown keys {', '.join(unknown)}; the keys are {', '.join(known)}"
        )
    return options
