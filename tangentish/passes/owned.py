"""Adjoints the derivative owns, updated in place: ``x_bar[i] += g`` and ``x_bar[i] = 0.0``.

The adjoint of reading ``x[i]`` adds ``g`` at ``i`` (``x_bar = _rt.add_at(x_bar, g, x, i)``, which is
``x_bar + _rt.unindex(g, x, i)``), the adjoint of writing ``x[i] = v`` zeroes the part written
(``x_bar = _rt.zero_index(x_bar, i)``).  Both helpers make a new array; in a loop that costs the whole
array per step.  Where this pass proves the array is the derivative's own, it says the same in NumPy, in
place: ``x_bar[i] += g`` and ``x_bar[i] = 0.0`` (a pair restoring an item: :mod:`.restored_items`).
The proof, for each such statement (``n = helper(n, ...)``):

- every object ``n`` may hold there (:mod:`.points_to`) was made by the derivative itself, as
  a new array of a floating dtype: ``np.zeros_like(x)`` of a floating ``x``, ``_rt.unindex``,
  arithmetic with a floating operand (``2 * (g * out)``; ``np.where(c, a, b)`` counts as
  arithmetic: it allocates, floating where ``a`` or ``b`` is), a NumPy ufunc's new array of a
  floating operand (``np.exp(y)``), ``np.copy``, ``_rt.unreduce`` (unless it asks
  for a view), ``_rt.chosen`` of a floating operand, ``_rt.unbroadcast`` of such a value (it
  returns its first operand, a view of it or a sum of it: :mod:`.call_results`), or an earlier
  such update.  For
  ``add_at`` it must also have ``x``'s shape (so ``x_bar[i]`` is the part ``unindex`` fills): made
  by ``np.zeros_like(x)``, ``_rt.unindex(g, x, i)``, arithmetic bound to ``x``'s own adjoint
  (``x_bar = 2 * x``, a support's guard ``x_bar = np.where(x > 0.0, g, 0.0)``: an adjoint has its
  primal's shape, un-broadcasting saw to it) or an update
  of the same ``x``, where ``x`` is bound once (a parameter, or an assignment outside any loop or
  branch) or, in a derivative specialized to float64 arguments, proven of the shape of a parameter
  never bound (:mod:`.carried_shapes`: ``u = u + r * lap``; names of one shape class alike, the
  float64 facts prove the dtype), or a list of float64 numbers (``acc[i] += v``: .list_items);
- no other name that is read later (the tape, a list, a view, another adjoint) may hold any of
  those objects, and none was handed to code that may keep it (a zeroing met by a view still
  to be read first moves after that read, where it can: :mod:`.late_zeroing`);
- the index selects each position at most once (ints, slices, names of proven rank 0: an integer
  array may repeat a position, which ``+=`` would count once) and has an int or a slice in it (so
  ``n`` is an array: a number has no items to write, in either form).

A floating dtype is proven by a name's every definition: a parameter the API made floating (the ``wrt``
parameters of the function the user asked for), ``np.zeros(shape)``, arithmetic with a floating operand,
an elementwise function that keeps floats, a binary ufunc that keeps floats with a floating operand
(``np.maximum(best, row)``), ``np.zeros_like`` of a floating value, an item of one, and the adjoint
helpers and selections' weights (which make floating arrays). An item ``a[i]`` of an array ``a`` of
proven rank ``k`` read with ``k`` ints is a number, not a view (an adjoint has its primal's shape, so its
rank). The helpers stay where the proof fails (e.g. ``y_bar[i]`` read before it is zeroed, with ``y``'s
rank unknown: a row would be a view); there they still work in place when a reference count shows nothing
else holds the array.

Forward mode's ``y_dot = _rt.set_index(y_dot, i, v_dot)`` (the tangent of ``y[i] = v``) becomes ``y_dot[i] =
v_dot`` by the same proof.  In a ``vjp`` the adjoint sweep becomes a pullback that may run many times on one
forward sweep's values: there only arrays the adjoint sweep makes count.

    >>> import numpy as np
    >>> import tangentish
    >>> def f(x):
    ...     s = 0.0
    ...     for i in range(1, len(x)):
    ...         s = s + np.sin(x[i])
    ...     return s
    >>> print(tangentish.grad(f).source, end="")  # doctest: +ELLIPSIS
    def grad_f_wrt_x(x, *, out_bar=1.0):
    ...
        x_bar = np.zeros_like(x)
    ...
        for i in reversed(range_1):
    ...
            x_bar[i] += _rt.unbroadcast(s_1_bar, sin_x_item) * np.cos(x_item)
    ...
        return x_bar
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax import build
from .call_results import returned_operands
from .copied_parameters import copy_written_parameters, restore
from .dataflow import blocks, header_loads, live_after, statements
from .derivative import Derivative
from .list_items import spread_by_position
from .owned_facts import HELPERS, INDEX, MAKERS, Facts, parameters
from .points_to import PARAM, UNKNOWN, PointsTo, Unsupported
from .restored_items import keep_restored_items
from .walks import Walks
from .written import _as_index


def own_adjoints(fn: Derivative, floats: set[str], pullback: bool = False,
                 walks: Walks | None = None) -> None:
    """Rewrite the updates proven safe (see the module docstring); ``floats``: the parameters
    known to hold floats or floating arrays.  ``pullback``: the adjoint sweep becomes a pullback
    that may run many times on one forward sweep's values, so only arrays the adjoint sweep makes
    count as its own; then lists of numbers get array adjoints (:mod:`.list_items`).  ``walks``:
    the statements' walks, kept true (what they read: not walked again for the liveness)."""
    added = _own(fn, floats, pullback, walks)
    if fn.zeros:  # (no tangent reaches the output: its zero, proven floating, in NumPy)
        from .output_zeros import plain_output_zeros  # (imported where there is a zero)
        if plain_output_zeros(fn, floats) and walks is not None:
            walks.forget(fn.body[-1])
    spread_by_position(fn)  # (after the proof: it reads _rt.unindex(g, acc, 0) as acc's shape)
    keep_restored_items(fn.body)  # (an item zeroed then given back what was read of it)
    if added:  # (additions at a counter: the first into a fresh zero array may be a write)
        from .zeroed_writes import write_first_items
        write_first_items(fn.body, fn.machinery.aliases["np"], set(parameters(fn)))


def _own(fn: Derivative, floats: set[str], pullback: bool, walks: Walks | None,
         moved: bool = False) -> bool:
    """The proof and the rewrite; whether it wrote an addition in place at a name's index.
    A zeroing kept only by a view read after it is moved after that read (:mod:`.late_zeroing`),
    and the proof made again (``moved``: once)."""
    rt = fn.machinery.aliases["_rt"]
    if not any(_calls_helper(s, rt) for s in statements(fn.body)):
        return False  # (nothing to rewrite: the facts below cost a walk of every statement)
    facts = Facts(fn, floats)
    updates = {id(s): s for s in statements(fn.body) if facts.update(s) is not None}
    if not updates:
        return False
    changed = [] if moved else copy_written_parameters(fn, facts)  # (y_dot = np.copy(x_dot))
    _forget(walks, changed)
    if not changed:
        return _prove(fn, facts, updates, floats, pullback, walks, moved)
    added = _prove(fn, Facts(fn, floats), updates, floats, pullback, walks, moved)
    names: dict[str, list[int]] = {}
    for key, stmt in updates.items():
        names.setdefault(stmt.targets[0].id, []).append(key)
    restore(fn, changed, names, {id(s) for s in statements(fn.body)})
    _forget(walks, changed)
    return added


def _forget(walks: Walks | None, changed: list[tuple[gast.Assign, gast.expr]]) -> None:
    """The bindings whose values were changed (or given back) walked again when asked."""
    for binding, _ in changed if walks is not None else ():
        walks.forget(binding)


def _prove(fn: Derivative, facts: Facts, updates: dict[int, gast.stmt], floats: set[str],
           pullback: bool, walks: Walks | None, moved: bool) -> bool:
    """The proof for ``updates`` and the rewrite of those it holds for (see :func:`_own`)."""
    try:
        found = PointsTo(fn.body, set(parameters(fn)), fresh=facts.fresh, element=facts.element,
                         updates=set(updates), watch=set(updates),
                         returns=lambda call: returned_operands(call, facts.np, facts.rt)).run()
    except Unsupported:
        return False
    live = live_after(fn.body, set(updates), header_loads if walks is None else walks.reads)
    proper = _proper_sites(fn, facts, found, updates, pullback)
    chosen, moves = {}, []
    for key, stmt in updates.items():
        name, helper, like = facts.update(stmt)
        state = found.before.get(key, {})
        sites = state.get(name, frozenset())
        kind = ("like", like) if helper == "add_at" else ("float",)
        if not sites or not sites <= proper[kind] or sites & found.escaped:
            continue
        holders = {other for other in live[key] - {name}
                   if state.get(other, frozenset({UNKNOWN})) & sites}
        if holders:
            if helper == "zero_index" and not moved:
                moves.append((stmt, holders, lambda n, s=state, o=sites: not s.get(n, {UNKNOWN}) & o))
            continue
        chosen[key] = _in_place(stmt, name, helper)
    if moves:  # (imported where a zeroing may move)
        from .late_zeroing import move_zeroings
        if move_zeroings(fn.body, moves, set(updates), walks):
            return _own(fn, floats, pullback, walks, moved=True)
    for block in blocks(fn.body):
        block[:] = [chosen.get(id(s), s) for s in block]
    return any(s.__class__ is gast.AugAssign and s.target.slice.__class__ is gast.Name
               for s in chosen.values())  # (x_bar[i] += g: maybe a first write, zeroed_writes)



def _calls_helper(stmt: gast.stmt, rt: str) -> bool:
    """``n = _rt.<helper>(...)`` for a helper this pass may write in place."""
    func = getattr(getattr(stmt, "value", None), "func", None)
    return stmt.__class__ is gast.Assign and func.__class__ is gast.Attribute and \
        func.attr in HELPERS and func.value.__class__ is gast.Name and func.value.id == rt


def _in_place(stmt: gast.Assign, name: str, helper: str) -> gast.stmt:
    call = stmt.value
    index = _as_index(call.args[INDEX[helper]])
    place = build.subscript(build.name(name), index, store=True)
    if helper == "zero_index":
        new = build.assign(place, build.constant(0.0))
    elif helper == "set_index":
        new = build.assign(place, call.args[2])
    else:
        new = gast.AugAssign(target=place, op=gast.Add(), value=call.args[1])
    note, old = ir.note(new), ir.note(stmt)
    note.owner, note.contribution, note.adjoint = old.owner, old.contribution, old.adjoint
    note.updates, note.summed = name, new.__class__ is gast.AugAssign  # (into name's array)
    return gast.copy_location(new, stmt)


def _proper_sites(fn: Derivative, facts: Facts, found: PointsTo, updates: dict[int, gast.stmt],
                  pullback: bool) -> dict[tuple, set[int]]:
    """For each kind of proof (``("float",)``, ``("like", x)``): the sites whose objects are new
    floating arrays (and of ``x``'s shape), the updates' included (a greatest fixpoint)."""
    sites = {id(s): s for s in statements(fn.body) if s.__class__ is gast.Assign
             and (not pullback or ir.note(s).adjoint)}
    kinds = {("float",)} | {("like", facts.update(s)[2]) for s in updates.values()
                            if facts.update(s)[2] is not None}
    out = {}
    for kind in kinds:
        proper = {key for key, stmt in sites.items() if key in updates
                  or _made(facts, stmt, kind)}
        while True:  # an update gives its own object: proper if what it updates is
            kept = {key for key in proper if key not in updates
                    or _updated_proper(facts, found, updates[key], kind, proper)}
            if kept == proper:
                break
            proper = kept
        out[kind] = proper - {PARAM, UNKNOWN}
    return out


def _updated_proper(facts: Facts, found: PointsTo, stmt: gast.stmt, kind: tuple, proper: set[int]) -> bool:
    name, helper, like = facts.update(stmt)
    if kind[0] == "like" and helper == "add_at" and like != kind[1]:
        return False
    held = found.before.get(id(stmt), {}).get(name, frozenset())
    return bool(held) and held <= proper


def _made(facts: Facts, stmt: gast.Assign, kind: tuple) -> bool:
    """A new floating array (of ``x``'s shape for ``("like", x)``) made by ``stmt``."""
    value = stmt.value
    made, helper = facts.called(value, facts.np), facts.called(value, facts.rt)
    computed = value.__class__ in (gast.BinOp, gast.UnaryOp) or made == "where" and \
        len(value.args) == 3 and not value.keywords  # (np.where(c, a, b): a new array too)
    if kind[0] == "like":
        if computed:  # x_bar = g * w, x_bar = np.where(c, g, 0.0): x's adjoint, so x's
            return facts.alike(facts.primal_of.get(stmt.targets[0].id), kind[1]) and \
                facts.array(kind[1]) \
                and facts.gives_float(value, facts.floating)  # shape (a new floating array)
        shaped = (made == "zeros_like" and len(value.args) == 1 and not value.keywords) or \
            (helper == "unindex" and len(value.args) == 3)
        return shaped and getattr(value.args[-2 if helper else 0], "id", None) == kind[1] and \
            (facts.array(kind[1]) or kind[1] in facts.lists)
    if helper == "unindex" or made == "copy" or made is not None and facts.fresh(value):
        return facts.fresh(value) and facts.gives_float(value, facts.floating)  # (np.copy(x_dot):
    # copied_parameters; a ufunc's new array, np.exp(y), floating where its operand is)
    if helper in ("unreduce", "chosen", "unbroadcast"):  # (new arrays; unbroadcast's own are
        return (helper == "unbroadcast" or facts.fresh(value)) and \
            facts.gives_float(value, facts.floating)  # sums of its first operand or zeros)
    if made in ("zeros_like",) + MAKERS and not value.keywords:
        return facts.gives_float(value, facts.floating)
    # (arithmetic with a floating operand makes an array or a number, never a list)
    return computed and facts.gives_float(value, facts.floating)
