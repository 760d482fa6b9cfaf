"""The event-pattern matcher: AWS's recorded answers, each operator family, and fuzzing."""

from __future__ import annotations

import contextlib
import json
from collections import OrderedDict
from enum import IntEnum
from types import MappingProxyType
from typing import Any

import pytest
from helpers import DATA
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mock_partner_events._patterns.compile import CompiledPattern, InvalidEventPattern, compile_pattern

CONFORMANCE = json.loads((DATA / "event-patterns.json").read_text())
CASES = CONFORMANCE["cases"]


def matches(pattern: dict[str, Any], event: dict[str, Any]) -> bool:
    return compile_pattern(pattern).matches(event)


def reason(pattern: Any) -> str:
    """The reason AWS would give for rejecting ``pattern`` (the text after 'Reason: ')."""
    with pytest.raises(InvalidEventPattern) as caught:
        compile_pattern(pattern)
    prefix = "Event pattern is not valid. Reason: "
    assert caught.value.message.startswith(prefix)
    assert str(caught.value).startswith("mock-partner-events: the pattern is not a valid EventBridge event pattern")
    assert caught.value.message in str(caught.value)
    return caught.value.message[len(prefix) :]


# -- AWS's recorded answers ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_conformance_case(case: dict[str, Any]) -> None:
    text = json.dumps(case["pattern"])
    if case["expect"] == "error":
        assert case["error_code"] == "InvalidEventPatternException"
        with pytest.raises(InvalidEventPattern) as caught:
            compile_pattern(text)
        assert caught.value.message.splitlines()[0] == case["error_message"]
    else:
        assert compile_pattern(text).matches(case["event"]) is (case["expect"] == "match")


def test_conformance_data_keeps_its_attribution() -> None:
    assert "LocalStack contributors" in CONFORMANCE["source"]
    assert len(CASES) == 93


# -- compiling -------------------------------------------------------------------------------------------


def test_json_text_compilations_are_cached() -> None:
    text = '{"source": ["aws.partner/example.com/1/orders"]}'
    assert compile_pattern(text) is compile_pattern(text)
    assert compile_pattern(text).source == {"source": ["aws.partner/example.com/1/orders"]}


def test_a_parsed_pattern_compiles_too() -> None:
    compiled = compile_pattern({"detail-type": ["OrderCreated"]})
    assert isinstance(compiled, CompiledPattern)
    assert compiled.source == {"detail-type": ["OrderCreated"]}
    assert compiled.matches({"detail-type": "OrderCreated"})


MUST_BE_STRING = "match pattern must be a string"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("[]", "Filter is not an object"),
        ('"text"', "Filter is not an object"),
        (["a"], "Filter is not an object"),
        ("{}", "Empty objects are not allowed"),
        ('{"detail": {}}', "Empty objects are not allowed"),
        ('{"source": []}', "Empty arrays are not allowed"),
        ('{"source": "aws.ec2"}', '"source" must be an object or an array'),
        ('{"source": [["nested"]]}', "Match value must be String, number, true, false, or null"),
        ('{"source": [{}]}', "Match expression name not found"),
        ('{"source": [{"regex": "a.*"}]}', "Unrecognized match type regex"),
        ('{"source": [{"prefix": "a", "suffix": "b"}]}', "Only one key allowed in match expression"),
        ('{"source": [{"exists": "yes"}]}', "exists match pattern must be either true or false."),
        ('{"n": [{"exists": true, "prefix": "a"}]}', "Only one key allowed in match expression"),
        ('{"source": [{"prefix": {}}]}', "Prefix expression name not found"),
        ('{"source": [{"suffix": {"wildcard": "a"}}]}', "Unsupported suffix pattern: wildcard"),
        ('{"v": [{"prefix": {"equals-ignore-case": 1}}]}', f"equals-ignore-case {MUST_BE_STRING}"),
    ],
)
def test_structure_errors_use_aws_wording(pattern: Any, expected: str) -> None:
    assert reason(pattern) == expected


def test_deep_nesting_is_an_invalid_pattern_not_a_crash() -> None:
    assert reason('{"a":' * 5000 + "[1]" + "}" * 5000) == "Filter is nested too deeply"
    pattern: dict[str, Any] = {"a": [1]}
    for _ in range(5000):
        pattern = {"a": pattern}
    assert reason(pattern) == "Filter is nested too deeply"


def test_invalid_json_is_an_invalid_pattern() -> None:
    assert reason('{"source": [') != ""
    assert "NaN" in reason('{"n": [NaN]}')


# -- exact values ----------------------------------------------------------------------------------------


def test_exact_values_keep_their_json_types() -> None:
    pattern = {"v": ["1", 2, True, None]}
    assert matches(pattern, {"v": "1"})
    assert matches(pattern, {"v": 2.0})  # numbers compare as numbers
    assert matches(pattern, {"v": True})
    assert matches(pattern, {"v": None})
    assert not matches(pattern, {"v": 1})  # the pattern has the string "1", not the number
    assert not matches(pattern, {"v": "2"})
    assert not matches(pattern, {"v": "true"})
    assert not matches({"v": [1]}, {"v": True})  # True is not the number 1
    assert not matches({"v": [True]}, {"v": 1})


def test_empty_string_and_null_are_values() -> None:
    assert matches({"v": [""]}, {"v": ""})
    assert not matches({"v": [""]}, {})
    assert not matches({"v": [""]}, {"v": None})
    assert matches({"v": [None]}, {"v": None})
    assert not matches({"v": [None]}, {})


def test_field_names_are_case_sensitive() -> None:
    assert not matches({"Source": ["a"]}, {"source": "a"})


# -- arrays, nesting, dotted names -----------------------------------------------------------------------


def test_an_event_array_matches_if_any_element_does() -> None:
    assert matches({"resources": ["b", "z"]}, {"resources": ["a", "b"]})
    assert matches({"v": [3]}, {"v": [[1, 2], [3]]})
    assert not matches({"resources": ["z"]}, {"resources": ["a", "b"]})
    assert not matches({"resources": ["a"]}, {"resources": []})


def test_fields_under_an_array_must_come_from_one_element() -> None:
    pattern = {"items": {"sku": ["A"], "qty": [2]}}
    assert matches(pattern, {"items": [{"sku": "B", "qty": 2}, {"sku": "A", "qty": 2}]})
    assert not matches(pattern, {"items": [{"sku": "A", "qty": 1}, {"sku": "B", "qty": 2}]})


def test_nested_objects_and_dotted_names_are_the_same_path() -> None:
    event = {"detail": {"state": {"status": "running"}}}
    assert matches({"detail": {"state": {"status": ["running"]}}}, event)
    assert matches({"detail.state.status": ["running"]}, event)
    assert matches({"detail": {"state.status": ["running"]}}, event)
    assert matches({"detail": {"state.status": ["running"]}}, {"detail": {"state.status": "running"}})
    assert not matches({"detail": {"state": ["running"]}}, event)  # an object is not a leaf value


def test_python_containers_and_subclasses_read_as_their_json_values() -> None:
    class Code(IntEnum):
        OK = 200

    pattern = compile_pattern({"detail": {"code": [200], "tags": ["x"]}})
    assert pattern.matches(MappingProxyType({"detail": OrderedDict(code=Code.OK, tags=("y", "x"))}))
    assert not pattern.matches({"detail": {"code": object(), "tags": ["x"]}})


def test_a_later_value_list_for_the_same_path_replaces_the_earlier_one() -> None:
    pattern = {"a.b": [1], "a": {"b": [2]}}
    assert matches(pattern, {"a": {"b": 2}})
    assert not matches(pattern, {"a": {"b": 1}})


def test_a_json_string_is_not_parsed_as_an_object() -> None:
    assert not matches({"detail": {"k": ["v"]}}, {"detail": '{"k": "v"}'})


# -- prefix, suffix, equals-ignore-case, wildcard ---------------------------------------------------------


def test_prefix_and_suffix_match_strings_only() -> None:
    assert matches({"v": [{"prefix": "us-"}]}, {"v": "us-east-1"})
    assert matches({"v": [{"prefix": ""}]}, {"v": "anything"})
    assert not matches({"v": [{"prefix": "us-"}]}, {"v": "eu-west-1"})
    assert not matches({"v": [{"prefix": "1"}]}, {"v": 12})
    assert matches({"v": [{"suffix": ".png"}, {"suffix": ".jpg"}]}, {"v": "a.jpg"})
    assert not matches({"v": [{"suffix": ".png"}]}, {"v": "a.PNG"})


def test_ignore_case_forms() -> None:
    assert matches({"v": [{"prefix": {"equals-ignore-case": "EventB"}}]}, {"v": "eventbridge"})
    assert matches({"v": [{"suffix": {"equals-ignore-case": ".PNG"}}]}, {"v": "a.png"})
    assert matches({"v": [{"equals-ignore-case": "Alice"}]}, {"v": "ALICE"})
    assert not matches({"v": [{"equals-ignore-case": "Alice"}]}, {"v": "Alicia"})
    assert not matches({"v": [{"equals-ignore-case": "1"}]}, {"v": 1})


@pytest.mark.parametrize(
    ("wildcard", "value", "expected"),
    [
        ("*.png", "a.png", True),
        ("*.png", ".png", True),  # a star may match nothing
        ("*.png", "a.png.bak", False),
        ("a*b*c", "abc", True),
        ("a*b*c", "aXbYbZc", True),
        ("a*b*c", "aXcYb", False),
        ("ab*ba", "aba", False),  # the prefix and suffix may not overlap
        ("*", "", True),
        ("", "", True),
        ("", "x", False),
        (r"a\*b", "a*b", True),
        (r"a\*b", "aXb", False),
        (r"a\\*", "a\\tail", True),
    ],
)
def test_wildcard_matching(wildcard: str, value: str, expected: bool) -> None:
    assert matches({"v": [{"wildcard": wildcard}]}, {"v": value}) is expected


def test_wildcard_errors_name_the_position() -> None:
    assert reason({"v": [{"wildcard": "a**"}]}) == "Consecutive wildcard characters at pos 2"
    assert reason({"v": [{"wildcard": "é**"}]}) == "Consecutive wildcard characters at pos 3"  # UTF-8 bytes
    assert reason({"v": [{"wildcard": r"a\b"}]}) == "Invalid escape character at pos 2"
    assert reason({"v": [{"anything-but": {"wildcard": ["ok", "x**"]}}]}) == (
        "Consecutive wildcard characters at pos 2"
    )


TOO_COMPLEX = (
    "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences "
    "after a wildcard character"
)


def test_wildcard_complexity_limit() -> None:
    assert reason({"arn": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}) == TOO_COMPLEX
    compile_pattern({"arn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]})
    stacks = ["Network", "Database", "Service", "Monitoring"]
    three = [{"wildcard": f"*:stack/{name}/*"} for name in stacks[:3]]
    compile_pattern({"detail": {"stack-id": three}})
    four = [{"wildcard": f"*:stack/{name}/*"} for name in stacks]
    assert reason({"detail": {"stack-id": four}}) == TOO_COMPLEX


def test_wildcard_complexity_counts_values_of_one_field_together() -> None:
    compile_pattern({"a": [{"wildcard": "*:*:*:x"}], "b": [{"wildcard": "*:*:*:y"}]})
    pattern = {"a": [{"wildcard": "*:*:*:x"}], "$or": [{"a": [{"wildcard": "*:*:*:y"}]}, {"c": [1]}]}
    assert reason(pattern) == TOO_COMPLEX


# -- anything-but ----------------------------------------------------------------------------------------


def test_anything_but_needs_a_present_value() -> None:
    pattern = {"state": [{"anything-but": "stopped"}]}
    assert matches(pattern, {"state": "running"})
    assert matches(pattern, {"state": None})
    assert matches(pattern, {"state": 5})
    assert matches(pattern, {"state": ["stopped", "running"]})  # some value is not "stopped"
    assert not matches(pattern, {"state": "stopped"})
    assert not matches(pattern, {})
    assert not matches(pattern, {"state": []})
    assert not matches(pattern, {"state": {"nested": "x"}})


def test_anything_but_numbers() -> None:
    assert not matches({"n": [{"anything-but": [100, 200]}]}, {"n": 200.0})
    assert matches({"n": [{"anything-but": [1]}]}, {"n": True})
    assert matches({"n": [{"anything-but": 1}]}, {"n": "1"})


def test_anything_but_with_operators() -> None:
    assert not matches({"v": [{"anything-but": {"prefix": ["a", "b"]}}]}, {"v": "bcd"})
    assert matches({"v": [{"anything-but": {"suffix": ".txt"}}]}, {"v": "a.md"})
    assert not matches({"v": [{"anything-but": {"equals-ignore-case": ["Stopped"]}}]}, {"v": "STOPPED"})
    assert matches({"v": [{"anything-but": {"equals-ignore-case": "Stopped"}}]}, {"v": "running"})
    assert not matches({"v": [{"anything-but": {"wildcard": "*/lib/*"}}]}, {"v": "/usr/lib/x"})
    assert matches({"v": [{"anything-but": {"prefix": []}}]}, {"v": "x"})


MIXED_TYPES = "Inside anything but list, either all values are number or string, mixed type is not supported"


@pytest.mark.parametrize(
    ("operand", "expected"),
    [
        (["a", 1], MIXED_TYPES),
        ([], MIXED_TYPES),
        ([True], "Inside anything but list, start|null|boolean is not supported."),
        (True, "Value of anything-but must be an array or single string/number value."),
        ({"exists": True}, "Unsupported anything-but pattern: exists"),
        ({}, "Anything-But expression name not found"),
        ({"suffix": ["ok", ""]}, "Null prefix/suffix not allowed"),
        ({"prefix": "a", "suffix": "b"}, "Too many elements in numeric expression"),
    ],
)
def test_anything_but_errors(operand: Any, expected: str) -> None:
    assert reason({"v": [{"anything-but": operand}]}) == expected


# -- numeric ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("terms", "inside", "outside"),
    [
        (["=", 5], [5, 5.0], [4.999, "5", True]),
        ([">", 0, "<=", 5], [0.001, 5], [0, 5.001]),
        ([">=", 0, "<", 5], [0, 4.9], [-1, 5]),
        (["<", -1.5], [-2, -1e9], [-1.5, 0]),
        (["<=", 10], [10], [10.01]),
        ([">", 1e9], [10**12], [1e9]),
    ],
)
def test_numeric_ranges(terms: list[Any], inside: list[Any], outside: list[Any]) -> None:
    pattern = compile_pattern({"n": [{"numeric": terms}]})
    assert all(pattern.matches({"n": value}) for value in inside)
    assert not any(pattern.matches({"n": value}) for value in outside)
    assert not pattern.matches({})


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        ("5", "Value of numeric must be an array."),
        ([], "Invalid member in numeric match: ]"),
        ([5], "Invalid member in numeric match: 5"),
        (["!=", 5], "Unrecognized numeric range operator: !="),
        (["=", "5"], "Value of equals must be numeric"),
        (["=", 5, 6], "Too many elements in numeric expression"),
        (["<", 5, ">", 1], "Too many elements in numeric expression"),
        ([">", 5, 6], "Bad value in numeric range: 6"),
        ([">", 5, "<", 1], "Bottom must be less than top"),
        ([">", 0, "<", 5, 6], "Too many terms in numeric range expression"),
    ],
)
def test_numeric_errors(terms: Any, expected: str) -> None:
    assert reason({"n": [{"numeric": terms}]}) == expected


# -- exists ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "present"),
    [
        ({"k": "v"}, True),
        ({"k": None}, True),
        ({"k": ["v"]}, True),
        ({}, False),
        ({"k": []}, False),
        ({"k": {"nested": 1}}, False),  # exists looks at leaf values only
        ({"k": [{"nested": 1}]}, False),
    ],
)
def test_exists(event: dict[str, Any], present: bool) -> None:
    assert matches({"k": [{"exists": True}]}, event) is present
    assert matches({"k": [{"exists": False}]}, event) is not present


def test_exists_false_under_a_missing_parent() -> None:
    assert matches({"detail": {"k": [{"exists": False}]}}, {"source": "x"})
    assert matches({"detail": {"k": [{"exists": False}]}}, {"detail": "text"})


# -- cidr and IP literals --------------------------------------------------------------------------------


def test_cidr_ipv4_and_ipv6() -> None:
    v4 = compile_pattern({"ip": [{"cidr": "10.0.0.0/24"}]})
    assert v4.matches({"ip": "10.0.0.255"})
    assert not v4.matches({"ip": "10.0.1.0"})
    assert not v4.matches({"ip": "10.0.0.256"})
    assert not v4.matches({"ip": "2001:db8::1"})
    v6 = compile_pattern({"ip": [{"cidr": "2001:db8::/32"}]})
    assert v6.matches({"ip": "2001:DB8:0:0:0:0:0:7"})
    assert not v6.matches({"ip": "2001:db9::1"})


def test_cidr_keeps_the_given_address_as_the_bottom() -> None:
    pattern = compile_pattern({"ip": [{"cidr": "10.0.0.5/24"}]})  # AWS does not clear the host bits
    assert pattern.matches({"ip": "10.0.0.200"})
    assert not pattern.matches({"ip": "10.0.0.4"})


def test_ip_literals_compare_as_addresses() -> None:
    assert matches({"ip": ["2001:DB8::1"]}, {"ip": "2001:db8:0::1"})
    assert matches({"ip": ["10.0.0.1"]}, {"ip": "10.0.0.1"})


@pytest.mark.parametrize(
    ("cidr", "expected"),
    [
        ("10.0.0.0", "Malformed CIDR, one '/' required"),
        ("10.0.0.0/", "Malformed CIDR, one '/' required"),
        ("10.0.0.0/x", "Malformed CIDR, mask bits must be an integer"),
        ("10.0.0.0/-1", "Malformed CIDR, mask bits must not be negative"),
        ("10.0.0.0/32", "IPv4 mask bits must be < 32"),
        ("::/128", "IPv6 mask bits must be < 128"),
        ("300.0.0.0/8", "Invalid IP address: 300.0.0.0"),
        ("host.example/8", "Nonstandard IP address: host.example"),
    ],
)
def test_cidr_errors(cidr: str, expected: str) -> None:
    assert reason({"ip": [{"cidr": cidr}]}) == expected


# -- $or -------------------------------------------------------------------------------------------------


def test_or_at_the_top_and_nested() -> None:
    pattern = {
        "source": ["shop"],
        "$or": [{"detail-type": ["OrderCreated"]}, {"detail": {"total": [{"numeric": [">", 100]}]}}],
    }
    assert matches(pattern, {"source": "shop", "detail-type": "OrderCreated"})
    assert matches(pattern, {"source": "shop", "detail-type": "OrderPaid", "detail": {"total": 120}})
    assert not matches(pattern, {"source": "shop", "detail-type": "OrderPaid", "detail": {"total": 80}})
    assert not matches(pattern, {"source": "other", "detail-type": "OrderCreated"})
    nested = {"detail": {"$or": [{"a": [1]}, {"b": [2]}], "c": [3]}}
    assert matches(nested, {"detail": {"b": 2, "c": 3}})
    assert not matches(nested, {"detail": {"b": 2, "c": 4}})


def test_or_alternatives_stay_within_one_array_element() -> None:
    pattern = {"items": {"$or": [{"a": [1], "b": [2]}, {"c": [3]}]}}
    assert matches(pattern, {"items": [{"a": 1, "b": 2}]})
    assert not matches(pattern, {"items": [{"a": 1}, {"b": 2}]})


def test_a_malformed_or_is_an_ordinary_field_name() -> None:
    assert matches({"$or": {"k": ["v"]}}, {"$or": {"k": "v"}})
    assert matches({"$or": ["x", "y"]}, {"$or": "y"})
    assert matches({"$or": [{"prefix": "a"}, {"suffix": "z"}]}, {"$or": "abc"})
    assert reason({"$or": [{"k": ["v"]}]}) == "Unrecognized match type k"


# -- fuzzing ---------------------------------------------------------------------------------------------

KEYS = st.sampled_from(["a", "b", "a.b", "", "$or", "prefix", "anything-but", "numeric", "exists"])
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6)
    | st.sampled_from(["*", "a*b", "**", "\\", "10.0.0.1", "10.0.0.0/8", "=", ">", "<="])
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS | st.text(max_size=3), children),
    max_leaves=25,
)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(JSON_VALUES)
def test_compiling_any_json_value_raises_only_invalid_event_pattern(value: Any) -> None:
    for candidate in (value, json.dumps(value)):
        try:
            compile_pattern(candidate)
        except InvalidEventPattern as error:
            message = error.message
        else:
            continue
        assert message.startswith("Event pattern is not valid. Reason: ")


@FUZZ
@given(st.text(max_size=40))
def test_compiling_any_text_raises_only_invalid_event_pattern(text: str) -> None:
    with contextlib.suppress(InvalidEventPattern):
        compile_pattern(text)


STRINGS = st.text(alphabet="ab.*-/", max_size=5)
CONDITIONS = st.one_of(
    SCALARS,
    st.builds(lambda s: {"prefix": s}, STRINGS),
    st.builds(lambda s: {"suffix": {"equals-ignore-case": s}}, STRINGS),
    st.builds(lambda s: {"equals-ignore-case": s}, STRINGS),
    st.builds(lambda s: {"wildcard": s}, STRINGS),
    st.builds(lambda s: {"anything-but": s}, STRINGS | st.integers() | st.lists(STRINGS, min_size=1)),
    st.builds(lambda s: {"anything-but": {"prefix": s}}, STRINGS.filter(bool)),
    st.builds(lambda s: {"anything-but": {"wildcard": [s]}}, STRINGS),
    st.builds(lambda low, high: {"numeric": [">", low, "<=", high]}, st.integers(), st.floats(-1e6, 1e6)),
    st.builds(lambda flag: {"exists": flag}, st.booleans()),
    st.sampled_from([{"cidr": "10.0.0.0/8"}, {"cidr": "2001:db8::/32"}]),
)
VALUE_LISTS = st.lists(CONDITIONS, min_size=1, max_size=3)
PATTERNS = st.recursive(
    st.dictionaries(st.sampled_from(["a", "b", "a.b", "c"]), VALUE_LISTS, min_size=1),
    lambda children: st.dictionaries(
        st.sampled_from(["a", "b", "d", "$or"]),
        children | st.lists(children, min_size=2, max_size=3),
        min_size=1,
    ),
    max_leaves=6,
)
EVENTS = st.dictionaries(st.sampled_from(["a", "b", "a.b", "c", "d", "$or"]), JSON_VALUES, max_size=5)


@FUZZ
@given(PATTERNS, EVENTS)
def test_matching_any_event_against_a_valid_pattern_never_raises(pattern: dict[str, Any], event: Any) -> None:
    try:
        compiled = compile_pattern(pattern)
    except InvalidEventPattern:
        assume(False)
    assert compiled.matches(event) in (True, False)
    assert compiled.matches({"detail": event, "a": [event, [event]]}) in (True, False)
