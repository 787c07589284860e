"""The adjoint of a basic index of a float64 array in plain NumPy: zeros and one slice write.

The adjoint of ``s = x[:-1]`` (or ``x[None, :, :]``) is ``_rt.unindex(g, x, slice(None, -1,
None))``, which serves lists, tuples, integer arrays (``np.add.at``) and every dtype: about 2
microseconds of Python, as much as a small gradient's arithmetic.  In a derivative specialized to
float64 arguments, where ``x`` is proven a float64 array of rank 1 or more (a name of
``Derivative.shaped`` with a proven rank) and the index is basic (slices of numbers, ``None``,
``...`` and int numbers, alone or in a tuple), the statement ``t = _rt.unindex(g, x, index)`` is
written as a person writes it:

    t = np.zeros(x.shape)
    t[:-1] = g

What it proves: the helper does exactly this for such an ``x`` (``np.zeros`` of ``x``'s shape in
``x``'s dtype, float64, then ``out[index] = g``: a basic index selects each element once, so
nothing is accumulated; an array of rank 1 or more is returned as it is), so the numbers, the
dtype (``g`` cast into float64 by the assignment as there), the shape and the errors (a ``g``
that does not fit the selection) are the helper's.  ``g`` is evaluated after the new ``t`` is
bound, so it must not read ``t``.  The write is marked ``copied`` (:class:`ir.Note`): it puts
``g``'s values, never a reference to ``g``, into ``t``'s own array, which
:mod:`.points_to` then knows (so ``t`` returned as a gradient is not copied again).

    >>> import numpy as np
    >>> import tangentish
    >>> def ends(x):
    ...     return np.sum(x[1:] * x[:-1])
    >>> df, x = tangentish.grad(ends), np.linspace(0.0, 1.0, 5)
    >>> _ = df(x)  # (the first call runs the generic derivative)
    >>> print("\\n".join(line.strip() for line in df.source_for(x).splitlines()[-4:-1]))
    x_bar = np.zeros(x.shape)
    x_bar[:-1] = x_slice_1_bar
    x_bar[1:] += x_slice_bar
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax import build
from .dataflow import blocks
from .derivative import Derivative
from .plain_differences import float64_names, like, rank, reads_name
from .walks import Walks


def write_basic_indexing(fn: Derivative, walks: Walks) -> bool:
    """Rewrite each such ``_rt.unindex`` statement of ``fn`` (see above); whether any changed
    (``walks``: those of the statements rewritten are forgotten)."""
    numpy, runtime = fn.machinery.aliases["np"], fn.machinery.aliases["_rt"]
    floats: set[str] | None = None
    changed = False
    for block in list(blocks(fn.body)):
        for index in range(len(block) - 1, -1, -1):
            stmt = block[index]
            found = _unindex(stmt, runtime)
            if found is None:
                continue
            name, g, a, selection = found
            floats = float64_names(fn) if floats is None else floats
            if a not in floats or not (rank(fn, a) or 0) >= 1:
                continue
            walks.forget(stmt)
            stmt.value = build.call(build.attribute(build.name(numpy), "zeros"),
                                    build.attribute(build.name(a), "shape"))
            write = like(stmt, build.assign(build.subscript(build.name(name), selection, True), g))
            ir.note(write).copied = True  # (g's values into the new array: no reference kept)
            block.insert(index + 1, write)
            changed = True
    return changed


def _unindex(stmt: gast.stmt, runtime: str) -> tuple | None:
    """``(t, g, x, index as subscript syntax)`` for ``t = _rt.unindex(g, x, index)`` of a basic
    index (``unique=`` aside: it only matters for integer arrays)."""
    if stmt.__class__ is not gast.Assign or len(stmt.targets) != 1 or \
            stmt.targets[0].__class__ is not gast.Name or not ir.note(stmt).adjoint:
        return None
    call, name = stmt.value, stmt.targets[0].id
    if call.__class__ is not gast.Call or len(call.args) != 3 or \
            any(k.arg != "unique" for k in call.keywords) or \
            call.func.__class__ is not gast.Attribute or call.func.attr != "unindex" or \
            getattr(call.func.value, "id", None) != runtime:
        return None
    g, a, index = call.args
    if a.__class__ is not gast.Name or a.id == name or reads_name(g, name):
        return None
    parts = index.elts if index.__class__ is gast.Tuple else [index]
    written = [_basic(part) for part in parts]
    if any(part is None for part in written) or not written:
        return None
    return name, g, a.id, written[0] if index.__class__ is not gast.Tuple else \
        gast.Tuple(elts=written, ctx=gast.Load())


def _basic(node: gast.expr) -> gast.expr | None:
    """``node`` (a part of an index) as subscript syntax: ``slice(a, b, c)`` of int numbers or
    ``None`` as ``a:b:c``, ``None``, ``...`` and an int number as they are; None for any other."""
    if node.__class__ is gast.Constant and (node.value is None or node.value is Ellipsis) or \
            _int(node):
        return build.clone(node)
    if node.__class__ is not gast.Call or node.func.__class__ is not gast.Name or \
            node.func.id != "slice" or node.keywords or not 1 <= len(node.args) <= 3:
        return None
    bounds = [None if _none(b) else b for b in node.args]
    if any(b is not None and not _int(b) for b in bounds):
        return None
    lower, upper, step = [None, bounds[0], None] if len(bounds) == 1 else (bounds + [None])[:3]
    return gast.Slice(lower=_copy(lower), upper=_copy(upper), step=_copy(step))


def _int(node: gast.expr) -> bool:
    """An int number, or a negation of one (``-1``)."""
    if node.__class__ is gast.UnaryOp and node.op.__class__ is gast.USub:
        node = node.operand
    return node.__class__ is gast.Constant and type(node.value) is int


def _none(node: gast.expr) -> bool:
    return node.__class__ is gast.Constant and node.value is None


def _copy(node: gast.expr | None) -> gast.expr | None:
    return None if node is None else build.clone(node)
