"""The defaults of a function defined inside the differentiated one (a ``def`` or a ``lambda``
bound to a name), evaluated where the definition runs, as Python evaluates them.

:mod:`.inline` writes a nested function's body at each call, binding a parameter the call leaves
out to its default.  A default that may have another value at the call than at the ``def`` (it
reads a name the function binds again, ``def h(a, s=x)`` then ``x = 2 * x``, or it calls
something) is first stored in a variable of its own where the ``def`` is (``s_default = x``), and
the call reads that; a constant, or a name the function never binds (a parameter it keeps, a
module's ``np.pi``), is the same at both places and is left in the definition.

    >>> import gast
    >>> from tangentish.syntax.printer import expression_text
    >>> fn = gast.parse("lambda a, s=x, t=2.0: a").body[0].value
    >>> [expression_text(d) for d in fn.args.defaults]
    ['x', '2.0']
    >>> sorted(_later({"x"}, d) for d in fn.args.defaults)
    [False, True]
"""

from __future__ import annotations

import copy
from typing import Any

import gast

from ..syntax import build
from ..syntax.tree_walk import walk


def define_local(norm: Any, stmt: gast.FunctionDef | gast.Assign) -> None:
    """``def g(...)`` or ``g = lambda ...``: ``g`` is a local function of ``norm``, its defaults
    evaluated here, as Python's are (:func:`defaults_now`)."""
    if isinstance(stmt, gast.FunctionDef):
        norm.local_functions[stmt.name] = defaults_now(norm, stmt)
    else:
        norm.local_functions[stmt.targets[0].id] = defaults_now(norm, stmt.value)


def defaults_now(norm: Any, fn: gast.FunctionDef | gast.Lambda) -> gast.FunctionDef | gast.Lambda:
    """``fn`` with each default that may change before a call (:func:`_later`) replaced by a
    fresh variable assigned its value here, where ``norm`` (a :class:`~.lowering.Lowering`) is
    lowering the definition; ``fn`` itself when no default may change."""
    args = fn.args
    if not any(d is not None for d in (*args.defaults, *args.kw_defaults)):
        return fn
    bound = {n.id for scope in (norm.info.node, norm.root) for n in walk(scope)  # (root: the
             if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)}  # one lowered)
    positional = [*args.posonlyargs, *args.args][len(args.posonlyargs) + len(args.args) -
                                                 len(args.defaults):]
    pairs = [*zip(positional, args.defaults, strict=True),
             *zip(args.kwonlyargs, args.kw_defaults, strict=True)]
    if not any(d is not None and _later(bound, d) for _, d in pairs):
        return fn
    now = []
    for param, default in pairs:
        if default is not None and _later(bound, default):
            name = norm.namer.fresh(f"{param.id}_default")
            norm.emit_assign(name, norm.atom(default), name)
            default = gast.copy_location(build.name(name), default)
        now.append(default)
    moved = copy.copy(fn)
    moved.args = copy.copy(args)
    moved.args.defaults, moved.args.kw_defaults = now[:len(args.defaults)], now[len(args.defaults):]
    return moved


def _later(bound: set[str], default: gast.expr) -> bool:
    """Whether ``default`` may have another value at a call than where it is defined: anything
    but a constant (``-1.0`` too) or a name or dotted path whose root the function never binds."""
    node = default.operand if isinstance(default, gast.UnaryOp) else default
    if isinstance(node, gast.Constant):
        return False
    while isinstance(node, gast.Attribute):
        node = node.value
    return not isinstance(node, gast.Name) or node.id in bound
