"""Schemas and their versions: Create, Update (a new version when the content changes), Describe, Delete,
DeleteSchemaVersion, ListSchemas, ListSchemaVersions, SearchSchemas, ExportSchema."""

from __future__ import annotations

from typing import Any

from mock_partner_events._contracts.documents import SCHEMA_FORMS, json_object
from mock_partner_events._contracts.errors import ContractError
from mock_partner_events._service.context import CallContext
from mock_partner_events._service.schemas.common import partition_of, registry_of, schema_arn, schema_of, tags_given
from mock_partner_events._service.schemas.errors import bad_request, conflict, forbidden, not_found
from mock_partner_events._service.schemas.export import exported_content
from mock_partner_events._service.schemas.paging import page
from mock_partner_events._service.schemas.state import Partition, Schema, Version

EXPORT_TYPES = ("JSONSchemaDraft4",)


def create_schema(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    partition = partition_of(context)
    registry = registry_of(partition, params["RegistryName"])
    if registry.scope == "AWS":
        raise forbidden(f"Registry {registry.name} is provided by AWS; you cannot add schemas to it.")
    name = params["SchemaName"]
    if name in registry.schemas:
        raise conflict(f"Schema {name} already exists in registry {registry.name}.")
    _require_json(params["Content"])
    schema = Schema(name, params.get("Description"), tags=tags_given(params))
    version = schema.add_version(params["Content"], params["Type"], context.now)
    registry.schemas[name] = schema
    return _summary(partition, registry.name, schema, version)


def update_schema(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    partition = partition_of(context)
    schema = schema_of(partition, params["RegistryName"], params["SchemaName"])
    latest = schema.latest
    content, type_ = params.get("Content", latest.content), params.get("Type", latest.type)
    if "Description" in params:
        schema.description = params["Description"]
        schema.last_modified = context.now
    if content != latest.content or type_ != latest.type:
        _require_json(content)
        latest = schema.add_version(content, type_, context.now)
    return _summary(partition, params["RegistryName"], schema, latest)


def describe_schema(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    partition = partition_of(context)
    schema = schema_of(partition, params["RegistryName"], params["SchemaName"])
    version = _version(schema, params.get("SchemaVersion"))
    return {"Content": version.content, **_summary(partition, params["RegistryName"], schema, version)}


def delete_schema(context: CallContext, params: dict[str, Any]) -> None:
    partition = partition_of(context)
    schema = schema_of(partition, params["RegistryName"], params["SchemaName"])
    del registry_of(partition, params["RegistryName"]).schemas[schema.name]


def delete_schema_version(context: CallContext, params: dict[str, Any]) -> None:
    partition = partition_of(context)
    schema = schema_of(partition, params["RegistryName"], params["SchemaName"])
    version = _version(schema, params["SchemaVersion"])
    del schema.versions[version.number]
    if not schema.versions:
        del registry_of(partition, params["RegistryName"]).schemas[schema.name]


def list_schemas(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    partition = partition_of(context)
    registry = registry_of(partition, params["RegistryName"])
    prefix = params.get("SchemaNamePrefix") or ""
    chosen = [schema for name, schema in sorted(registry.schemas.items()) if name.startswith(prefix)]
    shown, token = page(chosen, params)
    summaries = [
        {
            "LastModified": schema.last_modified,
            "SchemaArn": schema_arn(partition, registry.name, schema.name),
            "SchemaName": schema.name,
            "Tags": schema.tags,
            "VersionCount": len(schema.versions),
        }
        for schema in shown
    ]
    return {"Schemas": summaries, "NextToken": token}


def list_schema_versions(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    partition = partition_of(context)
    schema = schema_of(partition, params["RegistryName"], params["SchemaName"])
    arn = schema_arn(partition, params["RegistryName"], schema.name)
    shown, token = page(list(schema.versions.values()), params)
    versions = [
        {"SchemaArn": arn, "SchemaName": schema.name, "SchemaVersion": version.number, "Type": version.type}
        for version in shown
    ]
    return {"SchemaVersions": versions, "NextToken": token}


def search_schemas(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """Schemas whose name or content contains every keyword (case-insensitive), by name."""
    partition = partition_of(context)
    registry = registry_of(partition, params["RegistryName"])
    keywords = params["Keywords"].lower().split()
    if not keywords:
        raise bad_request("keywords must not be empty.")
    chosen = [schema for _, schema in sorted(registry.schemas.items()) if _mentions(schema, keywords)]
    shown, token = page(chosen, params)
    summaries = [
        {
            "RegistryName": registry.name,
            "SchemaArn": schema_arn(partition, registry.name, schema.name),
            "SchemaName": schema.name,
            "SchemaVersions": [
                {"CreatedDate": version.created, "SchemaVersion": version.number, "Type": version.type}
                for version in schema.versions.values()
            ],
        }
        for schema in shown
    ]
    return {"Schemas": summaries, "NextToken": token}


def export_schema(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    partition = partition_of(context)
    schema = schema_of(partition, params["RegistryName"], params["SchemaName"])
    version = _version(schema, params.get("SchemaVersion"))
    if params["Type"] not in EXPORT_TYPES:
        raise bad_request(f"type must be one of [{', '.join(EXPORT_TYPES)}], got {params['Type']!r}.")
    return {
        "Content": exported_content(version.content, version.type),
        "SchemaArn": schema_arn(partition, params["RegistryName"], schema.name),
        "SchemaName": schema.name,
        "SchemaVersion": version.number,
        "Type": params["Type"],
    }


def _mentions(schema: Schema, keywords: list[str]) -> bool:
    text = (schema.name + "\n" + schema.latest.content).lower()
    return all(keyword in text for keyword in keywords)


def _version(schema: Schema, number: str | None) -> Version:
    if number is None:
        return schema.latest
    version = schema.versions.get(number)
    if version is None:
        raise not_found(f"Version {number} of schema {schema.name} does not exist.")
    return version


def _require_json(content: str) -> None:
    try:
        json_object(content, "Content", SCHEMA_FORMS)
    except ContractError as error:
        raise bad_request(str(error).removeprefix("mock-partner-events: ")) from None


def _summary(partition: Partition, registry: str, schema: Schema, version: Version) -> dict[str, Any]:
    return {
        "Description": schema.description,
        "LastModified": schema.last_modified,
        "SchemaArn": schema_arn(partition, registry, schema.name),
        "SchemaName": schema.name,
        "SchemaVersion": version.number,
        "Tags": schema.tags,
        "Type": version.type,
        "VersionCreatedDate": version.created,
    }
