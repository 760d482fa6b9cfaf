"""Every Schemas operation the mock answers, by name. Code bindings are not modelled: those operations answer an
error that says so (nothing reaches the network)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mock_partner_events._service.context import CallContext, Operation
from mock_partner_events._service.schemas import discoverers, policies, registries, schemas, tags
from mock_partner_events._service.schemas.discover import discover
from mock_partner_events._service.schemas.state import SchemasState
from mock_partner_events._wire.protocol import AwsError

CODE_BINDINGS = ("PutCodeBinding", "DescribeCodeBinding", "GetCodeBindingSource")


def not_modelled(context: CallContext, params: dict[str, Any]) -> None:
    raise AwsError(
        "NotModelledException",
        "mock-partner-events: code bindings (PutCodeBinding, DescribeCodeBinding, GetCodeBindingSource) are not "
        "modelled; the request was answered in-process and nothing reached AWS. Generate bindings from the schema's "
        "Content (DescribeSchema or ExportSchema) with your own tooling, or run this test against AWS.",
        501,
    )


def _after_discovery(operation: Operation) -> Operation:
    """The operation, run once pending events have been discovered (so every read sees them)."""

    def run(context: CallContext, params: dict[str, Any]) -> dict[str, Any] | None:
        state: SchemasState = context.state
        if any(state.pending.values()):
            discover(state)
        return operation(context, params)

    run.__name__ = run.__qualname__ = getattr(operation, "__name__", "operation")
    return run


_OPERATIONS: dict[str, Operation] = {
    "CreateRegistry": registries.create_registry,
    "DescribeRegistry": registries.describe_registry,
    "UpdateRegistry": registries.update_registry,
    "DeleteRegistry": registries.delete_registry,
    "ListRegistries": registries.list_registries,
    "CreateSchema": schemas.create_schema,
    "UpdateSchema": schemas.update_schema,
    "DescribeSchema": schemas.describe_schema,
    "DeleteSchema": schemas.delete_schema,
    "DeleteSchemaVersion": schemas.delete_schema_version,
    "ListSchemas": schemas.list_schemas,
    "ListSchemaVersions": schemas.list_schema_versions,
    "SearchSchemas": schemas.search_schemas,
    "ExportSchema": schemas.export_schema,
    "CreateDiscoverer": discoverers.create_discoverer,
    "DescribeDiscoverer": discoverers.describe_discoverer,
    "UpdateDiscoverer": discoverers.update_discoverer,
    "DeleteDiscoverer": discoverers.delete_discoverer,
    "StartDiscoverer": discoverers.start_discoverer,
    "StopDiscoverer": discoverers.stop_discoverer,
    "ListDiscoverers": discoverers.list_discoverers,
    "GetDiscoveredSchema": discoverers.get_discovered_schema,
    "PutResourcePolicy": policies.put_resource_policy,
    "GetResourcePolicy": policies.get_resource_policy,
    "DeleteResourcePolicy": policies.delete_resource_policy,
    "TagResource": tags.tag_resource,
    "UntagResource": tags.untag_resource,
    "ListTagsForResource": tags.list_tags_for_resource,
    **{name: not_modelled for name in CODE_BINDINGS},
}

OPERATIONS: Mapping[str, Operation] = {name: _after_discovery(run) for name, run in _OPERATIONS.items()}
