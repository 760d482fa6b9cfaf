"""Documentation that cannot rot: every Python block of the README and docs/ runs, and every output shown is
what the code prints today (ids and times normalised). See doc_blocks.py for the directives a block may carry."""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import subprocess
import sys

import pytest
from doc_blocks import ROOT, Block, all_blocks, following, normalise, python_blocks, shown_files
from doc_setups import SETUPS

FAKE_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
QUIET_PLUGINS = ("-p", "no:randomly", "-p", "no:hypothesispytest", "-p", "no:cacheprovider")
BLOCKS = python_blocks()
# Imported once here: pytester's in-process runs drop the modules first imported inside a run, and a second copy
# of requests or moto (with classes of its own) breaks the next block that uses it.
PRELOADED = ("requests", "responses", "requests_aws4auth", "moto", "aiobotocore.session", "awscli.clidriver")
for _module in PRELOADED:
    importlib.import_module(_module)


@pytest.fixture(autouse=True)
def _fake_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness, not the documentation, supplies credentials (the mock does not check them)."""
    for name, value in FAKE_CREDENTIALS.items():
        monkeypatch.setenv(name, value)


def _source(block: Block) -> str:
    names = [name for name in block.directives.get("setup", "").split(",") if name]
    unknown = [name for name in names if name not in SETUPS]
    assert not unknown, f"{block.name}: unknown setup {unknown}; known: {sorted(SETUPS)}"
    return "".join(SETUPS[name] for name in names) + block.code


@pytest.mark.parametrize("block", BLOCKS, ids=[block.name for block in BLOCKS])
def test_python_block_runs(block: Block, pytester: pytest.Pytester) -> None:
    if block.defines_tests:
        _run_tests(block, pytester)
    else:
        _run_script(block)


def _run_tests(block: Block, pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile(test_doc_block=_source(block), **shown_files(block.path))
    result = pytester.runpytest(*QUIET_PLUGINS, "--tb=short")
    outcomes = result.parseoutcomes()
    if "expect-failure" not in block.directives:
        assert outcomes.get("passed", 0) >= 1, result.stdout.str()
        assert set(outcomes) <= {"passed", "warnings"}, result.stdout.str()
        return
    assert outcomes.get("failed", 0) + outcomes.get("errors", 0) == 1, result.stdout.str()
    shown = following(block)
    assert shown is not None, f"{block.name}: expect-failure needs a text block after it"
    assert shown.lang == "text", f"{block.name}: expect-failure needs a text block after it"
    assert normalise(_error_lines(result.outlines)) == normalise(shown.code)


def _error_lines(lines: list[str]) -> str:
    """The failure message as pytest prints it: its `E` lines without the prefix, or, for a failure reported
    without a traceback (pytest.fail(pytrace=False)), the lines under the report's `___ title ___`."""
    marked = [line[4:] for line in lines if line.startswith("E   ") or line.rstrip() == "E"]
    if marked:
        return "\n".join(marked)
    start = next(i for i, line in enumerate(lines) if line.startswith("_") and line.endswith("_")) + 1
    end = next(i for i in range(start, len(lines)) if lines[i].startswith(("=", "_")))
    return "\n".join(lines[start:end])


def _run_script(block: Block) -> None:
    """A block without tests runs as a script would (pytester has made its folder the working directory)."""
    exec(compile(_source(block), block.name, "exec"), {"__name__": "__main__"})


# -- outputs of commands ---------------------------------------------------------------------------------------


DEMO_OUTPUTS = [block for block in all_blocks() if block.directives.get("output-of") == "make-demo"]


@pytest.mark.parametrize("shown", DEMO_OUTPUTS, ids=[block.name for block in DEMO_OUTPUTS])
def test_make_demo_prints_what_the_docs_show(shown: Block) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    run = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "demo.py")], capture_output=True, text=True, env=env, check=True
    )
    assert normalise(run.stdout) == normalise(shown.code)


def test_the_docs_show_the_demo_somewhere() -> None:
    assert DEMO_OUTPUTS, (
        "docs/guides/publisher-testing.md shows `make demo`'s story under <!-- doctest: output-of=make-demo -->"
    )


def test_every_directive_is_known() -> None:
    known = {"setup", "expect-failure", "output-of", "file"}
    for block in all_blocks():
        unknown = set(block.directives) - known
        assert not unknown, f"{block.name}: unknown doctest directives {sorted(unknown)}; known: {sorted(known)}"


def test_readme_blocks_hide_no_set_up() -> None:
    """A README reader copies what they see: a block may import a module the README shows (`file=`), never use
    hidden set-up (`setup=`), and every `from publisher import ...` names a module shown on the page."""
    readme = [block for block in all_blocks() if block.path == ROOT / "README.md"]
    assert [block.name for block in readme if "setup" in block.directives] == []
    shown = shown_files(ROOT / "README.md")
    for block in readme:
        for module in re.findall(r"^from (\w+) import", block.code, re.MULTILINE):
            assert module in shown or importlib.util.find_spec(module) is not None, (
                f"{block.name} imports {module}, which neither the README shows nor is installed"
            )
