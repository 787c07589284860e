'''Supports computed into names of their own before the list or name they read changes.

A support's test (:mod:`.supports`) is an expression the sweep writes out where an adjoint
reads it, later than where it was found.  A name the test reads may by then hold another
value: the adjoint of ``xs.pop()`` puts the item back (``xs.append(last)``), a restored name
holds an earlier iteration's value.  So before such a statement's adjoint the supports that
read what it changes are computed into a name of their own (``xs_mask = ...``), which they
read from then on; those that cannot be are dropped (:func:`forget`: unknown, never wrong):

    >>> import numpy as np, tangentish
    >>> def f(x):
    ...     xs = [np.sqrt(x), x * 2.0]
    ...     y = xs.pop()
    ...     return y + np.where(x > 0, xs[0], 0.0)
    >>> df = tangentish.grad(f)
    >>> print(next(line.strip() for line in df.source.splitlines() if "xs_mask =" in line))
    xs_mask = _rt.reads(xs, 0, _rt.unbroadcast(_t1, xs0))
    >>> print(df(0.0))
    2.0
'''

from __future__ import annotations

from typing import Any

import gast

from .. import ir
from ..syntax import build
from .dataflow import stores
from .supports_base import Support, item_masks


def forget(sweep: Any, stmt: gast.stmt) -> None:
    """The supports that no longer hold once the sweep passes ``stmt`` (reverse: its adjoint,
    from where on the primal's earlier values are read; forward: its tangent): those that read a
    name it binds that is bound elsewhere too."""
    bound = {name for name in stores(stmt) if sweep.definitions.get(name, 0) > 1}
    for name, support in list(sweep.supports.items()) if bound else ():
        if not bound.isdisjoint(reads(support)):
            del sweep.supports[name]


def freeze_bound(sweep: Any, stmt: gast.stmt) -> list[gast.stmt]:
    """Reverse mode, at the adjoint of ``stmt``: the supports whose test reads a name ``stmt``
    binds that is bound elsewhere too, computed into a name of their own now (the statements
    returned), which they read from then on: earlier statements' adjoints may run where the name
    holds another value (a branch's, a loop's restored one).  (:func:`forget` drops them: a
    singular partial further back then lost its guard, ``0 * inf``.)  An index's support and a
    union are computed so too: a tape's ``_rt.reads(_tape, -1, m)``, ``m`` reading an array
    the gradient restores from it, was dropped, and the loop before it then carried no mask of
    the tape (reverse over reverse, NaN: fuzz seed 4955 program 186)."""
    bound = {name for name in stores(stmt) if sweep.definitions.get(name, 0) > 1}
    saved: list[gast.stmt] = []
    for name, support in list(sweep.supports.items()) if bound else ():
        if bound.isdisjoint(reads(support)):
            continue
        saved.append(frozen(sweep, name, support))
    forget(sweep, stmt)  # (what could not be frozen)
    return saved


def frozen(sweep: Any, name: str, support: Support) -> gast.stmt:
    """``name``'s ``support`` computed into a name of its own now (the statement returned), which
    it reads from then on (of a list or tuple, one mask per item: ``_rt.read_mask``)."""
    aliases = sweep.machinery.aliases
    test = support.mask(name, aliases["np"], aliases["_rt"])
    if name in sweep.sequences and not item_masks(test, aliases):
        test = build.call(f"{aliases['_rt']}.read_mask", build.name(name), test)
    mask = sweep.namer.fresh(f"{name}_mask")
    sweep.supports[name] = Support(build.name(mask))
    return build.assign(mask, test)


def freeze(sweep: Any, stmt: gast.stmt) -> list[gast.stmt]:
    """Reverse mode, before the adjoint of ``stmt`` that changes a list in place (``xs.pop()``,
    whose adjoint puts the item back: ``xs.append(last)``): the supports whose test reads the
    list (``_rt.reads(xs, -1, m)``, one mask per item of the list as it is now; the list's own
    support reads it so where it marks an item read) computed into a name of their own
    (``xs_mask = ...``: the statements returned), which they read then; the list's length
    changes under them otherwise.  An array's (``P[1] = t``, whose adjoint restores ``P``): those
    reading it or a view of it, which would see the old value (fuzz seed 4810 program 32)."""
    changed = ir.note(stmt).updates
    if changed is None:
        return []
    listed = changed in sweep.sequences
    shared = {changed} if listed else sweep.norm.sharing.get(changed, {changed})
    return [frozen(sweep, name, support) for name, support in list(sweep.supports.items())
            if not shared.isdisjoint(reads(support)) or listed and name == changed and
            _read_against(sweep, name, support)]


def _read_against(sweep: Any, name: str, support: Support) -> bool:
    """Whether the list ``name``'s own ``support`` becomes one mask per item only when read
    against the list itself (an index of it, ``_rt.reads(xs, -1, m)``; a test not one mask per
    item, ``m if c else xs_read`` of an ``if``, which the adjoint of ``xs.pop()`` makes
    ``_rt.unpopped_mask(_rt.read_mask(xs, ...), last)``): read after that adjoint puts the item
    back, it had one item too many, met the list's reads as of another length and held
    everywhere (grad of grad NaN, ``0 / 0`` of a tape entry no adjoint read: fuzz seed 9022
    program 4)."""
    aliases = sweep.machinery.aliases
    return any(part.index is not None for part in support.parts or (support,)) or \
        not item_masks(support.mask(name, aliases["np"], aliases["_rt"]), aliases)


def reads(support: Support) -> frozenset[str]:
    """The names a support's test reads."""
    return support.names()
