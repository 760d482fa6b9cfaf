"""The mock's keyword options, checked once so that a typo fails at construction with a clear message."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

_ACCOUNT = re.compile(r"\d{12}")
UNKNOWN_SOURCE_POLICIES = ("accept", "reject")


@dataclass(frozen=True)
class Options:
    partner_account: str = "123456789012"
    customer_account: str = "111122223333"
    accounts: Mapping[str, str] = field(default_factory=dict)
    unknown_sources: str = "accept"
    max_request_bytes: int = 262144
    seed: int | None = None
    virtual_backoff: bool = True
    faults: Sequence[Mapping[str, Any]] = ()
    pending_expiry: timedelta = timedelta(days=7)
    deactivated_expiry: timedelta = timedelta(days=14)

    def __post_init__(self) -> None:
        for name in ("partner_account", "customer_account"):
            _require_account(name, getattr(self, name))
        for key, account in (self.accounts or {}).items():
            _require_account(f"accounts[{key!r}]", account)
        if self.unknown_sources not in UNKNOWN_SOURCE_POLICIES:
            raise ValueError(
                f"mock-partner-events: unknown_sources must be 'accept' or 'reject', not {self.unknown_sources!r}"
            )
        for name in ("pending_expiry", "deactivated_expiry"):
            _require_period(name, getattr(self, name))
        if self.seed is not None and (not isinstance(self.seed, int) or isinstance(self.seed, bool)):
            raise ValueError(
                f"mock-partner-events: seed must be an int (EventIds and probabilistic faults repeat from run to "
                f"run) or None (random), not {self.seed!r}"
            )
        if not isinstance(self.max_request_bytes, int) or self.max_request_bytes < 1:
            raise ValueError(
                f"mock-partner-events: max_request_bytes must be a positive int (AWS: 262144, or 1048576 since "
                f"2026 for PutEvents), not {self.max_request_bytes!r}"
            )

    def account_for(self, access_key_id: str | None) -> str:
        """The caller's account: a 12-digit key id is the account, a mapped key its mapping, else the partner."""
        if access_key_id is None:
            return self.partner_account
        mapped = self.accounts.get(access_key_id) if self.accounts else None
        if mapped is not None:
            return mapped
        return access_key_id if _ACCOUNT.fullmatch(access_key_id) else self.partner_account


def _require_account(name: str, value: Any) -> None:
    if not isinstance(value, str) or not _ACCOUNT.fullmatch(value):
        raise ValueError(f"mock-partner-events: {name} must be a 12-digit AWS account id string, not {value!r}")


def _require_period(name: str, value: Any) -> None:
    if not isinstance(value, timedelta) or value.total_seconds() <= 0:
        raise ValueError(f"mock-partner-events: {name} must be a positive datetime.timedelta, not {value!r}")
