"""Python shortcuts that set up the partner world in one line, while the code under test uses boto3.

Each shortcut runs the AWS operation it stands for (same checks, same state changes, same errors) as the
account that would call it, without recording a call: setting up a test is not what the test asserts on.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any

from mock_partner_events._core.clock import Clock
from mock_partner_events._core.options import Options
from mock_partner_events._core.seam import SEAM
from mock_partner_events._service.context import CallContext
from mock_partner_events._service.events.table import OPERATIONS
from mock_partner_events._wire.model_rules import check_input
from mock_partner_events._wire.protocol import AwsError
from mock_partner_events._world.model import PartnerSource, World

DEFAULT_REGION = "us-east-1"
Target = str | Mapping[str, Any]


class WorldShortcuts:
    """Mixed into PartnerEventsMock: concise equivalents of the AWS lifecycle operations."""

    world: World
    clock: Clock
    options: Options
    _lock: AbstractContextManager[Any]

    def create_source(
        self,
        name: str,
        *,
        customer: str | None = None,
        partner: str | None = None,
        region: str = DEFAULT_REGION,
        associate: bool = False,
    ) -> str:
        """The partner creates `name` for `customer` (CreatePartnerEventSource): PENDING, events dropped.

        With `associate=True` the customer also creates the partner bus, so the source is ACTIVE.
        Returns the source's ARN. Defaults: the mock's `customer_account`, and as the partner the account of a
        caller whose access key id names none (`partner_account`, or MOTO_ACCOUNT_ID while moto is active).
        """
        __tracebackhide__ = True
        customer = customer or self.options.customer_account
        partner = partner or self.options.account_for(None)
        created = self._run("CreatePartnerEventSource", {"Name": name, "Account": customer}, partner, region)
        if associate:
            self.associate(name, region=region)
        return str(created["EventSourceArn"])

    def associate(self, name: str, *, region: str = DEFAULT_REGION) -> str:
        """The customer creates the partner bus for source `name` (CreateEventBus): the source becomes ACTIVE.

        Returns the bus ARN.
        """
        __tracebackhide__ = True
        params = {"Name": name, "EventSourceName": name}
        return str(
            self._run("CreateEventBus", params, self._source(name, region).customer_account, region)["EventBusArn"]
        )

    def activate(self, name: str, *, region: str = DEFAULT_REGION) -> None:
        """The customer re-activates source `name` on its existing bus (ActivateEventSource)."""
        __tracebackhide__ = True
        self._as_customer("ActivateEventSource", {"Name": name}, name, region)

    def deactivate(self, name: str, *, region: str = DEFAULT_REGION) -> None:
        """The customer deactivates source `name` (DeactivateEventSource): PENDING, events dropped, bus kept."""
        __tracebackhide__ = True
        self._as_customer("DeactivateEventSource", {"Name": name}, name, region)

    def delete_bus(self, name: str, *, region: str = DEFAULT_REGION) -> None:
        """The customer deletes the partner bus of source `name` (DeleteEventBus): the source goes PENDING."""
        __tracebackhide__ = True
        self._as_customer("DeleteEventBus", {"Name": name}, name, region)

    def delete_source(self, name: str, *, region: str = DEFAULT_REGION) -> None:
        """The partner deletes source `name` (DeletePartnerEventSource): DELETED for the customer, writes fail."""
        __tracebackhide__ = True
        source = self._source(name, region)
        params = {"Name": name, "Account": source.customer_account}
        self._run("DeletePartnerEventSource", params, source.partner_account, region)

    def add_rule(
        self,
        name: str,
        pattern: str | Mapping[str, Any],
        *,
        source: str,
        targets: Sequence[Target] = (),
        region: str = DEFAULT_REGION,
    ) -> str:
        """The customer adds rule `name` with an event pattern to the partner bus of `source` (PutRule, PutTargets).

        `targets` are target dicts as PutTargets takes them, or plain ARNs (given Ids "1", "2", ...).
        Returns the rule ARN.
        """
        __tracebackhide__ = True
        text = pattern if isinstance(pattern, str) else _json(pattern)
        _check_pattern(text)
        params = {"Name": name, "EventPattern": text, "EventBusName": source}
        partner_source = self._source(source, region)
        hint = self._bus_hint(partner_source)
        rule_arn = str(self._run("PutRule", params, partner_source.customer_account, region, hint)["RuleArn"])
        if targets:
            listed = [_target(index, target) for index, target in enumerate(targets, start=1)]
            self._as_customer("PutTargets", {"Rule": name, "EventBusName": source, "Targets": listed}, source, region)
        return rule_arn

    def source_state(self, name: str, *, region: str = DEFAULT_REGION) -> str | None:
        """PENDING, ACTIVE or DELETED as the customer sees source `name` now; None once it is gone."""
        __tracebackhide__ = True
        with self._lock:
            source = self.world.source(region, name, self.clock.now())
            return None if source is None else source.state

    # -- plumbing ------------------------------------------------------------------------------------------

    def _as_customer(self, operation: str, params: dict[str, Any], source: str, region: str) -> dict[str, Any]:
        __tracebackhide__ = True
        return self._run(operation, params, self._source(source, region).customer_account, region)

    def _source(self, name: str, region: str) -> PartnerSource:
        __tracebackhide__ = True
        with self._lock:
            source = self.world.source(region, name, self.clock.now())
        if source is None:
            known = sorted(key[1] for key in self.world.sources if key[0] == region) or ["none"]
            raise ValueError(
                f"mock-partner-events: there is no event source {name!r} in {region}; create it first with "
                f"mock.create_source({name!r}, customer=...). Sources in {region}: {', '.join(known)}"
            )
        return source

    def _bus_hint(self, source: PartnerSource) -> str:
        """What to do first when `source` has no partner bus yet (rules live on the bus)."""
        with self._lock:
            bus = self.world.buses.get((source.region, source.customer_account, source.name))
        if bus is not None:
            return ""
        return (
            f" The source is {source.state} and its customer has no partner event bus for it yet: associate it "
            f"first with mock.associate({source.name!r}) (or create_source(..., associate=True)), then add rules"
        )

    def _run(self, operation: str, params: dict[str, Any], account: str, region: str, hint: str = "") -> dict[str, Any]:
        """Run one AWS operation as `account`, exactly as a request would, minus the wire and the record.

        `hint`: what to do next, appended to the error when AWS's answer is an error."""
        __tracebackhide__ = True
        with self._lock:
            context = self._call_context(account, region, "shortcut", 1, _new_ids)
            try:
                check_input(operation, params)
                return OPERATIONS[operation](context, params) or {}
            except AwsError as error:
                raise ValueError(
                    f"mock-partner-events: {operation} as account {account} in {region} failed as AWS would "
                    f"answer it: {error.code}: {error.message}{hint}"
                ) from None

    def _call_context(
        self, account: str, region: str, request_id: str, attempt: int, new_ids: Any, **extra: Any
    ) -> CallContext:
        """What one operation runs with, for a request (the engine) or a set-up shortcut."""
        return CallContext(
            world=self.world,
            options=self.options,
            account=account,
            region=region,
            now=self.clock.now(),
            request_id=request_id,
            attempt=attempt,
            new_ids=new_ids,
            foreign_buses=SEAM.foreign_buses,
            **extra,
        )


def _target(index: int, target: Target) -> dict[str, Any]:
    return {"Id": str(index), "Arn": target} if isinstance(target, str) else dict(target)


def _check_pattern(text: str) -> None:
    """A bad pattern raises InvalidEventPattern, as everywhere else a pattern is accepted (PutRule would refuse it
    with the same message)."""
    __tracebackhide__ = True
    from mock_partner_events._patterns.compile import InvalidEventPattern, compile_pattern

    try:
        compile_pattern(text)
    except InvalidEventPattern as error:
        raise error.for_argument("add_rule's pattern") from None


def _json(pattern: Mapping[str, Any]) -> str:
    import json

    return json.dumps(pattern)


def _new_ids(count: int) -> list[str]:
    return [str(uuid.uuid4()) for _ in range(count)]
