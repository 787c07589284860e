"""The one spelling of a full reduction's adjoint as a view: ``_rt.unreduce(g, t, view=True)``.

:mod:`.views` adds ``view=True`` to ``_rt.unreduce(g, t)`` where only arithmetic reads the result
(``runtime/broadcast.py``: then a read-only ``np.broadcast_to`` view of ``g``, not a new array).
The passes that tell a view from a new array ask here, so the keyword is read in one place:

    >>> import gast
    >>> call = gast.parse("_rt.unreduce(g, t, view=True)").body[0].value
    >>> is_unreduce_view(call, "_rt"), plain_keywords(call)
    (True, [])
    >>> is_unreduce_view(gast.parse("_rt.unreduce(g, t)").body[0].value, "_rt")
    False
"""

from __future__ import annotations

import gast

VIEW = "view"


def _viewed(keyword: gast.keyword) -> bool:
    """``view=...`` but ``view=False`` (anything else may ask for a view)."""
    value = keyword.value
    return keyword.arg == VIEW and not (value.__class__ is gast.Constant and value.value is False)


def asks_view(call: gast.Call) -> bool:
    """Whether ``call``'s keywords ask for a view (``view=True``)."""
    return any(_viewed(k) for k in call.keywords)


def is_unreduce_view(node: gast.AST, rt: str) -> bool:
    """``_rt.unreduce(...)`` asking for a view (``rt``: the runtime's alias)."""
    func = getattr(node, "func", None)
    return node.__class__ is gast.Call and func.__class__ is gast.Attribute and \
        func.attr == "unreduce" and func.value.__class__ is gast.Name and func.value.id == rt \
        and asks_view(node)


def plain_keywords(call: gast.Call) -> list[gast.keyword]:
    """``call``'s keywords but ``view=True``: those that say what is computed."""
    return [k for k in call.keywords if k.arg != VIEW]


def view_keyword() -> gast.keyword:
    return gast.keyword(arg=VIEW, value=gast.Constant(value=True, kind=None))
