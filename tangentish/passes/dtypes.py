"""Float64 values: the names that hold float64 numbers, when the arguments' dtypes are known.

A derivative specialized to a call signature (:mod:`tangentish.specialize`) knows, besides each
argument's size-one pattern (:mod:`.patterns`), its *kind*: ``"float64"`` (a Python float,
``np.float64``, a float64 ndarray), ``"int"`` (a Python int or bool, an int64 ndarray) or
nothing known.  :func:`float64_names` finds the names that hold float64 values on every run with
such arguments, so later passes may treat two of them alike in dtype: the adjoint of
``np.sum(t)`` spread by broadcasting (:mod:`.spread`), a scalar output whose seed needs no check
at run time (:mod:`.reverse`: the call wrapper checks a given seed instead).

Guarantee: a name in the result holds a real float64 value (an ndarray, ``np.float64`` or a
Python float) whenever the arguments have the facts' kinds.  Evidence, flow-insensitive (every
statement binding a name must give it): a parameter's fact; a copy; a Python float literal
(``x = 1.0``: float64) or int literal bound to a name; an operator or a NumPy function that keeps a
float dtype (``+``, ``np.exp``, ``np.maximum``...) whose operands are each float64, ``"int"``, a
Python number literal (a folded ``np.float32(1.0)`` is not one) or a module's number (``np.pi``),
one at least float64 (so NumPy's promotion, old and new, gives float64); a NumPy unary ufunc that
makes floats of ints (``np.log(2 * np.pi)``, ``np.sqrt(x.shape[1])``) of numbers and sizes alone
(Python ints that are no bools: sizes, counts, int literals); ``np.zeros(n)``, ``np.ones``,
``np.empty``, ``np.eye``, ``np.identity`` without a dtype; a power only by an integer literal,
or of float64 by a Python int (a count, ``x ** k`` in a loop over ``range``) or an ``"int"``
argument (a negative Python float to a fractional power is complex, an int to a negative int
power raises or truncates); ``np.where(c, a, b)`` whatever ``c``,
by ``a`` and ``b`` as an operator's operands; an operation that keeps its first operand's shape
without a ``dtype`` (``np.zeros_like``, ``np.roll``, ``np.sort``) of float64; a full reduction
(or one over an axis given as a literal, ``np.sum(x, 1)``), an item ``x[i]``, a transpose or a
matrix product of float64 values (``np.var``, ``np.median``
and the ``nan`` reductions too); what holds its first operand's values or their differences
(``np.diff``, ``np.ravel``, ``np.reshape``, ``np.triu``, ``np.diag``...) of float64, without a
``dtype``, ``prepend`` or ``append``; an item of a list of numbers (:mod:`.list_items`) every
item put in which is float64 or a Python float; loop counters over ``range``, ``len(...)``,
``x.shape[k]``, ``x.size`` and ``np.ndim(x)`` are ints, and so is ``+``, ``-`` or ``*`` of them
and int literals (``n = n + 1``, ``m - 1``); a join (``np.stack(parts, axis=1)``) of a list built
by ``append`` (:mod:`.appended_lists`) every item put in which is float64 or a Python float.
Anything else proves nothing.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> import numpy as np
    >>> def f(x, n):
    ...     y = np.exp(x) * n
    ...     return np.sum(y ** 2) + np.sum(y ** 0.5)
    >>> info = parse_function(f); desugar(info); norm = normalize(info)
    >>> norm.kinds = {"x": "float64", "n": "int"}
    >>> sorted(name for name in float64_names(norm) if not name.startswith("_"))
    ['exp_x', 'sum_y_pow_2', 'x', 'y', 'y_pow_2']
"""

from __future__ import annotations

import builtins
import operator

import gast
import numpy as np

from .. import ir
from ..syntax import build
from .appended_lists import AppendedLists
from .dataflow import definitions
from .list_items import ListItems
from .normalize import Normalized
from .patterns import binding_equations, range_targets
from .shapes import (
    FULL_REDUCTIONS,
    MORE_REDUCTIONS,
    elementwise_arity,
    hashable_in,
    is_number,
    keeps_float_dtype,
    keeps_shape,
)

F64, INT = "float64", "int"
_NONE_YET, _UNKNOWN, _NUMBER, _SHAPE = object(), object(), object(), object()
_SIZE = "size"  # a Python int that is no bool: a size, a count, a loop counter, an int literal
_BINARY = {np.add, np.subtract, np.multiply, np.divide, np.true_divide, np.maximum, np.minimum,
           np.fmax, np.fmin, np.hypot, np.arctan2, np.logaddexp}
_POWERS = {operator.pow, np.power}
_WEAK = (int, float)  # literals NumPy's promotion does not let widen a float64
_INT_ARITHMETIC = {operator.add, operator.sub, operator.mul}
"""Operators that keep Python ints Python ints (no bool: ``True + 0`` is the int 1)."""
_PYTHON = {operator.add, operator.sub, operator.mul, operator.truediv, operator.neg, operator.pos}
"""Operators that keep Python numbers Python numbers (ints or floats, never complex)."""
_KEEP = {np.transpose, operator.getitem, operator.matmul, np.matmul, np.dot}
_LAYOUT = {np.diff, np.ravel, np.reshape, np.squeeze, np.expand_dims, np.swapaxes, np.moveaxis,
           np.tril, np.triu, np.diagonal, np.diag, np.atleast_1d, np.atleast_2d}
"""Functions whose result holds (differences of) their first operand's values, in its dtype,
whatever their other operands (axes, counts, shapes), unless told otherwise by a keyword."""


def float64_names(norm: Normalized) -> set[str]:
    """The names that hold float64 values on every run with the facts' kinds (see the module
    docstring)."""
    kinds = {name: kind for name, kind in norm.kinds.items() if name in norm.params}
    if F64 not in kinds.values():
        return set()
    sites = definitions(norm.body)
    found: dict[str, object] = {name: kinds[name] for name in kinds if name not in sites}
    equations = binding_equations(sites, lambda name: name not in norm.params or name in kinds)
    for name in equations:
        found[name] = kinds.get(name, _NONE_YET)
    counters = range_targets(sites)
    for name in counters:
        found[name] = _SIZE
    lists = ListItems(norm.body, sites, set(norm.params), counters)  # (numbers in a list)
    appended = AppendedLists(norm.body, sites, set(norm.params))  # (arrays joined)
    items: dict[str, object] = dict.fromkeys([*lists.given, *appended.given], _NONE_YET)
    changed = True
    while changed:  # each name changes at most three times (no value yet, int, float64, unknown)
        changed = False
        for name, given in [*lists.given.items(), *appended.given.items()]:
            value = items[name]
            for item in given:  # (a Python float item is one: float64)
                value = _join(value, F64 if item.__class__ is gast.Constant and
                              item.value.__class__ is float else _operand_kind(item, found, norm))
            changed = changed or value != items[name]
            items[name] = value
        for name, stmts in equations.items():
            value = found[name]
            for stmt in stmts:
                listed, joined = lists.reads.get(id(stmt)), appended.joins.get(id(stmt))
                value = _join(value, items[listed] if listed is not None else
                              _joined_kind(items[joined]) if joined is not None else
                              _literal_kind(stmt) or _kind_of(ir.note(stmt).op, found, norm))
            if value is not found[name]:
                changed = changed or value != found[name]
                found[name] = value
    return {name for name, value in found.items() if value == F64}


def _joined_kind(items: object) -> object:
    """The kind of a join (``np.stack(parts)``) of a list whose items are of kind ``items``: an
    array, float64 only by float64 items (of ints, an int array: no count)."""
    return items if items is _NONE_YET or items == F64 else _UNKNOWN


def _literal_kind(stmt: gast.Assign) -> str | None:
    """``x = 1.0`` (a Python float: float64) or ``n = 0`` (a Python int), copied or bound as a
    constant; None for anything else."""
    op = ir.note(stmt).op
    if op.key is not None or len(op.args) > 1:
        return None
    value = op.args[0] if op.args else stmt.value
    kind = value.value.__class__ if isinstance(value, gast.Constant) else None
    return F64 if kind is float else _SIZE if kind is int else None


def _int_literal(node: gast.expr) -> bool:
    return node.__class__ is gast.Constant and node.value.__class__ is int


def _axis_literal(node: gast.expr) -> bool:
    """An int literal, negated or not, or a tuple of them: a reduction's positional ``axis``
    (``np.linalg.norm``'s ``ord`` there: an int order gives a float norm too)."""
    if node.__class__ is gast.Tuple:
        return all(_axis_literal(e) for e in node.elts)
    if node.__class__ is gast.UnaryOp and node.op.__class__ is gast.USub:
        node = node.operand
    return _int_literal(node)


def _operand_kind(node: gast.expr, found: dict[str, object], norm: Normalized) -> object:
    if isinstance(node, gast.Name):
        return found.get(node.id, _UNKNOWN)
    if isinstance(node, gast.Constant):
        return _NUMBER if node.value.__class__ in _WEAK else _UNKNOWN
    return _NUMBER if isinstance(node, gast.Attribute) and is_number(node, norm.info) else _UNKNOWN


_MAKERS = {np.zeros: (1, {"order"}), np.ones: (1, {"order"}), np.empty: (1, {"order"}),
           np.identity: (1, set()), np.eye: (3, {"M", "k"})}
"""NumPy functions that make float64 arrays when given no dtype: most positional operands, the
keywords allowed (``np.zeros(3, int)``: its second operand is a dtype)."""


def _makes_float64(op: ir.Op) -> bool:
    try:
        most, allowed = _MAKERS[op.key]
    except (KeyError, TypeError):
        return False
    return len(op.args) <= most and set(op.keywords) <= allowed


def _floating(key: object) -> bool:
    """A NumPy unary ufunc whose result is float64 for a Python number (``np.log``, ``np.exp``;
    not ``np.abs``: an int's is an int); asked once per ufunc."""
    if not (isinstance(key, np.ufunc) and key.nin == 1 and keeps_float_dtype(key)):
        return False  # (keeps_float_dtype: one of NumPy's own, safe to run here)
    found = _FLOATING.get(key)
    if found is None:
        with np.errstate(all="ignore"):
            found = _FLOATING[key] = np.asarray(key(np.ones((), np.int64))).dtype == np.float64
    return found


_FLOATING: dict[np.ufunc, bool] = {}


def _join(a: object, b: object) -> object:
    if a is _NONE_YET or a == b:
        return b
    return a if b is _NONE_YET else _UNKNOWN


def _kind_of(op: ir.Op, found: dict[str, object], norm: Normalized) -> object:
    """The kind of ``op``'s result (:data:`_NONE_YET` while an operand has no value yet)."""
    operands = [_operand_kind(a, found, norm) for a in op.args]
    if _NONE_YET in operands:
        return _NONE_YET
    key = op.key
    if key is np.where and len(operands) == 3 and not op.keywords:  # (any condition)
        operands = operands[1:]
        return F64 if all(k in (F64, _NUMBER) for k in operands) and F64 in operands else _UNKNOWN
    if key is None:  # a copy
        return operands[0] if len(operands) == 1 else _UNKNOWN
    if _makes_float64(op):
        return F64
    if keeps_shape(op) and "dtype" not in op.keywords:  # (np.zeros_like, np.roll, np.sort...)
        return F64 if operands[0] == F64 else _UNKNOWN
    if hashable_in(key, _LAYOUT):  # (np.diff(x), np.ravel(x), x.reshape(-1, 2)...)
        return F64 if operands and operands[0] == F64 and not \
            set(op.keywords) & {"dtype", "prepend", "append", "out"} else _UNKNOWN
    if key is np.shape or key is builtins.len:  # (a shape: a tuple of ints)
        return _SHAPE if key is np.shape else _SIZE
    if (key is np.size or key is np.ndim) and len(operands) == 1 and not op.keywords:
        return _SIZE  # (``x.size``, ``np.ndim(x)``: Python ints)
    if key is operator.getitem and operands[0] is _SHAPE:  # x.shape[0]
        index = op.args[1]
        return _SIZE if isinstance(index, gast.Constant) and type(index.value) is int else _UNKNOWN
    if hashable_in(key, FULL_REDUCTIONS) or hashable_in(key, MORE_REDUCTIONS):
        return F64 if operands and operands[0] == F64 and len(op.args) <= 2 and all(
            _axis_literal(a) for a in op.args[1:]) and \
            set(op.keywords) <= {"axis", "keepdims", "ddof"} else _UNKNOWN  # (np.sum(x, 1))
    if hashable_in(key, _KEEP):
        rest = () if key is operator.getitem else operands[1:]  # (an index: any)
        return F64 if operands and operands[0] == F64 and all(k == F64 for k in rest) and \
            set(op.keywords) <= {"axis", "keepdims", "ddof"} else _UNKNOWN
    if op.keywords or not operands or len(operands) != elementwise_arity(key):
        return _UNKNOWN
    if _SIZE in operands and hashable_in(key, _INT_ARITHMETIC) and all(
            k is _SIZE or _int_literal(a) for k, a in zip(operands, op.args, strict=True)):
        return _SIZE  # (a count: ``n = n + 1``, ``2 * m - 1``)
    if all(k is _NUMBER or k is _SIZE for k in operands):  # ``2 * np.pi``, ``np.sqrt(n)``
        return _NUMBER if hashable_in(key, _PYTHON) else F64 if _floating(key) else _UNKNOWN
    if hashable_in(key, _POWERS):  # (by an int: a literal, a count, an "int" argument)
        if not (_int_literal(op.args[1]) or operands[0] == F64 and operands[1] in (_SIZE, INT)):
            return _UNKNOWN
    elif not (keeps_float_dtype(key) or hashable_in(key, _BINARY)):
        return _UNKNOWN
    if all(k in (F64, INT, _SIZE, _NUMBER) for k in operands) and F64 in operands:
        return F64
    return _UNKNOWN


class Ties:
    """Rewrite ``_rt.pick_first(a, b)`` (the weight of ``a`` in ``max(a, b)``: 1 where it is
    larger, 0.5 at a tie, 0 elsewhere) as ``(a > b) + 0.5 * (a == b)`` where ``a`` is a float64
    array and ``b`` one too or a number (``float64``: the names :func:`float64_names` proves, by
    size-one pattern): booleans in float64 arithmetic are float64, as the helper returns then;
    against a literal 0 (a ReLU), ``_rt.step(a)``, the same step as ``np.heaviside(a, 0.5)``
    without its branch per element (where ``a`` is NaN it gives NaN, which the primal's ``max``
    is there too, where ``pick_first`` gives 0).
    :meth:`simplify` is asked of each call a template instantiates."""

    def __init__(self, float64: dict[str, tuple[bool, ...]], runtime_alias: str,
                 numpy_alias: str):
        self.float64, self.runtime, self.numpy = float64, runtime_alias, numpy_alias

    def simplify(self, node: gast.Call) -> gast.expr:
        func = node.func
        if not (func.__class__ is gast.Attribute and func.attr == "pick_first"
                and getattr(func.value, "id", None) == self.runtime and len(node.args) == 2
                and not node.keywords):
            return node
        a, b = node.args
        if not (self._array(a) and (self._array(b) or self._number(b))):
            return node
        if self._number(b) and b.value == 0:  # max(a, 0): a step (np.heaviside(a, 0.5))
            return build.call(f"{self.runtime}.step", a)
        wins = gast.Compare(left=a, ops=[gast.Gt()], comparators=[b])
        ties = gast.Compare(left=build.clone(a), ops=[gast.Eq()], comparators=[build.clone(b)])
        return gast.BinOp(left=wins, op=gast.Add(), right=gast.BinOp(
            left=gast.Constant(value=0.5, kind=None), op=gast.Mult(), right=ties))

    def _array(self, node: gast.expr) -> bool:
        return node.__class__ is gast.Name and bool(self.float64.get(node.id))

    @staticmethod
    def _number(node: gast.expr) -> bool:
        return node.__class__ is gast.Constant and node.value.__class__ in (int, float)
