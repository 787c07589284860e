'''Structural zeros across control flow, and from a seed: the supports (:mod:`.supports`) the
adjoint sweep knows after an ``if`` or a loop, and the one a caller's seed starts with.

:mod:`.supports` follows where each adjoint may be non-zero through straight-line code.  Here:

- After an ``if``: the support the branch taken left, chosen at run time (``m1 if test else
  m2``), where both branches' are known and the test is bound once; a branch that leaves an
  adjoint 0 supports it nowhere (``False``), and then the other branch's is known even where it
  is not (everywhere: ``True``, a constant as ``False`` is, of an array or a list).
- After a loop: an adjoint the loop adds to without binding its primal (``acc = acc + y[i]``),
  whose support a derivative may read later (:func:`.supports.singular_fed`), carries a boolean
  array from iteration to iteration (``y_read[i] = True`` at the end of each reversed one, or
  ``y_read = np.logical_or(y_read, <test>)``), started from the support the loop met.
- At the start: a caller's own seed (``vjp``'s cotangent, ``jvp``'s direction) supports the
  output's adjoint (the parameter's tangent) where not 0 (:func:`.supports.seed_support`).
- Forward mode (:func:`lasting`, :func:`after_compound`): a tangent's support holds inside a
  loop, and after an ``if`` or a loop, as long as the statement binds neither the name nor what
  its test reads; a name bound once, inside, keeps the support its statement gave it (its test
  reads nothing the loop changes, so it held at every iteration).  A name an ``if`` binds again
  whose support both branches know at their ends gets a mask of its own, computed as each ends
  (:func:`merged`); one a loop with no ``break``/``continue`` binds again, a mask carried across
  its iterations (:func:`carried`).  The optimizer drops the masks no guard reads.

Below, ``y[0]`` is never read: ``x_bar[0]`` is 0, not ``0 * inf`` at ``x[0] = 0``:

    >>> import numpy as np, tangentish
    >>> def f(x):
    ...     y = np.sqrt(x)
    ...     acc = 0.0
    ...     for i in range(1, 3):
    ...         acc = acc + y[i]
    ...     return acc
    >>> print(tangentish.grad(f).source.splitlines()[-2].strip())
    x_bar = _rt.divided(y_read, y_bar, 2.0 * y)
    >>> tangentish.grad(f)(np.array([0.0, 1.0, 4.0]))  # (no 0 / 0 at x = 0: y_read is False)
    array([0.  , 0.5 , 0.25])
'''

from __future__ import annotations

from typing import Any

import gast

from .. import ir
from ..syntax import build
from .adjoint_state import State
from .dataflow import LOOPS, assigned, statements, stores
from .supports import singular_fed
from .supports_base import (
    EVERYWHERE,
    MASKS,
    NOWHERE,
    Kept,
    Support,
    item_masks,
    mask_keyword,
    read_mask_of,
    seed_support,
)
from .supports_frozen import frozen, reads
from .supports_made import stable
from .sweep import Sweep


def entry(sweep: Sweep, output: gast.expr, state: State, seed: str,
          seeded: bool | str) -> dict[str, Support]:
    """The supports the adjoint sweep starts with: the seed's, when the seed is the caller's own
    (``seeded``), or a helper's caller hands its mask (``MASKS``), for an output bound once, or
    in branches but in no loop (each ``return`` of ``if``/``else``: the sweep meets the seed's
    support in the branch that ran; a loop's bindings would carry it into earlier iterations,
    whose adjoints are not the seed)."""
    if seeded and isinstance(output, gast.Name) and output.id in state and (
            sweep.definitions.get(output.id, 0) == 1 or not any(
                stmt.__class__ in LOOPS and output.id in assigned(stmt.body + stmt.orelse)
                for stmt in statements(sweep.norm.body))):
        return {output.id: seed_support(seed, seeded == MASKS)}
    return {}


def masked(args: gast.arguments, norm: Any, seeded: bool | str) -> gast.arguments:
    """A gradient's signature ``args``, with the mask of its seed (``out_bar_mask``) after it
    when its caller hands one (:data:`.supports_base.MASKS`)."""
    if seeded == MASKS:
        norm.namer.reserve(mask_keyword(norm.seed))
        args.kwonlyargs.append(build.param(mask_keyword(norm.seed)))
        args.kw_defaults.append(None)
    return args


def join(sweep: Sweep, test: gast.expr, state: State,
         *branches: tuple[State, dict]) -> dict[str, Support]:
    """The supports after an ``if`` whose adjoint branches (``test`` chose) left ``(state,
    supports)`` each, for the adjoints of the joined ``state``."""
    if not stable(sweep, test):
        return {}
    joined: dict[str, Support] = {}
    aliases = sweep.machinery.aliases
    for name in state:
        parts = [supports.get(name) if branch.get(name) is not None else NOWHERE
                 for branch, supports in branches]
        if None in parts and NOWHERE not in parts:
            continue
        parts = [EVERYWHERE if part is None else part for part in parts]
        if parts[0] is parts[1]:
            joined[name] = parts[0]
            continue
        then, orelse = (part.mask(name, aliases["np"], aliases["_rt"]) for part in parts)
        joined[name] = Support(gast.IfExp(test=build.clone(test), body=then, orelse=orelse))
    return joined


class LoopSupports:
    """The supports a reversed loop carries across its iterations (see the module docstring):
    ``entry`` for its body, then :meth:`carry` at the body's end gives the updates, ``start``
    (before the loop) and ``after`` (the supports after it); of a name the body binds that may hold
    a tuple too (a helper's output's item, fuzz seed 5853 program 18), ``_rt.read_mask``'s."""

    def __init__(self, sweep: Sweep, loop: gast.For | gast.While, crossing: State,
                 before: State):
        from .carried import entry_copies  # (a loop's: imported where one is met)
        self.sweep = sweep
        self.bound, self.entries = assigned(loop.body), entry_copies(loop.body)
        self.outer, sweep.loop_bound = sweep.loop_bound, self.bound  # (until :meth:`carry`)
        self.masks: dict[str, tuple[str, Support]] = {}  # name -> (its mask, the loop met)
        self.unknown: set[str] = set()  # (met with no known support: everywhere, unknown after
        for name in sorted(set(crossing) & singular_fed(sweep)):  # the loop if left as it was)
            met = sweep.supports.get(name) if before.get(name) is not None else NOWHERE
            if met is None and name not in self.bound:  # (one the loop does not bind: added
                continue  # to, never left 0 by an iteration; its array stays unread here)
            if met is None:  # (an iteration may leave 0 for the ones before it: 5512/34)
                met = EVERYWHERE
                self.unknown.add(name)
            self.masks[name] = (sweep.namer.fresh(f"{name}_read"), met)
        self.entry = {name: Support(build.name(mask)) for name, (mask, _) in self.masks.items()}
        self.start, self.after = [], {}  # (list[gast.stmt]: made before the loop; the supports after it)

    def carry(self, state: State, block: int, body: list[gast.stmt]) -> list[gast.stmt]:
        """The updates at the end of the reversed ``body``, which left ``state``.  A mask the
        body or another mask's update reads is made before the loop even where the loop leaves
        the support as it found it (then it holds throughout) or loses it (then it holds
        everywhere from there on): ``b_read = np.logical_or(a_read, ...)`` after ``b_bar =
        a_bar`` (a swap ``x, t, u = t, u, ...``: fuzz seed 4800 program 22 read ``a_read``
        unbound)."""
        aliases, updates = self.sweep.machinery.aliases, []
        self.sweep.loop_bound = self.outer
        starts: dict[str, gast.stmt] = {}
        waiting: dict[str, Support | None] = {}  # (made only if read)
        for name, (mask, met) in self.masks.items():
            end = self.sweep.supports.get(name) if state.get(name) is not None else NOWHERE
            if end is self.entry[name] and met is not NOWHERE:  # (untouched by the loop)
                if reads(met).isdisjoint(self.bound):  # (what its test reads as well)
                    if name not in self.unknown:  # (unknown before it: unknown after it)
                        self.after[name] = met
                else:  # (a test reading what the loop binds: made before it, as it met it;
                    starts[name] = build.assign(mask, self._start(name, met))  # it was
                    self.after[name] = self.entry[name]  # dropped: fuzz seed 5017 program 58)
                    continue
            elif end is not None and end is not self.entry[name]:
                starts[name] = build.assign(mask, self._start(name, met))
                operand = self.entries.get(name, name) if name in self.bound else name  # (its
                updates += _updates(mask, end, self.entry[name], operand, aliases,  # entry copy:
                                    name in self.sweep.sequences, name in self.bound)  # the
                # name holds the value it ended with, another shape in p = p[:-1] / u)
                self.after[name] = self.entry[name]
                continue
            waiting[name] = end
        read = {n for stmt in body for n in build.names(stmt)}
        while True:
            read |= {n for update in updates for n in build.names(update)}
            found = [name for name in waiting if self.masks[name][0] in read]
            if not found:
                break
            for name in found:
                mask, met = self.masks[name]
                starts[name] = build.assign(mask, self._start(name, met))
                if waiting.pop(name) is None:  # (unknown at an iteration's end: everywhere next)
                    everywhere = build.constant(True)
                    updates.append(build.assign(mask, everywhere if name in self.bound else
                                                build.call(f"{aliases['_rt']}.read_mask",
                                                           build.name(name), everywhere)))
        self.start += [starts[name] for name in self.masks if name in starts]
        updates = _at_once(updates)
        for update in updates:
            ir.note(update).owner = block
        return updates

    def _start(self, name: str, met: Support) -> gast.expr:
        """The mask of ``name``'s adjoint as the loop meets it (``met``).  Of a name the body
        binds, whose value and shape may differ from one iteration to the next, and which may
        have none before the loop, the test itself (``False`` nowhere; of a list, one mask per
        item holding at any where it is surely one, ``m[kept:]`` read: ``True[kept:]`` was a
        TypeError, fuzz seed 5961 program 96; where it may be one and surely has a value, of
        that value's form, a list or an array standing for one: ``False[-1]`` was a TypeError,
        fuzz seed 7676 program 10), never marked in place (:func:`_updates`)."""
        numpy, runtime = (aliases := self.sweep.machinery.aliases)["np"], aliases["_rt"]
        if name in self.bound:
            mask = build.constant(False) if met is NOWHERE else met.mask(name, numpy, runtime)
            listed = name in self.sweep.sequences and not item_masks(mask, aliases)
            if listed and name in self.sweep.surely_sequences:  # (not an array: holds
                return build.call(f"{runtime}.read_mask", build.tuple_([]), mask)  # nowhere so)
            return build.call(f"{runtime}.read_mask", build.name(name), mask) if listed and \
                name in self.sweep.surely_bound else mask
        if met is NOWHERE:
            return build.call(f"{runtime}.read_mask", build.name(name))
        test = met.mask(name, numpy, runtime)
        if name in self.sweep.sequences and name in self.sweep.surely_bound:  # (in its form:
            return build.call(f"{runtime}.read_mask", build.name(name), test)  # m[-1][0] read)
        return read_mask_of(name, test, runtime, name in self.sweep.sequences)


def _updates(mask: str, end: Support, carried: Support, name: str,
             aliases: dict[str, str], sequence: bool, bound: bool) -> list[gast.stmt]:
    """``mask`` updated to ``end`` at the end of an iteration: in place (``y_read[i] = True``)
    where ``end`` is the support carried in plus indexes of a name the loop does not bind, else
    ``mask = <end's mask>`` (of a list or tuple, one mask per item,
    :func:`.supports_base.item_masks`)."""
    parts = end.parts or (end,)
    if bound or carried not in parts or not all(p.index is not None and p.inner is None
                                       for p in parts if p is not carried):
        test = end.mask(name, aliases["np"], aliases["_rt"])
        if sequence and not item_masks(test, aliases):
            test = build.call(f"{aliases['_rt']}.read_mask", build.name(name), test)
        return [build.assign(mask, test)]
    return [gast.Assign(targets=[build.subscript(build.name(mask), build.clone(part.index), True)],
                        value=build.constant(True), type_comment=None)
            for part in parts if part is not carried]


def _at_once(updates: list[gast.stmt]) -> list[gast.stmt]:
    """The masks' updates, each computed from the masks as the iteration left them: the new
    values bound together (``a_read, b_read = (..., a_read[-1] ...)``: one mask's test may read
    another's, an item of a tape the other list's values came from), then the marks in place."""
    bound = [u for u in updates if isinstance(u.targets[0], gast.Name)]
    names = {u.targets[0].id for u in bound}
    if len(bound) < 2 or all(names.isdisjoint(build.loads(u.value)) for u in bound):
        return updates
    together = gast.Assign(targets=[build.tuple_([build.name(u.targets[0].id, store=True)
                                                  for u in bound], store=True)],
                           value=build.tuple_([u.value for u in bound]), type_comment=None)
    return [together, *(u for u in updates if u not in bound)]


def freeze_crossing(sweep: Sweep, stmt: gast.If) -> list[gast.stmt]:
    """Reverse mode, before the adjoint of ``stmt``, an ``if`` in a loop: the supports whose
    test reads a name the loop's body binds outside ``stmt`` computed into a name of their own
    now (the statements returned), which they read from then on.  The tape
    gives a branch's adjoint the values its names had where the branch ended, and one bound
    further down the body (in a branch of its own, whose adjoint ran first) had another
    iteration's value there, or none."""
    bound = sweep.loop_bound - assigned([stmt])
    return [frozen(sweep, name, support) for name, support in list(sweep.supports.items())
            if bound and not bound.isdisjoint(reads(support))]


def changed(stmt: gast.stmt) -> set[str]:
    """The names a compound statement binds or updates in place (its loop target included)."""
    found = set(stores(stmt))
    for inner in statements([stmt]):
        found |= stores(inner)
        if ir.note(inner).updates is not None:
            found.add(ir.note(inner).updates)
    return found


def lasting(supports: dict[str, Support], bound: set[str]) -> dict[str, Support]:
    """The ``supports`` that still hold where ``bound`` may be bound again (a list's own mask too)."""
    return {name: support for name, support in supports.items() if isinstance(support, Kept)
            or name not in bound and reads(support).isdisjoint(bound)}


def after_compound(sweep, stmt: gast.stmt, bound: set[str], outside: set[str],
                   kept: dict[str, Support], ends: list[dict[str, Support]]) -> dict[str, Support]:
    """Forward mode's supports after a compound statement that binds ``bound`` (``outside``:
    what the loops around it change): those ``kept`` across it, and a support one of its blocks
    ended with (``ends``) for a name bound once whose test reads nothing of either (its value
    may come from an earlier run of the block), or only names bound once by the statements of
    that block (not in a block of their own) when it binds the name there too: the same run of
    the block bound both (the last one, when a loop has no ``break`` or ``continue``).  After
    an ``if``, a name bound again chooses the support its branch left, this run's
    (:func:`_chosen`).  ``bound`` counts the masks the sweep made in its blocks: one frozen in a
    branch for a name bound before it is bound on that path alone (fuzz seed 5051 program 93)."""
    after, bound = dict(kept), bound | changed(stmt)
    jumps = isinstance(stmt, LOOPS) and any(isinstance(inner, (gast.Break, gast.Continue))
                                            for inner in statements(stmt.body))
    tops = [set() if jumps else {name for inner in block if not isinstance(inner, ir.COMPOUND)
                                 for name in stores(inner) if sweep.definitions.get(name, 0) <= 1}
            for block in (stmt.body, stmt.orelse)]
    for block, (top, end) in enumerate(zip(tops, ends, strict=True)):
        for name, support in end.items():
            if name not in after and sweep.definitions.get(name, 0) <= 1 and \
                    name not in sweep.updated and _holds(support, name, bound | outside, top):
                after[name] = support
                from .supports_bound import partly_bound  # (forward mode's only)
                partly_bound(sweep, stmt, block, name, support, top)
    if isinstance(stmt, gast.If):
        after.update(_chosen(sweep, stmt.test, bound, after, ends, tops))
    return after


def merged(sweep, stmt: gast.If, after: dict[str, Support],
           ends: list[dict[str, Support]]) -> tuple[dict[str, Support], list[list[gast.stmt]]]:
    """Forward mode, after an ``if``: a name bound more than once in the function (one bound
    once may be bound on one path only, and its support read names bound there alone) that
    either branch may bind again, whose support a branch knows at its end (the other's, not
    known, is everywhere), but which :func:`after_compound` could not carry past it (its test
    reads a name an inner block bound: the condition of an ``np.where`` in a nested ``if``,
    fuzz seed 4753 program 221).  Each branch computes its mask into one name of their own as
    it ends (``v_mask = v_dot != 0``, ``v_mask = _t4``), the support after the ``if`` (the
    statements to append to each branch; the optimizer drops a mask nothing reads)."""
    from .supports_bound import EXITS  # (forward mode's only: a grad() does not import it)
    if any(block and isinstance(block[-1], EXITS) for block in (stmt.body, stmt.orelse)):
        return {}, [[], []]
    supports: dict[str, Support] = {}
    appended: list[list[gast.stmt]] = [[], []]
    for name in sorted(set(ends[0]) | set(ends[1])):
        if name in sweep.sequences or name in after or name in sweep.updated or \
                sweep.definitions.get(name, 0) <= 1:  # (bound once: maybe on one path only)
            continue
        mask = sweep.namer.fresh(f"{name}_mask")
        for block, end in zip(appended, ends, strict=True):  # (not known: everywhere)
            block.append(build.assign(mask, _mask_of(sweep, name, end[name]) if name in end
                                      else build.constant(True)))
        supports[name] = Support(build.name(mask))
    return supports, appended


def carried(sweep, stmt: gast.For | gast.While, bound: set[str]) -> dict[str, tuple[str, Support]]:
    """Forward mode, before a loop with no ``else``, ``break`` or ``continue``: the names its body binds
    again (not its target) whose support is known as it starts, or that it binds to a constant
    (:func:`.supports_bound.zeroed_names`; from everywhere), each with a mask of its own (``v_mask``, and
    that support), carried from one iteration to the next: made before the loop (:func:`carry_start`) and
    at the end of each run of its body (:func:`carry_end`); it holds after the loop (``v = np.where(v > 0,
    np.sqrt(v), 0.0)`` rebound, then ``np.sqrt``); no list that may be unbound (:func:`.unsure_lists`)."""
    if stmt.orelse or any(isinstance(inner, (gast.Break, gast.Continue))
                          for inner in statements(stmt.body)):
        return {}
    from .supports_bound import unsure_lists, zeroed_names  # (forward mode's only)
    header = stores(stmt) if isinstance(stmt, gast.For) else set()
    known = (set(sweep.supports) | zeroed_names(sweep, stmt.body)) - unsure_lists(sweep, stmt)
    return {name: (sweep.namer.fresh(f"{name}_mask"), sweep.supports.get(name, EVERYWHERE))
            for name in sorted(bound - header - (sweep.updated & sweep.sequences)) if name in known}


def carry_start(sweep, carry: dict[str, tuple[str, Support]]) -> list[gast.stmt]:
    """The masks of :func:`carried` as the loop meets them (the statements to put before it)."""
    return [build.assign(mask, _mask_of(sweep, name, support))
            for name, (mask, support) in carry.items()]


def carry_end(sweep, carry: dict[str, tuple[str, Support]],
              end: dict[str, Support]) -> list[gast.stmt]:
    """The masks of :func:`carried` as a run of the body leaves them (``end``: the supports
    there; one not known is everywhere, ``True``), to append to the body."""
    updates = []
    for name, (mask, _) in carry.items():
        support = end.get(name)
        if isinstance(support, Support) and isinstance(support.test, gast.Name) and \
                support.test.id == mask and support.index is None:
            continue  # (as the run found it)
        updates.append(build.assign(mask, _mask_of(sweep, name, EVERYWHERE if support is None
                                                   else support)))
    return _at_once(updates)  # (each from the masks as the run found them: a swap, x, y = y,
    # x + y, reads the one the other's update binds; fuzz seed 4893 program 110)


def _mask_of(sweep, name: str, support: Support) -> gast.expr:
    """``name``'s mask (of a list or tuple, rebound but never changed in place: one per item,
    ``_rt.read_mask``, in the form its value has where the mask is made)."""
    aliases = sweep.machinery.aliases
    mask = support.mask(name, aliases["np"], aliases["_rt"])
    if name in sweep.sequences and not item_masks(mask, aliases):
        mask = build.call(f"{aliases['_rt']}.read_mask", build.name(name), mask)
    return mask


def _holds(support: Support, name: str, bound: set[str], top: set[str]) -> bool:
    """Whether ``support`` of ``name`` holds after a block that binds ``bound``, ``top`` at its
    own level (bound once, in the run that bound ``name`` too, if ``name`` is among them)."""
    free = reads(support) & bound
    return not free or (name in top and free <= top)


def _chosen(sweep, test: gast.expr, bound: set[str], after: dict[str, Support],
            ends: list[dict[str, Support]], tops: list[set[str]]) -> dict[str, Support]:
    """After an ``if``, a name either branch may bind again: the support its branch left,
    chosen by the ``test`` (``m1 if test else m2``), where both are known and hold."""
    if not stable(sweep, test) or not build.loads(test).isdisjoint(bound):
        return {}
    numpy, runtime = sweep.machinery.aliases["np"], sweep.machinery.aliases["_rt"]
    chosen = {}
    for name in sorted(set(ends[0]) & set(ends[1]) - set(after) - sweep.updated):
        parts = [end[name] for end in ends]
        if not all(_holds(part, name, bound, top | {name})
                   for part, top in zip(parts, tops, strict=True)):
            continue
        chosen[name] = parts[0] if parts[0] is parts[1] else Support(gast.IfExp(
            test=build.clone(test), body=parts[0].mask(name, numpy, runtime),
            orelse=parts[1].mask(name, numpy, runtime)))
    return chosen
