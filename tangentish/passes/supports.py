'''Structural zeros stay zero: an adjoint 0 by structure is not multiplied into a NaN.

An adjoint is 0 *by structure* where the output does not read its value at all: the branch
``np.where`` did not take, the operand ``np.maximum``/``np.clip``/``np.max`` did not choose, the
elements a slice or index left out.  The value there may be anything (``np.sqrt(x)`` at ``x < 0``
is NaN, at 0 its partial is inf), and the chain rule multiplies the structural 0 by that partial:
``0 * inf`` and ``0 * NaN`` are NaN, where the exact derivative is 0.  (A cotangent or tangent
multiplied by a selection's 0 weight is the same mistake the other way round; those rules select
instead, with ``_rt.chosen``.)

Mechanism, in the adjoint sweep (straight-line code here; :mod:`.support_flow` joins them over
``if`` and loops, and starts the sweep with a caller's seed's):

- A contribution made by a selection's adjoint records its *support*, where the adjoint may be
  non-zero: the condition of ``np.where(c, g, 0.0)`` (or its negation; ``np.where`` and
  ``np.nan_to_num``), ``w != 0`` for ``_rt.chosen(g, w)``, the index of ``_rt.unindex(g, like,
  i)``, where a gather's adjoint (:data:`.supports_made.SCATTERS`: ``_rt.untake``...) puts ones;
  ``_rt.unbroadcast(c, like)`` (true where ``c`` holds for any element summed) when the
  contribution is un-broadcast.  It reads no derivative, and a name it reads keeps its value
  until a statement binds it again (:func:`.supports_frozen.forget`).  Two contributions to one
  adjoint unite their supports (``np.logical_or``); one without a support makes it unknown.
- The adjoint of an elementwise statement hands the support of its result's adjoint on to its
  operands (of the result's shape, :mod:`.shapes`, or un-broadcast to theirs).
- Where the op's partial is declared *singular* (``tangentish.extend.singular``: ``sqrt``, the
  ``log`` family, ``arcsin``/``arccos``/``arctanh``/``arccosh``, ``cbrt``, ``reciprocal``,
  ``divide``, ``power``: inf or NaN where the value is finite or not used; not ``x ** 2`` or
  ``x / 2.0``, :func:`singular_partial`), or the contribution reads a value that may be inf or
  NaN where unused (:func:`singular_fed`: ``tanh'(sqrt(-1))``), the contribution is computed,
  then kept only on the support: ``np.where(c, g * d, 0.0)``, ``np.where(w != 0, g * d, 0.0)``,
  ``_rt.unindex((g * d)[i], x, i)``; :func:`collapse` then drops the inner selection that
  substituting ``g`` leaves (``np.where(c, np.where(c, a, 0.0) * d, 0.0)``).
- Forward mode does the same (:func:`tangent_guard`): a tangent ``_rt.chosen(t, w)`` or ``np.where(c, t,
  0.0)`` is 0 off its support, which an elementwise statement hands on (the union of its varying operands').
  Second order differentiates this code: its selections select again (``_rt.divided(c, a, b)``'s adjoint
  on ``c`` and its adjoint's support), and the forward pass guards the tangents of its own singular steps.

Only programs with a selection in front of (reverse) or behind (forward) a singular function,
or a caller's seed meeting one (``vjp``, ``jvp``, ``jacobian``, ``hvp``), change.  A zero that is
not structural (``3 * u**2`` at ``u = 0``) still meets the inf of a singular partial as IEEE says
(NaN: ``np.cbrt(x) ** 3`` at 0, whose derivative is 1), never a silent 0: the support is exact,
not a test of ``g == 0``.  Zeros of a seed are structural only where the caller gave them
(:func:`seed_support`): not ``grad``'s ``out_bar``, nor a helper's seed, which its caller computed.

    >>> import numpy as np, tangentish
    >>> def f(x):  # (x_bar is 0 where x <= 0)
    ...     return np.sum(np.where(x > 0, np.sqrt(x), 0.0))
    >>> print(tangentish.grad(f).source.splitlines()[-2].strip())
    x_bar = _rt.divided(_t1, _rt.unreduce(out_bar, where_t1), 2.0 * sqrt_x)
'''

from __future__ import annotations

import builtins
import math
import operator
from typing import Any

import gast
import numpy as np

from .. import ir, runtime
from ..syntax import build
from .adjoint_state import State
from .complex_paths import standing
from .dataflow import defined_name, statements
from .shapes import elementwise_arity
from .supports_base import (
    Seeded,
    Support,
    both,
    calls,
    joined,
    large,
    nan_sources,
    same_shape,
    summed,
    union,
)
from .supports_called import bound_call, called_tangent, through_call
from .supports_chosen import chosen_item
from .supports_collapse import kept_argument
from .supports_frozen import frozen
from .supports_made import given, made, overwritten, selected, substituted, temporary
from .sweep import Sweep


def guard(sweep: Sweep, stmt: gast.stmt, target: str, block: list[gast.stmt],
          state: State) -> list[gast.stmt]:
    """Record the supports of ``block``'s contributions (the adjoint of ``stmt``, whose result is
    ``target``) and keep a singular partial's contribution on its support."""
    incoming = sweep.supports.pop(target, None)
    op = ir.note(stmt).op
    arity = _arity(sweep, op)
    passes_on = incoming is not None and arity > 0
    singular = passes_on and singular_partial(sweep, op)
    aliases = sweep.machinery.aliases
    seen: set[str] = set()
    temporaries: dict[str, gast.expr] = {}  # (``object_bar = xs_bar[-1]``: a display's adjoint)
    bound: dict[str, gast.expr] = {}  # (``shares = grad_h_wrt_a_b(...)``: a helper's gradient)
    own: dict[str, gast.expr] = {}  # (the rule's names, read where an unread triangle is sought)
    for contribution in block:
        operand = ir.note(contribution).contribution
        if operand is None and temporary(contribution):
            temporaries[contribution.targets[0].id] = substituted(contribution.value, temporaries, True)
        if operand is None:
            bound_call(contribution, bound)
            own.update(_named(contribution))  # (a name of the rule's own)
        if operand is None or not isinstance(contribution, gast.Assign):
            continue
        fresh = (state.get(operand) is None or operand == target) and operand not in seen
        seen.add(operand)
        support = made(sweep, op.key, contribution.value, target, incoming)
        if support is not None and singular:  # (_rt.divided's adjoint: at second order)
            _selects_on(sweep, incoming, contribution, target)
        support = support or chosen_item(sweep, substituted(contribution.value, temporaries),
                                         target, operand, incoming)
        if op.key is operator.mul and singular_fed(sweep):
            contribution.value = selected(sweep, contribution.value)
        if support is None and passes_on:
            support = _handed(sweep, incoming, contribution, target, singular,
                              arity == 1 or op.key in _SCALAR)
        elif support is None and incoming is not None and op.key is None and \
                isinstance(contribution.value, gast.Name) and \
                contribution.value.id == sweep.adjoints.get(target):  # (a copy: as it was,
            support = incoming  # in no name the copy binds, which may be bound again)
        elif support is None and incoming is not None and not arity:  # (linear in its adjoint)
            length = len(op.args) if op.is_display and not any(
                isinstance(arg, gast.Starred) for arg in op.args) else None
            mask = given(sweep, substituted(contribution.value, temporaries), target, incoming,
                         block, length)
            support = None if mask is None else Support(mask)
        elif support is None and incoming is None and not arity and operand == target:
            support = overwritten(sweep, contribution.value, target)  # (x[i] = v: 0 at i)
        if support is None and not arity:  # (``c_bar = c_and_lower_bar[0]``: in a name of its own)
            support = _unread(sweep, substituted(contribution.value, {**own, **temporaries}),
                              target, operand)
        if op.key is not None and operand in singular_fed(sweep):  # (:mod:`.supports_called`)
            support = through_call(sweep, contribution, bound, target, incoming, support)
        known = sweep.supports.pop(operand, None)
        if support is not None and (fresh or known is not None):
            sweep.supports[operand] = support if fresh else union(known, support, operand,
                                                                  aliases)
    if op.key is not None:  # (a large test named now, not cloned into every later one)
        block += [frozen(sweep, n, sweep.supports[n]) for n in sorted(seen) if large(
            sweep.supports.get(n))]
    return block


_UNREAD = frozenset({"triangle", "fold_reads", "triu", "tril"})
"""The names of :data:`.supports_unread.FILLS`: adjoints leaving an unread triangle 0."""


def _named(stmt: gast.stmt) -> dict[str, gast.expr]:
    if isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Name):
        return {stmt.targets[0].id: stmt.value}
    return {}


def _unread(sweep: Sweep, value: gast.expr, target: str, operand: str) -> Support | None:
    """:func:`.supports_unread.unread` of ``value`` where it may leave entries unread."""
    if not _may_leave_unread(value):
        return None
    from .supports_unread import unread  # (loaded where a rule's adjoint may need it)

    return unread(sweep, value, target, operand)


def _may_leave_unread(value: gast.expr) -> bool:
    """Whether ``value`` calls one of :data:`_UNREAD` (:func:`.supports_unread.unread` then says
    where it may be non-zero, whatever the support of the adjoint it is made of)."""
    return any(isinstance(node, gast.Call) and getattr(node.func, "attr", None) in _UNREAD
               for node in build.nodes(value))


def _handed(sweep: Sweep, incoming: Support, contribution: gast.Assign, target: str,
            singular: bool, unary: bool) -> Support | None:
    """The support of an elementwise statement's contribution to an operand, from its result's
    (``incoming``); a contribution that is singular, or reads a value that may not be finite
    (:func:`singular_fed`), kept on it: ``np.where(c, g * d, 0.0)``, or inside the un-broadcast
    to an operand of another shape (``_rt.unbroadcast(np.where(c, g * d, 0.0), x)``, supported
    where any element summed is)."""
    operand, value = ir.note(contribution).contribution, contribution.value
    numpy, runtime = sweep.machinery.aliases["np"], sweep.machinery.aliases["_rt"]
    if unary or (not calls(value, "unbroadcast") and same_shape(sweep, operand, target)):
        if singular or _reads_fed(sweep, value):
            contribution.value = incoming.keep(value, operand, numpy, runtime)
        return incoming
    found = summed(value, numpy, build.call(f"{runtime}.read_mask", build.name(target), incoming.mask(
        target, numpy, runtime))) if operand in sweep.patterns else None  # (specialized: np.sum(g,
    if found is not None:  # axis=0), the un-broadcast; its mask is summed the same way)
        if singular or _reads_fed(sweep, found[0].args[0]):
            found[0].args[0] = incoming.keep(found[0].args[0], target, numpy, runtime)
        return Support(found[1])
    if not ((calls(value, "unbroadcast") or calls(value, "onto")) and len(value.args) == 2 and
            not value.keywords and getattr(value.args[1], "id", None) == operand):  # (onto: a
        return None  # complex form's, un-broadcast, its real part where the operand is real)
    if singular or _reads_fed(sweep, value.args[0]):
        value.args[0] = incoming.keep(value.args[0], target, numpy, runtime)
    return Support(build.call(f"{runtime}.unbroadcast", incoming.mask(target, numpy, runtime),
                              build.name(operand)))


def _selects_on(sweep: Sweep, incoming: Support, contribution: gast.Assign, target: str) -> None:
    """A singular selection's contribution ``np.where(c, g / b, 0.0)`` (maybe un-broadcast: the
    adjoint of ``_rt.divided(c, a, b)``) selects where ``g`` may be non-zero, too: ``b`` may be 0
    where ``g`` is 0 by structure (gradgrad of a guarded cbrt was 0 / 0: fuzz seed 5905/6)."""
    value, (numpy, runtime) = contribution.value, map(sweep.machinery.aliases.get, ("np", "_rt"))
    inner = value.args[0] if calls(value, "unbroadcast") else value  # (its shape: target's)
    if calls(inner, "where") and len(inner.args) == 3 and kept_argument(inner) == 1:
        mask, test = incoming.mask(target, numpy, runtime), inner.args[0]
        inner.args[0] = mask if getattr(test, "value", None) == 1 else build.call(
            f"{numpy}.logical_and", test, mask)


def tangent_guard(sweep: Any, stmt: gast.stmt, target: str, value: gast.expr) -> gast.expr:
    """Forward mode's twin of :func:`guard` (``sweep`` a :class:`~.forward.Tangents`): a tangent
    ``_rt.chosen(t, w)`` or ``np.where(c, t, 0)`` is 0 by structure off its support, which an
    elementwise statement hands on (the union of its varying operands'; a singular one, or one
    whose partial reads a :func:`singular_fed` value, keeping its tangent ``value`` on it).  A
    move (an index, ``np.take``, ``np.reshape``...) moves its operands' masks as it moves their
    tangents (:mod:`.supports_moved`).  Any other operation a rule differentiates is linear in
    its operands' tangents: 0 where they are all 0 (``np.any`` of their masks: a reduction of
    selected values, ``np.sqrt`` of it next)."""
    if ir.note(stmt).updates is None:  # (an array changed in place: :func:`forget_changed`)
        sweep.supports.pop(target, None)
    op, aliases = ir.note(stmt).op, sweep.machinery.aliases
    names = sorted(n for n in set(op.operand_names()) if n in sweep.active and n not in sweep.zero)
    varying = [sweep.supports.get(name) for name in names]
    elementwise = _arity(sweep, op) > 0 and varying and None not in varying
    # (an elementwise statement's tangent: 0 where its operands' all are, joined when needed)
    support = made(sweep, op.key, value)
    if support is not None and (elementwise or _picked(sweep, op, names, varying)) and \
            support.index is None and not any(
            isinstance(part, Seeded) for each in varying for part in each.parts or (each,)):
        support = both(support, joined(varying, target, aliases), target, aliases)  # (4808/947)
    if support is None and not _arity(sweep, op):  # (a slice, a take, a reshape...; a list cut
        from .supports_factors import factored, linear_rule  # from an array; a helper's jvp:
        from .supports_items import displayed, joined_lists  # .supports_called; imported where a
        from .supports_listed import listed  # move may be)
        from .supports_moved import moved
        support = moved(sweep, value, target) or listed(sweep, value, target) or (
            displayed(sweep, op, target) if op.is_display else joined_lists(sweep, op)) or \
            called_tangent(sweep, value, {sweep.tangents[n]: n for n in names if n in sweep.tangents}) \
            or factored(sweep, op, target) or linear_rule(sweep, op)  # (scipy's qr, lu, cholesky)
    elif support is None and elementwise:
        support = joined(varying, target, aliases)
        if singular_partial(sweep, op) or _reads_fed(sweep, value):
            value = support.keep(value, target, aliases["np"], aliases["_rt"])
    if support is not None and ir.note(stmt).updates is None:  # (.support_flow: across blocks)
        sweep.supports[target] = support
    return value


_POWERS = (np.power, operator.pow, np.float_power)  # (and ``_rt.power``: ``runtime.helper_named``)
_POWER = frozenset({"power"})
_QUOTIENTS = (np.divide, operator.truediv)


def singular_partial(sweep: Any, op: ir.Op) -> bool:
    """Whether ``op`` is declared singular (``tangentish.extend.singular``) and its partial in a
    varying operand may be inf where its value is finite: not ``x ** 2`` (a constant integer power
    of at least 1: ``2 * x``) or ``x / 2.0`` (a constant denominator other than 0)."""
    key = standing(op.key)  # (a complex form: as the real operation it stands for)
    if not sweep.registry.is_singular(key) or len(op.args) != 2 or op.keywords:
        return sweep.registry.is_singular(key)
    constant = op.args[1].value if isinstance(op.args[1], gast.Constant) else None
    if type(constant) not in (int, float):
        return True
    if any(key is power for power in _POWERS) or runtime.helper_named(key, _POWER):
        return not (constant >= 1 and float(constant).is_integer())
    return not (any(key is quotient for quotient in _QUOTIENTS) and constant != 0)


def singular_fed(sweep: Any) -> set[str]:
    """The names whose value may be inf or NaN where it is not used: the results of singular
    elementwise operations, and of every operation reading such a name (to a fixed point: an
    elementwise one, a copy ``r_1 = r`` a loop leaves, a move, ``xs.append(v)``, a reduction
    ``np.median(u)`` whose adjoint's support, ``np.any`` of its own, a loop must carry to the
    ``np.sqrt`` before it: fuzz seed 4701 program 194).  The partials of the elementwise
    operations that make them may be too (``tanh'(sqrt(-1))``), so their derivatives are kept
    on the support like a singular partial's, and a loop carries the supports of their adjoints
    (:mod:`.support_flow`)."""
    if sweep.singular_fed is None:
        ops = [(defined_name(s), ir.note(s).op) for s in statements(sweep.norm.body)
               if ir.has_op(s)]
        ops = [(target, op) for target, op in ops if target is not None]
        fed = {target for target, op in ops if singular_partial(sweep, op)}  # (asked once each)
        fed |= nan_sources(ops)
        reading = [(target, set(op.operand_names())) for target, op in ops if target not in fed]
        size = -1
        while size != len(fed):  # (the least fixed point, each operation's reads walked once)
            size = len(fed)
            fed |= {target for target, names in reading if not fed.isdisjoint(names)}
        sweep.singular_fed = fed
    return sweep.singular_fed


def _picked(sweep: Any, op: ir.Op, names: list[str], varying: list) -> bool:
    """``max(a, b)`` or ``min(a, b)`` (the builtins) of values, each with a known support: it
    picks one whole, ``_rt.chosen(a_dot, w)`` (a tangent of the shape ``w`` broadcasts its
    operand's to, as its mask would be), so it is 0 where the picked one's is by structure (the
    tangent a loop or branch left 0: fuzz seed 5790 program 35), as an elementwise pick's is."""
    return op.key in (builtins.max, builtins.min) and len(op.args) >= 2 and not op.keywords \
        and bool(varying) and None not in varying and sweep.sequences.isdisjoint(names)


def _reads_fed(sweep: Any, value: gast.expr) -> bool:
    """Whether a derivative reads a value that may be inf or NaN where it is not used."""
    return not singular_fed(sweep).isdisjoint(build.loads(value))


_SCALAR = {math.pow, builtins.pow}  # (of floats: operands of the result's shape, as unary ones')


def _arity(sweep: Any, op: ir.Op) -> int:
    """How many operands the elementwise ``op`` has (0: not elementwise); a function declared
    singular is elementwise in the arguments it is called with (``singular`` is for elementwise
    ones: a user's, ``math.pow``, ``pow``, whose scalar arguments fuzz seed 4768 program 181
    found unguarded)."""
    if op.key is None:
        return 0
    key = standing(op.key)  # (a complex form's: the real operation's; z.real's is unary)
    arity = elementwise_arity(key) or int(key is not op.key and key in (np.real, np.imag, np.angle))
    if not arity and op.args and not op.keywords and sweep.registry.is_singular(key):
        return len(op.args)
    if not arity and len(op.args) == 1 and any(op.key is key for key in _ONE_OPERAND) and all(
            isinstance(v, gast.Constant) for v in op.keywords.values()):
        return 1  # (np.nan_to_num(t)'s tangent was 0 where finite only, not where t is too)
    return arity


_ONE_OPERAND = (np.nan_to_num, np.sinc)  # (elementwise, no ufunc: Python functions of NumPy)
