"""String lengths as AWS's Java front end counts them: in UTF-16 code units.

A character outside the Basic Multilingual Plane (most emoji) is two units in Java, one code point in Python,
so 128 emoji are 256 units: over a 128 limit on AWS although `len()` says 128.
"""

from __future__ import annotations


def utf16_length(text: str) -> int:
    """Java's `String.length()` for `text` (a lone surrogate, which JSON can escape, is one unit)."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def length_within(text: str, low: float, high: float) -> bool:
    """Whether `low <= utf16_length(text) <= high`, without encoding when code points already decide it.

    The UTF-16 length lies between `len(text)` and `2 * len(text)`, so only a string near a bound is counted.
    """
    points = len(text)
    if points > high:
        return False
    if points >= low and 2 * points <= high:
        return True
    return low <= utf16_length(text) <= high
