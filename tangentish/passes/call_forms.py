"""Calls lowered to calls whose rules exist: a ufunc's ``outer``, ``reduce`` and ``accumulate``,
the builtins ``max``/``min`` of more than two values, reductions given ``where=`` or ``initial=``
(:mod:`.reduction_forms`), ``np.var``/``np.std`` given NumPy 2's ``correction=`` (the array API's
name of ``ddof``: the call given ``ddof=`` instead, ``_corrected``), ``scipy.spatial.distance``'s
``cdist``/``pdist`` (:mod:`.distances`), and ``np.diff`` with ``prepend=`` or
``append=`` (the difference of the array joined between them, as NumPy computes it:
``joined = np.concatenate((_rt.diff_edge(p, a, axis=-1), a), axis=-1); np.diff(joined, 1, -1)``).

``np.F.outer(a, b)`` is ``F`` applied to ``a`` with one new axis per axis of ``b``
(``_rt.outer_left``, linear), then broadcast against ``b``: every binary ufunc with an elementwise
rule is differentiated this way, to any order.  ``reduce`` and ``accumulate`` of the ufuncs that
NumPy has a reduction for are that reduction, with the ufunc methods' default ``axis=0``::

    np.subtract.outer(x, y)         →  x_outer = _rt.outer_left(x, y); np.subtract(x_outer, y)
    np.add.reduce(x)                →  np.sum(x, axis=0)
    np.maximum.reduce(x, axis=1)    →  np.max(x, axis=1)
    np.multiply.accumulate(x)       →  np.cumprod(x, axis=0)

``np.logaddexp.reduce`` and ``np.logaddexp2.reduce`` are ``_rt.log_sum_exp``/``_rt.log2_sum_exp2``
(the same call, under a name their rules can hold: rules/runtime_forms.py), their ``accumulate``
``_rt.running_log_sum_exp``/``_rt.running_log2_sum_exp2``.
``np.maximum.accumulate``, ``np.minimum.accumulate`` and ``np.add.reduceat`` have a rule
(rules/numpy_gather.py).
Any other ufunc method (``np.hypot.accumulate``, ``np.multiply.reduceat``...), and
the keywords ``dtype``/``out``/``initial``/``where``, are refused with a hint.

``max(a, b, c)`` and ``max([a, b, c])`` (a list or tuple written out) are nested two-value maxes,
``max(max(a, b), c)``, whose rule splits a tie between two evenly (between three, the nesting's
split: a one-sided derivative too).  ``max(xs)`` of one sequence is Python's loop
(:mod:`extremes`); ``key=``/``default=`` are refused with a hint.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x, y):
    ...     return np.add.reduce(np.subtract.outer(x, y), axis=1)
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")
    def f(x, y):
        x_outer = _rt.outer_left(x, y)
        _t1 = np.subtract(x_outer, y)
        out = np.sum(_t1, axis=1)
        return out
"""

from __future__ import annotations

import builtins
import inspect
from typing import Any

import gast
import numpy as np

from .. import runtime
from ..ir import Op
from ..syntax import build
from .lowering import Lowering
from .reduction_forms import REDUCTIONS, literal, reduction_form

_REDUCE = {"add": np.sum, "multiply": np.prod, "maximum": np.max, "minimum": np.min,
           "fmax": np.nanmax, "fmin": np.nanmin}
_HELPER_REDUCE = {"logaddexp": "log_sum_exp", "logaddexp2": "log2_sum_exp2"}  # (runtime/special)
_HELPER_ACCUMULATE = {"logaddexp": "running_log_sum_exp", "logaddexp2": "running_log2_sum_exp2"}
_ACCUMULATE = {"add": np.cumsum, "multiply": np.cumprod}
_PARAMETERS = {"outer": ("A", "B"), "reduce": ("array", "axis", "dtype", "out", "keepdims"),
               "accumulate": ("array", "axis", "dtype", "out")}
_SUPPORTED = {"outer": {"A", "B"}, "reduce": {"array", "axis", "keepdims"},
              "accumulate": {"array", "axis"}}


def call_form(norm: Lowering, value: Any, expr: gast.Call) -> tuple[gast.expr, Op] | None:
    """The lowered call for ``np.<ufunc>.<method>(...)``, ``max``/``min`` of several values or
    ``np.diff`` with ``prepend=``/``append=``, or None when the call of ``value`` (the callee) is
    none of those."""
    if value is builtins.max or value is builtins.min:
        return _extremum(norm, value, expr)
    if value is np.diff:
        return _diff_with_edges(norm, expr)
    if value is np.var or value is np.std:
        return _corrected(expr)
    if getattr(value, "__module__", None) == "scipy.spatial.distance":
        from .distances import distance_form

        return distance_form(norm, value, expr)
    if value in REDUCTIONS:
        return reduction_form(norm, value, expr)
    if value is np.apply_along_axis or value is np.fromfunction or value is np.piecewise:
        return _own_module_form(norm, value, expr)
    if value is np.block or value is np.linalg.cond or value is np.einsum or \
            value is np.linalg.tensorsolve or value is np.linalg.tensorinv or \
            value is np.cov or value is np.corrcoef or value is np.interp or value is np.select:
        from .numpy_forms import numpy_form

        return numpy_form(norm, value, expr)
    owner, method = getattr(value, "__self__", None), getattr(value, "__name__", "")
    if not isinstance(owner, np.ufunc) or method not in ("outer", "reduce", "accumulate", "at",
                                                         "reduceat"):
        return None
    name = owner.__name__
    spelled = f"np.{name}.{method}"
    if method in ("at", "reduceat") or getattr(np, name, None) is not owner:
        return None if method == "at" or spelled == "np.add.reduceat" else \
            _refuse(norm, spelled, expr)  # (np.add.reduceat: a rule of its own, numpy_gather)
    passed = _passed(norm, spelled, method, expr)
    np_alias = norm.machinery.aliases["np"]
    if method == "outer":
        if owner.nin != 2 or set(passed) != {"A", "B"}:
            _refuse(norm, spelled, expr)
        a, b = passed["A"], passed["B"]
        label = f"{getattr(a, 'id', 'a')}_outer"
        target = norm.namer.fresh(label)
        norm.emit(build.assign(target, build.call(f"{norm.machinery.aliases['_rt']}.outer_left",
                                                  a, b)),
                  Op(runtime.outer_left, [a, b], {}, f"`{spelled}`", expr))
        args = [build.name(target), b]
        return build.call(f"{np_alias}.{name}", *args), Op(owner, args, {}, f"`{spelled}`", expr)
    if method == "accumulate" and name in ("maximum", "minimum"):
        return None  # (a rule of its own: rules/numpy_gather.py)
    function = (_REDUCE if method == "reduce" else _ACCUMULATE).get(name)
    helper = (_HELPER_REDUCE if method == "reduce" else _HELPER_ACCUMULATE).get(name)
    if helper is not None:
        function = getattr(runtime, helper)
    elif function is None:
        _refuse(norm, spelled, expr)
    array = passed.pop("array")
    keywords = {"axis": passed.get("axis", build.constant(0)), **passed}
    spelled_call = f"{norm.machinery.aliases['_rt']}.{helper}" if helper is not None else \
        f"{np_alias}.{function.__name__}"
    value = build.call(spelled_call, array, **keywords)
    return value, Op(function, [array], keywords, f"`{spelled}`", expr)


def _own_module_form(norm: Lowering, value: Any, expr: gast.Call) -> tuple[gast.expr, Op]:
    """The calls of a function lowered in a module of its own (imported on such a call)."""
    if value is np.piecewise:
        from .piecewise import piecewise

        return piecewise(norm, expr)
    from .applied import along_axis, from_function

    return (along_axis if value is np.apply_along_axis else from_function)(norm, expr)


# NumPy >= 2.0: np.var and np.std take ``correction=`` (not the methods: ``x.var(correction=1)``
# is a TypeError); on NumPy 1.x the keyword stays, refused by the rule as NumPy refuses it.
_CORRECTION = "correction" in inspect.signature(np.var).parameters


def _corrected(expr: gast.Call) -> None:
    """``np.var(a, ..., correction=c)`` is NumPy's ``np.var(a, ..., ddof=c)``: the keyword renamed
    in place, the call left to the rule.  Given ``ddof`` too (a ``ValueError`` in NumPy, or NumPy's
    ``ddof=0`` taken as not given) the call is left as written, and the rule refuses
    ``correction=`` naming it."""
    if not _CORRECTION or len(expr.args) > 4 or any(k.arg == "ddof" for k in expr.keywords):
        return None
    for keyword in expr.keywords:
        if keyword.arg == "correction":
            keyword.arg = "ddof"
    return None


_DIFF = ("a", "n", "axis", "prepend", "append")


def _diff_with_edges(norm: Lowering, expr: gast.Call) -> tuple[gast.expr, Op] | None:
    """``np.diff(a, n, axis, prepend=p, append=q)`` as NumPy computes it: the difference of ``a``
    joined between ``p`` and ``q`` along ``axis`` (a number broadcast to one slice of ``a``:
    ``_rt.diff_edge``); None without ``prepend=``/``append=`` (``np.diff``'s own rule)."""
    if len(expr.args) > len(_DIFF) or any(isinstance(a, gast.Starred) for a in expr.args) or \
            any(k.arg is None for k in expr.keywords):
        return None
    passed = {**dict(zip(_DIFF, expr.args, strict=False)),
              **{k.arg: k.value for k in expr.keywords}}
    if not {"prepend", "append"} & set(passed) or not set(passed) <= set(_DIFF) or \
            "a" not in passed:
        return None
    atoms = {key: norm.atom(node) for key, node in passed.items()}
    a, axis = atoms["a"], atoms.get("axis", build.constant(-1))
    label, runtime_alias = "`np.diff`", norm.machinery.aliases["_rt"]
    pieces = []
    for key in ("prepend", "a", "append"):
        if key == "a" or key not in atoms:
            pieces += [a] if key == "a" else []
            continue
        edge = build.name(norm.namer.fresh(key))
        norm.emit(build.assign(edge.id, build.call(f"{runtime_alias}.diff_edge", atoms[key], a,
                                                   axis=axis)),
                  Op(runtime.diff_edge, [atoms[key], a], {"axis": axis}, label, expr))
        pieces.append(edge)
    np_alias = norm.machinery.aliases["np"]
    joined = build.name(norm.namer.fresh("joined"))
    parts = build.tuple_(pieces)
    norm.emit(build.assign(joined.id, build.call(f"{np_alias}.concatenate", parts, axis=axis)),
              Op(np.concatenate, [parts], {"axis": axis}, label, expr))
    args = [joined, atoms.get("n", build.constant(1)), axis]
    return build.call(f"{np_alias}.diff", *args), Op(np.diff, args, {}, label, expr)


def _passed(norm: Lowering, spelled: str, method: str, expr: gast.Call) -> dict[str, gast.expr]:
    names = _PARAMETERS[method]
    if len(expr.args) > len(names) or any(k.arg is None for k in expr.keywords):
        _refuse(norm, spelled, expr)
    passed = {**dict(zip(names, expr.args, strict=False)),
              **{k.arg: k.value for k in expr.keywords}}
    if not set(passed) <= _SUPPORTED[method] or "array" not in passed and method != "outer":
        _refuse(norm, spelled, expr)
    return {key: norm.atom(node) if key in ("A", "B", "array") else literal(norm, node)
            for key, node in passed.items()}


def _refuse(norm: Lowering, spelled: str, expr: gast.Call) -> Any:
    raise norm.error(
        f"`{spelled}(...)` is not differentiated in this form", expr,
        hint="differentiated: `np.F.outer(a, b)` of a binary ufunc, `.reduce(a, axis, "
        "keepdims=)` of add, multiply, maximum, minimum, fmax, fmin, logaddexp, logaddexp2, "
        "`.accumulate(a, axis)` of "
        "add, multiply, maximum and minimum, `np.add.reduceat(a, indices, axis)`; otherwise "
        "write it with np.sum, np.cumsum, np.max... or a loop")


def _extremum(norm: Lowering, value: Any, expr: gast.Call) -> tuple[gast.expr, Op] | None:
    items = expr.args
    shown = items[0].elts if len(items) == 1 and isinstance(items[0], (gast.List, gast.Tuple)) \
        else items
    if any(isinstance(item, (gast.List, gast.Tuple)) for item in shown):
        raise norm.error(
            f"`{value.__name__}(...)` of tuples or lists: Python compares them item by item, "
            "which is not differentiated", expr,
            hint="compare the numbers themselves, or loop over the pairs (`for s, i in pairs: if "
            "s > best: ...`)")
    if len(items) == 1 and isinstance(items[0], (gast.List, gast.Tuple)):
        items = items[0].elts
    elif len(items) == 1 and not expr.keywords and not isinstance(items[0], gast.Starred):
        from .extremes import sequence_extremum

        return sequence_extremum(norm, value, items[0], expr)  # max(xs): Python's loop
    elif len(items) <= 2:
        return None  # max(a, b): its rule; max(xs): refused there, naming the missing `b`
    name = value.__name__
    if expr.keywords or len(items) < 2 or any(isinstance(i, gast.Starred) for i in items):
        raise norm.error(
            f"`{name}(...)` of these arguments is not differentiated", expr,
            hint=f"`{name}(a, b)`, `{name}(a, b, c)`, `{name}([a, b, c])` and `{name}(xs)` are; "
            f"for a key, write the loop")
    atoms = [norm.atom(item) for item in items]
    label = f"`{name}`"
    left = atoms[0]
    for position, right in enumerate(atoms[1:], start=2):
        call = build.call(build.clone(expr.func), left, right)
        op = Op(value, [left, right], {}, label, expr)
        if position == len(atoms):
            return call, op
        target = norm.namer.fresh(f"{name}_{position}")
        norm.emit(build.assign(target, call), op)
        left = build.name(target)
    raise AssertionError("unreachable")
