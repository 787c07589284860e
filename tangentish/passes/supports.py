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
  i)``, where a gather's adjoint (:data:`SCATTERS`: ``_rt.untake``...) puts ones;
  ``_rt.unbroadcast(c, like)`` (true where ``c`` holds for any element summed) when the
  contribution is un-broadcast.  It reads no derivative, and a name it reads keeps its value
  until a statement binds it again (:func:`forget`).  Two contributions to one adjoint unite
  their supports (``np.logical_or``); one without a support makes it unknown.
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
- Forward mode does the same (:func:`tangent_guard`): a tangent ``_rt.chosen(t, w)`` or
  ``np.where(c, t, 0.0)`` is 0 off its support, which an elementwise statement hands on (the
  union of its varying operands').  Second order differentiates this code: its ``np.where`` and
  ``_rt.chosen`` select again, and the forward pass guards the tangents of the adjoint's own
  singular steps.

Only programs with a selection in front of (reverse) or behind (forward) a singular function,
or a caller's seed meeting one (``vjp``, ``jvp``, ``jacobian``, ``hvp``), change.  A zero that is
not structural (``3 * u**2`` at ``u = 0``) still meets the inf of a singular partial as IEEE says
(NaN: ``np.cbrt(x) ** 3`` at 0, whose derivative is 1), never a silent 0: the support is exact,
not a test of ``g == 0``.  Zeros of a seed are structural only where the caller gave them
(:func:`seed_support`): ``grad``'s ``out_bar``, and a helper's seed, which its caller computed, are not.
Below, ``x_bar`` is 0 where ``x <= 0``:

    >>> import numpy as np, tangentish
    >>> def f(x):
    ...     return np.sum(np.where(x > 0, np.sqrt(x), 0.0))
    >>> print(tangentish.grad(f).source.splitlines()[-2].strip())
    x_bar = np.where(_t1, _rt.unreduce(out_bar, where_t1) / (2.0 * sqrt_x), 0.0)
'''

from __future__ import annotations

import operator
from typing import Any

import gast
import numpy as np

from .. import ir
from ..syntax import build
from .adjoint_state import State
from .dataflow import defined_name, statements, stores
from .shapes import elementwise_arity
from .sweep import Sweep
from .walks import Walks
from .zeros import is_zero


class Support:
    """Where an adjoint or tangent may be non-zero: where ``test`` holds (``taken``) or does not;
    or, with ``index``, at the elements an index reads; a union also keeps its ``parts``."""

    __slots__ = ("test", "taken", "index", "parts")

    def __init__(self, test: gast.expr | None, taken: bool = True,
                 index: gast.expr | None = None, parts: tuple[Support, ...] = ()):
        self.test, self.taken, self.index, self.parts = test, taken, index, parts

    def keep(self, value: gast.expr, operand: str, numpy: str, runtime: str) -> gast.expr:
        """``value`` (shaped like ``operand``) where the support holds, 0.0 elsewhere."""
        if self.index is not None and _basic(self.index):  # (no element read twice)
            return build.call(f"{runtime}.unindex", build.subscript(value, build.clone(self.index)),
                              build.name(operand), build.clone(self.index))
        if self.index is not None:  # where the index reads (an integer array may repeat one)
            ones = build.call(f"{numpy}.ones_like",
                              build.subscript(build.name(operand), build.clone(self.index)))
            read = build.call(f"{runtime}.unindex", ones, build.name(operand),
                              build.clone(self.index))
            return build.call(f"{numpy}.where", read, value, build.constant(0.0))
        zero, test = build.constant(0.0), build.clone(self.test)
        return build.call(f"{numpy}.where", test, *((value, zero) if self.taken else (zero, value)))

    def mask(self, operand: str, numpy: str, runtime: str) -> gast.expr:
        """True where the support holds, for a value shaped like ``operand`` (or a scalar that
        broadcasts to it)."""
        if self.index is not None:
            return build.call(f"{runtime}.reads", build.name(operand), build.clone(self.index))
        test = build.clone(self.test)
        return test if self.taken else build.call(f"{numpy}.logical_not", test)


NOWHERE = Support(build.constant(False))
"""The support of an adjoint that is 0 (a branch that leaves it untouched)."""


def union(first: Support, second: Support, operand: str, aliases: dict[str, str]) -> Support:
    """Where either support holds (two contributions to ``operand``'s adjoint)."""
    if first is second or second is NOWHERE:
        return first
    if first is NOWHERE:
        return second
    masks = [s.mask(operand, aliases["np"], aliases["_rt"]) for s in (first, second)]
    return Support(build.call(f"{aliases['np']}.logical_or", *masks),
                   parts=(*(first.parts or (first,)), *(second.parts or (second,))))


def seed_support(seed: str) -> Support:
    """The support of a seed the caller gave (``vjp``'s cotangent, ``jvp``'s direction: a row of
    a Jacobian is one-hot): where it is not 0.  The caller says the other components do not
    count, so the exact derivative along them is 0 even where a partial is inf.  (``grad``'s
    seed, and a helper's, which the caller computed, are not structural.)"""
    return Support(gast.Compare(left=build.name(seed), ops=[gast.NotEq()],
                                comparators=[build.constant(0)]))


_WHERE_RULES = (np.where, np.nan_to_num)  # (their adjoints and tangents: np.where(c, g, 0.0))


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
    for contribution in block:
        operand = ir.note(contribution).contribution
        if operand is None or not isinstance(contribution, gast.Assign):
            continue
        fresh = state.get(operand) is None and operand not in seen
        seen.add(operand)
        support = _made(sweep, op.key, contribution.value, target)
        if support is None and passes_on:
            support = _handed(sweep, incoming, contribution, target, singular, arity == 1)
        known = sweep.supports.pop(operand, None)
        if support is not None and (fresh or known is not None):
            sweep.supports[operand] = support if fresh else union(known, support, operand,
                                                                  aliases)
    return block


def _handed(sweep: Sweep, incoming: Support, contribution: gast.Assign, target: str,
            singular: bool, unary: bool) -> Support | None:
    """The support of an elementwise statement's contribution to an operand, from its result's
    (``incoming``); a contribution that is singular, or reads a value that may not be finite
    (:func:`singular_fed`), kept on it: ``np.where(c, g * d, 0.0)``, or inside the un-broadcast
    to an operand of another shape (``_rt.unbroadcast(np.where(c, g * d, 0.0), x)``, supported
    where any element summed is)."""
    operand, value = ir.note(contribution).contribution, contribution.value
    numpy, runtime = sweep.machinery.aliases["np"], sweep.machinery.aliases["_rt"]
    if unary or (not _calls(value, "unbroadcast") and _same_shape(sweep, operand, target)):
        if singular or _reads_fed(sweep, value):
            contribution.value = incoming.keep(value, operand, numpy, runtime)
        return incoming
    if not (_calls(value, "unbroadcast") and len(value.args) == 2 and not value.keywords
            and getattr(value.args[1], "id", None) == operand):
        return None
    if singular or _reads_fed(sweep, value.args[0]):
        value.args[0] = incoming.keep(value.args[0], target, numpy, runtime)
    return Support(build.call(f"{runtime}.unbroadcast", incoming.mask(target, numpy, runtime),
                              build.name(operand)))


def _same_shape(sweep: Sweep, operand: str, result: str) -> bool:
    """Whether an elementwise operation's operand has its result's shape: proven
    (:mod:`.shapes`), or, specialized to a call (:mod:`.patterns`), of its rank with the same axes
    of length 1 (the others broadcast only to their own length)."""
    pattern = sweep.patterns.get(operand)
    return sweep.shapes.same(operand, result) or (
        pattern is not None and pattern == sweep.patterns.get(result))


def tangent_guard(sweep: Any, stmt: gast.stmt, target: str, value: gast.expr) -> gast.expr:
    """Forward mode's twin of :func:`guard` (``sweep`` a :class:`~.forward.Tangents`): a tangent
    ``_rt.chosen(t, w)`` or ``np.where(c, t, 0)`` is 0 by structure off its support, which an
    elementwise statement hands on (the union of its varying operands'; a singular one, or one
    whose partial reads a :func:`singular_fed` value, keeping its tangent ``value`` on it)."""
    sweep.supports.pop(target, None)
    op, aliases = ir.note(stmt).op, sweep.machinery.aliases
    support = _made(sweep, op.key, value)
    if support is None and _arity(sweep, op) > 0:
        varying = [sweep.supports.get(name) for name in sorted(set(op.operand_names()))
                   if name in sweep.active and name not in sweep.zero]
        if varying and None not in varying:
            support = varying[0]
            for other in varying[1:]:
                support = union(support, other, target, aliases)
            if singular_partial(sweep, op) or _reads_fed(sweep, value):
                value = support.keep(value, target, aliases["np"], aliases["_rt"])
    if support is not None and sweep.definitions.get(target, 0) <= 1 and \
            ir.note(stmt).updates is None:
        sweep.supports[target] = support
    return value


_POWERS = (np.power, operator.pow, np.float_power)
_QUOTIENTS = (np.divide, operator.truediv)


def singular_partial(sweep: Any, op: ir.Op) -> bool:
    """Whether ``op`` is declared singular (``tangentish.extend.singular``) and its partial in a
    varying operand may be inf where its value is finite: not ``x ** 2`` (a constant integer power
    of at least 1: ``2 * x``) or ``x / 2.0`` (a constant denominator other than 0)."""
    if not sweep.registry.is_singular(op.key) or len(op.args) != 2 or op.keywords:
        return sweep.registry.is_singular(op.key)
    constant = op.args[1].value if isinstance(op.args[1], gast.Constant) else None
    if type(constant) not in (int, float):
        return True
    if any(op.key is key for key in _POWERS):
        return not (constant >= 1 and float(constant).is_integer())
    return not (any(op.key is key for key in _QUOTIENTS) and constant != 0)


def singular_fed(sweep: Any) -> set[str]:
    """The names whose value may be inf or NaN where it is not used: the results of singular
    elementwise operations, and of elementwise operations of such names (to a fixed point).  The
    partials of the operations that make them may be too (``tanh'(sqrt(-1))``), so their
    derivatives are kept on the support like a singular partial's, and a loop carries the
    supports of their adjoints (:mod:`.support_flow`)."""
    if sweep.singular_fed is None:
        fed: set[str] = set()
        ops = [(defined_name(s), ir.note(s).op) for s in statements(sweep.norm.body)
               if ir.has_op(s)]
        ops = [(target, op) for target, op in ops if target is not None and _arity(sweep, op)]
        size = -1
        while size != len(fed):
            size = len(fed)
            fed |= {target for target, op in ops if singular_partial(sweep, op)
                    or fed.intersection(op.operand_names())}
        sweep.singular_fed = fed
    return sweep.singular_fed


def _reads_fed(sweep: Any, value: gast.expr) -> bool:
    """Whether a derivative reads a value that may be inf or NaN where it is not used."""
    return not singular_fed(sweep).isdisjoint(build.loads(value))


def _arity(sweep: Any, op: ir.Op) -> int:
    """How many operands the elementwise ``op`` has (0: not elementwise); a function a user
    declared singular, called with one argument, is unary (``singular`` is for elementwise ones)."""
    if op.key is None:
        return 0
    arity = elementwise_arity(op.key)
    if not arity and len(op.args) == 1 and not op.keywords and sweep.registry.is_singular(op.key):
        return 1
    return arity


def _made(sweep: Any, key: object, value: gast.expr, target: str | None = None) -> Support | None:
    """The support of a selection's derivative, if ``value`` is one: ``np.where(c, g, 0.0)``,
    ``_rt.chosen(g, w)`` (either un-broadcast to ``like``: the support is then where it holds
    for any element summed), ``_rt.unindex(g, like, index)``, a gather's adjoint
    (:data:`SCATTERS`, of the gather's result ``target``); None if it reads a name that may
    change (or a derivative)."""
    like = None
    if _calls(value, "unbroadcast") and len(value.args) == 2 and \
            isinstance(value.args[1], gast.Name):
        value, like = value.args
    if not isinstance(value, gast.Call) or value.keywords and not any(
            _calls(value, helper) for helper in SCATTERS):
        return None
    args, aliases = value.args, sweep.machinery.aliases
    support = None
    if any(key is rule for rule in _WHERE_RULES) and _calls(value, "where") and len(args) == 3:
        for taken, zero in ((True, args[2]), (False, args[1])):
            if is_zero(zero) or isinstance(zero, gast.Constant) and zero.value == 0:
                support = Support(args[0], taken)
                break
    elif _calls(value, "chosen") and len(args) == 2:
        support = Support(gast.Compare(left=args[1], ops=[gast.NotEq()],
                                       comparators=[build.constant(0)]))
    elif key is operator.getitem and _calls(value, "unindex") and len(args) == 3 and like is None:
        support = Support(None, index=args[2])
    elif target is not None and like is None and args and any(
            _calls(value, helper) for helper in SCATTERS) and \
            getattr(value.func.value, "id", None) == aliases["_rt"]:
        support = Support(_scattered(value, target, aliases["np"]))
    if support is None or not _stable(sweep, support.test or support.index):
        return None
    if like is not None:  # (a condition of several elements summed: any of them)
        test = support.test if support.taken else build.call(
            f"{aliases['np']}.logical_not", support.test)
        support = Support(build.call(f"{aliases['_rt']}.unbroadcast", test, like))
    return support


SCATTERS = ("untake", "untake_along_axis", "uncompress", "unextract", "undiagonal")
"""Runtime adjoints of gathers (``np.take``...): ``g`` added where the gather read, 0 elsewhere."""


def _scattered(value: gast.Call, gathered: str, numpy: str) -> gast.expr:
    """Where the gather whose adjoint is ``value`` read: its adjoint of ones, not 0."""
    ones = build.call(f"{numpy}.ones_like", build.name(gathered))
    read = gast.Call(func=build.clone(value.func), args=[ones, *map(build.clone, value.args[1:])],
                     keywords=[build.clone(k) for k in value.keywords])
    return gast.Compare(left=read, ops=[gast.NotEq()], comparators=[build.constant(0)])


def _basic(index: gast.expr) -> bool:
    """An index that reads no element twice, written out: ints, slices, a tuple of them."""
    if isinstance(index, gast.Tuple):
        return all(_basic(item) for item in index.elts)
    if isinstance(index, gast.UnaryOp) and isinstance(index.op, gast.USub):
        index = index.operand
    if isinstance(index, gast.Constant):
        return isinstance(index.value, int) or index.value is None or index.value is Ellipsis
    return isinstance(index, gast.Call) and getattr(index.func, "id", None) == "slice"


def _calls(value: gast.expr, helper: str) -> bool:
    func = getattr(value, "func", None)
    return isinstance(value, gast.Call) and isinstance(func, gast.Attribute) and func.attr == helper


def _stable(sweep: Any, test: gast.expr) -> bool:
    """``test`` reads no adjoint or tangent (``sweep.derivative_names``); a name it reads that is
    bound more than once holds the same value where it is read as long as no statement binds it
    in between (:func:`forget`)."""
    return sweep.derivative_names.isdisjoint(build.loads(test))


def forget(sweep: Any, stmt: gast.stmt) -> None:
    """The supports that no longer hold once the sweep passes ``stmt`` (reverse: its adjoint,
    from where on the primal's earlier values are read; forward: its tangent): those that read a
    name it binds that is bound elsewhere too."""
    bound = {name for name in stores(stmt) if sweep.definitions.get(name, 0) > 1}
    for name, support in list(sweep.supports.items()) if bound else ():
        if not bound.isdisjoint(reads(support)):
            del sweep.supports[name]


def reads(support: Support) -> set[str]:
    """The names a support's test reads."""
    return {name for part in support.parts or (support,)
            for name in build.loads(part.index if part.index is not None else part.test)}


def collapse(stmts: list[gast.stmt], walks: Walks, numpy: str = "np") -> None:
    """``np.where(c, np.where(c, a, 0.0) / d, 0.0)`` → ``np.where(c, a / d, 0.0)`` (what
    substituting a guarded contribution's operand into it leaves): within the outer selection the
    inner one is the identity.  Only an inner selection reached through arithmetic (elementwise);
    only NumPy's (``numpy``: its alias)."""
    for stmt in stmts:
        value = getattr(stmt, "value", None)
        outer = [node for node in build.nodes(value) if _calls(node, "where")
                 and getattr(node.func.value, "id", None) == numpy] if value else []
        for node in outer:
            kept = _kept(node) if len(node.args) == 3 and not node.keywords else None
            if kept is not None:
                node.args[kept] = _unwrapped(node.args[kept], node, kept)
        if outer:
            walks.forget(stmt)  # (its nodes may have changed)


def _kept(node: gast.Call) -> int | None:
    """Which argument of ``np.where(c, a, b)`` is kept (the other is the literal 0), if one is."""
    for kept, zero in ((1, 2), (2, 1)):
        other = node.args[zero]
        if isinstance(other, gast.Constant) and other.value == 0:
            return kept
    return None


def _unwrapped(value: gast.expr, outer: gast.Call, kept: int) -> gast.expr:
    if isinstance(value, gast.BinOp):
        value.left = _unwrapped(value.left, outer, kept)
        value.right = _unwrapped(value.right, outer, kept)
    elif isinstance(value, gast.UnaryOp):
        value.operand = _unwrapped(value.operand, outer, kept)
    elif _calls(value, "where") and len(value.args) == 3 and not value.keywords and \
            gast.dump(value.func) == gast.dump(outer.func) and _kept(value) == kept and \
            gast.dump(value.args[0]) == gast.dump(outer.args[0]):
        return value.args[kept]
    return value
