"""Python shortcuts that set up the partner world in one line (filled in by the world issue)."""

from __future__ import annotations


class WorldShortcuts:
    """Mixed into PartnerEventsMock: concise equivalents of the AWS lifecycle operations."""
