"""Resource policies on registries: PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy.

`RegistryName` is optional in the model; without it the policy is the account's own in that region (a modelled
choice). Every put makes a new `RevisionId`; a put that names a RevisionId other than the current one is
PreconditionFailedException.
"""

from __future__ import annotations

import json
from typing import Any

from mock_partner_events._service.context import CallContext
from mock_partner_events._service.schemas.common import partition_of, registry_of
from mock_partner_events._service.schemas.errors import bad_request, error, not_found
from mock_partner_events._service.schemas.state import Partition, Policy, Registry


def put_resource_policy(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    holder = _holder(partition_of(context), params.get("RegistryName"))
    document = params["Policy"]
    if not isinstance(_parsed(document), dict):
        raise bad_request("Policy must be a JSON object.")
    current = holder.policy
    wanted = params.get("RevisionId")
    if wanted is not None and (current is None or current.revision_id != wanted):
        raise error("PreconditionFailedException", f"RevisionId {wanted} does not match the policy's current revision.")
    holder.policy = Policy(document if isinstance(document, str) else json.dumps(document), context.new_ids(1)[0])
    return _answer(holder.policy)


def get_resource_policy(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _answer(_policy(partition_of(context), params.get("RegistryName")))


def delete_resource_policy(context: CallContext, params: dict[str, Any]) -> None:
    partition = partition_of(context)
    _policy(partition, params.get("RegistryName"))
    _holder(partition, params.get("RegistryName")).policy = None


def _holder(partition: Partition, name: str | None) -> Registry | Partition:
    """Where the policy lives: the registry named, or the account itself (in this region)."""
    return partition if name is None else registry_of(partition, name)


def _policy(partition: Partition, name: str | None) -> Policy:
    policy = _holder(partition, name).policy
    if policy is None:
        raise not_found(
            "Resource policy does not exist." if name is None else f"Registry {name} has no resource policy."
        )
    return policy


def _parsed(document: Any) -> Any:
    if not isinstance(document, str):
        return document
    try:
        return json.loads(document)
    except ValueError:
        return None


def _answer(policy: Policy) -> dict[str, Any]:
    return {"Policy": policy.document, "RevisionId": policy.revision_id}
