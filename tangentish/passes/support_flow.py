'''Structural zeros across control flow, and from a seed: the supports (:mod:`.supports`) the
adjoint sweep knows after an ``if`` or a loop, and the one a caller's seed starts with.

:mod:`.supports` follows where each adjoint may be non-zero through straight-line code.  Here:

- After an ``if``: the support the branch taken left, chosen at run time (``m1 if test else
  m2``), where both branches' are known and the test is bound once; a branch that leaves an
  adjoint 0 supports it nowhere (``False``).
- After a loop: an adjoint the loop adds to without binding its primal (``acc = acc + y[i]``),
  whose support a derivative may read later (:func:`.supports.singular_fed`), carries a boolean
  array from iteration to iteration (``y_read[i] = True`` at the end of each reversed one, or
  ``y_read = np.logical_or(y_read, <test>)``), started from the support the loop met.
- At the start: a caller's own seed (``vjp``'s cotangent, ``jvp``'s direction) supports the
  output's adjoint (or the parameter's tangent) where it is not 0 (:func:`.supports.seed_support`).

Below, ``y[0]`` is never read: ``x_bar[0]`` is 0, not ``0 * inf`` at ``x[0] = 0``:

    >>> import numpy as np, tangentish
    >>> def f(x):
    ...     y = np.sqrt(x)
    ...     acc = 0.0
    ...     for i in range(1, 3):
    ...         acc = acc + y[i]
    ...     return acc
    >>> print(tangentish.grad(f).source.splitlines()[-2].strip())
    x_bar = np.where(y_read, y_bar / (2.0 * y), 0.0)
    >>> with np.errstate(invalid="ignore"):  # (0 / 0 at x = 0, where y_read is False)
    ...     tangentish.grad(f)(np.array([0.0, 1.0, 4.0]))
    array([0.  , 0.5 , 0.25])
'''

from __future__ import annotations

import gast

from .. import ir
from ..syntax import build
from .adjoint_state import State
from .dataflow import assigned
from .supports import reads, singular_fed
from .supports_base import NOWHERE, Support, seed_support
from .supports_made import stable
from .sweep import Sweep


def entry(sweep: Sweep, output: gast.expr, state: State, seed: str,
          seeded: bool) -> dict[str, Support]:
    """The supports the adjoint sweep starts with: the seed's, for an output bound once, when
    the seed is the caller's own (``seeded``)."""
    if seeded and isinstance(output, gast.Name) and output.id in state and \
            sweep.definitions.get(output.id, 0) == 1:
        return {output.id: seed_support(seed)}
    return {}


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
        if None in parts:
            continue
        if parts[0] is parts[1]:
            joined[name] = parts[0]
            continue
        then, orelse = (part.mask(name, aliases["np"], aliases["_rt"]) for part in parts)
        joined[name] = Support(gast.IfExp(test=build.clone(test), body=then, orelse=orelse))
    return joined


class LoopSupports:
    """The supports a reversed loop carries across its iterations (see the module docstring):
    ``entry`` for its body, then :meth:`carry` at the body's end gives the updates, ``start``
    (before the loop) and ``after`` (the supports after it)."""

    def __init__(self, sweep: Sweep, loop: gast.For | gast.While, crossing: State,
                 before: State):
        self.sweep = sweep
        self.bound = assigned(loop.body)
        candidates = sorted((set(crossing) & singular_fed(sweep)) - self.bound)
        self.masks: dict[str, tuple[str, Support]] = {}  # name -> (its mask, the loop met)
        for name in candidates:
            met = sweep.supports.get(name) if before.get(name) is not None else NOWHERE
            if met is not None:
                self.masks[name] = (sweep.namer.fresh(f"{name}_read"), met)
        self.entry = {name: Support(build.name(mask)) for name, (mask, _) in self.masks.items()}
        self.start: list[gast.stmt] = []
        self.after: dict[str, Support] = {}

    def carry(self, state: State, block: int) -> list[gast.stmt]:
        """The updates at the end of the reversed body, which left ``state``."""
        aliases, updates = self.sweep.machinery.aliases, []
        for name, (mask, met) in self.masks.items():
            end = self.sweep.supports.get(name) if state.get(name) is not None else NOWHERE
            if end is self.entry[name] and met is not NOWHERE:  # (untouched by the loop)
                if reads(met).isdisjoint(self.bound):  # (what its test reads as well)
                    self.after[name] = met
            elif end is not None and end is not self.entry[name]:
                where = [] if met is NOWHERE else [met.mask(name, aliases["np"], aliases["_rt"])]
                self.start.append(build.assign(mask, build.call(
                    f"{aliases['_rt']}.read_mask", build.name(name), *where)))
                updates += _updates(mask, end, self.entry[name], name, aliases)
                self.after[name] = self.entry[name]
        for update in updates:
            ir.note(update).owner = block
        return updates


def _updates(mask: str, end: Support, carried: Support, name: str,
             aliases: dict[str, str]) -> list[gast.stmt]:
    """``mask`` updated to ``end`` at the end of an iteration: in place (``y_read[i] = True``)
    where ``end`` is the support carried in plus indexes, else ``mask = <end's mask>``."""
    parts = end.parts or (end,)
    if carried not in parts or not all(p.index is not None and p.inner is None
                                       for p in parts if p is not carried):
        return [build.assign(mask, end.mask(name, aliases["np"], aliases["_rt"]))]
    return [gast.Assign(targets=[build.subscript(build.name(mask), build.clone(part.index), True)],
                        value=build.constant(True), type_comment=None)
            for part in parts if part is not carried]
