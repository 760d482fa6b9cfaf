"""Issue 19, item 10: PutTargets refuses an InputTemplate placeholder that nothing defines, as AWS does.

AWS's answer, recorded by LocalStack against AWS (localstack/localstack,
tests/aws/services/events/test_events_inputs.snapshot.json,
TestInputTransformer::test_put_events_with_input_transformer_missing_keys, recorded 2025-03-12):
ValidationException "InputTemplate for target <target-id> contains invalid placeholder notdefinedkey.".
The case below is that recording's template and InputPathsMap, on a partner bus.
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import CUSTOMER, SOURCE, error_of, make_client

from mock_partner_events import PartnerEventsMock

QUEUE_ARN = f"arn:aws:sqs:us-east-1:{CUSTOMER}:orders"
PATHS = {"detail-type": "$.detail-type", "timestamp": "$.time", "command": "$.detail.command"}


@pytest.fixture
def customer(partner_events: PartnerEventsMock) -> Any:
    """The customer's client, with the partner bus of SOURCE and a rule `orders` on it."""
    partner_events.create_source(SOURCE, associate=True)
    partner_events.add_rule("orders", {"source": [SOURCE]}, source=SOURCE)
    return make_client(CUSTOMER)


def put_target(customer: Any, template: str, paths: dict[str, str] | None = None) -> dict[str, Any]:
    transformer: dict[str, Any] = {"InputTemplate": template}
    if paths is not None:
        transformer["InputPathsMap"] = paths
    target = {"Id": "target-1", "Arn": QUEUE_ARN, "InputTransformer": transformer}
    answer: dict[str, Any] = customer.put_targets(Rule="orders", EventBusName=SOURCE, Targets=[target])
    return answer


def test_an_undefined_placeholder_is_refused_with_aws_s_message(customer: Any) -> None:
    with pytest.raises(ClientError) as raised:
        put_target(customer, '"Event of <detail-type> type, with not defined key <notdefinedkey>"', PATHS)

    assert error_of(raised) == (
        "ValidationException",
        "InputTemplate for target target-1 contains invalid placeholder notdefinedkey.",
    )
    assert customer.list_targets_by_rule(Rule="orders", EventBusName=SOURCE)["Targets"] == []


def test_a_json_template_without_a_paths_map_is_checked_too(customer: Any) -> None:
    with pytest.raises(ClientError) as raised:
        put_target(customer, '{"id": <id>}')

    assert error_of(raised)[1] == "InputTemplate for target target-1 contains invalid placeholder id."


def test_declared_and_predefined_placeholders_are_accepted(customer: Any) -> None:
    template = (
        '{"type": <detail-type>, "rule": <aws.events.rule-name>, "arn": <aws.events.rule-arn>, '
        '"at": <aws.events.event.ingestion-time>, "event": <aws.events.event>, "json": <aws.events.event.json>}'
    )
    assert put_target(customer, template, PATHS)["FailedEntryCount"] == 0
    assert len(customer.list_targets_by_rule(Rule="orders", EventBusName=SOURCE)["Targets"]) == 1
