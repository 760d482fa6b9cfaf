"""Changes between two event schemas, each with a stable kind and whether it breaks consumers.

Compatibility mode: FULL, in Confluent's vocabulary. A partner's customers read its events, and two kinds of reader
exist at once: consumers built on the old schema reading events written with the new one (a removed field, a field
that may now be missing, null, of another type or format, or an enum value they never saw breaks them), and
consumers rebuilt on the new schema (new code bindings) reading events written before the change, which EventBridge
keeps in archives and replays (a newly required field, a narrowed type, format or enum breaks them). A change is
breaking when it breaks either. Only adding an optional property to an open object is safe; descriptions,
titles and examples are not compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mock_partner_events._contracts.documents import read_schema
from mock_partner_events._contracts.validate import ANY_ITEM, render_path

COMPATIBILITY = "FULL"
OLD_READERS = "consumers built on the old schema, reading new events"
NEW_READERS = "consumers built on the new schema, reading archived or replayed old events"

# kind -> (breaking, who it breaks): the stable rule ids, in oasdiff's style.
RULES: dict[str, tuple[bool, str]] = {
    "detail-type-changed": (True, OLD_READERS),
    "source-changed": (True, OLD_READERS),
    "property-removed": (True, OLD_READERS),
    "property-added": (False, ""),
    "property-added-to-closed-object": (True, OLD_READERS),
    "required-property-added": (True, NEW_READERS),
    "property-became-required": (True, NEW_READERS),
    "property-became-optional": (True, OLD_READERS),
    "property-type-changed": (True, f"{OLD_READERS}, and {NEW_READERS}"),
    "property-became-nullable": (True, OLD_READERS),
    "property-became-non-nullable": (True, NEW_READERS),
    "format-changed": (True, f"{OLD_READERS}, and {NEW_READERS}"),
    "format-removed": (True, OLD_READERS),
    "format-added": (True, NEW_READERS),
    "enum-value-added": (True, OLD_READERS),
    "enum-value-removed": (True, NEW_READERS),
    "enum-removed": (True, OLD_READERS),
    "enum-added": (True, NEW_READERS),
}


@dataclass(frozen=True)
class Change:
    """One difference: `kind` is a stable rule id (RULES), `path` a JSON path into the event envelope."""

    path: str
    kind: str
    breaking: bool
    message: str

    def __str__(self) -> str:
        return f"{'BREAKING' if self.breaking else 'compatible'} {self.kind} at {self.path}: {self.message}"


def diff(old: str | dict[str, Any], new: str | dict[str, Any]) -> list[Change]:
    """The changes from `old` to `new` (OpenAPI 3 or JSON Schema Draft 4, str or dict, or DescribeSchema answers)."""
    old_document, new_document = read_schema(old, "the old schema"), read_schema(new, "the new schema")
    walk = _Walk(old_document.root, new_document.root)
    changes = list(_envelope_changes(old_document.root, new_document.root))
    changes += walk.compare(old_document.root, new_document.root, [])
    return changes


def _change(kind: str, parts: list[Any], message: str) -> Change:
    breaking, readers = RULES[kind]
    return Change(render_path(parts), kind, breaking, f"{message} (breaks {readers})" if breaking else message)


def _envelope_changes(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    for field, kind in (("detail-type", "detail-type-changed"), ("source", "source-changed")):
        key = f"x-amazon-events-{field}"
        if old.get(key) != new.get(key):
            yield _change(kind, [field], f"{key} changed from {old.get(key)!r} to {new.get(key)!r}")


@dataclass(frozen=True)
class _Node:
    schema: dict[str, Any]
    types: frozenset[str] | None  # None: any type
    nullable: bool


class _Walk:
    """Compares two read roots, following each side's `$ref`s into its own definitions."""

    def __init__(self, old_root: dict[str, Any], new_root: dict[str, Any]) -> None:
        self._roots = (old_root, new_root)
        self._open: set[tuple[int, int]] = set()

    def compare(self, old: Any, new: Any, parts: list[Any]) -> list[Change]:
        before, after = self._node(old, 0), self._node(new, 1)
        pair = (id(before.schema), id(after.schema))
        if pair in self._open:  # a schema that contains itself: its changes are reported where it began
            return []
        self._open.add(pair)
        changes = _scalar_changes(before, after, parts)
        if _has(before, "object") and _has(after, "object"):
            changes += self._object_changes(before.schema, after.schema, parts)
        old_items, new_items = before.schema.get("items"), after.schema.get("items")
        if (
            _has(before, "array")
            and _has(after, "array")
            and isinstance(old_items, dict)
            and isinstance(new_items, dict)
        ):
            changes += self.compare(old_items, new_items, [*parts, ANY_ITEM])
        self._open.discard(pair)
        return changes

    def _object_changes(self, old: dict[str, Any], new: dict[str, Any], parts: list[Any]) -> list[Change]:
        old_properties, new_properties = old.get("properties", {}), new.get("properties", {})
        old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
        changes: list[Change] = []
        for name in old_properties:
            if name not in new_properties:
                changes.append(_change("property-removed", [*parts, name], f"property {name!r} removed"))
        for name in new_properties:
            if name not in old_properties:
                changes.append(_added(name, [*parts, name], name in new_required, old.get("additionalProperties")))
        for name in old_properties:
            if name in new_properties:
                changes += _requirement_changes(name, [*parts, name], name in old_required, name in new_required)
                changes += self.compare(old_properties[name], new_properties[name], [*parts, name])
        return changes

    def _node(self, schema: Any, side: int) -> _Node:
        schema = self._resolve(schema, side)
        nullable = False
        options = schema.get("anyOf")
        if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
            schema = self._resolve(next(option for option in options if option != {"type": "null"}), side)
            nullable = True
        declared = schema.get("type")
        types = None if declared is None else frozenset(declared if isinstance(declared, list) else [declared])
        if types is not None and "null" in types:
            nullable, types = True, types - {"null"}
        if None in schema.get("enum", []):
            nullable = True
        return _Node(schema, types, nullable)

    def _resolve(self, schema: Any, side: int) -> dict[str, Any]:
        for _ in range(32):  # a chain of refs longer than this is a loop
            if not isinstance(schema, dict) or not isinstance(schema.get("$ref"), str):
                break
            schema = _pointer(self._roots[side], schema["$ref"])
        return schema if isinstance(schema, dict) else {}


def _pointer(root: dict[str, Any], ref: str) -> Any:
    if not ref.startswith("#"):
        return {}
    node: Any = root
    for token in [part for part in ref[1:].split("/") if part]:
        token = token.replace("~1", "/").replace("~0", "~")
        node = node.get(token, {}) if isinstance(node, dict) else {}
    return node


def _has(node: _Node, kind: str) -> bool:
    return (node.types is None and ("properties" in node.schema or "items" in node.schema)) or (
        node.types is not None and kind in node.types
    )


def _added(name: str, parts: list[Any], required: bool, additional: Any) -> Change:
    if additional is False:
        return _change(
            "property-added-to-closed-object",
            parts,
            f"property {name!r} added where the old schema allowed no other properties",
        )
    if required:
        return _change("required-property-added", parts, f"required property {name!r} added")
    return _change("property-added", parts, f"optional property {name!r} added")


def _requirement_changes(name: str, parts: list[Any], was: bool, now: bool) -> list[Change]:
    if now and not was:
        return [_change("property-became-required", parts, f"property {name!r} became required")]
    if was and not now:
        return [_change("property-became-optional", parts, f"property {name!r} became optional: it may be missing")]
    return []


def _scalar_changes(old: _Node, new: _Node, parts: list[Any]) -> list[Change]:
    changes: list[Change] = []
    if old.types != new.types:
        changes.append(
            _change("property-type-changed", parts, f"type changed from {_types(old.types)} to {_types(new.types)}")
        )
    if new.nullable and not old.nullable:
        changes.append(_change("property-became-nullable", parts, "may now be null"))
    if old.nullable and not new.nullable:
        changes.append(_change("property-became-non-nullable", parts, "may no longer be null"))
    changes += _format_changes(old.schema.get("format"), new.schema.get("format"), parts)
    changes += _enum_changes(old.schema.get("enum"), new.schema.get("enum"), parts)
    return changes


def _types(types: frozenset[str] | None) -> str:
    return "any" if types is None else " or ".join(sorted(types))


def _format_changes(old: Any, new: Any, parts: list[Any]) -> list[Change]:
    if old == new:
        return []
    if old is None:
        return [_change("format-added", parts, f"format {new!r} added")]
    if new is None:
        return [_change("format-removed", parts, f"format {old!r} removed")]
    return [_change("format-changed", parts, f"format changed from {old!r} to {new!r}")]


def _enum_changes(old: Any, new: Any, parts: list[Any]) -> list[Change]:
    if old == new:
        return []
    if old is None:
        return [_change("enum-added", parts, f"values restricted to {new!r}")]
    if new is None:
        return [_change("enum-removed", parts, "any value allowed now, not only the enum's")]
    changes = [_change("enum-value-added", parts, f"value {value!r} added") for value in new if value not in old]
    changes += [_change("enum-value-removed", parts, f"value {value!r} removed") for value in old if value not in new]
    return changes
