"""Decorating functions, coroutine functions and test classes so they run under a mock."""

from __future__ import annotations

import functools
import inspect
import unittest
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, TypeVar, cast

T = TypeVar("T")


def decorate(mock: AbstractContextManager[Any], target: T) -> T:
    __tracebackhide__ = True
    if isinstance(target, type):
        return cast(T, _decorate_class(mock, target))
    if not callable(target):
        raise TypeError(f"mock-partner-events can decorate functions and classes, not {target!r}")
    if inspect.iscoroutinefunction(target):
        return cast(T, _async_wrapper(mock, target))
    return cast(T, _sync_wrapper(mock, target))


def _sync_wrapper(mock: AbstractContextManager[Any], function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def run_under_mock(*args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        with mock:
            return function(*args, **kwargs)

    return run_under_mock


def _async_wrapper(mock: AbstractContextManager[Any], function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    async def run_under_mock(*args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        with mock:
            return await function(*args, **kwargs)

    return run_under_mock


def _decorate_class(mock: AbstractContextManager[Any], cls: type) -> type:
    """TestCase: the mock spans setUp, the test and tearDown. Other classes: each test* method runs under it."""
    if issubclass(cls, unittest.TestCase):
        _wrap_setup(mock, cls)
        return cls
    for name, attribute in list(vars(cls).items()):
        if name.startswith("test") and inspect.isfunction(attribute):
            setattr(cls, name, decorate(mock, attribute))
    return cls


def _wrap_setup(mock: AbstractContextManager[Any], cls: type[unittest.TestCase]) -> None:
    original = cls.setUp

    @functools.wraps(original)
    def setUp(self: unittest.TestCase) -> None:
        __tracebackhide__ = True
        mock.__enter__()
        self.addCleanup(mock.__exit__, None, None, None)
        original(self)

    cls.setUp = setUp  # type: ignore[method-assign]
