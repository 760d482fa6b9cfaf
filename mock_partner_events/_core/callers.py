"""Who a caller is whose access key id names no account (neither 12 digits nor mapped with `accounts=`).

The mock's own answer is its partner account. Another in-process mock that decides accounts may name a different
one while it is active: moto's integration registers MOTO_ACCOUNT_ID here (moto files such a caller under it), so
that both mocks agree on who the caller is. Asked only for unnamed keys: a 12-digit key never gets here.
"""

from __future__ import annotations

from collections.abc import Callable

UNNAMED_CALLER: list[Callable[[], str | None]] = []
"""Functions that name the account of a caller whose key names none, or say None (no opinion now)."""


def unnamed_caller() -> str | None:
    """The account another active mock gives a caller whose key names none, if any does."""
    for account_of_unnamed in UNNAMED_CALLER:
        account = account_of_unnamed()
        if account is not None:
            return account
    return None
