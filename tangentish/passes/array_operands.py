"""Lists and tuples handed to NumPy where it reads an array: made arrays first, as NumPy makes them.

NumPy converts a list or tuple operand with ``np.asarray`` before it computes, so
``np.square([a, b])`` and ``np.dot(xs, w)`` of a list ``xs`` are fine in the primal.  The
derivative rules read their operands as the arrays NumPy made of them (``2.0 * x``, ``x.ndim``,
``np.result_type(g, b)``), and of a list those are a ``TypeError``, an ``AttributeError`` or, for
an ``int`` times a list, the list repeated.  So where an operand of a call of a NumPy (or SciPy)
function is surely a list or tuple (a display written in the call, or a name that
:func:`.sequences.surely_sequences` proves holds one) and NumPy reads it as one array (an input
of a ufunc, or a parameter named as NumPy names its array operands: ``a``, ``x``, ``b``,
``weights``...; any operand of a user's function declared ``extend.elementwise``), the program
converts it first, in a statement of its own; the adjoint of ``np.asarray`` hands each item its
part.  Parameters that take a sequence of arrays
(``np.stack(arrays)``, ``np.select(condlist, ...)``), shapes, axes and ``q`` are left alone.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x, w):
    ...     terms = [x * w, np.sin(w)]
    ...     return np.sum(np.square(terms)) + np.dot([1.0, 2.0], w)
    >>> info = parse_function(f); desugar(info)
    >>> norm = normalize(info)
    >>> arrays_for_sequences(norm)
    >>> info.node.body = norm.body
    >>> print(function_text(info.node), end="")
    def f(x, w):
        x_times_w = x * w
        sin_w = np.sin(w)
        terms = [x_times_w, sin_w]
        terms_array = np.asarray(terms)
        square_terms = np.square(terms_array)
        _t1 = np.sum(square_terms)
        array = np.asarray([1.0, 2.0])
        dot = np.dot(array, w)
        out = _t1 + dot
        return out
"""

from __future__ import annotations

import inspect

import gast
import numpy as np

from .. import ir
from ..ir import Op
from ..registry import REGISTRY
from ..syntax import build
from ..syntax.resolve import dotted
from .dataflow import blocks, statements, stores
from .normalize import Normalized
from .sequences import surely_sequences

# What NumPy and SciPy call the operands they read as one array each.
_ARRAY_PARAMETERS = frozenset({
    "a", "b", "x", "y", "x1", "x2", "m", "v", "A", "B", "M", "ary", "arr", "array", "p", "fp",
    "xp", "values", "weights", "a_min", "a_max", "min", "max",
})
# The conversions themselves: their operand is the object NumPy makes the array of.
_CONVERSIONS = frozenset(id(f) for f in (
    np.array, np.asarray, np.asanyarray, np.ascontiguousarray, np.asfortranarray,
    np.asarray_chkfinite))


def arrays_for_sequences(norm: Normalized) -> None:
    """Convert the list and tuple operands of NumPy calls (see the module docstring)."""
    candidates = [stmt for block in blocks(norm.body) for stmt in block if _numpy_call(stmt)]
    if not candidates:
        return
    sequences = None
    for block in list(blocks(norm.body)):
        index = 0
        while index < len(block):
            stmt = block[index]
            if _numpy_call(stmt):
                if sequences is None:
                    sequences = _Sequences(norm)
                added = _convert(norm, stmt, sequences)
                block[index:index] = added
                index += len(added)
            index += 1


def _numpy_call(stmt: gast.stmt) -> bool:
    note = stmt.__dict__.get(ir.SLOT)
    if note is None or note.op is None or note.updates is not None:
        return False
    call = getattr(stmt, "value", None)
    if not isinstance(call, gast.Call) or not (call.args or call.keywords):
        return False
    key = note.op.key
    if id(key) in _CONVERSIONS:
        return False
    if isinstance(key, np.ufunc) or _declared_elementwise(key):
        return True
    return callable(key) and _numpy_key(key)


def _numpy_key(key: object) -> bool:
    module = getattr(key, "__module__", None) or ""
    return module == "numpy" or module.startswith(("numpy.", "scipy."))


def _declared_elementwise(key: object) -> bool:
    """Whether a rule declared ``key`` elementwise (``extend.elementwise``: a user's function
    whose operands are arrays, each item an element, as a ufunc's are; the tangent sums the
    operands' tangents, which of lists ``+`` would join)."""
    try:
        return key in REGISTRY.elementwise
    except TypeError:  # (unhashable)
        return False


class _Sequences:
    """Which operands surely hold a list or tuple: a display, a local that
    :func:`.sequences.surely_sequences` proves one, or a module's or closure's name (``W``,
    ``cfg.w``) holding one now (an array bound there later is converted to itself)."""

    def __init__(self, norm: Normalized):
        self.info = norm.info
        self.locals = surely_sequences(norm)
        self.bound = set(norm.params) | {n for s in statements(norm.body) for n in stores(s)}

    def __call__(self, operand: gast.expr) -> bool:
        if isinstance(operand, (gast.List, gast.Tuple)):
            return True
        if isinstance(operand, gast.Name) and operand.id in self.bound:
            return operand.id in self.locals
        parts = dotted(operand)
        if parts is None:
            return False
        found, value = self.info.lookup_path(parts)
        return found and isinstance(value, (list, tuple))


def _convert(norm: Normalized, stmt: gast.stmt, sequences: _Sequences) -> list[gast.stmt]:
    op: Op = ir.note(stmt).op
    call: gast.Call = stmt.value
    if not any(sequences(a) for a in (*op.args, *op.keywords.values())):
        return []
    added = []
    for where in _array_positions(op):
        operand = op.args[where] if isinstance(where, int) else op.keywords[where]
        if not sequences(operand):
            continue
        label = f"{operand.id}_array" if isinstance(operand, gast.Name) else "array"
        operand = build.clone(operand) if not isinstance(operand, (gast.List, gast.Tuple)) \
            else operand
        target = norm.namer.fresh(label)
        conversion = build.assign(target, build.call(f"{norm.machinery.aliases['np']}.asarray",
                                                     operand))
        note = ir.note(conversion)
        note.origin = ir.note(stmt).origin
        note.op = Op(np.asarray, [operand], {}, "`np.asarray`", op.node)
        added.append(conversion)
        replacement = build.name(target)
        if isinstance(where, int):
            op.args[where] = call.args[where] = replacement
        else:
            op.keywords[where] = replacement
            for keyword in call.keywords:
                if keyword.arg == where:
                    keyword.value = replacement
    return added


# NumPy 1.x's C functions that carry no signature: how many leading positional operands it reads
# as arrays (NumPy 2's signatures name them a, b)
_UNSIGNED = {np.dot: 2, np.inner: 2, np.vdot: 2}


def _array_positions(op: Op) -> list[int | str]:
    """The positions (an index or a keyword) of ``op``'s operands NumPy reads as one array."""
    key = op.key
    if isinstance(key, np.ufunc):
        return list(range(min(key.nin, len(op.args))))
    if _declared_elementwise(key) and not _numpy_key(key):
        return [*range(len(op.args)), *op.keywords]  # (every operand is one)
    try:
        signature = inspect.signature(key)
    except (TypeError, ValueError):  # (NumPy 1.x: C functions without one, as NumPy 2 names them)
        return [i for i in range(len(op.args)) if i < _UNSIGNED.get(key, 0)]
    try:
        bound = signature.bind_partial(*range(len(op.args)), **{k: k for k in op.keywords})
    except TypeError:
        return []  # (a call NumPy refuses: its own error, in the primal)
    kinds = signature.parameters
    found: list[int | str] = []
    for name, where in bound.arguments.items():
        if name in _ARRAY_PARAMETERS and kinds[name].kind in (
                inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                inspect.Parameter.KEYWORD_ONLY):
            found.append(where)
    return found
