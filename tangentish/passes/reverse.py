'''Reverse mode: the primal sweep followed by the adjoint sweep, through control flow.

Guarantee to the next stage: a :class:`Derivative` whose body runs the normalized primal, seeds the
output's adjoint, then walks the active statements backwards, instantiating each one's adjoint
template (:mod:`adjoint_code`).  Structure is mirrored: an ``if`` becomes an ``if`` on the same
condition, a loop a loop over the same iterations in reverse (``for i in reversed(r)``; ``while``
loops and loops with ``break`` count their trips in ``_n``).  Which adjoints hold a value where is
decided by the zero analysis (:mod:`adjoint_state`): every adjoint is used up at its variable's
definition, so a value overwritten in a loop passes its adjoint on exactly once per definition.
Blocks that run repeatedly get tape markers (:class:`~tangentish.ir.Push`/``Pop``) and in-place
updates ``Save``/``Restore`` markers, filled in after optimization by :mod:`tape`.

    >>> import numpy as np
    >>> import tangentish.rules  # registers the derivative rules
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.activity import analyze
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.generate import generate
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x):
    ...     if x > 0:
    ...         y = np.sin(x)
    ...     else:
    ...         y = x * x
    ...     return y
    >>> info = parse_function(f); desugar(info)
    >>> norm = normalize(info)
    >>> derivative = reverse(norm, analyze(norm, ["x"]), ["x"], single=True, with_value=False,
    ...                      fn_name="grad_f")
    >>> print(generate(derivative, "Gradient of f."), end="")
    def grad_f(x, *, out_bar=1.0):
        """Gradient of f."""
        _t1 = x > 0
        if _t1:
            y = np.sin(x)
        else:
            y = x * x
        y_bar = _rt.seed(y, out_bar, 'f')
        # adjoint of: if x > 0:  [...]
        if _t1:
            # adjoint of: y = np.sin(x)  [...]
            x_bar = y_bar * np.cos(x)
        else:
            # adjoint of: y = x * x  [...]
            x_bar = _rt.unbroadcast(y_bar * x, x)
            x_bar = x_bar + _rt.unbroadcast(y_bar * x, x)
        return x_bar
'''

from __future__ import annotations

from collections import Counter

import gast

from .. import ir
from ..registry import ADJOINT, REGISTRY, Registry
from ..syntax import build
from ..syntax.star import star_restored  # (def f(x, *args))
from .activity import Activity
from .adjoint_code import is_none, materialize, reaching, statement_adjoint, unread_operands
from .adjoint_state import LIVE, MAYBE, Effect, Scope, State, Zeros, prefix_scopes
from .binding import is_user_function
from .calls import CalleeBuilder, names_of
from .dataflow import assigned, defined_name, definition_counts, statements, upward_exposed
from .derivative import Derivative
from .lowering import is_break_if
from .normalize import Normalized
from .shapes import StandIns
from .support_flow import LoopSupports, entry, freeze_crossing, join, masked
from .supports_frozen import freeze, freeze_bound
from .sweep import Sweep


class Reverse(Sweep):
    def __init__(self, norm: Normalized, activity: Activity, registry: Registry,
                 callees: CalleeBuilder | None):
        super().__init__(norm, activity, registry, callees)
        self.saves: dict[int, gast.stmt] = {}
        self._blocks = 0
        self._effects: dict[int, Effect | None] = {}
        # how often each name is mentioned (each use once), as the user wrote it: loops only
        self._loads = Counter(n for s in norm.body for n in build.names(s)) \
            if any(isinstance(s, (gast.For, gast.While)) for s in statements(norm.body)) \
            else Counter()
        self.zeros = Zeros(self.effect, self.crossing)
        self.last_origin: int | None = None

    def new_block(self) -> int:
        self._blocks += 1
        return self._blocks

    # -- the zero analysis' view of statements -------------------------------------------------
    def effect(self, stmt: gast.stmt) -> Effect | None:
        key = id(stmt)
        if key not in self._effects:
            self._effects[key] = self._effect(stmt)
        return self._effects[key]

    def _effect(self, stmt: gast.stmt) -> Effect | None:
        if not ir.has_op(stmt):
            return None
        target = defined_name(stmt)
        if target is None or target not in self.active:
            return None
        op = ir.note(stmt).op
        flowing = self.activity.flowing(op, self.norm.info, self.registry)
        if is_user_function(op.key) and self.registry.lookup(ADJOINT, op.key) is None:
            bound, wrt = reaching(self, op)  # (an argument its gradient is 0 for takes nothing)
            flowing = [n for p in wrt for n in names_of(bound.arguments[p])]
        skipped = unread_operands(self, target, op)  # (a helper's unread items: .adjoint_code)
        adds = tuple(dict.fromkeys(n for n in flowing if n in self.active and n not in skipped))
        copy = op.key is None and len(adds) == 1 and adds[0] not in self.unbound
        return Effect(target, adds, copy=copy)

    def crossing(self, loop: gast.stmt) -> set[str]:
        """Names whose adjoints cross iterations of ``loop``: those it does not assign, and the
        loop-carried ones (assigned in the body and read before assignment or after the loop)."""
        inside = assigned(loop.body) | ({loop.target.id} if isinstance(loop, gast.For) else set())
        body_loads = Counter(n for s in loop.body for n in build.names(s))
        carried = {n for n in inside if self._loads[n] > body_loads[n]}
        carried |= upward_exposed(loop.body) & inside
        return (self.active - inside) | (carried & self.active)

    # -- the primal sweep: loop counters and tape markers ---------------------------------------
    def primal(self, stmts: list[gast.stmt], block: int, in_loop: bool) -> list[gast.stmt]:
        out: list[gast.stmt] = []
        for stmt in stmts:
            if isinstance(stmt, gast.If) and not is_break_if(stmt):
                ir.note(stmt).blocks = (self.new_block(), self.new_block())
                stmt.body = self.primal(stmt.body, ir.note(stmt).blocks[0], in_loop)
                stmt.orelse = self.primal(stmt.orelse, ir.note(stmt).blocks[1], in_loop)
            elif isinstance(stmt, (gast.For, gast.While)):
                out.extend(self.loop_primal(stmt))
            elif ir.note(stmt).updates is not None:
                ir.note(stmt).save = self.new_block()
                out.append(ir.Save(ir.note(stmt).save))
                self.saves[ir.note(stmt).save] = stmt
            out.append(stmt)
        if in_loop:
            index = len(out) - 1 if out and is_break_if(out[-1]) else len(out)
            out.insert(index, ir.Push(block))
        return out

    def loop_primal(self, loop: gast.For | gast.While) -> list[gast.stmt]:
        """Mark the loop's body as a taped block; count trips where the reverse loop needs it."""
        ir.note(loop).blocks = (self.new_block(),)
        body = self.primal(loop.body, ir.note(loop).blocks[0], in_loop=True)
        counted = isinstance(loop, gast.While) or (body and is_break_if(body[-1]))
        setup: list[gast.stmt] = []
        if counted:
            counter = self.namer.fresh("_n")
            ir.note(loop).counter = counter
            setup.append(_primal(build.assign(counter, build.constant(0)), loop))
            step = build.binop(build.name(counter), "+", build.constant(1))
            body.insert(0, _primal(build.assign(counter, step), loop))
        loop.body = body
        return setup

    # -- the adjoint sweep ---------------------------------------------------------------------
    def block(self, stmts: list[gast.stmt], state: State, scope: Scope,
              block: int, supports: dict | None = None) -> list[gast.stmt]:
        """The adjoint of ``stmts`` (walked backwards), updating ``state`` (``supports``: on entry)."""
        out: list[gast.stmt] = []
        self.supports = dict(supports or {})  # (what .supports knows holds in straight-line code)
        for stmt, before in zip(reversed(stmts), reversed(prefix_scopes(stmts, scope)),
                                strict=True):
            if isinstance(stmt, gast.If) and not is_break_if(stmt):
                produced = freeze_crossing(self, stmt) + self.if_adjoint(stmt, state, before)
            elif isinstance(stmt, (gast.For, gast.While)):
                produced = self.loop_adjoint(stmt, state, before)  # (sets .supports)
            elif isinstance(stmt, ir.Marker) or not ir.has_op(stmt):
                continue
            else:
                produced = freeze(self, stmt) + freeze_bound(self, stmt) + \
                    self.simple_adjoint(stmt, state)
            origin = ir.note(stmt).origin
            for node in produced:
                note = ir.note(node)
                if note.owner is None:
                    note.owner = block
                if note.origin is None:
                    note.origin = origin
            out.extend(produced)
        return out

    def simple_adjoint(self, stmt: gast.stmt, state: State) -> list[gast.stmt]:
        restore = [] if ir.note(stmt).save is None else _restore(stmt)
        effect = self.effect(stmt)
        if effect is None or effect.target not in state:
            return restore
        code = statement_adjoint(self, stmt, effect, state)
        if restore and not _undone_after(stmt):  # the adjoint reads the values from before it
            return (self.comment(ir.note(stmt).origin) if code else []) + restore + code
        return (self.comment(ir.note(stmt).origin) if code else []) + code + restore

    def comment(self, origin: int | None) -> list[gast.stmt]:
        if origin is None or origin == self.last_origin:
            return []
        self.last_origin = origin
        return [ir.Comment(f"adjoint of: {self.norm.info.provenance(origin)}")]

    def if_adjoint(self, stmt: gast.If, state: State, before: Scope) -> list[gast.stmt]:
        opening = self.comment(ir.note(stmt).origin)
        then_state, else_state, met = dict(state), dict(state), self.supports
        then = self.branch(stmt.body, then_state, before, ir.note(stmt).blocks[0], met)
        then_supports = self.supports
        orelse = self.branch(stmt.orelse, else_state, before, ir.note(stmt).blocks[1], met)
        merged, (then_fix, else_fix) = Zeros.join_if(then_state, else_state, before)
        then += materialize(self, then_fix)
        orelse += materialize(self, else_fix)
        state.clear()
        state.update(merged)
        self.last_origin, self.supports = None, join(self, stmt.test, merged, (
            then_state, then_supports), (else_state, self.supports))
        if not _has_work(then) and not _has_work(orelse):
            return []
        return opening + [build.if_(build.clone(stmt.test), then, orelse)]

    def branch(self, stmts: list[gast.stmt], state: State, before: Scope,
               block: int, supports: dict | None = None) -> list[gast.stmt]:
        self.last_origin = None
        body = self.block(stmts, state, before, block, supports)
        if any(isinstance(s, ir.Push) and s.block == block for s in stmts):
            pop = ir.Pop(block)
            ir.note(pop).owner = block
            body.insert(0, pop)
        return body

    def loop_adjoint(self, loop: gast.For | gast.While, state: State,
                     before: Scope) -> list[gast.stmt]:
        head = self.zeros.loop_head(loop, state, before)
        entry = materialize(self, head.entry)
        body_state = dict(head.state)
        inside = before.extended(loop.body)
        block = ir.note(loop).blocks[0]
        self.last_origin = None
        supports = LoopSupports(self, loop, head.state, state)
        body = self.branch(loop.body, body_state, inside, block, supports.entry)
        body += supports.carry(body_state, block, body) + materialize(self, head.back)
        state.clear()
        state.update({k: v for k, v in head.state.items() if before.may(k)})
        self.last_origin, self.supports = None, supports.after
        if not _has_work(body):
            return [*entry, *supports.start]
        return [*entry, *supports.start, *self.comment(ir.note(loop).origin),
                self.reversed_loop(loop, body)]

    def reversed_loop(self, loop: gast.For | gast.While, body: list[gast.stmt]) -> gast.For:
        counter = ir.note(loop).counter
        if isinstance(loop, gast.While):
            return build.for_("_", build.call("range", build.name(counter)), body)
        iterable = build.clone(loop.iter)
        if counter:
            iterable = build.subscript(iterable, gast.Slice(lower=None, upper=build.name(counter),
                                                            step=None))
        return build.for_(loop.target.id, build.call("reversed", iterable), body)

    # -- entry and exit ------------------------------------------------------------------------
    def seed(self, output: gast.expr, checked: bool) -> tuple[list[gast.stmt], State]:
        """Check the seed against the output (unless the caller has: ``checked``), and start the
        output's adjoint from it."""
        seed = self.norm.seed
        check: gast.expr = build.name(seed)
        if not checked:
            check = build.call(f"{self.machinery.aliases['_rt']}.seed", build.clone(output),
                               check, build.constant(self.norm.info.name))
        if isinstance(output, gast.Name) and output.id in self.active:
            if output.id == "out":  # the seed parameter is the output's adjoint
                self.adjoints["out"] = seed
                self.derivative_names.add(seed)
                if checked:
                    return [], {"out": LIVE}
            start = build.assign(self.adjoint(output.id), check)
            ir.note(start).keep = not checked
            return [start], {output.id: LIVE}
        return ([] if checked else [build.expression(check)]), {}

    def gradient(self, primal: str, state: State) -> tuple[list[gast.stmt], gast.expr]:
        """The returned gradient of parameter ``primal``: zeros of its shape when nothing
        reached it."""
        zeros = build.call(f"{self.machinery.aliases['_rt']}.zeros_like", build.name(primal))
        kind = state.get(primal)
        if kind is None:
            return [], zeros
        adjoint = self.adjoint(primal)
        if kind == MAYBE:
            fix = build.if_(is_none(adjoint), [build.assign(adjoint, zeros)])
            return [fix], build.name(adjoint)
        return [], build.name(adjoint)


def _primal(stmt: gast.stmt, origin_of: gast.AST) -> gast.stmt:
    """Bookkeeping added to the primal (a loop counter): it has no adjoint of its own."""
    ir.note(stmt).origin = ir.note(origin_of).origin
    ir.note(stmt).op = ir.Op(None, [])
    return stmt


def _has_work(stmts: list[gast.stmt]) -> bool:
    """Whether an adjoint block does anything: code, or the restore of an in-place update (which
    earlier adjoint code may read through, even when the update itself has no adjoint)."""
    return any(not isinstance(s, ir.Marker) or isinstance(s, ir.Restore) for s in stmts)


def signature(norm: Normalized) -> gast.arguments:
    """The user's parameters (their defaults as written) plus the keyword-only seed ``out_bar``."""
    args = star_restored(build.clone(norm.info.node.args), norm.info.star)
    args.kwonlyargs.append(build.param(norm.seed))
    args.kw_defaults.append(build.constant(1.0))
    return args


def reverse(norm: Normalized, activity: Activity, wrt: list[str], *, single: bool,
            with_value: bool, fn_name: str, callees: CalleeBuilder | None = None,
            registry: Registry = REGISTRY, seed_checked: bool = False,
            seeded: bool | str = False) -> Derivative:
    """Build the primal-plus-adjoint function (see the module docstring).  ``seed_checked``: the
    caller checks the seed against the output (``vjp``'s pullback), so the code does not;
    ``seeded``: the seed is the caller's own, its zeros structural, or a helper's with a mask
    (:mod:`.support_flow`)."""
    sweep = Reverse(norm, activity, registry, callees)
    sweep.stand_ins = StandIns(norm, wrt, norm.machinery.aliases["_rt"],
                               sweep.definitions)  # (the body as the sweep counted it)
    output = norm.output
    primal = sweep.primal(norm.body[:-1], 0, in_loop=False)
    kept: list[gast.expr] = [output] + ([norm.aux] if norm.aux is not None else [])
    if with_value or norm.aux is not None:  # the adjoint may rebind or rewind these: keep them
        counts = definition_counts(norm.body)
        kept = [_kept(norm, value, primal, counts) for value in kept]
    plain_seed = not seed_checked and isinstance(output, gast.Name) and \
        output.id in sweep.float64 and sweep.patterns.get(output.id) == ()
    seeding, state = sweep.seed(output, seed_checked or plain_seed)
    scope = Scope(frozenset(norm.params), frozenset(norm.params), unbound=sweep.unbound)
    adjoint = seeding + sweep.block(norm.body[:-1], state, scope, 0,
                                    entry(sweep, output, state, norm.seed, seeded))
    grads: list[gast.expr] = []
    for parameter in wrt:
        fix, value = sweep.gradient(parameter, state)
        adjoint += fix
        grads.append(value)
    for node in adjoint:
        if ir.note(node).owner is None:
            ir.note(node).owner = 0
    for node in statements(adjoint):
        ir.note(node).adjoint = True
    result: gast.expr = grads[0] if single else build.tuple_(grads)
    value = kept[0] if norm.aux is None else build.tuple_(kept)
    if norm.aux is not None and not with_value:
        result = build.tuple_([result, kept[1]])
    if with_value:
        result = build.tuple_([value, result])
    body = [*primal, *adjoint, build.return_(result)]
    protected = set(build.names(result)) | (set(build.names(output)) if seed_checked else set())
    sweep.zeros = None  # (it holds the sweep's bound methods: a cycle the collector would walk)
    derivative = Derivative(fn_name, masked(signature(norm), norm, seeded), body, norm.namer, protected,
                      saves=sweep.saves, callees=sweep.callees, extras=sweep.extras,
                      machinery=norm.machinery, sharing=norm.sharing,
                      primal_of={adjoint: primal for primal, adjoint in sweep.adjoints.items()},
                      follows=sweep.stand_ins.follows(), sequences=sweep.sequences,
                      ranks=sweep.ranks, real=activity.real,
                      scalars={name for name, p in sweep.patterns.items() if p == ()},
                      float64={name: sweep.patterns[name] for name in sweep.float64
                               if name in sweep.patterns}, plain_seed=plain_seed,
                      shaped={name: sweep.shapes.find(name) for name in sweep.float64})
    derivative.zeros = frozenset(p for p in wrt if state.get(p) is None)
    derivative.carried = frozenset(sweep.shapes.carried)
    derivative.number_lists = sweep.number_lists
    return derivative


def _kept(norm: Normalized, value: gast.expr, primal: list[gast.stmt],
          counts: dict[str, int]) -> gast.expr:
    """A name holding ``value`` as the primal left it: the adjoint sweep may rebind a name
    assigned in several places (popping the tape) or rewind an array changed in place."""
    if not isinstance(value, gast.Name):
        return value
    updated = any(ir.note(s).updates == value.id for s in statements(norm.body))
    if counts.get(value.id, 0) <= 1 and not updated:
        return value
    kept = norm.namer.fresh("value")
    copied = build.call(f"{norm.machinery.aliases['np']}.copy", build.name(value.id)) \
        if updated else build.name(value.id)
    stmt = build.assign(kept, copied)
    ir.note(stmt).keep = True
    primal.append(stmt)
    return build.name(kept)


def _restore(stmt: gast.stmt) -> list[gast.stmt]:
    """The restore of the value ``stmt`` overwrote (taped before it)."""
    from .undo import undo_reads  # (a statement that overwrites a value: imported then)

    return [ir.Restore(ir.note(stmt).save, reads=undo_reads(stmt))]


def _undone_after(stmt: gast.stmt) -> bool:
    from .undo import undone_after

    return undone_after(stmt)
