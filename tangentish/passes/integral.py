"""Integral and floating values: which names hold integer or bool numbers on every run, and which
hold floating ones.

A value whose dtype is integer or bool (``np.zeros(3, dtype=int)``, ``x > 0``, ``len(xs)``,
``x.astype(int)``) carries no derivative: NumPy truncates (or tests for non-zero) what is cast or
written into it, so the function is piecewise constant in what went through.  The activity
analysis lets nothing flow into a name :func:`kinds` proves :data:`INTEGRAL` (so ``y[0] = v``
into such a ``y`` needs no rule and has no adjoint or tangent, in every mode), and
:mod:`.cast_guards` checks at run time the in-place writes of varying values into arrays whose
dtype is proven neither way.

Guarantee: a name mapped to :data:`INTEGRAL` holds an integer or bool number or array (Python,
NumPy) on every run; one mapped to :data:`FLOATING` a real floating number or array; one mapped
to :data:`SEQUENCE` a list or tuple (writes into it keep what is written).  (The runtime's
helpers that make adjoints, met again when a first derivative is differentiated, count as
floating: they make floating arrays, or a list's adjoint form, a list, never an integral value.)  Evidence,
flow-insensitive (every statement binding a name must give it; an in-place write keeps an array's
dtype): the ``wrt`` parameters (the API accepts floating values only, and promotes integers); a
parameter's specialized kind; literals; the dtype NumPy's creators, casts and reductions are given
(``dtype=int``, ``np.uint8``, ``"float32"``: resolved where the derivative is made) or take by
default (``np.zeros``: float64; ``np.full(n, 2)``, ``np.zeros_like(a)``, ``np.array([0, 1])``,
``np.arange(3)``: their operands'); comparisons and logical functions of known values (bool);
arithmetic (integral with integral stays integral; true division of numbers, or any floating
operand, is floating); indexing, copies and reshapes keep their operand's kind; counts, indices
and shapes (``len``, ``np.argmax``, ``x.shape[0]``, loop counters over ``range``) are integral.
Anything else is unknown, and unknown is never integral.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> import numpy as np
    >>> def f(x, buf):
    ...     y = np.zeros(3, dtype=int)
    ...     y[0] = x[0] * 2.5
    ...     z = np.zeros_like(x)
    ...     w = buf.copy()
    ...     return np.sum(y * z) + np.sum(w)
    >>> info = parse_function(f); desugar(info); norm = normalize(info)
    >>> found = kinds(norm, ["x"])
    >>> found["y"] == INTEGRAL, found["z"] == FLOATING, "w" in found
    (True, True, False)
"""

from __future__ import annotations

import builtins
import math
import operator
from typing import Any

import gast
import numpy as np

from .. import ir, runtime
from ..syntax.resolve import resolve_reference
from .dataflow import definitions, statements
from .normalize import Normalized
from .patterns import range_targets, simple_binding
from .shapes import hashable_in, keeps_float_dtype

INTEGRAL, FLOATING, SEQUENCE = "integral", "floating", "sequence"
_NONE_YET, _UNKNOWN, _SHAPE = object(), object(), object()

# the position of the dtype argument (None: keyword only), by what the call gives without one:
# float64; its first operand's kind; its first operand's kind, reduced; a floating average
_FLOAT_BY_DEFAULT = {np.zeros: 1, np.ones: 1, np.empty: 1, np.identity: 1, np.eye: 3}
_LIKE_OPERAND = {np.zeros_like: 1, np.ones_like: 1, np.empty_like: 1, np.full_like: 2,
                 np.array: 1, np.asarray: 1, np.asanyarray: 1, np.ascontiguousarray: 1,
                 np.copy: None}
_REDUCTIONS = {np.sum: 2, np.prod: 2, np.cumsum: 2, np.cumprod: 2, np.nansum: 2,
               np.nanprod: 2, np.nancumsum: 2, np.nancumprod: 2}
_AVERAGES = {np.mean: 2, np.nanmean: 2, np.var: 2, np.std: 2, np.nanvar: 2, np.nanstd: 2}
_COUNTS = {builtins.len, builtins.int, builtins.bool, math.floor, math.ceil, math.trunc,
           np.argmax, np.argmin, np.argsort, np.count_nonzero, np.searchsorted, np.flatnonzero,
           np.size, np.ndim, np.any, np.all, np.isclose, np.allclose, np.array_equal,
           np.isnan, np.isinf, np.isfinite, np.signbit, np.logical_and, np.logical_or,
           np.logical_not, np.logical_xor, np.equal, np.not_equal, np.less, np.less_equal,
           np.greater, np.greater_equal, np.isneginf, np.isposinf}
_COMPARISONS = {operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne,
                operator.not_}
_INTEGRAL_ARITHMETIC = {operator.add, operator.sub, operator.mul, operator.floordiv, operator.mod,
                        operator.neg, operator.pos, operator.abs, builtins.abs, np.add,
                        np.subtract, np.multiply, np.negative, np.absolute, np.maximum,
                        np.minimum, np.floor_divide, np.remainder}
_FLOAT_ARITHMETIC = {operator.truediv, np.true_divide, np.divide, operator.floordiv,
                     operator.mod, np.maximum, np.minimum, np.fmax, np.fmin, np.hypot,
                     np.arctan2, np.logaddexp, np.floor_divide, np.remainder}
_SAME_AS_FIRST = {None, operator.getitem, np.transpose, np.reshape, np.ravel, np.squeeze,
                  np.expand_dims, np.atleast_1d, np.atleast_2d, np.flip, np.roll, np.sort,
                  np.ndarray.copy, np.ndarray.ravel, np.ndarray.flatten, np.ndarray.reshape}
_DTYPE_POSITIONS = {**_FLOAT_BY_DEFAULT, **_LIKE_OPERAND, **_REDUCTIONS, **_AVERAGES, np.full: 2,
                    np.ndarray.astype: 1, getattr(np, "astype", np.ndarray.astype): 1,
                    np.arange: 3}
_SEQUENCES = {ir.LIST, ir.TUPLE, builtins.list, builtins.tuple}
# a floating operand (or item of a list operand) makes their result floating, whatever the others
_FLOATING_IF_ANY = {np.where, np.clip, np.ndarray.clip, np.concatenate, np.stack, np.hstack,
                    np.vstack, np.dstack, np.column_stack, np.dot, np.ndarray.dot, np.outer,
                    np.inner, np.tensordot, np.kron, np.einsum, operator.matmul, np.matmul,
                    np.linalg.norm, np.linalg.solve, np.linalg.inv}
# casts whose rules take the dtype the run gives (``_rt.recast``: an integral one gives zero)
_RECASTS = {np.ndarray.astype, getattr(np, "astype", np.ndarray.astype), np.array, np.asarray,
            np.asanyarray, np.ascontiguousarray, np.asfortranarray, np.asarray_chkfinite,
            np.require, np.linspace, np.logspace, np.geomspace}
# what a first derivative's adjoints are made by, met again when it is differentiated (hvp, grad
# of grad): floating arrays (or a list's adjoint form, a list: never integral either way)
_DERIVATIVES = frozenset({"unindex", "unbroadcast", "unreduce", "zeros_like", "zero_index",
                          "seed", "divided"})  # (helpers: ``runtime.helper_named``)


def kinds(norm: Normalized, wrt: list[str] | tuple[str, ...]) -> dict[str, str]:
    """The names proven :data:`INTEGRAL`, :data:`FLOATING` or :data:`SEQUENCE` (see the module
    docstring); names of unknown kind are left out."""
    sites = definitions(norm.body)
    found: dict[str, object] = {name: _parameter(norm, name, wrt) for name in norm.params}
    equations: dict[str, list[gast.stmt]] = {}
    for name, stmts in sites.items():
        kept = [s for s in stmts if ir.note(s).updates != name]  # (writes keep an array's dtype)
        if kept and all(simple_binding(s) for s in kept):
            equations[name] = kept
            found.setdefault(name, _NONE_YET)
        elif kept or name not in norm.params:
            found[name] = _UNKNOWN
    for name in range_targets(sites):
        found[name] = INTEGRAL
    changed = True
    of = _Kinds(norm, found).of
    while changed:  # each name changes at most three times (no value yet, a kind, unknown)
        changed = False
        for name, stmts in equations.items():
            value = found[name]
            for stmt in stmts:
                value = _join(value, of(ir.note(stmt).op))
            if value is not found[name]:
                changed = changed or value != found[name]
                found[name] = value
    return {name: value for name, value in found.items()
            if value in (INTEGRAL, FLOATING, SEQUENCE)}  # type: ignore[misc]


def may_truncate(norm: Normalized, rows: list[tuple[str, ir.Op]]) -> bool:
    """Whether :func:`kinds` can matter: some statement writes into an array in place, or some
    call is given a dtype (elsewhere a value's dtype is its operation's, whose rule knows it)."""
    return any("dtype" in op.keywords or len(op.args) > 1 and hashable_in(op.key, _DTYPE_POSITIONS)
               for _, op in rows) or any(
        getattr(stmt.__dict__.get(ir.SLOT), "updates", None) is not None
        for stmt in statements(norm.body))


def unresolved_casts(norm: Normalized, rows: list[tuple[str, ir.Op]], varied: set[str]
                     ) -> set[str]:
    """Of ``rows`` (defined name, operation), the names bound by a call of a ``varied`` operand
    given a dtype that cannot be resolved where the derivative is made (``np.sum(x, dtype=d)``,
    ``d`` a variable), whose rule does not take the run's dtype: an integral one would
    truncate."""
    local: dict[str, object] = {}
    found = set()
    for name, op in rows:
        if (op.keywords or len(op.args) > 1 and hashable_in(op.key, _DTYPE_POSITIONS)) and \
                not varied.isdisjoint(op.operand_names()):
            if not local:
                local = dict.fromkeys([*norm.params, *definitions(norm.body)], _UNKNOWN)
            if _Kinds(norm, local).dtype(op) is _UNKNOWN and not hashable_in(op.key, _RECASTS):
                found.add(name)
    return found


def _parameter(norm: Normalized, name: str, wrt: list[str] | tuple[str, ...]) -> object:
    """A parameter's kind where the function starts: the API gives ``wrt`` floating values."""
    if name in wrt:
        return FLOATING
    kind = getattr(norm, "kinds", {}).get(name)
    return FLOATING if kind == "float64" else INTEGRAL if kind == "int" else _UNKNOWN


def _join(a: object, b: object) -> object:
    if a is _NONE_YET or a == b:
        return b
    return a if b is _NONE_YET else _UNKNOWN


class _Kinds:
    """The kind of one operation's result, given the names' kinds found so far."""

    def __init__(self, norm: Normalized, found: dict[str, object]):
        self.norm, self.found = norm, found  # (found: every local name, of a kind or not)

    def operand(self, node: gast.expr | None) -> object:
        kind = node.__class__
        if kind is gast.Name:
            return self.found.get(node.id, _UNKNOWN)
        if kind is gast.Constant:
            value = node.value.__class__
            return INTEGRAL if value in (int, bool) else FLOATING if value is float else _UNKNOWN
        if kind in (gast.List, gast.Tuple):  # (a display given to np.array: its items' kind)
            return _numbers([self.operand(item) for item in node.elts])
        if kind is gast.UnaryOp and isinstance(node.op, gast.USub):
            return self.operand(node.operand)
        return _UNKNOWN

    def of(self, op: ir.Op) -> object:
        operands = [self.operand(a) for a in op.args]
        if _NONE_YET in operands:
            return _NONE_YET
        key = op.key
        if "out" in op.keywords:  # (the result is the array given)
            return _UNKNOWN
        if hashable_in(key, _SEQUENCES):
            return SEQUENCE
        if key is np.shape:
            return _SHAPE
        if key is operator.getitem and operands and operands[0] is _SHAPE:  # x.shape[0]
            return INTEGRAL
        dtype = self.dtype(op)
        if dtype is not None:
            return dtype
        first = operands[0] if operands else _UNKNOWN
        if hashable_in(key, _FLOAT_BY_DEFAULT) or runtime.helper_named(key, _DERIVATIVES):
            return FLOATING
        if hashable_in(key, _LIKE_OPERAND) or hashable_in(key, _SAME_AS_FIRST):
            return first if first is not SEQUENCE or key is None else _UNKNOWN
        if key is np.full:
            return operands[1] if len(operands) > 1 else _UNKNOWN
        if key is np.arange:
            return _numbers(operands + [self.operand(v) for v in op.keywords.values()])
        if hashable_in(key, _REDUCTIONS):
            return first if first in (INTEGRAL, FLOATING) else _UNKNOWN
        if hashable_in(key, _AVERAGES):
            return FLOATING if first in (INTEGRAL, FLOATING) else _UNKNOWN
        if hashable_in(key, _COUNTS):
            return INTEGRAL
        data = operands[1:] if key is np.where else operands  # (where's condition: no data)
        if FLOATING in data and (hashable_in(key, _FLOATING_IF_ANY) or _promotes(key)):
            return FLOATING  # (NumPy's promotion: a floating operand never gives an integral
        return self.arithmetic(key, operands)  # result; whatever the others, it is not integral)

    def arithmetic(self, key: Any, operands: list[object]) -> object:
        if not operands or any(k not in (INTEGRAL, FLOATING) for k in operands):
            return _UNKNOWN
        if hashable_in(key, _COMPARISONS):
            return INTEGRAL
        if FLOATING not in operands and hashable_in(key, _INTEGRAL_ARITHMETIC):
            return INTEGRAL
        if hashable_in(key, _FLOAT_ARITHMETIC) or (FLOATING in operands and (
                keeps_float_dtype(key) and key is not operator.pow)):
            return FLOATING
        return _UNKNOWN

    def dtype(self, op: ir.Op) -> object:
        """The kind the call's dtype argument gives its result (None: it has none, or None)."""
        key = op.key
        position = _DTYPE_POSITIONS.get(key) if hashable_in(key, _DTYPE_POSITIONS) else None
        if position is None and not ("dtype" in op.keywords and _of_numpy(key)):
            return None
        node = op.keywords.get("dtype")
        if node is None and position is not None and position < len(op.args):
            node = op.args[position]
        if node is None or isinstance(node, gast.Constant) and node.value is None:
            return _UNKNOWN if key is np.ndarray.astype else None
        return _dtype_kind(self.norm, node, self.found)


def _promotes(key: Any) -> bool:
    """Whether ``key`` is one of NumPy's ufuncs with one output that is floating for floating
    operands, alone or with an integer one (``np.add``, ``np.maximum``, ``np.exp``; not
    ``np.isnan``, ``np.ldexp``): its result with any floating operand is never integral."""
    if not (isinstance(key, np.ufunc) and key.nout == 1 and getattr(np, key.__name__, None) is key):
        return False
    found = _PROMOTES.get(key)
    if found is None:
        one, whole = np.float64(1.0), np.int64(1)
        cases = [(one,)] if key.nin == 1 else [(one, one), (one, whole), (whole, one)]
        try:
            with np.errstate(all="ignore"):
                found = key.nin <= 2 and all(np.asarray(key(*c)).dtype.kind == "f" for c in cases)
        except (TypeError, ValueError):
            found = False
        _PROMOTES[key] = found
    return found


_PROMOTES: dict[np.ufunc, bool] = {}  # (NumPy's ufuncs: a fixed set, each run once)


def _of_numpy(key: Any) -> bool:
    """Whether ``key`` is NumPy's own (whose ``dtype=`` is its result's dtype)."""
    return (getattr(key, "__module__", None) or "").split(".")[0] == "numpy"


def _numbers(kinds: list[object]) -> object:
    if not kinds or any(k not in (INTEGRAL, FLOATING) for k in kinds):
        return _UNKNOWN
    return FLOATING if FLOATING in kinds else INTEGRAL


def _dtype_kind(norm: Normalized, node: gast.expr, local: dict[str, object]) -> object:
    """The kind a dtype written as ``node`` gives (unknown unless it resolves, here, to one: a
    local variable, or an attribute of one, is unknown)."""
    if isinstance(node, gast.Constant):
        value = node.value
    elif isinstance(node, (gast.Name, gast.Attribute)):
        root = node
        while isinstance(root, gast.Attribute):
            root = root.value
        if not isinstance(root, gast.Name) or root.id in local:
            return _UNKNOWN
        found = resolve_reference(norm.info, node)
        if found is None:
            return _UNKNOWN
        value = found.value
    else:
        return _UNKNOWN
    if value is None:
        return _UNKNOWN
    try:
        kind = np.dtype(value).kind
    except (TypeError, ValueError):
        return _UNKNOWN
    return INTEGRAL if kind in "iub" else FLOATING if kind == "f" else _UNKNOWN
