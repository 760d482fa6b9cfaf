"""PutTargets' checks of a target's input settings, beyond the model, with AWS's messages where they are known.

Known (recorded against AWS, tests/data/input-transformers.json): a target with more than one of Input,
InputPath and InputTransformer is refused. The model's own constraints (InputTemplate required, lengths,
at most 100 InputPathsMap entries) are checked before this by `_wire.model_rules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mock_partner_events._wire.protocol import validation_error

INPUT_SETTINGS = ("Input", "InputPath", "InputTransformer")


def check_target_input(target: Mapping[str, Any]) -> None:
    """Raise AWS's ValidationException for a target that names more than one input setting."""
    given = [name for name in INPUT_SETTINGS if target.get(name) is not None]
    if len(given) > 1:
        raise validation_error(
            f"Only one of Input, InputPath, or InputTransformer must be provided for target {target.get('Id')}."
        )
