"""`mock.faults`: failure injection applied by the engine, so the caller's real retry logic runs against it.

Request-level rules are consulted in the order they were added: delays add up, and the first rule that fails
the request (an error or a disconnect) decides it; later rules do not see that request. Per-entry rules are
consulted the same way for each entry that passed AWS's own checks; the first that fires decides the entry.
Methods may be called from any thread; the engine consults the plan under the same lock.
"""

from __future__ import annotations

import inspect
import itertools
import random
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any

from mock_partner_events._common.suggest import ANCHORS, did_you_mean
from mock_partner_events._faults.catalog import check_entry_code, entry_message, request_error
from mock_partner_events._faults.injections import (
    Delay,
    Disconnect,
    EntryFailure,
    Envelope,
    FaultHandle,
    RequestFailure,
    RequestFault,
    RequestRule,
    Throttle,
    combine,
    envelope_test,
)

__all__ = ["FaultHandle", "FaultPlan", "RequestFault"]

PUT_PARTNER_EVENTS_RATE = 1400.0  # requests per second, the last published PutPartnerEvents quota
PUT_PARTNER_EVENTS_BURST = 3600.0
SPEC_METHODS = ("fail_entries", "fail_requests", "throttle", "delay", "disconnect")
DOCS_FAULTS = f"see {ANCHORS['fault']}"


class FaultPlan:
    """The faults of one mock. Every method returns a FaultHandle (`fired`, `remove()`)."""

    def __init__(self, rng: random.Random, lock: AbstractContextManager[Any] | None = None) -> None:
        self._random = rng
        self._lock = lock or threading.RLock()
        self._entry_rules: list[EntryFailure] = []
        self._request_rules: list[RequestRule] = []
        self._handles: list[FaultHandle] = []  # every rule, in the order it was added
        self._ids = itertools.count(1)
        self._released: threading.Event | None = None  # set by clear(): real delays in flight end at once

    # -- registering ---------------------------------------------------------------------------------------

    def fail_entries(
        self,
        error_code: str = "InternalFailure",
        *,
        message: str | None = None,
        where: Mapping[str, Any] | str | Callable[[Envelope], bool] | None = None,
        times: int | None = None,
        probability: float | None = None,
        custom: bool = False,
    ) -> FaultHandle:
        """Fail PutPartnerEvents entries inside a 200 answer (`FailedEntryCount` > 0); botocore never retries
        these. `where`: an event pattern matched against the entry's envelope, or a callable taking it.
        `error_code` must be one AWS documents for entries; `custom=True` allows any other."""
        __tracebackhide__ = True
        _check_code(error_code)
        check_entry_code(error_code, custom)
        rule = EntryFailure(
            error_code,
            entry_message(error_code) if message is None else message,
            envelope_test(where),
            times,
            probability,
        )
        return self._add(rule, self._entry_rules)

    def fail_requests(
        self,
        error_code: str = "ThrottlingException",
        *,
        message: str | None = None,
        status: int | None = None,
        times: int | None = None,
        probability: float | None = None,
        operations: Collection[str] | None = None,
    ) -> FaultHandle:
        """Answer whole requests with an AWS error, at AWS's HTTP status for the code (which decides whether
        botocore retries). `operations`: only these operations (all by default)."""
        __tracebackhide__ = True
        _check_code(error_code)
        error = request_error(error_code, message, status)
        return self._add(RequestFailure(error, times, probability, operations), self._request_rules)

    def throttle(
        self,
        rate: float | None = None,
        burst: float | None = None,
        *,
        operations: Collection[str] | None = ("PutPartnerEvents",),
    ) -> FaultHandle:
        """A token bucket per account and region on the mock's clock; requests over it get ThrottlingException.
        Defaults: the published PutPartnerEvents quota, 1,400 requests/s with a burst of 3,600."""
        __tracebackhide__ = True
        rule = Throttle(
            PUT_PARTNER_EVENTS_RATE if rate is None else rate,
            PUT_PARTNER_EVENTS_BURST if burst is None else burst,
            operations,
        )
        return self._add(rule, self._request_rules)

    def delay(
        self, seconds: float, *, times: int | None = None, real: bool = False, operations: Collection[str] | None = None
    ) -> FaultHandle:
        """Latency: the mock's clock (and a frozen test clock) moves by `seconds`; `real=True` really sleeps.

        The delayed call, and every event it accepts without a Time of its own, is stamped with the time the
        request arrived (before the delay); the delay passes while the answer travels, so the next call is
        `seconds` later."""
        __tracebackhide__ = True
        return self._add(Delay(seconds, real, times, operations), self._request_rules)

    def disconnect(
        self, *, when: str = "before", times: int | None = None, operations: Collection[str] | None = None
    ) -> FaultHandle:
        """A network failure. "before": a connection error, nothing reaches the bus. "after": the request is
        processed and recorded, then the client's read times out, so a retry delivers the events twice."""
        __tracebackhide__ = True
        return self._add(Disconnect(when, times, operations), self._request_rules)

    def clear(self) -> None:
        """Remove every fault."""
        with self._lock:
            self._entry_rules.clear()
            self._request_rules.clear()
            self._handles.clear()
            released, self._released = self._released, None
        if released is not None:
            released.set()

    def sleep(self, seconds: float) -> None:
        """Sleep a real delay, ending early when the faults are cleared (or the mock reset). The event is made by
        the first real delay: a mock that never sleeps (nearly all of them) pays nothing for it."""
        with self._lock:
            if self._released is None:
                self._released = threading.Event()
            released = self._released
        released.wait(seconds)

    def load(self, specs: Sequence[Mapping[str, Any]]) -> list[FaultHandle]:
        """Add faults given as data: `[{"fail_requests": {"error_code": "ThrottlingException", "times": 2}}]`."""
        __tracebackhide__ = True
        handles = []
        for index, spec in enumerate(fault_specs(specs)):  # a loop, not a comprehension: its frame stays hidden
            handles.append(self._load_one(index, spec))
        return handles

    @property
    def handles(self) -> list[FaultHandle]:
        """Every registered fault, in the order it was added."""
        with self._lock:
            return list(self._handles)

    # -- consulted by the engine (under its lock) ----------------------------------------------------------

    def on_request(self, operation: str | None, account: str, region: str, now: float) -> RequestFault | None:
        """What the request-level rules do to this request, or None (the common, free case)."""
        if not self._request_rules:
            return None
        fired: list[RequestFault] = []
        for rule in self._request_rules:
            if rule.decide(operation, account, region, now, self._random):
                effect = rule.effect()
                fired.append(effect)
                if effect.error is not None or effect.network is not None:
                    break
        return combine(fired)

    @property
    def entry_fault(self) -> EntryFaults | None:
        """A per-call judge of entries, or None when no per-entry fault is registered (the hot path)."""
        return EntryFaults(self._entry_rules, self._random) if self._entry_rules else None

    # -- internals -----------------------------------------------------------------------------------------

    def _add(self, rule: Any, rules: list[Any]) -> FaultHandle:
        with self._lock:
            rules.append(rule)
            self._handles.append(rule)
            rule.id = next(self._ids)
            rule.attach(lambda handle: self._remove(handle, rules))
        return rule  # type: ignore[no-any-return]

    def _remove(self, handle: FaultHandle, rules: list[Any]) -> None:
        with self._lock:
            if handle in rules:
                rules.remove(handle)
                self._handles.remove(handle)

    def _load_one(self, index: int, spec: Any) -> FaultHandle:
        __tracebackhide__ = True
        where = f"faults[{index}]"
        if not isinstance(spec, Mapping) or len(spec) != 1:
            raise ValueError(
                f"mock-partner-events: {where} must be a dict with one key naming a method "
                f"({', '.join(SPEC_METHODS)}), e.g. {{'fail_requests': {{'times': 2}}}}; got {spec!r}"
            )
        ((name, arguments),) = spec.items()
        if name not in SPEC_METHODS:
            raise ValueError(
                f"mock-partner-events: {where} names {name!r}{did_you_mean(name, SPEC_METHODS)}, which is not a fault "
                "method; use one of "
                f"{', '.join(SPEC_METHODS)} ({DOCS_FAULTS})"
            )
        method = getattr(self, name)
        _check_arguments(where, name, method, arguments)
        try:
            return method(**(arguments or {}))  # type: ignore[no-any-return]
        except (TypeError, ValueError) as error:
            reason = str(error).removeprefix("mock-partner-events: ")
            raise ValueError(f"mock-partner-events: {where} ({name}): {reason}") from None

    def __repr__(self) -> str:
        return f"<FaultPlan {self.handles!r}>"


class EntryFaults:
    """Judges the entries of one PutPartnerEvents call, and remembers which faults fired in it."""

    def __init__(self, rules: list[EntryFailure], rng: random.Random) -> None:
        self._rules = rules
        self._random = rng
        self.fired: list[str] = []

    def __call__(self, envelope: Callable[[], Envelope]) -> tuple[str, str] | None:
        for rule in self._rules:
            error = rule.decide(envelope, self._random)
            if error is not None:
                if rule.description not in self.fired:
                    self.fired.append(rule.description)
                return error
        return None


def fault_names(request: RequestFault | None, entries: object) -> str | None:
    """What a recorded call shows as its `fault`: the request fault's name and the per-entry faults that fired."""
    names = [request.name] if request is not None else []
    if isinstance(entries, EntryFaults):
        names += entries.fired
    return " + ".join(names) or None


def fault_specs(specs: Any) -> tuple[Mapping[str, Any], ...]:
    """The `faults=` option as a tuple; anything but a list of specs (None: no faults) is a ValueError."""
    if specs is None:
        return ()
    if isinstance(specs, (str, bytes, Mapping)) or not isinstance(specs, Sequence):
        raise ValueError(
            f"mock-partner-events: faults must be a list of {{method: arguments}} dicts, e.g. "
            f"[{{'fail_requests': {{'times': 2}}}}], not {specs!r}"
        )
    return tuple(specs)


def _check_code(code: Any) -> None:
    __tracebackhide__ = True
    if not isinstance(code, str) or not code:
        raise ValueError(f"mock-partner-events: error_code must be a non-empty string, not {code!r}")


def _check_arguments(where: str, name: str, method: Callable[..., Any], arguments: Any) -> None:
    __tracebackhide__ = True
    if arguments is None:
        return
    if not isinstance(arguments, Mapping):
        raise ValueError(
            f"mock-partner-events: {where}: the arguments of {name} must be a dict of keyword arguments, "
            f"not {arguments!r}"
        )
    accepted = list(inspect.signature(method).parameters)
    unknown = [key for key in arguments if key not in accepted]
    if unknown:
        raise ValueError(
            f"mock-partner-events: {where}: {name} takes no argument "
            f"{', '.join(repr(key) + did_you_mean(key, accepted) for key in unknown)}; "
            f"it takes {', '.join(accepted)}"
        )
