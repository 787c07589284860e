'''Forward mode: the masks of the lists a tangent is cut or turned into (:mod:`.supports_moved`).

``np.split(t, 2)`` (``np.array_split``, ``np.hsplit``...) cuts a tangent into pieces and
``list(t)``, ``tuple(t)``, ``t.tolist()`` into its rows: the elements are the same, so each
piece or row is 0 where the same cut of ``t``'s mask is False.  A list's mask is one mask per
item (``tangentish/runtime/item_masks.py``), which an item read (``pieces[0]``) or a list turned
back into an array (``np.asarray(list(a))``) reads.  So ``np.sqrt`` of a piece where a selection
left ``t`` 0 by structure meets that 0, not ``0 * inf``: jvp gave NaN where grad gave the
derivative (stop 58's left-open item 2).

    >>> import numpy as np, tangentish
    >>> def f(v):
    ...     a, b = np.split(np.where(v > 0.5, v, 0.0), 2)
    ...     return np.sum(np.sqrt(a)) + np.sum(np.sqrt(b))
    >>> print(round(float(tangentish.jvp(f)(np.array([0.0, 1.1, -0.3, 0.9]), v_dot=np.ones(4))[1]), 6))
    1.003778
'''

from __future__ import annotations

from typing import Any

import gast

from ..syntax import build
from .supports_base import Support
from .supports_moved import moved, tangent_mask

SPLITS = frozenset({"split", "array_split", "hsplit", "vsplit", "dsplit"})
"""NumPy functions cutting an array into a list of pieces (their other arguments say where)."""

ROWS = frozenset({"list", "tuple"})
"""Builtins making a list or tuple of an array's rows (as its method ``tolist`` does, nested)."""


def listed(sweep: Any, value: gast.expr, target: str) -> Support | None:
    """The support of ``target``'s tangent ``value``, a list cut from a tangent whose support is
    known (:data:`SPLITS`, :data:`ROWS`, ``_rt.tolisted(t, x)``): the same cut of its mask, one mask per
    item of ``target``.  None for anything else."""
    if not isinstance(value, gast.Call):
        return None
    numpy, runtime = sweep.machinery.aliases["np"], sweep.machinery.aliases["_rt"]
    func = value.func
    free = sweep.derivative_names.isdisjoint
    if isinstance(func, gast.Attribute) and getattr(func.value, "id", None) == numpy and \
            func.attr in SPLITS and value.args and all(k.arg == "axis" for k in value.keywords) \
            and all(free(build.loads(node)) for node in [*value.args[1:], *value.keywords]):
        cut, operand = value, value.args[0]
    elif isinstance(func, gast.Name) and func.id in ROWS and len(value.args) == 1 and \
            not value.keywords:
        cut, operand = None, value.args[0]
    elif isinstance(func, gast.Attribute) and getattr(func.value, "id", None) == runtime and \
            func.attr == "tolisted" and len(value.args) == 2 and not value.keywords:
        cut, operand = None, value.args[0]  # (``t.tolist()``'s tangent)
    else:
        return None
    mask = _cut_mask(sweep, operand, target)
    if mask is None:
        return None
    if cut is not None:
        mask = gast.Call(func=build.clone(cut.func), args=[mask, *map(build.clone, cut.args[1:])],
                         keywords=[build.clone(k) for k in cut.keywords])
    return Support(build.call(f"{runtime}.read_mask", build.name(target), mask))


def _cut_mask(sweep: Any, operand: gast.expr, target: str) -> gast.expr | None:
    """The mask of the tangent ``operand`` a cut reads: a name's support, or a move's of the
    tangents it moves (``sorted(xs)``'s, ``list(np.take_along_axis(np.asarray(xs_dot), order,
    0))``: each item's mask gathered as its tangent is, ``False`` for a constant item's);
    None where not known."""
    if not isinstance(operand, gast.Name):
        support = moved(sweep, operand, target)
        return None if support is None or support.index is not None or not support.taken \
            else support.test
    primal = sweep.primal_of.get(operand.id)
    support = sweep.supports.get(primal) if primal is not None else None
    return None if support is None else tangent_mask(sweep, primal, support)
