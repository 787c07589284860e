"""Code a lowering writes itself (the loop ``np.apply_along_axis`` or ``np.vectorize`` runs, the
lambda a ``np.poly1d`` binding stands for): parsed from text and placed at the user's line, so
errors and provenance comments point there.

    >>> import gast
    >>> node = gast.parse("y = f(x)").body[0].value
    >>> made = parsed_at("lambda t: t * 2.0", node)
    >>> type(made).__name__, made.lineno
    ('Lambda', 1)
"""

from __future__ import annotations

import ast
from typing import Any

import gast

from ..syntax.convert import ast_to_gast
from ..syntax.resolve import resolve_reference
from ..syntax.tree_walk import walk
from .lowering import Lowering


def parsed_at(text: str, where: gast.AST) -> gast.AST:
    """``text`` (a ``def`` or an expression) as a gast node, every node at ``where``'s place."""
    tree = ast_to_gast(ast.parse(text))
    made = tree.body[0]
    made = made.value if isinstance(made, gast.Expr) else made
    for node in walk(made):
        if hasattr(node, "lineno"):
            gast.copy_location(node, where)
    return made


def one_argument_call_of(norm: Lowering, node: gast.expr, function: Any) -> bool:
    """``node`` is ``function(a)`` (``np.vectorize(F)``, ``np.poly1d(p)``): one positional
    argument, no keywords, the callee a module's name resolving to ``function``."""
    if not isinstance(node, gast.Call) or len(node.args) != 1 or node.keywords or \
            isinstance(node.args[0], gast.Starred) or norm.is_local_root(node.func):
        return False
    found = resolve_reference(norm.info, node.func, norm.machinery)
    return found is not None and found.value is function
