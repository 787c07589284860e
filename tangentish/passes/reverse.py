"""Reverse mode: the primal sweep followed by the adjoint sweep, through control flow.

Guarantee to the next stage: a :class:`Derivative` whose ``body`` runs the normalized primal, seeds
the output's adjoint, then walks the active statements backwards, instantiating each one's adjoint
template.  Structure is mirrored: an ``if`` becomes an ``if`` on the same condition, a loop becomes
a loop over the same iterations in reverse (``for i in reversed(_r)``; ``while`` loops and loops
with ``break`` count their trips in ``_n``).  Adjoint statements carry ``.owner``, the id of the
primal block they belong to; blocks inside loops get tape markers (see :mod:`tape`) that are
filled in after optimization, when it is known which values the adjoint really reads.

Adjoint variables: ``x_bar = ...`` initialises at the first contribution, later ones accumulate.
Before an ``if`` or a loop whose adjoint contributes to a variable defined outside it, that
variable's adjoint is set to zeros first; an assignment to a name defined in several places
(merge and loop-carried names) hands its adjoint on and resets it to ``0.0``.

    primal  y = np.sin(x)          adjoint   y_bar = _rt.seed(y, out_bar, 'f')
            return y                         # adjoint of: return np.sin(x)  [demo.py:3]
                                             x_bar = y_bar * np.cos(x)
"""

from __future__ import annotations

import copy
from collections import Counter

import gast

from .. import runtime
from ..registry import ADJOINT, REGISTRY, Registry
from ..syntax.template import instantiate
from .activity import Activity, defined_name, flowing_names, statements
from .binding import adjoint_template, bind
from .calls import Callee, call_contributions, is_user_function
from .derivative import Derivative, call, constant, marker, marker_of
from .flow import is_break_if
from .normalize import Normalized, Op, assign, name
from .shapes import SameShape, analyze_shapes


def _defined(stmts: list[gast.stmt]) -> Counter:
    found: Counter = Counter()
    for stmt in statements(stmts):
        if isinstance(stmt, gast.Assign) and not hasattr(stmt, "updates"):
            found[stmt.targets[0].id] += 1
        elif isinstance(stmt, gast.For):
            found[stmt.target.id] += 1
    return found


class _Sweep:
    def __init__(self, norm: Normalized, activity: Activity, registry: Registry):
        self.norm = norm
        self.active = activity.active
        self.registry = registry
        self.namer = norm.namer
        self.shapes = analyze_shapes(norm)
        self.definitions = _defined(norm.body)
        self.adjoints: dict[str, str] = {}
        self.initialized: set[str] = set()
        self.comments: list[str] = []
        self.last_origin: int | None = None
        self._blocks = 0
        self.surely = set(norm.params) | must_define(norm.body)
        self.saves: dict[int, gast.stmt] = {}
        self.callees: dict[str, Callee] = {}
        self.extras: dict[str, object] = {}  # names rules' own modules define, see template.py

    # -- names ---------------------------------------------------------------------------------
    def derivative(self, primal: str) -> str | None:
        if primal not in self.active:
            return None
        if primal not in self.adjoints:
            self.adjoints[primal] = self.namer.adjoint(primal)
        return self.adjoints[primal]

    def new_block(self) -> int:
        self._blocks += 1
        return self._blocks

    # -- the primal sweep: loop counters and tape markers ---------------------------------------
    def primal(self, stmts: list[gast.stmt], block: int, in_loop: bool) -> list[gast.stmt]:
        out: list[gast.stmt] = []
        for stmt in stmts:
            if isinstance(stmt, gast.If) and not is_break_if(stmt):
                stmt.blocks = (self.new_block(), self.new_block())
                stmt.body = self.primal(stmt.body, stmt.blocks[0], in_loop)
                stmt.orelse = self.primal(stmt.orelse, stmt.blocks[1], in_loop)
            elif isinstance(stmt, (gast.For, gast.While)):
                out.extend(self.loop_primal(stmt))
            elif hasattr(stmt, "updates"):
                stmt.save = self.new_block()
                out.append(marker("save", stmt.save))
                self.saves[stmt.save] = stmt
            out.append(stmt)
        if in_loop:
            index = len(out) - 1 if out and is_break_if(out[-1]) else len(out)
            out.insert(index, marker("push_end", block))
        return out

    def loop_primal(self, loop: gast.For | gast.While) -> list[gast.stmt]:
        loop.block = self.new_block()
        body = self.primal(loop.body, loop.block, in_loop=True)
        setup = []
        counted = isinstance(loop, gast.While) or (body and is_break_if(body[-1]))
        loop.counter = self.namer.fresh("_n") if counted else None
        head = []
        if loop.counter:
            setup.append(_tagged(assign(loop.counter, constant(0)), loop))
            step = gast.BinOp(left=name(loop.counter), op=gast.Add(), right=constant(1))
            head.insert(0, _tagged(assign(loop.counter, step), loop))
        loop.body = head + body
        return setup

    # -- the adjoint sweep ---------------------------------------------------------------------
    def adjoint(self, stmts: list[gast.stmt], block: int) -> list[gast.stmt]:
        out: list[gast.stmt] = []
        for stmt in reversed(stmts):
            if hasattr(stmt, "updates") and getattr(stmt, "op", None) is not None:
                produced = self.update_adjoint(stmt)
            elif isinstance(stmt, gast.Assign) and getattr(stmt, "op", None) is not None:
                produced = self.assign_adjoint(stmt)
            elif isinstance(stmt, gast.If) and not is_break_if(stmt):
                produced = self.if_adjoint(stmt)
            elif isinstance(stmt, (gast.For, gast.While)):
                produced = self.loop_adjoint(stmt)
            else:
                continue
            for node in produced:
                if not hasattr(node, "owner"):
                    node.owner = block
            out.extend(produced)
        return out

    def comment(self, origin: int | None) -> list[gast.stmt]:
        if origin is None or origin == self.last_origin:
            return []
        self.last_origin = origin
        self.comments.append(f"adjoint of: {self.norm.info.provenance(origin)}")
        return [marker("comment", len(self.comments) - 1)]

    def assign_adjoint(self, stmt: gast.Assign) -> list[gast.stmt]:
        target = stmt.targets[0].id
        if target not in self.active or target not in self.initialized:
            return []
        block = self.contributions(stmt)
        if self.definitions[target] > 1:  # hand the adjoint on, start the earlier value at zero
            block.append(assign(self.derivative(target), constant(0.0)))
        if not block:
            return []
        return self.comment(stmt.origin) + [self.accumulate(s) for s in block]

    def update_adjoint(self, stmt: gast.stmt) -> list[gast.stmt]:
        """``x[i] = v`` / ``xs.append(v)``: hand ``x``'s adjoint on, restart it at zero, let the
        rule split it between the old ``x`` and ``v``; then restore what the update overwrote."""
        restore = [marker("restore", stmt.save)]
        target = stmt.updates
        if target not in self.active or target not in self.initialized:
            return restore
        adjoint = self.derivative(target)
        taken = self.namer.fresh(adjoint)
        op = stmt.op
        template = adjoint_template(op, self.norm.info, self.registry)
        values = bind(op, template, self.norm.info)
        values[template.result] = name(target)
        block = instantiate(template, values, self.derivative, self.namer,
                            reads={template.result: taken}, extras=self.extras)
        if not block:
            return restore
        reset = assign(adjoint, constant(0.0))
        reset.keep = True  # drops the last other reference, so the rule may work in place
        head = [assign(taken, name(adjoint)), reset]
        self.initialized.discard(target)  # its first contribution below starts it afresh
        body = [self.accumulate(s) for s in block]
        self.initialized.add(target)
        return self.comment(stmt.origin) + head + body + restore

    def contributions(self, stmt: gast.Assign) -> list[gast.stmt]:
        target = stmt.targets[0].id
        op = stmt.op
        if op.key is None:
            source = op.args[0] if op.args else None
            if not isinstance(source, gast.Name) or self.derivative(source.id) is None:
                return []
            copied = assign(self.derivative(source.id), name(self.derivative(target)))
            copied.contribution = source.id
            return [copied]
        if self.registry.is_nondifferentiable(op.key):
            return []
        if op.key in (tuple, list):  # a literal: element i receives item i of the adjoint
            block = []
            for index, element in enumerate(op.args):
                if isinstance(element, gast.Name) and self.derivative(element.id):
                    item = gast.Subscript(value=name(self.derivative(target)),
                                          slice=constant(index), ctx=gast.Load())
                    block.append(assign(self.derivative(element.id), item))
                    block[-1].contribution = element.id
            return block
        if is_user_function(op.key) and self.registry.lookup(ADJOINT, op.key) is None:
            return call_contributions(self, stmt)
        template = adjoint_template(op, self.norm.info, self.registry)
        values = bind(op, template, self.norm.info)
        values[template.result] = name(target)
        block = instantiate(template, values, self.derivative, self.namer, extras=self.extras)
        if self.definitions[target] == 1:
            block = [SameShape(self.shapes, target).visit(s) for s in block]
        return block

    def accumulate(self, stmt: gast.stmt) -> gast.stmt:
        primal = getattr(stmt, "contribution", None)
        if primal is None:
            return stmt
        if primal in self.initialized:
            stmt.value = _added(name(self.adjoints[primal]), stmt.value)
        self.initialized.add(primal)
        return stmt

    def outer_targets(self, stmts: list[gast.stmt]) -> set[str]:
        """Names defined outside ``stmts`` whose adjoint ``stmts``' adjoint contributes to."""
        inside = _defined(stmts)
        found = set()
        for stmt in statements(stmts):
            if getattr(stmt, "op", None) and defined_name(stmt) in self.active:
                found.update(n for n in flowing_names(stmt.op, self.norm.info, self.registry)
                             if n in self.active)
        return {n for n in found if inside[n] < self.definitions[n] or n in self.norm.params}

    def zero(self, names: set[str]) -> list[gast.stmt]:
        """Zero adjoints before a compound statement: shaped like the value where the value is
        surely defined, else a plain ``0.0`` (which broadcasts)."""
        out = []
        for primal in sorted(names - self.initialized):
            value = call("_rt.zeros_like", name(primal)) if primal in self.surely else \
                constant(0.0)
            out.append(assign(self.derivative(primal), value))
            self.initialized.add(primal)
        return out

    def _state(self) -> tuple:
        return (set(self.namer.taken), self.namer._counter, dict(self.adjoints),
                len(self.comments), set(self.initialized), self.last_origin)

    def _restore(self, state: tuple) -> None:
        taken, counter, adjoints, comments, initialized, last_origin = state
        self.namer.taken, self.namer._counter, self.adjoints = taken, counter, adjoints
        del self.comments[comments:]
        self.initialized, self.last_origin = initialized, last_origin

    def _started_in_both(self, stmt: gast.If) -> set[str]:
        """Adjoints that both branches start themselves (a dry run, undone afterwards)."""
        state = self._state()
        started = []
        for block, stmts in zip(stmt.blocks, (stmt.body, stmt.orelse), strict=True):
            self.initialized = set(state[4])
            self.block_adjoint(stmts, block)
            started.append(self.initialized - state[4])
        self._restore(state)
        return started[0] & started[1]

    def if_adjoint(self, stmt: gast.If) -> list[gast.stmt]:
        targets = self.outer_targets([stmt]) - self.initialized
        both = self._started_in_both(stmt) & targets if targets else set()
        setup = self.zero(targets - both)
        before = set(self.initialized)
        opening = self.comment(stmt.origin)
        then = self.block_adjoint(stmt.body, stmt.blocks[0])
        self.initialized = set(before)
        self.last_origin = None
        orelse = self.block_adjoint(stmt.orelse, stmt.blocks[1])
        self.initialized = before | both
        self.last_origin = None
        if not _has_work(then) and not _has_work(orelse):
            return setup
        mirrored = gast.If(test=copy.deepcopy(stmt.test), body=then or [gast.Pass()],
                           orelse=orelse)
        return setup + opening + [mirrored]

    def block_adjoint(self, stmts: list[gast.stmt], block: int) -> list[gast.stmt]:
        pop = [marker("pop", block)] if _in_loop_block(stmts, block) else []
        body = self.scoped(stmts, block)
        for node in pop:
            node.owner = block
        return pop + body if body else []

    def loop_adjoint(self, loop: gast.For | gast.While) -> list[gast.stmt]:
        setup = self.zero(self.outer_targets(loop.body))
        before = set(self.initialized)
        self.last_origin = None
        body = self.scoped(loop.body, loop.block)
        self.initialized = before
        self.last_origin = None
        if not _has_work(body):
            return setup
        pop = marker("pop", loop.block)
        pop.owner = loop.block
        if isinstance(loop, gast.While):
            header = call("range", name(loop.counter))
            target = name("_", store=True)
        else:
            iterable = copy.deepcopy(loop.iter)
            if loop.counter:
                iterable = gast.Subscript(value=iterable, slice=gast.Slice(
                    lower=None, upper=name(loop.counter), step=None), ctx=gast.Load())
            header = call("reversed", iterable)
            target = name(loop.target.id, store=True)
        mirrored = gast.For(target=target, iter=header, body=[pop, *body], orelse=[],
                            type_comment=None)
        return setup + self.comment(loop.origin) + [mirrored]

    def scoped(self, stmts: list[gast.stmt], block: int) -> list[gast.stmt]:
        """The adjoint of a nested block, knowing which of its names every path defines."""
        saved = self.surely
        self.surely = saved | must_define(stmts)
        try:
            return self.adjoint(stmts, block)
        finally:
            self.surely = saved

    # -- entry points --------------------------------------------------------------------------
    def seed(self, output: gast.expr) -> list[gast.stmt]:
        seed = self.norm.seed
        seeded = call("_rt.seed", output, name(seed), constant(self.norm.info.name))
        if isinstance(output, gast.Name) and output.id in self.active:
            if output.id == "out":  # the seed parameter is the output's adjoint
                self.adjoints["out"] = seed
            start = assign(self.derivative(output.id), seeded)
            start.keep = True
            self.initialized.add(output.id)
            return [start]
        return [gast.Expr(value=seeded)]

    def gradient(self, primal: str) -> gast.expr:
        if primal in self.initialized:
            return name(self.adjoints[primal])
        return call("_rt.zeros_like", name(primal))


def _added(adjoint: gast.Name, contribution: gast.expr) -> gast.expr:
    """``adjoint + contribution``, or the helper's in-place twin (``_rt.add_at``) if it has one."""
    func = getattr(contribution, "func", None)
    if (isinstance(func, gast.Attribute) and getattr(func.value, "id", None) == "_rt"
            and func.attr in runtime.ACCUMULATE_IN_PLACE):
        twin = call(f"_rt.{runtime.ACCUMULATE_IN_PLACE[func.attr]}", adjoint,
                    *contribution.args)
        twin.keywords = contribution.keywords
        return twin
    return gast.BinOp(left=adjoint, op=gast.Add(), right=contribution)


def must_define(stmts: list[gast.stmt]) -> set[str]:
    """Names that every path through ``stmts`` assigns (loops may run zero times)."""
    found: set[str] = set()
    for stmt in stmts:
        if isinstance(stmt, gast.Assign) and not hasattr(stmt, "updates"):
            found.add(stmt.targets[0].id)
        elif isinstance(stmt, gast.If):
            found |= must_define(stmt.body) & must_define(stmt.orelse)
    return found


def _tagged(stmt: gast.stmt, origin_of: gast.AST) -> gast.stmt:
    stmt.origin = getattr(origin_of, "origin", None)
    stmt.op = Op(None, [])
    return stmt


def _in_loop_block(stmts: list[gast.stmt], block: int) -> bool:
    return any(marker_of(s) == ("push_end", block) for s in stmts)


def _has_work(stmts: list[gast.stmt]) -> bool:
    return any(marker_of(s) is None for s in stmts)


def signature(norm: Normalized) -> gast.arguments:
    """The user's parameters (their defaults as written) plus the keyword-only seed ``out_bar``."""
    args = copy.deepcopy(norm.info.node.args)
    args.kwonlyargs.append(gast.Name(id=norm.seed, ctx=gast.Param(), annotation=None,
                                     type_comment=None))
    args.kw_defaults.append(constant(1.0))
    return args


def reverse(norm: Normalized, activity: Activity, wrt: list[str], *, single: bool,
            with_value: bool, fn_name: str, registry: Registry = REGISTRY) -> Derivative:
    """Build the primal-plus-adjoint function (see the module docstring)."""
    output = norm.body[-1].value
    sweep = _Sweep(norm, activity, registry)
    for stmt in statements(norm.body):  # report a missing rule in source order, first
        if getattr(stmt, "op", None) and defined_name(stmt) in sweep.active and \
                stmt.op.key not in (None, tuple, list) and \
                not registry.is_nondifferentiable(stmt.op.key) and \
                not (is_user_function(stmt.op.key) and not registry.lookup(ADJOINT, stmt.op.key)):
            bind(stmt.op, adjoint_template(stmt.op, norm.info, registry), norm.info)
    primal = sweep.primal(norm.body[:-1], 0, in_loop=False)
    if with_value and isinstance(output, gast.Name) and sweep.definitions[output.id] > 1:
        kept = norm.namer.fresh("value")  # the tape may restore the output's earlier values
        primal.append(assign(kept, name(output.id)))
        output = name(kept)
    adjoint = sweep.seed(output) + sweep.adjoint(norm.body[:-1], 0)
    for node in adjoint:
        if not hasattr(node, "owner"):
            node.owner = 0
    grads = [sweep.gradient(w) for w in wrt]
    result: gast.expr = grads[0] if single else gast.Tuple(elts=grads, ctx=gast.Load())
    value: gast.expr = output
    if norm.aux is not None:  # has_aux: (grads, aux), or ((value, aux), grads)
        value = gast.Tuple(elts=[output, norm.aux], ctx=gast.Load())
        if not with_value:
            result = gast.Tuple(elts=[result, norm.aux], ctx=gast.Load())
    if with_value:
        result = gast.Tuple(elts=[value, result], ctx=gast.Load())
    body = [*primal, *adjoint, gast.Return(value=result)]
    protected = {n.id for n in gast.walk(result) if isinstance(n, gast.Name)}
    return Derivative(fn_name, signature(norm), body, sweep.comments, norm.namer, protected,
                      saves=sweep.saves, callees=sweep.callees, extras=sweep.extras)
