"""Registries: CreateRegistry, DescribeRegistry, UpdateRegistry, DeleteRegistry, ListRegistries."""

from __future__ import annotations

from typing import Any

from mock_partner_events._service.context import CallContext
from mock_partner_events._service.schemas.common import partition_of, registry_arn, registry_of, tags_given
from mock_partner_events._service.schemas.errors import bad_request, conflict, forbidden
from mock_partner_events._service.schemas.paging import page
from mock_partner_events._service.schemas.state import BUILT_IN, Partition, Registry

SCOPES = ("LOCAL", "AWS")


def create_registry(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    partition = partition_of(context)
    name = params["RegistryName"]
    if name in partition.registries:
        raise conflict(f"Registry {name} already exists.")
    registry = Registry(name, "LOCAL", params.get("Description"), tags_given(params))
    partition.registries[name] = registry
    return _described(partition, registry)


def describe_registry(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    partition = partition_of(context)
    return _described(partition, registry_of(partition, params["RegistryName"]))


def update_registry(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    partition = partition_of(context)
    registry = _own(partition, params["RegistryName"], "update")
    if "Description" in params:
        registry.description = params["Description"]
    return _described(partition, registry)


def delete_registry(context: CallContext, params: dict[str, Any]) -> None:
    partition = partition_of(context)
    registry = _own(partition, params["RegistryName"], "delete")
    if registry.name in BUILT_IN:
        raise forbidden(f"Registry {registry.name} is provided by AWS and cannot be deleted.")
    del partition.registries[registry.name]


def list_registries(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    partition = partition_of(context)
    scope = params.get("Scope")
    if scope is not None and scope not in SCOPES:
        raise bad_request(f"scope must be one of [LOCAL, AWS], got {scope!r}.")
    prefix = params.get("RegistryNamePrefix") or ""
    chosen = [
        registry
        for name, registry in sorted(partition.registries.items())
        if name.startswith(prefix) and scope in (None, registry.scope)
    ]
    shown, token = page(chosen, params)
    summaries = [
        {"RegistryArn": registry_arn(partition, registry.name), "RegistryName": registry.name, "Tags": registry.tags}
        for registry in shown
    ]
    return {"Registries": summaries, "NextToken": token}


def _own(partition: Partition, name: str, action: str) -> Registry:
    registry = registry_of(partition, name)
    if registry.scope == "AWS":
        raise forbidden(f"Registry {name} is provided by AWS; you cannot {action} it.")
    return registry


def _described(partition: Partition, registry: Registry) -> dict[str, Any]:
    return {
        "Description": registry.description,
        "RegistryArn": registry_arn(partition, registry.name),
        "RegistryName": registry.name,
        "Tags": registry.tags,
    }
