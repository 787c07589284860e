"""What a derivative depends on besides its function's code: every name resolution made for it.

:class:`~tangentish.syntax.parse.SourceInfo` records one :class:`Dependency` per resolution: a closure
cell, a module global, a builtin, an attribute below one of them (``np.sin``, ``cfg.act``), the
function's own ``__defaults__``/``__kwdefaults__``, and failed look-ups too (defining a missing name
later changes what the code means).  A cached derivative is reused only while every dependency still
holds, so rebinding ``ACT = np.cos``, redefining a helper or swapping a closure cell is never served a
stale derivative.

Checks are cheap (a dict look-up and an ``is`` each):

- callables, modules and classes decide what code is generated, so they must be the *same object*
  (held by weak reference when possible, so a dependency never keeps a user's function alive);
- bound methods are new objects on every attribute access, so they must be *equal* (same function,
  same ``__self__``);
- data (numbers, arrays, strings, plain objects) is read live by the generated code, so only its
  *type* may not change (a float becoming an array or a function does);
- a name that was not found must still be missing.

``owner=None`` means "the function the derivative is asked for"; a dependency copied into a caller's
record (a helper's derivative) is *anchored* to that helper by weak reference.  Dependencies marked
``binding`` describe how the derivative is bound (the function's defaults), not what was generated:
closures of the same code share one transform and differ only there.
"""

from __future__ import annotations

import functools
import sys
import types
import weakref
from collections.abc import Callable, Iterable
from typing import Any

from ..errors import Frozen
from .paths import MISSING, Key, size, spelled, step  # noqa: F401  (read from here too)

CLOSURE, GLOBAL, BUILTIN, FUNCTION = "closure", "global", "builtin", "function"
IMPORTED = "import"  # a name the function's own import binds: the module, read from sys.modules
SAME, EQUAL, TYPE, ABSENT, ITEMS = "same", "equal", "type", "missing", "items"
SIZED = "sized"  # a list, tuple or dict the derivative was unrolled over: its type and size


class _Strong:
    """A strong reference with the interface of a weak one (for objects that cannot be weakly
    referenced: code objects, tuples, builtins, ufuncs)."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value

    def __call__(self) -> Any:
        return self.value


def reference(value: Any) -> Callable[[], Any]:
    try:
        return weakref.ref(value)
    except TypeError:
        return _Strong(value)


def _is_rebound_method(value: Any) -> bool:
    """Bound methods (Python or builtin) are created anew on each attribute access."""
    if isinstance(value, types.MethodType):
        return True
    owner = getattr(value, "__self__", None)
    return isinstance(value, types.BuiltinMethodType) and owner is not None and \
        not isinstance(owner, types.ModuleType)


def _is_code_deciding(value: Any) -> bool:
    return callable(value) or isinstance(value, (types.ModuleType, type))


class _Checked(Frozen):
    """A record with a ``check`` made from its fields when first asked for: most dependencies are
    tested inline by the cache's compiled check (syntax/hit_check.py) and never call their own,
    and a check is a closure or two with their cells, which a derivative would keep for its life
    (40% of the objects the collector tracks per cached derivative were these)."""

    __slots__ = ("_check",)  # (not a field: made from the fields)

    @property
    def check(self) -> Callable[[Any], bool]:
        try:
            return self._check
        except AttributeError:
            made = _fast_check(self) or self.holds  # (Dependency, the one record of this kind)
            object.__setattr__(self, "_check", made)
            return made


class Dependency(_Checked):
    """One resolution and what must still be true of it (see the module docstring).  (A value
    record, not a frozen dataclass: making one costs a first ``grad()`` a millisecond.)"""

    __slots__ = ("scope", "name", "attrs", "kind", "expected", "owner", "binding", "index")
    scope: str  # CLOSURE, GLOBAL, BUILTIN, IMPORTED or FUNCTION (an attribute of the function)
    name: str
    attrs: tuple  # attribute path below the name: ("linalg", "norm"); an int is an index
    kind: str  # SAME, EQUAL, TYPE, ABSENT, ITEMS or SIZED
    expected: Any  # a reference (SAME), the object (EQUAL), a type, or item references
    owner: Any  # None: the function asked about; else a weak reference to a fixed function
    binding: bool
    index: int  # position in co_freevars, for CLOSURE

    def __init__(self, scope: str, name: str, attrs: tuple[str, ...] = (), kind: str = SAME,
                 expected: Any = None, owner: Any = None, binding: bool = False, index: int = -1):
        self._set(scope=scope, name=name, attrs=attrs, kind=kind, expected=expected, owner=owner,
                  binding=binding, index=index)

    def replaced(self, **changes: Any) -> Dependency:
        """A copy with ``changes`` (as ``dataclasses.replace``)."""
        return Dependency(**{**dict(zip(self.__slots__, self._values(), strict=True)), **changes})

    @property
    def key(self) -> tuple:
        return (self.scope, self.name, self.attrs, None if self.owner is None else id(self.owner),
                self.kind == SIZED, self.kind == TYPE)  # (an object the same and of its class)

    def current(self, fn: Any) -> Any:
        """The value this resolution gives now, for ``fn`` (or the owner); ``MISSING`` if none."""
        target = fn if self.owner is None else self.owner()
        if target is None:
            raise LookupError("the function this dependency belongs to no longer exists")
        if self.scope == CLOSURE:
            value = _cell_value(target, self.index, self.name)
        elif self.scope == GLOBAL:
            value = target.__globals__.get(self.name, MISSING)
        elif self.scope == BUILTIN:
            value = _builtins_of(target).get(self.name, MISSING)
        elif self.scope == IMPORTED:
            value = sys.modules.get(self.name, MISSING)
        else:
            value = getattr(target, self.name, MISSING)
        attrs = self.attrs
        if self.name == "__kwdefaults__" and attrs:  # (a keyword-only parameter's default)
            value, attrs = (value or {}).get(attrs[0], MISSING), attrs[1:]
        for attr in attrs:
            if value is MISSING:
                break
            value = step(value, attr)
        return value

    def holds(self, fn: Any) -> bool:
        """Whether resolving again (for ``fn``) gives what the derivative was built with."""
        try:
            value = self.current(fn)
            if self.kind == SAME:
                return value is self.expected()
            if self.kind == TYPE:
                return type(value) is self.expected
            if self.kind == ABSENT:
                return value is MISSING
            if self.kind == EQUAL:
                return type(value) is type(self.expected) and bool(value == self.expected)
            if self.kind == SIZED:
                return (type(value), size(value)) == self.expected
            return _same_items(value, self.expected)
        except Exception:  # a property that raises, a dead owner: not the same resolution
            return False

    def anchored(self, fn: Any) -> Dependency:
        """This dependency as seen from another function's derivative (one that calls ``fn``)."""
        if self.owner is not None:
            return self
        return Dependency(self.scope, self.name, self.attrs, self.kind, self.expected,
                          weakref.ref(fn), False, self.index)

    def describe(self) -> str:
        path = spelled(self.name, self.attrs)
        if self.kind == ABSENT:
            return f"{self.scope} {path} is not defined"
        if self.kind == TYPE:
            return f"{self.scope} {path} is a {self.expected.__name__}"
        if self.kind == SIZED:
            return f"{self.scope} {path} is a {self.expected[0].__name__} of {self.expected[1]}"
        value = self.expected() if self.kind == SAME else self.expected
        if self.kind == ITEMS:
            value = "{...}" if value is not None else None
        return f"{self.scope} {path} is {value!r}"


def _fast_check(dep: Dependency) -> Callable[[Any], bool] | None:
    """A predicate equivalent to ``dep.holds`` for the common cases (relative to the function
    asked about, same code object: checked before; or a global, builtin or attribute of a fixed
    function, a helper the body calls), a few attribute reads each; ``None`` for the others."""
    if dep.kind not in (SAME, TYPE, ABSENT) or dep.owner is not None and dep.scope == CLOSURE:
        return None  # (a helper's closure cell is checked by name: its code may have changed)
    check = _fast_relative(dep)
    if check is None or dep.owner is None:
        return check
    owner = dep.owner

    def owned(fn: Any) -> bool:
        target = owner()
        return target is not None and check(target)
    return owned


def _fast_relative(dep: Dependency) -> Callable[[Any], bool] | None:
    """:func:`_fast_check` of the function it is given."""
    name, attrs, kind = dep.name, dep.attrs, dep.kind
    if kind == SAME and isinstance(dep.expected, _Strong):
        value = dep.expected.value
        expected = lambda: value  # noqa: E731 - the same interface as a weak reference
    else:
        expected = dep.expected
    if dep.scope == FUNCTION and not attrs and kind == SAME:
        return lambda fn: getattr(fn, name, MISSING) is expected()
    if dep.scope == GLOBAL:
        read = lambda fn: fn.__globals__.get(name, MISSING)  # noqa: E731
    elif dep.scope == BUILTIN:
        read = lambda fn: _builtins_of(fn).get(name, MISSING)  # noqa: E731
    elif dep.scope == CLOSURE:
        read = functools.partial(_closure_read, dep.index)
    else:
        return None
    if attrs:
        read = functools.partial(_attribute_read, read, attrs)
    if kind == SAME:
        return lambda fn: read(fn) is expected()
    if kind == TYPE:
        return lambda fn: type(read(fn)) is expected
    return lambda fn: read(fn) is MISSING


def _closure_read(index: int, fn: Any) -> Any:
    try:
        return fn.__closure__[index].cell_contents
    except (TypeError, IndexError, ValueError):
        return MISSING


def _attribute_read(read: Callable[[Any], Any], attrs: tuple[str, ...], fn: Any) -> Any:
    value = read(fn)
    try:
        for attr in attrs:
            value = step(value, attr)
        return value
    except Exception:  # a property that raises: not the resolution that was made
        return _BROKEN


_BROKEN = object()


def _cell_value(target: Any, index: int, name: str) -> Any:
    code = target.__code__
    if not 0 <= index < len(code.co_freevars) or code.co_freevars[index] != name:
        return MISSING
    try:
        return target.__closure__[index].cell_contents
    except ValueError:  # an empty cell: the variable is not assigned yet
        return MISSING


def _builtins_of(fn: Any) -> dict:
    found = getattr(fn, "__builtins__", None)
    if isinstance(found, dict):
        return found
    return vars(found) if isinstance(found, types.ModuleType) else {}


def _same_items(value: Any, expected: Any) -> bool:
    if value is None or expected is None:
        return value is None and expected is None
    if not isinstance(value, dict) or len(value) != len(expected):
        return False
    return all(value.get(key, MISSING) is ref() for key, ref in expected)


def expectation(value: Any) -> tuple[str, Any]:
    """How a resolved value is checked later: ``(kind, expected)``."""
    if value is MISSING:
        return ABSENT, None
    if _is_rebound_method(value):
        return EQUAL, value
    if _is_code_deciding(value):
        return SAME, reference(value)
    return TYPE, type(value)


def dependency(scope: str, name: str, value: Any, attrs: tuple[str, ...] = (),
               owner: Any = None, index: int = -1) -> Dependency:
    kind, expected = expectation(value)
    return Dependency(scope, name, attrs, kind, expected, owner, False, index)


def binding_dependencies(fn: types.FunctionType, owner: Any = None) -> tuple[Dependency, ...]:
    """The function's code and defaults: what a derivative bound to ``fn`` was bound with."""
    code = Dependency(FUNCTION, "__code__", (), SAME, _Strong(fn.__code__), owner, False)
    defaults = Dependency(FUNCTION, "__defaults__", (), SAME, _Strong(fn.__defaults__), owner,
                          True)
    kw = fn.__kwdefaults__
    items = None if kw is None else tuple((k, _Strong(v)) for k, v in kw.items())
    kwdefaults = Dependency(FUNCTION, "__kwdefaults__", (), ITEMS, items, owner, True)
    return code, defaults, kwdefaults


def first_broken(dependencies: Iterable[Dependency], fn: Any,
                 keep: bool = True) -> Dependency | None:
    """The first dependency that no longer holds for ``fn`` (``None``: all hold).  ``keep=False``
    for a question asked once (a specialization's): each dependency answers without making (and
    keeping) its fast check."""
    for dep in dependencies:
        if not (dep.check(fn) if keep else dep.holds(fn)):
            return dep
    return None


def anchored(dependencies: Iterable[Dependency], fn: Any) -> tuple[Dependency, ...]:
    """``dependencies`` of ``fn``'s derivative, as a caller of ``fn`` must check them."""
    return tuple(dep.anchored(fn) for dep in dependencies)


class Recorder:
    """Collects dependencies in order, once each, relative to ``root`` (the function asked for)."""

    def __init__(self, root: Any):
        self._root = weakref.ref(root) if isinstance(root, types.FunctionType) else None
        self._found: dict[tuple, Dependency] = {}

    def owner_for(self, fn: Any) -> Any:
        if self._root is not None and self._root() is fn:
            return None
        return weakref.ref(fn)

    def add(self, dep: Dependency) -> None:
        self._found.setdefault(dep.key, dep)

    def resolution(self, fn: types.FunctionType, scope: str, name: str, value: Any,
                   attrs: tuple[str, ...] = (), index: int = -1) -> None:
        self.add(dependency(scope, name, value, attrs, self.owner_for(fn), index))

    def bindings(self, fn: types.FunctionType) -> None:
        for dep in binding_dependencies(fn, self.owner_for(fn)):
            self.add(dep)

    @property
    def dependencies(self) -> tuple[Dependency, ...]:
        return tuple(self._found.values())


def resolve(fn: types.FunctionType, name: str, recorder: Recorder | None) -> tuple[bool, Any]:
    """Resolve a free name of ``fn`` as Python does (closure cell, globals, builtins), recording
    each scope consulted."""
    code = fn.__code__
    if name in code.co_freevars:
        index = code.co_freevars.index(name)
        value = _cell_value(fn, index, name)
        if recorder is not None:
            recorder.resolution(fn, CLOSURE, name, value, index=index)
        return value is not MISSING, (None if value is MISSING else value)
    value = fn.__globals__.get(name, MISSING)
    if recorder is not None:
        recorder.resolution(fn, GLOBAL, name, value)
    if value is not MISSING:
        return True, value
    value = _builtins_of(fn).get(name, MISSING)
    if recorder is not None:
        recorder.resolution(fn, BUILTIN, name, value)
    return value is not MISSING, (None if value is MISSING else value)


def resolve_path(fn: types.FunctionType, parts: list[str],
                 recorder: Recorder | None) -> tuple[bool, Any]:
    """``np.linalg.norm``: the root as :func:`resolve`, then each attribute (the whole path is
    recorded, so replacing ``cfg.act`` is noticed even though ``cfg`` stays the same object)."""
    found, value = resolve(fn, parts[0], recorder)
    if not found or len(parts) == 1:
        return found, value
    scope = CLOSURE if parts[0] in fn.__code__.co_freevars else GLOBAL
    if scope == GLOBAL and parts[0] not in fn.__globals__:
        scope = BUILTIN
    index = fn.__code__.co_freevars.index(parts[0]) if scope == CLOSURE else -1
    for attr in parts[1:]:
        value = step(value, attr)
        if value is MISSING:
            break
    if recorder is not None:
        recorder.resolution(fn, scope, parts[0], value, tuple(parts[1:]), index)
    return value is not MISSING, (None if value is MISSING else value)


def names_classmethod(fn: Any) -> bool:
    """Whether ``fn`` reads a classmethod of a class of its module's (``Model.from_params``)
    by name (passes/class_constructors.py)."""
    space, code = getattr(fn, "__globals__", None), getattr(fn, "__code__", None)
    names = code.co_names if space is not None and code is not None else ()
    return any(isinstance(value := space.get(name), type) and any(
        getattr(getattr(value, n, None), "__self__", None) is value for n in names)
        for name in names)
