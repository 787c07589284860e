'''Forward mode: the masks of lists and tuples made item by item (:mod:`.supports_listed`'s twin).

A display ``xs = [a, b, 0.0]`` and an append ``xs.append(0.0)`` put each item's tangent in the
list's: a constant's (or an inactive name's) is 0 by symbol, a name's is 0 where its own support
says.  So the list's mask is one mask per item (``tangentish/runtime/item_masks.py``): ``False``
for a zero item, the item's mask for one with a support, ``True`` for the others.  Without it a
list that met a constant had no support at all, and ``np.sqrt(np.asarray(xs))`` met the
constant's structural 0 tangent as ``0 / 0``: jvp NaN where grad and the differences give the
derivative (``xs = list(u); xs.append(0.0)``, ``[u[1], u[2], 0.0]``: stop 61, item 1).

An append changes the list in place, so the mask of the list as it was is computed first, into a
name of its own (``xs_mask = _rt.read_mask(xs, ...)``), which the new one extends
(``_rt.appended_mask(xs_mask, v, <v's mask>)``).  Not in a loop: the loop forgets the list's
support at its start anyway, and a mask per append would make a loop building ``n`` items
``O(n**2)``.

    >>> import numpy as np, tangentish
    >>> def f(v):
    ...     xs = list(np.where(v > 0.5, v, 0.0))
    ...     xs.append(0.0)
    ...     return np.sum(np.sqrt(np.asarray(xs)))
    >>> print(round(float(tangentish.jvp(f)(np.array([0.0, 1.1, 0.9]), v_dot=np.ones(3))[1]), 6))
    1.003778
'''

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gast

from .. import ir, runtime
from ..syntax import build
from .supports_base import Support
from .supports_moved import tangent_mask


def displayed(sweep: Any, op: ir.Op, target: str) -> Support | None:
    """The support of the display ``target = [a, b, ...]``'s tangent (a list or tuple ``op``):
    one mask per item, known where some item's tangent is 0 by symbol or has a support of its
    own; None otherwise (every item may be non-zero anywhere: nothing to say) or with a star."""
    if any(isinstance(arg, gast.Starred) for arg in op.args):
        return None
    masks = [item_mask(sweep, arg) for arg in op.args]
    if all(mask is None for mask in masks):
        return None
    runtime = sweep.machinery.aliases["_rt"]
    items = gast.List(elts=[build.constant(True) if m is None else m for m in masks],
                      ctx=gast.Load())
    return Support(build.call(f"{runtime}.read_mask", build.name(target), items))


def appended(sweep: Any, stmt: gast.stmt, mark: Callable[[gast.stmt], gast.stmt]
             ) -> tuple[list[gast.stmt], Support | None]:
    """Before ``xs.append(v)`` or ``xs.extend(ys)`` (``stmt``) outside any loop: the statement
    computing the mask of ``xs`` as it is (``True`` for every item where its support is not
    known), and the support of ``xs`` after it, that mask with ``v``'s (``ys``'s) appended;
    nothing where neither says anything.  (``mark`` makes a statement derivative code.)"""
    op = ir.note(stmt).op
    if sweep.looping or op is None or op.key not in (list.append, list.extend) or \
            len(op.args) != 2 or op.keywords or not isinstance(op.args[0], gast.Name):
        return [], None
    name, item = op.args[0].id, op.args[1]
    if name not in sweep.sequences or sweep.tangent(name) is None:
        return [], None
    known = sweep.supports.get(name)
    mask = item_mask(sweep, item) if op.key is list.append else list_mask(sweep, item)
    if known is None and mask is None:
        return [], None
    runtime = sweep.machinery.aliases["_rt"]
    frozen = sweep.namer.fresh(f"{name}_mask")
    made = mark(build.assign(frozen, list_mask(sweep, op.args[0], everywhere=True)))
    if op.key is list.extend:
        after = build.call(f"{runtime}.extended_mask", build.name(frozen),
                           list_mask(sweep, item, everywhere=True))
    else:
        after = build.call(f"{runtime}.appended_mask", build.name(frozen), build.clone(item),
                           build.constant(True) if mask is None else mask)
    return [made], Support(after)


def joined_lists(sweep: Any, op: ir.Op) -> Support | None:
    """The support of ``xs + ys`` of two lists or tuples (``_rt.joined``, ``_rt.extended``): the
    items' masks of both, one after the other, where either's is known."""
    if op.key not in _JOINS or len(op.args) != 2 or op.keywords:
        return None
    masks = [list_mask(sweep, arg) for arg in op.args]
    if all(mask is None for mask in masks):
        return None
    masks = [list_mask(sweep, arg, everywhere=True) if m is None else m
             for arg, m in zip(op.args, masks, strict=True)]
    return Support(build.call(f"{sweep.machinery.aliases['_rt']}.extended_mask", *masks))


_JOINS = (runtime.joined, runtime.extended)


def list_mask(sweep: Any, node: gast.expr, everywhere: bool = False) -> gast.expr | None:
    """The mask of the list or tuple ``node``, one mask per item (``_rt.read_mask``): all False
    where its tangent is 0 by symbol, its support's where known; else None (``everywhere``: all
    True)."""
    runtime = sweep.machinery.aliases["_rt"]
    if _constant(sweep, node):
        return build.call(f"{runtime}.read_mask", build.clone(node), build.constant(False))
    if not isinstance(node, gast.Name):
        return build.call(f"{runtime}.read_mask", build.clone(node), build.constant(True)) \
            if everywhere else None
    support = sweep.supports.get(node.id)
    if support is not None:
        test = support.mask(node.id, sweep.machinery.aliases["np"], runtime)
    elif everywhere:
        test = build.constant(True)
    else:
        return None
    return build.call(f"{runtime}.read_mask", build.name(node.id), test)


def item_mask(sweep: Any, item: gast.expr) -> gast.expr | None:
    """Where the tangent of the item ``item`` (a name or a constant) may be non-zero: ``False``
    for a constant's or a name's 0 by symbol, its mask where it has a support, None (anywhere)."""
    if _constant(sweep, item):
        return build.constant(False)
    if not isinstance(item, gast.Name):
        return None
    support = sweep.supports.get(item.id)
    return None if support is None else tangent_mask(sweep, item.id, support)


def _constant(sweep: Any, node: gast.expr) -> bool:
    """Whether ``node``'s tangent is 0 by symbol: it reads no name with a tangent."""
    return all(sweep.tangent(name) is None for name in build.loads(node))
