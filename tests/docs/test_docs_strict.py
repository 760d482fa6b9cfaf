"""Issue 19, item 9: `make docs` fails on any MkDocs warning, and the API page shows no engine internals.

With `--quiet`, MkDocs never emitted its warnings, so `--strict` had none to count: a link to a missing page
passed `make docs` and so `make test`. These tests run MkDocs from .venv-docs with the flags the Makefile's
`docs` recipe uses (read from the Makefile, so that bringing `--quiet` back fails here) on a copy of the docs.

.venv-docs is built by `make docs`, which `make test` runs before pytest; there (MOCK_PARTNER_EVENTS_FULL_RUN is
set) a missing venv fails these tests. A quick local `pytest` without it skips them, saying how to get it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from doc_blocks import ROOT

MKDOCS = ROOT / ".venv-docs" / "bin" / "mkdocs"


def docs_command() -> list[str]:
    """The Makefile's `docs` recipe as an argument list, the venv path resolved and the site dir left out."""
    recipe = re.search(r"^docs:.*\n\t(.+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert recipe is not None, "the Makefile has no docs recipe"
    words = [word for word in shlex.split(recipe.group(1)) if "=" not in word or word.startswith("-")]
    assert words[0] == "$(DOCS_VENV)/bin/mkdocs", words
    arguments = words[1:]
    if "--site-dir" in arguments:
        at = arguments.index("--site-dir")
        del arguments[at : at + 2]
    return [str(MKDOCS), *arguments]


@pytest.fixture
def docs_copy(tmp_path: Path) -> Path:
    """mkdocs.yml, docs/ and what they include (README, CHANGELOG, the package for mkdocstrings) in a temp dir."""
    if not MKDOCS.exists():
        if os.environ.get("MOCK_PARTNER_EVENTS_FULL_RUN"):
            pytest.fail(".venv-docs is missing: `make test` runs `make docs` (which builds it) before pytest")
        pytest.skip("no .venv-docs: run `make docs` once (it installs MkDocs from constraints/docs.txt)")
    for name in ("mkdocs.yml", "README.md", "CHANGELOG.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    (tmp_path / "mock_partner_events").symlink_to(ROOT / "mock_partner_events")
    return tmp_path


def build(directory: Path) -> subprocess.CompletedProcess[str]:
    command = [*docs_command(), "--site-dir", str(directory / "site")]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=directory, capture_output=True, text=True, timeout=300, env=environment)


def test_the_makefile_builds_strictly_and_lets_warnings_count() -> None:
    command = docs_command()
    assert "--strict" in command
    assert "--quiet" not in command
    assert "-q" not in command


@pytest.mark.parametrize(
    "broken",
    ["[x](no-such-page.md)", "[y](getting-started.md#no-such-anchor)"],
    ids=["missing-page", "missing-anchor"],
)
def test_a_broken_link_fails_the_build(docs_copy: Path, broken: str) -> None:
    with (docs_copy / "docs" / "index.md").open("a") as index:
        index.write(f"\n{broken}\n")

    done = build(docs_copy)

    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "Aborted with 1 warnings in strict mode" in output
    assert re.search(r"WARNING .*" + re.escape(broken.partition("(")[2].rstrip(")").partition("#")[0]), output)


def test_the_docs_build_cleanly_and_the_api_page_shows_no_engine_internals(docs_copy: Path) -> None:
    done = build(docs_copy)

    assert done.returncode == 0, done.stderr
    api = (docs_copy / "site" / "reference" / "api" / "index.html").read_text()
    assert "FaultPlan" in api
    assert "fail_entries" in api
    assert "entry_fault" not in api
    assert "the hot path" not in api
    assert "on_request" not in api
