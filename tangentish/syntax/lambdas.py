"""A lambda handed to a function of the user's (``layer(h, W, act=lambda z: z)``,
``apply(lambda t: t ** 3, x)``) is bound to a name of its own first, in a statement before the
one holding it (``_fn = lambda z: z`` then ``layer(h, W, act=_fn)``), the form the helper's
derivative is built for (a local function handed to a helper).  Making a lambda runs nothing
and its body reads the names it uses when it is called, so the statement may come first
wherever the lambda is evaluated, but not out of a comprehension or another lambda (whose
variables it may read).  :mod:`.hoisted` does the move; lambdas handed to builtins and NumPy
(``sorted``, ``map``...) are left to what lowers those calls.

    >>> from tangentish.syntax.parse import parse_function
    >>> import ast
    >>> __name__ = "example"
    >>> def apply(fn, v):
    ...     return fn(v) + 1.0
    >>> def f(x):
    ...     return apply(lambda t: t ** 3, x) if x > 0 else x
    >>> print(ast.unparse(gast.gast_to_ast(parse_function(f).node)))
    def f(x):
        _fn = lambda t: t ** 3
        return apply(_fn, x) if x > 0 else x

A lambda called where it is made (``(lambda a: a[0] * a[1])(qs)``) is moved the same way, and
its call is then one of a local function's (``_fn(qs)``); so is a ``functools.partial`` handed
to a function of the user's, as the lambda it stands for (``h(partial(loss, c=k), x)``: ``_fn =
lambda x, *, c=k: loss(x, c=c)``, ``k`` read where the partial is made, as Python reads it).
"""

from __future__ import annotations

import functools
import inspect
import types
from collections.abc import Callable
from typing import Any

import gast

from . import build
from .naming import dotted
from .tree_walk import walk

_SCOPES = (gast.Lambda, gast.ListComp, gast.SetComp, gast.DictComp, gast.GeneratorExp)
_LIBRARIES = ("numpy", "scipy", "tangentish", "functools", "itertools", "builtins", "math",
              "operator")


def handed(node: gast.AST, root: gast.expr, parents: dict, local: set[str],
           resolve: Callable[[list[str]], tuple[bool, Any]]) -> gast.Lambda | None:
    """The lambda to bind to a name of its own first, outside any comprehension or lambda within
    ``root``: ``node``, a lambda handed to a Python function of the user's or called where it is
    made (``(lambda a: a[0])(qs)``: then ``_fn(qs)``, a local function's call), or the lambda
    that ``node``, a ``functools.partial`` handed to a function of the user's, stands for
    (:func:`_partial`); else None."""
    parent = parents.get(id(node))
    if isinstance(parent, gast.keyword):
        parent = parents.get(id(parent))
    if not (isinstance(node, (gast.Lambda, gast.Call)) and isinstance(parent, gast.Call)):
        return None
    if node is not parent.func and not _users(parent.func, local, resolve):
        return None
    made = node if isinstance(node, gast.Lambda) else None if node is parent.func else \
        _partial(node, local, resolve)
    child = parent
    while made is not None and child is not root:
        child = parents.get(id(child))
        if isinstance(child, _SCOPES):
            return None
    return made


def _partial(call: gast.Call, local: set[str], resolve: Callable) -> gast.Lambda | None:
    """``partial(loss, a, c=k)`` of a Python function (its parameters plain, a remaining one's
    default a plain constant), the values given names, constants or attributes (reads, which
    evaluated earlier or again give the same), as the lambda taking what the partial's call
    takes, the given values its keyword-only defaults (evaluated where it is made, as the
    partial's are), a parameter after one given by keyword keyword-only too: ``lambda x, *,
    _given0=a, c=k: loss(_given0, x, c=c)``; else None."""
    parts, function = dotted(call.func), None
    if parts is not None and parts[0] not in local and resolve(parts)[1] is functools.partial \
            and call.args and (target := dotted(call.args[0])) is not None and \
            target[0] not in local:
        found, function = resolve(target)
    values = [*call.args[1:], *(k.value for k in call.keywords)]
    if not isinstance(function, types.FunctionType) or any(k.arg is None for k in call.keywords) \
            or not all(isinstance(v, (gast.Constant, gast.Name, gast.Attribute)) for v in values):
        return None
    params = list(inspect.signature(function).parameters.values())
    given, keywords = len(call.args) - 1, [k.arg for k in call.keywords]
    rest = [p for p in params[given:] if p.name not in keywords]
    if any(p.kind is not p.POSITIONAL_OR_KEYWORD for p in params) or given > len(params) or \
            not set(keywords) <= {p.name for p in params[given:]} or any(
            p.default is not p.empty and type(p.default) not in _PLAIN for p in rest):
        return None
    names = [f"_given{i}" for i in range(given)]
    first = min([i for i, p in enumerate(params) if p.name in keywords], default=len(params))
    ahead = [p for i, p in enumerate(params) if given <= i < first]  # (the others: by keyword,
    after = [p for p in rest if p not in ahead]  # as a positional one would meet a given one)
    body = gast.Call(func=build.clone(call.args[0]), args=[_name(n) for n in names + [
        p.name for p in ahead]], keywords=[gast.keyword(arg=k, value=_name(k)) for k in
                                            keywords + [p.name for p in after]])
    made = gast.Lambda(args=gast.arguments(
        args=[_name(p.name, gast.Param()) for p in ahead], posonlyargs=[], vararg=None,
        kwarg=None, defaults=[build.constant(p.default) for p in ahead if p.default is not p.empty],
        kwonlyargs=[_name(n, gast.Param()) for n in names + keywords + [p.name for p in after]],
        kw_defaults=[build.clone(v) for v in values] + [
            None if p.default is p.empty else build.constant(p.default) for p in after]), body=body)
    for each in walk(made):
        if getattr(each, "lineno", None) is None and "lineno" in each._attributes:
            gast.copy_location(each, call)
    return made


def _name(name: str, ctx: gast.AST | None = None) -> gast.Name:
    return gast.Name(id=name, ctx=ctx or gast.Load(), annotation=None, type_comment=None)


_PLAIN = (int, float, bool, str, type(None))


def _users(func: gast.expr, local: set[str], resolve: Callable) -> bool:
    """Whether ``func`` names a Python function of the user's (not of a library's)."""
    parts = dotted(func)
    if parts is None or parts[0] in local:
        return False
    found, value = resolve(parts)
    return found and isinstance(value, types.FunctionType) and \
        (getattr(value, "__module__", "") or "").partition(".")[0] not in _LIBRARIES
