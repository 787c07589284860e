"""Star unpacking in a tuple or list display, as the concatenation it is.

``(2, *x.shape)`` is ``(2,) + tuple(x.shape)`` and ``[*parts, y]`` is ``list(parts) + [y]``:
Python builds the same tuple or list, item by item, in the same order (each starred value is
iterated once, where it stands).  Written so, the display is made of what tangentish already
differentiates (displays, ``tuple``/``list`` of a sequence, ``+`` of tuples or lists), so the
common ``np.zeros((n, *x.shape))`` needs no rule of its own; ``a.reshape(-1, *x.shape[1:])``
passes its shape as one tuple, ``a.reshape((-1, *x.shape[1:]))``, as NumPy's ``reshape`` takes it
either way.  Only displays read as values are rewritten (``a, *rest = v`` binds names: see
:mod:`.fence`), and only where ``tuple`` and ``list`` are the builtins; any other star among a
call's arguments stays for :mod:`.fence` to refuse (or for :mod:`.star` and :mod:`.unzip`).

    >>> import ast
    >>> from tangentish.syntax.parse import parse_function
    >>> def f(x, parts):
    ...     y = np.zeros((2, *x.shape))
    ...     return y.reshape(-1, *x.shape[1:]), [*parts, x]
    >>> print(ast.unparse(gast.gast_to_ast(parse_function(f).node)))
    def f(x, parts):
        y = np.zeros((2,) + tuple(x.shape))
        return (y.reshape((-1,) + tuple(x.shape[1:])), list(parts) + [x])
"""

from __future__ import annotations

from collections.abc import Callable

import gast

from . import build
from .tree_walk import walk


def spread_displays(node: gast.FunctionDef, builtin: Callable[[str], bool]) -> None:
    """Rewrite, in place, every display of ``node`` holding a starred value (see the module
    docstring), when ``tuple`` and ``list`` are the builtins there (no local or global of the
    function shadows them)."""
    bound = {n.id for n in walk(node) if isinstance(n, gast.Name) and not
             isinstance(n.ctx, gast.Load)} | build.parameter_names(node.args)
    if not bound & {"tuple", "list"} and builtin("tuple") and builtin("list"):
        _Spread().visit(node)


class _Spread(gast.NodeTransformer):
    def visit_Call(self, node: gast.Call) -> gast.Call:
        """``a.reshape(-1, *s)``: the shape as one tuple, ``a.reshape((-1, *s))``, which NumPy
        takes alike (and as :mod:`.methods` reads any ``.reshape``: ``np.reshape``'s shape)."""
        if isinstance(node.func, gast.Attribute) and node.func.attr == "reshape" and \
                any(isinstance(a, gast.Starred) for a in node.args):
            node.args = [gast.copy_location(build.tuple_(node.args), node)]
        self.generic_visit(node)
        return node

    def visit_Tuple(self, node: gast.Tuple) -> gast.expr:
        self.generic_visit(node)
        return _joined(node, "tuple", build.tuple_)

    def visit_List(self, node: gast.List) -> gast.expr:
        self.generic_visit(node)
        return _joined(node, "list", build.list_)


def _joined(node: gast.Tuple | gast.List, kind: str,
            display: Callable[[list[gast.expr]], gast.expr]) -> gast.expr:
    if not isinstance(node.ctx, gast.Load) or \
            not any(isinstance(e, gast.Starred) for e in node.elts):
        return node
    parts: list[gast.expr] = []
    run: list[gast.expr] = []
    for element in node.elts:
        if isinstance(element, gast.Starred):
            if run:
                parts.append(display(run))
                run = []
            parts.append(gast.copy_location(build.call(kind, element.value), element))
        else:
            run.append(element)
    if run:
        parts.append(display(run))
    joined = parts[0]
    for part in parts[1:]:
        joined = build.binop(joined, "+", part)
    return gast.copy_location(joined, node)
