"""Views of all of an array that no subscript spells, and the elements a write through one
changes (:mod:`.view_writes`).

``t = y.T``, ``t = y.transpose(...)``, ``t = y.swapaxes(i, j)`` (and ``np.transpose``,
``np.swapaxes``, ``np.moveaxis``) are views of an ndarray ``y`` whatever its layout.
``v = y.reshape(...)``, ``np.reshape(y, ...)``, ``r = y.ravel()`` and ``np.ravel(y)`` (C order) are
views only where NumPy can make them without a copy: always where ``y`` is C-contiguous, which
is proven here from every value ``y`` is ever bound to (``np.zeros``, ``np.ones``, ``np.empty``,
``np.full``, ``np.eye``, ``np.arange``, ``np.linspace``, ``np.outer`` of no ``order=``, ``out=``
or ``axis=``, ``a.copy()``, ``np.ascontiguousarray``, and ``y op= e``, which keeps the array);
elsewhere (a
parameter, ``y = x * 1.0`` of a parameter that may be a transpose) a copy may be made, and the
write is left as written, which :mod:`.aliases` checks where it runs.  ``y.diagonal()`` is a
view NumPy makes read-only: it is read again after a write on ``y``, never written through.

A view's elements are elements of ``y`` in a fixed arrangement: that of the same operation
applied to ``y``'s positions, ``P = np.arange(np.size(y)).reshape(np.shape(y))``.  So a write
through the view ``v[idx] op= e`` (any index: its elements are ``P'[idx]``, ``P'`` the view of
``P``) is ``y[np.unravel_index(P'[idx], np.shape(y))] op= e``, which NumPy computes as the
program did (the same elements, ``e`` broadcast to the same shape, a repeated position written
once); ``v op= e`` is the same with ``P'`` for ``P'[idx]``.

    >>> from tangentish.syntax.printer import expression_text
    >>> spelled = gast.parse("y.reshape(3, 2)").body[0].value
    >>> expression_text(written("y", spelled, build.constant(0), "np"))
    'y[np.unravel_index(np.arange(np.size(y)).reshape(np.shape(y)).reshape(3, 2)[0], np.shape(y))]'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import gast
import numpy as np

from ..syntax import build
from ..syntax.tree_walk import walk

if TYPE_CHECKING:
    from .view_facts import Facts

_ATTRIBUTES = ("T", "mT")
_METHODS = ("transpose", "swapaxes", "diagonal")  # (diagonal: read-only, read again only)
_FUNCTIONS = (np.transpose, np.swapaxes, np.moveaxis)
_LAID_OUT = ("reshape", "ravel")  # (views where the array is C-contiguous)
_CONTIGUOUS = {np.zeros: 2, np.ones: 2, np.empty: 2, np.full: 3, np.eye: 4, np.identity: 2,
               np.arange: 4, np.linspace: 6, np.outer: 2, np.ascontiguousarray: 2}  # (the
# most arguments by position: then ``order``, ``out`` or ``axis``, which may not be C order)


def whole_view(value: gast.expr, facts: Facts,
               bound: dict[str, gast.expr] | None = None) -> gast.Name | None:
    """``y`` of a view of all of the array ``y`` holds (see the module docstring), or None;
    ``bound``: the value each name was last bound to, where nothing has bound it since (``x =
    x.copy()`` of a parameter ``x``: C-contiguous from there)."""
    if isinstance(value, gast.Attribute) and value.attr in _ATTRIBUTES:
        inner = value.value
    elif not isinstance(value, gast.Call) or any(k.arg == "order" for k in value.keywords):
        return None
    elif isinstance(value.func, gast.Attribute) and value.func.attr in _METHODS + _LAID_OUT \
            and facts.resolved(value.func) is None:
        inner = value.func.value
        if value.func.attr in ("diagonal", "ravel") and (value.args or value.keywords):
            return None
        if value.func.attr in _LAID_OUT and not _contiguous_here(inner, facts, bound):
            return None
    elif value.args and facts.resolves_to(value.func, *_FUNCTIONS) is not None:
        inner = value.args[0]
    elif value.args and facts.resolves_to(value.func, np.reshape, np.ravel) is not None:
        inner = value.args[0]
        if not _contiguous_here(inner, facts, bound):
            return None
    else:
        return None
    return inner if isinstance(inner, gast.Name) else None


def numpy_spelling(facts: Facts) -> str | None:
    """A name of the function's scope bound to NumPy (``np``), or None."""
    return next((n for n in ("np", "numpy", *sorted(facts.info.globals))
                 if facts.resolved(build.name(n)) is np), None)


def writable(spelled: gast.expr) -> bool:
    """Whether a write through the view ``spelled`` changes its array (NumPy's diagonal is
    read-only: the write raises, as written)."""
    return not (isinstance(spelled, gast.Call) and isinstance(spelled.func, gast.Attribute) and
                spelled.func.attr == "diagonal")


def written(base: str, spelled: gast.expr, index: gast.expr | None, numpy: str) -> gast.expr:
    """The target on ``base`` that a write into ``spelled[index]`` (all of ``spelled`` where
    ``index`` is None) changes: ``base[np.unravel_index(<positions>, np.shape(base))]``."""
    shape = build.call(f"{numpy}.shape", build.name(base))
    flat = build.call(f"{numpy}.arange", build.call(f"{numpy}.size", build.name(base)))
    positions = substituted(spelled, base, build.call(build.attribute(flat, "reshape"), shape))
    if index is not None:
        positions = build.subscript(positions, build.clone(index))
    where = build.call(f"{numpy}.unravel_index", positions, build.clone(shape))
    return build.subscript(build.name(base), where, store=True)


def substituted(node: gast.expr, name: str, value: gast.expr) -> gast.expr:
    """A copy of ``node`` with (a copy of) the expression ``value`` for each read of the name
    ``name`` (in :func:`written`, the positions for the array: of the same shape, so a shape
    read in ``y.reshape(len(y) // 2, 2)`` is the same)."""
    node = build.clone(node)
    for sub in list(walk(node)):
        for field, child in gast.iter_fields(sub):
            if isinstance(child, gast.Name) and child.id == name:
                setattr(sub, field, build.clone(value))
            elif isinstance(child, list):
                child[:] = [build.clone(value) if isinstance(c, gast.Name) and c.id == name
                            else c for c in child]
    if isinstance(node, gast.Name) and node.id == name:
        return build.clone(value)
    return node


def _contiguous_here(node: gast.expr, facts: Facts, bound: dict[str, gast.expr] | None) -> bool:
    if not isinstance(node, gast.Name):
        return False
    value = (bound or {}).get(node.id)
    return value is not None and _made_contiguous(value, facts) or c_contiguous(node.id, facts)


def c_contiguous(name: str, facts: Facts) -> bool:
    """Whether every value ``name`` is ever bound to in the function is a C-contiguous array
    (see the module docstring): never a parameter, nor bound otherwise than ``name = value``
    and ``name op= value``."""
    values = facts.values.get(name)
    if not values or name in facts.others:
        return False
    return all(value is None or _made_contiguous(value, facts) for value in values)


def _made_contiguous(value: gast.expr, facts: Facts) -> bool:
    if not isinstance(value, gast.Call) or \
            any(k.arg in ("order", "like", "out", "axis") for k in value.keywords):
        return False
    if isinstance(value.func, gast.Attribute) and value.func.attr == "copy" and \
            facts.resolved(value.func) is None:
        return not value.args  # (ndarray.copy: C order, unless told otherwise)
    made = facts.resolves_to(value.func, *_CONTIGUOUS)
    return made is not None and len(value.args) <= _CONTIGUOUS[made]
