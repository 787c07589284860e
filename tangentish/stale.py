"""A derivative already held stays the derivative of the function as it is now.

``g = grad(f)`` is built from what ``f``'s names resolved to: the helpers it calls (inlined or
differentiated on their own), their code and defaults, the functions a global or a closure cell
holds (``ACT = np.tanh``), and ``f``'s own defaults, with which ``g`` was bound.  Rebinding such
a name, redefining a helper, swapping its code or changing a default after ``g`` was made would
leave ``g`` computing the derivative of the old function while ``f``
now computes the new one: a silently wrong gradient.  ``grad(f)`` asked again notices (the cache
checks every dependency); a derivative already held checks, before each call, the dependencies
through which a function is reached and its own defaults (cheap identity tests: none at all for
a function that has no defaults, calls no helper and reads no function from a global or a
cell), and a call finding one broken is
answered by the derivative ``grad(f)`` gives now (built again, or refused with its error).

A function of the user's reached through an attribute or a dict's key (a method of a class,
``K.m``, inlined for an object built in the function; ``mylib.helper``; ``ACTS["act"]``, a table of
activations; a helper of another file's module that an inlined method of it reads, ``layers.act``,
through the name the function reads that module by) is watched too: ``K.m = other`` after ``g`` was
made left ``g`` with the old method's derivative. So is what ``g`` read below a global or a cell
holding an object of the user's, a list, tuple or dict (``NET.loss(x)`` inlined, ``for layer in
LAYERS``, ``ACTS["act"](x)``): each object and function on the paths it followed, by identity, and
the size of each list it was unrolled over (``NET.layers[0].act = np.sin``, ``LAYERS.append(...)`` or
``ACTS["act"] = np.sin`` after ``g`` was made left ``g`` with the old derivative).  And a tuple
or list of str and int constants the derivative is written with (``for k in KEYS`` over a dict
under ``wrt``, ``{k: ... for k in KEYS}``), by its items: ``KEYS.append("c")`` after ``g`` was
made left ``g`` reading only the old keys.

What is not watched per call, and why: the function's own ``__code__`` (assigning it is rare, and
checking it would cost every derivative), modules and classes themselves (``np`` rebound), NumPy's
and other installed packages' functions monkeypatched (``np.tanh = ...``), and data (a global
array's type): their changes are seen by the next ``grad(f)``.  But a global the derivative reads
for a helper's default (``knots=KNOTS``: passes/helper_defaults.py) is watched for being that
very object, as the default is.
"""

from __future__ import annotations

import functools
import sys
import types
from collections.abc import Callable
from typing import Any

from .layouts import OBJECT, SEQUENCE, kind
from .syntax.paths import MISSING, size, step
from .syntax.scope import (
    CLOSURE,
    EQUAL,
    FUNCTION,
    GLOBAL,
    IMPORTED,
    ITEMS,
    SAME,
    SIZED,
    Dependency,
)


def guarded(derivative: Callable, built: Any, fn: Any, refresh: Callable[[], Callable]
            ) -> Callable:
    """``derivative``, or a wrapper of it that checks the watched dependencies of the record
    ``built`` (see the module docstring) for ``fn`` before each call and runs ``refresh()``'s
    derivative instead when one no longer holds."""
    holds = _compiled(_watched(tuple(built.dependencies), fn), fn)
    if holds is None:
        return derivative

    def stale(args: tuple, kwargs: dict) -> Any:
        fresh = refresh()  # (built now, so current: called past its own check)
        return getattr(fresh, "unguarded", fresh)(*args, **kwargs)

    watching = getattr(derivative, "watching", None)
    if watching is not None:  # (a gradient's plain path checks in its own frame: fastcall.py)
        return watching(holds, stale)

    def current(*args: Any, **kwargs: Any) -> Any:
        if holds():
            return derivative(*args, **kwargs)
        return stale(args, kwargs)

    functools.update_wrapper(current, derivative)  # (its attributes: source, record, ...)
    current.__wrapped__ = getattr(derivative, "__wrapped__", derivative)  # (the generated one)
    current.unguarded = derivative
    return current


def _compiled(watched: list[Dependency], fn: Any) -> Callable[[], bool] | None:
    """One function testing every watched dependency of ``fn`` by identity; None if none is.
    Not the cache's :func:`~.syntax.hit_check.all_hold` (compiled too, since speed21), which
    checks every dependency of a function it is given: this runs before every call, so it tests
    only the watched ones, with ``fn`` and its helpers bound in (before all_hold was compiled,
    the helpers workload's six watched dependencies took 0.49 us there against 0.13 us here;
    each ``Dependency.check`` alone, ten times that).  The objects compared with are held
    strongly, as the cache's own check holds them."""
    terms, namespace = [], {}
    for number, dep in enumerate(watched):
        owner = fn if dep.owner is None else dep.owner()
        try:  # (an owner gone, a cell not there: nothing to watch, as the cache sees it too)
            if owner is None:
                continue
            if dep.scope == GLOBAL:
                namespace[f"G{number}"] = owner.__globals__
                terms.append(_term(f"G{number}.get({dep.name!r})", dep, number, namespace))
            elif dep.scope == CLOSURE:
                namespace[f"C{number}"] = owner.__closure__[dep.index]
                terms.append(_term(f"C{number}.cell_contents", dep, number, namespace))
            elif dep.scope == IMPORTED:  # (the module itself, as imported: not watched)
                namespace[f"M{number}"] = sys.modules[dep.name]
                terms.append(_term(f"M{number}", dep, number, namespace))
            elif dep.kind == ITEMS:  # (the function's own keyword defaults)
                terms.extend(_keyword_defaults(f"K{number}", owner, dep.expected, namespace))
                continue
            else:
                namespace[f"F{number}"] = owner
                terms.append(f"F{number}.{dep.name} is E{number}")
        except (AttributeError, IndexError, KeyError, TypeError):
            continue
        if dep.kind == SIZED:  # (a list a derivative was unrolled over: its type and size)
            namespace[f"E{number}"], namespace["sized"] = dep.expected, _sized
            continue
        if dep.kind == EQUAL:  # (a list of keys the derivative is written with: its items)
            namespace[f"E{number}"] = dep.expected
            continue
        namespace[f"E{number}"] = dep.expected()
    if not terms:
        return None
    namespace["step"] = step
    text = "def holds():\n    try:\n        return " + " and ".join(terms) + \
        "\n    except ValueError:  # (an emptied cell)\n        return False\n"
    exec(compile(text, "<tangentish watch>", "exec"), namespace)
    return namespace["holds"]


def _term(value: str, dep: Dependency, number: int, namespace: dict) -> str:
    """The test of ``dep`` of the value ``value`` names: identity, or a list's type and size."""
    path = _path(value, dep, number, namespace)
    if dep.kind == EQUAL:  # (no `==` of NumPy's: a list or tuple of str and int constants)
        return f"(type({path}) is type(E{number}) and {path} == E{number})"
    return f"sized({path}) == E{number}" if dep.kind == SIZED else f"{path} is E{number}"


def _path(value: str, dep: Dependency, number: int, namespace: dict) -> str:
    """``value`` followed along ``dep``'s attributes and a dict's keys as the dependency itself
    steps (:func:`~.syntax.paths.step`: ``step(step(G0.get('K'), A0_0), A0_1)``), each step held
    in ``namespace``."""
    for k, attr in enumerate(dep.attrs):
        namespace[f"A{number}_{k}"] = attr
        value = f"step({value}, A{number}_{k})"
    return value


def _keyword_defaults(label: str, owner: Any, items: tuple | None, namespace: dict) -> list[str]:
    """Terms testing that ``owner.__kwdefaults__`` still holds ``items`` (pairs of a name and its
    value, strongly held), each value by identity: a dict changed in place is seen too."""
    namespace[f"F{label}"] = owner
    if items is None:
        return [f"F{label}.__kwdefaults__ is None"]
    namespace[label], namespace["MISSING"] = owner.__kwdefaults__, object()
    terms = [f"F{label}.__kwdefaults__ is {label}", f"len({label}) == {len(items)}"]
    for i, (key, value) in enumerate(items):
        namespace[f"{label}_{i}"] = value()
        terms.append(f"{label}.get({key!r}, MISSING) is {label}_{i}")
    return terms


def _watched(dependencies: tuple[Dependency, ...], fn: Any) -> list[Dependency]:
    """The dependencies through which a function is reached: a global or closure name bound to
    a function, and the code and defaults of a helper so reached (not of a helper made for one
    call, as for a function passed in place of a default: gone once its derivative is built);
    and ``fn``'s own defaults, positional and keyword (``f.__defaults__ = (5.0,)``, or
    ``f.__kwdefaults__["b"] = w``: the derivative was bound with the old ones)."""
    same = [d for d in dependencies if d.kind == SAME and (not d.attrs or _user_attribute(d))]
    named = {id(d): d for d in same if d.scope in (GLOBAL, CLOSURE, IMPORTED) and
             _is_function(d.expected())}
    data = {id(d) for d in same if d.scope in (GLOBAL, CLOSURE) and not d.attrs and  # (a helper's
            not _is_code(d.expected())}  # default read by the global's name: helper_defaults.py)
    reached = {id(d.expected()) for d in named.values()}
    helpers = [d for d in same if (d.owner is None or id(d.owner()) in reached) and (
        id(d) in named or id(d) in data or d.scope == FUNCTION and d.owner is not None and
        d.name in ("__code__", "__defaults__"))]
    own = [d for d in dependencies if d.scope == FUNCTION and d.name in _DEFAULTS and
           (d.owner is None or d.owner() is fn) and not _no_defaults(d)]
    held = [d for d in dependencies if (d.kind == SIZED or d.kind == SAME and d.attrs) and
            _object_root(d, fn) and d not in helpers]
    kept = [d for d in dependencies if d.kind == EQUAL and type(d.expected) in (list, tuple)]
    return helpers + [d for d in own if d not in helpers] + held + kept


def _object_root(dep: Dependency, fn: Any) -> bool:
    """Whether ``dep`` is a path below a global or a closure cell holding an object of the
    user's, a list, tuple or dict (``NET.layers[0].act``, ``len(NET.layers)``, ``LAYERS[1]``,
    ``ACTS["act"]``: what the derivative was unrolled over and the functions it inlined; not
    below a module or a class, which are not watched)."""
    owner = fn if dep.owner is None else dep.owner()
    try:
        root = owner.__globals__.get(dep.name, MISSING) if dep.scope == GLOBAL else \
            owner.__closure__[dep.index].cell_contents if dep.scope == CLOSURE else MISSING
    except (AttributeError, IndexError, TypeError, ValueError):
        return False
    return root is not MISSING and (kind(root) in (OBJECT, SEQUENCE) or type(root) is dict)


def _sized(value: Any) -> tuple | None:
    """A list's (tuple's, dict's) type and size, as a SIZED dependency holds them; None for a
    value of no size (the path gone: ``MISSING``)."""
    try:
        return type(value), size(value)
    except TypeError:
        return None


_DEFAULTS = ("__defaults__", "__kwdefaults__")


def _no_defaults(dep: Dependency) -> bool:
    """Whether ``dep`` says the function has no defaults of its kind (``None``): nothing to watch
    (assigning defaults to a function that had none is as rare as assigning its code)."""
    if dep.kind in (ITEMS, EQUAL):  # (items, or the object itself: a bound method default)
        return dep.expected is None
    return dep.expected() is None


def _user_attribute(dep: Dependency) -> bool:
    """Whether ``dep`` reaches a Python function of the user's (not of an installed package or
    the standard library) through attributes of a global or a closure cell's value, or a dict's
    string keys (``ACTIVATIONS["tanh"]``; not a list's indexes).  A function of no file
    (``<__array_function__ internals>``: NumPy 1.x's ``np.sum`` is a Python function) is none."""
    value = dep.expected()
    if not (dep.scope in (GLOBAL, CLOSURE, IMPORTED) and all(isinstance(a, str) for a in dep.attrs) and
            isinstance(value, types.FunctionType)):
        return False
    from .libraries import in_library  # (a function reached through attributes: rare)

    filename = value.__code__.co_filename
    return not filename.startswith("<") and not in_library(filename)


def _is_function(value: Any) -> bool:
    return callable(value) and not isinstance(value, (type, types.ModuleType))


def _is_code(value: Any) -> bool:
    return callable(value) or isinstance(value, (type, types.ModuleType))
