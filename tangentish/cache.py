"""Memoization of derivatives: never stale, shared by closures, thread-safe, released with ``f``.

Two levels:

- a **transform** per code object, options and resolution: the derivative as generated and
  compiled once, *unbound* (:class:`tangentish.loader.Unbound`: no user globals, cells or defaults),
  with the rule versions and dependencies (:mod:`tangentish.syntax.scope`) it was built with.
  Closures made by the same factory share it: each gets a new function object from the same
  compiled code, bound to its own globals, cells and defaults, once its names are checked to
  resolve to the same callables (a closure over ``np.sin`` and one over ``np.cos`` get one each);
- a **bound derivative** per function object and options: the value ``grad`` returns.

A hit is valid while ``f.__code__`` is the transform's code, every rule it used has the version it
had (one comparison while no rule was registered since), every dependency holds for ``f``
(``ACT = np.cos``, a redefined helper, a swapped closure cell, a changed ``f.__defaults__`` each
break one), and :meth:`DerivativeCache.clear` was not called since.  A broken hit rebuilds, or
only rebinds when just the defaults changed.  All checks are identity checks: a hit costs a few
microseconds.

Threads: hits take no lock; building takes one re-entrant lock (a helper's derivative is built from
inside its caller's build) and looks again before building, so N threads asking for the same
derivative at once get one compiled function.

Memory: bound derivatives are stored *on the function object* (``f.__tangentish_derivatives__``;
ignored on any other object that ``functools.wraps`` copies it to, and pickled as nothing), so a
derivative that reaches ``f`` back through its globals forms a cycle the garbage collector frees
with ``f``.  Transforms are held weakly, plus the :data:`RECENT` most recently built ones strongly
(so a closure made, differentiated and dropped in a loop is bound, not re-transformed, each time).
A transform references no user globals, cells or defaults, only weakly the callables it resolved,
so keeping it never keeps ``f`` alive (a helper's derivative it calls keeps that helper's globals).
"""

from __future__ import annotations

import _thread
import copy
import types
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from .loader import Unbound, bind, unbind
from .registry import REGISTRY, Registry
from .syntax.scope import Dependency, binding_dependencies, first_broken, reference
from .syntax.target import differentiated_function

_SLOT = "__tangentish_derivatives__"
VARIANTS = 8
"""Transforms kept per code object and options (closures whose names resolve differently)."""
RECENT = 64
"""Transforms kept alive after every function using them died."""
CLEARED: list[Callable[[], None]] = []
"""Called by :meth:`DerivativeCache.clear` (the pipeline's own memos register here: a process
that only reads persisted derivatives imports none of the pipeline)."""


class Transform:
    """One derivative as generated and compiled, unbound, shared by the functions of its code.
    (This module's classes are plain: a dataclass costs a first ``grad()`` half a millisecond.)"""

    __slots__ = ("code", "record", "unbound", "dependencies", "rule_versions", "generation",
                 "epoch", "__weakref__")

    def __init__(self, code: types.CodeType, record: Any, unbound: Unbound,
                 dependencies: tuple[Dependency, ...],
                 rule_versions: tuple[tuple[Callable[[], Any], int], ...], generation: int,
                 epoch: int):
        self.code = code
        self.record = record  # what ``build`` returned, without ``function`` and ``rule_keys``
        self.unbound = unbound
        self.dependencies = dependencies  # checked for every function using it
        self.rule_versions = rule_versions  # (reference to a key, version)
        self.generation = generation
        self.epoch = epoch

    def bound_record(self, user: types.FunctionType) -> Any:
        record = copy.copy(self.record)
        record.function = bind(self.unbound, user)
        record.rule_keys = [ref() for ref, _ in self.rule_versions]
        if getattr(record, "backward", None) is not None:  # vjp: the pullback, bound alike
            record.backward = copy.copy(record.backward)
            record.backward.function = record.function.backward
        return record


class Bound:
    """A transform bound to one function: the value returned for it."""

    __slots__ = ("transform", "value", "binding", "holds")

    def __init__(self, transform: Transform, value: Any, binding: tuple[Dependency, ...]):
        self.transform = transform
        self.value = value
        self.binding = binding  # the function's own defaults, as bound
        self.holds: Callable[[Any], bool] = self._first_hold

    def _first_hold(self, fn: Any) -> bool:
        """The first hit compiles every dependency's check into one function (hit_check.py),
        which later hits call directly (a derivative never asked for again costs no compile;
        a first ``grad()`` does not import it)."""
        from .syntax.hit_check import all_hold

        self.holds = all_hold((*self.transform.dependencies, *self.binding))
        return self.holds(fn)


class _Slot:
    """The bound derivatives of one function, stored on it (see the module docstring)."""

    __slots__ = ("owner", "entries")

    def __init__(self, owner: Any):
        self.owner = weakref.ref(owner)
        self.entries: dict[Hashable, Bound] = {}

    def __reduce__(self) -> tuple:  # copied or pickled along with the function: start empty
        return (_Slot.__new__, (_Slot,))


def _slot(fn: Any, create: bool = False) -> _Slot | None:
    attributes = getattr(fn, "__dict__", None)
    if not isinstance(attributes, dict):
        return None
    slot = attributes.get(_SLOT)
    if isinstance(slot, _Slot) and getattr(slot, "owner", None) is not None and \
            slot.owner() is fn:
        return slot
    if not create:
        return None
    slot = _Slot(fn)
    attributes[_SLOT] = slot
    return slot


class CacheStats:
    """Counts since the cache was made or cleared."""

    __slots__ = ("hits", "misses", "shared")

    def __init__(self, hits: int = 0, misses: int = 0, shared: int = 0):
        self.hits = hits
        self.misses = misses  # transforms built
        self.shared = shared  # bound to an existing transform (another function of the same code)

    def __repr__(self) -> str:
        return f"CacheStats(hits={self.hits}, misses={self.misses}, shared={self.shared})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CacheStats) and (self.hits, self.misses, self.shared) == (
            other.hits, other.misses, other.shared)

    __hash__ = None  # type: ignore[assignment]  (mutable, as the dataclass it was)


class DerivativeCache:
    def __init__(self, registry: Registry = REGISTRY):
        self.registry = registry
        self.stats = CacheStats()
        self._lock = _thread.RLock()
        self._epoch = 0
        self._transforms: dict[tuple, list[weakref.ref]] = {}  # (code id, options) → variants
        self._recent: OrderedDict[int, Transform] = OrderedDict()
        self._added = 0

    # -- validity ------------------------------------------------------------------------------
    def _rules_current(self, transform: Transform) -> bool:
        generation = self.registry.generation
        if transform.generation == generation:
            return True
        for ref, version in transform.rule_versions:
            key = ref()
            if key is None or self.registry.version(key) != version:
                return False
        transform.generation = generation
        return True

    def _usable(self, fn: Any, transform: Transform) -> bool:
        return (transform.epoch == self._epoch and getattr(fn, "__code__", None) is transform.code
                and self._rules_current(transform)
                and first_broken(transform.dependencies, fn) is None)

    def stale_reason(self, fn: Any, options: Hashable) -> str | None:
        """Why the cached derivative of ``fn`` would not be reused (``None``: it would, or there
        is none).  For tests and debugging."""
        slot = _slot(fn)
        bound = slot.entries.get(options) if slot is not None else None
        if bound is None:
            return None
        transform = bound.transform
        if transform.epoch != self._epoch:
            return "the cache was cleared"
        if getattr(fn, "__code__", None) is not transform.code:
            return "the function's code changed"
        if not self._rules_current(transform):
            return "a rule it used was registered again"
        broken = first_broken((*transform.dependencies, *bound.binding), fn)
        return None if broken is None else f"no longer true: {broken.describe()}"

    # -- the one entry point -------------------------------------------------------------------
    def get_or_build(self, fn: Any, options: Hashable, build: Callable[[], Any],
                     wrap: Callable[[Any, Any], Any], alias: Hashable = None) -> Any:
        """The derivative of ``fn`` for ``options``: cached, bound from a shared transform, or
        built.  ``build()`` returns a record with ``function`` (the generated function, bound to
        the function it differentiates), ``dependencies`` and ``rule_keys`` (the cache keeps a
        shallow copy without ``function``, its rule keys held weakly); ``wrap(record, fn)`` makes
        the value returned for ``fn``.  ``alias`` is another key ``fn``'s entry is kept under
        (found by :meth:`hit`, valid exactly when the entry is)."""
        found = self.hit(fn, options)
        if found is not None:
            self._alias(fn, options, alias)
            return found
        with self._lock:
            found = self.hit(fn, options)
            if found is not None:
                self._alias(fn, options, alias)
                return found
            if not isinstance(fn, types.FunctionType) or not isinstance(
                    getattr(fn, "__dict__", None), dict):  # build raises the error that says why
                self.stats.misses += 1
                return wrap(build(), fn)
            target = differentiated_function(fn)
            key = (id(fn.__code__), options)
            transform = next((t for t in self._variants(key) if self._usable(fn, t)), None)
            if transform is not None:
                self.stats.shared += 1
                record = transform.bound_record(target)
                binding = binding_dependencies(fn) if target is fn else ()
            else:
                self.stats.misses += 1
                record = build()
                transform, binding = self._transform(fn, target, record)
                self._remember(key, transform)
            self._recent[id(transform)] = transform
            self._recent.move_to_end(id(transform))
            while len(self._recent) > RECENT:
                self._recent.popitem(last=False)
            value = wrap(record, fn)
            _slot(fn, create=True).entries[options] = Bound(transform, value, binding)
            self._alias(fn, options, alias)
            return value

    @staticmethod
    def _alias(fn: Any, options: Hashable, alias: Hashable) -> None:
        slot = _slot(fn) if alias is not None else None
        if slot is not None and options in slot.entries:
            slot.entries[alias] = slot.entries[options]

    def hit(self, fn: Any, key: Hashable) -> Any:
        """The derivative cached for ``fn`` under ``key`` when it is still valid, else None."""
        try:  # (what _slot(fn) answers, in one go: this runs on every cached grad())
            slot = fn.__dict__[_SLOT]
            if slot.__class__ is not _Slot or slot.owner() is not fn:
                return None
            bound = slot.entries[key]
        except (AttributeError, KeyError, TypeError):  # no slot or entry; a copied slot
            return None
        transform = bound.transform
        if transform.epoch != self._epoch or fn.__code__ is not transform.code or (
                transform.generation != self.registry.generation
                and not self._rules_current(transform)) or not bound.holds(fn):
            return None
        self.stats.hits += 1
        return bound.value

    def _transform(self, fn: Any, target: types.FunctionType, record: Any
                   ) -> tuple[Transform, tuple[Dependency, ...]]:
        dependencies = tuple(getattr(record, "dependencies", ()))
        own = tuple(d for d in dependencies if d.binding and d.owner is None)
        shared = tuple(d for d in dependencies if not (d.binding and d.owner is None))
        versions = []
        for key in getattr(record, "rule_keys", ()):
            try:
                versions.append((reference(key), self.registry.version(key)))
            except TypeError:
                continue
        kept = copy.copy(record)
        kept.function, kept.rule_keys = None, None
        if getattr(kept, "backward", None) is not None:
            kept.backward = copy.copy(kept.backward)
            kept.backward.function = None
        transform = Transform(fn.__code__, kept, unbind(record.function, target), shared,
                              tuple(versions), self.registry.generation, self._epoch)
        return transform, own

    def _variants(self, key: tuple) -> list[Transform]:
        """The live transforms of one code object and options, newest first."""
        found = [t for t in (ref() for ref in reversed(self._transforms.get(key, ()))) if t]
        if not found:
            self._transforms.pop(key, None)
        return found

    def _remember(self, key: tuple, transform: Transform) -> None:
        kept = [weakref.ref(t) for t in reversed(self._variants(key)[:VARIANTS - 1])]
        self._transforms[key] = [*kept, weakref.ref(transform)]
        self._added += 1
        if self._added % 256 == 0:  # drop the keys of code objects whose transforms all died
            for old in list(self._transforms):
                self._variants(old)

    def clear(self) -> None:
        """Forget every derivative (functions keep theirs until asked again, then rebuild), and
        what else keeps a transform's work for the next (:data:`CLEARED`: front.py's)."""
        for forget in CLEARED:
            forget()
        with self._lock:
            self._epoch += 1
            self._transforms = {}
            self._recent = OrderedDict()
            self.stats = CacheStats()

    def __len__(self) -> int:
        """How many transforms are alive (each shared by the functions of one code object)."""
        with self._lock:
            return sum(1 for refs in self._transforms.values() for ref in refs if ref() is not None)


CACHE = DerivativeCache()
