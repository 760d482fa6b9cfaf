"""TestEventPattern through boto3 gives AWS's answer for every recorded conformance case.

The cases (event, pattern, and what AWS answered) come from the conformance file; see its `source` field and
../shared/conformance/README.md for their origin and licence (LocalStack, Apache-2.0).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import DATA, ROOT, error_of

CANDIDATES = (
    DATA / "event-patterns.json",
    ROOT.parent / "shared" / "conformance" / "event-patterns.json",
)


def _cases() -> list[dict[str, Any]]:
    for path in CANDIDATES:
        if path.exists():
            cases: list[dict[str, Any]] = json.loads(path.read_text())["cases"]
            return cases
    raise FileNotFoundError(f"event-pattern conformance data not found in any of {[str(p) for p in CANDIDATES]}")


CASES = _cases()


@pytest.fixture(autouse=True)
def _mock(partner_events: Any) -> Any:
    return partner_events


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_conformance_case(customer: Any, case: dict[str, Any]) -> None:
    call = {"EventPattern": _text(case["pattern"]), "Event": _text(case["event"])}

    if case["expect"] == "error":
        with pytest.raises(ClientError) as raised:
            customer.test_event_pattern(**call)
        code, message = error_of(raised)
        assert (code, message.splitlines()[0]) == (case["error_code"], case["error_message"])
    else:
        assert customer.test_event_pattern(**call)["Result"] is (case["expect"] == "match")


def test_the_conformance_file_has_every_kind_of_case() -> None:
    assert {case["expect"] for case in CASES} == {"match", "no-match", "error"}


@pytest.mark.parametrize(
    "event", ["not json", "[1, 2]", "[" * 100_000 + "]" * 100_000], ids=["not-json", "array", "nested-too-deeply"]
)
def test_an_event_that_is_not_a_json_object_is_a_validation_error(customer: Any, event: str) -> None:
    with pytest.raises(ClientError) as raised:
        customer.test_event_pattern(EventPattern='{"source": ["x"]}', Event=event)

    assert error_of(raised) == ("ValidationException", "Parameter Event is not valid.")


def test_the_pattern_is_checked_before_the_event(customer: Any) -> None:
    with pytest.raises(customer.exceptions.InvalidEventPatternException):
        customer.test_event_pattern(EventPattern='{"source": "x"}', Event="not json")


COMPLETE_EVENT = {
    "id": "1",
    "account": "123456789012",
    "source": "test-source",
    "time": "2022-07-13T13:48:01Z",
    "region": "us-east-2",
    "detail-type": "test-detail-type",
}


@pytest.mark.parametrize("missing", sorted(COMPLETE_EVENT))
def test_an_event_without_a_field_eventbridge_always_sets_is_a_validation_error(customer: Any, missing: str) -> None:
    event = {key: value for key, value in COMPLETE_EVENT.items() if key != missing}

    with pytest.raises(ClientError) as raised:
        customer.test_event_pattern(EventPattern='{"source": ["test-source"]}', Event=json.dumps(event))

    assert error_of(raised) == ("ValidationException", "Parameter Event is not valid.")


def test_an_event_of_other_fields_only_is_a_validation_error_as_aws_answered(customer: Any) -> None:
    """The event AWS answered with "Parameter Event is not valid." in LocalStack's AWS-validated test."""
    with pytest.raises(ClientError) as raised:
        customer.test_event_pattern(
            EventPattern='{"body": {"test2": [{"numeric": [">", 100]}]}}', Event=json.dumps({"testEvent": "value"})
        )

    assert error_of(raised) == ("ValidationException", "Parameter Event is not valid.")


def test_an_event_with_every_required_field_is_matched(customer: Any) -> None:
    assert customer.test_event_pattern(EventPattern='{"source": ["test-source"]}', Event=json.dumps(COMPLETE_EVENT))[
        "Result"
    ]
