"""`mock_partner_events`: bare decorator, decorator factory, context manager, or start()/stop()."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import timedelta
from typing import Any, TypeVar, overload

from mock_partner_events._core.engine import PartnerEventsMock
from mock_partner_events._core.suggest import check_names, option_names

F = TypeVar("F", bound=Callable[..., Any])


@overload
def mock_partner_events(target: F, /) -> F: ...
@overload
def mock_partner_events(
    *,
    partner_account: str = ...,
    customer_account: str = ...,
    accounts: Mapping[str, str] | None = ...,
    unknown_sources: str = ...,
    max_request_bytes: int = ...,
    seed: int | None = ...,
    virtual_backoff: bool = ...,
    faults: Sequence[Mapping[str, Any]] | None = ...,
    pending_expiry: timedelta = ...,
    deactivated_expiry: timedelta = ...,
) -> PartnerEventsMock: ...
def mock_partner_events(target: Any = None, /, **options: Any) -> Any:
    """Mock the EventBridge partner API.

    `@mock_partner_events` decorates a function, coroutine function or test class;
    `mock_partner_events(**options)` returns a PartnerEventsMock to use as decorator, `with` / `async with`
    block, or with start()/stop().
    """
    __tracebackhide__ = True
    check_names("option", options, option_names(), "mock_partner_events()")
    if target is None:
        return PartnerEventsMock(**options)
    if options:
        raise TypeError("mock-partner-events: pass options as mock_partner_events(**options), then decorate")
    return PartnerEventsMock()(target)
