"""The calls of a statement that run once, where it runs (for :mod:`record_helpers`, which
inlines those of small helpers): an assignment's, ``return``'s or expression statement's value,
an ``if`` test, each call in it outside ``and``/``or``, conditional expressions, comprehensions
and lambdas, innermost first; and the attributes of names there (``p.norm``: a property's
getter, which runs where the attribute is read).

    >>> import gast
    >>> stmt = gast.parse("y = f(g(x)) + (h(x) if c else 0) + p.norm").body[0]
    >>> [gast.dump(c.func) if isinstance(c, gast.Call) else c.attr
    ...  for root in evaluated_once(stmt) for c in calls(root)]  # doctest: +ELLIPSIS
    ["Name(id='g', ...)", "Name(id='f', ...)", 'norm']
"""

from __future__ import annotations

import builtins
import keyword
from collections.abc import Callable, Collection
from typing import Any

import gast

from ..syntax import build

_CONDITIONAL = (gast.BoolOp, gast.IfExp, gast.Lambda, gast.ListComp, gast.SetComp, gast.DictComp,
                gast.GeneratorExp, gast.FunctionDef)


def evaluated_once(stmt: gast.stmt) -> list[gast.expr]:
    """The expressions of ``stmt`` evaluated once, before it does anything else."""
    if isinstance(stmt, (gast.Assign, gast.AugAssign, gast.Return, gast.Expr)) and \
            stmt.value is not None:
        return [stmt.value]
    if isinstance(stmt, gast.If):
        return [stmt.test]
    return []


def calls(root: gast.expr) -> list[gast.Call]:
    """The calls in ``root`` that run whenever it is evaluated (not inside an ``and``/``or``, a
    conditional expression, a comprehension or a lambda), innermost first, and the attributes
    of names (``p.norm``, which may call a property's getter)."""
    found: list[gast.Call] = []
    _collect_calls(root, found)  # (no recursive closure: a cycle would keep the tree alive)
    return found


def _collect_calls(node: gast.AST, found: list[gast.Call | gast.Attribute]) -> None:
    if isinstance(node, _CONDITIONAL):
        return
    for child in build.children(node):
        _collect_calls(child, found)
    if isinstance(node, gast.Call) or isinstance(node, gast.Attribute) and \
            isinstance(node.ctx, gast.Load) and isinstance(node.value, gast.Name):
        found.append(node)  # (`p.r0`: a property's getter runs where it is read)


def put(stmt: gast.stmt, old: gast.expr, new: gast.expr) -> None:
    for node in build.node_list(stmt):
        if build.replace_child(node, old, new):
            return


def each_statement(stmts: list[gast.stmt], statement: Callable[[gast.stmt], list[gast.stmt]]
                   ) -> list[gast.stmt]:
    """``stmts`` with each statement, in every block nested in them (not in a nested
    function), replaced by what ``statement`` returns for it (inner blocks first)."""
    out: list[gast.stmt] = []
    for stmt in stmts:
        for field in ("body", "orelse", "finalbody"):
            if not isinstance(stmt, gast.FunctionDef) and \
                    isinstance(getattr(stmt, field, None), list):
                setattr(stmt, field, each_statement(getattr(stmt, field), statement))
        for handler in getattr(stmt, "handlers", ()):
            handler.body = each_statement(handler.body, statement)
        out.extend(statement(stmt))
    return out


def getattr_read(stmt: gast.stmt, call: gast.expr, receivers: Collection[str],
                 resolve: Callable[[gast.expr], Any]) -> gast.expr:
    """``call`` of ``stmt``, or where it is ``getattr(p, "w")`` (the built-in, two arguments) of
    a name of ``receivers`` at a constant identifier Python would not mangle in a class
    (``"__w"``), ``p.w`` put in its place."""
    if not (isinstance(call, gast.Call) and len(call.args) == 2 and not call.keywords and
            isinstance(call.args[0], gast.Name) and call.args[0].id in receivers):
        return call
    key = call.args[1]
    if not (isinstance(key, gast.Constant) and isinstance(key.value, str) and
            key.value.isidentifier() and not keyword.iskeyword(key.value) and
            not (key.value.startswith("__") and not key.value.endswith("__"))) or \
            resolve(call.func) is not builtins.getattr:
        return call
    read = gast.copy_location(build.attribute(build.name(call.args[0].id), key.value), call)
    put(stmt, call, read)
    return read
