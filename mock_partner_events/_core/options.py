"""The mock's keyword options, declared once here and checked once, so that a typo fails at construction.

`PartnerEventsMock(**options)`, `mock_partner_events(**options)`, the pytest marker and the server's config file
all take exactly these names; `takes_options` gives the engine's `__init__` this dataclass's signature, for type
checkers and for `help()`.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import timedelta
from os import PathLike
from typing import Any, Concatenate, ParamSpec, TypeVar

from mock_partner_events._common.suggest import check_names
from mock_partner_events._core.seam import SEAM
from mock_partner_events._faults.plan import fault_specs

_ACCOUNT = re.compile(r"\d{12}")
UNKNOWN_SOURCE_POLICIES = ("accept", "reject")
P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True, kw_only=True)
class Options:
    partner_account: str = "123456789012"
    customer_account: str = "111122223333"
    accounts: Mapping[str, str] | None = None
    unknown_sources: str = "accept"
    max_request_bytes: int = 262144
    seed: int | None = None
    virtual_backoff: bool = True
    faults: Sequence[Mapping[str, Any]] | None = None
    pending_expiry: timedelta = timedelta(days=7)
    deactivated_expiry: timedelta = timedelta(days=14)
    contracts: str | PathLike[str] | None = None
    contracts_at_teardown: bool = True
    max_events: int | None = None
    mapped_accounts: Mapping[str, str] = field(init=False, repr=False)
    fault_list: tuple[Mapping[str, Any], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        for name in ("partner_account", "customer_account"):
            _require_account(name, getattr(self, name))
        if self.accounts is not None and not isinstance(self.accounts, Mapping):
            raise ValueError(
                f"mock-partner-events: accounts must map access key ids to account ids, not {self.accounts!r}"
            )
        for key, account in (self.accounts or {}).items():
            _require_account(f"accounts[{key!r}]", account)
        object.__setattr__(self, "mapped_accounts", dict(self.accounts or {}))
        object.__setattr__(self, "fault_list", fault_specs(self.faults))
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
        if self.contracts is not None and not isinstance(self.contracts, (str, PathLike)):
            raise ValueError(
                f"mock-partner-events: contracts must be the path of a schema file or a folder of them, "
                f"not {self.contracts!r}"
            )
        if not isinstance(self.contracts_at_teardown, bool):
            raise ValueError(
                f"mock-partner-events: contracts_at_teardown must be True (the partner_events fixture fails a test "
                f"that leaves contract violations) or False, not {self.contracts_at_teardown!r}"
            )
        if not isinstance(self.max_request_bytes, int) or self.max_request_bytes < 1:
            raise ValueError(
                f"mock-partner-events: max_request_bytes must be a positive int (AWS: 262144, or 1048576 since "
                f"2026 for PutEvents), not {self.max_request_bytes!r}"
            )

        if self.max_events is not None and (
            not isinstance(self.max_events, int) or isinstance(self.max_events, bool) or self.max_events < 1
        ):
            raise ValueError(
                f"mock-partner-events: max_events must be a positive int (the newest N events, calls and rejected "
                f"entries are kept) or None (keep everything), not {self.max_events!r}"
            )

    def account_for(self, access_key_id: str | None) -> str:
        """The caller's account: a 12-digit key id is the account, a mapped key its mapping; any other caller is
        the account moto gives it when moto's mock_aws is active with MOTO_ACCOUNT_ID set, else the partner."""
        if access_key_id is not None:
            mapped = self.mapped_accounts.get(access_key_id) if self.mapped_accounts else None
            if mapped is not None:
                return mapped
            if _ACCOUNT.fullmatch(access_key_id):
                return access_key_id
        return SEAM.unnamed_caller() or self.partner_account

    def names_account(self, access_key_id: str | None) -> bool:
        """Whether the key id itself says who the caller is (12 digits, or mapped with `accounts=`)."""
        if access_key_id is None:
            return False
        return access_key_id in self.mapped_accounts or _ACCOUNT.fullmatch(access_key_id) is not None


OPTION_NAMES = tuple(option.name for option in fields(Options) if option.init)


def build_options(where: str, options: Mapping[str, Any]) -> Options:
    """Options from keywords, with a message that names the valid options for a name that is not one."""
    __tracebackhide__ = True
    check_names("option", options, OPTION_NAMES, where)
    return Options(**options)


def takes_options(source: Callable[P, Options]) -> Callable[[Callable[..., R]], Callable[Concatenate[Any, P], R]]:
    """Give a method taking `**options` the signature of `source` (Options), for type checkers and for help()."""
    parameters = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    parameters += [
        parameter for name, parameter in inspect.signature(source).parameters.items() if name in OPTION_NAMES
    ]

    def decorate(method: Callable[..., R]) -> Callable[Concatenate[Any, P], R]:
        method.__signature__ = inspect.Signature(parameters, return_annotation=None)  # type: ignore[attr-defined]
        return method

    return decorate


def _require_account(name: str, value: Any) -> None:
    if not isinstance(value, str) or not _ACCOUNT.fullmatch(value):
        raise ValueError(f"mock-partner-events: {name} must be a 12-digit AWS account id string, not {value!r}")


def _require_period(name: str, value: Any) -> None:
    if not isinstance(value, timedelta) or value.total_seconds() <= 0:
        raise ValueError(f"mock-partner-events: {name} must be a positive datetime.timedelta, not {value!r}")
