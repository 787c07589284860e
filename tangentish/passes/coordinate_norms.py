"""``math.hypot`` of other than two coordinates (``math.hypot(dx, dy, dz)``, Python >= 3.8), whose
rule takes two: the distance from the origin, ``math.dist((dx, dy, dz), (0.0, 0.0, 0.0))``, the
same float (CPython computes both as one norm of the same absolute values), which has a rule of
its own (``rules/scalar_math.py``; ``math.hypot(*v)`` is rewritten alike, ``syntax/star.py``).

Guarantee to the next stage: each call ``m.hypot(a, b, c, ...)`` (positional arguments only, none
starred, other than two; ``m`` a module path read from outside that holds ``math.hypot`` and
``math.dist``) is ``m.dist((a, b, c, ...), (0.0, 0.0, 0.0, ...))``; every other call is as it was.

    >>> import math
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(p):
    ...     return math.hypot(p[0], p[1], p[2]) + math.hypot(p[0], p[1])
    >>> info = parse_function(f)
    >>> rewrite_coordinate_norms(info)
    >>> print(function_text(info.node), end="")
    def f(p):
        return math.dist((p[0], p[1], p[2]), (0.0, 0.0, 0.0)) + math.hypot(p[0], p[1])
"""

from __future__ import annotations

import math

import gast

from ..syntax import build
from ..syntax.naming import dotted
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk


def rewrite_coordinate_norms(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring)."""
    local = {n.id for n in walk(info.node) if isinstance(n, gast.Name) and
             not isinstance(n.ctx, gast.Load)} | build.parameter_names(info.node.args)
    for node in walk(info.node):
        if not isinstance(node, gast.Call) or node.keywords or len(node.args) == 2 or \
                not isinstance(node.func, gast.Attribute) or \
                any(isinstance(a, gast.Starred) for a in node.args):
            continue
        parts = dotted(node.func)
        if parts is None or parts[0] in local or \
                info.lookup_path(parts) != (True, math.hypot) or \
                info.lookup_path([*parts[:-1], "dist"]) != (True, math.dist):
            continue
        node.func.attr = "dist"
        zeros = [build.constant(0.0) for _ in node.args]
        node.args = [gast.Tuple(elts=node.args, ctx=gast.Load()),
                     gast.Tuple(elts=zeros, ctx=gast.Load())]
        for part in walk(node):
            gast.copy_location(part, node)
