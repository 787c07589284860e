"""``scipy.spatial.distance``'s ``cdist`` and ``pdist``, lowered to the NumPy calls that compute
them, whose rules exist to any order: the points as float64 arrays (as SciPy converts them;
``_rt.as_points`` also raises SciPy's error for an array of another rank), their differences (all
pairs for ``cdist``: ``np.expand_dims`` of each set, subtracted; the pairs
``i < j`` for ``pdist``, as SciPy orders them: ``_rt.pair_rows``), then the metric over the last
axis: ``np.linalg.norm`` (``euclidean``; ``minkowski`` with its ``p``, 2 by default), the sum of
squares (``sqeuclidean``), of absolute values (``cityblock``), their maximum (``chebyshev``).  The
metric must be one of those names written in the call; any other metric, a callable one, ``w=``
and ``out=`` are refused with a hint.  (At two equal points the euclidean distance has the
derivative ``np.linalg.norm`` gives a zero vector: 0.)

    >>> import numpy as np
    >>> import scipy.spatial.distance as distance
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x, y):
    ...     return distance.cdist(x, y, "sqeuclidean")
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")
    def f(x, y):
        x_points = _rt.as_points(x)
        x_points_1 = np.expand_dims(x_points, 1)
        y_points = _rt.as_points(y)
        y_points_1 = np.expand_dims(y_points, 0)
        differences = np.subtract(x_points_1, y_points_1)
        squares = np.square(differences)
        out = np.sum(squares, axis=-1)
        return out
"""

from __future__ import annotations

from typing import Any

import gast
import numpy as np

from .. import runtime
from ..ir import Op
from ..syntax import build
from .lowering import Lowering

_PARAMETERS = {"cdist": ("XA", "XB", "metric"), "pdist": ("X", "metric")}
_METRICS = ("euclidean", "sqeuclidean", "cityblock", "chebyshev", "minkowski")


def distance_form(norm: Lowering, value: Any, expr: gast.Call) -> tuple[gast.expr, Op] | None:
    """The lowered call of ``cdist`` or ``pdist``; None for another function of the module (its
    rule's, or a missing rule: the distances of two points convert their operands as SciPy does
    by dtype, which these calls would not)."""
    name = getattr(value, "__name__", "")
    names = _PARAMETERS.get(name)
    if names is None:
        return None
    label = f"`scipy.spatial.distance.{name}`"
    passed = _passed(norm, name, names, expr, label)
    metric = passed.pop("metric", build.constant("euclidean"))
    metric = metric.value if isinstance(metric, gast.Constant) else None
    if metric not in _METRICS or set(passed) - {*names, "p"} or \
            "p" in passed and metric != "minkowski":
        raise _refusal(norm, label, expr)
    np_alias = norm.machinery.aliases["np"]
    if name == "cdist":
        first = _points(norm, passed["XA"], 1, label, expr)
        second = _points(norm, passed["XB"], 0, label, expr)
    else:
        points = _emit(norm, "points", f"{norm.machinery.aliases['_rt']}.as_points",
                       runtime.as_points, [norm.atom(passed["X"])], {}, label, expr)
        first, second = (_row(norm, points, k, label, expr) for k in (0, 1))
    difference = _emit(norm, "differences", f"{np_alias}.subtract", np.subtract,
                       [first, second], {}, label, expr)
    return _metric(norm, metric, difference, passed.get("p"), {"axis": build.constant(-1)}, label,
                   expr)


def _passed(norm: Lowering, name: str, names: tuple[str, ...], expr: gast.Call, label: str
            ) -> dict[str, Any]:
    if len(expr.args) > len(names) or any(isinstance(a, gast.Starred) for a in expr.args) or \
            any(k.arg is None for k in expr.keywords):
        raise _refusal(norm, label, expr)
    passed = {**dict(zip(names, expr.args, strict=False)),
              **{k.arg: k.value for k in expr.keywords}}
    if not set(names) - {"metric", "p"} <= set(passed):
        raise _refusal(norm, label, expr)
    return passed


def _metric(norm: Lowering, metric: str, difference: gast.expr, p: Any,
            axis: dict[str, gast.expr], label: str, expr: gast.Call) -> tuple[gast.expr, Op]:
    np_alias = norm.machinery.aliases["np"]
    if metric in ("euclidean", "minkowski"):
        keywords = {"ord": norm.atom(p) if p is not None else build.constant(2), **axis}
        if metric == "euclidean":
            keywords.pop("ord")
        return build.call(f"{np_alias}.linalg.norm", difference, **keywords), \
            Op(np.linalg.norm, [difference], keywords, label, expr)
    elementwise = np.square if metric == "sqeuclidean" else np.abs
    term = _emit(norm, "squares" if metric == "sqeuclidean" else "lengths",
                 f"{np_alias}.{elementwise.__name__}", elementwise, [difference], {}, label, expr)
    reduce = np.max if metric == "chebyshev" else np.sum
    return build.call(f"{np_alias}.{reduce.__name__}", term, **axis), \
        Op(reduce, [term], axis, label, expr)


def _points(norm: Lowering, node: gast.expr, axis: int, label: str, expr: gast.Call
            ) -> gast.expr:
    """``np.expand_dims(_rt.as_points(X), axis)``: a set of points, as float64 rows."""
    atom = norm.atom(node)
    stem = f"{atom.id}_points" if isinstance(atom, gast.Name) else "points"
    points = _emit(norm, stem, f"{norm.machinery.aliases['_rt']}.as_points",
                   runtime.as_points, [atom], {}, label, expr)
    return _emit(norm, stem, f"{norm.machinery.aliases['np']}.expand_dims", np.expand_dims,
                 [points, build.constant(axis)], {}, label, expr)


def _row(norm: Lowering, points: gast.expr, which: int, label: str, expr: gast.Call
         ) -> gast.expr:
    """The first (``which`` 0) or second point of each pair ``i < j`` of ``pdist``'s rows."""
    rows = _emit(norm, "rows", f"{norm.machinery.aliases['_rt']}.pair_rows", runtime.pair_rows,
                 [points, build.constant(which)], {}, label, expr)
    return _emit(norm, "first" if which == 0 else "second",
                 f"{norm.machinery.aliases['np']}.take", np.take, [points, rows],
                 {"axis": build.constant(0)}, label, expr)


def _emit(norm: Lowering, stem: str, spelled: str, value: Any, args: list[gast.expr],
          keywords: dict[str, gast.expr], label: str, expr: gast.Call) -> gast.expr:
    target = norm.namer.fresh(stem)
    norm.emit(build.assign(target, build.call(spelled, *args, **keywords)),
              Op(value, args, keywords, label, expr))
    return build.name(target)


def _refusal(norm: Lowering, label: str, expr: gast.Call) -> Exception:
    return norm.error(
        f"{label} is differentiated only for the metrics euclidean, sqeuclidean, cityblock, "
        "chebyshev and minkowski, written in the call as a string", expr,
        hint="metric='euclidean', 'sqeuclidean', 'cityblock', 'chebyshev' or 'minkowski' (with "
        "p=); without w= or out=; for another metric write it with NumPy over "
        "np.expand_dims(XA, 1) - np.expand_dims(XB, 0)")
