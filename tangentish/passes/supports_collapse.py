"""Nested selections of one support collapsed (:mod:`.supports`, run by :mod:`.optimize`):
substituting a contribution kept on its support into another kept on the same one leaves
``np.where(c, np.where(c, a, 0.0) / d, 0.0)``; within the outer selection the inner one is the
identity.

    >>> import ast, gast
    >>> from tangentish.passes.walks import Walks
    >>> stmts = gast.parse("g = np.where(c, np.where(c, a, 0.0) / d, 0.0)").body
    >>> collapse(stmts, Walks())
    >>> print(ast.unparse(gast.gast_to_ast(stmts[0])))
    g = np.where(c, a / d, 0.0)
"""

from __future__ import annotations

import gast

from ..syntax import build
from .supports_base import calls
from .walks import Walks


def collapse(stmts: list[gast.stmt], walks: Walks, numpy: str = "np") -> None:
    """``np.where(c, np.where(c, a, 0.0) / d, 0.0)`` → ``np.where(c, a / d, 0.0)`` (what
    substituting a guarded contribution's operand into it leaves): within the outer selection the
    inner one is the identity.  Only an inner selection reached through arithmetic (elementwise);
    only NumPy's (``numpy``: its alias)."""
    for stmt in stmts:
        value = getattr(stmt, "value", None)
        outer = [node for node in build.nodes(value) if calls(node, "where")
                 and getattr(node.func.value, "id", None) == numpy] if value else []
        for node in outer:
            kept = kept_argument(node) if len(node.args) == 3 and not node.keywords else None
            if kept is not None:
                node.args[kept] = _unwrapped(node.args[kept], node, kept)
        if outer:
            walks.forget(stmt)  # (its nodes may have changed)


def kept_argument(node: gast.Call) -> int | None:
    """Which argument of ``np.where(c, a, b)`` is kept (the other is the literal 0), if one is."""
    for kept, zero in ((1, 2), (2, 1)):
        other = node.args[zero]
        if isinstance(other, gast.Constant) and other.value == 0:
            return kept
    return None


def _unwrapped(value: gast.expr, outer: gast.Call, kept: int) -> gast.expr:
    if isinstance(value, gast.BinOp):
        value.left = _unwrapped(value.left, outer, kept)
        value.right = _unwrapped(value.right, outer, kept)
    elif isinstance(value, gast.UnaryOp):
        value.operand = _unwrapped(value.operand, outer, kept)
    elif calls(value, "where") and len(value.args) == 3 and not value.keywords and \
            gast.dump(value.func) == gast.dump(outer.func) and kept_argument(value) == kept and \
            gast.dump(value.args[0]) == gast.dump(outer.args[0]):
        return value.args[kept]
    return value
