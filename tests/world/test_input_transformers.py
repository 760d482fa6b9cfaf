"""Every AWS-recorded rule-target input case (tests/data/input-transformers.json), through boto3 on a partner bus.

Each case runs twice: in-process (the target's body is read from what the mock would invoke, since no target
exists without moto) and with moto's mock_aws active, where the body must arrive in a real moto SQS queue.

The recordings come from PutEvents on custom buses; here the same event is a partner event: the source is a
partner source, the bus and rule ARN are the partner bus's, the event id is the mock's. Those values are put
into the expected output where the recording has them, and nothing else is changed.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from helpers import DATA
from moto import mock_aws

from mock_partner_events import PartnerEventsMock, TargetDeliveryWarning, mock_partner_events
from mock_partner_events._world.targets import invocations

DATA = json.loads((DATA / "input-transformers.json").read_text())
CASES = DATA["cases"]
PARTNER, CUSTOMER, REGION = "123456789012", "111111111111", "us-east-1"  # the recordings' account
SOURCE = "aws.partner/example.com/conformance/orders"
QUEUE = "conformance"
QUEUE_ARN = f"arn:aws:sqs:{REGION}:{CUSTOMER}:{QUEUE}"


def client(service: str, account: str) -> Any:
    return boto3.client(service, region_name=REGION, aws_access_key_id=account, aws_secret_access_key="testing")


def case_id(case: dict[str, Any]) -> str:
    return case["name"].split("::")[-1][:90]


def test_the_data_keeps_its_attribution_and_every_kind_of_case() -> None:
    assert "localstack" in DATA["source"]
    assert DATA["license"] == "Apache-2.0"
    kinds = {next(iter(case["expected"])) for case in CASES}
    assert kinds == {"output", "delivered", "error"}
    assert len(CASES) == 20


def set_up(case: dict[str, Any]) -> str:
    """Source, partner bus, the case's rule (matching the partner source) and its one target; the rule's ARN."""
    partner, customer = client("events", PARTNER), client("events", CUSTOMER)
    partner.create_partner_event_source(Name=SOURCE, Account=CUSTOMER)
    customer.create_event_bus(Name=SOURCE, EventSourceName=SOURCE)
    pattern = dict(case["rule"].get("EventPattern") or {})
    pattern["source"] = [SOURCE]
    name = case["rule"]["Name"]
    arn: str = customer.put_rule(Name=name, EventBusName=SOURCE, EventPattern=json.dumps(pattern))["RuleArn"]
    target = {"Id": "conformance", **case["target"], "Arn": QUEUE_ARN}
    customer.put_targets(Rule=name, EventBusName=SOURCE, Targets=[target])
    return arn


def publish(case: dict[str, Any]) -> str:
    """The case's event, sent by the partner with the recorded time; the EventId."""
    event = case["event"]
    entry = {
        "Source": SOURCE,
        "DetailType": event["detail-type"],
        "Detail": json.dumps(event["detail"]),
        "Resources": event["resources"],
        "Time": datetime.fromisoformat(event["time"].replace("Z", "+00:00")),
    }
    result = client("events", PARTNER).put_partner_events(Entries=[entry])
    assert result["FailedEntryCount"] == 0, result
    event_id: str = result["Entries"][0]["EventId"]
    return event_id


def expected_body(case: dict[str, Any], rule_arn: str, event_id: str, ingestion_time: str) -> Any:
    """The recorded output with the values that differ on a partner bus put in (see the module docstring)."""
    recorded = case["event"]

    def adapt(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: SOURCE if key == "source" else adapt(item) for key, item in value.items()}
        if isinstance(value, list):
            return [adapt(item) for item in value]
        if isinstance(value, str):
            return value.replace(case["rule"]["Arn"], rule_arn).replace(recorded["id"], event_id)
        return value

    output = adapt(case["expected"]["output"])
    if any("ingestion-time" in part for part in case.get("unverified", [])):
        output = output.replace(recorded["time"], ingestion_time)  # the recording hid AWS's receive time
    return output


def assert_body(body: str | None, expected: Any) -> None:
    assert body is not None, "the target received nothing"
    if isinstance(expected, str):
        assert body == expected
    else:  # recorded parsed: same JSON, same key order
        assert json.dumps(json.loads(body)) == json.dumps(expected)


def assert_refused(case: dict[str, Any], raised: pytest.ExceptionInfo[ClientError]) -> None:
    error = raised.value.response["Error"]
    expected = case["expected"]["error"]
    assert (error["Code"], error["Message"]) == (expected["code"], expected["message"])
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


@pytest.fixture
def in_process() -> Iterator[PartnerEventsMock]:
    with mock_partner_events(unknown_sources="reject") as mock:
        yield mock


@pytest.fixture
def with_moto() -> Iterator[tuple[PartnerEventsMock, str]]:
    with mock_aws(), mock_partner_events(unknown_sources="reject") as mock:
        url: str = client("sqs", CUSTOMER).create_queue(QueueName=QUEUE)["QueueUrl"]
        yield mock, url


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_in_process_the_target_input_is_what_aws_delivered(in_process: PartnerEventsMock, case: dict[str, Any]) -> None:
    if "error" in case["expected"]:
        with pytest.raises(ClientError) as raised:
            set_up(case)
        assert_refused(case, raised)
        return
    rule_arn = set_up(case)
    event_id = publish(case)

    received = in_process.calls[-1].time
    [invocation] = invocations(in_process.world, in_process.events[0], received)

    assert invocation.target_id == "conformance"
    assert invocation.arn == QUEUE_ARN
    if case["expected"].get("delivered") is False:
        assert invocation.body is None
        return
    assert_body(invocation.body, expected_body(case, rule_arn, event_id, _utc(received)))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_with_moto_the_queue_receives_what_aws_delivered(
    with_moto: tuple[PartnerEventsMock, str], case: dict[str, Any]
) -> None:
    mock, url = with_moto
    if "error" in case["expected"]:
        with pytest.raises(ClientError) as raised:
            set_up(case)
        assert_refused(case, raised)
        return
    rule_arn = set_up(case)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", TargetDeliveryWarning)
        event_id = publish(case)

    messages = client("sqs", CUSTOMER).receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    if case["expected"].get("delivered") is False:
        assert messages == []
        assert [str(warning.message) for warning in caught if "not valid JSON" in str(warning.message)]
        return
    assert not caught
    [message] = messages
    assert_body(message["Body"], expected_body(case, rule_arn, event_id, _utc(mock.calls[-1].time)))


def _utc(seconds: float) -> str:
    return datetime.fromtimestamp(int(seconds), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
