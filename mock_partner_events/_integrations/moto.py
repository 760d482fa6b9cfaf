"""What moto contributes beside the mock (checked against moto 5.2.5; see tests/integrations/test_moto_internals.py).

It never imports moto: the hooks go in when moto is imported by the user (see `_hooks`), and each first checks
moto's version and the attributes it reads. What it registers with the seam (`_core.seam`) and patches, all
scoped to "a mock-partner-events mock is active":

- whether moto's mock_aws is active, which the dispatch asks through the seam (`_core.seam`); moto's stubber is
  told to skip what this package answers by a transport of its own (`_transports.moto_stubber`);
- one account convention (README "Modelled choices"): moto picks the account from a 12-digit access key id, or
  a key mapped with `accounts=`, as this package does, for every service (unless MOTO_ACCOUNT_ID, an
  x-moto-account-id header or a moto IAM key says otherwise), so that a customer's buses, rules and queues live in
  one account: moto's own PutEvents routing looks a rule's queue up in the bus owner's account. The other way
  round, a caller whose key names no account is MOTO_ACCOUNT_ID to this package too, when it is set;
- ListEventBuses lists the buses moto holds too (a ForeignBuses view), so that one list shows them all;
- events that rules route to SQS queues and CloudWatch Logs groups land in moto's backends (a TargetSink).
"""

from __future__ import annotations

import os
import sys
from types import ModuleType
from typing import Any

from mock_partner_events._core import activation
from mock_partner_events._core.compat import MOTO_RANGE, require, require_moto_version, version_of
from mock_partner_events._core.seam import SEAM, Contribution
from mock_partner_events._wire.protocol import HttpRequest
from mock_partner_events._world.foreign import ForeignBus
from mock_partner_events._world.targets import TargetNotFoundError

OLDEST_SUPPORTED = MOTO_RANGE[0]
_GUARD_FLAG = "_mock_partner_events_guard"
check_version = require_moto_version


# -- what moto contributes beside the mock ----------------------------------------------------------------


def hook_models(models: ModuleType) -> None:
    """moto's core was imported: register what it contributes (its activity, accounts, buses and targets)."""
    check_version(version_of("moto"))
    require(models, "botocore_stubber.enabled", "DEFAULT_ACCOUNT_ID")
    SEAM.register(
        Contribution(
            name="moto",
            answers_elsewhere=lambda: bool(models.botocore_stubber.enabled),
            unnamed_caller=moto_account_id,
            foreign_buses=_MotoBuses(),
            target_sink=_MotoTargets(),
        )
    )


def moto_is_active() -> bool:
    """Whether moto's mock_aws answers botocore requests now (read from the seam moto's registration fills)."""
    return SEAM.answers_elsewhere()


# -- one account convention ------------------------------------------------------------------------------


def hook_accounts(responses: ModuleType) -> None:
    """moto reads only 20-character key ids; a 12-digit one (or one mapped with `accounts=`) names the account."""
    check_version(version_of("moto"))
    require(responses, "BaseResponse.get_current_account")
    base = responses.BaseResponse
    original = base.get_current_account
    if getattr(original, _GUARD_FLAG, False):
        return

    def get_current_account(self: Any) -> str:
        chosen: str = original(self)
        if "x-moto-account-id" in self.headers:
            return chosen
        return _moto_account(chosen, _access_key(self.headers.get("Authorization") or ""))

    setattr(get_current_account, _GUARD_FLAG, True)
    base.get_current_account = get_current_account


def _moto_account(chosen: str, key: str | None) -> str:
    """The account moto files a caller under while a mock is active: what moto's own rules `chose`, unless they
    fell back to moto's default and the key names an account the package's way (12 digits, or `accounts=`)."""
    mock = activation.innermost()
    if mock is None or "MOTO_ACCOUNT_ID" in os.environ or chosen != _default_account():
        return chosen
    return mock.options.account_for(key) if mock.options.names_account(key) else chosen


def moto_account_id() -> str | None:
    """MOTO_ACCOUNT_ID while moto's mock_aws is active (moto files every request under it), for the package's
    callers whose key names no account; None otherwise, or when it is no 12-digit account id."""
    account = os.environ.get("MOTO_ACCOUNT_ID")
    if account is None or not moto_is_active() or len(account) != 12 or not account.isdigit():
        return None
    return account


def _default_account() -> str:
    return str(sys.modules["moto.core.models"].DEFAULT_ACCOUNT_ID)


def _access_key(authorization: str) -> str | None:
    return HttpRequest("POST", "", {"authorization": authorization}, b"").access_key_and_region[0]


# -- the customer's own buses, for the one ListEventBuses ----------------------------------------------


class _MotoBuses:
    """The ForeignBuses view of moto's EventBridge backend: the buses moto holds for an account and region."""

    def active(self) -> bool:
        return moto_is_active()

    def buses(self, account: str, access_key: str | None, region: str) -> list[ForeignBus]:
        """The buses in the account moto files this caller under (the one its EventBridge requests went to)."""
        from moto.events.models import events_backends
        from moto.iam.models import get_account_id_from

        chosen = os.environ.get("MOTO_ACCOUNT_ID") or get_account_id_from(access_key or "")
        try:
            held = events_backends[_moto_account(chosen, access_key)][region].event_buses.values()
        except KeyError:  # a region moto does not serve: moto holds no bus there
            return []
        return [
            ForeignBus(bus.name, bus.arn, bus.description, bus.creation_time, bus.last_modified_time, bus.policy)
            for bus in held
        ]


# -- rule targets ----------------------------------------------------------------------------------------


class _MotoTargets:
    """The TargetSink for moto's SQS queues and CloudWatch Logs groups."""

    def active(self) -> bool:
        return moto_is_active()

    def send(self, arn: str, body: str, event_id: str, now: float) -> bool:
        return send_to_target(arn, body, event_id, now)


def send_to_target(arn: str, body: str, event_id: str, now: float) -> bool:
    """Deliver one message to the moto resource `arn` names; False when moto has no such target type."""
    parts = arn.split(":", 5)
    if len(parts) != 6:
        return False
    service, region, account, resource = parts[2], parts[3], parts[4], parts[5]
    if service == "sqs":
        _send_to_queue(account, region, resource, body)
        return True
    if service == "logs" and resource.startswith("log-group:"):
        _send_to_log_group(account, region, resource[len("log-group:") :].removesuffix(":*"), body, event_id, now)
        return True
    return False


def _send_to_queue(account: str, region: str, queue_name: str, body: str) -> None:
    from moto.sqs.exceptions import QueueDoesNotExist
    from moto.sqs.models import sqs_backends

    try:
        sqs_backends[account][region].send_message(queue_name=queue_name, message_body=body)
    except QueueDoesNotExist:
        missing = f"SQS queue {queue_name} does not exist in account {account}, {region}"
        elsewhere = _accounts_with_queue(sqs_backends, region, queue_name)
        if elsewhere:
            missing += (
                f" (a queue named {queue_name!r} exists in account {', '.join(elsewhere)}: the target's ARN may "
                "name the wrong account)"
            )
        raise TargetNotFoundError(missing) from None


def _accounts_with_queue(backends: Any, region: str, queue_name: str) -> list[str]:
    """The accounts whose moto SQS backend in `region` holds a queue of that name (without creating backends)."""
    found = []
    for account, regions in list(backends.items()):
        backend = dict.get(regions, region)
        if backend is not None and queue_name in getattr(backend, "queues", {}):
            found.append(account)
    return sorted(found)


def _send_to_log_group(account: str, region: str, group: str, body: str, stream: str, now: float) -> None:
    from moto.logs.exceptions import ResourceNotFoundException
    from moto.logs.models import logs_backends

    backend = logs_backends[account][region]
    try:
        backend.ensure_log_stream(group, stream)
        backend.put_log_events(group, stream, [{"timestamp": int(now * 1000), "message": body}])
    except ResourceNotFoundException:
        raise TargetNotFoundError(
            f"CloudWatch Logs group {group} does not exist in account {account}, {region}"
        ) from None
