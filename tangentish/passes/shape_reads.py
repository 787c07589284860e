"""Names the adjoint code reads only for their shape and dtype.

``_rt.unbroadcast(g, x)`` and ``_rt.unreduce(g, x)`` read ``x`` for its shape and dtype only (and
``_rt.reduced_size(x, axis)`` for its shape): when that is all the adjoint reads of ``x``, the tape
keeps ``_rt.like(x)``, a small object with them, instead of the array (see :mod:`tape`).

    >>> import numpy as np
    >>> import tangentish
    >>> def f(x):
    ...     s = 0.0
    ...     for i in range(3):
    ...         s = s + np.sin(x * i)
    ...     return s
    >>> print(tangentish.grad(f).source, end="")  # doctest: +ELLIPSIS
    def grad_f_wrt_x(x, *, out_bar=1.0):
    ...
            _tape.append((_rt.like(s_1), _rt.like(sin_x_times_i), x_times_i))
    ...
            s_1, sin_x_times_i, x_times_i = _tape.pop()
    ...
            x_bar = x_bar + _rt.unbroadcast(s_1_bar, sin_x_times_i) * np.cos(x_times_i) * i
            s_1_bar = _rt.unbroadcast(s_1_bar, s_1)
    ...
"""

from __future__ import annotations

import functools

import gast
import numpy as np

from .. import ir, runtime
from ..syntax import build
from .dataflow import statements
from .derivative import Derivative

# Runtime helpers that read an argument only for its shape and dtype: helper → argument position.
SHAPE_READS = {"unbroadcast": 1, "unreduce": 1, "reduced_size": 0}  # (a view: the same)
# ... and those reading it for its shape, dtype or kind (array or list), which no change of its
# items alters: ``_rt.add_at(acc, g, x, i)`` adds ``g`` at ``i`` into something shaped like ``x``,
# ``_rt.unindex(g, xs, i)`` puts ``g`` at ``i`` into zeros shaped like ``xs`` (an array or a list).
# ``_rt.like(x)``, the tape's record of such a value, keeps its layout: it returns a new object
# (a ``Like``, a copy of a 0-d array, a list or tuple made again with its arrays copied, or
# an immutable number), read back only in those places.
# ``_rt.recast(g, like, dtype)`` reads ``like``'s shape, gradient dtype and kind, and returns ``g``
# (reshaped, cast) or zeros.
LAYOUT_READS = {**SHAPE_READS, "add_at": 2, "like": 0, "unindex": 1, "reads": 0, "read_mask": 0,
                "recast": 1}
# Runtime helpers whose result is a new value or (a view of, an object array holding) the
# arguments at these positions, never any other: an index or a layout argument is only read.
# ``_rt.add_at(acc, g, x, i)`` returns ``acc`` (changed in place) or a new array; it never holds
# ``x`` or ``i``, which a derivative being differentiated again may have taken off its tape.
RESULT_FROM = {"unbroadcast": (0,), "fit": (0,), "like": (),
               "add_at": (0, 1), "zero_index": (0,), "unindex": (0,), "recast": (0,)}


def shape_only(fn: Derivative) -> set[str]:
    """Names the adjoint code reads only for their shape and dtype (as ``_rt.unbroadcast(g, x)``
    reads ``x``): the tape keeps ``_rt.like(x)`` for them, not the array."""
    rt = fn.machinery.aliases["_rt"]
    shaped: set[str] = set()
    other: set[str] = set()
    for stmt in statements(fn.body):
        if not ir.note(stmt).adjoint:
            continue
        part = [stmt.test] if isinstance(stmt, (gast.If, gast.While)) else \
            [stmt.iter] if isinstance(stmt, gast.For) else [stmt]
        for root in part:
            _sort_reads(root, rt, shaped, other)
    return shaped - other


def value_reads(root: gast.AST, rt: str) -> set[str]:
    """The names ``root`` loads for their values: not those read only for their shape, dtype or
    kind (``x`` in ``_rt.add_at(acc, g, x, i)``), which an in-place change of items leaves as
    they were."""
    names: list[gast.Name] = []
    layout = _layout_args(root, rt, LAYOUT_READS, names)
    return {node.id for node in names if isinstance(node.ctx, gast.Load) and id(node) not in layout}


def _sort_reads(root: gast.AST, rt: str, shaped: set[str], other: set[str]) -> None:
    """Put each name ``root`` reads in ``shaped`` (read in a shape position) or ``other``
    (stored names too: the caller wants a superset there)."""
    names: list[gast.Name] = []
    positions = _layout_args(root, rt, SHAPE_READS, names)
    for node in names:
        (shaped if id(node) in positions else other).add(node.id)


def _layout_args(root: gast.AST, rt: str, table: dict[str, int], names: list[gast.Name]
                 ) -> set[int]:
    """The ids of the names passed to ``rt`` helpers in the argument positions ``table`` gives;
    every name ``root`` holds is added to ``names`` (one walk for both)."""
    positions: set[int] = set()
    for node in build.nodes(root):
        if isinstance(node, gast.Name):
            names.append(node)
        elif isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute) and \
                isinstance(node.func.value, gast.Name) and node.func.value.id == rt:
            position = table.get(node.func.attr)
            if position is not None and len(node.args) > position and \
                    isinstance(node.args[position], gast.Name):
                positions.add(id(node.args[position]))
    return positions


# The same tables by helper.  Derivative code calls these helpers; a view read only in a layout
# position may share memory with an array changed in place (a derivative differentiated again).
# NumPy's own reads of a layout count too (``np.size(t)`` is how generated code spells
# ``_rt.reduced_size(t)``, see passes/spelling.py; user code writes them as well).  Made when
# first asked (by aliases.py): holding the helpers imports their families, which a transform
# that does not ask (a plain function's) need not.
@functools.cache
def layout_keys() -> dict[object, int]:
    return {**{getattr(runtime, name): position for name, position in LAYOUT_READS.items()},
            np.size: 0, np.shape: 0, np.ndim: 0}


@functools.cache
def _result_keys() -> dict[object, tuple[int, ...]]:
    return {getattr(runtime, name): positions for name, positions in RESULT_FROM.items()}


def may_return(op: ir.Op) -> list[gast.expr]:
    """The operands ``op``'s result may share memory with (or hold): all of them, but for a
    runtime helper reading some only for their layout or as an index (:data:`RESULT_FROM`,
    :data:`LAYOUT_READS`)."""
    if op.key is np.ndarray.astype:  # (v.astype(np.float64, copy=False): v, never the dtype)
        return op.args[:1]
    positions = _result_keys().get(op.key) if op.key is not None else None
    if positions is not None:
        return [a for i, a in enumerate(op.args) if i in positions]
    layout = layout_keys().get(op.key) if op.key is not None else None
    return [a for i, a in enumerate([*op.args, *op.keywords.values()]) if i != layout]
