'''The adjoint code of one simple statement, written against the zero analysis' states.

For ``t = op(args)`` with ``t_bar`` live, the op's adjoint template gives one contribution per
differentiated operand; each becomes ``a_bar = c`` (``a_bar`` was zero), ``a_bar = a_bar + c``
(live) or a materialization followed by the sum (maybe ``None``).  When ``t_bar`` may be ``None``
the contributions run under ``if t_bar is not None:``, and the operands whose adjoints were zero
become ``None`` on the other path, exactly as :func:`adjoint_state.apply` says.

Below, ``y_bar`` is zero when ``return z + y`` contributes to it (assigned), live when ``z = y * w``
does (added to), and ``x_bar`` is zero at ``y = np.sin(x)``:

    >>> import numpy as np
    >>> import tangentish.rules  # registers the derivative rules
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.activity import analyze
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.generate import generate
    >>> from tangentish.passes.normalize import normalize
    >>> from tangentish.passes.reverse import reverse
    >>> def f(x, w):
    ...     y = np.sin(x)
    ...     z = y * w
    ...     return z + y
    >>> info = parse_function(f); desugar(info)
    >>> norm = normalize(info)
    >>> derivative = reverse(norm, analyze(norm, ["x"]), ["x"], single=True, with_value=False,
    ...                      fn_name="grad_f")
    >>> print(generate(derivative, "Gradient of f."), end="")
    def grad_f(x, w, *, out_bar=1.0):
        """Gradient of f."""
        y = np.sin(x)
        z = y * w
        out = z + y
        out_bar = _rt.seed(out, out_bar, 'f')
        # adjoint of: return z + y  [...]
        z_bar = _rt.unbroadcast(out_bar, z)
        y_bar = _rt.unbroadcast(out_bar, y)
        # adjoint of: z = y * w  [...]
        y_bar = y_bar + _rt.unbroadcast(z_bar * w, y)
        # adjoint of: y = np.sin(x)  [...]
        x_bar = y_bar * np.cos(x)
        return x_bar
'''

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import gast

from .. import ir
from ..registry import ADJOINT, Template
from ..syntax import build
from ..syntax.template import instantiate
from .adjoint_state import LIVE, MAYBE, Effect, State
from .binding import bind, is_user_function, template_for
from .calls import read_items
from .dataflow import statements, stores
from .patterns import Unbroadcasts
from .ranks import RANKED_HELPERS, RankedProducts
from .shapes import SameShape, elementwise_arity
from .supports import guard, singular_fed
from .supports_base import Support
from .supports_called import handed_masks
from .sweep import Sweep
from .weak_results import widened


def zeros_like(sweep: Sweep, primal: str | gast.expr) -> gast.expr:
    """``np.zeros_like(v)``; ``_rt.zeros_like(v)`` when ``v`` may be a list or tuple (its zero
    adjoint then has one zero per item when the items differ in shape) or may have no value
    (``_rt.UNBOUND``, whose adjoint is ``_rt.NO_DERIVATIVE``: code differentiated again saves
    such a variable on its tape, and the tape's adjoint hands it one); ``0.0`` for a proven
    float64 scalar (:mod:`.dtypes`: a NumPy call and a 0-d array in each later sum saved)."""
    value = build.name(primal) if isinstance(primal, str) else copy.deepcopy(primal)
    if isinstance(value, gast.Name) and value.id in sweep.float64 and \
            sweep.patterns.get(value.id) == () and value.id not in sweep.unbound:
        return build.constant(0.0)
    ours = isinstance(value, gast.Name) and (value.id in sweep.sequences or
                                             value.id in sweep.unbound)
    module = "_rt" if ours else "np"
    return build.call(f"{sweep.machinery.aliases[module]}.zeros_like", value)


def materialize(sweep: Sweep, fixes: dict[str, str]) -> list[gast.stmt]:
    """``v_bar = np.zeros_like(v)`` or ``v_bar = None`` for each name ``fixes`` lists."""
    out = []
    for primal, kind in sorted(fixes.items()):
        value = zeros_like(sweep, primal) if kind == "zeros" else build.constant(None)
        out.append(build.assign(sweep.adjoint(primal), value))
    return out


def is_none(adjoint: str, test: type = gast.Is) -> gast.Compare:
    """``adjoint is None`` (``adjoint is not None`` for ``test=gast.IsNot``)."""
    return gast.Compare(left=build.name(adjoint), ops=[test()], comparators=[build.constant(None)])


# Helpers whose contribution, added to an existing adjoint, has an in-place twin: the reverse pass
# writes ``x_bar = _rt.add_at(x_bar, g, x, i)`` instead of ``x_bar = x_bar + _rt.unindex(...)``.
_IN_PLACE_TWINS = {"unindex": "add_at"}


def _added(adjoint: str, contribution: gast.expr) -> gast.expr:
    """``adjoint + contribution``, or the helper's in-place twin (``_rt.add_at``) if it has one."""
    func = getattr(contribution, "func", None)
    if (isinstance(func, gast.Attribute) and isinstance(func.value, gast.Name)
            and func.attr in _IN_PLACE_TWINS):
        twin = build.call(build.attribute(copy.deepcopy(func.value), _IN_PLACE_TWINS[func.attr]),
                          build.name(adjoint), *contribution.args)
        twin.keywords = contribution.keywords
        return twin
    return build.binop(build.name(adjoint), "+", contribution)


def accumulate(sweep: Sweep, stmt: gast.Assign, state: State) -> list[gast.stmt]:
    """A contribution ``a_bar = c`` (from a template) as the code that adds it to ``a_bar``."""
    primal = ir.note(stmt).contribution
    if primal is None:
        return [stmt]
    adjoint = sweep.adjoint(primal)
    kind = state.get(primal)
    out: list[gast.stmt] = []
    if kind == MAYBE:
        out.append(build.if_(is_none(adjoint), [build.assign(adjoint, zeros_like(sweep, primal))]))
    if kind is not None:
        stmt.value = _added(adjoint, stmt.value)
    state[primal] = LIVE
    return out + [stmt]


def contributions(sweep: Sweep, stmt: gast.stmt, target: str) -> list[gast.stmt]:
    """The template's statements for ``stmt`` (each contribution's note names its operand)."""
    op = ir.note(stmt).op
    if op.key is None:
        source = op.args[0] if op.args else None
        if not isinstance(source, gast.Name) or not sweep.is_active(source.id):
            return []
        copied = build.assign(sweep.adjoint(source.id), build.name(sweep.adjoint(target)))
        ir.note(copied).contribution = source.id
        return [copied]
    if sweep.registry.is_nondifferentiable(op.key):
        return []
    if op.is_display:  # a literal: element i receives item i of the adjoint
        block, read = [], _read_items(sweep, target, op)
        for index, element in enumerate(op.args):
            if isinstance(element, gast.Name) and sweep.is_active(element.id) and (
                    read is None or index in read):
                item = build.subscript(build.name(sweep.adjoint(target)), build.constant(index))
                block.append(build.assign(sweep.adjoint(element.id), item))
                ir.note(block[-1]).contribution = element.id
        return block
    if is_user_function(op.key) and sweep.registry.lookup(ADJOINT, op.key) is None:
        return _call_contributions(sweep, stmt, target)
    if not any(sweep.is_active(name) for name in op.operand_names()):
        return []  # a constant where it is made (activity.constant_operation): no rule asked
    template = template_for(op, ADJOINT, sweep.norm.info, sweep.registry)
    values = bind(op, template, sweep.norm.info)
    values[template.result] = build.name(target)
    widening, read = widened(sweep, op, target)  # (the result's adjoint, maybe widened)
    return widening + instantiate(
        template, values, sweep.derivative, sweep.namer, reads={template.result: read},
        zero=lambda primal: zeros_like(sweep, primal), extras=sweep.extras,
        machinery=sweep.machinery, simplify=_simplifier(sweep, template, target, op))


def _read_items(sweep: Sweep, target: str, op: ir.Op) -> tuple[int, ...] | None:
    """The items of the returned tuple display ``target`` whose seed may be non-zero, in a
    helper's gradient whose caller reads only those (``Normalized.read_items``; the others get
    no adjoint at all, 0 by structure); None for any other display."""
    read, output = sweep.norm.read_items, sweep.norm.output
    if read is None or not isinstance(output, gast.Name) or output.id != target or \
            sweep.definitions.get(target, 0) != 1 or \
            any(isinstance(arg, gast.Starred) for arg in op.args):
        return None
    return tuple(i % len(op.args) for i in read if -len(op.args) <= i < len(op.args))


def unread_operands(sweep: Sweep, target: str, op: ir.Op) -> set[str]:
    """The names only the items of the returned tuple display ``target`` that no caller reads
    hold (:func:`_read_items`): they get no contribution."""
    read = _read_items(sweep, target, op) if op.is_display else None
    if read is None:
        return set()
    names = [getattr(arg, "id", None) for arg in op.args]
    return {n for i, n in enumerate(names) if i not in read} - {names[i] for i in read}


def _simplifier(sweep: Sweep, template: Template, target: str, op: ir.Op) -> Callable | None:
    """What rewrites the calls of this statement's adjoint: un-broadcasting dropped where shapes agree,
    matrix-product helpers written in NumPy where ranks are proven, a reduction's adjoint reading a parameter
    of the same shape and dtype, an integer index repeating no position assigned, a stacked list's join cut
    by a reshape, an assignment's value read by plain indexing where its index is basic; None if none can."""
    aliases = sweep.machinery.aliases
    steps = []
    if target in sweep.patterns and "unbroadcast" in template.attributes and \
            elementwise_arity(op.key):  # (its unbroadcast(g, x) read g shaped like the result)
        steps.append(Unbroadcasts(sweep.patterns, target, aliases["_rt"], aliases["np"]).simplify)
    if "unbroadcast" in template.attributes and (sweep.definitions.get(target, 0) == 1 or
                                                 target in sweep.scalars):  # (s = s + t: each s 0-d)
        steps.append(SameShape(sweep.shapes, target, aliases["_rt"], sweep.scalars).simplify)
    if sweep.ranks and template.attributes & RANKED_HELPERS:
        steps.append(RankedProducts(sweep.ranks, aliases["_rt"], aliases["np"],
                                    sweep.patterns).simplify)
    if sweep.stand_ins is not None and template.attributes & {"unreduce", "reduced_size"}:
        steps.append(sweep.stand_ins.simplify)
    if sweep.float64 and "pick_first" in template.attributes:
        from .dtypes import Ties  # (a derivative specialized to float64's only)
        steps.append(Ties({name: sweep.patterns.get(name) for name in sweep.float64},
                          aliases["_rt"], aliases["np"]).simplify)
    if sweep.ranks and "unindex" in template.attributes and sweep.aranges:
        from .unique_index import UniqueIndex  # (what only some functions need)
        steps.append(UniqueIndex(sweep.aranges, sweep.ranks, aliases["_rt"]).simplify)
    if "unjoin" in template.attributes and (stack := sweep.stacked_joins.get(target)):
        from .stacked_joins import StackedJoin  # (np.concatenate after np.stack of one list)
        steps.append(StackedJoin(stack, aliases["_rt"], aliases["np"]).simplify)
    if "written" in template.attributes:
        from .written import BasicIndex, Unbroadcast, written_alike  # (only some functions')
        steps.append(BasicIndex(aliases["_rt"], sweep.scalars).simplify)
        if sweep.patterns and (written_alike(op, sweep.norm, sweep.shapes) or  # (specialized)
                               getattr(op.args[0], "id", None) in sweep.number_lists):
            steps.append(Unbroadcast(aliases["_rt"]).simplify)
    if len(steps) < 2:
        return steps[0] if steps else None

    def each(node: gast.Call) -> gast.expr:
        for step in steps:
            if not isinstance(node, gast.Call):
                break
            node = step(node)
        return node
    return each


def _call_contributions(sweep: Sweep, stmt: gast.Assign, target: str) -> list[gast.stmt]:
    """``y = helper(...)``: ``a_bar = grad_helper_wrt_a(..., out_bar=y_bar)`` (one share per
    differentiated argument; see :func:`reaching`)."""
    op = ir.note(stmt).op
    bound, wrt = reaching(sweep, op)
    if not wrt:
        return []
    support = sweep.supports.get(target)
    callee = sweep.callees.candidate(op, wrt, "grad", read_items(support))
    callee, keywords = handed_masks(sweep, op, wrt, callee, [(target, support)], wrt, read_items(support))
    callee = sweep.callees.derivative(op, wrt, "grad", chosen=callee)
    keywords = {**op.keywords, callee.record.seed: build.name(sweep.adjoint(target)), **keywords}
    args = _flat_arguments(op, callee.structure) if callee.structure else op.args
    vjp = build.call(build.name(callee.name), *args, **keywords)
    names = [node.id for _, node in sweep.callees.shares(op, callee, wrt)]
    if callee.record.single:
        single = build.assign(sweep.adjoint(names[0]), vjp)
        ir.note(single).contribution = names[0]
        return [single]
    shares = sweep.namer.fresh(f"{callee.helper}_bar")
    out = [build.assign(shares, vjp)]
    for index, argument in enumerate(names):
        item = build.subscript(build.name(shares), build.constant(index))
        out.append(build.assign(sweep.adjoint(argument), item))
        ir.note(out[-1]).contribution = argument
    return out


def reaching(sweep: Sweep, op: ir.Op) -> tuple[Any, list[str]]:
    """The bound arguments of a call to a user's helper, and the parameters whose adjoint the
    caller takes: those given an active value, less those the helper's output does not depend
    on (``Record.zeros``: its gradient for them is 0 whatever the values).  The caller's adjoint
    then takes nothing from the call for such an argument, so a singular value feeding it
    (``np.sqrt(v)`` at ``v <= 0``) is never multiplied into ``0 * inf``."""
    bound = sweep.callees.bound(op)
    wrt = sweep.callees.active_parameters(op, bound, sweep.is_active)
    zeros = sweep.callees.record(op, wrt, "grad").zeros if wrt else ()
    return bound, [p for p in wrt if p not in zeros]


def _handed_over(sweep: Sweep, block: list[gast.stmt], target: str) -> list[gast.stmt]:
    """For an in-place update, ``target``'s adjoint is read by the contributions and then
    replaced by the old value's adjoint: if a read follows the replacement, read a copy taken
    first (``x_bar_1 = x_bar``)."""
    adjoint = sweep.adjoint(target)
    replaced = next((i for i, s in enumerate(block) if ir.note(s).contribution == target), None)
    if replaced is None or not any(adjoint in build.loads(s.value) for s in block[replaced + 1:]):
        return block
    taken = sweep.namer.fresh(adjoint)
    renamed = [_rename_loads(s, adjoint, taken) for s in block]
    return [build.assign(taken, build.name(adjoint)), *renamed]


def _rename_loads(stmt: gast.stmt, old: str, new: str) -> gast.stmt:
    for node in build.nodes(stmt.value):
        if isinstance(node, gast.Name) and node.id == old:
            node.id = new
    return stmt


def statement_adjoint(sweep: Sweep, stmt: gast.stmt, effect: Effect,
                      state: State) -> list[gast.stmt]:
    """The adjoint of one simple statement whose target's adjoint is live or maybe ``None``;
    updates ``state`` exactly as :func:`adjoint_state.apply` does (an operand the analysis
    expects a contribution for but the rule gave none gets explicit zeros)."""
    target = effect.target
    block = contributions(sweep, stmt, target)
    if ir.note(stmt).updates is not None:
        block = _handed_over(sweep, block, target)
    given = {ir.note(c).contribution for c in block}
    for primal in effect.adds:
        if primal not in given:
            block.append(build.assign(sweep.adjoint(primal), zeros_like(sweep, primal)))
            ir.note(block[-1]).contribution = primal
    prior = {ir.note(c).contribution: sweep.supports.get(ir.note(c).contribution)
             for c in block if ir.note(c).contribution is not None}
    guard(sweep, stmt, target, block, state)
    kind = state.pop(target)
    if kind == LIVE:
        return [s for c in block for s in accumulate(sweep, c, state)]
    before = dict(state)
    if effect.copy and len(block) == 1 and before.get(
            ir.note(block[0]).contribution) is None:  # a copy: zeros where the value was None
        source = ir.note(block[0]).contribution
        state[source] = LIVE
        return _copied(sweep, block[0], target, source)
    if ir.note(stmt).op.key is None and len(block) == 1 and before.get(
            ir.note(block[0]).contribution) is None:  # a copy of what may be None: pass it on
        state[ir.note(block[0]).contribution] = MAYBE
        return block
    inner = dict(state)
    code = [s for c in block for s in accumulate(sweep, c, inner)]
    others = []
    for primal in sorted(set(inner) - set(before)):
        others.append(build.assign(sweep.adjoint(primal), build.constant(None)))
        state[primal] = MAYBE
    for primal in set(inner) & set(before):
        state[primal] = LIVE if before[primal] == LIVE else MAYBE
    if not code:
        return []
    masks = branch_masks(sweep, code, prior, before)
    code += [build.assign(mask, then) for mask, then, _ in masks]
    others += [build.assign(mask, orelse) for mask, _, orelse in masks]
    return [build.if_(is_none(sweep.adjoint(target), gast.IsNot), code, others)]


def _copied(sweep: Sweep, copy: gast.Assign, target: str, source: str) -> list[gast.stmt]:
    """The adjoint of a copy of what may be ``None`` into one that is zero: zeros where it was
    ``None`` (``y_bar = r_bar if r_bar is not None else np.zeros_like(y)``).  Those zeros are
    structural (an iteration whose value the next one overwrites, unread): where no support is
    known, ``y`` is made by elementwise operations and a singular partial may be upstream (``y``
    :func:`.supports.singular_fed`), whether
    it was ``None`` is the copy's support, so that the partial is kept on it, not multiplied into
    ``0 * inf`` (``for k in range(2): r = np.sqrt(x * k)`` was NaN at k = 0: fuzz seed 4950,
    program 110)."""
    test = is_none(sweep.adjoint(target), gast.IsNot)
    made = [s for s in statements(sweep.norm.body) if stores(s) == {source}]
    elementwise = bool(made) and all(  # (an array or a number, not a tuple a helper returns,
        ir.has_op(s) and elementwise_arity(ir.note(s).op.key) for s in made)  # whose items'
    # supports would index the test: fuzz seed 4959, program 137)
    if sweep.supports.get(source) is not None or source not in singular_fed(sweep) or \
            not elementwise:
        copy.value = gast.IfExp(test=test, body=copy.value, orelse=zeros_like(sweep, source))
        return [copy]
    given = sweep.namer.fresh(f"{sweep.adjoint(target)}_given")
    copy.value = gast.IfExp(test=build.name(given), body=copy.value, orelse=zeros_like(sweep, source))
    sweep.supports[source] = Support(build.name(given))
    return [build.assign(given, test), copy]


def branch_masks(sweep: Any, code: list[gast.stmt], prior: dict[str, Support | None],
                 before: dict) -> list[tuple[str, gast.expr, gast.expr]]:
    """Reverse mode, where an adjoint that may be ``None`` puts a statement's contributions
    under ``if t_bar is not None:`` (``code``): each operand's support that reads a name the
    branch binds (a rule's own, ``kept = len(a)`` of a join's adjoint) is computed into a mask
    of its own in both branches, ``(mask, in code, in the other)``: there, the support the
    operand had before (``prior``), nowhere if it had no adjoint yet, else everywhere.  Read
    after the ``if`` as it was, it raised ``UnboundLocalError`` where the branch did not run
    (fuzz seed 4804 program 103, ``grad(grad(f))``)."""
    bound = {name for stmt in statements(code) for name in stores(stmt)}
    aliases, masks = sweep.machinery.aliases, []
    for operand in sorted(prior):
        support = sweep.supports.get(operand)
        if support is None or support.names().isdisjoint(bound):
            continue
        earlier = prior[operand]
        orelse = earlier.mask(operand, aliases["np"], aliases["_rt"]) if earlier is not None \
            else build.call(f"{aliases['_rt']}.read_mask", build.name(operand),
                            build.constant(operand in before))  # (no adjoint yet: nowhere)
        mask = sweep.namer.fresh(f"{operand}_mask")
        masks.append((mask, support.mask(operand, aliases["np"], aliases["_rt"]), orelse))
        sweep.supports[operand] = Support(build.name(mask))
    return masks


def _flat_arguments(op: ir.Op, structure: tuple) -> list:
    """The call's arguments with the displays ``structure`` names as their leaves (a helper
    handed displays of active values: :mod:`.displays`, imported then)."""
    from .displays import flat_arguments

    return flat_arguments(op.args, structure, op.key)
