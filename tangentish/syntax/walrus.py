"""Assignment expressions (``:=``) evaluated first in their statement, made assignments of their own.

``if (n := np.linalg.norm(x)) > 1.0:`` is ``n = np.linalg.norm(x)`` then ``if n > 1.0:``, and
``while (s := f(x)) > tol: body`` is ``while True: s = f(x); if not s > tol: break; body`` (a
``continue`` in ``body`` comes back to that assignment, as Python re-evaluates the test).  A
``(n := e)`` is lowered so where Python would evaluate ``e`` before anything else the statement
does that could tell the difference:

- it sits in an assignment's, an augmented assignment's, an expression statement's or a
  ``return``'s value, an ``if``/``elif``/``while`` test, an ``assert``'s test or a ``for``'s
  iterable (each evaluated once where the statement starts, the ``while`` test once per round);
- it runs whenever that expression does: not in the later operands of ``and``/``or``, a branch
  of a conditional expression, a comprehension or a lambda;
- nothing evaluated before it calls anything (what a call did could not be moved after it) or
  reads ``n`` (which would see the old value), and the statement binds no ``n`` itself (its
  target, a ``for``'s variable); a ``while`` it would rewrite has no ``else``.

Every other ``:=`` stays, and :mod:`.fence` refuses it at its line.  Walrus expressions of nested
functions are lowered the same way.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     if (n := np.sum(x * x)) > 1.0:
    ...         x = x / n
    ...     return x
    >>> print(function_text(parse_function(f).node), end="")
    def f(x):
        n = np.sum(x * x)
        if n > 1.0:
            x = x / n
        return x
"""

from __future__ import annotations

import gast

from . import build

_CONDITIONAL = (gast.Lambda, gast.ListComp, gast.SetComp, gast.DictComp, gast.GeneratorExp)
_ONCE = (gast.Assign, gast.AugAssign, gast.AnnAssign, gast.Expr, gast.Return)


def has_walrus(lines: list[str]) -> bool:
    return any(":=" in line for line in lines)


def lower_walrus(body: list[gast.stmt]) -> list[gast.stmt]:
    """``body`` with the assignment expressions it may move made statements (see above)."""
    out: list[gast.stmt] = []
    for stmt in body:
        for field in ("body", "orelse"):
            if isinstance(getattr(stmt, field, None), list):
                setattr(stmt, field, lower_walrus(getattr(stmt, field)))
        if isinstance(stmt, gast.While) and not stmt.orelse:
            hoisted = _hoisted(stmt, stmt.test)
            if hoisted:
                out.append(_rounds(stmt, hoisted))
                continue
        root = stmt.test if isinstance(stmt, (gast.If, gast.Assert)) else \
            stmt.iter if isinstance(stmt, gast.For) else \
            stmt.value if isinstance(stmt, _ONCE) else None
        out.extend(_hoisted(stmt, root) if root is not None else [])
        out.append(stmt)
    return out


def _rounds(loop: gast.While, hoisted: list[gast.stmt]) -> gast.While:
    """``while True:`` the assignments, ``if not test: break``, then the body."""
    where = loop.test
    stop = gast.copy_location(gast.If(test=gast.copy_location(build.not_(loop.test), where),
                                      body=[gast.copy_location(gast.Break(), where)],
                                      orelse=[]), where)
    true = gast.copy_location(gast.Constant(value=True, kind=None), where)
    return gast.copy_location(gast.While(test=true, body=hoisted + [stop] + loop.body, orelse=[]),
                              loop)


def _hoisted(stmt: gast.stmt, root: gast.expr | None) -> list[gast.stmt]:
    """The assignments of the walrus expressions of ``root`` that may move (each replaced by its
    name in ``root``), in evaluation order."""
    found: list[gast.stmt] = []
    if root is None:
        return found
    parents = {id(c): p for p in gast.walk(stmt) for c in build.children(p)}
    order = _preorder(root)
    for position, node in enumerate(order):
        if not isinstance(node, gast.NamedExpr) or not _movable(node, stmt, root, parents,
                                                                  order[:position]):
            continue
        name = node.target.id
        found.append(gast.copy_location(build.assign(name, node.value), node))
        build.replace_child(parents[id(node)], node,
                            gast.copy_location(build.name(name), node))
    return found


def _preorder(root: gast.expr) -> list[gast.AST]:
    found: list[gast.AST] = []
    stack = [root]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(reversed(build.children(node)))
    return found


def _movable(node: gast.NamedExpr, stmt: gast.stmt, root: gast.expr, parents: dict,
             before: list[gast.AST]) -> bool:
    if not isinstance(node.target, gast.Name) or \
            any(isinstance(n, gast.NamedExpr) for n in gast.walk(node.value)):
        return False
    name = node.target.id
    others = [part for field, value in gast.iter_fields(stmt) if field not in ("body", "orelse")
              for part in (value if isinstance(value, list) else [value])
              if isinstance(part, gast.AST) and part is not root]
    if any(isinstance(n, gast.Name) and n.id == name for part in others for n in gast.walk(part)) \
            or any(isinstance(n, gast.Name) and n.id == name for n in before):
        return False  # (read before it, or bound by the statement itself)
    child, parent = node, parents.get(id(node))
    while child is not root:
        if isinstance(parent, _CONDITIONAL) or \
                isinstance(parent, gast.BoolOp) and child is not parent.values[0] or \
                isinstance(parent, gast.IfExp) and child is not parent.test:
            return False
        child, parent = parent, parents.get(id(parent))
    inside = {id(n) for n in gast.walk(node)}
    return not any(isinstance(n, (gast.Call, gast.NamedExpr, gast.Await, gast.Yield,
                                  gast.YieldFrom)) and id(n) not in inside and
                   not _encloses(n, node) for n in before)


def _encloses(outer: gast.AST, node: gast.AST) -> bool:
    return any(n is node for n in gast.walk(outer))
