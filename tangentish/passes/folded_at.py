"""``np.divide.at`` and ``np.power.at`` on an array, as the loop over the values each element gets.

``np.divide.at(a, index, v)`` divides ``a`` at ``index`` by ``v``, a repeated index dividing
again (``np.true_divide.at`` too; ``np.power.at`` and ``np.float_power.at`` raise to each power
in turn).  :func:`tangentish.runtime.slotted` spreads what each element gets along a new last
axis: its own value, then the values sent there in their order, then 1.0 (``x / 1.0`` and ``x **
1.0`` are ``x`` exactly), after NumPy's own errors (an index out of range, values that do not
broadcast, an array of a dtype the ufunc's loop casts to at each step, refused); the ufunc then
folds that axis from the left, as NumPy applies it, in a loop the derivative follows as any
other (``np.multiply.at``, whose factors commute, is ``np.prod`` of the same slots:
:mod:`.in_place_calls`)::

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x, i):
    ...     a = x * 2.0
    ...     np.divide.at(a, i, x[:2])
    ...     return a
    >>> info = parse_function(f)
    >>> fold_ufunc_at(info)
    >>> print(function_text(info.node), end="")
    def f(x, i):
        a = x * 2.0
        _slots = _slotted(a, i, x[:2], 1.0, np.divide)
        _folded = _slots[..., 0]
        for _k in range(1, _slots.shape[-1]):
            _folded = np.divide(_folded, _slots[..., _k])
        a[...] = _folded
        return a

The write ``a[...] = ...`` is then an element assignment as any other (a parameter's private
copy, the aliases of ``a`` checked); the ``ufunc.at`` of other ufuncs keep their rules or their
``MissingRuleError``.
"""

from __future__ import annotations

import gast
import numpy as np

from ..syntax import build
from ..syntax.naming import fresh_name
from ..syntax.parse import SourceInfo
from ..syntax.resolve import dotted
from .dataflow import blocks

_FOLDED = (np.divide, np.power, np.float_power)  # (np.true_divide is np.divide)


def fold_ufunc_at(info: SourceInfo) -> None:
    """Rewrite each ``u.at(a, index, v)`` statement of ``info``'s function whose ``u`` is one of
    :data:`_FOLDED` and ``a`` a name (see the module docstring)."""
    if not info.is_builtin("range"):  # (the loop's `range`; else MissingRuleError, as before)
        return
    taken = set(build.names(info.node, functions=True)) | set(info.imported)
    helper: list[str] = []
    for block in blocks(info.node.body):
        if any(_folded(info, s) for s in block):
            block[:] = [new for s in block for new in _lowered(info, s, taken, helper)]


def _folded(info: SourceInfo, stmt: gast.stmt) -> bool:
    call = stmt.value if isinstance(stmt, gast.Expr) else None
    if not (isinstance(call, gast.Call) and isinstance(call.func, gast.Attribute) and
            call.func.attr == "at" and len(call.args) == 3 and not call.keywords and
            isinstance(call.args[0], gast.Name) and
            not any(isinstance(a, gast.Starred) for a in call.args)):
        return False
    parts = dotted(call.func.value)
    found, value = info.lookup_path(parts) if parts else (False, None)
    return found and any(value is u for u in _FOLDED)


def _lowered(info: SourceInfo, stmt: gast.stmt, taken: set[str],
             helper: list[str]) -> list[gast.stmt]:
    if not _folded(info, stmt):
        return [stmt]
    if not helper:
        from .. import runtime

        helper.append(fresh_name("slotted", taken))
        info.imported[helper[0]] = ("tangentish.runtime", ("slotted",), runtime.slotted)
    call = stmt.value
    ufunc, (a, index, values) = call.func.value, call.args
    slots, folded, k = (fresh_name(w, taken) for w in ("slots", "folded", "k"))
    nth = gast.Subscript(value=build.name(slots), slice=gast.Tuple(
        elts=[gast.Constant(value=Ellipsis, kind=None), build.name(k)], ctx=gast.Load()),
        ctx=gast.Load())
    first = gast.Subscript(value=build.name(slots), slice=gast.Tuple(
        elts=[gast.Constant(value=Ellipsis, kind=None), build.constant(0)], ctx=gast.Load()),
        ctx=gast.Load())
    count = gast.Subscript(value=build.attribute(build.name(slots), "shape"),
                           slice=build.constant(-1), ctx=gast.Load())
    loop = gast.For(target=build.name(k, store=True), iter=build.call(
        "range", build.constant(1), count), body=[build.assign(folded, build.call(
            build.clone(ufunc), build.name(folded), nth))], orelse=[], type_comment=None)
    whole = gast.Subscript(value=build.name(a.id), slice=gast.Constant(value=Ellipsis,
                                                                      kind=None),
                           ctx=gast.Store())
    new = [build.assign(slots, build.call(helper[0], build.clone(a), build.clone(index),
                                          build.clone(values), build.constant(1.0),
                                          build.clone(ufunc))),
           build.assign(folded, first), loop,
           gast.Assign(targets=[whole], value=build.name(folded), type_comment=None)]
    for part in new:
        for node in build.nodes(part):
            if hasattr(node, "lineno") or isinstance(node, (gast.stmt, gast.expr)):
                gast.copy_location(node, stmt)
    return new
