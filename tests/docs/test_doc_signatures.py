"""Issue 19, item 3: every signature the guides and the README document is the real one.

A documented signature is a code span `[mock.[faults.|events.]]name(parameters)` written as a heading or as the
first cell of a table row, or anywhere with a `*` parameter (`assert_published(count=None, **criteria)`). Its
parameters (names, kinds, defaults) must be exactly those of the method `inspect.signature` reports: a parameter
the docs leave out (`custom=` of `fail_entries`, once) fails here. Spans that elide with `...` are not signatures.
The API page is rendered from the code, so it cannot disagree.
"""

from __future__ import annotations

import ast
import inspect
import re
from typing import Any, NamedTuple

import pytest
from doc_blocks import ROOT

import mock_partner_events
from mock_partner_events import EventLog, FaultPlan, PartnerEventsMock

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs" / "guides").glob("*.md"))]
_SPAN = re.compile(r"`((?:mock\.|partner_events\.)?(?:faults\.|events\.)?)(\w+)\(([^`]*)\)`")
_OWNERS = {"faults.": [FaultPlan], "events.": [EventLog], "": [FaultPlan, PartnerEventsMock, EventLog]}
_EMPTY = inspect.Parameter.empty


class Documented(NamedTuple):
    where: str
    prefix: str
    name: str
    parameters: str


def documented_signatures() -> list[Documented]:
    found = []
    for path in DOCUMENTS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            where = f"{path.relative_to(ROOT)}:{number}"
            for match in _SPAN.finditer(line):
                prefix, name, parameters = match.groups()
                if "..." not in parameters and _is_signature(line, match.start(), parameters):
                    found.append(Documented(where, prefix, name, parameters))
    return found


def _is_signature(line: str, start: int, parameters: str) -> bool:
    in_heading = line.startswith("#")
    in_first_cell = line.startswith("|") and "|" not in line[1:start]
    return in_heading or in_first_cell or re.search(r"(^|,)\s*\*", parameters) is not None


def real_function(prefix: str, name: str) -> Any:
    owners: list[Any] = list(_OWNERS[prefix.removeprefix("mock.").removeprefix("partner_events.")])
    if not prefix:
        owners.append(mock_partner_events)
    for owner in owners:
        if hasattr(owner, name) and callable(getattr(owner, name)):
            return getattr(owner, name)
    raise AssertionError(f"the docs document {prefix}{name}(), which the package does not have")


def shape_of_documented(parameters: str) -> list[tuple[str, Any, Any]]:
    """(name, kind, default) of each documented parameter, parsed as Python parameters."""
    arguments = ast.parse(f"def documented({parameters}): pass").body[0].args  # type: ignore[attr-defined]
    shape: list[tuple[str, Any, Any]] = []
    positional = arguments.args
    defaults = [_EMPTY] * (len(positional) - len(arguments.defaults)) + list(arguments.defaults)
    shape += [(a.arg, "positional", _literal(d)) for a, d in zip(positional, defaults, strict=True)]
    if arguments.vararg is not None:
        shape.append((arguments.vararg.arg, "*args", _EMPTY))
    shape += [(a.arg, "keyword", _literal(d)) for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)]
    if arguments.kwarg is not None:
        shape.append((arguments.kwarg.arg, "**kwargs", _EMPTY))
    return shape


def shape_of_real(function: Any) -> list[tuple[str, Any, Any]]:
    kinds = {
        inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional",
        inspect.Parameter.POSITIONAL_ONLY: "positional",
        inspect.Parameter.VAR_POSITIONAL: "*args",
        inspect.Parameter.KEYWORD_ONLY: "keyword",
        inspect.Parameter.VAR_KEYWORD: "**kwargs",
    }
    parameters = [p for p in inspect.signature(function).parameters.values() if p.name != "self"]
    return [(p.name, kinds[p.kind], p.default) for p in parameters]


def _literal(node: Any) -> Any:
    """A default as a value; `_EMPTY` (no default) for a parameter without one."""
    return _EMPTY if node is None or node is _EMPTY else ast.literal_eval(node)


SIGNATURES = documented_signatures()


def test_the_guides_document_signatures_this_test_reads() -> None:
    names = {signature.name for signature in SIGNATURES}
    assert {"fail_entries", "fail_requests", "throttle", "delay", "disconnect", "add_rule", "create_source"} <= names
    assert "assert_published" in names


@pytest.mark.parametrize("documented", SIGNATURES, ids=[f"{s.where}:{s.name}" for s in SIGNATURES])
def test_a_documented_signature_is_the_real_one(documented: Documented) -> None:
    function = real_function(documented.prefix, documented.name)
    real = shape_of_real(function)
    shown = shape_of_documented(documented.parameters)
    assert shown == real, (
        f"{documented.where} documents {documented.name}({documented.parameters}); the code's signature is "
        f"{documented.name}{inspect.signature(function)}"
    )
