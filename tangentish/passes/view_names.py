"""Names :mod:`.view_writes` follows as views of a whole array, and names it does not follow as
another name for one: the sequences loops run over.

    >>> import gast
    >>> fn = gast.parse("def f(g):\\n    s = g\\n    for i in range(len(s)):\\n        v = s[i]").body[0]
    >>> sorted(sequences(fn))
    ['s']
    >>> whole_view(gast.parse("y.T").body[0].value).id
    'y'
"""

from __future__ import annotations

import gast

from ..syntax.tree_walk import walk


def sequences(function: gast.FunctionDef) -> set[str]:
    """The names a loop runs over: ``for v in s`` and ``for i in range(len(s))`` (the loop a
    desugared ``for v in g`` is, over ``_seq = g``)."""
    found = set()
    for loop in walk(function):
        if not isinstance(loop, gast.For):
            continue
        inner = loop.iter.args[0] if isinstance(loop.iter, gast.Call) and \
            len(loop.iter.args) == 1 else None
        if isinstance(inner, gast.Call) and len(inner.args) == 1:
            inner = inner.args[0]  # (``range(len(s))``)
        found |= {n.id for n in (loop.iter, inner) if isinstance(n, gast.Name)}
    return found


def whole_view(value: gast.expr) -> gast.Name | None:
    """``y`` of ``y.T``, ``y.mT``, ``y.transpose()`` or ``y.diagonal()``: a view of all of an
    ndarray ``y`` whatever its layout (never a copy, as ``reshape`` or ``ravel`` may be)."""
    if isinstance(value, gast.Attribute) and value.attr in ("T", "mT"):
        inner = value.value
    elif isinstance(value, gast.Call) and isinstance(value.func, gast.Attribute) and \
            value.func.attr in ("transpose", "diagonal") and not value.args and \
            not value.keywords:
        inner = value.func.value
    else:
        return None
    return inner if isinstance(inner, gast.Name) else None
