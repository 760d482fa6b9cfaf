"""EventIds and request ids: UUID-shaped, unique, and reproducible when the mock has a seed."""

from __future__ import annotations

import random
import uuid


class IdSource:
    def __init__(self, seed: int | None) -> None:
        self._random = random.Random(seed)

    def new(self) -> str:
        return str(uuid.UUID(int=self._random.getrandbits(128), version=4))
