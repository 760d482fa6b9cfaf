"""The admin API's JSON writer: the same text as the standard library where that works, valid JSON where it
does not (any depth, non-finite floats, integers too long for str())."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mock_partner_events._server.jsontext import _write, dumps, input_depth

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=30,
)


@given(JSON_VALUES)
def test_the_stack_writer_writes_what_the_standard_library_writes(value: Any) -> None:
    assert "".join(_write(value)) == json.dumps(value, separators=(",", ":"))


def test_nesting_deeper_than_the_recursion_limit_is_written() -> None:
    value: Any = 1
    for _ in range(1000):
        value = {"a": [value]}

    text = dumps(value)

    assert text == '{"a":[' * 1000 + "1" + "]}" * 1000


def test_numbers_json_cannot_carry_become_strings() -> None:
    text = dumps({"big": math.inf, "small": -math.inf, "nan": math.nan, "long": 10**5000, "ok": 1.5})

    assert json.loads(text, parse_constant=lambda token: None) == {
        "big": "Infinity",
        "small": "-Infinity",
        "nan": "NaN",
        "long": "<integer of about 5001 digits>",
        "ok": 1.5,
    }


def test_input_depth_counts_brackets_outside_strings() -> None:
    assert input_depth('{"a": [1, {"b": "[[[{{{"}]}') == 3
    assert input_depth(b'"\\"[[["') == 0
    assert input_depth("[" * 5000) == 5000
