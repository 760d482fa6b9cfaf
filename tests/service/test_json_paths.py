"""The fast JSON path (orjson) and the standard library's path give the same answers.

The engine reads request bodies and Details with orjson when it is installed and lets the standard library
decide whatever orjson refuses or might read differently. These tests hold the two paths to each other, and
run PutPartnerEvents' Detail rules with orjson switched off, as on an interpreter without it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers import entry
from hypothesis import given, settings
from hypothesis import strategies as st

from mock_partner_events import PartnerEventsMock, mock_partner_events
from mock_partner_events._wire import entry_rules as _entry_rules
from mock_partner_events._wire import protocol as _protocol
from mock_partner_events._wire.entry_rules import parse_detail
from mock_partner_events._wire.fastjson import fast_loads
from mock_partner_events._wire.protocol import AwsError, parse_body

PROPERTY = settings(max_examples=300, deadline=None)

numbers = st.integers(min_value=-(2**70), max_value=2**70) | st.floats(allow_nan=False)
texts = st.text(st.characters(exclude_categories=()), max_size=12) | st.sampled_from(["\ud800", "a\udfffb"])
values = st.recursive(
    st.none() | st.booleans() | numbers | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=16,
)
documents = st.one_of(
    st.dictionaries(texts, values, max_size=4).map(json.dumps),
    values.map(json.dumps),
    st.text(max_size=30),
    st.sampled_from(["{", "{}x", '{"a": NaN}', '{"a": 1e400}', '{"a": -0}', ' {"a": 1}\n', '{"a":1,"a":2}']),
)


def same(first: Any, second: Any) -> bool:
    """Equal, and equal in type all the way down (1 == 1.0 in Python, but not in JSON)."""
    return json.dumps(first) == json.dumps(second) if first == second else first is second


def body_answer(body: bytes, *, exact: bool) -> Any:
    try:
        reading = parse_body(body)
        return reading.exact() if exact else reading.params
    except AwsError as error:
        return (error.code, error.message)


@pytest.mark.skipif(fast_loads is None, reason="orjson is not installed: there is only one path")
@PROPERTY
@given(documents)
def test_a_detail_reads_the_same_on_both_paths(text: str) -> None:
    assert same(parse_detail(text), _entry_rules._parse_detail_exactly(text))


@pytest.mark.skipif(fast_loads is None, reason="orjson is not installed: there is only one path")
@PROPERTY
@given(documents.map(lambda text: text.encode("utf-8", "surrogatepass")) | st.binary(max_size=30))
def test_a_body_reads_the_same_on_both_paths(body: bytes) -> None:
    fast, exact = body_answer(body, exact=False), body_answer(body, exact=True)

    if isinstance(exact, dict) and not same(fast, exact):
        # The one documented difference: orjson reads integers beyond 64 bits as floats.
        assert "e+" in json.dumps(fast)
    else:
        assert same(fast, exact)


def test_integers_at_the_int64_limits_are_kept_and_beyond_them_refused() -> None:
    assert parse_detail('{"a": 9223372036854775807, "b": -9223372036854775808}') == {"a": 2**63 - 1, "b": -(2**63)}
    assert parse_detail('{"a": 18446744073709551615}') is None  # orjson reads it as an int: the walk refuses it
    assert parse_detail('{"a": [[{"b": 18446744073709551616}]]}') is None  # orjson reads a float: exact path
    assert parse_detail('{"a": 1e19}') == {"a": 1e19}  # a float that large is fine; only integers are limited


def test_a_validation_message_renders_a_huge_integer_as_sent(partner_events: PartnerEventsMock) -> None:
    body = b'{"Limit": 184467440737095516160}'
    headers = {"X-Amz-Target": "AWSEvents.ListPartnerEventSources", "Content-Type": "application/x-amz-json-1.1"}
    request = _protocol.HttpRequest.build("POST", "https://events.us-east-1.amazonaws.com/", headers, body)

    answer = partner_events.handle(request).json()

    assert answer["__type"] == "ValidationException"
    assert "Value '184467440737095516160' at 'limit'" in answer["message"]


@pytest.fixture
def without_orjson(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine as it runs where orjson is not installed (PyPy, say)."""
    monkeypatch.setattr(_entry_rules, "fast_loads", None)
    monkeypatch.setattr(_protocol, "fast_loads", None)


@pytest.mark.usefixtures("without_orjson")
@pytest.mark.parametrize(
    ("detail", "malformed"),
    [
        ('{"x": 1}', False),
        ('{"low": -9223372036854775808, "high": 9223372036854775807}', False),
        ("[]", True),
        ('{"x": NaN}', True),
        ('{"x": 9223372036854775808}', True),
        ("{" * 3000 + "}" * 3000, True),
    ],
)
def test_detail_rules_hold_without_orjson(client: Any, detail: str, malformed: bool) -> None:
    with mock_partner_events() as mock:
        response = client.put_partner_events(Entries=[entry("T", Detail=detail)])

    assert response["FailedEntryCount"] == int(malformed)
    assert len(mock.events) == int(not malformed)


@pytest.mark.usefixtures("without_orjson")
@pytest.mark.parametrize("body", [b'{"Entries": [', b"[]", b"\xff"])
def test_a_body_that_is_not_a_json_object_is_refused_without_orjson(
    partner_events: PartnerEventsMock, body: bytes
) -> None:
    headers = {"X-Amz-Target": "AWSEvents.PutPartnerEvents", "Content-Type": "application/x-amz-json-1.1"}
    request = _protocol.HttpRequest.build("POST", "https://events.us-east-1.amazonaws.com/", headers, body)

    assert partner_events.handle(request).json()["__type"] == "SerializationException"
