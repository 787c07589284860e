"""Which helpers return a dict :mod:`.record_helpers` inlines, so that the caller's name bound
to the call is a dict local (:mod:`.dict_locals`): one whose last ``return`` is a dict display
with constant keys (``return {"price": p, "delta": d}``), a dict comprehension, ``dict(zip(keys,
values))`` (:mod:`.dict_comprehensions` writes both out at the call), or a call of another such
helper (``return named(theta)``: inlined in the next round), read through a few deep.

    >>> def named(theta):
    ...     return dict(zip(("a", "b"), theta))
    >>> def through(theta):
    ...     return named(theta)
    >>> from tangentish.syntax.parse import parse_function
    >>> fdef = parse_function(through).node
    >>> def resolve(func, within=None):
    ...     return {"named": named, "dict": dict}[func.id]
    >>> returns_dict(fdef.body[-1].value, fdef, through, resolve)
    True
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import gast

from ..registry import REGISTRY
from ..syntax import build
from ..syntax.parse import parse_function
from ..syntax.resolve import dotted
from .dict_comprehensions import dict_of_zip
from .helper_bodies import assigned
from .tail_returns import one_return_last

DEEPEST = 3  # (helpers returning another's call read through)


def returns_dict(value: gast.expr | None, fdef: gast.FunctionDef, function: Any,
                 resolve: Callable[..., Any], depth: int = 0) -> bool:
    """Whether ``value``, returned by ``fdef`` (the source of ``function``), builds a dict (see
    the module docstring); ``resolve(func, within)``: what a call's function is, read in
    ``within``'s scope (the caller's where None)."""
    if display(value) or isinstance(value, gast.DictComp) or dict_of_zip(value) \
            and resolve(value.func) is dict:
        return True
    parts = dotted(value.func) if isinstance(value, gast.Call) else None
    if parts is None or depth >= DEEPEST or parts[0] in assigned(fdef) or \
            parts[0] in build.parameter_names(fdef.args):
        return False
    inner = resolve(value.func, function)
    if not inspect.isfunction(inner) or REGISTRY.known(inner):
        return False
    try:
        node = one_return_last(parse_function(inner).node)
    except Exception:  # (no source: not read through)
        return False
    return bool(node.body) and isinstance(node.body[-1], gast.Return) and \
        returns_dict(node.body[-1].value, node, inner, resolve, depth + 1)


def display(value: gast.expr | None) -> bool:
    """A dict display with constant keys."""
    return isinstance(value, gast.Dict) and all(isinstance(k, gast.Constant) for k in value.keys)
