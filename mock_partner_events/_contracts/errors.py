"""The errors of the contracts layer: a schema or file that cannot be used, and the missing optional extra."""

from __future__ import annotations

INSTALL_HINT = "pip install 'mock-partner-events[contracts]'"


class ContractError(ValueError):
    """A schema document, contract file or folder that cannot be used as a contract; the message says why."""


class ContractsUnavailableError(ImportError):
    """Event contracts need the `contracts` extra (jsonschema), or drawing events needs hypothesis; not installed."""


def require(module: str, feature: str) -> None:
    """Raise ContractsUnavailableError when `module` cannot be imported; `feature` says what needed it."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise ContractsUnavailableError(
            f"mock-partner-events: {feature} needs the Python package {module!r}, which is not installed. "
            f"Install the contracts extra: {INSTALL_HINT}"
        )
