"""A call of a dict of functions the function reads from its module or closure, at a key known
only when it runs (``ACTS[name](x)``, ``self``-free configuration code: ``def mlp(x,
activation="relu")``): the statement holding it becomes one copy per key of the dict, chosen by
comparing the key, each calling the item at a constant key (``ACTS["relu"](x)``, which the call
lowering follows), and ``KeyError`` for any other key, as the dict raises.

Only a statement that evaluates the call whenever it runs is rewritten (an assignment, an
augmented assignment, a ``return`` or an expression statement, the call not inside a lambda, a
comprehension, a conditional expression or a short-circuit ``and``/``or``), with a key that is a
name or an attribute path, or ``get`` of a module's dict at constants (``CONFIG.get("act",
"tanh")``: each evaluated once more, by each comparison, where nothing else runs), of a dict of
at most :data:`MOST` string keys whose values are all callable; the dict's keys, in order, are
part of what the derivative depends on (a key added later builds it again).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> ACTS = {"tanh": np.tanh, "sin": np.sin}
    >>> def f(x, name="tanh"):
    ...     y = ACTS[name](x) * 2.0
    ...     return np.sum(y)
    >>> info = parse_function(f)
    >>> dispatch_function_tables(info)
    >>> print(function_text(info.node), end="")
    def f(x, name='tanh'):
        if name == 'tanh':
            y = ACTS['tanh'](x) * 2.0
        elif name == 'sin':
            y = ACTS['sin'](x) * 2.0
        else:
            raise KeyError(name)
        return np.sum(y)
"""

from __future__ import annotations

import copy

import gast

from ..syntax import build
from ..syntax.parse import SourceInfo
from ..syntax.resolve import constant_path
from ..syntax.star import choice_chain
from ..syntax.tree_walk import walk

MOST = 8
_SIMPLE = (gast.Assign, gast.AugAssign, gast.AnnAssign, gast.Return, gast.Expr)
_CONDITIONAL = (gast.Lambda, gast.ListComp, gast.SetComp, gast.DictComp, gast.GeneratorExp,
                gast.IfExp, gast.BoolOp)
_NESTED = (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef)


def dispatch_function_tables(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring)."""
    local = {n.id for n in walk(info.node) if isinstance(n, gast.Name)
             and not isinstance(n.ctx, gast.Load)} | set(build.parameter_names(info.node.args))
    info.node.body = _block(info, info.node.body, local)


def _block(info: SourceInfo, body: list[gast.stmt], local: set[str]) -> list[gast.stmt]:
    out = []
    for stmt in body:
        if isinstance(stmt, _NESTED):
            out.append(stmt)
            continue
        for field in ("body", "orelse", "finalbody"):
            if isinstance(getattr(stmt, field, None), list):
                setattr(stmt, field, _block(info, getattr(stmt, field), local))
        out.append(_dispatched(info, stmt, local, MOST * MOST) if isinstance(stmt, _SIMPLE)
                   else stmt)
    return out


def _dispatched(info: SourceInfo, stmt: gast.stmt, local: set[str], budget: int) -> gast.stmt:
    found = _first(info, stmt, local)
    if found is None:
        return stmt
    call, keys = found
    if len(keys) > budget:
        return stmt
    key = call.func.slice
    branches = []
    for k in keys:
        copied = copy.deepcopy(stmt)
        target = next(n for n in walk(copied) if isinstance(n, gast.Call) and
                      _same(n, call))
        target.func.slice = gast.copy_location(build.constant(k), key)
        branches.append((k, _dispatched(info, copied, local, budget // len(keys))))
    error = gast.Raise(exc=build.call("KeyError", build.clone(key)), cause=None)
    return choice_chain(key, [(k, [branch]) for k, branch in branches], error, stmt)


def _same(a: gast.Call, b: gast.Call) -> bool:
    return (a.lineno, a.col_offset, gast.dump(a)) == (b.lineno, b.col_offset, gast.dump(b))


def _first(info: SourceInfo, stmt: gast.stmt, local: set[str]) -> tuple | None:
    """The first call in ``stmt`` of a dict of functions at a key known when it runs, and the
    dict's keys; None if there is none (see the module docstring)."""
    stack = [(stmt, False)]
    while stack:
        node, conditional = stack.pop()
        if isinstance(node, gast.Call) and isinstance(node.func, gast.Subscript) and \
                not conditional:
            keys = _keys(info, node.func, local)
            if keys is not None:
                return node, keys
        inside = conditional or isinstance(node, _CONDITIONAL)
        stack.extend((child, inside) for child in reversed(list(gast.iter_child_nodes(node))))
    return None


def _keys(info: SourceInfo, func: gast.Subscript, local: set[str]) -> list[str] | None:
    key = func.slice
    if not config_get(info, key, local) and (
            isinstance(key, gast.Constant) or constant_path(key) is None or
            not all(isinstance(p, str) for p in constant_path(key))):
        return None
    parts = constant_path(func.value)
    if parts is None or parts[0] in local:
        return None
    found, table = info.lookup_path(parts)
    if not found or type(table) is not dict or not 0 < len(table) <= MOST or \
            not all(type(k) is str and callable(v) for k, v in table.items()):
        return None
    info.lookup_sequence(parts)  # (its keys, in order: a key added builds it again)
    return list(table)


def config_get(info: SourceInfo, key: gast.expr, local: set[str]) -> bool:
    """``CONFIG.get("act", "tanh")``: ``get`` of a dict the function reads from its module or
    closure, at constant arguments (evaluated once more, by each comparison: nothing runs)."""
    if not (isinstance(key, gast.Call) and isinstance(key.func, gast.Attribute) and
            key.func.attr == "get" and not key.keywords and 1 <= len(key.args) <= 2 and
            all(isinstance(a, gast.Constant) for a in key.args)):
        return False
    parts = constant_path(key.func.value)
    if parts is None or parts[0] in local:
        return False
    found, table = info.lookup_path(parts)
    return found and type(table) is dict
