"""Tags on registries, schemas and discoverers: TagResource, UntagResource, ListTagsForResource."""

from __future__ import annotations

import re
from typing import Any

from mock_partner_events._service.context import CallContext
from mock_partner_events._service.schemas.common import partition_of, tags_given
from mock_partner_events._service.schemas.errors import bad_request, not_found
from mock_partner_events._service.schemas.state import Partition

_ARN = re.compile(r"arn:aws[a-z-]*:schemas:([a-z0-9-]+):(\d{12}):(registry|schema|discoverer)/(.+)")


def tag_resource(context: CallContext, params: dict[str, Any]) -> None:
    _tags_of(context, params["ResourceArn"]).update(tags_given(params))


def untag_resource(context: CallContext, params: dict[str, Any]) -> None:
    tags = _tags_of(context, params["ResourceArn"])
    for key in params["TagKeys"]:
        tags.pop(key, None)


def list_tags_for_resource(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return {"Tags": dict(_tags_of(context, params["ResourceArn"]))}


def _tags_of(context: CallContext, arn: str) -> dict[str, str]:
    """The tags of the caller's resource `arn` names (the stored dict, for changing in place)."""
    found = _ARN.fullmatch(arn)
    if found is None:
        raise bad_request(f"ResourceArn {arn} is not a registry, schema or discoverer ARN.")
    region, account, kind, rest = found.groups()
    partition = partition_of(context)
    if (region, account) == (context.region, context.account):
        tags = _find(partition, kind, rest)
        if tags is not None:
            return tags
    raise not_found(f"Resource {arn} does not exist.")


def _find(partition: Partition, kind: str, rest: str) -> dict[str, str] | None:
    if kind == "discoverer":
        discoverer = partition.discoverers.get(rest)
        return discoverer.tags if discoverer else None
    if kind == "registry":
        registry = partition.registries.get(rest)
        return registry.tags if registry else None
    registry_name, _, schema_name = rest.partition("/")
    registry = partition.registries.get(registry_name)
    schema = registry.schemas.get(schema_name) if registry else None
    return schema.tags if schema else None
