"""Fenced code blocks of the README and docs/, with the `<!-- doctest: ... -->` directive written just above each.

Directives (space separated, on the line right above the opening fence):
- `setup=NAME[,NAME]`: hidden set-up from doc_setups.SETUPS, prepended to a Python block;
- `expect-failure`: a block of tests of which exactly one fails; the text block right after it is its message;
- `output-of=make-demo`: a text block that is what `make demo` prints;
- `file=NAME.py`: a module the reader saves under that name; the page's other blocks import it (the README shows
  its set-up this way instead of hiding it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # tests/ sits in the root
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
_FENCE = re.compile(r"^(`{3,})(\w*)\s*$")
_DIRECTIVE = re.compile(r"^<!--\s*doctest:(.*?)-->\s*$")


@dataclass
class Block:
    path: Path
    line: int  # 1-based line of the opening fence
    lang: str
    code: str
    directives: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"

    @property
    def defines_tests(self) -> bool:
        return re.search(r"^(async )?def test_", self.code, re.MULTILINE) is not None


def blocks(path: Path) -> list[Block]:
    """Every fenced block of one Markdown file, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        end = next(i for i in range(index + 1, len(lines)) if lines[i].rstrip() == opening.group(1))
        directives = _directives(lines[index - 1] if index else "")
        found.append(Block(path, index + 1, opening.group(2), "\n".join(lines[index + 1 : end]) + "\n", directives))
        index = end + 1
    return found


def _directives(line: str) -> dict[str, str]:
    match = _DIRECTIVE.match(line.strip())
    if match is None:
        return {}
    pairs = (token.partition("=") for token in match.group(1).split())
    return {key: value for key, _, value in pairs}


def all_blocks() -> list[Block]:
    return [block for path in DOCUMENTS for block in blocks(path)]


def python_blocks() -> list[Block]:
    return [block for block in all_blocks() if block.lang in ("python", "py")]


def shown_files(path: Path) -> dict[str, str]:
    """The `file=NAME.py` blocks of one page: module name -> code."""
    found = [block for block in blocks(path) if "file" in block.directives]
    return {block.directives["file"].removesuffix(".py"): block.code for block in found}


def following(block: Block) -> Block | None:
    """The block right after `block` on its page."""
    page = blocks(block.path)
    after = [other for other in page if other.line > block.line]
    return after[0] if after else None


_VOLATILE = [
    (re.compile(r"call [0-9a-f]{8}"), "call <id>"),
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "<uuid>"),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ?"), "<time>"),
    (re.compile(r"(took|done in) \d+\.\d+s"), r"\1 <seconds>"),
]


def normalise(text: str) -> str:
    """Text with ids and times replaced by placeholders, and trailing blanks dropped."""
    for pattern, placeholder in _VOLATILE:
        text = pattern.sub(placeholder, text)
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())
