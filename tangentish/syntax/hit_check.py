"""One predicate for every dependency of a cached derivative: what a cache hit runs.

Checking each :class:`~tangentish.syntax.scope.Dependency` by its own ``check`` costs a call or
two and a look-up per resolution (about 0.4 us each on a slow machine; a six-line function calling
seven NumPy functions has eleven).  :func:`all_hold` asks the same questions grouped, in one
function compiled for them (:func:`_text`): the resolutions below one module global (``np``,
``np.sin``, ``np.linalg.norm``) read that global once and compare it and each attribute below it
by identity; the function's own ``__code__`` and ``__defaults__`` are read as attributes; a
global's type, a name missing from the globals and a builtin are compared in the same
expression.  Every other dependency (closure cells, items, another function's, a path with an
index or a key) keeps its own check, called from there.

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
    >>> print(_text(*plans_of(deps), {}), end="")
    def holds(fn):
        try:
            g = getattr(fn, '__globals__', NO_GLOBALS)
            return g.get('math', MISSING) is K0 and K0.sin is K1
        except Exception:  # a missing attribute, a property that raises: not the same
            return False
"""

from __future__ import annotations

import keyword
import operator
import weakref
from collections.abc import Callable, Iterable
from typing import Any

from .scope import (
    ABSENT,
    BUILTIN,
    FUNCTION,
    GLOBAL,
    ITEMS,
    MISSING,
    SAME,
    TYPE,
    Dependency,
    _builtins_of,
    _Strong,
)

_NONE = object()  # no root to compare
_DEAD = object()  # a weakly held object that died: never the same as anything

# (global name or None for the function itself, the root's expected object or _NONE, the dotted
#  attribute paths below it, their expected objects)
Plan = tuple[str | None, Any, tuple[str, ...], tuple]
_NO_GLOBALS: dict = {}  # (read only)


def all_hold(dependencies: Iterable[Dependency]) -> Callable[[Any], bool]:
    """A predicate of the function asked about: whether every dependency still holds for it.
    It holds the objects it compares with strongly (a bound derivative lives on its function:
    they are that function's globals' values; one rebound since is released when the function's
    derivative is asked for again).  A helper's resolutions (a dependency with an ``owner``) are
    grouped the same way, below that helper, which is looked up once; its own attributes, where
    the function names it by a global, as attributes of that global (:func:`_merge_reached`)."""
    namespace = {"MISSING": MISSING, "NO_GLOBALS": _NO_GLOBALS, "builtins_of": _builtins_of}
    text = _text(*plans_of(dependencies), namespace)
    exec(compile(text, "<tangentish cache hit>", "exec"), namespace)
    return namespace["holds"]


def plans_of(dependencies: Iterable[Dependency]) -> tuple[tuple, tuple, tuple]:
    """The function's own plans, each helper's (a weak reference to it, its plans) and every
    other dependency, as :func:`all_hold` asks them."""
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
            others.append(dep)
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


def _text(own: tuple, helpers: tuple, others: tuple, namespace: dict) -> str:
    """The source of ``holds(fn)``, its constants put in ``namespace``: the function's plans and
    the other dependencies, then each helper's plans and its other dependencies, each group
    joined by ``and`` (an other dependency is said inline where :func:`_inline` can)."""

    def constant(value: Any) -> str:
        name = f"K{len(namespace)}"
        namespace[name] = value
        return name

    groups = [(None, own, "fn", "g"),
              *((owner, plans, f"h{n}", f"g{n}") for n, (owner, plans) in enumerate(helpers))]
    grouped = {id(owner) for owner, *_ in groups}
    lines: list[str] = []
    terms: list[str] = []
    for owner, plans, function, scope in groups:
        if owner is not None:
            if terms:
                lines += [f"if not ({' and '.join(terms)}):", "    return False"]
            lines += [f"{function} = {constant(owner)}()", f"if {function} is None:",
                      "    return False"]
        lines.append(f"{scope} = getattr({function}, '__globals__', NO_GLOBALS)")
        terms = [*_terms(plans, function, scope, lines, constant),
                 *(_inline(dep, function, scope, constant) for dep in others
                   if dep.owner is owner or owner is None and id(dep.owner) not in grouped)]
    lines.append(f"return {' and '.join(terms) or 'True'}")
    return "def holds(fn):\n    try:\n" + "".join(f"        {line}\n" for line in lines) + \
        "    except Exception:  # a missing attribute, a property that raises: not the same\n" \
        "        return False\n"


def _terms(plans: tuple, function: str, scope: str, lines: list[str],
           constant: Callable[[Any], str]) -> list[str]:
    """The comparisons of ``plans`` for the function named ``function`` whose globals are named
    ``scope``; a global read without a root to compare is read into a variable (in ``lines``)."""
    terms = []
    for name, root, paths, expected in plans:
        value = function
        if name is not None and root is not _NONE:
            value = constant(root)
            terms.append(f"{scope}.get({name!r}, MISSING) is {value}")
        elif name is not None:
            value = f"{scope}_{len(lines)}"
            lines.append(f"{value} = {scope}.get({name!r}, MISSING)")
        terms += [f"{_read(value, path, constant)} is {constant(found)}"
                  for path, found in zip(paths, expected, strict=True)]
    return terms


def _read(value: str, path: str, constant: Callable[[Any], str]) -> str:
    """``value.path`` as Python reads it (an attribute getter where a name is not a plain one)."""
    if all(part.isidentifier() and not keyword.iskeyword(part) for part in path.split(".")):
        return f"{value}.{path}"
    return f"{constant(operator.attrgetter(path))}({value})"


def _inline(dep: Dependency, function: str, scope: str, constant: Callable[[Any], str]) -> str:
    """The test of a dependency outside any plan, of the function named ``function`` (whose
    globals are ``scope``): said inline for a global's type, a name missing from the globals and
    a builtin of the function it belongs to; else a call of its own check."""
    mine = dep.owner is None if function == "fn" else dep.owner is not None
    if mine and not dep.attrs and dep.scope in (GLOBAL, BUILTIN):
        read = scope if dep.scope == GLOBAL else f"builtins_of({function})"
        if dep.kind == ABSENT:
            return f"{read}.get({dep.name!r}, MISSING) is MISSING"
        if dep.kind == TYPE:
            return f"type({read}.get({dep.name!r}, MISSING)) is {constant(dep.expected)}"
        if dep.kind == SAME:
            return f"{read}.get({dep.name!r}, MISSING) is {constant(_object(dep))}"
    return f"{constant(dep.check)}(fn)"


def _plan(name: str | None, deps: list[Dependency]) -> Plan:
    roots = [_object(d) for d in deps if not d.attrs and name is not None]
    paths = [d for d in deps if d.attrs or name is None]
    dotted = tuple(".".join(d.attrs) if name is not None else d.name for d in paths)
    return name, roots[0] if roots else _NONE, dotted, tuple(_object(d) for d in paths)


def _object(dep: Dependency) -> Any:
    found = dep.expected()
    return _DEAD if found is None and isinstance(dep.expected, weakref.ref) else found
