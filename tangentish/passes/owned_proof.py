r"""The proof of :mod:`.owned` and its rewrite: which ``n = _rt.add_at(n, g, x, i)``,
``n = _rt.zero_index(n, i)`` and ``n = _rt.set_index(n, i, v)`` update an array the derivative
owns, and those rewritten in place (the reasoning: :mod:`.owned`'s docstring; the facts it reads:
:mod:`.owned_facts`; what each name may hold: :mod:`.points_to`).  Imported only for a derivative
that calls one of those helpers (:func:`.owned_helpers.calls_helper`).

    >>> import gast
    >>> from tangentish.passes.derivative import Derivative
    >>> from tangentish.syntax.naming import Namer
    >>> from tangentish.syntax.printer import statement_lines
    >>> body = gast.parse("x_bar = np.zeros_like(x)\n"
    ...                   "x_bar = _rt.add_at(x_bar, g, x, 0)\nreturn x_bar").body
    >>> fn = Derivative("f", gast.parse("def f(x, g): pass").body[0].args, body, Namer(set()))
    >>> own(fn, {"x"}, False, None), statement_lines(fn.body[1])
    (False, ['x_bar[0] += g'])
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax import build
from .call_results import returned_operands
from .copied_parameters import copy_written_parameters, restore
from .dataflow import blocks, header_loads, live_after, statements
from .derivative import Derivative
from .owned_facts import MAKERS, Facts, parameters
from .owned_helpers import INDEX
from .points_to import PARAM, UNKNOWN, PointsTo, Unsupported
from .walks import Walks
from .written import _as_index


def own(fn: Derivative, floats: set[str], pullback: bool, walks: Walks | None,
        moved: bool = False) -> bool:
    """The proof and the rewrite; whether it wrote an addition in place at a name's index.
    A zeroing kept only by a view read after it is moved after that read (:mod:`.late_zeroing`),
    and the proof made again (``moved``: once)."""
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
            return own(fn, floats, pullback, walks, moved=True)
    for block in blocks(fn.body):
        block[:] = [chosen.get(id(s), s) for s in block]
    return any(s.__class__ is gast.AugAssign and s.target.slice.__class__ is gast.Name
               for s in chosen.values())  # (x_bar[i] += g: maybe a first write, zeroed_writes)


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
