"""Dtypes in generic code: when ``name op= v`` keeps ``name``'s array's dtype whatever the arguments.

Generic code knows no dtype, but it knows how values were made.  ``y = np.sin(x * 2.0)`` has a
dtype that NumPy's promotion with ``x``'s keeps (``np.result_type(y, x)`` is ``y``'s dtype) for
every dtype ``x`` may have: ``x * 2.0`` of an int array is float64, of a float32 array float32,
and ``np.sin`` of either keeps it.  Then ``y += x`` gives ``y``'s dtype, as NumPy's update in
place does, and with ``y`` and ``y + x`` of one shape class (:mod:`.shapes`) the check of
:mod:`.in_place_guards` has nothing to find.

What absorbs what is learned from NumPy itself, once per operation and process (as
:func:`.shapes.keeps_float_dtype` learns what keeps floats): an operation absorbs its operand
when, over every dtype NumPy has (datetimes and objects included) and every pair of them, its
result's dtype keeps the operand's under promotion, or NumPy raises; a binary operation with a
Python number on one side is probed so (``2``, ``2.5``, ``-3``, on either side).  The update
operator is probed likewise: ``a op b`` has ``a``'s dtype, or raises, wherever ``a``'s dtype
absorbs ``b``'s (``+=`` and ``*=`` do; ``-=`` does not: two datetimes give a timedelta).  A
name counts when bound once, to a copy or to such an operation of names and Python numbers; what
a name absorbs is what its operands absorb, and they.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x, w):
    ...     y = np.sin(x * 2.0)
    ...     y += x
    ...     z = np.abs(w) + 1.0
    ...     z += w
    ...     return np.sum(y) + np.sum(z)
    >>> info = parse_function(f); desugar(info); norm = normalize(info)
    >>> promotion = Promotion(norm)
    >>> updates = [s for s in norm.body if ir.note(s).augments is not None]
    >>> [(s.targets[0].id, promotion.keeps(s.value, s.targets[0].id, s.value.left.id))
    ...  for s in updates]
    [('y_1', True), ('z_1', False)]

(``np.abs`` of a complex array is real: ``z`` may not absorb ``w``.)
"""

from __future__ import annotations

import operator

import gast
import numpy as np

from .. import ir
from .dataflow import definitions
from .normalize import Normalized
from .shapes import analyze_shapes, is_number

_DTYPES = [np.dtype(c) for c in "?bBhHiIlLqQefdgFDGO"] + [np.dtype("M8[s]"), np.dtype("m8[s]")]
_NUMBERS = (2, 2.5, -3)
_UPDATES = {gast.Add: operator.add, gast.Sub: operator.sub, gast.Mult: operator.mul}
_OPERATORS = {operator.add, operator.sub, operator.mul, operator.truediv, operator.floordiv,
              operator.mod, operator.pow, operator.neg, operator.pos}
_LEARNED: dict[tuple, bool] = {}  # (NumPy's operations: a fixed set, each probed once)


class Promotion:
    """What each name's dtype absorbs (see the module docstring), asked of ``norm``'s names."""

    def __init__(self, norm: Normalized):
        self.norm = norm
        self.bound = definitions(norm.body)
        self.found: dict[str, frozenset[str]] = {}
        self.shapes = None  # (analyze_shapes, made when a dtype is proven)

    def keeps(self, value: gast.BinOp, new: str, old: str) -> bool:
        """Whether ``new = old op v`` (``old op= v``) has ``old``'s shape and dtype."""
        update = _UPDATES.get(value.op.__class__)
        if update is None or value.right.__class__ is not gast.Name or \
                value.right.id not in self.absorbed(old) or not _learned(("update", update, 2)):
            return False
        if self.shapes is None:
            self.shapes = analyze_shapes(self.norm)
        return self.shapes.same(new, old)

    def absorbed(self, name: str, depth: int = 0) -> frozenset[str]:
        """The names whose dtype ``name``'s absorbs on every run."""
        if name in self.found or depth > 100:
            return self.found.get(name, frozenset())
        self.found[name] = frozenset()  # (a cycle proves nothing)
        stmts = self.bound.get(name, [])
        op = ir.note(stmts[0]).op if len(stmts) == 1 else None
        if op is None or op.keywords or ir.note(stmts[0]).updates is not None:
            return frozenset()
        names = [a.id for a in op.args if a.__class__ is gast.Name]
        numbers = len(op.args) - len(names)
        if numbers and not all(is_number(a, self.norm.info) for a in op.args
                               if a.__class__ is not gast.Name):
            return frozenset()
        if op.key is not None and not _absorbing(op.key, len(op.args), numbers):
            return frozenset()
        if op.key is None and len(names) != 1:
            return frozenset()
        found = set(names)
        for operand in names:
            found |= self.absorbed(operand, depth + 1)
        self.found[name] = frozenset(found)
        return self.found[name]


def _absorbing(key: object, arity: int, numbers: int) -> bool:
    """Whether ``key`` of ``arity`` operands, ``numbers`` of them Python numbers, absorbs the
    others (NumPy's own ufuncs and Python's arithmetic operators only: safe to run here)."""
    try:
        known = key in _OPERATORS or isinstance(key, np.ufunc) and key.nout == 1 and \
            key.nin == arity and getattr(np, key.__name__, None) is key
    except TypeError:  # (an unhashable key)
        return False
    if not known or arity not in (1, 2) or numbers >= arity:
        return False
    return _learned(("numbers" if numbers else "arrays", key, arity))


def _learned(question: tuple) -> bool:
    """The answer to ``(kind, key, arity)`` (see :func:`_probe`), probed once."""
    found = _LEARNED.get(question)
    if found is None:
        with np.errstate(all="ignore"):
            found = _LEARNED[question] = all(_probe(*question, a) for a in _DTYPES)
    return found


def _probe(kind: str, key: object, arity: int, a: np.dtype) -> bool:
    """The part of dtype ``a`` (first operand) in the question: ``"update"``, whether ``a key b``
    keeps ``a`` wherever ``a`` absorbs ``b``; ``"numbers"``, whether ``key`` of an array and a
    Python number absorbs the array; ``"arrays"``, whether ``key`` of arrays absorbs each."""
    x = np.zeros(2, a)
    if kind == "update":
        cases = [((x, np.zeros(2, b)), (a,)) for b in _DTYPES if _absorbs(a, b)]
    elif kind == "numbers":
        cases = [((x, n), (a,)) for n in _NUMBERS] + [((n, x), (a,)) for n in _NUMBERS]
    elif arity == 1:
        cases = [((x,), (a,))]
    else:
        cases = [((x, np.zeros(2, b)), (a, b)) for b in _DTYPES]
    for operands, kept in cases:
        try:
            result = np.asarray(key(*operands)).dtype
        except Exception:  # (NumPy refuses these dtypes: nothing to keep)
            continue
        if not all(_absorbs(result, d) for d in kept) or kind == "update" and result != a:
            return False
    return True


def _absorbs(a: np.dtype, b: np.dtype) -> bool:
    """Whether NumPy's promotion of ``a`` with ``b`` gives ``a``."""
    try:
        return np.result_type(a, b) == a
    except TypeError:
        return False
