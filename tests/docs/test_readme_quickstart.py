"""The README's quickstart, verbatim, in a fresh virtualenv that holds only the package and its runtime
dependencies (botocore, orjson and theirs), with an empty HOME and no AWS_* variables: what a new user has after
`pip install mock-partner-events`. No network either: a sitecustomize refuses every non-loopback connection."""

from __future__ import annotations

import os
import re
import subprocess
import venv
from importlib import metadata
from pathlib import Path

import pytest
from doc_blocks import ROOT, blocks
from packaging.requirements import Requirement

GUARD = """
import ipaddress, socket

_connect = socket.socket.connect

def _refuse(self, address, *args, **kwargs):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        try:
            local = ipaddress.ip_address(host).is_loopback
        except ValueError:
            local = host == "localhost"
        if not local:
            raise ConnectionRefusedError(f"network guard (quickstart venv): refused {address!r}")
    return _connect(self, address, *args, **kwargs)

socket.socket.connect = _refuse
"""


def quickstart() -> str:
    lines = (ROOT / "README.md").read_text().splitlines()
    start = lines.index("## Quickstart")
    block = next(b for b in blocks(ROOT / "README.md") if b.line > start and b.lang == "python")
    return block.code


def runtime_closure(name: str = "mock-partner-events") -> list[metadata.Distribution]:
    """The installed distributions `name` needs at run time (no extras), itself excluded."""
    seen: dict[str, metadata.Distribution] = {}
    pending = list(metadata.requires(name) or [])
    while pending:
        requirement = Requirement(pending.pop())
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        key = requirement.name.lower().replace("_", "-")
        if key in seen:
            continue
        seen[key] = metadata.distribution(requirement.name)
        pending += seen[key].requires or []
    return list(seen.values())


@pytest.fixture(scope="module")
def fresh_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False, symlinks=True).create(home)
    python = home / "bin" / "python"
    site = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True
        ).strip()
    )
    (site / "mock_partner_events").symlink_to(ROOT / "mock_partner_events")
    for dist in runtime_closure():
        for top in {Path(str(file)).parts[0] for file in dist.files or ()}:
            source = Path(str(dist.locate_file(top)))
            if source.exists() and not top.startswith("..") and not (site / top).exists():
                (site / top).symlink_to(source)
    (site / "sitecustomize.py").write_text(GUARD)
    return python


def _run(python: Path, folder: Path, extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = folder / "quickstart.py"
    script.write_text(quickstart())
    home = folder / "home"
    home.mkdir(exist_ok=True)
    env = {"PATH": os.defpath, "HOME": str(home), **extra_env}
    return subprocess.run([python, str(script)], cwd=folder, env=env, capture_output=True, text=True, timeout=60)


def test_the_fresh_venv_has_nothing_else(fresh_python: Path) -> None:
    check = "import importlib.util as u; print([m for m in ('boto3', 'pytest', 'moto') if u.find_spec(m)])"
    assert subprocess.check_output([fresh_python, "-c", check], text=True).strip() == "[]"


def test_the_quickstart_runs_verbatim_with_fake_credentials_from_the_harness(
    fresh_python: Path, tmp_path: Path
) -> None:
    run = _run(fresh_python, tmp_path, {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"})
    assert run.returncode == 0, run.stderr
    assert re.fullmatch(r"published 1 event, id [0-9a-f-]{36}\n", run.stdout)


def test_the_quickstart_runs_verbatim_with_no_aws_configuration(fresh_python: Path, tmp_path: Path) -> None:
    """HOME empty, no AWS_* variables, no network: the mock supplies fake credentials while it is active."""
    run = _run(fresh_python, tmp_path, {})
    assert run.returncode == 0, run.stderr
    assert re.fullmatch(r"published 1 event, id [0-9a-f-]{36}\n", run.stdout)
