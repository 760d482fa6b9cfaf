"""The distributions as PyPI would receive them: built from this tree (no network: setuptools comes from the
venv), checked with twine in strict mode, their contents listed, and part of the suite run from the unpacked sdist."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from helpers import ROOT

SDIST_MUST_HOLD = [
    "LICENSE",
    "NOTICE",
    "README.md",
    "CHANGELOG.md",
    "Makefile",
    "mkdocs.yml",
    "conftest.py",
    "requirements/test.in",
    "requirements/docs.in",
    "constraints/test.txt",
    "constraints/docs.txt",
    "mock_partner_events/py.typed",
    "tests/conftest.py",
    "tests/helpers.py",
    "tests/doc_blocks.py",
    "tests/data/event-patterns.json",
    "tests/server/js/package-lock.json",
    "examples/demo.py",
    "docs/index.md",
]
SDIST_TESTS = [
    "tests/service/test_put_events.py",
    "tests/service/test_test_event_pattern.py",
]  # the entry path; the NOTICE data


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """sdist, then the wheel built from that sdist (what `python -m build` does without --sdist/--wheel)."""
    out = tmp_path_factory.mktemp("dist")
    command = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)]
    subprocess.run(command, check=True, capture_output=True, text=True)
    return out


def _one(dist: Path, pattern: str) -> Path:
    [found] = dist.glob(pattern)
    return found


def test_twine_check_strict_passes(dist: Path) -> None:
    files = [str(path) for path in sorted(dist.iterdir())]
    run = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *files], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.count("PASSED") == 2


def test_the_wheel_holds_the_package_and_its_licenses_only(dist: Path) -> None:
    names = zipfile.ZipFile(_one(dist, "*.whl")).namelist()
    info = next(name.split("/")[0] for name in names if name.endswith(".dist-info/METADATA"))
    assert f"{info}/licenses/LICENSE" in names
    assert f"{info}/licenses/NOTICE" in names
    assert "mock_partner_events/py.typed" in names
    assert "mock_partner_events/_common/suggest.py" in names
    tops = {name.split("/")[0] for name in names}
    assert tops == {"mock_partner_events", info}, f"only the package and its metadata, not {sorted(tops)}"


def test_the_metadata_declares_license_urls_and_pythons(dist: Path) -> None:
    wheel = zipfile.ZipFile(_one(dist, "*.whl"))
    text = wheel.read(next(name for name in wheel.namelist() if name.endswith(".dist-info/METADATA"))).decode()
    metadata = Parser().parsestr(text)
    assert metadata["License-Expression"] == "Apache-2.0"
    assert sorted(metadata.get_all("License-File")) == ["LICENSE", "NOTICE"]
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL"))
    assert urls["Source"] == "https://github.com/mock-partner-events/mock-partner-events"
    assert urls["Documentation"].startswith("https://mock-partner-events.github.io/")
    pythons = [c for c in metadata.get_all("Classifier") if c.startswith("Programming Language :: Python :: 3.")]
    assert [c.rsplit(" ", 1)[1] for c in pythons] == ["3.10", "3.11", "3.12", "3.13"]
    assert not [c for c in metadata.get_all("Classifier") if c.startswith("License ::")], "SPDX expression only"
    assert "test" not in (metadata.get_all("Provides-Extra") or []), "test tools are not a published extra"
    assert metadata["Description-Content-Type"] == "text/markdown"


def test_the_sdist_holds_what_its_tests_need(dist: Path) -> None:
    with tarfile.open(_one(dist, "*.tar.gz")) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    missing = [name for name in SDIST_MUST_HOLD if name not in names]
    assert not missing, f"the sdist lacks {missing}"
    assert not [name for name in names if "node_modules" in name or name.startswith(".venv")]


def makefile_paths() -> list[str]:
    """Every file or folder of the project that the Makefile names (what `make test` and `make demo` read)."""
    words = set(re.findall(r"[A-Za-z0-9_][A-Za-z0-9_./-]*", (ROOT / "Makefile").read_text()))
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    files = set(tracked.split())
    folders = {str(Path(name).parent) for name in files} | {
        str(parent) for name in files for parent in Path(name).parents
    }
    return sorted({word.rstrip("/") for word in words} & (files | folders - {"."}))


def test_the_sdist_holds_every_folder_and_file_the_makefile_names(dist: Path) -> None:
    needed = makefile_paths()
    assert {"tests", "tests_compat", "tests_aioboto3", "examples/demo.py", "constraints/test.txt"} <= set(needed)
    with tarfile.open(_one(dist, "*.tar.gz")) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    present = names | {str(parent) for name in names for parent in Path(name).parents}
    missing = [path for path in needed if path not in present]
    assert not missing, f"the sdist lacks what the Makefile names: {missing}; add them to MANIFEST.in"


def test_tests_run_from_the_unpacked_sdist(dist: Path, tmp_path: Path) -> None:
    with tarfile.open(_one(dist, "*.tar.gz")) as archive:
        if hasattr(tarfile, "data_filter"):  # Python 3.10.12+, 3.11.4+
            archive.extractall(tmp_path, filter="data")
        else:  # pragma: no cover - an archive this test built itself
            archive.extractall(tmp_path)
    [unpacked] = tmp_path.iterdir()
    where = subprocess.run(
        [sys.executable, "-c", "import mock_partner_events; print(mock_partner_events.__file__)"],
        cwd=unpacked,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(unpacked)), "the unpacked sources, not the checkout, are under test"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", *SDIST_TESTS]
    run = subprocess.run(command, cwd=unpacked, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
