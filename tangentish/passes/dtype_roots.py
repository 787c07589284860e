"""Dtype roots: in generic code, the names whose dtypes a name's dtype is NumPy's promotion of.

Generic code knows no dtype, but it knows how values were made: ``m = np.max(x)`` has ``x``'s dtype
whatever it is, and ``d = x - m`` their promotion, so ``d``'s dtype is no wider than ``x``'s:
:func:`roots` gives ``{"x"}`` for each.  Forward mode asks it (:mod:`.widening`) whether a value
whose tangent vanished could have widened what is left (``d_dot = x_dot``: it could not).

A name follows its operands where every statement binding it is one of: a Python real number (weak:
no root), or Python's arithmetic of them (``np.tanh(0.3)`` and ``np.tanh(t)`` of such a name ``t``,
NumPy float64s, are their own roots); a copy; an operation that gives the promotion of its operands
whatever their dtypes (``+``, ``-``, ``*``, ``np.maximum``, a matrix product; of its first operand
only: an item, a transpose, a reshape, ``np.max``); an operation that keeps a floating operand's
dtype (``/``, ``**``, ``np.exp``, ``np.sum``, ``np.mean``) of floating operands only (that vary
with ``wrt``, are proven floating by :mod:`.integral`, or are adjoints; ``np.mean`` of ints is
float64); an item written into an array (``y[0] = v`` keeps ``y``'s dtype); the runtime's helpers
that make adjoints (``_rt.seed``'s output in ``out``'s dtype, ``_rt.unbroadcast``: floating, in
their operands' promotion).  Anything else is its own root; so is a parameter, and so is a name
bound more than once (a loop's ``y = 0.9 * y + c``: ``y``'s dtype before that binding is not its
promotion with ``c``, which a flow-insensitive answer would say: grammar fuzz 8887/0).

    >>> import tangentish.rules  # registers the derivative rules
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> import numpy as np
    >>> def f(x, c):
    ...     m = np.max(x)
    ...     d = x - m
    ...     t = 0.0
    ...     for i in range(2):
    ...         t = t + d[i] / 2.0
    ...     return t * np.linalg.det(c)
    >>> info = parse_function(f); desugar(info); norm = normalize(info)
    >>> from tangentish.passes.activity import analyze
    >>> found = DtypeRoots(norm, analyze(norm, ["x"]), set())
    >>> sorted(found.of("m")), sorted(found.of("d")), sorted(found.of("t_1"))
    (['x'], ['x'], ['t_1'])
    >>> sorted(found.of("out"))  # (a determinant: its own root)
    ['det_c', 't_1']
"""

from __future__ import annotations

import operator
from collections.abc import Collection

import gast
import numpy as np

from .. import ir, runtime
from .activity import Activity
from .dataflow import definitions
from .integral import FLOATING
from .normalize import Normalized
from .shapes import FULL_REDUCTIONS, MORE_REDUCTIONS, hashable_in, is_number, keeps_float_dtype

_PROMOTING = {operator.add, operator.sub, operator.mul, operator.neg, operator.pos,
              operator.matmul, np.add, np.subtract, np.multiply, np.negative, np.positive,
              np.maximum, np.minimum, np.fmax, np.fmin, np.matmul, np.dot, np.where}
"""Their result's dtype is the promotion of their operands' (``np.where``'s condition aside)."""
_OPERATORS = {operator.add, operator.sub, operator.mul, operator.truediv, operator.pow,
              operator.neg, operator.pos}
"""Python's operators: of Python numbers alone, a Python number (weak); NumPy's functions of
them make NumPy scalars, float64."""
_FIRST = {operator.getitem, np.transpose, np.ravel, np.reshape, np.squeeze, np.expand_dims,
          np.swapaxes, np.moveaxis, np.tril, np.triu, np.diagonal, np.diag, np.atleast_1d,
          np.atleast_2d, np.max, np.min, np.amax, np.amin, np.copy}
"""Their result holds their first operand's values, in its dtype (the others: indices, axes)."""
_FLOATING = {operator.truediv, operator.pow, np.divide, np.true_divide, np.power, np.hypot,
             np.arctan2, np.logaddexp}
"""They keep a floating operand's dtype (not an int's: ``1 / 2`` is a float)."""
_SEED, _SUMMED = frozenset({"seed"}), frozenset({"unbroadcast", "unreduce", "unindex"})  # (runtime helpers: a
# seed in its output's dtype; a gradient summed back to an operand's shape, in their promotion)


class DtypeRoots:
    """The dtype roots of ``norm``'s names (see the module docstring), from ``activity``'s facts:
    the names that vary with ``wrt`` or are proven floating hold floating values;
    ``sequences``: names that may hold a list (no dtype)."""

    def __init__(self, norm: Normalized, activity: Activity, sequences: Collection[str]):
        self.norm, self.activity, self.sequences = norm, activity, sequences
        self.found: dict[str, frozenset[str]] | None = None
        self.floating: set[str] = set()
        self.weak: set[str] = set()  # (names holding a Python number: :func:`_weak`)

    def of(self, name: str) -> frozenset[str]:
        if self.found is None:  # (asked only where a term vanished: most functions never do)
            self.floating = self.activity.varied | {
                n for n, kind in self.activity.kinds.items() if kind == FLOATING}
            self.found = self._solve()
        return self.found.get(name, frozenset({name}))

    def _solve(self) -> dict[str, frozenset[str]]:
        sites = definitions(self.norm.body)
        self.weak = _weak(sites, self.norm)
        self.floating |= {name for name, stmts in sites.items() if all(
            _adjoint_helper(ir.note(s).op) for s in stmts)}  # (an adjoint: floating)
        equations = {name: [self._operands(s) for s in stmts] for name, stmts in sites.items()
                     if sum(ir.note(s).updates is None for s in stmts) == 1}  # (bound again, as
        found = {name: frozenset() if None not in rows else frozenset({name})  # a loop's ``y =
                 for name, rows in equations.items()}  # 0.9 * y + c``: its own root; changed
        followed = [(name, rows) for name, rows in equations.items() if None not in rows]
        # in place, ``y[0] = v``: its dtype kept)
        changed = True
        while changed:  # (each set only grows, within the finite set of names)
            changed = False
            for name, rows in followed:
                new = found[name].union(*(found.get(o, frozenset({o})) for row in rows
                                          for o in row))
                if new != found[name]:
                    found[name], changed = new, True
        return found

    def _operands(self, stmt: gast.stmt) -> list[str] | None:
        """The names whose roots ``stmt`` gives what it binds (None: it is its own root)."""
        note = ir.note(stmt)
        op = note.op if isinstance(stmt, gast.Assign) else None
        if op is None:
            return None
        names = [a.id for a in op.args if isinstance(a, gast.Name)]
        if note.updates is not None:  # (an item written into an array keeps its dtype)
            return names[:1] if op.key is operator.setitem and names and \
                names[0] not in self.sequences else None
        if op.key is None:  # a copy, or a constant
            value = op.args[0] if op.args else stmt.value
            if isinstance(value, gast.Name):
                return [value.id]
            real = isinstance(value, gast.Constant) and type(value.value) in (int, float)
            return [] if real else None
        if _adjoint_helper(op):  # (``_rt.seed(out, out_bar, 'f')``: in ``out``'s dtype)
            seed = runtime.helper_named(op.key, _SEED)
            return names[:1 if seed else 2]  # (adjoints: floating, as integral.py counts them)
        if not all(isinstance(a, gast.Name) or is_number(a, self.norm.info) for a in op.args):
            return None  # (an expression, a string, a complex number: no promotion known)
        if not hashable_in(op.key, _OPERATORS) and all(n in self.weak for n in names):
            return None  # (``np.tanh(0.3)``, ``np.tanh(t)`` of a Python float ``t``: a NumPy
            # float64, not a weak Python float as ``0.9 * 0.3`` is: fuzz 10659/0)
        if hashable_in(op.key, _PROMOTING) and not set(op.keywords) - {"out"} - {"axis"}:
            return names
        if hashable_in(op.key, _FIRST) and "dtype" not in op.keywords and names and \
                isinstance(op.args[0], gast.Name) and names[0] not in self.sequences:
            return names[:1]  # (a tuple's items have dtypes of their own: fuzz 10174/1)
        floating = hashable_in(op.key, _FLOATING) or keeps_float_dtype(op.key) or \
            hashable_in(op.key, FULL_REDUCTIONS) or hashable_in(op.key, MORE_REDUCTIONS)
        if floating and "dtype" not in op.keywords and all(n in self.floating for n in names):
            return names
        return None


def _weak(sites: dict[str, list[gast.stmt]], norm: Normalized) -> set[str]:
    """The names that hold a Python number wherever bound: a real constant, a copy of one, or
    Python's operators of them (the largest such set: ``t = 0.5 * 0.5; u = t + 0.5``)."""
    weak = set(sites)
    changed = True
    while changed:
        changed = False
        for name in list(weak):
            if not all(_weak_binding(s, weak, norm) for s in sites[name]):
                weak.discard(name)
                changed = True
    return weak


def _weak_binding(stmt: gast.stmt, weak: set[str], norm: Normalized) -> bool:
    note = ir.note(stmt)
    op = note.op if isinstance(stmt, gast.Assign) else None
    if op is None or note.updates is not None:
        return False
    if op.key is not None and not hashable_in(op.key, _OPERATORS):
        return False
    values = op.args if op.args else [stmt.value]
    return all(isinstance(v, gast.Name) and v.id in weak or
               isinstance(v, gast.Constant) and type(v.value) in (int, float) or
               is_number(v, norm.info) and not (isinstance(v, gast.Constant) and v.value is None)
               for v in values)


def _adjoint_helper(op: ir.Op | None) -> bool:
    return op is not None and (runtime.helper_named(op.key, _SEED) or
                               runtime.helper_named(op.key, _SUMMED))
