"""Every documentation address the package's messages and the README cite exists, and each anchor is declared
explicitly (`{#id}` on its heading), so that renaming a heading cannot break a link printed by an error."""

from __future__ import annotations

import re

import pytest
from helpers import ROOT

from mock_partner_events._common.suggest import ANCHORS, DOCS

CITED = re.compile(re.escape(DOCS) + r"/([\w\-/]*)(?:#([\w\-]+))?")


def cited_addresses() -> list[tuple[str, str, str | None]]:
    sources = [*sorted((ROOT / "mock_partner_events").rglob("*.py")), ROOT / "README.md", ROOT / "setup.cfg"]
    found = {(url, *match.groups()) for url in ANCHORS.values() for match in [CITED.match(url)] if match}
    for source in sources:
        found |= {(match.group(0), match.group(1), match.group(2)) for match in CITED.finditer(source.read_text())}
    return sorted(found, key=lambda item: item[0])


ADDRESSES = cited_addresses()


@pytest.mark.parametrize(("url", "page", "anchor"), ADDRESSES, ids=[item[0] for item in ADDRESSES])
def test_the_cited_page_and_anchor_exist(url: str, page: str, anchor: str | None) -> None:
    path = ROOT / "docs" / (page.strip("/") + ".md" if page.strip("/") else "index.md")
    assert path.exists(), f"{url} cites docs/{path.relative_to(ROOT / 'docs')}, which does not exist"
    if anchor is not None:
        assert f"{{#{anchor}}}" in path.read_text(), f"{url}: declare the anchor as {{#{anchor}}} on its heading"


def test_error_messages_cite_anchors() -> None:
    assert all("#" in url for url in ANCHORS.values())
