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
its call is then one of a local function's (``_fn(qs)``).
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

import gast

from .naming import dotted

_SCOPES = (gast.Lambda, gast.ListComp, gast.SetComp, gast.DictComp, gast.GeneratorExp)
_LIBRARIES = ("numpy", "scipy", "tangentish", "functools", "itertools", "builtins", "math",
              "operator")


def handed(node: gast.AST, root: gast.expr, parents: dict, local: set[str],
           resolve: Callable[[list[str]], tuple[bool, Any]]) -> bool:
    """Whether ``node`` is a lambda handed to a Python function of the user's, or called where
    it is made (``(lambda a: a[0])(qs)``: then ``_fn(qs)``, a local function's call), outside
    any comprehension or lambda within ``root``."""
    parent = parents.get(id(node))
    if isinstance(parent, gast.keyword):
        parent = parents.get(id(parent))
    if not (isinstance(node, gast.Lambda) and isinstance(parent, gast.Call)):
        return False
    if node is not parent.func and not _users(parent.func, local, resolve):
        return False
    child = parent
    while child is not root:
        child = parents.get(id(child))
        if isinstance(child, _SCOPES):
            return False
    return True


def _users(func: gast.expr, local: set[str], resolve: Callable) -> bool:
    """Whether ``func`` names a Python function of the user's (not of a library's)."""
    parts = dotted(func)
    if parts is None or parts[0] in local:
        return False
    found, value = resolve(parts)
    return found and isinstance(value, types.FunctionType) and \
        (getattr(value, "__module__", "") or "").partition(".")[0] not in _LIBRARIES
