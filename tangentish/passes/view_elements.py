"""The element of an array that an element of a view of it is (:mod:`.view_writes`).

``v = y[::-1]; v[0] += e`` writes ``y[-1]``: the index along each sliced axis of the base,
said as a constant where it is the same on every length, else as Python would compute it.

    >>> import gast
    >>> from tangentish.syntax import build
    >>> from tangentish.syntax.printer import expression_text
    >>> minus_one = gast.UnaryOp(op=gast.USub(), operand=build.constant(1))
    >>> part = gast.Slice(lower=None, upper=None, step=minus_one)
    >>> expression_text(element("y", 0, part, build.constant(0)))
    '-1'
    >>> part = gast.Slice(lower=build.constant(1), upper=None, step=build.name("s"))
    >>> expression_text(element("y", 0, part, build.name("j")))
    'range(y.shape[0])[1::s][j]'
"""

from __future__ import annotations

import gast

from ..syntax import build


def element(base: str, axis: int, part: gast.Slice, position: gast.expr) -> gast.expr:
    """The index along ``axis`` of ``base`` of the element ``position`` of ``base``'s slice
    ``part``: ``range(n)[part][position]`` (which raises where NumPy would), or where it is the
    same on every length, ``k`` (``:``), ``-1 - k`` (``::-1``), ``start + k`` (``start:`` or
    ``start:stop``, constants with ``0 <= start`` and ``0 <= k < stop - start``)."""
    k = _constant(position)
    if part.lower is None and part.upper is None and part.step is None:
        return build.clone(position)
    reverse = isinstance(part.step, gast.UnaryOp) and isinstance(part.step.op, gast.USub) and \
        isinstance(part.step.operand, gast.Constant) and part.step.operand.value == 1
    if reverse and part.lower is None and part.upper is None:  # (v[k] is y[-1 - k], or raises)
        return build.constant(-1 - k) if k is not None else \
            build.binop(build.constant(-1), "-", build.clone(position))
    start, stop = _constant(part.lower), _constant(part.upper)
    if part.step is None and start is not None and start >= 0 and k is not None and k >= 0 and \
            (part.upper is None or stop is not None and k < stop - start):
        return build.constant(start + k)  # (v[k] is y[start + k], or both raise)
    length = build.subscript(build.attribute(build.name(base), "shape"), build.constant(axis))
    positions = build.subscript(build.call("range", length), build.clone(part))
    return build.subscript(positions, build.clone(position))


def _constant(node: gast.AST | None) -> int | None:
    """The value of an int constant (``3``, ``-1``), or None."""
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub):
        inner = _constant(node.operand)
        return None if inner is None else -inner
    return node.value if isinstance(node, gast.Constant) and type(node.value) is int else None
