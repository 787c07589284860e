"""The rule registry: derivative templates keyed by the callable they differentiate.

Templates are Python functions that are parsed, never executed.  Their first parameter names the
operation's result, the others are the operation's own parameters under NumPy's names::

    @adjoint(np.tanh)
    def tanh_adjoint(y, x):
        d[x] = d[y] * (1.0 - y * y)

The shortcuts of :mod:`tangentish.extend` state the math as lambdas; :func:`.rule_source.parse_lambda`
finds a lambda's syntax tree in its file (parsed, never run).  The registry counts a version per key, so
cached derivatives that used a rule can tell when that rule was replaced.  Registering is the only
module state that changes after import (besides a small cache of parsed rule files).
"""

from __future__ import annotations

import _thread
import contextlib
import copy
import functools
import importlib
import sys
from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # (gast: parsing templates, rule_source.parse_template, builds with it)
    import gast

    from .positions import Positions

ADJOINT = "adjoint"
TANGENT = "tangent"


class Template:
    """A parsed derivative template.  (This module's classes are plain: a dataclass costs a first
    ``grad()`` half a millisecond to make.)"""

    def __init__(self, key: Hashable, kind: str, name: str, result: str, params: list[str],
                 defaults: dict[str, gast.expr], body: list[gast.stmt], origin: str,
                 namespace: Mapping[str, Any] | None = None, positions: Positions | None = None):
        self.key, self.kind, self.name, self.result = key, kind, name, result
        self.params, self.defaults, self.body, self.origin = params, defaults, body, origin
        self.namespace: Mapping[str, Any] = {} if namespace is None else namespace
        self.positions = positions  # (where a call's positional arguments go: positions.py)

    def __repr__(self) -> str:
        return f"Template({self.name!r}, {self.kind}, {self.origin})"

    def replace(self, **changes: Any) -> Template:
        """A copy with ``changes`` (the syntax trees shared, as ``dataclasses.replace`` would)."""
        copied = copy.copy(self)
        copied.__dict__.pop("attributes", None)  # (cached from the body below)
        copied.__dict__.update(changes)
        return copied

    @property
    def placeholders(self) -> set[str]:
        return {self.result, *self.params}

    @functools.cached_property
    def attributes(self) -> frozenset[str]:
        """Every attribute name the body mentions (``unbroadcast`` in ``_rt.unbroadcast(...)``):
        lets a pass skip templates that cannot contain what it rewrites."""
        import gast  # (the body is gast's: imported already)

        from .syntax.tree_walk import walk

        return frozenset(n.attr for s in self.body for n in walk(s)
                         if isinstance(n, gast.Attribute))


class Pending:
    """A rule registered but not parsed yet: ``build()`` makes its :class:`Template` (parsing and
    checking it) on the first lookup."""

    __slots__ = ("build",)

    def __init__(self, build: Callable[[], Template]):
        self.build = build


class Registry:
    """Every known rule.  ``version(key)`` changes whenever a rule for ``key`` is (re)registered.

    A rule may be registered unparsed (:meth:`add_pending`): it is parsed on its first lookup, so
    importing the rules costs no parsing.  A family of rules may wait for a module
    (:meth:`add_provider`): ``scipy.special``'s rules are imported, and SciPy with them, on the
    first question about a key the registry does not know, once ``scipy.special`` is imported
    (none of its functions can reach a lookup before that); or for a question about a key of a
    module (:meth:`add_key_provider`): the rules of tangentish's runtime helpers are imported on
    the first question about one of them (derivative code differentiated again).

    A user's rule or declaration wins over tangentish's own whichever is made first: the built-in
    rules load lazily (on the first ``grad()``, or once SciPy is imported), so a rule a user
    registers before they load must not be replaced by the built-in one loading after it
    (``users``, ``users_constant``): the result is what registering it after them gives."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, Hashable], Template | Pending] = {}
        self.nondifferentiable: set[Hashable] = set()
        self.sequence_results: set[Hashable] = set()  # calls that may return a list or tuple
        self.singular: set[Hashable] = set()  # partials that may be inf/NaN where y is finite
        self.elementwise: set[Hashable] = set()  # declared elementwise: operands read as arrays
        self.versions: dict[Hashable, int] = {}
        self.generation = 0
        self.foreign = 0  # registrations made outside tangentish's own rules (persist/store.py)
        self.users: set[tuple[str, Hashable]] = set()  # slots of a user's rules
        self.users_constant: set[Hashable] = set()  # keys a user declared non-differentiable
        self.providers: dict[str, str] = {}  # trigger module -> rules module
        self.key_providers: dict[str, tuple[str, ...]] = {}  # keys' module (prefix) -> rules
        self.named: dict[str, tuple[str, ...]] = {}  # a key's ``__name__`` -> rules modules
        self.asked: set[int] = set()  # ids of keys asked about (ids: no key is kept alive)
        self.settled: dict[Any, tuple[int, int]] | None = None  # (see :meth:`settling`)
        self._tables = 0  # (changes of the providers' tables)
        self._quiet = False  # (a family of rules named before its keys are asked about)
        self._lock = _thread.RLock()

    def lookup(self, kind: str, key: Hashable) -> Template | None:
        try:
            entry = self.entries.get((kind, key))
        except TypeError:  # unhashable callable
            return None
        if entry is None:
            return self.lookup(kind, key) if self._provide(key) else None
        if isinstance(entry, Pending):
            return self._parse((kind, key), entry)
        return entry

    def has(self, kind: str, key: Hashable) -> bool:
        """Whether a rule of ``kind`` is registered for ``key`` (without parsing it)."""
        try:
            return (kind, key) in self.entries or (self._provide(key)
                                                   and (kind, key) in self.entries)
        except TypeError:
            return False

    def is_nondifferentiable(self, key: Hashable) -> bool:
        try:
            return key in self.nondifferentiable or (
                self._provide(key) and key in self.nondifferentiable)
        except TypeError:
            return False

    def returns_sequence(self, key: Hashable) -> bool:
        """Whether a call of ``key`` may return a list or tuple (``np.split``, ``np.linalg.eigh``,
        a ufunc with several outputs): its zero derivative is then made item by item."""
        if isinstance(getattr(key, "nout", 1), int) and getattr(key, "nout", 1) > 1:
            return True  # (a ufunc: np.modf, np.divmod, np.frexp)
        try:
            return key in self.sequence_results or (
                self._provide(key) and key in self.sequence_results)
        except TypeError:
            return False

    def is_singular(self, key: Hashable) -> bool:
        """Whether a partial of ``key`` may be inf or NaN where its result is finite or not used
        (``np.sqrt`` at 0 and below): see :mod:`tangentish.passes.supports`."""
        try:  # (an elementwise function's: one of several outputs is never kept whole)
            return (key in self.singular or (self._provide(key) and key in self.singular)) and \
                not self.returns_sequence(key)
        except TypeError:
            return False

    def known(self, key: Hashable) -> bool:
        return self.is_nondifferentiable(key) or self.has(ADJOINT, key)

    def version(self, key: Hashable) -> int:
        try:
            return self.versions.get(key, 0)
        except TypeError:
            return 0

    @property
    def templates(self) -> dict[tuple[str, Hashable], Template]:
        """Every rule, parsed (for listings and tests; it parses whatever was not yet)."""
        self.provide_all()
        return {slot: self.lookup(*slot) for slot in list(self.entries)}  # type: ignore[misc]

    def _bump(self, key: Hashable) -> None:  # (``key`` hashable: it was just stored)
        if not self._quiet:  # (a named family: no question about its keys was answered yet)
            self.generation += 1
        self.versions[key] = self.versions.get(key, 0) + 1

    def add_template(self, template: Template) -> None:
        """Register a parsed rule: a user's (tangentish's own are registered pending)."""
        self.foreign += 1
        self.users.add((template.kind, template.key))
        self.entries[(template.kind, template.key)] = template
        self.nondifferentiable.discard(template.key)
        self._bump(template.key)

    def add_pending(self, kind: str, key: Hashable, build: Callable[[], Template]) -> None:
        """Register the rule ``build()`` will parse, at the first lookup of ``(kind, key)`` (not
        over a rule or declaration of a user's for ``key``)."""
        if (kind, key) in self.users:
            return
        self.entries[(kind, key)] = Pending(build)
        if key not in self.users_constant:
            self.nondifferentiable.discard(key)
        self._bump(key)

    def add_nondifferentiable(self, *keys: Hashable) -> None:
        user = self._note(sys._getframe(2))  # (non_differentiable's caller)
        for key in keys:
            if user:
                self.users_constant.add(key)
            elif (ADJOINT, key) in self.users or (TANGENT, key) in self.users:
                continue  # (tangentish's own, loading after a user's rule)
            self.nondifferentiable.add(key)
            self._bump(key)

    def add_sequence_result(self, *keys: Hashable) -> None:
        self._note(sys._getframe(2))
        for key in keys:
            self.sequence_results.add(key)
            self._bump(key)

    def _note(self, frame: Any) -> bool:
        """Count a declaration as a user's unless a tangentish module's body makes it as it is
        imported (``stop_gradient`` on a function, from inside tangentish, is a user's); whether
        it is a user's."""
        module = str(frame.f_globals.get("__name__", ""))
        if not (module.startswith("tangentish.") and frame.f_code.co_name == "<module>"):
            self.foreign += 1
            return True
        return False

    def add_provider(self, trigger: str, module: str) -> None:
        """Import ``module`` (which registers rules) once ``trigger`` is imported and a question
        finds no rule."""
        self.providers[trigger] = module
        self._tables += 1

    def _parse(self, slot: tuple[str, Hashable], entry: Pending) -> Template:
        template = entry.build()  # raises RuleDefinitionError for a malformed rule, every time
        with self._lock:
            if self.entries.get(slot) is entry:  # (not replaced meanwhile)
                self.entries[slot] = template
        return template

    def add_key_provider(self, prefix: str, *modules: str) -> None:
        """Import ``modules`` (which register rules), in order, on the first question finding no
        rule about a key whose ``__module__`` is ``prefix`` or below it."""
        self.key_providers[prefix] = modules
        self._tables += 1

    def add_named_provider(self, module: str, *names: str) -> None:
        """Import ``module`` (which registers rules) on the first question finding no rule about
        a key whose ``__name__`` is one of ``names``: every key it registers has one of them
        (``tests/test_rule_families.py`` checks), so no question about its keys is answered
        before it is imported, and importing it changes no answer given (nor ``generation``)."""
        for name in names:
            self.named[name] = (*self.named.get(name, ()), module)
        self._tables += 1

    def provide_all(self) -> None:
        """Import every rule module a question could (``entries`` then lists every rule)."""
        self._provide(every=True)

    @contextlib.contextmanager
    def settling(self) -> Iterator[None]:
        """While a transform runs (the outermost: nested ones share it), each key a question
        found no rule module to import for is remembered with the providers' tables and the
        number of modules loaded (``settled``): asked again while neither changed (a trigger
        imported, a family declared), the answer is the same, without looking (a transform asks
        about each call a few times a pass: ~60 questions, 5 us each).  Forgotten when the
        transform ends: no key is kept alive by the registry."""
        outermost = self.settled is None
        if outermost:
            self.settled = {}
        try:
            yield
        finally:
            if outermost:
                self.settled = None

    def _provide(self, key: Any = None, every: bool = False) -> bool:
        """Import the rule modules whose trigger is imported or that cover ``key``; whether any was."""
        settled, stamp = self.settled, (self._tables, len(sys.modules))
        if settled is not None and not every and settled.get(key) == stamp:
            return False  # (``key`` unhashable: the caller's TypeError, as below)
        imported = self._import_providers(key, every)
        self.asked.add(id(key))  # (after the imports: the question gets what they registered)
        if settled is not None and not imported and not every:
            settled[key] = stamp
        return imported

    def _import_providers(self, key: Any, every: bool) -> bool:
        loaded = sys.modules
        rules = loaded.get("tangentish.rules")  # (the pipeline imports them; a derivative read
        based = False  # from the persistent cache did not; another thread importing them: wait
        if rules is None or _initializing(rules):  # for it rather than find no rule)
            rules = importlib.import_module("tangentish.rules")
            based = not _initializing(rules)  # (not this thread's own import, asking again)
        named = self._provide_named(key, every)
        keyed = []  # (plain loops: every question a key's rule is not found for asks this)
        if self.key_providers:
            module = _module_of(key)
            for prefix in tuple(self.key_providers):
                if every or module == prefix or module.startswith(prefix + "."):
                    keyed.append(prefix)
        if not keyed:
            for trigger in tuple(self.providers):
                if trigger in loaded:
                    break
            else:
                return based or named
        with self._lock:  # (others wait for the rules rather than find none: a provider goes
            ready = [t for t in self.providers if t in loaded]  # once its modules are in)
            self._import_quietly([*(m for p in keyed for m in self.key_providers.get(p, ())),
                                  *(self.providers[t] for t in ready)])
            for prefix in keyed:
                self.key_providers.pop(prefix, None)
            for trigger in ready:
                self.providers.pop(trigger, None)
        return True  # (imported, or another thread had: ask again)

    def _import_quietly(self, modules: list[str]) -> None:
        """Import providers' ``modules``; ``generation`` changes only if they register a key
        that had a rule or that a question found none for (``asked``): no other answer changes."""
        if not modules:
            return
        before, quiet, self._quiet = dict(self.versions), self._quiet, True
        try:
            for module in modules:
                importlib.import_module(module)
        finally:
            self._quiet = quiet
            if not quiet and any(before.get(k) != v and (k in before or id(k) in self.asked)
                                 for k, v in self.versions.items()):
                self.generation += 1

    def _provide_named(self, key: Any, every: bool) -> bool:
        """Import the rule modules named for ``key``'s ``__name__`` (every one: ``every``);
        whether any was named (another thread may have imported it meanwhile: the question is
        asked again either way).  A module's names go once it is imported, so a module that
        fails to import fails again at the next question rather than leave its keys unknown.
        None for a key a family of tangentish's registered (``np.sum``, asked whether it is
        non-differentiable: no family named ``sum`` registers it, no two families register one
        key: tests/test_rule_families.py); a key of a user's rule is asked about as any other."""
        if not self.named:
            return False
        name = _name_of(key)
        if not every and (name not in self.named or key in self.versions and not (
                key in self.users_constant or (ADJOINT, key) in self.users or
                (TANGENT, key) in self.users)):
            return False
        with self._lock:  # (others asking meanwhile wait for the rules rather than find none)
            modules = {m: None for n in (self.named if every else (name,))
                       for m in self.named.get(n, ())}
            self._import_quietly(list(modules))
            for module in modules:
                self.named = {n: rest for n, ms in self.named.items()
                              if (rest := tuple(m for m in ms if m != module))}
        return True


def _initializing(module: Any) -> bool:
    """Whether ``module`` is still being imported (by another thread, or this one's caller)."""
    return bool(getattr(getattr(module, "__spec__", None), "_initializing", False))


def _name_of(key: Any) -> str | None:
    try:
        name = getattr(key, "__name__", None)
    except Exception:  # (an object refusing to say is none of the keys named)
        return None
    return name if isinstance(name, str) else None


def _module_of(key: Any) -> str:
    try:
        return str(getattr(key, "__module__", None) or "")
    except Exception:  # (an object refusing to say is none of the modules asked about)
        return ""


REGISTRY = Registry()


def singular(*fns: Hashable) -> None:
    """Declare that a partial derivative of ``fns`` (elementwise functions) may be inf or NaN
    where the result is finite or unused (``np.sqrt``: ``1 / (2 * y)`` at ``x <= 0``): an adjoint
    that is 0 there by structure (an unselected branch of ``np.where``, an element a slice does
    not read) then stays 0 instead of ``0 * inf = NaN`` (:mod:`tangentish.passes.supports`).
    (Public as ``tangentish.extend.singular``.)"""
    for key in fns:
        REGISTRY.singular.add(key)
        REGISTRY._bump(key)


def non_differentiable(*fns: Hashable) -> None:
    """Declare that the outputs of ``fns`` carry no derivative (shapes, indices, rounding...).
    (Public as ``tangentish.extend.non_differentiable``; here so that the API declares
    ``stop_gradient`` without importing the rule shortcuts.)"""
    REGISTRY.add_nondifferentiable(*fns)
