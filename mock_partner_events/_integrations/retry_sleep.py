"""botocore's retry sleeps, recorded on the active mock instead of slept (`virtual_backoff`).

botocore sleeps in two places: `botocore.endpoint` (`time.sleep` between attempts, in every retry mode) and
adaptive mode's client-side rate limiter (`botocore.retries.bucket`, a `threading.Condition` wait timed by
`time.time()`). Inside those two modules only, the names `time` and `threading` are replaced, once, by stand-ins
that forward everything to the real modules except the sleep, the wait and (for the rate limiter) the clock.
The global `time.sleep` is never touched. aiobotocore awaits `AioEndpoint._sleep` instead, wrapped likewise.
"""

from __future__ import annotations

import threading
import time as _time
from collections.abc import Awaitable, Callable
from types import ModuleType
from typing import Any

from mock_partner_events._core.backoff import skipped, sleep_virtually
from mock_partner_events._core.compat import require

_MIN_WAIT = 1e-6  # a virtual wait always moves a clock, so botocore's wait-then-refill loop ends


class _BotocoreTime:
    """`time` as botocore's retry modules see it."""

    def __getattr__(self, name: str) -> Any:
        return getattr(_time, name)

    def sleep(self, seconds: float) -> None:
        if seconds <= 0 or not sleep_virtually(seconds):
            _time.sleep(seconds)

    def time(self) -> float:
        return _time.time() + skipped()


class _VirtualCondition(threading.Condition):
    """The rate limiter's condition: a timed wait is absorbed like a sleep while a mock is active."""

    def wait(self, timeout: float | None = None) -> bool:
        if timeout is not None and timeout > 0 and sleep_virtually(max(timeout, _MIN_WAIT)):
            return False
        return super().wait(timeout)


class _BotocoreThreading:
    """`threading` as botocore's rate limiter sees it."""

    Condition = _VirtualCondition

    def __getattr__(self, name: str) -> Any:
        return getattr(threading, name)


def hook_endpoint(endpoint: ModuleType) -> None:
    require(endpoint, "time.sleep")
    if not isinstance(endpoint.time, _BotocoreTime):
        setattr(endpoint, "time", _BotocoreTime())  # noqa: B010 (a module attribute mypy does not know)


def hook_bucket(bucket: ModuleType) -> None:
    require(bucket, "time.time", "threading.Condition")
    if not isinstance(bucket.time, _BotocoreTime):
        setattr(bucket, "time", _BotocoreTime())  # noqa: B010 (module attributes mypy does not know)
        setattr(bucket, "threading", _BotocoreThreading())  # noqa: B010


def hook_aio_endpoint(endpoint: ModuleType) -> None:
    require(endpoint, "AioEndpoint")
    for endpoint_class in (endpoint.AioEndpoint, getattr(endpoint, "AnyioEndpoint", None)):
        if endpoint_class is not None and "_sleep" in vars(endpoint_class):
            endpoint_class._sleep = _virtual_sleep(endpoint_class._sleep)


def _virtual_sleep(real_sleep: Callable[[Any, float], Awaitable[None]]) -> Callable[[Any, float], Awaitable[None]]:
    async def _sleep(self: Any, seconds: float) -> None:
        if seconds > 0 and sleep_virtually(seconds):
            return
        await real_sleep(self, seconds)

    return _sleep
