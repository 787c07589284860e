"""Reductions given ``where=`` or ``initial=``, lowered to reductions and operations whose rules
exist, computing what NumPy computes:

- sum, mean and prod: ``where=m`` replaces the elements left out by the identity
  (``np.where(m, a, 0)``, ``1`` for prod); ``np.mean`` divides by how many were kept
  (``_rt.where_count``, in the dtype NumPy divides in); ``initial=v`` is where the reduction
  starts: ``v`` cast to the reduction's dtype as NumPy casts it (``_rt.as_start``), combined with
  the reduction by the ufunc it reduces with (``np.add``, ``np.multiply``);
- max and min: NumPy's own call, as ``_rt.extremum_from(a, start, ..., where=m)``, whose rule
  treats the start as one more candidate (a tie with it shares the derivative evenly; an empty
  ``a`` reduces to it).

``out=``, ``**kwargs`` and a ``where=`` of max/min without ``initial=`` (an error in NumPy) are
left to the rule, which refuses them naming the argument.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x, m):
    ...     return np.mean(x, axis=0, where=m) + np.max(x, initial=0.5)
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")
    def f(x, m):
        masked = np.where(m, x, 0)
        kept = np.sum(masked, axis=0)
        count = _rt.where_count(m, x, kept, axis=0)
        _t1 = kept / count
        start = _rt.as_start(0.5, x)
        _t2 = _rt.extremum_from(x, start)
        out = _t1 + _t2
        return out
"""

from __future__ import annotations

import operator
from typing import Any

import gast
import numpy as np

from .. import runtime
from ..ir import Op
from ..syntax import build
from .lowering import Lowering

_SUMS = ("a", "axis", "dtype", "out", "keepdims", "initial", "where")
_EXTREMA = ("a", "axis", "out", "keepdims", "initial", "where")
PARAMETERS = {np.sum: _SUMS, np.prod: _SUMS, np.mean: ("a", "axis", "dtype", "out", "keepdims"),
              np.max: _EXTREMA, np.amax: _EXTREMA, np.min: _EXTREMA, np.amin: _EXTREMA}
_COMBINE = {np.sum: np.add, np.prod: np.multiply}
REDUCTIONS = tuple(PARAMETERS)
METHODS = {"sum": np.sum, "mean": np.mean, "prod": np.prod, "max": np.max, "min": np.min}
_IDENTITY = {np.sum: 0, np.mean: 0, np.prod: 1}
_KEYWORD_ONLY = {np.mean: ("where",)}


def method_reduction(norm: Lowering, func: gast.expr, expr: gast.Call
                     ) -> tuple[gast.expr, Op] | None:
    """``x.sum(...)``, ``x.mean(...)``... given ``where=`` or ``initial=`` as the function
    ``np.sum(x, ...)`` is lowered (an array's methods take the function's parameters after
    ``a``); None for any other method call."""
    value = METHODS.get(func.attr) if isinstance(func, gast.Attribute) else None
    if value is None or not norm.is_method_call(func):  # (of a local, or a module's array)
        return None
    return reduction_form(norm, value, expr, func.value)


def reduction_form(norm: Lowering, value: Any, expr: gast.Call,
                   receiver: gast.expr | None = None) -> tuple[gast.expr, Op] | None:
    """The lowered ``np.sum``/``np.mean``/``np.prod``/``np.max``/``np.min`` call given
    ``where=`` or ``initial=`` (the method's, of ``receiver``, when given); None for any other
    call (its rule's)."""
    passed = _passed(value, expr, receiver)
    extremum = value not in _IDENTITY
    if passed is None or "a" not in passed or "out" in passed or \
            extremum and "where" in passed and "initial" not in passed:
        return None  # (NumPy raises for where= of an extremum without initial=: no identity)
    a = norm.atom(passed.pop("a"))
    mask = norm.atom(passed.pop("where")) if "where" in passed else None
    initial = norm.atom(passed.pop("initial")) if "initial" in passed else None
    keywords = {key: literal(norm, node) for key, node in passed.items()}
    np_alias, label = norm.machinery.aliases["np"], f"`np.{value.__name__}(...)`"
    method = receiver is not None  # (`xp.sum(v, initial=0)`: xp may be no array, activity.py)
    if extremum:
        return _extremum(norm, value, a, _start(norm, initial, a, label, expr), mask, keywords,
                         label, expr, method)
    array = a
    if mask is not None:
        fill = build.constant(_IDENTITY[value])
        array = _emit(norm, "masked", build.call(f"{np_alias}.where", mask, a, fill),
                      Op(np.where, [mask, a, fill], {}, label, expr))
    reduced = np.sum if value is np.mean else value
    call = build.call(f"{np_alias}.{reduced.__name__}", array, **keywords)
    op = Op(reduced, [array], keywords, label, expr, method=method)
    if value is not np.mean and initial is None:
        return call, op
    total = _emit(norm, "kept" if value is np.mean else "total", call, op)
    if value is np.mean:
        count_keywords = {k: v for k, v in keywords.items() if k in ("axis", "keepdims")}
        count = _emit(norm, "count", build.call(f"{norm.machinery.aliases['_rt']}.where_count",
                                                mask, a, total, **count_keywords),
                      Op(runtime.where_count, [mask, a, total], count_keywords, label, expr))
        return build.binop(total, gast.Div(), count), Op(operator.truediv, [total, count], {},
                                                         label, expr)
    start = _start(norm, initial, total, label, expr)
    combine = _COMBINE[value]
    return build.call(f"{np_alias}.{combine.__name__}", total, start), \
        Op(combine, [total, start], {}, label, expr)


def _extremum(norm: Lowering, value: Any, a: gast.expr, start: gast.expr, mask: gast.expr | None,
              keywords: dict[str, gast.expr], label: str, expr: gast.Call, method: bool
              ) -> tuple[gast.expr, Op]:
    """``_rt.extremum_from(a, start, ...)``: NumPy's own call, under a rule that gives the start
    its share (an empty ``a`` reduces to the start)."""
    keywords = dict(keywords)
    if mask is not None:
        keywords["where"] = mask
    if value in (np.min, np.amin):
        keywords["smallest"] = build.constant(True)
    return build.call(f"{norm.machinery.aliases['_rt']}.extremum_from", a, start, **keywords), \
        Op(runtime.extremum_from, [a, start], keywords, label, expr, method=method)


def _passed(value: Any, expr: gast.Call, receiver: gast.expr | None
            ) -> dict[str, gast.expr] | None:
    names = PARAMETERS.get(value)
    args = expr.args if receiver is None else [receiver, *expr.args]
    if names is None or len(args) > len(names) or \
            any(isinstance(a, gast.Starred) for a in args) or \
            any(k.arg is None for k in expr.keywords):
        return None
    passed = {**dict(zip(names, args, strict=False)),
              **{k.arg: k.value for k in expr.keywords}}
    if isinstance(passed.get("out"), gast.Constant) and passed["out"].value is None:
        del passed["out"]  # (out=None: NumPy's default, a new array)
    allowed = set(names) | set(_KEYWORD_ONLY.get(value, ()))
    if not {"where", "initial"} & set(passed) or not set(passed) <= allowed:
        return None
    return passed


def _start(norm: Lowering, initial: gast.expr, like: gast.expr, label: str,
           expr: gast.Call) -> gast.Name:
    call = build.call(f"{norm.machinery.aliases['_rt']}.as_start", initial, like)
    return _emit(norm, "start", call, Op(runtime.as_start, [initial, like], {}, label, expr))


def _emit(norm: Lowering, name: str, call: gast.Call, op: Op) -> gast.Name:
    target = build.name(norm.namer.fresh(name))
    norm.emit(build.assign(target.id, call), op)
    return target


def literal(norm: Lowering, node: gast.expr) -> gast.expr:
    """A call's option (``axis=(0, 1)``, ``keepdims=True``): a tuple or list of atoms kept as
    written, anything else lowered to an atom."""
    if isinstance(node, (gast.Tuple, gast.List)):
        return type(node)(elts=[literal(norm, e) for e in node.elts], ctx=gast.Load())
    return norm.atom(node)
