"""Whether an adjoint rule's contribution ``d[p] = e`` may be a Python list or tuple.

The adjoint of a list or tuple has one form (:mod:`tangentish.runtime.items`): a stacked array,
or an object array of the items' adjoints.  Two contributions to it are summed with ``+``, which
adds such arrays item by item but *joins* two lists: ``[a, b] + [c, d]`` has four items, and the
items after the second are silently dropped where the adjoint is read (``xs_bar[0]``,
``xs_bar[1]``).  A rule may well write its contribution as a list (a user's ``d[xs] = [d[r] * b,
d[r] * a]``), or as a call that returns one (``np.gradient``'s transpose, a helper of the rule's
own module).  Such a contribution is brought to the adjoint form where it is made
(``_rt.settled(e)``), so that every later sum adds.

This module decides, once per template (the plan is kept), which contributions may be lists: a
display or comprehension, a call the rules say may return a sequence
(:meth:`~tangentish.registry.Registry.returns_sequence`), a builtin that makes one (``list``,
``sorted``...), a call of anything the rule's own module defines (its value is not known), a
template-local name bound to any of these, and ``+``/``*``/``if-else`` of them.  ``d[q]`` (an
adjoint: already in its form), arithmetic of arrays and every other NumPy call are not.

    >>> import gast
    >>> def may(text, namespace=None):
    ...     return may_be_list(gast.parse(text).body[0].value, namespace or {}, {})
    >>> may("[d[r] * b, d[r] * a]"), may("d[r] * b"), may("np.gradient(d[r], h)")
    (True, False, True)
    >>> may("helper(d[r])", {"helper": lambda g: g}), may("np.sin(d[r])"), may("(a, b) if c else d[r]")
    (True, False, True)
"""

from __future__ import annotations

import math
import types
from collections.abc import Mapping
from typing import Any

import gast
import numpy as np

from .. import runtime
from ..registry import REGISTRY
from .tree_walk import walk

_LIST_BUILTINS = frozenset({"list", "tuple", "sorted", "reversed", "map", "zip", "filter"})
_DISPLAYS = (gast.List, gast.Tuple, gast.ListComp, gast.GeneratorExp)
_MODULES = {"np": np, "math": math}
# Runtime helpers that may return a sequence's adjoint, always in its form (``list(xs)``'s
# adjoint is ``xs``'s; a decomposition's checked derivative is the one it was handed; the
# choices' adjoints of np.choose and np.select are settled)
_IN_FORM = frozenset({"unlisted", "distinct_items", "unchoose", "unselect"})


def local_values(body: list[gast.stmt]) -> dict[str, list[gast.expr]]:
    """Each template-local name → the values assigned to it (in any branch)."""
    out: dict[str, list[gast.expr]] = {}
    for node in (n for stmt in body for n in walk(stmt)):
        if isinstance(node, gast.Assign):
            for target in node.targets:
                if isinstance(target, gast.Name):
                    out.setdefault(target.id, []).append(node.value)
    return out


def may_be_list(node: gast.expr, namespace: Mapping[str, Any],
                locals_: Mapping[str, list[gast.expr]], seen: frozenset[str] = frozenset()) -> bool:
    """Whether ``node``, a template's expression, may evaluate to a list or tuple (the module
    docstring); ``namespace``: the rule's module, ``locals_``: :func:`local_values`."""
    def again(child: gast.expr) -> bool:
        return may_be_list(child, namespace, locals_, seen)

    if isinstance(node, _DISPLAYS):
        return True
    if isinstance(node, gast.Subscript):
        return getattr(node.value, "id", None) != "d" and again(node.value)
    if isinstance(node, gast.BinOp):
        return again(node.left) or again(node.right)
    if isinstance(node, gast.IfExp):
        return again(node.body) or again(node.orelse)
    if isinstance(node, gast.BoolOp):
        return any(again(value) for value in node.values)
    if isinstance(node, gast.Name):
        if node.id in locals_ and node.id not in seen:
            return any(may_be_list(value, namespace, locals_, seen | {node.id})
                       for value in locals_[node.id])
        return isinstance(namespace.get(node.id), (list, tuple))
    if isinstance(node, gast.Call):
        return _call_may_be_list(node, namespace, again)
    return False


def _call_may_be_list(node: gast.Call, namespace: Mapping[str, Any], again: Any) -> bool:
    func = node.func
    if isinstance(func, gast.Attribute):
        owner = getattr(func.value, "id", None)
        if owner == "_rt" and owner not in namespace:
            return _runtime_returns_list(func.attr)
        if owner in _MODULES and owner not in namespace:
            return _returns_list(getattr(_MODULES[owner], func.attr, None))
        return func.attr == "tolist" or again(func.value)  # (a method: of a list, a list)
    if isinstance(func, gast.Name):
        if func.id in namespace:
            value = namespace[func.id]
            known = isinstance(value, (types.BuiltinFunctionType, type)) or \
                (getattr(value, "__module__", None) or "").startswith(("numpy", "scipy"))
            return _returns_list(value) if known else True  # (the rule's own helper: unknown)
        return func.id in _LIST_BUILTINS
    return True


def _returns_list(value: Any) -> bool:
    return value in (list, tuple, sorted) or REGISTRY.returns_sequence(value)


def _runtime_returns_list(name: str) -> bool:
    """Whether the runtime helper ``name`` is declared to return a sequence (asked by name, of the
    helpers declared so far: a family module is imported when it is first called, not here; the
    rules that emit a helper declare it beside them) in some form other than the adjoint's."""
    return name not in _IN_FORM and any(
        getattr(key, "__name__", None) == name and runtime.helper_named(key, frozenset({name}))
        for key in list(REGISTRY.sequence_results))
