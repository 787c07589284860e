"""Names that surely hold a number or a NumPy value, where ``+`` meets a list.

``pos + [vx * dt, vy * dt]`` joins two lists when ``pos`` is a list, and adds elementwise when it
is an array (NumPy reads the list as one); of a number it raises.  So where the other operand of
``+`` surely holds an ndarray, a NumPy scalar or a Python number (:func:`numeric_names`), the
operation is arithmetic, differentiated by the rules of ``+`` (the list's adjoint is its items'
parts of the sum's), and :mod:`.sequences` does not refuse it.  "Surely", on every binding (a
greatest fixpoint, as :func:`.sequences.surely_sequences`): a number literal; what a ufunc or a
NumPy function that makes an array or a NumPy scalar returns (``np.zeros``, ``np.sin``,
``np.sum``; as a method or attribute, ``x.reshape(...)``, ``x.T``, of a surely numeric ``x``
only); an item of such a value; ``+`` with one such operand and the other one too or a list or
tuple; ``*`` of two; ``-``, ``/``, ``**``, ``@`` and negation of such values or lists (which
Python cannot subtract or divide); ``float(...)``, ``len(...)``, ``math.f(...)``; and a parameter
that a specialization's facts prove an ndarray or a scalar, or one the caller promised as such
(``given``: the derivative checks it when it runs, :func:`.sequences.refuse_sequence_arithmetic`).
Anything else, a loop's variable, a helper's result, a parameter, is unknown.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x, v):
    ...     z = np.zeros(2)
    ...     y = z * 2.0 - v
    ...     q = x.T[0]
    ...     return np.sum(y + [1.0, 2.0]) + q
    >>> info = parse_function(f); desugar(info); norm = normalize(info)
    >>> sorted(numeric_names(norm, set()) & {"z", "y", "q", "x_T"})  # (v, x: unknown)
    ['z']
    >>> sorted(numeric_names(norm, set(), frozenset({"x", "v"})) & {"z", "y", "q", "x_T"})
    ['q', 'x_T', 'y', 'z']
"""

from __future__ import annotations

import builtins
import math
import operator

import gast
import numpy as np

from .. import ir, runtime
from ..errors import UnsupportedConstructError
from ..ir import Op
from ..syntax import build
from ..syntax.tree_walk import walk
from .dataflow import statements
from .dataflow import target as target_of
from .normalize import Normalized

_NUMBERS = (int, float, complex)
_MAKERS_BY_NAME = (
    "array", "asarray", "ascontiguousarray", "copy", "zeros", "ones", "empty", "full",
    "zeros_like", "ones_like", "empty_like", "full_like", "arange", "linspace", "logspace",
    "geomspace", "eye", "identity", "diag", "diagonal", "diagflat", "tril", "triu",
    "concatenate", "stack", "hstack", "vstack", "dstack", "column_stack", "dot", "vdot",
    "inner", "outer", "tensordot", "einsum", "kron", "cross", "trace", "sum", "prod", "mean",
    "average", "std", "var", "median", "cumsum", "cumprod", "max", "min", "amax", "amin", "ptp",
    "nansum", "nanmean", "nanmax", "nanmin", "clip", "reshape", "ravel", "transpose",
    "swapaxes", "moveaxis", "squeeze", "expand_dims", "broadcast_to", "tile", "repeat", "flip",
    "fliplr", "flipud", "roll", "rot90", "sort", "diff", "interp", "polyval", "convolve",
    "take", "take_along_axis", "real", "imag", "conj", "round", "around",
)
_MAKERS = frozenset(id(getattr(np, n)) for n in _MAKERS_BY_NAME if hasattr(np, n)) | frozenset(
    id(getattr(np.linalg, n)) for n in ("norm", "det", "inv", "solve", "pinv", "matrix_power",
                                        "multi_dot"))
"""NumPy functions whose result is an ndarray or a NumPy scalar whatever their operands."""
_ONE_OPERAND = {id(np.where): 3}  # (np.where(c) is a tuple of index arrays)
_NUMBER_MAKERS = frozenset(id(f) for f in (builtins.float, builtins.int, builtins.abs,
                                           builtins.round, builtins.len, builtins.bool))
_NOT_NUMBERS = frozenset(id(f) for f in (math.modf, math.frexp))  # (tuples)
_ARITHMETIC = frozenset(id(f) for f in (
    operator.sub, operator.truediv, operator.floordiv, operator.mod, operator.pow,
    operator.matmul, operator.neg, operator.pos, operator.abs))
"""Operators no list or tuple has: where they give a value, NumPy or numbers made it."""


def numeric_names(norm: Normalized, sequences: set[str],
                  given: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """The names holding a number or a NumPy value on every run (see the module docstring);
    ``sequences``: the names surely holding a list or tuple; ``given``: parameters promised."""
    definitions: dict[str, list[gast.stmt | None]] = {}
    for stmt in statements(norm.body):
        name = target_of(stmt)
        note = stmt.__dict__.get(ir.SLOT)
        if name is not None and note is not None and note.placeholder:
            definitions.setdefault(name, [])  # (no value yet: a use of it raises)
        elif name is not None and (note is None or note.updates is None):
            definitions.setdefault(name, []).append(stmt)
        elif isinstance(stmt, gast.For):
            for node in walk(stmt.target):
                if isinstance(node, gast.Name):
                    definitions.setdefault(node.id, []).append(None)
    facts = norm.facts or {}
    found = {p for p in norm.params if p in given or facts.get(p) is not None}
    found |= {n for n, stmts in definitions.items() if n not in norm.params or n in found}
    found -= sequences
    changed = True
    while changed:
        changed = False
        for name in sorted(found):
            for stmt in definitions.get(name, ()):
                if stmt is None or not _makes_numeric(stmt, found, sequences):
                    found.discard(name)
                    changed = True
                    break
    return found


def numeric_operand(node: gast.expr, numeric: set[str]) -> bool:
    """Whether the operand ``node`` is a number literal or one of ``numeric``."""
    if isinstance(node, gast.Constant):
        return isinstance(node.value, _NUMBERS) and not isinstance(node.value, bool)
    return isinstance(node, gast.Name) and node.id in numeric


def _listed(node: gast.expr, sequences: set[str]) -> bool:
    return isinstance(node, (gast.List, gast.Tuple)) or \
        isinstance(node, gast.Name) and node.id in sequences


def _makes_numeric(stmt: gast.stmt, known: set[str], sequences: set[str]) -> bool:
    op = ir.note(stmt).op
    if op is None or op.is_display:
        return False
    args, key = op.args, op.key
    if key is None:  # a copy, or a constant
        return numeric_operand(args[0], known) if len(args) == 1 else \
            numeric_operand(getattr(stmt, "value", None), known)
    if isinstance(key, np.ufunc) and not op.method:
        return True
    if id(key) in _MAKERS or id(key) in _ONE_OPERAND:
        if len(args) != _ONE_OPERAND.get(id(key), len(args)):
            return False
        attribute = op.method or op.label.startswith("the attribute")
        return not attribute or bool(args) and numeric_operand(args[0], known)
    if key is operator.getitem:
        return bool(args) and numeric_operand(args[0], known)
    if key is operator.add:
        return any(numeric_operand(a, known) for a in args) and all(
            numeric_operand(a, known) or _listed(a, sequences) for a in args)
    if key is operator.mul:
        return len(args) == 2 and all(numeric_operand(a, known) for a in args)
    if id(key) in _ARITHMETIC:
        return all(numeric_operand(a, known) or _listed(a, sequences) for a in args)
    if id(key) in _NUMBER_MAKERS:
        return not op.method
    return getattr(key, "__module__", None) == "math" and id(key) not in _NOT_NUMBERS and \
        callable(key)


class ListSums:
    """Which ``+`` of one list or tuple operand (``pos + [a, b]``) is NumPy's elementwise sum:
    where the other operand surely holds a number or a NumPy value, or would if some parameters
    did, which the derivative then checks when it runs (``_rt.array_operand(pos, 'pos', 12)``
    at its start: a list there raises, as the join it would be is not differentiated)."""

    def __init__(self, norm: Normalized, sequences: set[str]):
        self.norm, self.sequences = norm, sequences
        self.guarded: set[str] = {_guarded(s) for s in norm.body} - {None}  # (a gradient's own)
        self.known: set[str] | None = None

    def add(self, op: ir.Op) -> None:
        """Leave ``op``, a ``+`` with exactly one list or tuple operand, to the rules of ``+``
        (the checks it needs added to the start of the function); or raise, where the other
        operand may hold a list."""
        if not self._elementwise(op):
            raise UnsupportedConstructError(
                "`+` of a list or tuple and a value that may hold a list (then `+` joins them, "
                "which is not differentiated) or an array (then NumPy adds elementwise): which "
                "one is not known here", self.norm.info.location(op.node),
                hint="for the elementwise sum make the other operand an array (`np.asarray(v) + "
                "[a, b]`); for a join build the list in place (`ys = list(v)`, then "
                "`ys.extend([a, b])`)")

    def _elementwise(self, op: ir.Op) -> bool:
        other = next(a for a in op.args if not _listed(a, self.sequences))
        if self.known is None:
            self.known = numeric_names(self.norm, self.sequences, self.guarded)
        if numeric_operand(other, self.known):
            return True
        if not isinstance(other, gast.Name):
            return False
        free = {p for p in self.norm.params if p not in self.sequences} - self.known
        if other.id not in numeric_names(self.norm, self.sequences, self.guarded | free):
            return False
        for param in sorted(free):  # (the fewest checks: a parameter not needed is left free)
            if other.id in numeric_names(self.norm, self.sequences, self.guarded | free - {param}):
                free.discard(param)
        line = getattr(op.node, "lineno", None) or self.norm.info.first_line
        alias = self.norm.machinery.aliases["_rt"]
        for param in sorted(free, reverse=True):
            check = build.expression(build.call(f"{alias}.array_operand", build.name(param),
                                                build.constant(param), build.constant(line)))
            note = ir.note(check)
            note.op, note.keep, note.origin = Op(runtime.array_operand, [], label="a check"), \
                True, line
            self.norm.body.insert(0, check)
        self.guarded |= free
        self.known = None
        return True


def _guarded(stmt: gast.stmt) -> str | None:
    """The parameter ``stmt`` checks, if it is an ``array_operand`` check."""
    note = stmt.__dict__.get(ir.SLOT) if isinstance(stmt, gast.Expr) else None
    op = None if note is None else note.op
    call = stmt.value if op is not None and op.key is runtime.array_operand else None
    return call.args[0].id if isinstance(call, gast.Call) and call.args and \
        isinstance(call.args[0], gast.Name) else None
