"""Which mocks were activated inside another one, so that the outer mock's failed assertion can say so.

Combining `@mock_partner_events` with the `partner_events` fixture is the common case: the decorator's mock is
the innermost, answers every call, and the fixture's mock sees nothing. The activation stack notes, on each mock,
the mocks that became innermost while it was active (`shadowed_by`, a weak set: nothing is kept alive for it).
"""

from __future__ import annotations

import weakref
from typing import Any, Protocol


class Shadowed(Protocol):
    """A mock, as far as this note reads it."""

    shadowed_by: weakref.WeakSet[Any] | None


def shadow_note(mock: Shadowed) -> str:
    """A paragraph for a failed assertion on `mock` when inner mocks answered calls it never saw; else ""."""
    shadows = [inner for inner in list(mock.shadowed_by or ()) if inner.calls]
    if not shadows:
        return ""
    calls = sum(len(inner.calls) for inner in shadows)
    events = sum(len(inner.events) for inner in shadows)
    whom = "an inner mock" if len(shadows) == 1 else f"{len(shadows)} inner mocks"
    return (
        f"\n\nShadowed: this mock was shadowed by {whom} (a @mock_partner_events decorator, a `with` block or "
        f"start() inside this mock's activation), which answered {calls} call{'s' if calls != 1 else ''} "
        f"({events} event{'s' if events != 1 else ''} published) that this mock never saw. The innermost active "
        "mock answers every request: assert on that mock (current_mock() inside it), or use either the decorator "
        "or the partner_events fixture, not both."
    )
