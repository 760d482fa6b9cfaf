"""The fault injections a FaultPlan holds (not EventBridge rules: those are `_world.model.Rule`). Each injection
is also the handle its method returns (`fired`, `remove()`).

An injection fires when it matches, has `times` left and wins its `probability` draw; the draw comes last, so the
seeded generator is only consumed by requests or entries the rule could apply to.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from mock_partner_events._wire.protocol import AwsError

Envelope = dict[str, Any]
EnvelopeTest = Callable[[Envelope], bool]
NETWORK_WHEN = ("before", "after")
MAX_DELAY_SECONDS = 86_400.0  # a day: latency, not time travel (freezegun / time-machine move the clock further)


class WhereFailed(Exception):  # noqa: N818 (what happened, as the message says)
    """A fault's `where=` callable raised: the request it was judging is answered with an error (see the service)."""

    def __init__(self, fault: str, error: BaseException) -> None:
        super().__init__(f"the where= callable of {fault} raised {type(error).__name__}: {error}")
        self.fault = fault
        self.error = error


@dataclass(frozen=True)
class RequestFault:
    """What request-level faults do to one request, decided before any state changes.

    `error`: answered instead of the operation. `network`: "before" (nothing reaches the bus, a connection
    error) or "after" (processed and recorded, then the client's read times out). `delay`: latency in seconds,
    added to the mock's clock, or really slept by the transport when `real_delay`.
    """

    name: str
    error: AwsError | None = None
    network: str | None = None
    delay: float = 0.0
    real_delay: bool = False


class FaultHandle:
    """One registered fault: how often it fired, and `remove()` to take it out of the plan."""

    def __init__(self, description: str, times: int | None, probability: float | None) -> None:
        self.description = description
        self.times = _check_times(times)
        self.probability = _check_probability(probability)
        self.fired = 0
        self.id = 0  # numbered by the plan that holds it, from 1
        self._remove: Callable[[FaultHandle], None] | None = None

    def remove(self) -> None:
        """Take this fault out of its plan; later requests no longer see it (`fired` keeps its count)."""
        if self._remove is not None:
            self._remove(self)
            self._remove = None

    def attach(self, remove: Callable[[FaultHandle], None]) -> None:
        self._remove = remove

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.fired >= self.times

    def _fires(self, rng: random.Random) -> bool:
        """Count a firing when `times` allows it and the probability draw says so."""
        if self.exhausted or (self.probability is not None and rng.random() >= self.probability):
            return False
        self.fired += 1
        return True

    def __repr__(self) -> str:
        limit = "" if self.times is None else f"/{self.times}"
        return f"<fault {self.description}: fired {self.fired}{limit}>"


class EntryFailure(FaultHandle):
    """A per-entry failure inside a 200 response."""

    def __init__(
        self, code: str, message: str, where: EnvelopeTest | None, times: int | None, probability: float | None
    ) -> None:
        super().__init__(f"fail_entries({code})", times, probability)
        self.error = (code, message)
        self._where = where

    def decide(self, envelope: Callable[[], Envelope], rng: random.Random) -> tuple[str, str] | None:
        if self.exhausted or (self._where is not None and not self._matches(self._where, envelope())):
            return None
        return self.error if self._fires(rng) else None

    def _matches(self, where: EnvelopeTest, envelope: Envelope) -> bool:
        try:
            return where(envelope)
        except Exception as error:  # the user's callable: say which fault it belongs to
            raise WhereFailed(self.description, error) from error


class RequestRule(FaultHandle):
    """A fault that applies to whole requests of some operations (all when `operations` is None)."""

    def __init__(
        self, description: str, times: int | None, probability: float | None, operations: Collection[str] | None
    ) -> None:
        super().__init__(description, times, probability)
        self.operations = _check_operations(operations)

    def decide(self, operation: str | None, account: str, region: str, now: float, rng: random.Random) -> bool:
        if self.operations is not None and operation not in self.operations:
            return False
        return self._applies(account, region, now) and self._fires(rng)

    def _applies(self, account: str, region: str, now: float) -> bool:
        return True

    def effect(self) -> RequestFault:
        raise NotImplementedError


class RequestFailure(RequestRule):
    def __init__(
        self, error: AwsError, times: int | None, probability: float | None, operations: Collection[str] | None
    ) -> None:
        super().__init__(f"fail_requests({error.code})", times, probability, operations)
        self.error = error

    def effect(self) -> RequestFault:
        return RequestFault(self.description, error=self.error)


class Throttle(RequestRule):
    """A token bucket per (account, region) on the mock's clock: `rate` tokens a second, at most `burst`."""

    def __init__(self, rate: float, burst: float, operations: Collection[str] | None) -> None:
        super().__init__(f"throttle({rate:g}/s, burst {burst:g})", None, None, operations)
        if not _positive_number(rate) or not _positive_number(burst) or burst < 1:
            raise ValueError(
                f"mock-partner-events: throttle needs rate > 0 and burst >= 1 (requests), not rate={rate!r}, "
                f"burst={burst!r}"
            )
        self.rate = float(rate)
        self.burst = float(burst)
        self._buckets: dict[tuple[str, str], tuple[float, float]] = {}  # (account, region) -> (tokens, when)

    def _applies(self, account: str, region: str, now: float) -> bool:
        """Take a token; the rule applies (throttles) when none is left."""
        tokens, then = self._buckets.get((account, region), (self.burst, now))
        tokens = min(self.burst, tokens + max(0.0, now - then) * self.rate)
        if tokens >= 1:
            self._buckets[(account, region)] = (tokens - 1, now)
            return False
        self._buckets[(account, region)] = (tokens, now)
        return True

    def effect(self) -> RequestFault:
        return RequestFault(self.description, error=AwsError("ThrottlingException", "Rate exceeded", 400))


class Delay(RequestRule):
    def __init__(self, seconds: float, real: bool, times: int | None, operations: Collection[str] | None) -> None:
        if not _number(seconds) or not 0 <= seconds <= MAX_DELAY_SECONDS:  # NaN fails both comparisons
            raise ValueError(
                f"mock-partner-events: delay takes a finite number of seconds from 0 to {MAX_DELAY_SECONDS:,.0f} "
                f"(a day), not {seconds!r}; it is latency added to each call. To move the test's clock further, "
                "use freezegun or time-machine."
            )
        super().__init__(f"delay({seconds:g}s{', real' if real else ''})", times, None, operations)
        self.seconds = float(seconds)
        self.real = real

    def effect(self) -> RequestFault:
        return RequestFault(self.description, delay=self.seconds, real_delay=self.real)


class Disconnect(RequestRule):
    def __init__(self, when: str, times: int | None, operations: Collection[str] | None) -> None:
        if when not in NETWORK_WHEN:
            raise ValueError(
                f"mock-partner-events: disconnect(when=...) takes 'before' (nothing reaches the bus) or 'after' "
                f"(accepted, then the answer is lost), not {when!r}"
            )
        super().__init__(f"disconnect({when})", times, None, operations)
        self.when = when

    def effect(self) -> RequestFault:
        return RequestFault(self.description, network=self.when)


def combine(effects: list[RequestFault]) -> RequestFault | None:
    """One RequestFault for the rules that fired: delays add up; at most one error or network fault is in the
    list, and it is last (the plan stops at it)."""
    if not effects:
        return None
    if len(effects) == 1:
        return effects[0]
    final = effects[-1]
    return RequestFault(
        " + ".join(effect.name for effect in effects),
        final.error,
        final.network,
        sum(effect.delay for effect in effects),
        any(effect.real_delay for effect in effects),
    )


def envelope_test(where: Any) -> EnvelopeTest | None:
    """`where=`: None, a callable taking the envelope, or an EventBridge event pattern (dict or JSON text)."""
    if where is None:
        return None
    if callable(where):
        return lambda envelope: bool(where(envelope))
    if not isinstance(where, (str, Mapping)):
        raise TypeError(
            "mock-partner-events: where= takes an EventBridge event pattern (dict or JSON text) or a callable "
            f"taking the event's envelope, not {type(where).__name__}"
        )
    from mock_partner_events._patterns.compile import InvalidEventPattern, compile_pattern  # imported on first use

    try:
        return compile_pattern(where).matches
    except InvalidEventPattern as error:
        raise error.for_argument("where=") from None


def _check_times(times: Any) -> int | None:
    if times is not None and (not isinstance(times, int) or isinstance(times, bool) or times < 1):
        raise ValueError(f"mock-partner-events: times must be a positive int or None (no limit), not {times!r}")
    return times


def _check_probability(probability: Any) -> float | None:
    if probability is not None and (not _positive_number(probability) or probability > 1):
        raise ValueError(f"mock-partner-events: probability must be in (0, 1], not {probability!r}")
    return None if probability is None else float(probability)


def _check_operations(operations: Any) -> frozenset[str] | None:
    if operations is None:
        return None
    if isinstance(operations, str):
        return frozenset((operations,))
    names = frozenset(operations)
    if not names or not all(isinstance(name, str) for name in names):
        raise ValueError(
            f"mock-partner-events: operations must name operations, e.g. ['PutPartnerEvents'], not {operations!r}"
        )
    return names


def _positive_number(value: Any) -> bool:
    return _number(value) and value > 0


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
