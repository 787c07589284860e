"""The size of a proven array read as its attribute: ``_rt.reduced_size(a)`` → ``a.size``.

A mean's count, ``_rt.reduced_size(a)`` (the product of ``a``'s shape, which the generated text
says as ``np.size(a)``: :mod:`.spelling`), is ``a.size`` for an ndarray (and for the tape's
``_rt.like`` record of one).  ``np.size(a)`` (no axis) returns ``a.size`` for anything that has
that attribute (and ``np.asarray(a).size`` otherwise), on NumPy 1.x as on 2.x: for an ndarray
the same Python int, by a Python function call that costs most of a microsecond, where the
attribute read costs a twentieth of that.  The adjoint of a mean divides by it (``2.0 /
np.size(y) * r``), so a small mean's gradient paid it on every call.  Only where ``a`` is a
name proven an ndarray in a derivative specialized to float64 arguments
(:func:`.reduction_methods.proven_arrays`: a proven rank of 1 or more, a float64 name of a
non-empty size-one pattern, a name bound once to their arithmetic); a count along an axis
(``np.shape(a)[0]``) and the count of a value of unknown kind (a number) stay.

    >>> import numpy as np
    >>> import tangentish
    >>> def mse(w, X, y):
    ...     return np.mean((X @ w - y) ** 2)
    >>> df, w, X, y = tangentish.grad(mse), np.ones(3), np.ones((5, 3)), np.zeros(5)
    >>> _ = df(w, X, y)  # (the first call runs the generic derivative)
    >>> [line.strip() for line in df.source_for(w, X, y).splitlines() if "2.0 /" in line]
    ['X_at_w_bar = 2.0 / y.size * X_at_w_minus_y']
"""

from __future__ import annotations

import gast

from ..syntax import build
from ..syntax.tree_walk import walk
from .dataflow import statements
from .derivative import Derivative
from .walks import Walks


def read_sizes(fn: Derivative, walks: Walks, arrays: set[str]) -> None:
    """Rewrite ``np.size(a)`` as ``a.size`` where ``a`` is one of ``arrays`` (names proven to
    hold ndarrays) in ``fn``'s code (see the module docstring)."""
    if not arrays:
        return
    names = fn.machinery.aliases["_rt"], fn.machinery.aliases["np"]
    for stmt in statements(fn.body):
        changed = False
        for parent in walk(stmt):
            for field in build.child_fields(parent.__class__):
                value = getattr(parent, field, None)
                if value.__class__ is list:
                    found = [_attribute(v, arrays, names) for v in value]
                    if any(f is not None for f in found):
                        value[:] = [v if f is None else f for v, f in zip(value, found, strict=True)]
                        changed = True
                elif _attribute(value, arrays, names) is not None:
                    setattr(parent, field, _attribute(value, arrays, names))
                    changed = True
        if changed:
            walks.forget(stmt)


def _attribute(node: object, arrays: set[str], names: tuple[str, str]) -> gast.expr | None:
    """``a.size`` for the node ``_rt.reduced_size(a)`` or ``np.size(a)`` (``names``: the
    runtime's and NumPy's aliases) of an ``a`` of ``arrays``, else None."""
    if node.__class__ is not gast.Call or node.keywords or len(node.args) != 1:
        return None
    func, operand = node.func, node.args[0]
    if func.__class__ is not gast.Attribute or func.value.__class__ is not gast.Name or \
            (func.value.id, func.attr) not in ((names[0], "reduced_size"), (names[1], "size")) or \
            operand.__class__ is not gast.Name or operand.id not in arrays:
        return None
    return build.attribute(build.name(operand.id), "size")
