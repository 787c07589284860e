"""Memoization of derivatives.

An entry is kept per user function object (weakly, so it dies with the function) and per options.
It is valid while the function's code object is the same one (re-defining or editing ``f`` makes a
new one) and while every rule it used still has the version it had when the entry was built
(registering a rule for ``np.sin`` invalidates exactly the derivatives that called ``np.sin``).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from .registry import REGISTRY, Registry


@dataclass
class Entry:
    code: Any
    rule_versions: dict[Hashable, int]
    value: Any


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0


class DerivativeCache:
    def __init__(self, registry: Registry = REGISTRY):
        self.registry = registry
        self._entries: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self.stats = CacheStats()

    def _valid(self, fn: Any, entry: Entry) -> bool:
        if getattr(fn, "__code__", None) is not entry.code:
            return False
        return all(self.registry.version(k) == v for k, v in entry.rule_versions.items())

    def get_or_build(self, fn: Any, options: Hashable,
                     build: Callable[[], tuple[Any, list[Hashable]]]) -> Any:
        """Return the cached value for ``(fn, options)`` or build, store and return it.

        ``build`` returns the value and the rule keys it depended on.
        """
        try:
            per_function = self._entries.setdefault(fn, {})
        except TypeError:  # not weak-referenceable: do not cache
            return build()[0]
        entry = per_function.get(options)
        if entry is not None and self._valid(fn, entry):
            self.stats.hits += 1
            return entry.value
        self.stats.misses += 1
        value, keys = build()
        versions = {}
        for key in keys:
            try:
                versions[key] = self.registry.version(key)
            except TypeError:
                continue
        per_function[options] = Entry(getattr(fn, "__code__", None), versions, value)
        return value

    def clear(self) -> None:
        self._entries = weakref.WeakKeyDictionary()
        self.stats = CacheStats()


CACHE = DerivativeCache()
