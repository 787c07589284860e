"""A derivative's own item writes as new values, for differentiating it again where its in-place
form cannot be followed.

A gradient writes into an adjoint of its own where :mod:`.owned` proves nothing else holds it
(``y_bar[i] = 0.0``).  Differentiated again, that write is a change in place that the second
derivative's tape may see through a value read from the array before it (a view, for all the
analysis of generated code can tell), and :func:`.guards.shared_error` refuses it.  The same
computation written as a new value, ``y_bar = _rt.set_index(y_bar, i, 0.0)`` (the form the
gradient had before the proof), is one the second derivative follows: the pipeline transforms
the gradient again with the refused name's item writes so, and only then (the first derivative
and every other transform keep the in-place write).

    >>> import gast
    >>> from tangentish.syntax.printer import function_text
    >>> tree = gast.parse("def g(y_bar, i, v):\\n    y_bar[i] = 0.0\\n    y_bar[i] += v\\n"
    ...                   "    z[i] = v\\n")
    >>> functional_writes(tree.body[0], {"y_bar"})
    2
    >>> print(function_text(tree.body[0]).strip())
    def g(y_bar, i, v):
        y_bar = _rt.set_index(y_bar, i, 0.0)
        y_bar = _rt.set_index(y_bar, i, y_bar[i] + v)
        z[i] = v
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gast

from ..errors import UnsupportedConstructError
from ..loader import is_generated
from ..syntax import build
from ..syntax.parse import SourceInfo, parse_function


def functional_writes(node: gast.FunctionDef, names: set[str]) -> int:
    """Rewrite, in ``node``, each ``n[index] = value`` and ``n[index] op= value`` of a name ``n``
    in ``names`` as ``n = _rt.set_index(n, index, value)``; returns how many."""
    count = 0
    for stmt in build.node_list(node):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(stmt, field, None)
            if isinstance(block, list):
                for i, inner in enumerate(block):
                    new = _functional(inner, names)
                    if new is not None:
                        block[i] = gast.copy_location(new, inner)
                        count += 1
    return count


def _functional(stmt: gast.stmt, names: set[str]) -> gast.stmt | None:
    target = build.write_target(stmt)
    value = stmt.value if isinstance(stmt, gast.Assign) else None
    if not (isinstance(target, gast.Subscript) and isinstance(target.value, gast.Name)
            and target.value.id in names):
        return None
    name, index = target.value.id, target.slice
    if value is None:  # (n[i] op= v: n[i] op v, read before the write)
        read = gast.Subscript(value=build.name(name), slice=build.clone(index), ctx=gast.Load())
        value = gast.BinOp(left=read, op=stmt.op, right=stmt.value)
    setter = build.attribute(build.name("_rt"), "set_index")
    return build.assign(name, build.call(setter, build.name(name), build.slice_as_expression(index),
                                         value))  # (`y[..., :1]`: `(..., slice(None, 1, None))`)


def retried(fn: Any, info: SourceInfo, refused: UnsupportedConstructError,
            attempt: Callable[[SourceInfo], Any]) -> Any:
    """``attempt`` (the pipeline's transform) of the generated ``fn`` parsed again with the item
    writes of the name ``refused`` names (``refused.own_change``) as new values, each name a
    later refusal names added in turn; ``refused`` again where no write is left to rewrite, or
    ``refused`` was another refusal (or of the user's own function: ``info``)."""
    if not getattr(refused, "own_change", None) or not is_generated(info.fn):
        raise refused.with_traceback(None)
    names = {refused.own_change}
    while True:
        info = parse_function(fn)
        if not functional_writes(info.node, names):
            raise refused.with_traceback(None)
        try:
            return attempt(info)
        except UnsupportedConstructError as exc:
            if getattr(exc, "own_change", None) in (None, *names):
                raise refused.with_traceback(None) from None
            names = {*names, exc.own_change}
