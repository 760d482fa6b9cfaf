"""PutTargets' checks of a target's input settings, beyond the model, with AWS's messages where they are known.

Known (recorded against AWS, tests/data/input-transformers.json): a target with more than one of Input,
InputPath and InputTransformer is refused. An InputTemplate placeholder that neither InputPathsMap nor a
predefined `aws.events.*` variable defines is refused, naming the target and the first such placeholder, in
AWS's words as LocalStack recorded them against AWS on 2025-03-12 (localstack/localstack,
tests/aws/services/events/test_events_inputs.snapshot.json,
TestInputTransformer::test_put_events_with_input_transformer_missing_keys:
"InputTemplate for target <target-id> contains invalid placeholder notdefinedkey."). The model's own
constraints (InputTemplate required, lengths, at most 100 InputPathsMap entries) are checked before this by
`_wire.model_rules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mock_partner_events._wire.protocol import validation_error
from mock_partner_events._world.target_input import undefined_placeholders

INPUT_SETTINGS = ("Input", "InputPath", "InputTransformer")


def check_target_input(target: Mapping[str, Any]) -> None:
    """Raise AWS's ValidationException for a target that names more than one input setting, or whose
    InputTemplate uses a placeholder nothing defines."""
    given = [name for name in INPUT_SETTINGS if target.get(name) is not None]
    if len(given) > 1:
        raise validation_error(
            f"Only one of Input, InputPath, or InputTransformer must be provided for target {target.get('Id')}."
        )
    transformer = target.get("InputTransformer")
    if isinstance(transformer, Mapping):
        undefined = undefined_placeholders(transformer)
        if undefined:
            raise validation_error(
                f"InputTemplate for target {target.get('Id')} contains invalid placeholder {undefined[0]}."
            )
