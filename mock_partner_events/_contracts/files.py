"""Contract files: a `.json` file or a folder of them, read with errors that name the file."""

from __future__ import annotations

from pathlib import Path

from mock_partner_events._contracts.errors import ContractError


def schema_files(path: Path) -> list[Path]:
    """The file itself, or every `.json` file under the folder, sorted; ContractError when there is none."""
    if path.is_file():
        return [path]
    if path.is_dir():
        files = sorted(file for file in path.rglob("*.json") if file.is_file())
        if not files:
            raise ContractError(f"mock-partner-events: the contracts folder {path} holds no .json files.")
        return files
    raise ContractError(f"mock-partner-events: no contract file or folder at {path}; give a .json schema or a folder.")


def read_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ContractError(f"mock-partner-events: cannot read the contract file {path}: {error}.") from None
