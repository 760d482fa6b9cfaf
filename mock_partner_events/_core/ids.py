"""EventIds and request ids: UUID-shaped, unique, and reproducible when the mock has a seed."""

from __future__ import annotations

import os
import random

# The digit that carries the RFC 4122 variant bits (10xx), for each random hex digit: what uuid.UUID(version=4)
# does to the bits, done on the text (several times faster than building UUID objects, on the hot path).
_VARIANT_DIGIT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


def seeded_random(seed: int | None) -> random.Random:
    """`random.Random(seed)`; unseeded, from 128 random bits.

    Unseeded, Random() would read 2.5 KB from os.urandom: 128 bits seed it at half the cost (every activation
    of a mock builds two: its ids' and its faults').
    """
    return random.Random(int.from_bytes(os.urandom(16), "big") if seed is None else seed)


class IdSource:
    def __init__(self, seed: int | None) -> None:
        self._bits = seeded_random(seed).getrandbits

    def new(self) -> str:
        """A random version-4 UUID string."""
        return self.many(1)[0]

    def many(self, count: int) -> list[str]:
        """`count` random version-4 UUID strings from one draw of random bits (a PutPartnerEvents call needs up
        to 20): the version digit is written as 4 and the variant digit mapped into 8-b, as UUID() does."""
        text = f"{self._bits(128 * count):0{32 * count}x}" if count else ""
        return [
            f"{text[at : at + 8]}-{text[at + 8 : at + 12]}-4{text[at + 13 : at + 16]}-"
            f"{_VARIANT_DIGIT[text[at + 16]]}{text[at + 17 : at + 20]}-{text[at + 20 : at + 32]}"
            for at in range(0, 32 * count, 32)
        ]
