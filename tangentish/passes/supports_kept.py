'''Forward mode: a list changed in place keeps a mask of its own, one per item, in step with it.

:mod:`.supports_items` gives a list made item by item the mask of each item (``False`` for a
constant's tangent), but an append in a loop or in a branch of an ``if``, ``xs.pop()`` and
``xs[k] = v`` changed the list where no one mask expression follows it: the mask was lost
(``True`` everywhere), and ``np.sqrt(np.asarray(xs))`` met a constant item's structural 0
tangent at a value 0 as ``0 / 0``: jvp NaN where grad and the differences give the derivative.

Here a list bound once, to a fresh list, and changed in place only by ``append``, ``extend``,
``pop`` and ``xs[k] = v`` has a mask object (``_rt.kept_list``: an ``ItemMasks``) changed in
place by the same statements, each after the list's own (``xs_mask.append(v, <v's mask>)``,
``xs_mask.pop()``, ``xs_mask.put(k, v, <v's mask>)``).  So the mask is the list's wherever the
list is seen: through a loop and after it, in either branch of an ``if`` and after it (its
support is :class:`Kept`, which :func:`.support_flow.lasting` keeps), in O(1) per change.  The
optimizer drops the mask's statements where no guard reads it.  Another name's support that
reads the mask (and is not the list's own) is forgotten where the mask changes: it was made for
the list as it was.

    >>> import numpy as np, tangentish
    >>> def f(v):
    ...     u = np.where(v > 0.5, v, 0.0)
    ...     xs = []
    ...     for i in range(3):
    ...         xs.append(u[i])
    ...     xs.append(0.0)
    ...     return np.sum(np.sqrt(np.asarray(xs)))
    >>> print(round(float(tangentish.jvp(f)(np.array([0.0, 1.1, 0.9]), v_dot=np.ones(3))[1]), 6))
    1.003778
'''

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import gast

from .. import ir, runtime
from ..syntax import build
from .dataflow import defined_name, statements, stores
from .supports_base import Kept, Support


def kept_lists(sweep: Any) -> dict[str, str]:
    """The lists that keep a mask of their own, each with its mask's name (found once): bound
    once to a fresh list (a display, ``list(...)``, ``sorted(...)``, ``a + b``), changed in place
    (only by the forms :func:`mirrored` follows), with a tangent list, not a caller's."""
    if sweep.kept is not None:
        return sweep.kept
    fresh, bound, changes = set(), {}, {}
    for stmt in statements(sweep.norm.body):
        note = ir.note(stmt)
        if note.updates is not None:
            changes.setdefault(note.updates, []).append(note.op is not None and _follows(stmt))
            continue
        for name in stores(stmt):
            bound[name] = bound.get(name, 0) + 1
        if note.op is not None and (note.op.key in _FRESH or note.op.is_display and
                                    isinstance(getattr(stmt, "value", None), gast.List)):
            fresh.add(defined_name(stmt))
    names = sorted(name for name, followed in changes.items() if all(followed) and name in fresh
                   and bound.get(name) == 1 and name in sweep.sequences
                   and name in sweep.active and name not in sweep.callers)
    sweep.kept = {name: sweep.namer.fresh(f"{name}_mask") for name in names}
    return sweep.kept


_FRESH = (list, sorted, operator.add)
_CHANGES = (list.append, list.extend, list.pop, operator.setitem)
_DROP_LAST = frozenset({"drop_last"})  # (``xs.pop()`` as a statement: ``_rt.drop_last``)


def _follows(stmt: gast.stmt) -> bool:
    """Whether ``stmt``, which changes a list in place, is one its mask can follow."""
    op = ir.note(stmt).op
    if (op.key not in _CHANGES and not runtime.helper_named(op.key, _DROP_LAST)) or \
            op.keywords or not op.args or not isinstance(op.args[0], gast.Name):
        return False
    if op.key is operator.setitem:
        return len(op.args) == 3 and not isinstance(op.args[1], (gast.Slice, gast.Tuple))
    return op.key is not list.pop or isinstance(stmt, gast.Expr)


def appended_outside(sweep: Any, stmt: gast.stmt, mark: Callable[[gast.stmt], gast.stmt]
                     ) -> tuple[list[gast.stmt], Support | None]:
    """:func:`.supports_items.appended`, for a list that keeps no mask of its own."""
    from .supports_items import appended  # (forward mode's only: a grad() does not load it)

    op = ir.note(stmt).op
    if op is not None and op.args and isinstance(op.args[0], gast.Name) and \
            op.args[0].id in kept_lists(sweep):
        return [], None
    return appended(sweep, stmt, mark)


def mirrored(sweep: Any, stmt: gast.stmt, mark: Callable[[gast.stmt], gast.stmt]
             ) -> list[gast.stmt]:
    """After ``stmt`` (and its tangent): where it binds a list of :func:`kept_lists`, its mask
    made; where it changes one, the same change of its mask.  The list's support is then that
    mask (:class:`Kept`)."""
    from .supports_items import list_mask  # (forward mode's only)

    kept = kept_lists(sweep)
    note = ir.note(stmt)
    name = defined_name(stmt) if note.op is not None else None
    if name not in kept:
        return []
    if note.updates is None and sweep.tangent(name) is None:  # (no tangent list where it is
        del kept[name]  # made: no mask either, then or later; it is made before any change)
        return []
    mask, runtime_alias = kept[name], sweep.machinery.aliases["_rt"]
    if note.updates is None:
        known = list_mask(sweep, build.name(name), everywhere=True)
        made = build.assign(mask, build.call(f"{runtime_alias}.kept_list", build.name(name),
                                             known.args[1]))
    else:
        _forget_readers(sweep, mask)
        made = mark(build.expression(_change(sweep, note.op, mask)))
        ir.note(made).updates = mask  # (needed where the mask is)
    sweep.supports[name] = Kept(build.name(mask))
    return [mark(made)]


def _change(sweep: Any, op: ir.Op, mask: str) -> gast.expr:
    """The change of the mask ``mask`` in step with the list's ``op``."""
    from .supports_items import item_mask, list_mask  # (forward mode's only)

    method = build.attribute(build.name(mask), _METHODS.get(op.key, "pop"))
    if op.key is list.append:
        item = item_mask(sweep, op.args[1])
        return build.call(method, build.clone(op.args[1]),
                          build.constant(True) if item is None else item)
    if op.key is list.extend:
        return build.call(method, list_mask(sweep, op.args[1], everywhere=True))
    if op.key is operator.setitem:
        item = item_mask(sweep, op.args[2])
        return build.call(method, build.clone(op.args[1]), build.clone(op.args[2]),
                          build.constant(True) if item is None else item)
    return build.call(method, *(build.clone(a) for a in op.args[1:] if op.key is list.pop))


_METHODS = {list.append: "append", list.extend: "extend", operator.setitem: "put"}  # (else pop)


def _forget_readers(sweep: Any, mask: str) -> None:
    """The supports that read the list's mask ``mask`` go (the list's own went before the
    change, :func:`.supports_bound.forget_changed`): they were made for the list as it was."""
    for other, support in list(sweep.supports.items()):
        if mask in support.names():
            del sweep.supports[other]
