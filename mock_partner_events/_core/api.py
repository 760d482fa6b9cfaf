"""`mock_partner_events`: bare decorator, decorator factory, context manager, or start()/stop()."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

from mock_partner_events._core import activation

if TYPE_CHECKING:
    from mock_partner_events._core.engine import PartnerEventsMock


F = TypeVar("F", bound=Callable[..., Any])


@overload
def mock_partner_events(target: F, /) -> F: ...
@overload
def mock_partner_events(target: None = None, /, **options: Any) -> PartnerEventsMock: ...
def mock_partner_events(target: Any = None, /, **options: Any) -> Any:
    """Mock the EventBridge partner API.

    `@mock_partner_events` decorates a function, coroutine function, generator or test class;
    `mock_partner_events(**options)` returns a PartnerEventsMock (options as PartnerEventsMock takes them) to use
    as decorator, `with` / `async with` block, or with start()/stop().
    """
    __tracebackhide__ = True
    from mock_partner_events._common.suggest import check_names  # loaded on first use, not by the plugin
    from mock_partner_events._core.engine import PartnerEventsMock
    from mock_partner_events._core.options import OPTION_NAMES

    check_names("option", options, OPTION_NAMES, "mock_partner_events()")
    if target is None:
        return PartnerEventsMock(**options)
    if options:
        raise TypeError("mock-partner-events: pass options as mock_partner_events(**options), then decorate")
    return PartnerEventsMock()(target)


def current_mock() -> PartnerEventsMock:
    """The innermost active mock, for code running inside a decorated test."""
    __tracebackhide__ = True
    mock = activation.innermost()
    if mock is None:
        raise RuntimeError(
            "mock-partner-events: no mock is active. Decorate the test with @mock_partner_events, use "
            "`with mock_partner_events():`, or take the `partner_events` pytest fixture."
        )
    return cast("PartnerEventsMock", mock)  # only PartnerEventsMock.start() pushes onto the stack
