"""Run a callback when a module is imported, without importing it ourselves.

The optional integrations (aiobotocore, awscli's own botocore copy, moto) must hook into their library before
the user builds a client, yet importing those libraries eagerly would cost every user their import time. A
finder placed first on `sys.meta_path` sees each new import by name (one dict lookup for the imports it does
not watch), lets the other finders locate the module, and runs the callback right after the module executed.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from importlib.abc import Loader
    from importlib.machinery import ModuleSpec

Callback = Callable[[ModuleType], None]
Callbacks = list[Callback]


class _CallbackLoader:
    """Wraps the real loader: executes the module, then runs the callbacks on it. (Plain classes, not the
    importlib.abc ones: importing importlib.abc would cost every pytest session more than this whole module.)"""

    def __init__(self, loader: Any, callbacks: Callbacks) -> None:
        self._loader = loader
        self._callbacks = callbacks

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        module: ModuleType | None = self._loader.create_module(spec)
        return module

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        for callback in self._callbacks:
            callback(module)


class _PostImportFinder:
    def __init__(self) -> None:
        self.callbacks: dict[str, Callbacks] = {}
        self.keys: set[object] = set()  # the callbacks registered so far, by the key their owner gave
        self._resolving = threading.local()

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in self.callbacks or getattr(self._resolving, "name", None) == fullname:
            return None
        callbacks = self.callbacks.pop(fullname)
        spec = self._spec_from_other_finders(fullname, path, target)
        if spec is None or spec.loader is None:
            self.callbacks[fullname] = callbacks  # not found this time: keep watching
            return spec
        spec.loader = cast("Loader", _CallbackLoader(spec.loader, callbacks))
        return spec

    def _spec_from_other_finders(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None
    ) -> ModuleSpec | None:
        self._resolving.name = fullname
        try:
            for finder in sys.meta_path:
                if finder is self:
                    continue
                spec = finder.find_spec(fullname, path, target) if hasattr(finder, "find_spec") else None
                if spec is not None:
                    return spec
            return None
        finally:
            self._resolving.name = None


_finder = _PostImportFinder()
"""One of the package's three pieces of process-wide state (docs/architecture.md): imports are process-wide."""


def when_imported(name: str, callback: Callback, *, key: object = None) -> None:
    """Run `callback(module)` now if `name` is imported already, else right after its first import. A callback
    given again with the same `key` is not registered twice.

    Callbacks must not raise: `_hooks._guarded` wraps each, so that nothing raises inside the user's import."""
    if key is not None:
        if key in _finder.keys:
            return
        _finder.keys.add(key)
    module = sys.modules.get(name)
    if module is not None:
        callback(module)
        return
    _finder.callbacks.setdefault(name, []).append(callback)
    if _finder not in sys.meta_path:
        sys.meta_path.insert(0, _finder)
