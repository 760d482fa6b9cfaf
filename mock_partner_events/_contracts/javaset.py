"""The iteration order of a Java `HashSet<String>`, which is the order of every `required` list AWS discovers.

AWS's discovery inserts an object's keys into a `HashSet<String>` in alphabetical order and writes the set out as
it iterates. Java's HashMap spreads `String.hashCode()` as `h ^ (h >>> 16)`, indexes a table of 16 buckets with
`hash & (n - 1)`, doubles the table when the size passes 0.75 of it, and keeps each bucket's chain in insertion
order (a resize splits chains without reordering them). Iterating walks the buckets in index order.

Not modelled: a bucket of 8 or more keys in a table of 64 or more becomes a red-black tree in Java; its iteration
order then depends on tree insertion. No event key set realistic for discovery gets there.
"""

from __future__ import annotations

from collections.abc import Iterable

_INITIAL_BUCKETS = 16
_LOAD_FACTOR = 0.75


def java_string_hash(text: str) -> int:
    """Java's `String.hashCode()`: `s[0]*31^(n-1) + ... + s[n-1]` over UTF-16 code units, as a signed 32-bit int."""
    units = text.encode("utf-16-be")
    value = 0
    for index in range(0, len(units), 2):
        value = (value * 31 + (units[index] << 8 | units[index + 1])) & 0xFFFFFFFF
    return value - (1 << 32) if value & 0x80000000 else value


def _spread(text: str) -> int:
    """HashMap.hash: the high half of the hash folded into the low half (on the unsigned 32-bit pattern)."""
    unsigned = java_string_hash(text) & 0xFFFFFFFF
    return unsigned ^ (unsigned >> 16)


def java_sort_key(text: str) -> bytes:
    """`String.compareTo` order: by UTF-16 code units (differs from Python's order only above U+FFFF)."""
    return text.encode("utf-16-be")


def hash_set_order(keys: Iterable[str]) -> list[str]:
    """The keys as a `HashSet<String>` iterates them after inserting them in the given order (duplicates once)."""
    unique = list(dict.fromkeys(keys))
    buckets = _INITIAL_BUCKETS
    while len(unique) > buckets * _LOAD_FACTOR:
        buckets *= 2
    table: list[list[str]] = [[] for _ in range(buckets)]
    for key in unique:
        table[_spread(key) & (buckets - 1)].append(key)
    return [key for chain in table for key in chain]


def discovery_required_order(keys: Iterable[str]) -> list[str]:
    """AWS's `required` order: the keys inserted alphabetically into a Java HashSet, then iterated."""
    return hash_set_order(sorted(keys, key=java_sort_key))
