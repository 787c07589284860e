"""A ufunc's result written into a float64 ``out=`` array is not cast where it is float64 already.

:mod:`.out_arguments` writes ``np.multiply(y, 2.0, out=y)`` as ``y[...] = np.multiply(y,
2.0).astype(y.dtype, casting='same_kind', copy=False)``: NumPy's cast of a result into ``out``,
which refuses a float result for an integer ``y``.  In a derivative specialized to float64
arguments where the result and ``y`` are proven float64 (:mod:`.dtypes`), the cast changes
nothing (``copy=False`` returns the array itself, a float64 scalar stays one) and cannot raise; it
still costs the primal a call, a ``y.dtype`` read, and the derivative the cast's adjoint
(``_rt.recast(g, r, y_dtype)``: a call that checks shapes and dtypes).  So the normalized
statement ``t = r.astype(d, casting='same_kind', copy=False)`` becomes the copy ``t = r`` where
``r`` is bound once, by a NumPy ufunc (an ndarray or a NumPy scalar, never a Python number, which
has no ``astype``) and is proven float64, and ``d`` is bound once, to ``n.dtype`` of a name ``n``
proven float64.  Any other cast (another casting, a copy asked for, a dtype not proven float64)
stays as written.

    >>> import numpy as np
    >>> import tangentish
    >>> def doubled(x):
    ...     y = x * 1.5
    ...     np.multiply(y, 2.0, out=y)
    ...     return np.sum(y * y)
    >>> df, x = tangentish.grad(doubled), np.ones(3)
    >>> _ = df(x)  # (the first call runs the generic derivative)
    >>> "astype" in df.source, "astype" in df.source_for(x), "recast" in df.source_for(x)
    (True, False, False)
"""

from __future__ import annotations

import gast
import numpy as np

from .. import ir
from .dataflow import definitions, statements
from .dtypes import float64_names
from .normalize import Normalized

_DTYPE = ("attribute", "dtype")


def drop_proven_casts(norm: Normalized) -> bool:
    """Rewrite the casts the module docstring describes as copies; whether one was."""
    if "float64" not in norm.kinds.values():
        return False
    casts = [stmt for stmt in statements(norm.body) if _same_kind_cast(stmt)]
    if not casts:
        return False
    floats, sites = float64_names(norm), definitions(norm.body)
    changed = False
    for stmt in casts:
        op = ir.note(stmt).op
        value, dtype = op.args
        if value.id in floats and _once(sites, value.id, _ufunc) and \
                _once(sites, dtype.id, lambda o: o.key == _DTYPE and len(o.args) == 1 and
                      o.args[0].__class__ is gast.Name and o.args[0].id in floats):
            stmt.value = gast.Name(id=value.id, ctx=gast.Load(), annotation=None,
                                   type_comment=None)
            ir.note(stmt).op = ir.Op(None, [stmt.value], node=op.node)
            changed = True
    return changed


def _same_kind_cast(stmt: gast.stmt) -> bool:
    """``t = r.astype(d, casting='same_kind', copy=False)`` (``r`` and ``d`` names), as
    :mod:`.out_arguments` writes it and normalization keeps it."""
    if stmt.__class__ is not gast.Assign or not ir.has_op(stmt):
        return False
    op = ir.note(stmt).op
    keywords = op.keywords
    return op.key is np.ndarray.astype and len(op.args) == 2 and \
        all(a.__class__ is gast.Name for a in op.args) and set(keywords) == {"casting", "copy"} \
        and _constant(keywords["casting"], "same_kind") and _constant(keywords["copy"], False)


def _constant(node: gast.expr, value: object) -> bool:
    return node.__class__ is gast.Constant and node.value.__class__ is value.__class__ and \
        node.value == value


def _once(sites: dict[str, list[gast.stmt]], name: str, test) -> bool:
    """Whether ``name`` is bound by one statement, an assignment whose operation passes
    ``test``."""
    found = sites.get(name, ())
    return len(found) == 1 and found[0].__class__ is gast.Assign and ir.has_op(found[0]) and \
        test(ir.note(found[0]).op)


def _ufunc(op: ir.Op) -> bool:
    return isinstance(op.key, np.ufunc) and op.key.nout == 1
