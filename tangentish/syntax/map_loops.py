"""A ``for`` loop or a comprehension over ``map(f, xs)`` or ``filter(f, xs)`` as one over a name
bound to that iterator just before its statement, which :mod:`.iterators` then reads.

``for v in map(f, xs):`` and ``sum(g(v) for v in map(f, xs))`` iterate an iterator their
statement makes and nothing else reads; Python makes it where the loop or the comprehension
starts.  Bound to a fresh name just before (``_mapped = map(f, xs)``, then ``for v in _mapped:``),
it is the iterator :mod:`.iterators` lists (``_mapped = list(map(f, xs))``) with that module's
checks (nothing changed in place after it up to its last read, no name its lambda reads bound
again, or the line is refused), so the loop gets the items Python's would.  Only where the
statement surely evaluates it: a ``for`` loop's iterable (``enumerate(map(f, xs))`` too), a list
comprehension, or a generator handed to ``sum``/``list``/``tuple``/``sorted``/``max``/``min``,
reached from the statement's value through calls, operators and displays (not under
``if``-``else``, ``and``/``or``, a comparison, a lambda or another comprehension).

    >>> import ast
    >>> from tangentish.syntax.parse import parse_function
    >>> def f(xs):
    ...     total = sum(v * v for v in map(np.tanh, xs))
    ...     for v in map(np.sin, xs):
    ...         total = total + v
    ...     return total
    >>> print(ast.unparse(gast.gast_to_ast(parse_function(f).node)))  # (then iterators.py)
    def f(xs):
        _mapped = list(map(np.tanh, xs))
        _mapped_1 = 0
        total = sum((v * v for v in _mapped))
        _mapped_1 = len(_mapped)
        _mapped2 = list(map(np.sin, xs))
        _mapped2_1 = 0
        for v in _mapped2[_mapped2_1:]:
            _mapped2_1 = _mapped2_1 + 1
            total = total + v
        return total
"""

from __future__ import annotations

from collections.abc import Callable

import gast

from . import build
from .naming import fresh_name
from .tree_walk import walk

_MAKERS = {"map": "mapped", "filter": "filtered"}
_TAKERS = ("sum", "list", "tuple", "sorted", "max", "min")
_VALUED = (gast.Assign, gast.AugAssign, gast.AnnAssign, gast.Return, gast.Expr)
_THROUGH = (gast.Call, gast.BinOp, gast.UnaryOp, gast.Tuple, gast.List, gast.Subscript,
            gast.Attribute, gast.keyword)


def hoist_map_loops(node: gast.FunctionDef, builtin: Callable[[str], bool]) -> None:
    """Rewrite ``node`` in place (see the module docstring), where ``map``, ``filter`` and the
    takers are the builtins (no name of the function's, nor a global, shadows them)."""
    bound = {n.id for n in walk(node) if isinstance(n, gast.Name) and
             not isinstance(n.ctx, gast.Load)} | build.parameter_names(node.args)
    if bound & {*_MAKERS, *_TAKERS, "enumerate"} or \
            not all(builtin(n) for n in (*_MAKERS, *_TAKERS, "enumerate")):
        return
    node.body = _block(node.body, set(build.names(node, functions=True)))


def _block(body: list[gast.stmt], taken: set[str]) -> list[gast.stmt]:
    out: list[gast.stmt] = []
    for stmt in body:
        if isinstance(stmt, (gast.For, gast.While, gast.If, gast.With)):
            stmt.body = _block(stmt.body, taken)
            if not isinstance(stmt, gast.With):
                stmt.orelse = _block(stmt.orelse, taken)
        for holder, field in _sites(stmt):
            call = getattr(holder, field) if isinstance(field, str) else holder[field]
            name = fresh_name(_MAKERS[call.func.id], taken)
            made = build.assign(name, call)
            for part in (made, *made.targets):
                gast.copy_location(part, stmt)
            out.append(made)
            replaced = gast.copy_location(build.name(name), call)
            if isinstance(field, str):
                setattr(holder, field, replaced)
            else:
                holder[field] = replaced
        out.append(stmt)
    return out


def _made(expr: gast.expr) -> bool:
    """Whether ``expr`` is ``map(f, xs)`` or ``filter(f, xs)`` (positional, no star)."""
    return isinstance(expr, gast.Call) and isinstance(expr.func, gast.Name) and \
        expr.func.id in _MAKERS and not expr.keywords and len(expr.args) >= 2 and \
        not any(isinstance(a, gast.Starred) for a in expr.args)


def _sites(stmt: gast.stmt) -> list[tuple]:
    """``(holder, field)`` of each ``map``/``filter`` call to hoist out of ``stmt``."""
    if isinstance(stmt, gast.For):
        it = stmt.iter
        if _made(it):
            return [(stmt, "iter")]
        if isinstance(it, gast.Call) and isinstance(it.func, gast.Name) and \
                it.func.id == "enumerate" and len(it.args) == 1 and _made(it.args[0]):
            return [(it.args, 0)]
        return []
    if not isinstance(stmt, _VALUED) or stmt.value is None:
        return []
    found, stack = [], [(stmt.value, None)]
    while stack:
        expr, parent = stack.pop()
        if isinstance(expr, (gast.ListComp, gast.GeneratorExp)):
            taken = isinstance(expr, gast.ListComp) or isinstance(parent, gast.Call) and \
                isinstance(parent.func, gast.Name) and parent.func.id in _TAKERS and \
                parent.args == [expr] and not parent.keywords
            if taken and _made(expr.generators[0].iter):
                found.append((expr.generators[0], "iter"))
        elif isinstance(expr, _THROUGH):
            stack.extend((child, expr) for name in expr._fields
                         for child in _children(getattr(expr, name, None)))
    return found


def _children(value: object) -> list:
    items = value if isinstance(value, list) else [value]
    return [v for v in items if isinstance(v, gast.AST)]
