"""Decorating functions, coroutine functions, generators and test classes so they run under a mock.

Each kind of callable gets a wrapper of its own kind, so that the mock spans the whole body: a generator's (a
yield fixture's) body runs under the mock from its first step to its last, and so does an async generator's.
"""

from __future__ import annotations

import functools
import inspect
import unittest
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any, TypeVar, cast

T = TypeVar("T")
_WRAPPED_BY = "__mock_partner_events__"


def decorate(mock: AbstractContextManager[Any], target: T) -> T:
    __tracebackhide__ = True
    if isinstance(target, type):
        return cast(T, _decorate_class(mock, target))
    if not callable(target):
        raise TypeError(f"mock-partner-events can decorate functions and classes, not {target!r}")
    wrapper = _wrapper_for(target)(mock, target)
    setattr(wrapper, _WRAPPED_BY, mock)
    return cast(T, wrapper)


def _wrapper_for(function: Callable[..., Any]) -> Callable[[AbstractContextManager[Any], Any], Callable[..., Any]]:
    if inspect.isasyncgenfunction(function):
        return _async_generator_wrapper
    if inspect.iscoroutinefunction(function):
        return _async_wrapper
    if inspect.isgeneratorfunction(function):
        return _generator_wrapper
    return _sync_wrapper


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


def _generator_wrapper(mock: AbstractContextManager[Any], function: Callable[..., Iterator[Any]]) -> Callable[..., Any]:
    @functools.wraps(function)
    def run_under_mock(*args: Any, **kwargs: Any) -> Any:
        with mock:
            return (yield from function(*args, **kwargs))

    return run_under_mock


def _async_generator_wrapper(
    mock: AbstractContextManager[Any], function: Callable[..., AsyncIterator[Any]]
) -> Callable[..., Any]:
    @functools.wraps(function)
    async def run_under_mock(*args: Any, **kwargs: Any) -> Any:
        generator: Any = function(*args, **kwargs)
        with mock:
            step = generator.asend(None)
            while True:
                try:
                    item = await step
                except StopAsyncIteration:
                    return
                try:
                    step = generator.asend((yield item))
                except GeneratorExit:
                    await generator.aclose()
                    raise
                except BaseException as error:  # thrown in by the caller: the generator decides what follows
                    step = generator.athrow(error)

    return run_under_mock


def _decorate_class(mock: AbstractContextManager[Any], cls: type) -> type:
    """TestCase: the mock spans setUp, the test and tearDown. Other classes: each test* method, inherited ones
    included, runs under it (a method already wrapped by this mock is left as it is)."""
    if issubclass(cls, unittest.TestCase):
        _wrap_setup(mock, cls)
        return cls
    for name in dir(cls):
        attribute = inspect.getattr_static(cls, name)
        if (
            name.startswith("test")
            and inspect.isfunction(attribute)
            and getattr(attribute, _WRAPPED_BY, None) is not mock
        ):
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
