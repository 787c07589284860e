"""One predicate for every dependency of a cached derivative: what a cache hit runs.

Checking each :class:`~tangentish.syntax.scope.Dependency` by its own ``check`` costs a call or
two and a look-up per resolution (about 0.4 us each on a slow machine; a six-line function calling
seven NumPy functions has eleven).  :func:`all_hold` asks the same questions grouped: the
resolutions below one module global (``np``, ``np.sin``, ``np.linalg.norm``) read that global once
and all its attributes at once (:func:`operator.attrgetter`), then compare identities in one loop;
the function's own ``__code__`` and ``__defaults__`` are read together.  Every other dependency
(closure cells, builtins, types, missing names, items, another function's) keeps its own check.

The answer is the one checking each dependency gives, except that a weakly held object that died
is never taken for a value that is ``None`` now.

    >>> import math
    >>> from tangentish.syntax.scope import GLOBAL, dependency
    >>> def f(x):
    ...     return math.sin(x)
    >>> deps = [dependency(GLOBAL, "math", math), dependency(GLOBAL, "math", math.sin, ("sin",))]
    >>> holds = all_hold(deps)
    >>> holds(f)
    True
    >>> f.__globals__["math"] = type(math)("math")  # a module without sin, under the same name
    >>> holds(f)
    False
    >>> f.__globals__["math"] = math
"""

from __future__ import annotations

import operator
import weakref
from collections.abc import Callable, Iterable
from typing import Any

from .scope import FUNCTION, GLOBAL, ITEMS, MISSING, SAME, Dependency, _Strong

_NONE = object()  # no root to compare
_DEAD = object()  # a weakly held object that died: never the same as anything

# (global name or None for the function itself, the root's expected object or _NONE, a getter
#  of the attribute paths or None, their expected objects, whether the getter returns one value)
Plan = tuple[str | None, Any, Any, tuple, bool]
_SAME = operator.is_
_NO_GLOBALS: dict = {}  # (read only)


def all_hold(dependencies: Iterable[Dependency]) -> Callable[[Any], bool]:
    """A predicate of the function asked about: whether every dependency still holds for it.
    It holds the objects it compares with strongly (a bound derivative lives on its function:
    they are that function's globals' values; one rebound since is released when the function's
    derivative is asked for again).  A helper's resolutions (a dependency with an ``owner``) are
    grouped the same way, below that helper, which is looked up once; its own attributes, where
    the function names it by a global, as attributes of that global (:func:`_merge_reached`)."""
    own, helpers, checks = plans_of(dependencies)

    def holds(fn: Any) -> bool:
        if not _plans_hold(own, fn):
            return False
        for owner, plans in helpers:
            helper = owner()
            if helper is None or not _plans_hold(plans, helper):
                return False
        return not checks or all(check(fn) for check in checks)

    return holds


def plans_of(dependencies: Iterable[Dependency]) -> tuple[tuple, tuple, tuple]:
    """The function's own plans, each helper's (a weak reference to it, its plans) and the
    checks of every other dependency, as :func:`all_hold` asks them."""
    below: dict[int, dict[str | None, list[Dependency]]] = {}  # id(owner) -> as above
    owners: dict[int, Any] = {}
    others = []
    for dep in dependencies:
        if dep.kind == ITEMS and dep.expected is None:  # no keyword defaults
            dep = dep.replaced(kind=SAME, expected=_Strong(None))  # defaults: None
        if dep.kind == SAME and (dep.scope == GLOBAL or (dep.scope == FUNCTION and not dep.attrs)) \
                and all(type(a) is str for a in dep.attrs):  # (an index: its own check)
            owners[id(dep.owner)] = dep.owner
            group = below.setdefault(id(dep.owner), {})
            group.setdefault(dep.name if dep.scope == GLOBAL else None, []).append(dep)
        else:
            others.append(dep.check)
    mine = below.pop(id(None), {})
    _merge_reached(mine, below, owners)
    own = tuple(_plan(name, deps) for name, deps in mine.items())
    helpers = tuple((owners[key], tuple(_plan(name, deps) for name, deps in group.items()))
                    for key, group in below.items() if group)
    return own, helpers, tuple(others)


def _merge_reached(mine: dict, below: dict, owners: dict) -> None:
    """A helper's own attributes (``__code__``, ``__defaults__``...) checked as attributes of the
    global that names it, where the function resolves one to that helper: the global is read
    and compared anyway, so its attributes come with it, without looking the helper up again."""
    helpers = {id(owner()): key for key, owner in owners.items() if owner is not None}
    for name, deps in list(mine.items()):
        roots = [_object(d) for d in deps if not d.attrs] if name is not None else []
        key = helpers.get(id(roots[0])) if roots else None
        if key is None or owners[key]() is not roots[0] or None not in below[key]:
            continue
        mine[name] = [*deps, *(d.replaced(attrs=(d.name,)) for d in below[key].pop(None))]


def _plans_hold(plans: tuple[Plan, ...], fn: Any) -> bool:
    namespace = getattr(fn, "__globals__", _NO_GLOBALS)  # (a helper is a function: defensive)
    for name, root, getter, expected, single in plans:
        value = fn if name is None else namespace.get(name, MISSING)
        if root is not _NONE and value is not root:
            return False
        if getter is None:
            continue
        try:
            found = getter(value)
        except Exception:  # a missing attribute, a property that raises: not the same
            return False
        if found is not expected[0] if single else not all(map(_SAME, found, expected)):
            return False
    return True


def _plan(name: str | None, deps: list[Dependency]) -> Plan:
    roots = [_object(d) for d in deps if not d.attrs and name is not None]
    paths = [d for d in deps if d.attrs or name is None]
    root = roots[0] if roots else _NONE
    if not paths:
        return name, root, None, (), False
    dotted = [".".join(d.attrs) if name is not None else d.name for d in paths]
    return (name, root, operator.attrgetter(*dotted), tuple(_object(d) for d in paths),
            len(dotted) == 1)


def _object(dep: Dependency) -> Any:
    found = dep.expected()
    return _DEAD if found is None and isinstance(dep.expected, weakref.ref) else found
