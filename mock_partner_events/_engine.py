"""PartnerEventsMock: the one engine behind the decorator, the context managers, the fixture and the server."""

from __future__ import annotations

import random
import threading
from collections.abc import Mapping, Sequence
from datetime import timedelta
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import urlsplit

from . import _activation
from ._clock import Clock
from ._decorate import decorate
from ._eventlog import EventLog
from ._faults import FaultPlan, RequestFault
from ._ids import IdSource
from ._options import Options
from ._protocol import AwsError, HttpRequest, HttpResponse, error_response, parse_body, success_response
from ._records import RecordedCall, RecordedEvent, Rejection
from ._service import CallContext, load_operations
from ._shapes import check_input
from ._shortcuts import WorldShortcuts
from ._targets import forward as forward_to_targets
from ._world import World

T = TypeVar("T")
_DEFAULT_REGION = "us-east-1"


class PartnerEventsMock(WorldShortcuts):
    """A faithful, in-memory EventBridge partner API. See the README for every option."""

    def __init__(
        self,
        *,
        partner_account: str = "123456789012",
        customer_account: str = "111122223333",
        accounts: Mapping[str, str] | None = None,
        unknown_sources: str = "accept",
        max_request_bytes: int = 262144,
        seed: int | None = None,
        virtual_backoff: bool = True,
        faults: Sequence[Mapping[str, Any]] | None = None,
        pending_expiry: timedelta = timedelta(days=7),
        deactivated_expiry: timedelta = timedelta(days=14),
    ) -> None:
        self.options = Options(
            partner_account,
            customer_account,
            dict(accounts or {}),
            unknown_sources,
            max_request_bytes,
            seed,
            virtual_backoff,
            tuple(faults or ()),
            pending_expiry,
            deactivated_expiry,
        )
        self._operations = load_operations()
        self._lock = threading.RLock()
        self._depth = 0
        self._used = False
        self.clock = Clock()
        self._fresh_state()

    # -- state ---------------------------------------------------------------------------------------------

    def _fresh_state(self) -> None:
        seed = self.options.seed
        self.world = World(self.options.pending_expiry.total_seconds(), self.options.deactivated_expiry.total_seconds())
        self._ids = IdSource(seed)
        self._faults = FaultPlan(random.Random(None if seed is None else seed + 1), self.clock)
        self._faults.load(self.options.faults)
        self._events: list[RecordedEvent] = []
        self._rejected: list[Rejection] = []
        self._calls: list[RecordedCall] = []

    def reset(self) -> None:
        """Forget records, faults and the world; faults given as `faults=` are loaded again."""
        with self._lock:
            self._fresh_state()

    @property
    def events(self) -> EventLog:
        """Accepted events, in the order they were accepted."""
        with self._lock:
            return EventLog(self._events, self._rejected)

    @property
    def rejected(self) -> list[Rejection]:
        with self._lock:
            return list(self._rejected)

    @property
    def calls(self) -> list[RecordedCall]:
        with self._lock:
            return list(self._calls)

    @property
    def faults(self) -> FaultPlan:
        return self._faults

    def assert_published(self, count: int | None = None, **criteria: Any) -> EventLog:
        """Pass when `count` events (or at least one, without count) meet the criteria; return them."""
        __tracebackhide__ = True
        log = self.events
        found = log.filter(**criteria)
        if (count is None and not found) or (count is not None and len(found) != count):
            wanted = "at least one published event" if count is None else f"{count} published event"
            raise AssertionError(log.explain(wanted if count in (None, 1) else wanted + "s", criteria))
        return found

    # -- requests ------------------------------------------------------------------------------------------

    def answers(self, operation: str | None) -> bool:
        """Whether this mock models `operation` (other EventBridge operations go to moto, or fail clearly)."""
        return operation in self._operations

    def handle(self, request: HttpRequest) -> HttpResponse:
        """Answer one request with AWS's exact response, recording the call and what it accepted."""
        key, signed_region = request.access_key_and_region
        region = signed_region or _region_from_url(request.url)
        with self._lock:
            account = self.options.account_for(key)
            context = CallContext(
                self.world,
                self.options,
                account,
                region,
                self.clock.now(),
                self._ids.new(),
                request.attempt,
                self._ids.new,
                self._faults.entry_fault,
            )
            fault = self._faults.on_request(request.operation, account, region, context.now)
            response, params = self._respond(request, context, fault)
            self._record(request, context, response, params, fault)
            forward_to_targets(self.world, context.events, context.now)
        return response

    def _respond(
        self, request: HttpRequest, context: CallContext, fault: RequestFault | None
    ) -> tuple[HttpResponse, dict[str, Any] | None]:
        if fault is not None and fault.delay:
            self.clock.advance(fault.delay)
        if fault is not None and fault.error is not None:
            return error_response(fault.error, context.request_id), None
        if fault is not None and fault.network == "before":
            return HttpResponse(0, {}, b"", network_fault="before"), None
        params: dict[str, Any] | None = None
        try:
            params = parse_body(request.body)
            operation = request.operation or ""
            if operation not in self._operations:
                raise AwsError("UnknownOperationException", f"Operation {operation or '(none)'} is not supported.")
            check_input(operation, params)
            response = success_response(self._operations[operation](context, params), context.request_id)
        except AwsError as error:
            context.events.clear()
            response = error_response(error, context.request_id)
        if fault is not None and fault.network == "after":
            response = HttpResponse(response.status, response.headers, response.body, network_fault="after")
        return response, params

    def _record(
        self,
        request: HttpRequest,
        context: CallContext,
        response: HttpResponse,
        params: dict[str, Any] | None,
        fault: RequestFault | None,
    ) -> None:
        body = response.json() if response.body else None
        error = body if isinstance(body, dict) and "__type" in body else None
        call = RecordedCall(
            request.operation,
            params,
            context.account,
            context.region,
            context.request_id,
            response.status,
            body,
            error_code=(error["__type"] if error else (str(response.status) if response.status >= 400 else None)),
            error_message=error.get("message") if error else None,
            attempt=context.attempt,
            fault=fault.name if fault else None,
            time=context.now,
        )
        self._calls.append(call)
        self._events.extend(context.events)
        self._rejected.extend(
            Rejection(entry, index, code, message, call) for index, entry, code, message in context.rejected
        )

    # -- activation ----------------------------------------------------------------------------------------

    def start(self) -> PartnerEventsMock:
        """Activate; a second start of the same mock only deepens it. Re-activation starts from clean state."""
        from . import _botocore

        _botocore.install()
        with self._lock:
            if self._depth == 0:
                if self._used:
                    self._fresh_state()
                _activation.push(self)
            self._depth += 1
            self._used = True
        return self

    def stop(self) -> None:
        with self._lock:
            if self._depth == 0:
                raise RuntimeError("mock-partner-events: stop() called on a mock that is not started")
            self._depth -= 1
            if self._depth == 0:
                _activation.remove(self)

    @property
    def active(self) -> bool:
        return self._depth > 0

    def __enter__(self) -> PartnerEventsMock:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    async def __aenter__(self) -> PartnerEventsMock:
        return self.start()

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def __call__(self, target: T) -> T:
        """Decorate a function, a coroutine function or a test class so that it runs under this mock."""
        return decorate(self, target)

    def __repr__(self) -> str:
        state = "active" if self.active else "inactive"
        return f"<PartnerEventsMock {state}: {len(self._calls)} calls, {len(self._events)} events>"


def _region_from_url(url: str) -> str:
    """`events.<region>.amazonaws.com` names the region; any other endpoint falls back to us-east-1."""
    parts = (urlsplit(url).hostname or "").split(".")
    return parts[1] if len(parts) > 2 and parts[0] == "events" else _DEFAULT_REGION
