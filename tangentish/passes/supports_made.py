'''Supports a derivative makes (:mod:`.supports`): a selection's (``np.where(c, g, 0.0)``,
``_rt.chosen(g, w)``, ``_rt.unindex(g, like, i)``, a gather's adjoint), and what any adjoint
hands on of the support its result's adjoint ``g`` already had (:func:`given`).

A selection's adjoint is 0 where it does not select, and also where ``g`` is 0 by structure: the
support it makes is the intersection.  ``np.fmax(np.sqrt(v)[:2], 0.25)`` that chose ``0.25`` at
element 1 leaves ``_t1_bar = _rt.unindex(t1_slice_bar, _t1, slice(None, 2))`` 0 at element 1,
not only at elements 2 and on; ``np.minimum(np.sum(np.sqrt(x)), 0.3)`` that chose ``0.3``
leaves the sum's adjoint, and every element it is spread to, 0.  An adjoint that is not a
selection is linear in ``g``: it is 0 where ``g`` spreads 0 (a reduction's ``_rt.unreduce(g,
x)``: ``g``'s scalar mask), and in any case everywhere where ``g`` is 0 everywhere
(``np.any(mask)``: ``x @ W``'s adjoint).

    >>> import numpy as np, tangentish
    >>> def f(x):
    ...     return np.minimum(np.sum(np.sqrt(x)), 0.3)
    >>> print(tangentish.grad(f).source.splitlines()[-2].strip())  # (the weight named once)
    x_bar = _rt.divided(pick_first_rt != 0, sum_sqrt_x_bar, 2.0 * sqrt_x)
'''

from __future__ import annotations

import functools
import operator
from typing import Any

import gast
import numpy as np

from .. import runtime
from ..syntax import build
from .complex_paths import standing
from .supports_base import (
    KEYWORDS,
    MOVES,
    NAN_SKIPPING,
    Seeded,
    Support,
    calls,
    per_choice,
)
from .unreduce_views import plain_keywords

_WHERE_RULES = (np.where, np.clip, *NAN_SKIPPING)  # (their adjoints and tangents: np.where(c, g, 0.0),
_DIVIDED = frozenset({"divided"})  # as _rt.divided's are)

SCATTERS = ("untake", "untake_along_axis", "uncompress", "unextract", "undiagonal", "unmoved",
            "uninterp", "untrace")
"""Runtime adjoints of gathers (``np.take``...; ``unmoved``: of a move by positions, a window
view, ``np.resize``...; ``uninterp``: ``np.interp``'s in ``fp``, weights of at least 0): ``g``
added where the gather read, 0 elsewhere."""

SPREADS = ("unreduce", "unnorm")
"""Runtime adjoints of reductions, ``g`` first: of a full one (``g`` a scalar) with no ``axis``."""


def made(sweep: Any, key: object, value: gast.expr, target: str | None = None,
         incoming: Support | None = None) -> Support | None:
    """The support of a selection's derivative, if ``value`` is one: ``np.where(c, g, 0.0)``,
    ``_rt.chosen(g, w)`` (either un-broadcast to ``like``: the support is then where it holds
    for any element summed), ``_rt.unindex(g, like, index)``, a gather's adjoint
    (:data:`SCATTERS`, of the gather's result ``target``); within the support ``incoming`` of
    ``target``'s adjoint, when given; None if it reads a name that may change (or a
    derivative)."""
    like, key = None, standing(key)  # (a complex form's: its real operation's; its _rt.onto, an
    if (calls(value, "unbroadcast") or calls(value, "onto")) and len(value.args) == 2 and \
            isinstance(value.args[1], gast.Name):  # un-broadcast, maybe its real part)
        value, like = value.args
    sums, value = _summed(value, bool(getattr(sweep, "patterns", None)), target is not None)
    if key is operator.mul and isinstance(value, gast.BinOp):  # (``g * m``, ``m`` a comparison)
        return _product_support(sweep, value, like, target, incoming)
    if not isinstance(value, gast.Call) or value.keywords and not any(
            calls(value, helper) for helper in SCATTERS):
        return None
    args, aliases = value.args, sweep.machinery.aliases
    support, carried = None, args[0] if args else None
    if _where_rule(key) and calls(value, "where") and len(args) == 3:
        from .zeros import is_zero  # (a where's adjoint: imported then)

        for taken, zero in ((True, args[2]), (False, args[1])):
            if is_zero(zero) or isinstance(zero, gast.Constant) and zero.value == 0:
                support, carried = Support(args[0], taken), args[1] if taken else args[2]
                break
    elif calls(value, "chosen") and len(args) == 2:
        support = Support(gast.Compare(left=args[1], ops=[gast.NotEq()],
                                       comparators=[build.constant(0)]))
    elif key is operator.getitem and calls(value, "unindex") and len(args) == 3 and like is None:
        support = Support(None, index=args[2])
    elif target in sweep.sequences and like is None and calls(value, "untake_along_axis"):
        from .supports_apart import ungathered  # (lazily: a plain first grad needs none)
        return ungathered(sweep, value, target, incoming)
    elif target is not None and like is None and args and any(
            calls(value, helper) for helper in SCATTERS) and \
            getattr(value.func.value, "id", None) == aliases["_rt"] and \
            target not in sweep.sequences:  # (a list gathered, sorted(xs): one mask per item,
        # which the gather's adjoint cannot take as its g; fuzz seed 4205 program 15)
        support = Support(_scattered(value, target, aliases, None))
    if support is None or not stable(sweep, support.test or support.index):
        return None
    inner = None if incoming is None else given(sweep, carried, target, incoming)
    if inner is None and like is None and not sums:
        return support
    if support.index is not None:
        return Support(None, index=support.index, inner=inner)
    if calls(value, "where") or calls(value, "chosen"):
        test = support.mask("", aliases["np"], aliases["_rt"])
        if inner is not None:
            test = build.call(f"{aliases['np']}.logical_and", test, inner)
    else:  # (a gather's adjoint)
        test = _scattered(value, target, aliases, inner)
    if like is not None:  # (a condition of several elements summed: any of them)
        test = build.call(f"{aliases['_rt']}.unbroadcast", test, like)
    for layer in reversed(sums):  # (likewise, counted: non-zero where any holds)
        test = gast.Call(func=build.clone(layer.func), args=[test],
                         keywords=[build.clone(k) for k in layer.keywords])
    return Support(test)


def _where_rule(key: object) -> bool:
    """Whether ``key``'s rule writes its derivatives as ``np.where(c, g, 0.0)``."""
    return any(key is rule for rule in _WHERE_RULES) or runtime.helper_named(key, _DIVIDED)


def _summed(value: gast.expr, facts: bool, adjoint: bool) -> tuple[list[gast.Call], gast.expr]:
    """``np.sum(np.sum(v, axis=0), axis=1, keepdims=True)`` (how a derivative specialized to its
    arguments' shapes writes ``_rt.unbroadcast(v, like)``, :mod:`.patterns`: only where one has
    ``facts``) as its layers, outermost first, and ``v``, when ``v`` is a selection's adjoint
    (``np.where``, ``_rt.chosen``; an ``adjoint`` summing ``_rt.chosen`` anywhere: over ``q``'s
    axes, ``np.quantile``'s); else no layers and ``value``."""
    layers, inner = [], value
    while calls(inner, "sum") and len(inner.args) == 1 and inner.keywords and \
            {k.arg for k in inner.keywords} <= {"axis", "keepdims"}:
        layers.append(inner)
        inner = inner.args[0]
    if layers and (facts or adjoint and calls(inner, "chosen")) and (
            calls(inner, "chosen") or calls(inner, "where")):
        return layers, inner
    return [], value


_BOOLEAN = (operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne)


def _masked_product(sweep: Any, value: gast.BinOp) -> tuple[Support, gast.expr] | None:
    """``(support, g)`` for the adjoint ``g * m`` (or ``m * g``) of a product by ``m``, a boolean
    bound once to a comparison (``x * (x > 0)``, a ReLU): it is 0 where ``m`` is False, as
    ``np.where(m, g, 0.0)`` is; None for any other value."""
    if not isinstance(value.op, gast.Mult):
        return None
    for mask, carried in ((value.right, value.left), (value.left, value.right)):
        if isinstance(mask, gast.Name) and sweep.definitions.get(mask.id, 0) == 1 and \
                mask.id not in sweep.active and _compared(sweep, mask.id):
            return Support(build.name(mask.id), True), carried
    return None


def selected(sweep: Any, value: gast.expr) -> gast.expr:
    """A product's adjoint ``g * m`` by a comparison's result ``m`` (:func:`_masked_product`) as
    the selection it is, ``np.where(m, g, 0.0)`` (inside its un-broadcast, if any): where a
    singular adjoint made ``g`` inf or NaN, ``m``'s False elements give 0, not ``inf * 0``
    (``np.sqrt(x * (x > 0))``); ``value`` itself for any other contribution."""
    wrapped = calls(value, "unbroadcast") and len(value.args) == 2
    inner = value.args[0] if wrapped else value
    masked = _masked_product(sweep, inner) if isinstance(inner, gast.BinOp) else None
    if masked is None:
        return value
    where = build.call(f"{sweep.machinery.aliases['np']}.where", build.clone(masked[0].test),
                       masked[1], build.constant(0.0))
    if wrapped:
        value.args[0] = where
        return value
    return where


def _product_support(sweep: Any, value: gast.BinOp, like: gast.expr | None, target: str | None,
                     incoming: Support | None) -> Support | None:
    """:func:`made` of a product's adjoint ``g * m`` (un-broadcast to ``like``, when given)."""
    masked = _masked_product(sweep, value)
    if masked is None or not stable(sweep, masked[0].test):
        return None
    support, carried = masked
    inner = None if incoming is None else given(sweep, carried, target, incoming)
    if inner is None and like is None:
        return support
    aliases = sweep.machinery.aliases
    test = support.mask("", aliases["np"], aliases["_rt"])
    if inner is not None:
        test = build.call(f"{aliases['np']}.logical_and", test, inner)
    if like is not None:
        test = build.call(f"{aliases['_rt']}.unbroadcast", test, like)
    return Support(test)


def _compared(sweep: Any, name: str) -> bool:
    """Whether ``name`` is bound to a comparison of numbers (a bool or a boolean array)."""
    rows = sweep.activity.rows or ()
    return any(target == name and op is not None and any(op.key is c for c in _BOOLEAN)
               for target, op in rows)


def _scattered(value: gast.Call, gathered: str, aliases: dict[str, str],
               inner: gast.expr | None) -> gast.expr:
    """Where the gather whose adjoint is ``value`` read (where ``inner`` held of what it read):
    its adjoint of ones (of ``inner``), not 0."""
    ones = build.call(f"{aliases['np']}.ones_like", build.name(gathered)) if inner is None else \
        build.call(f"{aliases['_rt']}.read_mask", build.name(gathered), inner)
    read = gast.Call(func=build.clone(value.func), args=[ones, *map(build.clone, value.args[1:])],
                     keywords=[build.clone(k) for k in value.keywords])
    return gast.Compare(left=read, ops=[gast.NotEq()], comparators=[build.constant(0)])


def given(sweep: Any, value: gast.expr, target: str | None, incoming: Support,
          block: list[gast.stmt] = (), length: int | None = None) -> gast.expr | None:
    """Where ``value``, linear in ``target``'s adjoint ``g`` (whose support is ``incoming``) and
    in no other derivative, may be non-zero as far as ``g`` says: ``g``'s mask where ``value`` is
    ``g`` (or ``g`` spread by a full reduction's adjoint, :data:`SPREADS`: a scalar), spread as
    ``_rt.unreduce`` spreads ``g`` along an axis, cut as ``_rt.unjoin`` cuts ``g`` into the
    pieces of a join (``pieces_bar[k]``, ``pieces_bar`` bound in ``block``), moved as an index of
    ``g`` moves it (:func:`.supports_apart.moved_mask`: ``_rt.unbroadcast(g[3], t)``,
    ``_rt.written(g, i)``), ``np.any`` of it otherwise; None if ``value`` does not read ``g`` (or
    reads another derivative).  ``length``: the item count of ``target`` if a tuple or list display."""
    from .supports_joins import cut_piece, off_onto, unjoined  # (imported where a support is asked)

    adjoint = sweep.adjoints.get(target) if target is not None else None
    numpy, runtime = sweep.machinery.aliases["np"], sweep.machinery.aliases["_rt"]
    cut, items = cut_piece(value, block, adjoint)
    whole = cut is None and unjoined(value, adjoint)
    if cut is not None or whole:  # (a piece of g, or g cut back to one array's shape: that of
        mask = incoming.mask(target, numpy, runtime)  # g's mask, of g's shape)
        if incoming.index is None:
            mask = build.call(f"{runtime}.read_mask", build.name(target), mask)
        join = _with_first(off_onto(value) if whole else cut, mask)  # (indexed as value indexes the cut)
        return functools.reduce(lambda node, item: build.subscript(node, build.clone(item)), items, join)
    read = build.loads(value) & sweep.derivative_names
    if adjoint is None or read != {adjoint}:
        return None
    mask = incoming.mask(target, numpy, runtime)
    whole = None if isinstance(incoming, Seeded) else mask  # (g's mask, where g is a scalar)
    from .supports_apart import indexes, item_read, items_reached, moved_mask  # (lazily)

    moves = ("unpopped",) if target in sweep.sequences else ("unpopped", "zero_index")  # (x[i] =
    if any(indexes(node, adjoint) for node in build.nodes(value)) or any(  # v: 0 at i; not of
            calls(value, helper) and getattr(value.args[0], "id", None) == adjoint  # a list's
            for helper in moves):  # mask, an ItemMasks: fuzz seed 4810 program 32)
        return item_read(sweep, value, target, incoming, length)
    while isinstance(value, gast.BinOp) and isinstance(value.op, (gast.Mult, gast.Div)):
        value = value.left if adjoint in build.loads(value.left) else value.right
    if isinstance(value, gast.Name):
        return mask
    spread = any(calls(value, helper) for helper in SPREADS) and \
        getattr(value.args[0], "id", None) == adjoint
    if spread and not plain_keywords(value) and \
            len(value.args) == (3 if calls(value, "unnorm") else 2):
        return whole
    if spread and calls(value, "unreduce"):
        return _with_first(value, mask)
    if whole is not None and (calls(value, "unlisted") or calls(value, "untolisted")) and len(
            value.args) == 2 and getattr(value.args[0], "id", None) == adjoint:  # (the same items)
        return build.call(f"{runtime}.read_mask", build.clone(value.args[1]), mask)
    if whole is not None and (_moves_adjoint(value, adjoint, numpy) or _rejoined(  # (the same
            value, adjoint) or _shares(value, adjoint)):  # move of g's mask: np.flip(g), a split's
        full = build.call(f"{runtime}.read_mask", build.name(target), mask)  # rejoin: 5507/20,
        return _with_first(value, full)  # np.array(u)'s recast, a list's rows: 5565/42)
    if whole is not None:  # (an elementwise product's in a second-order pullback; of a list,
        full = build.call(f"{runtime}.read_mask", build.name(target), mask)  # a contraction's)
        moved = moved_mask(sweep, value, adjoint, full) if target not in sweep.sequences or any(
            calls(node, "unique_cotangent") for node in build.nodes(value)) else \
            items_reached(sweep, value, adjoint, full)  # (np.unique's: an array or a tuple)
        if moved is not None:
            return moved
    return None if whole is None else _any_read(sweep, value, mask, numpy, runtime)


def _any_read(sweep: Any, value: gast.expr, mask: gast.expr, numpy: str, runtime: str) -> Any:
    """``np.any`` of g's ``mask``; in a list's form for g fitted to a list (``_rt.fit(g, xs_bar)``,
    read item by item: an np.any indexed was an IndexError, fuzz seed 6953 programs 47, 51, 54)."""
    whole, like = build.call(f"{numpy}.any", mask), value.args[-1] if calls(value, "fit") else None
    listed = like is not None and len(value.args) == 2 and getattr(like, "id", None) in sweep.sequences
    return build.call(f"{runtime}.read_mask", build.clone(like), whole) if listed else whole


def overwritten(sweep: Any, value: gast.expr, target: str) -> Support | None:
    """The support of an array's adjoint across an element assignment, ``value`` its new
    adjoint (``_rt.zero_index(x_bar, i)``), where none was known before: everywhere but the
    elements overwritten, which the value before never reaches (``x[3] = np.sqrt(u)`` then
    ``x[3] = v``: ``u``'s adjoint 0, not ``0 * inf``; fuzz seed 4768, program 181).  None for
    anything else, or a list's (no mask of one shape)."""
    adjoint, runtime = sweep.adjoints.get(target), sweep.machinery.aliases["_rt"]
    if adjoint is None or target in sweep.sequences or not calls(value, "zero_index") or \
            getattr(value.args[0], "id", None) != adjoint:
        return None
    full = build.call(f"{runtime}.read_mask", build.name(target), build.constant(True))
    from .supports_apart import moved_mask

    mask = moved_mask(sweep, value, adjoint, full)
    return None if mask is None else Support(mask)


def _rejoined(value: gast.expr, adjoint: str | None) -> bool:
    """Whether ``value`` is ``_rt.rejoin(g, xs, ...)`` of the adjoint ``g`` of a list or tuple
    of pieces (maybe fitted, ``_rt.fit(_rt.rejoin(g, ...), like)``): each element of it is one
    element of a piece's adjoint, so its mask is the same join of the pieces' masks."""
    if calls(value, "fit") and value.args:
        value = value.args[0]
    return adjoint is not None and (calls(value, "rejoin") or calls(value, "unsplit")) and \
        len(value.args) >= 2 and getattr(value.args[0], "id", None) == adjoint


def _with_first(value: gast.Call, first: gast.expr) -> gast.Call:
    """``value`` (``f(g, ...)`` or ``fit(rejoin(g, ...), like)``) with ``g`` replaced by
    ``first``."""
    inner = value.args[0] if calls(value, "fit") else None
    if inner is not None:
        return gast.Call(func=build.clone(value.func), args=[_with_first(inner, first), *map(
            build.clone, value.args[1:])], keywords=[build.clone(k) for k in value.keywords])
    return gast.Call(func=build.clone(value.func), args=[first, *map(build.clone, value.args[1:])],
                     keywords=[build.clone(k) for k in value.keywords])


def _shares(value: gast.expr, adjoint: str) -> bool:
    """Whether ``value`` is ``_rt.recast`` or one of :data:`.supports_filled.SHARES` of the
    adjoint ``g`` itself: its support is the same call of ``g``'s mask."""
    from .supports_filled import SHARES

    return any(calls(value, helper) for helper in ("recast", *SHARES)) and \
        len(value.args) >= 2 and getattr(value.args[0], "id", None) == adjoint


def _moves_adjoint(value: gast.expr, adjoint: str, numpy: str) -> bool:
    """Whether ``value`` is a NumPy move (:data:`.supports_base.MOVES`: each element of its
    result is one of its argument's, or 0) of the adjoint ``g`` itself: its support is the same
    move of ``g``'s mask (of ``g``'s shape)."""
    return isinstance(value, gast.Call) and isinstance(value.func, gast.Attribute) and \
        value.func.attr in MOVES and getattr(value.func.value, "id", None) == numpy and \
        bool(value.args) and getattr(value.args[0], "id", None) == adjoint and \
        all(k.arg in KEYWORDS for k in value.keywords)


def stable(sweep: Any, test: gast.expr) -> bool:
    """``test`` reads no adjoint or tangent (``sweep.derivative_names``); a name it reads that is
    bound more than once holds the same value where it is read as long as no statement binds it
    in between (:func:`.supports_frozen.forget`)."""
    return sweep.derivative_names.isdisjoint(build.loads(test))


def temporary(stmt: gast.stmt) -> bool:
    """Whether ``stmt`` binds a name of the rule's own to an item of a name, not a contribution
    (``object_bar = xs_bar[-1]``: the adjoint of a display ``xs.append((a, b))`` appended, taken
    apart next; not ``pieces_bar = _rt.unjoin(...)``, which :func:`.supports_made.given` reads
    as it is)."""
    if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
            isinstance(stmt.targets[0], gast.Name)):
        return False
    if isinstance(stmt.value, gast.Subscript) and isinstance(stmt.value.value, gast.Name):
        return True
    from .supports_apart import apart

    return apart(stmt.value) or per_choice(stmt.value)


def substituted(value: gast.expr, temporaries: dict[str, gast.expr], shared: bool = False) -> gast.expr:
    """``value`` with the rule's own names read as what they were bound to (``object_bar[2]``:
    ``xs_bar[-1][2]``), to find where it may be non-zero; ``value`` itself when it reads none.
    :func:`.supports.guard` binds each of ``temporaries`` so too (``shared``: with theirs put in
    as they are, not copied, so a chain of them costs its length, once).  What is put in is not
    walked again: ``g = g[[0, 1]]`` in a template reads the ``g`` before it (walked again, it was
    put in again and again, and the transform never ended)."""
    if not temporaries or temporaries.keys().isdisjoint(build.loads(value)):
        return value
    copy, put = build.clone(value), (lambda node: node) if shared else build.clone
    for node in list(build.nodes(copy)):
        for field in ("value", "left", "right", "operand"):
            inner = getattr(node, field, None)
            if isinstance(inner, gast.Name) and inner.id in temporaries:
                setattr(node, field, put(temporaries[inner.id]))
        if isinstance(node, gast.Call):
            node.args = [put(temporaries[a.id]) if isinstance(a, gast.Name) and
                         a.id in temporaries else a for a in node.args]
    return copy
