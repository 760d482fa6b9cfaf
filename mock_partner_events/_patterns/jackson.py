"""Why a malformed event pattern is not JSON, in the words of the parser AWS uses (Jackson, read by event-ruler).

AWS answers e.g. `Event pattern is not valid. Reason: Unrecognized token 'this': was expecting (JSON String,
Number, Array, Object or token 'null', 'true' or 'false')` followed by Jackson's location line
`\n at [Source: (String)"this is..."; line: 1, column: 5]`. This scanner reads the text the way Jackson's
ReaderBasedJsonParser does (default features: no comments, no single quotes, no NaN) and stops at the first
problem, with Jackson's message and the line and column Jackson reports (1-based; the column is the one after
the character or token that broke the text). It reads only the first JSON value: event-ruler closes the parser
after the pattern's object, so text after it is never read.

It runs only on text the standard library's parser refused, so it needs no speed.
"""

from __future__ import annotations

from typing import NamedTuple, NoReturn

VALUE_LIST = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
NON_NUMERIC = "Non-standard token '{}': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"
_SNIPPET = 500  # Jackson quotes at most this many characters of the source
_TOKEN_MAX = 256
_WHITESPACE = " \t\n\r"
_ESCAPES = '"\\/bfnrtu'
_HEX = "0123456789abcdefABCDEF"


_FIRST_NAME, _FIRST_ELEMENT, _AFTER_VALUE, _DONE = "first name", "first element", "after value", "done"


class SyntaxProblem(NamedTuple):
    reason: str  # Jackson's message, without the location line
    location: str  # "\n at [Source: ...; line: L, column: C]"


class _Stop(Exception):  # noqa: N818 (internal signal, not an error type)
    def __init__(self, reason: str, line: int, column: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.column = column


class _Context(NamedTuple):
    kind: str  # "Object" or "Array", as Jackson names them
    line: int
    column: int  # of the opening bracket


def first_problem(text: str) -> SyntaxProblem | None:
    """Jackson's complaint about `text`, or None when its first JSON value is well-formed (or there is none)."""
    try:
        _Scanner(text).read_value()
    except _Stop as stop:
        return SyntaxProblem(stop.reason, location(text, stop.line, stop.column))
    return None


def location(text: str, line: int, column: int) -> str:
    """Jackson's location line: `\n at [Source: (String)"..."; line: 1, column: 5]`."""
    return f"\n at {source(text)}; line: {line}, column: {column}]"


def source(text: str) -> str:
    if len(text) <= _SNIPPET:
        return f'[Source: (String)"{text}"'
    return f'[Source: (String)"{text[:_SNIPPET]}"[truncated {len(text) - _SNIPPET} chars]'


def char_description(char: str) -> str:
    """How Jackson names a character in a message: `'x' (code 120)`, `(CTRL-CHAR, code 10)`."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"(CTRL-CHAR, code {code})"
    if code > 255:
        return f"'{char}' (code {code} / 0x{code:x})"
    return f"'{char}' (code {code})"


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.line_start = 0  # Jackson counts lines only where it skips white space, as here
        self.stack: list[_Context] = []

    # -- structure -----------------------------------------------------------------------------------------

    def read_value(self) -> None:
        """The first value of the text, iteratively (a pattern may nest deeply): each step reads one token and
        says what comes next."""
        char = self._next_or_end()
        if char is None:
            return  # no content: event-ruler then says "Filter is not an object"
        step = self._value(char, after_colon=False)
        while step != _DONE:
            if step == _FIRST_NAME:
                char = self._next_or_eof()
                step = self._close() if char == "}" else self._name(char)
            elif step == _FIRST_ELEMENT:
                char = self._next_or_eof()
                step = self._close() if char == "]" else self._value(char, after_colon=False)
            else:
                step = self._after_value() if self.stack else _DONE

    def _value(self, char: str, after_colon: bool) -> str:
        if char == "{":
            self.stack.append(_Context("Object", self.line, self.pos - self.line_start))
            return _FIRST_NAME
        if char == "[":
            self.stack.append(_Context("Array", self.line, self.pos - self.line_start))
            return _FIRST_ELEMENT
        if char == '"':
            self._string("string value")
        elif char == "-" or char.isdigit():
            self._number(char)
        elif char in "tfn":
            self._keyword({"t": "true", "f": "false", "n": "null"}[char])
        elif char == "}" and (after_colon or self._in("Array")):
            self._unexpected(char, "expected a value")
        else:
            self._odd_value(char)
        return _AFTER_VALUE

    def _close(self) -> str:
        self.stack.pop()
        return _AFTER_VALUE

    def _name(self, char: str) -> str:
        if char != '"':
            self._unexpected(char, "was expecting double-quote to start field name")
        self._string("name")
        colon = self._next_or_end()
        if colon is None:
            self._stop(f"Unexpected end-of-input within/between {self.stack[-1].kind} entries")
        if colon != ":":
            self._unexpected(colon, "was expecting a colon to separate field name and value")
        value = self._next_or_end()
        if value is None:
            self._stop(f"Unexpected end-of-input within/between {self.stack[-1].kind} entries")
        return self._value(value, after_colon=True)

    def _after_value(self) -> str:
        context = self.stack[-1]
        char = self._next_or_eof()
        closer = "}" if context.kind == "Object" else "]"
        if char == closer:
            return self._close()
        if char in "}]":
            self._stop(
                f"Unexpected close marker '{char}': expected '{closer}' (for {context.kind} starting at "
                f"{source(self.text)}; line: {context.line}, column: {context.column}])"
            )
        if char != ",":
            self._unexpected(char, f"was expecting comma to separate {context.kind} entries")
        if context.kind == "Object":
            return self._name(self._next_or_eof())
        return self._value(self._next_or_eof(), after_colon=False)

    # -- tokens --------------------------------------------------------------------------------------------

    def _string(self, what: str) -> None:
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            self.pos += 1
            if char == '"':
                return
            if char == "\\":
                self._escape(what)
            elif char < " ":
                self._stop(
                    f"Illegal unquoted character ({char_description(char)}): has to be escaped using backslash to "
                    f"be included in {what}"
                )
        if what == "name":
            self._stop("Unexpected end-of-input in field name")
        self._stop("Unexpected end-of-input: was expecting closing quote for a string value")

    def _escape(self, what: str) -> None:
        if self.pos >= len(self.text):
            self._stop("Unexpected end-of-input in character escape sequence")
        char = self.text[self.pos]
        self.pos += 1
        if char not in _ESCAPES:
            self._stop(f"Unrecognized character escape {char_description(char)}")
        if char == "u":
            for _ in range(4):
                if self.pos >= len(self.text):
                    self._stop("Unexpected end-of-input in character escape sequence")
                digit = self.text[self.pos]
                self.pos += 1
                if digit not in _HEX:
                    self._unexpected(digit, "expected a hex-digit for character escape sequence")

    def _number(self, first: str) -> None:
        if first == "-":
            char = self._peek()
            if char == "I" and self.text.startswith("Infinity", self.pos):
                self._non_numeric("Infinity", self.pos)
            if char is None or not char.isdigit():
                self._number_problem(char, "expected digit (0-9) to follow minus sign, for valid numeric value")
            first = self._take()
        if first == "0" and (self._peek() or "").isdigit():
            self._stop("Invalid numeric value: Leading zeroes not allowed")
        self._digits()
        if self._peek() == ".":
            self.pos += 1
            if not (self._peek() or "").isdigit():
                self._number_problem(self._peek(), "Decimal point not followed by a digit")
            self._digits()
        if self._peek() in ("e", "E"):
            self.pos += 1
            if self._peek() in ("+", "-"):
                self.pos += 1
            if not (self._peek() or "").isdigit():
                self._number_problem(self._peek(), "Exponent indicator not followed by a digit")
            self._digits()

    def _digits(self) -> None:
        while (self._peek() or "").isdigit():
            self.pos += 1

    def _number_problem(self, char: str | None, problem: str) -> NoReturn:
        if char is None:
            self._stop("Unexpected end-of-input in a Number value")
        self.pos += 1
        self._stop(f"Unexpected character ({char_description(char)}) in numeric value: {problem}")

    def _keyword(self, word: str) -> None:
        """true / false / null, whose first letter was read; anything else is an unrecognized token."""
        start = self.pos - 1
        for expected in word[1:]:
            if self._peek() != expected:
                self._invalid_token(start)
            self.pos += 1
        if _identifier_part(self._peek()):
            self._invalid_token(start)

    def _odd_value(self, char: str) -> None:
        start = self.pos - 1
        for word in ("NaN", "Infinity"):
            if char == word[0]:
                self._non_numeric(word, start)
        if char.isalpha() or char in "_$":
            self._invalid_token(start)
        self._unexpected(char, f"expected a valid value {VALUE_LIST}")

    def _non_numeric(self, word: str, start: int) -> NoReturn:
        """NaN or Infinity spelled out (after `start`): Jackson refuses them by name; else a bad bare word."""
        end = start + len(word)
        if self.text.startswith(word, start) and not _identifier_part(self._peek_at(end)):
            self.pos = end
            self._stop(NON_NUMERIC.format(self.text[start - 1 : end] if self._peek_at(start - 1) == "-" else word))
        self._invalid_token(start)

    def _invalid_token(self, start: int) -> NoReturn:
        """Jackson's report of a bad bare word: the word as far as it looks like an identifier."""
        end = self.pos
        while end < len(self.text) and _identifier_part(self.text[end]) and end - start < _TOKEN_MAX:
            end += 1
        token = self.text[start:end] + ("..." if end - start >= _TOKEN_MAX else "")
        self.pos = end
        self._stop(f"Unrecognized token '{token}': was expecting {VALUE_LIST}")

    # -- characters ----------------------------------------------------------------------------------------

    def _next_or_end(self) -> str | None:
        """The next character after white space, consumed; None at the end of the text."""
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            self.pos += 1
            if char == "\n" or (char == "\r" and text[self.pos : self.pos + 1] != "\n"):
                self.line += 1
                self.line_start = self.pos
            if char not in _WHITESPACE:
                if char < " ":
                    self._stop(
                        f"Illegal character ({char_description(char)}): only regular white space (\\r, \\n, \\t) "
                        "is allowed between tokens"
                    )
                return char
        return None

    def _next_or_eof(self) -> str:
        """The next character inside an object or array; the end of the text there is Jackson's EOF error."""
        char = self._next_or_end()
        if char is None:
            context = self.stack[-1]
            self._stop(
                f"Unexpected end-of-input: expected close marker for {context.kind} (start marker at "
                f"{source(self.text)}; line: {context.line}, column: {context.column}])"
            )
        return char

    def _peek(self) -> str | None:
        return self._peek_at(self.pos)

    def _peek_at(self, index: int) -> str | None:
        return self.text[index] if index < len(self.text) else None

    def _take(self) -> str:
        char = self.text[self.pos]
        self.pos += 1
        return char

    def _in(self, kind: str) -> bool:
        return bool(self.stack) and self.stack[-1].kind == kind

    def _unexpected(self, char: str, comment: str) -> NoReturn:
        self._stop(f"Unexpected character ({char_description(char)}): {comment}")

    def _stop(self, reason: str) -> NoReturn:
        raise _Stop(reason, self.line, self.pos - self.line_start + 1)


def _identifier_part(char: str | None) -> bool:
    """Java's Character.isJavaIdentifierPart, near enough: letters, digits, '_' and '$'."""
    return char is not None and (char.isalnum() or char in "_$")
