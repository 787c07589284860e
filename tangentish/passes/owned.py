"""Adjoints the derivative owns, updated in place: ``x_bar[i] += g`` and ``x_bar[i] = 0.0``.

The adjoint of reading ``x[i]`` adds ``g`` at ``i`` (``x_bar = _rt.add_at(x_bar, g, x, i)``, which is
``x_bar + _rt.unindex(g, x, i)``), the adjoint of writing ``x[i] = v`` zeroes the part written
(``x_bar = _rt.zero_index(x_bar, i)``).  Both helpers make a new array; in a loop that costs the whole
array per step.  Where this pass proves the array is the derivative's own, it says the same in NumPy, in
place: ``x_bar[i] += g`` and ``x_bar[i] = 0.0`` (a pair restoring an item: :mod:`.restored_items`).
The proof, for each such statement (``n = helper(n, ...)``):

- every object ``n`` may hold there (:mod:`.points_to`) was made by the derivative itself, as
  a new array of a floating dtype: ``np.zeros_like(x)`` of a floating ``x``, ``_rt.unindex``,
  arithmetic with a floating operand (``2 * (g * out)``), or an earlier such update.  For
  ``add_at`` it must also have ``x``'s shape (so ``x_bar[i]`` is the part ``unindex`` fills): made
  by ``np.zeros_like(x)``, ``_rt.unindex(g, x, i)``, arithmetic bound to ``x``'s own adjoint
  (``x_bar = 2 * x``: an adjoint has its primal's shape, un-broadcasting saw to it) or an update
  of the same ``x``, where ``x`` is bound once (a parameter, or an assignment outside any loop or
  branch) or, in a derivative specialized to float64 arguments, proven of the shape of a parameter
  never bound (:mod:`.carried_shapes`: ``u = u + r * lap``; names of one shape class alike, the
  float64 facts prove the dtype), or a list of float64 numbers (``acc[i] += v``: .list_items);
- no other name that is read later (the tape, a list, a view, another adjoint) may hold any of
  those objects, and none was handed to code that may keep it;
- the index selects each position at most once (ints, slices, names of proven rank 0: an integer
  array may repeat a position, which ``+=`` would count once) and has an int or a slice in it (so
  ``n`` is an array: a number has no items to write, in either form).

A floating dtype is proven by a name's every definition: a parameter the API made floating (the ``wrt``
parameters of the function the user asked for), ``np.zeros(shape)``, arithmetic with a floating operand, an
elementwise function that keeps floats, ``np.zeros_like`` of a floating value, an item of one, and the
adjoint helpers (which make floating arrays).  An item ``a[i]`` of an array ``a`` of proven rank ``k`` read
with ``k`` ints is a number, not a view (an adjoint has its primal's shape, so its rank).  The helpers stay
where the proof fails (e.g. ``y_bar[i]`` read before it is zeroed, with ``y``'s rank unknown: a row would be
a view); there they still work in place when a reference count shows nothing else holds the array.

Forward mode's ``y_dot = _rt.set_index(y_dot, i, v_dot)`` (the tangent of ``y[i] = v``) becomes ``y_dot[i] =
v_dot`` by the same proof.  In a ``vjp`` the adjoint sweep becomes a pullback that may run many times on one
forward sweep's values: there only arrays the adjoint sweep makes count.

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
import numpy as np

from .. import ir
from ..syntax import build
from .dataflow import blocks, header_loads, live_after, statements, stores, target
from .derivative import Derivative
from .list_items import spread_by_position
from .points_to import PARAM, UNKNOWN, PointsTo, Unsupported
from .restored_items import keep_restored_items
from .shapes import keeps_float_dtype
from .walks import Walks
from .written import _as_index

_HELPERS = {"add_at": 4, "zero_index": 2, "set_index": 3}  # and their arguments
_INDEX = {"add_at": 3, "zero_index": 1, "set_index": 1}  # where the index is
_MAKERS = ("zeros", "ones", "empty")  # np.zeros(shape): float64
_FLOAT_OPS = (gast.Add, gast.Sub, gast.Mult, gast.Div, gast.Pow, gast.MatMult, gast.FloorDiv, gast.Mod)


def own_adjoints(fn: Derivative, floats: set[str], pullback: bool = False,
                 walks: Walks | None = None) -> None:
    """Rewrite the updates proven safe (see the module docstring); ``floats``: the parameters
    known to hold floats or floating arrays.  ``pullback``: the adjoint sweep becomes a pullback
    that may run many times on one forward sweep's values, so only arrays the adjoint sweep makes
    count as its own; then lists of numbers get array adjoints (:mod:`.list_items`).  ``walks``:
    the statements' walks, kept true (what they read: not walked again for the liveness)."""
    added = _own(fn, floats, pullback, walks)
    spread_by_position(fn)  # (after the proof: it reads _rt.unindex(g, acc, 0) as acc's shape)
    keep_restored_items(fn.body)  # (an item zeroed then given back what was read of it)
    if added:  # (additions at a counter: the first into a fresh zero array may be a write)
        from .zeroed_writes import write_first_items
        write_first_items(fn.body, fn.machinery.aliases["np"], set(_parameters(fn)))


def _own(fn: Derivative, floats: set[str], pullback: bool, walks: Walks | None) -> bool:
    """The proof and the rewrite; whether it wrote an addition in place at a name's index."""
    rt = fn.machinery.aliases["_rt"]
    if not any(_calls_helper(s, rt) for s in statements(fn.body)):
        return False  # (nothing to rewrite: the facts below cost a walk of every statement)
    facts = _Facts(fn, floats)
    updates = {id(s): s for s in statements(fn.body) if facts.update(s) is not None}
    if not updates:
        return False
    try:
        found = PointsTo(fn.body, set(_parameters(fn)), fresh=facts.fresh, element=facts.element,
                         updates=set(updates), watch=set(updates)).run()
    except Unsupported:
        return False
    live = live_after(fn.body, set(updates), header_loads if walks is None else walks.reads)
    proper = _proper_sites(fn, facts, found, updates, pullback)
    chosen = {}
    for key, stmt in updates.items():
        name, helper, like = facts.update(stmt)
        state = found.before.get(key, {})
        sites = state.get(name, frozenset())
        kind = ("like", like) if helper == "add_at" else ("float",)
        if not sites or not sites <= proper[kind] or sites & found.escaped:
            continue
        if any(state.get(other, frozenset({UNKNOWN})) & sites
               for other in live[key] - {name}):
            continue
        chosen[key] = _in_place(stmt, name, helper)
    for block in blocks(fn.body):
        block[:] = [chosen.get(id(s), s) for s in block]
    return any(s.__class__ is gast.AugAssign and s.target.slice.__class__ is gast.Name
               for s in chosen.values())  # (x_bar[i] += g: maybe a first write, zeroed_writes)


def _parameters(fn: Derivative) -> list[str]:
    args = fn.args
    every = [*getattr(args, "posonlyargs", []), *args.args, *args.kwonlyargs]
    every += [a for a in (args.vararg, args.kwarg) if a is not None]
    return [a.id for a in every]


def _calls_helper(stmt: gast.stmt, rt: str) -> bool:
    """``n = _rt.<helper>(...)`` for a helper this pass may write in place."""
    func = getattr(getattr(stmt, "value", None), "func", None)
    return stmt.__class__ is gast.Assign and func.__class__ is gast.Attribute and \
        func.attr in _HELPERS and func.value.__class__ is gast.Name and func.value.id == rt


def _in_place(stmt: gast.Assign, name: str, helper: str) -> gast.stmt:
    call = stmt.value
    index = _as_index(call.args[_INDEX[helper]])
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


class _Facts:
    """What the proof reads of the function: its helpers' calls, dtypes, ranks, containers."""

    def __init__(self, fn: Derivative, floats: set[str]):
        self.np, self.rt = fn.machinery.aliases["np"], fn.machinery.aliases["_rt"]
        self.primal_of = fn.primal_of
        self.ranks = fn.ranks
        self.defined: dict[str, list[gast.stmt]] = {}  # the statements binding each name
        for stmt in statements(fn.body):  # (an array's item assigned keeps its shape, dtype)
            for name in stores(stmt):
                self.defined.setdefault(name, []).append(stmt)
        self.top = {id(s) for s in fn.body}
        self.params = set(_parameters(fn))
        self.shaped, self.float64, self.lists = fn.shaped, fn.float64, fn.number_lists  # (every run)
        self.floating = self._floating(floats)
        self.fixed = {fn.shaped[p] for p in self.params if p in fn.shaped and p not in self.defined}

    def array(self, name: str) -> bool:
        """Whether ``name`` surely holds a floating array or number (never a list or tuple: a
        function such as ``np.gradient`` may return one, whatever its name's facts say)."""
        return name in self.floating

    def called(self, node: gast.expr, module: str) -> str | None:
        """``attr`` for a call ``module.attr(...)``, else None."""
        if node.__class__ is not gast.Call or node.func.__class__ is not gast.Attribute:
            return None
        base = node.func.value
        return node.func.attr if base.__class__ is gast.Name and base.id == module else None

    def update(self, stmt: gast.stmt) -> tuple[str, str, str | None] | None:
        """``(n, helper, x)`` for ``n = _rt.add_at(n, g, x, i)`` or ``n = _rt.zero_index(n, i)``
        (``x`` None) with a basic index that has an int or a slice in it."""
        if stmt.__class__ is not gast.Assign or len(stmt.targets) != 1 or \
                stmt.targets[0].__class__ is not gast.Name:
            return None
        helper = self.called(stmt.value, self.rt)
        call = stmt.value
        if helper not in _HELPERS or len(call.args) != _HELPERS[helper] or call.keywords:
            return None
        name = stmt.targets[0].id
        first = call.args[0]
        if first.__class__ is not gast.Name or first.id != name or \
                self._anchored(call.args[_INDEX[helper]]) is not True:
            return None
        if helper != "add_at":
            return name, helper, None
        like = call.args[2]
        if like.__class__ is not gast.Name or not self.stable(like.id):
            return None
        return name, helper, like.id

    def stable(self, name: str) -> bool:
        """Bound once, where it surely runs once, or proven of the shape of a parameter never
        bound (a value carried around a loop, ``u = u + r * lap``): its shape never changes."""
        if not self.array(name):
            return name in self.lists  # (changed item by item alone: its length never changes)
        found = self.defined.get(name, [])
        if name in self.params and not found:
            return True
        return len(found) == 1 and id(found[0]) in self.top or self.shaped.get(name) in self.fixed

    def alike(self, a: str | None, b: str) -> bool:
        """Whether ``a`` and ``b`` always have one shape: one name, or one shape class."""
        return a == b or a is not None and self.shaped.get(a, a) == self.shaped.get(b, b)

    def _anchored(self, index: gast.expr) -> bool | None:
        """True: a basic index with an int or a slice; False: basic without one; None: not
        basic (or not known to be)."""
        parts = index.elts if index.__class__ is gast.Tuple else [index]
        anchored = False
        for part in parts:
            if self._int(part) or _is_slice(part):
                anchored = True
            elif not (part.__class__ is gast.Constant and part.value in (None, Ellipsis)):
                return None
        return anchored

    def element(self, node: gast.Subscript) -> bool:
        """``a[i, j]`` with as many ints as ``a``'s proven rank: a number, not a view."""
        value, index = node.value, node.slice
        if value.__class__ is not gast.Name or not self.array(value.id):
            return False
        rank = self.rank(value.id)
        parts = index.elts if index.__class__ is gast.Tuple else [index]
        return rank == len(parts) and all(self._int(p) for p in parts)

    def rank(self, name: str) -> int | None:
        """``name``'s proven rank (an adjoint's is its primal's), or that of an array made once by
        ``np.zeros(n)`` with ``n`` an int (rank 1) or a tuple of ints."""
        name = self.primal_of.get(name, name)
        if name in self.ranks or name in self.lists:
            return self.ranks.get(name, 1)
        found = self.defined.get(name, [])
        if len(found) != 1 or target(found[0]) != name or self.called(found[0].value, self.np) \
                not in _MAKERS or len(found[0].value.args) != 1 or found[0].value.keywords:
            return None
        shape = found[0].value.args[0]
        parts = shape.elts if shape.__class__ is gast.Tuple else [shape]
        return len(parts) if all(self._int(p) for p in parts) else None

    def _int(self, node: gast.expr) -> bool:
        """An int, or a name of proven rank 0, or an item of a ``range`` (``i = r[k]``: how
        forward mode reads a loop's counter)."""
        if _is_int(node) or node.__class__ is not gast.Name:
            return _is_int(node)
        if self.ranks.get(node.id) == 0:
            return True
        found = self.defined.get(node.id, [])
        if len(found) != 1 or target(found[0]) != node.id or \
                found[0].value.__class__ is not gast.Subscript:
            return False
        item = found[0].value
        source = self.defined.get(getattr(item.value, "id", None), [])
        op = ir.note(source[0]).op if len(source) == 1 else None
        return op is not None and op.key is range and item.slice.__class__ is gast.Name and \
            self.ranks.get(item.slice.id) == 0

    def fresh(self, call: gast.expr) -> bool:
        """A call that returns a new object holding none of its arguments, or arithmetic with
        a floating operand (an array or a number, never a list)."""
        if call.__class__ is not gast.Call:
            return self.gives_float(call, self.floating)
        made = self.called(call, self.np)
        if made in _MAKERS or made in ("zeros_like", "ones_like"):
            return True
        helper = self.called(call, self.rt)
        if helper == "unindex":  # (a new array for an array `like`)
            like = call.args[1] if len(call.args) == 3 else None
            return like.__class__ is gast.Name and (self.array(like.id) or like.id in self.lists)
        return helper == "set_index"  # (add_at, zero_index: maybe their argument, changed)

    def _floating(self, floats: set[str]) -> set[str]:
        """The names every definition of which gives floats (a greatest fixpoint; a parameter
        must be one of ``floats`` too), and those a specialization's facts prove float64 (which
        hold for the values a tape restores too)."""
        values, unknown = {}, set()
        for name, stmts in self.defined.items():
            if all(target(s) == name for s in stmts):
                values[name] = [s.value for s in stmts]
            else:
                unknown.add(name)
        known = (set(values) - self.params) | (floats & self.params) - unknown | set(self.float64)
        while True:
            kept = {n for n in known if n not in values or n in self.float64
                    or all(self.gives_float(v, known) for v in values[n])}
            if kept == known:
                return known
            known = kept

    def gives_float(self, node: gast.expr, known: set[str]) -> bool:
        kind = node.__class__
        if kind is gast.Name:
            return node.id in known
        if kind is gast.Constant:
            return type(node.value) is float
        if kind is gast.BinOp:
            return node.op.__class__ in _FLOAT_OPS and (
                self.gives_float(node.left, known) or self.gives_float(node.right, known))
        if kind is gast.UnaryOp:
            return node.op.__class__ in (gast.USub, gast.UAdd) and self.gives_float(node.operand, known)
        if kind is gast.Subscript:
            return node.value.__class__ is gast.Name and self.gives_float(node.value, known)
        if kind is not gast.Call or node.keywords:
            return False
        made = self.called(node, self.np)
        if made in _MAKERS:
            return len(node.args) == 1
        if made == "copy" and len(node.args) == 1:
            return self.gives_float(node.args[0], known)
        if node.func.__class__ is gast.Attribute and node.func.attr == "copy" and not node.args:
            return self.gives_float(node.func.value, known)  # x.copy() of a floating x
        if made is not None and len(node.args) == 1 and (
                made in ("zeros_like", "ones_like") or keeps_float_dtype(getattr(np, made, None))):
            return self.gives_float(node.args[0], known)
        helper = self.called(node, self.rt)
        if helper in ("unindex", "zero_index"):
            return True
        if helper in ("set_index", "add_at"):  # (in place: the dtype of its first argument)
            return bool(node.args) and self.gives_float(node.args[0], known)
        return helper == "unbroadcast" and self.gives_float(node.args[0], known)


def _proper_sites(fn: Derivative, facts: _Facts, found: PointsTo, updates: dict[int, gast.stmt],
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


def _updated_proper(facts: _Facts, found: PointsTo, stmt: gast.stmt, kind: tuple, proper: set[int]) -> bool:
    name, helper, like = facts.update(stmt)
    if kind[0] == "like" and helper == "add_at" and like != kind[1]:
        return False
    held = found.before.get(id(stmt), {}).get(name, frozenset())
    return bool(held) and held <= proper


def _made(facts: _Facts, stmt: gast.Assign, kind: tuple) -> bool:
    """A new floating array (of ``x``'s shape for ``("like", x)``) made by ``stmt``."""
    value = stmt.value
    made, helper = facts.called(value, facts.np), facts.called(value, facts.rt)
    if kind[0] == "like":
        if value.__class__ in (gast.BinOp, gast.UnaryOp):  # x_bar = g * w: x's adjoint, so x's
            return facts.alike(facts.primal_of.get(stmt.targets[0].id), kind[1]) and \
                facts.array(kind[1]) \
                and facts.gives_float(value, facts.floating)  # shape (a new floating array)
        shaped = (made == "zeros_like" and len(value.args) == 1 and not value.keywords) or \
            (helper == "unindex" and len(value.args) == 3)
        return shaped and getattr(value.args[-2 if helper else 0], "id", None) == kind[1] and \
            (facts.array(kind[1]) or kind[1] in facts.lists)
    if helper == "unindex":
        return facts.fresh(value)
    if made in ("zeros_like",) + _MAKERS and not value.keywords:
        return facts.gives_float(value, facts.floating)
    # (arithmetic with a floating operand makes an array or a number, never a list)
    return value.__class__ in (gast.BinOp, gast.UnaryOp) and \
        facts.gives_float(value, facts.floating)


def _is_int(node: gast.expr) -> bool:
    if node.__class__ is gast.UnaryOp and node.op.__class__ is gast.USub:
        node = node.operand
    return node.__class__ is gast.Constant and type(node.value) is int


def _is_slice(node: gast.expr) -> bool:
    return node.__class__ is gast.Call and node.func.__class__ is gast.Name and \
        node.func.id == "slice" and not node.keywords

