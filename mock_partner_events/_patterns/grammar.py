"""Parsing and validation of EventBridge event patterns, with AWS's own error messages.

EventBridge validates patterns with AWS's event-ruler library. The checks here follow its rule compiler in
the order it reads the JSON, so the first problem found is the one AWS reports, worded as AWS words it.
This module turns each value list of a pattern into plain `Condition` records; `_patterns` turns those
into matching closures.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple, NoReturn

from mock_partner_events._patterns.jackson import first_problem

__all__ = [
    "AnythingBut",
    "Condition",
    "InvalidEventPattern",
    "fail",
    "ip_literal",
    "is_or_primitive",
    "parse_pattern_text",
    "parse_value_list",
]

_REASON_PREFIX = "Event pattern is not valid. Reason: "
_NUMBER_TYPES = frozenset({int, float})
# Field names event-ruler reserves inside "$or" objects; an "$or" that uses one is read as a plain field.
_RESERVED_IN_OR = frozenset(
    {
        *("exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard"),
        *("numeric", "cidr", "=", "<", "<=", ">", ">=", "regex", "not-wildcard", "not-equals-ignore-case"),
        *("date-after", "date-on-or-after", "date-before", "date-on-or-before", "in-date-range"),
        *("ip-address-in-range", "ip-address-not-in-range"),
    }
)
_ANYTHING_BUT_KINDS = {
    "equals-ignore-case": "equals-ic",
    "prefix": "prefix",
    "suffix": "suffix",
    "wildcard": "wildcard",
}
_IPV4_SHAPE = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+")
_IPV6_SHAPE = re.compile(r"[0-9a-fA-F:]*:[0-9a-fA-F:]*")
_JAVA_INT = re.compile(r"[+-]?[0-9]+")
_NOT_STRING_IC = "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."
_END = object()  # stands for the closing bracket of a JSON array, which AWS names in some messages


class InvalidEventPattern(ValueError):  # noqa: N818 (the name the package contract uses)
    """A pattern AWS would refuse (its InvalidEventPatternException), wherever a pattern is accepted.

    ``message`` is the full message AWS returns, for example 'Event pattern is not valid. Reason: prefix match
    pattern must be a string'; the AWS-facing answers use it verbatim. ``str(error)`` is the Python-side report:
    prefixed like every error of this package, naming the argument and how a pattern is written.
    """

    def __init__(self, message: str, *, argument: str = "the pattern") -> None:
        super().__init__(message)
        self.message = message
        self.argument = argument

    def __str__(self) -> str:
        return (
            f"mock-partner-events: {self.argument} is not a valid EventBridge event pattern; AWS would answer "
            f"InvalidEventPatternException: {self.message} (a pattern maps each field to a list of the values "
            'it matches, or to a nested object of such fields, e.g. {"detail": {"order_id": [1]}})'
        )

    def for_argument(self, argument: str) -> InvalidEventPattern:
        """The same complaint, naming the argument the pattern came in (`where=`, `pattern=`)."""
        return InvalidEventPattern(self.message, argument=argument)


class Condition(NamedTuple):
    """One entry of a pattern's value list, e.g. ``Condition("prefix", "us-")``.

    kinds: exact, ip (bits, low, high), prefix, suffix, prefix-ic, suffix-ic, equals-ic, wildcard (the literal
    parts between the stars), numeric (low, low inclusive, high, high inclusive), exists (bool), anything-but.
    """

    kind: str
    operand: Any


class AnythingBut(NamedTuple):
    """kind: strings, numbers, prefix, suffix, equals-ic or wildcard; values: what must not match."""

    kind: str
    values: tuple[Any, ...]


def fail(reason: str) -> NoReturn:
    raise InvalidEventPattern(_REASON_PREFIX + reason)


def is_number(value: Any) -> bool:
    return type(value) in _NUMBER_TYPES


def _token_text(value: Any) -> str:
    """How AWS's JSON parser prints the token it stopped at."""
    if value is _END:
        return "]"
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return "{"
    if isinstance(value, list):
        return "["
    try:
        return json.dumps(value)
    except (TypeError, ValueError):  # not JSON, or an int too long to print
        return type(value).__name__


def parse_pattern_text(text: str) -> dict[str, Any]:
    """The pattern's JSON object, read as event-ruler reads it: its first JSON value, which must be an object
    (text after that object is never read); malformed JSON fails with Jackson's reason and location."""
    start = _WHITESPACE.match(text).end()  # type: ignore[union-attr]
    if text[start : start + 1] not in ("{", ""):
        _fail_unless_first_token_is_bad(text, start)
    try:
        parsed, _ = _PATTERN_DECODER.raw_decode(text, start)
    except ValueError:  # json.JSONDecodeError, or a NaN/Infinity the decoder refused
        problem = first_problem(text)
        fail("Filter is not an object" if problem is None else problem.reason + problem.location)
    except RecursionError:
        fail("Filter is nested too deeply")
    if not isinstance(parsed, dict):
        fail("Filter is not an object")
    return parsed


def _fail_unless_first_token_is_bad(text: str, start: int) -> NoReturn:
    """A pattern that does not start with `{`: event-ruler refuses it after reading one token, so only a broken
    first token (a bare word, say) gets Jackson's reason."""
    problem = None if text[start] in '["' else first_problem(text)
    fail("Filter is not an object" if problem is None else problem.reason + problem.location)


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not JSON")  # the scanner then words it as Jackson does


_PATTERN_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)
_WHITESPACE = re.compile(r"[ \t\n\r]*")


def is_or_primitive(value: Any) -> bool:
    """event-ruler treats "$or" as OR only if it holds two or more non-empty objects without reserved names;
    otherwise it falls back to reading "$or" as an ordinary field name."""
    return (
        isinstance(value, list)
        and len(value) >= 2
        and all(isinstance(item, Mapping) and item and _free_of_reserved_names(item) for item in value)
    )


def _free_of_reserved_names(obj: Mapping[Any, Any]) -> bool:
    for key, value in obj.items():
        if key in _RESERVED_IN_OR:
            return False
        if key == "$or" and not is_or_primitive(value):
            return False
        if isinstance(value, Mapping) and key != "$or" and not _free_of_reserved_names(value):
            return False
    return True


def parse_value_list(values: list[Any]) -> list[Condition]:
    """The conditions of one field's value list, any of which may match."""
    conditions = [_parse_value(value) for value in values]
    if not conditions:
        fail("Empty arrays are not allowed")
    return conditions


def _parse_value(value: Any) -> Condition:
    if isinstance(value, Mapping):
        return _parse_operator(value)
    if isinstance(value, str):
        address = ip_literal(value)  # AWS compares IP literals as addresses, not as text
        return Condition("ip", (address[0], address[1], address[1])) if address else Condition("exact", value)
    if value is None or isinstance(value, bool) or is_number(value):
        return Condition("exact", value)
    fail("Match value must be String, number, true, false, or null")


def _parse_operator(expression: Mapping[Any, Any]) -> Condition:
    if not expression:
        fail("Match expression name not found")
    name, operand = next(iter(expression.items()))
    parser = _OPERATOR_PARSERS.get(name)
    if parser is None:
        fail(f"Unrecognized match type {name}")
    condition = parser(operand)
    if len(expression) > 1:
        if name in ("numeric", "anything-but"):
            fail("Too many elements in numeric expression")
        fail("Only one key allowed in match expression")
    return condition


def _parse_prefix(operand: Any) -> Condition:
    return _parse_affix("prefix", operand)


def _parse_suffix(operand: Any) -> Condition:
    return _parse_affix("suffix", operand)


def _parse_affix(kind: str, operand: Any) -> Condition:
    if isinstance(operand, Mapping):
        if not operand:
            fail(f"{kind.capitalize()} expression name not found")
        inner_name, inner = next(iter(operand.items()))
        if inner_name != "equals-ignore-case":
            fail(f"Unsupported {kind} pattern: {inner_name}")
        if not isinstance(inner, str):
            fail("equals-ignore-case match pattern must be a string")
        if len(operand) > 1:
            fail("Only one key allowed in match expression")
        return Condition(f"{kind}-ic", inner)
    if not isinstance(operand, str):
        fail(f"{kind} match pattern must be a string")
    return Condition(kind, operand)


def _parse_equals_ignore_case(operand: Any) -> Condition:
    if not isinstance(operand, str):
        fail("equals-ignore-case match pattern must be a string")
    return Condition("equals-ic", operand)


def _parse_wildcard(operand: Any) -> Condition:
    if not isinstance(operand, str):
        fail("wildcard match pattern must be a string")
    return Condition("wildcard", wildcard_parts(operand))


def wildcard_parts(text: str) -> tuple[str, ...]:
    r"""The literal parts between the '*' of a wildcard value; '\*' and '\\' escape a star and a backslash.

    AWS reports positions as UTF-8 byte offsets into the value with its opening quote, hence the +1.
    """
    parts: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "*":
            if text.startswith("*", index + 1):
                fail(f"Consecutive wildcard characters at pos {_byte_offset(text, index) + 1}")
            parts.append("".join(current))
            current = []
        elif char == "\\":
            if index + 1 >= len(text) or text[index + 1] not in "*\\":
                fail(f"Invalid escape character at pos {_byte_offset(text, index) + 1}")
            index += 1
            current.append(text[index])
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return tuple(parts)


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", "surrogatepass"))


def _parse_exists(operand: Any) -> Condition:
    if not isinstance(operand, bool):
        fail("exists match pattern must be either true or false.")
    return Condition("exists", operand)


def _parse_numeric(operand: Any) -> Condition:
    if not isinstance(operand, list):
        fail("Value of numeric must be an array.")
    terms = [*operand, _END]
    operator = terms[0]
    if not isinstance(operator, str):
        fail(f"Invalid member in numeric match: {_token_text(operator)}")
    if operator not in ("=", "<", "<=", ">", ">="):
        fail(f"Unrecognized numeric range operator: {operator}")
    value = terms[1]
    if not is_number(value):
        fail(f"Value of {'equals' if operator == '=' else operator} must be numeric")
    if operator in (">", ">=") and len(terms) > 3:
        return Condition("numeric", _numeric_range(value, operator == ">=", terms[2:]))
    if len(terms) > 3:
        fail("Too many elements in numeric expression")
    inf = float("inf")
    bounds = {
        "=": (value, True, value, True),
        "<": (-inf, True, value, False),
        "<=": (-inf, True, value, True),
    }
    return Condition("numeric", bounds.get(operator, (value, operator == ">=", inf, True)))


def _numeric_range(low: Any, low_inclusive: bool, rest: list[Any]) -> tuple[Any, bool, Any, bool]:
    operator = rest[0]
    if not isinstance(operator, str):
        fail(f"Bad value in numeric range: {_token_text(operator)}")
    if operator not in ("<", "<="):
        fail(f"Bad numeric range operator: {operator}")
    high = rest[1] if len(rest) > 1 else _END
    if not is_number(high):
        fail(f"Value of {operator} must be numeric")
    if len(rest) > 3:
        fail("Too many terms in numeric range expression")
    if high <= low:
        fail("Bottom must be less than top")
    return low, low_inclusive, high, operator == "<="


def _parse_cidr(operand: Any) -> Condition:
    if not isinstance(operand, str):
        fail("prefix match pattern must be a string")  # sic: AWS reuses the prefix message here
    pieces = operand.split("/")
    while pieces and not pieces[-1]:  # Java's String.split drops trailing empty strings
        pieces.pop()
    if len(pieces) != 2:
        fail("Malformed CIDR, one '/' required")
    if not _JAVA_INT.fullmatch(pieces[1]) or len(pieces[1]) > 12 or not -(2**31) <= int(pieces[1]) < 2**31:
        fail("Malformed CIDR, mask bits must be an integer")
    mask = int(pieces[1])
    if mask < 0:
        fail("Malformed CIDR, mask bits must not be negative")
    try:
        bits, address = _ip_address(pieces[0])
    except ValueError as error:
        fail(str(error))
    if mask >= bits:
        fail(f"IPv{4 if bits == 32 else 6} mask bits must be < {bits}")
    # AWS keeps the given address as the bottom of the range (it does not clear the host bits).
    return Condition("ip", (bits, address, address | ((1 << (bits - mask)) - 1)))


def _ip_address(text: str) -> tuple[int, int]:
    """(32 or 128, the address as an int), read the way event-ruler reads IP literals."""
    if not (_IPV4_SHAPE.fullmatch(text) or _IPV6_SHAPE.fullmatch(text)):
        raise ValueError(f"Nonstandard IP address: {text}")
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        raise ValueError(f"Invalid IP address: {text}") from None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # Java's InetAddress turns IPv4-mapped IPv6 literals into IPv4
    return address.max_prefixlen, int(address)


@lru_cache(maxsize=4096)
def ip_literal(text: str) -> tuple[int, int] | None:
    """The (bits, address) of an IP literal, or None if ``text`` is not one."""
    try:
        return _ip_address(text)
    except ValueError:
        return None


def _parse_anything_but(operand: Any) -> Condition:
    kind = "plain"
    if isinstance(operand, Mapping):
        if not operand:
            fail("Anything-But expression name not found")
        inner_name, inner = next(iter(operand.items()))
        if inner_name not in _ANYTHING_BUT_KINDS:
            fail(f"Unsupported anything-but pattern: {inner_name}")
        kind = _ANYTHING_BUT_KINDS[inner_name]
        if not isinstance(inner, (str, list)) and not is_number(inner):
            fail("Value of anything-but must be an array or single string/number value.")
        values: tuple[Any, ...] = tuple(inner) if isinstance(inner, list) else (inner,)
        condition = _anything_but_strings(kind, values)
        if len(operand) > 1:
            fail("Too many elements in numeric expression")
        return condition
    if isinstance(operand, list):
        return _anything_but_list(operand)
    if isinstance(operand, str):
        return Condition("anything-but", AnythingBut("strings", (operand,)))
    if is_number(operand):
        return Condition("anything-but", AnythingBut("numbers", (operand,)))
    fail("Value of anything-but must be an array or single string/number value.")


def _anything_but_list(values: list[Any]) -> Condition:
    for value in values:
        if not isinstance(value, str) and not is_number(value):
            fail("Inside anything but list, start|null|boolean is not supported.")
    strings = all(isinstance(value, str) for value in values)
    if not values or (not strings and any(isinstance(value, str) for value in values)):
        fail("Inside anything but list, either all values are number or string, mixed type is not supported")
    return Condition("anything-but", AnythingBut("strings" if strings else "numbers", tuple(values)))


def _anything_but_strings(kind: str, values: tuple[Any, ...]) -> Condition:
    """anything-but with equals-ignore-case, prefix, suffix or wildcard: string values only."""
    for value in values:
        if not isinstance(value, str):
            if kind == "equals-ic":
                fail(_NOT_STRING_IC)
            fail(f"{'wildcard' if kind == 'wildcard' else 'prefix/suffix'} match pattern must be a string")
        if kind in ("prefix", "suffix") and not value:
            fail("Null prefix/suffix not allowed")
    if kind == "wildcard":
        values = tuple(wildcard_parts(value) for value in values)
    return Condition("anything-but", AnythingBut(kind, values))


_OPERATOR_PARSERS = {
    "prefix": _parse_prefix,
    "suffix": _parse_suffix,
    "equals-ignore-case": _parse_equals_ignore_case,
    "wildcard": _parse_wildcard,
    "numeric": _parse_numeric,
    "anything-but": _parse_anything_but,
    "exists": _parse_exists,
    "cidr": _parse_cidr,
}
