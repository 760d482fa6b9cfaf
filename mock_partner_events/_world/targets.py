"""Rule targets: events a customer's rules matched go on to the targets those rules name.

Targets live in other mocks (moto's SQS queues and log groups): such an integration registers a TargetSink with
the seam (`_core.seam`), and the engine hands the active ones to `forward`.
Delivery happens while a sink is active and is skipped otherwise (the routing itself stays recorded on each
event as `rules`; `invocations` tells what each target would receive). A target no sink has a resource for gets
a TargetDeliveryWarning: AWS would count a failed invocation, the test would see nothing.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Sequence
from typing import NamedTuple, Protocol

from mock_partner_events._records.rows import RULES_AT, EventBuilder, Packed, RecordedEvent
from mock_partner_events._world.model import Rule, World
from mock_partner_events._world.target_input import RuleContext, target_input


class TargetDeliveryWarning(UserWarning):
    """An event matched a rule whose target could not receive it (for example a queue moto does not have)."""


class TargetNotFoundError(LookupError):
    """The target's resource (a queue, a log group) does not exist where the sink looked."""


class TargetSink(Protocol):
    def active(self) -> bool:
        """Whether the sink's resources exist now (moto's mock_aws is active, say)."""

    def send(self, arn: str, body: str, event_id: str, now: float) -> bool:
        """Deliver `body` to the resource `arn` names; False for a target type the sink does not know;
        TargetNotFoundError for a resource that does not exist."""


class Invocation(NamedTuple):
    """One target of one rule an event matched, and the body it gets (None: AWS drops the invocation)."""

    rule: Rule
    target_id: str
    arn: str
    body: str | None


def forward(world: World, rows: Sequence[Packed], now: float, sinks: Callable[[], list[TargetSink]]) -> None:
    """Send every event that matched rules to the targets of those rules that the active `sinks` hold (cheap
    while no sink is active)."""
    active = sinks()
    if not active:
        return
    for event in map(EventBuilder(), [row for row in rows if row[RULES_AT]]):
        for invocation in invocations(world, event, now):
            _send(active, invocation, event, now)


def invocations(world: World, event: RecordedEvent, received: float) -> list[Invocation]:
    """What each target of each rule `event` matched receives; `received`: when EventBridge got the event."""
    envelope = event.envelope()
    ingestion_time = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(received))
    found = []
    for rule in _matched_rules(world, event):
        context = RuleContext(rule.name, rule.arn, ingestion_time)
        for target_id, target in rule.targets.items():
            body = target_input(target, envelope, context)
            found.append(Invocation(rule, target_id, str(target.get("Arn", "")), body))
    return found


def _matched_rules(world: World, event: RecordedEvent) -> list[Rule]:
    if not event.rules or event.event_bus_arn is None or event.customer_account is None:
        return []
    bus_name = event.event_bus_arn.partition(":event-bus/")[2]
    bus = world.buses.get((event.region, event.customer_account, bus_name))
    return [bus.rules[name] for name in event.rules if name in bus.rules] if bus is not None else []


def _send(sinks: list[TargetSink], invocation: Invocation, event: RecordedEvent, now: float) -> None:
    rule, target_id, arn, body = invocation
    if body is None:
        _warn(
            rule,
            target_id,
            "its InputTemplate starts with '{' but the filled template is not valid JSON, so EventBridge drops "
            "the invocation",
            "Put object and list placeholders outside quotes, or make the template a text template",
        )
        return
    try:
        delivered = any(sink.send(arn, body, event.event_id, now) for sink in sinks)
    except TargetNotFoundError as missing:
        _warn(rule, target_id, f"{missing}; the event was not delivered there (AWS counts a failed invocation)")
        return
    if not delivered:
        _warn(rule, target_id, f"{arn} is not a target type the mock delivers to (SQS queues, CloudWatch Logs)")


_CREATE_IT = (
    "Create the resource in moto (in the customer's account and region) before publishing, or remove the target"
)


def _warn(rule: Rule, target_id: str, problem: str, advice: str = _CREATE_IT) -> None:
    warnings.warn(
        f"mock-partner-events: rule {rule.name!r} target {target_id!r}: {problem}. {advice}.",
        TargetDeliveryWarning,
        stacklevel=2,
    )
