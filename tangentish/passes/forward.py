'''Forward mode: tangents carried statement by statement next to the primal.

Guarantee to the next stage: a :class:`Derivative` whose body is the normalized primal with, after
each active statement, its tangent (``y_dot = ...`` from the op's tangent template; ``x_dot`` for a
``wrt`` parameter ``x``).  Control flow needs no tape: tangents live in the same branches and loop
iterations as their values.  The tangent of a value that does not depend on the inputs is a
*symbolic* zero (:mod:`zeros`): it vanishes from products and sums, a call whose tangent arguments
are all zero is zero, and a zero that must exist as a value becomes ``np.zeros_like(<primal>)``
(never a bare ``0.0`` where an array is due).  A variable assigned in several places (merge and
loop-carried names) always has a real tangent, so a loop whose state starts constant works.

    >>> import numpy as np
    >>> import tangentish.rules  # registers the derivative rules
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.activity import analyze
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.generate import generate
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x, w):
    ...     y = np.sin(x)
    ...     z = y * w
    ...     return z
    >>> info = parse_function(f); desugar(info)
    >>> norm = normalize(info)
    >>> derivative = forward(norm, analyze(norm, ["x"]), ["x"], fn_name="jvp_f")
    >>> print(generate(derivative, "Value and derivative of f along x_dot."), end="")
    def jvp_f(x, w, *, x_dot):
        """Value and derivative of f along x_dot."""
        y = np.sin(x)
        y_dot = x_dot * np.cos(x)
        z = y * w
        z_dot = y_dot * w
        return z, z_dot
'''

from __future__ import annotations

import copy
from functools import partial
from typing import Any

import gast

from .. import ir, runtime
from ..registry import REGISTRY, TANGENT, Registry
from ..syntax import build
from ..syntax.star import star_restored
from ..syntax.template import instantiate
from .activity import Activity
from .binding import bind, is_user_function, template_for
from .calls import CalleeBuilder
from .dataflow import LOOPS, defined_name, definitions, statements
from .derivation import Derivation
from .derivative import Derivative
from .displays import flat_arguments
from .dtype_roots import DtypeRoots
from .normalize import Normalized, parameters
from .support_flow import after_compound, carried, carry_end, carry_start, changed, lasting, merged
from .supports import tangent_guard
from .supports_base import MASKS, NOWHERE, Support, calls, large, mask_keyword, seed_support
from .supports_bound import forget_changed
from .supports_called import handed_masks
from .supports_factors import factored_statements
from .supports_frozen import forget, frozen
from .supports_kept import appended_outside, mirrored
from .widening import Facts, dtype_sources, kept_promotion
from .zeros import Zero, finish, holds_floating_array, is_zero, makes_floating_array, simplified

_PRIVATE = frozenset({"private"})


class Tangents(Derivation):
    def __init__(self, norm: Normalized, activity: Activity, registry: Registry,
                 callees: CalleeBuilder | None):
        super().__init__(norm, activity, registry, callees)
        self.tangents: dict[str, str] = {}
        self.primal_of: dict[str, str] = {}  # (tangents inverted, as they are made: :meth:`named`)
        self.zero: set[str] = set()  # single-assignment names whose tangent is symbolically zero
        self.supports: dict[str, Any] = {}  # primal -> where its tangent may be non-zero
        self.singular_fed: set[str] | None = None  # (.supports: on first use)
        self.seeds: dict[str, Any] = {}  # parameter -> its direction's support (everywhere)
        self.looping: set[str] = set()  # names the loops around the sweep's place change
        self.partly: dict[str, Any] = {}  # (.supports_bound: supports read on some paths only)
        self.kept: dict[str, str] | None = None  # (.supports_kept: lists with a mask of their own)
        self.updated = {ir.note(s).updates for s in statements(norm.body)}  # (in place)
        self.callers = norm.copies | {  # copies of a caller's value (maybe a list): this pass's,
            defined_name(s) for s in statements(norm.body)  # and those of a derivative
            if ir.has_op(s) and runtime.helper_named(ir.note(s).op.key, _PRIVATE)}  # differentiated again
        self.derivative_names: set[str] = set()  # (the tangents' names, as a set)
        self.numbers = {  # names bound once, to a Python number (`total = 0.0`)
            stmt.targets[0].id for stmt in statements(norm.body) if isinstance(stmt, gast.Assign)
            and isinstance(stmt.targets[0], gast.Name) and isinstance(stmt.value, gast.Constant)
            and type(stmt.value.value) in (int, float)
            and self.definitions.get(stmt.targets[0].id, 0) <= 1}
        self.floats: set[str] = set()  # parameters the API hands floats, never bound again
        self._sites: dict[str, list[gast.stmt]] | None = None  # (each name's definitions)
        self.widening = Facts(self.numbers, self.machinery,  # (casts where a term vanished)
                              DtypeRoots(norm, activity, self.sequences).of, self.sequences)

    def tangent(self, primal: str) -> str | None:
        """The tangent variable of an active primal with a non-zero tangent, else ``None`` (also
        for an array whose tangent is 0 until a statement changes it: :meth:`_unwritten`)."""
        if primal not in self.active or primal in self.zero or self.supports.get(primal) is NOWHERE:
            return None
        if primal not in self.tangents:
            self.named(primal, self.namer.tangent(primal))
        return self.tangents[primal]

    def named(self, primal: str, tangent: str) -> None:
        """``tangent`` is ``primal``'s tangent (never renamed once named)."""
        self.tangents[primal], self.primal_of[tangent] = tangent, primal
        self.derivative_names.add(tangent)

    def zeros_like(self, primal: gast.expr) -> gast.expr:
        """The zero tangent of ``primal``: ``np.zeros_like``, one per item of a display (items
        may differ in shape), ``0.0`` for a Python number, and ``_rt.zeros_like`` for a name that
        may hold a list or tuple (``np.zeros_like`` of a ragged one raises; ``listed=True``: a list
        of its items' zeros, as a display's tangent is) or no value yet; ``None`` for ``None``."""
        if isinstance(primal, (gast.Tuple, gast.List)):  # items may differ in shape: one each
            return type(primal)(elts=[self.zeros_like(e) for e in primal.elts], ctx=gast.Load())
        if isinstance(primal, gast.Constant) and type(primal.value) in (int, float):
            return build.constant(0.0)  # a Python number's zero: weak, so float32 stays float32
        if isinstance(primal, gast.Constant) and primal.value is None:
            return build.constant(None)  # (an argument left out, `np.ediff1d(a, None, e)`: so is its)
        ours = isinstance(primal, gast.Name) and (primal.id in self.sequences or
                                                  primal.id in self.unbound or
                                                  primal.id in self.callers)  # (a caller's list)
        if not ours:
            return build.call(f"{self.machinery.aliases['np']}.zeros_like", copy.deepcopy(primal))
        return build.call(f"{self.machinery.aliases['_rt']}.zeros_like", copy.deepcopy(primal),
                          listed=build.constant(True))  # (a list's tangent is a list)

    def block(self, stmts: list[gast.stmt]) -> list[gast.stmt]:
        out: list[gast.stmt] = []
        for stmt in stmts:
            if isinstance(stmt, ir.COMPOUND):
                out.extend(_derivative(s) for s in self._compound(stmt))
                out.append(stmt)
                continue
            mark = partial(_derivative, origin=ir.note(stmt).origin)
            masked, grown = appended_outside(self, stmt, mark)  # (xs.append(v): xs's mask first)
            out.extend([*masked, *forget_changed(self, stmt, mark)])
            out.append(stmt)
            forget(self, stmt)  # (its tangent, after it, reads what it binds as it left it)
            target = defined_name(stmt) if ir.has_op(stmt) else None
            if target is not None and target in self.active:
                out.extend(map(mark, self.statement_tangent(stmt, target)))
            elif self._pops_active_list(stmt):  # keep the tangent list in step with the list
                op = ir.note(stmt).op
                popped = build.call(build.attribute(build.name(self.tangent(op.args[0].id)),
                                                    "pop"), *op.args[1:])
                out.append(_derivative(build.expression(popped)))
            self.supports.update({} if grown is None else {target: grown})  # (after it)
            out.extend(mirrored(self, stmt, mark))  # (a list's own mask kept in step with it)
        return out

    def _compound(self, stmt: gast.stmt) -> list[gast.stmt]:
        """Its blocks' tangents, supports in and after it (.support_flow); what goes before it."""
        bound, outside = changed(stmt), self.looping
        kept = {**lasting(self.supports, bound), **self.seeds}
        start = kept if isinstance(stmt, LOOPS) else {**self.supports, **self.seeds}
        carry = carried(self, stmt, bound) if isinstance(stmt, LOOPS) else {}
        before = carry_start(self, carry)
        start.update({name: Support(build.name(mask)) for name, (mask, _) in carry.items()})
        if isinstance(stmt, LOOPS):
            self.looping = outside | bound
        ends = []
        for field in ("body", "orelse"):
            self.supports = dict(start)
            setattr(stmt, field, self.block(getattr(stmt, field)))
            ends.append(self.supports)
        self.looping = outside
        self.supports = after_compound(self, stmt, bound, outside, kept, ends)
        if isinstance(stmt, gast.If):
            supports, appended = merged(self, stmt, self.supports, ends)
            stmt.body.extend(_derivative(s) for s in appended[0])
            stmt.orelse.extend(_derivative(s) for s in appended[1])
            self.supports.update(supports)
        stmt.body.extend(_derivative(s) for s in carry_end(self, carry, ends[0]))
        self.supports.update({name: Support(build.name(mask)) for name, (mask, _) in carry.items()})
        return before

    def _pops_active_list(self, stmt: gast.stmt) -> bool:
        op = ir.note(stmt).op
        return (op is not None and op.key is list.pop and bool(op.args)
                and isinstance(op.args[0], gast.Name) and self.tangent(op.args[0].id) is not None)

    def statement_tangent(self, stmt: gast.stmt, target: str) -> list[gast.stmt]:
        """``target``'s tangent after ``stmt``: code, or nothing when it is symbolically zero."""
        if ir.note(stmt).placeholder:  # no value yet, so no tangent either
            return [build.assign(self.tangent(target), build.clone(stmt.value))]
        value = self.tangent_value(stmt, target)
        if isinstance(value, list):  # (a rule's statements: a factorization's triangles kept)
            return factored_statements(self, stmt, target, value)
        zero = is_zero(value)
        if zero:
            made = getattr(stmt, "value", None)
            number = isinstance(made, gast.Name) and made.id in self.numbers or isinstance(
                made, gast.Constant) and type(made.value) in (int, float)
            if self.definitions.get(target, 0) <= 1 and ir.note(stmt).updates is None:
                self.zero.add(target)
                return []
            # a loop-carried copy of `total = 0.0`: a weak 0.0, so a float32 sum stays float32;
            # a name rebound (not updated in place): a zero in the float dtype of the value (an
            # int here, `counts[1, 1]`, may be a float on another path)
            value = build.constant(0.0) if number else self.zeros_like(build.name(target)) \
                if target in self.updated or self._floating_array(stmt) else \
                build.call(f"{self.machinery.aliases['_rt']}.zeros_like", build.name(target),
                           listed=build.constant(True))
        else:
            value = tangent_guard(self, stmt, target, value)
        assigned = [self._assigned(target, finish(value, self.zeros_like))]
        self._unwritten(stmt, target, value)
        if zero and ir.note(stmt).updates is None and not (target in self.updated and (
                target in self.sequences or target in self.callers)):  # (a list's tangent
            # list must exist where it is changed in place: ``pop``/``append`` keep them in step)
            self.supports[target] = NOWHERE  # (0 by structure until bound again, not a 0 a
            # singular partial makes NaN of after an ``if`` whose other branch binds it: fuzz
            # seed 4870 program 264)
        if large(self.supports.get(target)):  # (named now, not cloned into every later test)
            assigned.append(frozen(self, target, self.supports[target]))
        return assigned

    def _assigned(self, target: str, value: gast.expr) -> gast.stmt:
        """``t_dot = value``; ``t_dot.append(v)`` for ``t_dot = _rt.appended(t_dot, v)`` (the
        tangent list of ``xs.append(v)``, extended in place as the primal list is)."""
        name = self.tangent(target)
        if calls(value, "appended") and getattr(value.func.value, "id", None) == \
                self.machinery.aliases["_rt"] and len(value.args) == 2 and not value.keywords \
                and getattr(value.args[0], "id", None) == name:
            return build.expression(build.call(build.attribute(value.args[0], "append"),
                                               value.args[1]))
        return build.assign(name, value)

    def _unwritten(self, stmt: gast.stmt, target: str, value: gast.expr) -> None:
        """An array made constant (``g = np.zeros(2)``) whose tangent exists because a later
        statement changes it in place (``g[1] = x``): until then its tangent is 0 by structure,
        so what reads it in between has a zero tangent (``np.sqrt(g)``: not ``0 / 0``).  Its
        support is :data:`NOWHERE` (:meth:`tangent` is then ``None``) until a statement changes or
        binds it (:func:`.supports.forget_changed`; a loop that does forgets it at its start).
        Not a list or tuple (whose tangent list ``pop`` keeps in step)."""
        if ir.note(stmt).updates is None and target in self.updated and \
                target not in self.sequences and target not in self.unbound and \
                calls(value, "zeros_like") and getattr(value.func.value, "id", None) == \
                self.machinery.aliases["np"]:
            self.supports[target] = NOWHERE

    def tangent_value(self, stmt: gast.stmt, target: str) -> gast.expr | list[gast.stmt]:
        op = ir.note(stmt).op
        if op.key is None:
            source = op.args[0] if op.args else None
            if isinstance(source, gast.Name) and self.tangent(source.id):
                return build.name(self.tangent(source.id))
            return Zero(build.name(target))
        if self.registry.is_nondifferentiable(op.key):
            return Zero(build.name(target))
        if op.is_display:
            items = [build.name(self.tangent(a.id)) if isinstance(a, gast.Name)
                     and self.tangent(a.id) else Zero(copy.deepcopy(a)) for a in op.args]
            if all(is_zero(i) for i in items) and self.definitions.get(target, 0) <= 1 \
                    and ir.note(stmt).updates is None:
                return Zero(build.name(target))
            kind = gast.Tuple if op.key is ir.TUPLE else gast.List
            return kind(elts=[finish(i, self.zeros_like) for i in items], ctx=gast.Load())
        if is_user_function(op.key) and self.registry.lookup(TANGENT, op.key) is None:
            return self.call_tangent(stmt, target)
        if all(n not in self.active or n in self.zero for n in op.operand_names()):
            return Zero(build.name(target))  # a constant where it is made: no rule asked
        return self.template_tangent(stmt, target)

    def _floating_array(self, stmt: gast.stmt) -> bool:
        if self._sites is None:
            self._sites = definitions(self.norm.body)
        return makes_floating_array(stmt, self.floats, self._sites)

    def template_tangent(self, stmt: gast.stmt, target: str) -> gast.expr | list[gast.stmt]:
        op = ir.note(stmt).op
        template = template_for(op, TANGENT, self.norm.info, self.registry)
        values = bind(op, template, self.norm.info)
        values[template.result] = build.name(target)
        block = instantiate(template, values, self.tangent, self.namer, zero=Zero,
                            extras=self.extras, machinery=self.machinery)
        *setup, last = block
        names, before = self.primal_of, dtype_sources([s.value for s in block], self.primal_of,
                                                      self.machinery.aliases.values())
        before -= {defined_name(s) for s in setup}  # (a temporary's dtype: what it reads, in before)
        operands = [*op.args, *op.keywords.values()]
        out, value = simplified(setup, last.value, names, self.shapes, target, self.machinery,
                                operands, self.zeros_like)
        if setup:  # a template with temporaries of its own: keep them, finish the last
            value = kept_promotion(value, before, names, target, self.widening, [
                s.value for s in out], operands) if not is_zero(value) else self.zeros_like(
                build.name(target))
            out.append(build.assign(self.tangent(target), finish(value, self.zeros_like)))
            return out
        return kept_promotion(value, before, names, target, self.widening, (), operands)

    def call_tangent(self, stmt: gast.stmt, target: str) -> gast.expr:
        """``y = helper(a, 2.0)``: ``jvp_helper_wrt_a(a, 2.0, a_dot=a_dot)[1]``."""
        op = ir.note(stmt).op
        bound = self.callees.bound(op)
        wrt = self.callees.active_parameters(op, bound, lambda n: self.tangent(n) is not None)
        if not wrt:
            return Zero(build.name(target))
        if set(wrt) <= set(self.callees.record(op, wrt, "jvp").zeros):  # (its output's tangent
            return Zero(build.name(target))  # is 0 by structure: not a computed 0, which a
        callee = self.callees.candidate(op, wrt, "jvp")  # singular partial would make NaN;
        keywords = dict(op.keywords)  # fuzz seed 4874 program 239; nor a helper emitted unused)
        shares = self.callees.shares(op, callee, wrt)
        callee, masks = handed_masks(self, op, wrt, callee, [
            (node.id, self.supports.get(node.id)) for _, node in shares], [p for p, _ in shares])
        callee = self.callees.derivative(op, wrt, "jvp", chosen=callee)
        for parameter, node in shares:
            keywords[callee.record.tangents[parameter]] = build.name(self.tangent(node.id))
        keywords.update(masks)
        args = flat_arguments(op.args, callee.structure, op.key) if callee.structure else op.args
        result = build.call(build.name(callee.name), *args, **keywords)
        return build.subscript(result, build.constant(1))


def _derivative(stmt: gast.stmt, origin: int | None = None) -> gast.stmt:
    note = ir.note(stmt)
    note.adjoint = True  # derivative code: the optimizer may fold it
    note.owner = 0
    note.origin = origin if note.origin is None else note.origin
    value = getattr(stmt, "value", None)
    if isinstance(stmt, gast.Assign) and calls(value, "pop") and isinstance(
            value.func.value, gast.Name):  # (``v_dot = xs_dot.pop()``: needed while ``xs_dot``
        note.updates = value.func.value.id  # is, even where ``v_dot`` is not: they keep in step)
    return stmt


def tangent_signature(norm: Normalized, tangents: dict[str, str],
                      masked: bool = False) -> gast.arguments:
    """The user's parameters plus one keyword-only tangent per ``wrt`` parameter (``x_dot``),
    and its mask when the caller hands one (``masked``: ``x_dot_mask``)."""
    args = star_restored(build.clone(norm.info.node.args), norm.info.star)
    keywords = list(tangents.values())
    for keyword in keywords + ([mask_keyword(k) for k in keywords] if masked else []):
        args.kwonlyargs.append(build.param(keyword))
        args.kw_defaults.append(None)
    return args


def tangent_keywords(wrt: list[str], taken: Any = ()) -> dict[str, str]:
    """The keyword each ``wrt`` parameter's tangent is passed by: ``x_dot``, or where the function
    has a parameter of that name (a jvp's own ``x_dot``, differentiated again) ``x_dot_dot``, and
    so on, as ``grad`` of a gradient takes ``out_bar_bar``."""
    used, keywords = set(taken), {}
    for parameter in wrt:
        keyword = f"{parameter}_dot"
        while keyword in used:
            keyword += "_dot"
        used.add(keyword)
        keywords[parameter] = keyword
    return keywords


def forward(norm: Normalized, activity: Activity, wrt: list[str], *, fn_name: str,
            callees: CalleeBuilder | None = None, registry: Registry = REGISTRY,
            seeded: bool | str = False, floats: frozenset[str] = frozenset()) -> Derivative:
    """Build the primal-plus-tangent function (see the module docstring).  ``seeded``: the
    directions are the caller's own, their zeros structural (:func:`.supports.seed_support`);
    :data:`.supports_base.MASKS`: a helper's, each handed with a mask of where it may be
    non-zero (``x_dot_mask``).  ``floats``: the parameters the API hands as floats or floating
    arrays (the ``wrt`` of the function the user asked for)."""
    sweep = Tangents(norm, activity, registry, callees)
    sweep.floats = {p for p in floats if not sweep.definitions.get(p)}
    keywords = tangent_keywords(wrt, parameters(norm.info.node))
    masked = seeded == MASKS
    for parameter, keyword in keywords.items():
        sweep.named(parameter, keyword)
        norm.namer.reserve(keyword)
        if masked:
            norm.namer.reserve(mask_keyword(keyword))
        if seeded and not sweep.definitions.get(parameter) and not (  # (x_dot: the same
                masked and parameter in sweep.sequences):  # everywhere; a mask of an array)
            sweep.seeds[parameter] = sweep.supports[parameter] = seed_support(keyword, masked)
    body = sweep.block(norm.body[:-1])
    output = norm.output
    reached = isinstance(output, gast.Name) and sweep.tangent(output.id) is not None
    if reached:
        output_tangent: gast.expr = build.name(sweep.tangent(output.id))
    else:  # (a floating array's zero says np.zeros_like, anything else's _rt.zeros_like)
        floating = isinstance(output, gast.Name) and holds_floating_array(
            output.id, sweep.floats, sweep._sites or definitions(norm.body))
        output_tangent = build.call(f"{norm.machinery.aliases['np' if floating else '_rt']}.zeros_like",
                                    copy.deepcopy(output))
    parts = [output, output_tangent] + ([norm.aux] if norm.aux is not None else [])
    result = build.tuple_(parts)
    body.append(build.return_(result))
    derivative = Derivative(fn_name, tangent_signature(norm, keywords, masked), body, norm.namer,
                            set(build.names(result)), callees=sweep.callees, extras=sweep.extras,
                            machinery=norm.machinery, primal_of=dict(sweep.primal_of), ranks=sweep.ranks)
    if not reached:  # (no tangent reaches the output: a caller's call of this one has a
        derivative.zeros = frozenset(wrt)  # tangent 0 by structure)
    return derivative
