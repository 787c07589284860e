"""``np.r_[...]`` and ``np.c_[...]`` lowered to the join they perform, which has rules.

``np.r_`` joins its items along the first axis, each at least 1-d (a slice with constant bounds is
``np.arange``, one with an imaginary step ``np.linspace``); ``np.c_`` along the last axis, each
at least 2-d, a 1-d item (or a slice) as a column::

    np.r_[a, 0:3, b]  →  r_a = np.atleast_1d(a); r_range = np.arange(0, 3); r_b = np.atleast_1d(b)
                         np.concatenate([r_a, r_range, r_b], axis=0,
                                        dtype=_rt.join_dtype(a, r_range, b))
    np.c_[a, b]       →  c_a = _rt.as_column(a); c_b = _rt.as_column(b)
                         np.concatenate([c_a, c_b], axis=-1, dtype=_rt.join_dtype(a, b))

The join takes the dtype ``np.r_`` gives it (``_rt.join_dtype``): a number counts weakly, so
``np.r_[x32, 1.0]`` is float32 as in NumPy, where a 1-element float64 array would widen it.

A directive string (``np.r_['0,2', a, b]``) or a slice whose bounds are not constants is refused.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(a, b):
    ...     return np.r_[a, 0:2, b * 2.0]
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")
    def f(a, b):
        r_a = np.atleast_1d(a)
        r_range = np.arange(0, 2, 1)
        b_times_2 = b * 2.0
        r_b_times_2 = np.atleast_1d(b_times_2)
        r_dtype = _rt.join_dtype(a, r_range, b_times_2)
        out = np.concatenate([r_a, r_range, r_b_times_2], axis=0, dtype=r_dtype)
        return out
"""

from __future__ import annotations

import copy
from typing import Any

import gast
import numpy as np

from .. import runtime
from ..ir import Op
from ..syntax import build
from .lowering import Lowering

R_CLASS, C_CLASS = type(np.r_), type(np.c_)


def index_join(norm: Lowering, expr: gast.Subscript, kind: Any) -> tuple[gast.expr, Op] | None:
    """The join ``np.r_[...]``/``np.c_[...]`` performs (its items emitted first), or None when
    ``kind`` is neither."""
    if kind not in (R_CLASS, C_CLASS):
        return None
    rows = kind is R_CLASS
    spelled = "np.r_" if rows else "np.c_"
    items = expr.slice.elts if isinstance(expr.slice, gast.Tuple) else [expr.slice]
    np_alias = norm.machinery.aliases["np"]
    pieces, raw = [], []
    for item in items:
        if isinstance(item, gast.Slice):
            piece = _emit(norm, "r_range" if rows else "c_range", _range(norm, item, spelled),
                          expr)
        elif isinstance(item, gast.Constant) and isinstance(item.value, str):
            raise norm.error(f"{spelled}[...] with a directive string is not differentiated",
                             item, hint="join the arrays with np.concatenate or np.stack")
        else:
            piece = norm.atom(item)
        raw.append(copy.deepcopy(piece))  # (a node of its own in the dtype's call)
        if not rows or not isinstance(item, gast.Slice):
            helper = (f"{np_alias}.atleast_1d", np.atleast_1d) if rows else \
                (f"{norm.machinery.aliases['_rt']}.as_column", runtime.as_column)
            label = "r" if rows else "c"
            piece = _emit(norm, f"{label}_{getattr(piece, 'id', 'item')}",
                          (build.call(helper[0], piece), Op(helper[1], [piece], {}, spelled, expr)),
                          expr)
        pieces.append(piece)
    dtype = _emit(norm, f"{spelled[3]}_dtype", (build.call(
        f"{norm.machinery.aliases['_rt']}.join_dtype", *raw), Op(runtime.join_dtype, raw, {},
                                                                spelled, expr)), expr)
    listed = gast.List(elts=pieces, ctx=gast.Load())
    axis = build.constant(0 if rows else -1)
    value = build.call(f"{np_alias}.concatenate", listed, axis=axis, dtype=dtype)
    return value, Op(np.concatenate, [listed], {"axis": axis, "dtype": dtype}, spelled, expr)


def _emit(norm: Lowering, name: str, lowered: tuple[gast.expr, Op], expr: gast.AST) -> gast.Name:
    target = norm.namer.fresh(name)
    norm.emit(build.assign(target, lowered[0]), lowered[1])
    return build.name(target)


def _range(norm: Lowering, item: gast.Slice, spelled: str) -> tuple[gast.expr, Op]:
    """``np.arange(start, stop, step)`` for ``start:stop:step``; ``np.linspace(start, stop, n)``
    for an imaginary step ``n*1j``."""
    bounds = [_constant(part) for part in (item.lower, item.upper, item.step)]
    if any(b is _UNKNOWN for b in bounds) or bounds[1] is None:
        raise norm.error(
            f"{spelled}[...] with a slice is differentiated only when its bounds are numbers "
            "written in the code", item, hint="build the range with np.arange or np.linspace")
    start, stop, step = bounds
    start = 0 if start is None else start
    np_alias = norm.machinery.aliases["np"]
    if isinstance(step, complex):
        args = [build.constant(start), build.constant(stop), build.constant(int(abs(step)))]
        return build.call(f"{np_alias}.linspace", *args), Op(np.linspace, args, {}, spelled, item)
    args = [build.constant(v) for v in (start, stop, 1 if step is None else step)]
    return build.call(f"{np_alias}.arange", *args), Op(np.arange, args, {}, spelled, item)


_UNKNOWN = object()


def _constant(node: gast.expr | None) -> Any:
    """The number ``node`` spells (``3``, ``-2``, ``0.5``, ``5j``), None for none, else unknown."""
    if node is None:
        return None
    sign = 1
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, (gast.USub, gast.UAdd)):
        sign = -1 if isinstance(node.op, gast.USub) else 1
        node = node.operand
    if isinstance(node, gast.Constant) and isinstance(node.value, (int, float, complex)) \
            and not isinstance(node.value, bool):
        return sign * node.value
    return _UNKNOWN
