"""The options page lists every option of `Options` once, each with its real default."""

from __future__ import annotations

import re
from dataclasses import MISSING, fields

from doc_blocks import ROOT

from mock_partner_events._core.options import OPTION_NAMES, Options

PAGE = ROOT / "docs" / "reference" / "options.md"
_ROW = re.compile(r"^\| `(\w+)` \| (.+?) \|", re.MULTILINE)


def documented() -> dict[str, str]:
    rows = _ROW.findall(PAGE.read_text(encoding="utf-8"))
    names = [name for name, _ in rows]
    assert len(names) == len(set(names)), f"an option is listed twice in {PAGE.name}: {names}"
    return dict(rows)


def test_every_option_is_documented_once() -> None:
    assert sorted(documented()) == sorted(OPTION_NAMES)


def test_simple_defaults_are_the_real_ones() -> None:
    rows = documented()
    for option in fields(Options):
        if option.init and option.default is not MISSING and isinstance(option.default, (str, int, bool, type(None))):
            assert rows[option.name] == f"`{option.default!r}`".replace("'", '"'), option.name
