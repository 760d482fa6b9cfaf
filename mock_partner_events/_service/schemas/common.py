"""What every Schemas operation shares: the caller's partition, lookups that answer AWS's NotFoundException,
tags as the API takes and gives them."""

from __future__ import annotations

from typing import Any

from mock_partner_events._service.context import CallContext
from mock_partner_events._service.schemas.errors import bad_request, not_found
from mock_partner_events._service.schemas.state import Partition, Registry, Schema, SchemasState


def partition_of(context: CallContext) -> Partition:
    state: SchemasState = context.state
    return state.partition(context.account, context.region)


def registry_of(partition: Partition, name: str) -> Registry:
    registry = partition.registries.get(name)
    if registry is None:
        raise not_found(f"Registry {name} does not exist.")
    return registry


def schema_of(partition: Partition, registry_name: str, schema_name: str) -> Schema:
    schema = registry_of(partition, registry_name).schemas.get(schema_name)
    if schema is None:
        raise not_found(f"Schema {schema_name} does not exist in registry {registry_name}.")
    return schema


def tags_given(params: dict[str, Any]) -> dict[str, str]:
    tags = params.get("Tags") or {}
    for key in tags:
        if not key or len(key) > 128 or key.startswith("aws:"):
            raise bad_request(f"Tag key {key!r} is not valid: 1-128 characters, not starting with aws:.")
    return dict(tags)


def registry_arn(partition: Partition, name: str) -> str:
    return partition.arn(f"registry/{name}")


def schema_arn(partition: Partition, registry: str, name: str) -> str:
    return partition.arn(f"schema/{registry}/{name}")


def discoverer_arn(partition: Partition, discoverer_id: str) -> str:
    return partition.arn(f"discoverer/{discoverer_id}")
