"""A pattern that is not JSON gets the reason AWS's JSON parser (Jackson) gives, with its location line.

AWS's four cases are those of LocalStack's AWS-validated `test_invalid_json_event_pattern`; the others are the
common slips, worded as Jackson words them. The location line (`\\n at [Source: (String)"..."; line: L, column:
C]`) is what AWS appends to the reasons its parser locates (recorded on AWS for event-ruler's own reasons).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import SOURCE, associate, create_source, error_of

from mock_partner_events import PartnerEventsMock

EVENT = json.dumps(
    {
        "id": "1",
        "source": "test-source",
        "detail-type": "test-detail-type",
        "account": "123456789012",
        "region": "us-east-2",
        "time": "2022-07-13T13:48:01Z",
        "detail": {"test": "test"},
    }
)
PREFIX = "Event pattern is not valid. Reason: "
VALUES = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"


def at(pattern: str, column: int, line: int = 1) -> str:
    return f'\n at [Source: (String)"{pattern}"; line: {line}, column: {column}]'


CASES = [
    # AWS's cases (LocalStack test_invalid_json_event_pattern)
    ("this is valid json but not a dict", f"Unrecognized token 'this': was expecting {VALUES}", 5),
    ("{'bad': 'quotation'}", "Unexpected character (''' (code 39)): was expecting double-quote to start field name", 3),
    ('{"not": closed mark"', f"Unrecognized token 'closed': was expecting {VALUES}", 15),
    # common slips
    ('{"source": ["a"],}', "Unexpected character ('}' (code 125)): was expecting double-quote to start field name", 19),
    ('{"source": ["a",]}', f"Unexpected character (']' (code 93)): expected a valid value {VALUES}", 18),
    (
        '{"source" ["a"]}',
        "Unexpected character ('[' (code 91)): was expecting a colon to separate field name and value",
        12,
    ),
    (
        '{"source": ["a"] "x": [1]}',
        "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries",
        19,
    ),
    (
        '{"source": ["a" "b"]}',
        "Unexpected character ('\"' (code 34)): was expecting comma to separate Array entries",
        18,
    ),
    ('{"source": [tru]}', f"Unrecognized token 'tru': was expecting {VALUES}", 16),
    ('{"n": [{"numeric": [">", 01]}]}', "Invalid numeric value: Leading zeroes not allowed", 27),
    ('{"source": ["\\q"]}', "Unrecognized character escape 'q' (code 113)", 16),
    ('{"n": [NaN]}', "Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow", 11),
    (
        '{"source": ["a"]',
        "Unexpected end-of-input: expected close marker for Object (start marker at "
        '[Source: (String)"{"source": ["a"]"; line: 1, column: 1])',
        17,
    ),
    ('{"source": ["a', "Unexpected end-of-input: was expecting closing quote for a string value", 15),
]


pytestmark = pytest.mark.usefixtures("mock")  # every test runs against the mock (never AWS)


@pytest.fixture
def customer_bus(partner_events: PartnerEventsMock, partner: Any, customer: Any) -> Any:
    create_source(partner)
    associate(customer)
    return customer


@pytest.mark.parametrize(("pattern", "reason", "column"), CASES, ids=[case[0] for case in CASES])
def test_test_event_pattern_gives_jacksons_reason(customer: Any, pattern: str, reason: str, column: int) -> None:
    with pytest.raises(customer.exceptions.InvalidEventPatternException) as raised:
        customer.test_event_pattern(EventPattern=pattern, Event=EVENT)

    assert error_of(raised) == ("InvalidEventPatternException", PREFIX + reason + at(pattern, column))


def test_put_rule_gives_the_same_reason(customer_bus: Any) -> None:
    with pytest.raises(ClientError) as raised:
        customer_bus.put_rule(Name="orders", EventBusName=SOURCE, EventPattern="{'bad': 'quotation'}")

    code, message = error_of(raised)
    assert code == "InvalidEventPatternException"
    assert message.startswith(PREFIX + "Unexpected character (''' (code 39))")


def test_lines_are_counted_where_white_space_has_new_lines(customer: Any) -> None:
    pattern = '{\n  "source": [\n    oops\n  ]\n}'

    with pytest.raises(ClientError) as raised:
        customer.test_event_pattern(EventPattern=pattern, Event=EVENT)

    assert error_of(raised)[1] == PREFIX + f"Unrecognized token 'oops': was expecting {VALUES}" + at(pattern, 9, 3)


@pytest.mark.parametrize("pattern", ['["not", "a", "dict", "but valid json"]', "", "   ", '"text', "42 x"])
def test_anything_but_an_object_is_not_a_filter(customer: Any, pattern: str) -> None:
    """event-ruler reads one token and refuses what is not an object, before any later syntax error."""
    with pytest.raises(ClientError) as raised:
        customer.test_event_pattern(EventPattern=pattern, Event=EVENT)

    assert error_of(raised) == ("InvalidEventPatternException", PREFIX + "Filter is not an object")


def test_text_after_the_patterns_object_is_not_read(customer: Any) -> None:
    """event-ruler closes its parser after the pattern's object (modelled choice: README)."""
    assert customer.test_event_pattern(EventPattern='{"source": ["test-source"]} trailing', Event=EVENT)["Result"]


def test_a_long_pattern_is_quoted_to_500_characters(customer: Any) -> None:
    pattern = '{"source": [' + ", ".join(['"s"'] * 200) + ", x]}"

    with pytest.raises(ClientError) as raised:
        customer.test_event_pattern(EventPattern=pattern, Event=EVENT)

    message = error_of(raised)[1]
    assert f'[Source: (String)"{pattern[:500]}"[truncated {len(pattern) - 500} chars]; line: 1, column:' in message
