"""PartnerEventsMock: the one engine behind the decorator, the context managers, the fixture and the server."""

from __future__ import annotations

import threading
import weakref
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import urlsplit

from mock_partner_events._contracts.check import ContractBook
from mock_partner_events._contracts.discovered import discovered_schema
from mock_partner_events._contracts.infer import SchemaType
from mock_partner_events._core import activation as _activation
from mock_partner_events._core.backoff import BackoffLedger, move_time
from mock_partner_events._core.clock import Clock
from mock_partner_events._core.decorate import decorate
from mock_partner_events._core.ids import IdSource, seeded_random
from mock_partner_events._core.options import Options, build_options, takes_options
from mock_partner_events._core.seam import SEAM
from mock_partner_events._core.shadow import shadow_note
from mock_partner_events._core.shortcuts import WorldShortcuts
from mock_partner_events._faults.plan import FaultPlan, RequestFault, fault_names
from mock_partner_events._records.eventlog import DroppedRecordsError, EventLog
from mock_partner_events._records.recorder import Recorder
from mock_partner_events._records.resends import ResentEntry, resent_entries
from mock_partner_events._records.rows import RecordedCall, Rejection
from mock_partner_events._service.catalog import OBSERVING, SERVICES, Service, service_for
from mock_partner_events._service.context import CallContext
from mock_partner_events._service.schemas.listing import DiscoveredSchema, discovery_signature, list_discovered
from mock_partner_events._wire.protocol import AwsError, HttpRequest, HttpResponse
from mock_partner_events._world.model import World
from mock_partner_events._world.targets import forward as forward_to_targets

T = TypeVar("T")
_DEFAULT_REGION = "us-east-1"


class PartnerEventsMock(WorldShortcuts):
    """A faithful, in-memory EventBridge partner API; its keyword options are listed in the documentation
    (https://mock-partner-events.github.io/mock-partner-events/reference/options/#options)."""

    @takes_options(Options)
    def __init__(self, **options: Any) -> None:
        __tracebackhide__ = True
        self.options = build_options("PartnerEventsMock()", options)
        self._lock = threading.RLock()
        self._depth = 0
        self._used = False
        self.shadowed_by: weakref.WeakSet[Any] | None = None  # inner mocks activated while this was active
        self.clock = Clock()
        self._contracts: ContractBook | None = None
        if self.options.contracts is not None:
            self.contracts.load(Path(self.options.contracts))
        self._recorder: Recorder | None = None  # made by the first call or read (see `recorder`)
        self._fresh_state(records=False)

    # -- state ---------------------------------------------------------------------------------------------

    def _fresh_state(self, *, records: bool = True) -> None:
        __tracebackhide__ = True
        seed = self.options.seed
        self.world = World(self.options.pending_expiry.total_seconds(), self.options.deactivated_expiry.total_seconds())
        self._ids = IdSource(seed)
        self._faults = FaultPlan(seeded_random(None if seed is None else seed + 1), self._lock)
        if self.options.fault_list:  # checked once by Options: an empty list costs nothing per activation
            self._faults.load(self.options.fault_list)
        self._backoff = BackoffLedger()
        self._states: dict[str, Any] = {}  # a service's own state, made on its first call (see _state_of)
        if records and self._recorder is not None:
            self._recorder.clear()

    def reset(self) -> None:
        """Forget records, faults and the world; faults given as `faults=` are loaded again."""
        with self._lock:
            self._faults.clear()  # releases calls sleeping a real delay of the old plan
            self._fresh_state()

    @property
    def events(self) -> EventLog:
        """Accepted events, in the order they were accepted."""
        recorder = self.recorder
        with self._lock:
            return EventLog(recorder.events(), recorder.rejected(), dropped=recorder.dropped("events"))

    @property
    def rejected(self) -> list[Rejection]:
        return self.recorder.rejected()

    @property
    def calls(self) -> list[RecordedCall]:
        return self.recorder.calls()

    @property
    def generation(self) -> int:
        """Changes on every reset (and fresh activation): readers of the records start over."""
        return self.recorder.generation

    @property
    def recorder(self) -> Recorder:
        """What this mock recorded, for cursor reads (`recorder.page(kind, after, limit)`, the server's admin API).
        Made on first use: most activations of a test suite's mocks are entered and left without a call."""
        recorder = self._recorder
        return recorder if recorder is not None else self._first_recorder()

    def _first_recorder(self) -> Recorder:
        with self._lock:
            if self._recorder is None:
                self._recorder = Recorder(self._lock, self.options.max_events)
            return self._recorder

    @property
    def faults(self) -> FaultPlan:
        """Failure injection: fail_entries, fail_requests, throttle, delay, disconnect, clear."""
        return self._faults

    @property
    def total_backoff(self) -> float:
        """Seconds botocore backed off between retries while this mock was active (virtually, by default)."""
        with self._lock:
            return self._backoff.total

    def resent_entries(self) -> list[ResentEntry]:
        """PutPartnerEvents entries that reached the mock more than once, each with every send and its outcome."""
        __tracebackhide__ = True
        dropped = self.recorder.dropped("calls")
        if dropped:
            raise DroppedRecordsError(
                f"mock-partner-events: resent_entries() compares every call, but max_events="
                f"{self.options.max_events} dropped the oldest {dropped} calls; raise max_events (or leave it None) "
                "for this test, or reset() the mock between phases"
            )
        return resent_entries(self.calls)

    def absorb_backoff(self, seconds: float) -> None:
        """Record a botocore retry sleep instead of sleeping: the time passes on the mock's (or frozen) clock."""
        with self._lock:
            self._backoff.add(seconds)
            move_time(self.clock, seconds)

    def assert_published(self, count: int | None = None, **criteria: Any) -> EventLog:
        """Pass when `count` events (or at least one, without count) meet the criteria; return them."""
        __tracebackhide__ = True
        log = self.events
        found = log.select(criteria, "assert_published()")
        log.refuse_partial(count, found, "assert_published()")
        if (count is None and not found) or (count is not None and len(found) != count):
            wanted = "at least one published event" if count is None else f"{count} published event"
            explained = log.explain(wanted if count in (None, 1) else wanted + "s", criteria)
            raise AssertionError(explained + shadow_note(self))
        return found

    def discovered_schema(self, *, source: str, detail_type: str, type: SchemaType = "OpenApi3") -> dict[str, Any]:
        """The schema EventBridge discovery would infer from the recorded events of `source` and `detail_type`
        (what a discoverer on the customer's bus would file in `discovered-schemas`), as GetDiscoveredSchema's
        content parsed; LookupError, naming what was published, when no such event was."""
        __tracebackhide__ = True
        return discovered_schema(self.events, source=source, detail_type=detail_type, type=type)

    def discovered_schemas(self) -> list[DiscoveredSchema]:
        """The schemas STARTED discoverers filed in `discovered-schemas`, in every account and region, latest
        versions (events still waiting for discovery are filed first)."""
        with self._lock:
            return list_discovered(self._state_of(SERVICES["schemas"]))

    def discovered_schemas_signature(self) -> dict[str, int]:
        """What changes whenever `discovered_schemas()` may have: `count`, `pending` (events waiting for
        discovery) and a `digest` of what is filed, read without filing anything (the server's health answers
        it every second, so it must stay cheap however many events wait)."""
        with self._lock:
            return discovery_signature(self._state_of(SERVICES["schemas"]))

    @property
    def contracts(self) -> ContractBook:
        """The event contracts published events are checked against (lazily: publishing never waits for them):
        `add(schema)`, `load(path)`, `violations`."""
        if self._contracts is None:
            self._contracts = ContractBook(events=lambda: self.events)
        return self._contracts

    def assert_contracts(self, require: bool = False) -> None:
        """Pass when every published event satisfies the contracts of its detail-type (and, with `require=True`,
        has one); else fail with a table of the violations."""
        __tracebackhide__ = True
        self.contracts.assert_conform(require=require)

    # -- requests ------------------------------------------------------------------------------------------

    def answers(self, operation: str | None, service: str = "events") -> bool:
        """Whether this mock models `operation` of `service` (other EventBridge operations go to moto, or fail
        clearly)."""
        known = SERVICES.get(service)
        return known is not None and operation in known.operations

    def handle(self, request: HttpRequest) -> HttpResponse:
        """Answer one request with AWS's exact response, recording the call and what it accepted."""
        key, signed_region = request.access_key_and_region
        region = signed_region or _region_from_url(request.url)
        service = service_for(request.service)
        with self._lock:
            account = self.options.account_for(key)
            context = self._call_context(
                account,
                region,
                self._ids.new(),
                request.attempt,
                self._ids.many,
                entry_fault=self._faults.entry_fault,
                body_bytes=len(request.body),
                request_body=request.body,
                access_key=key,
                state=self._state_of(service),
            )
            fault = self._faults.on_request(request.operation, account, region, context.now)
            response = self._respond(request, context, fault, service)
            self._record(request, context, response, fault, service)
            self._deliver(context)
        return response

    def _state_of(self, service: Service) -> Any:
        """The service's own state in this world, made on first use (most tests never call the Schemas API)."""
        if service.new_state is None:
            return None
        state = self._states.get(service.name)
        if state is None:
            state = self._states[service.name] = service.new_state()
        return state

    def _deliver(self, context: CallContext) -> None:
        """What the accepted events reach beyond the records: services that watch them (discoverers), and the
        targets of the rules they matched (queues and log groups of another mock)."""
        if context.events and self._states:
            for name, observe in OBSERVING:
                state = self._states.get(name)
                if state is not None:  # a service never called has nothing to watch with (no discoverer)
                    observe(state, context.events)
        forward_to_targets(self.world, context.events, context.now, SEAM.target_sinks)

    def _respond(
        self, request: HttpRequest, context: CallContext, fault: RequestFault | None, service: Service
    ) -> HttpResponse:
        """The answer, with a request fault applied: an error or a lost connection before any state changes, a
        lost answer after, and latency on the mock's clock (or for the transport to sleep, when real)."""
        if fault is None:
            return self._process(request, context, service)
        if fault.delay and not fault.real_delay:
            move_time(self.clock, fault.delay)
        if fault.error is not None:
            response = service.codec.error(fault.error, context.request_id)
        elif fault.network == "before":
            response = HttpResponse(0, {}, b"")
        else:
            response = self._process(request, context, service)
        real_delay = fault.delay if fault.real_delay else 0.0
        return replace(response, network_fault=fault.network, delay=real_delay)

    def _process(self, request: HttpRequest, context: CallContext, service: Service) -> HttpResponse:
        """Parse, check, answer: the operation's payload in the service's protocol, or AWS's error."""
        codec = service.codec
        try:
            operation = codec.operation(request) or ""
            body = codec.read(request, operation)
            params = body.params
            if operation not in service.operations:
                raise AwsError("UnknownOperationException", f"Operation {operation or '(none)'} is not supported.")
            service.check(operation, params, body.exact)
            payload = service.operations[operation](context, params)
            return codec.answer(operation, payload, context.request_id)
        except AwsError as error:
            context.events.clear()
            return codec.error(error, context.request_id)

    def _record(
        self,
        request: HttpRequest,
        context: CallContext,
        response: HttpResponse,
        fault: RequestFault | None,
        service: Service,
    ) -> None:
        """The call as sent and answered (params and response are parsed from these bytes when a test reads them)."""
        self.recorder.record(
            operation=request.operation or service.codec.operation(request),
            request_body=service.codec.recorded_params(request),
            account=context.account,
            region=context.region,
            request_id=context.request_id,
            status=response.status,
            response_body=response.body,
            attempt=context.attempt,
            fault=fault_names(fault, context.entry_fault),
            backoff=self._backoff.take(),
            delay=fault.delay if fault else 0.0,
            time=context.now,
            events=context.events,
            rejected=context.rejected,
        )

    # -- activation ----------------------------------------------------------------------------------------

    def start(self) -> PartnerEventsMock:
        """Activate; a second start of the same mock only deepens it. Re-activation starts from clean state."""
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
        return f"<PartnerEventsMock {state}: {self.recorder.summary()}>"


def _region_from_url(url: str) -> str:
    """`events.<region>.amazonaws.com` names the region; any other endpoint falls back to us-east-1."""
    parts = (urlsplit(url).hostname or "").split(".")
    return parts[1] if len(parts) > 2 and parts[0] == "events" else _DEFAULT_REGION
