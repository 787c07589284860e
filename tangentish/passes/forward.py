"""Forward mode: tangents carried statement by statement next to the primal.

Guarantee to the next stage: a :class:`Derivative` whose body is the normalized primal with, after
each active statement, its tangent (``y_dot = ...`` from the op's tangent template, ``x_dot`` for
the tangent of ``x``).  Control flow needs no tape: tangents live in the same branches and loop
iterations as their values.  The tangent of a value that does not depend on the inputs is a
*symbolic* zero: terms multiplied by it vanish, a sum keeps its other terms, a call whose tangent
arguments are all zero is zero, and only what is left becomes ``0.0``.

    y = np.sin(x)              y = np.sin(x)
    z = y * w        →         y_dot = x_dot * np.cos(x)
                               z = y * w
                               z_dot = y_dot * w
"""

from __future__ import annotations

import copy

import gast

from ..registry import REGISTRY, Registry
from ..syntax.template import instantiate
from .activity import Activity, defined_name, statements
from .binding import bind
from .derivative import Derivative, call, constant
from .normalize import Normalized, assign, name


class Zero(gast.Constant):
    """A symbolic zero tangent (printed as ``0.0`` if it survives simplification)."""


def _zero() -> Zero:
    return Zero(value=0.0, kind=None)


def _is_zero(node: gast.AST) -> bool:
    return isinstance(node, Zero)


def _vanishes(op: gast.operator, left: bool, right: bool) -> bool:
    """A product with a zero factor, or a quotient with a zero numerator, is zero."""
    if isinstance(op, (gast.Mult, gast.MatMult)):
        return left or right
    return isinstance(op, gast.Div) and left


class _Simplify(gast.NodeTransformer):
    """Propagate symbolic zeros through the (linear-in-tangents) template expressions."""

    def visit_BinOp(self, node: gast.BinOp) -> gast.expr:
        self.generic_visit(node)
        left, right = _is_zero(node.left), _is_zero(node.right)
        if isinstance(node.op, (gast.Add, gast.Sub)):
            if left and right:
                return _zero()
            if right:
                return node.left
            if left:
                return node.right if isinstance(node.op, gast.Add) else gast.UnaryOp(
                    op=gast.USub(), operand=node.right)
        elif _vanishes(node.op, left, right):
            return _zero()
        return node

    def visit_UnaryOp(self, node: gast.UnaryOp) -> gast.expr:
        self.generic_visit(node)
        return _zero() if _is_zero(node.operand) else node

    def visit_Subscript(self, node: gast.Subscript) -> gast.expr:
        self.generic_visit(node)
        return _zero() if _is_zero(node.value) else node

    def visit_Call(self, node: gast.Call) -> gast.expr:
        tangents = [a for a in [*node.args, *(k.value for k in node.keywords)]
                    if getattr(a, "tangent", False)]
        self.generic_visit(node)
        if tangents and all(_is_zero(t) for t in tangents):
            return _zero()
        return node


class _MarkTangents(gast.NodeVisitor):
    """Flag the call arguments that are tangents (so a call of zeros can become zero)."""

    def __init__(self, tangent_names: set[str]):
        self.names = tangent_names

    def visit_Call(self, node: gast.Call) -> None:
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            arg.tangent = _is_zero(arg) or any(
                isinstance(n, gast.Name) and n.id in self.names for n in gast.walk(arg))
        self.generic_visit(node)


def _finish(node: gast.expr) -> gast.expr:
    """Zeros left inside calls (``np.where(c, x_dot, 0)``) become plain ``0.0``."""
    for sub in gast.walk(node):
        for field, value in gast.iter_fields(sub):
            if isinstance(value, Zero):
                setattr(sub, field, constant(0.0))
            elif isinstance(value, list):
                setattr(sub, field, [constant(0.0) if isinstance(v, Zero) else v for v in value])
    return constant(0.0) if isinstance(node, Zero) else node


class _Tangents:
    def __init__(self, norm: Normalized, activity: Activity, registry: Registry):
        self.norm = norm
        self.active = activity.active
        self.registry = registry
        self.namer = norm.namer
        self.tangents: dict[str, str] = {}
        self.extras: dict[str, object] = {}
        self.callees: dict = {}  # helpers' jvp functions, see forward_calls.py

    def tangent(self, primal: str) -> str | None:
        if primal not in self.active:
            return None
        if primal not in self.tangents:
            self.tangents[primal] = self.namer.tangent(primal)
        return self.tangents[primal]

    def block(self, stmts: list[gast.stmt]) -> list[gast.stmt]:
        out: list[gast.stmt] = []
        for stmt in stmts:
            if isinstance(stmt, (gast.If, gast.For, gast.While)):
                stmt.body = self.block(stmt.body)
                stmt.orelse = self.block(stmt.orelse)
                out.append(stmt)
                continue
            out.append(stmt)
            target = defined_name(stmt) if getattr(stmt, "op", None) else None
            if target is not None and self.tangent(target):
                out.extend(self.statement_tangent(stmt, target))
            elif self._pops_active_list(stmt):  # keep the tangent list in step with the list
                popped = gast.Call(func=gast.Attribute(
                    value=name(self.tangent(stmt.op.args[0].id)), attr="pop", ctx=gast.Load()),
                    args=list(stmt.op.args[1:]), keywords=[])
                out.append(_owned(gast.Expr(value=popped)))
        return out

    def _pops_active_list(self, stmt: gast.stmt) -> bool:
        op = getattr(stmt, "op", None)
        return (op is not None and op.key is list.pop and op.args
                and isinstance(op.args[0], gast.Name) and self.tangent(op.args[0].id) is not None)

    def statement_tangent(self, stmt: gast.stmt, target: str) -> list[gast.stmt]:
        op = stmt.op
        if op.key is None:
            source = op.args[0] if op.args else None
            value = name(self.tangent(source.id)) if isinstance(source, gast.Name) and \
                self.tangent(source.id) else constant(0.0)
            return [_owned(assign(self.tangent(target), value))]
        if self.registry.is_nondifferentiable(op.key):
            return [_owned(assign(self.tangent(target), call("_rt.zeros_like", name(target))))]
        if op.key in (tuple, list):
            items = [name(self.tangent(a.id)) if isinstance(a, gast.Name) and self.tangent(a.id)
                     else constant(0.0) for a in op.args]
            kind = gast.Tuple if op.key is tuple else gast.List
            return [_owned(assign(self.tangent(target), kind(elts=items, ctx=gast.Load())))]
        from .forward_calls import call_tangent, needs_callee

        if needs_callee(op, self.registry):
            return [_owned(s) for s in call_tangent(self, stmt, target)]
        return self.template_tangent(stmt, target)

    def template_tangent(self, stmt: gast.stmt, target: str) -> list[gast.stmt]:
        from .binding import tangent_template

        op = stmt.op
        template = tangent_template(op, self.norm.info, self.registry)
        values = bind(op, template, self.norm.info)
        values[template.result] = name(target)
        block = instantiate(template, values, self.tangent, self.namer, zero=_zero,
                            extras=self.extras)
        names = set(self.tangents.values())
        out = []
        for node in block:
            _MarkTangents(names).visit(node)
            node = _Simplify().visit(node)
            node.value = _finish(node.value)
            out.append(_owned(node))
        return out


def _owned(stmt: gast.stmt) -> gast.stmt:
    stmt.owner = 0  # derivative code: the optimizer may fold it
    return stmt


def tangent_signature(norm: Normalized, wrt: list[str]) -> gast.arguments:
    """The user's parameters plus one keyword-only tangent per ``wrt`` parameter (``x_dot``)."""
    args = copy.deepcopy(norm.info.node.args)
    for parameter in wrt:
        args.kwonlyargs.append(gast.Name(id=f"{parameter}_dot", ctx=gast.Param(),
                                         annotation=None, type_comment=None))
        args.kw_defaults.append(None)
    return args


def forward(norm: Normalized, activity: Activity, wrt: list[str], *, fn_name: str,
            registry: Registry = REGISTRY) -> Derivative:
    """Build the primal-plus-tangent function (see the module docstring)."""
    sweep = _Tangents(norm, activity, registry)
    for parameter in wrt:
        sweep.tangents[parameter] = f"{parameter}_dot"
        norm.namer.reserve(f"{parameter}_dot")
    for stmt in statements(norm.body):  # report a missing rule in source order, first
        target = defined_name(stmt) if getattr(stmt, "op", None) else None
        if target in sweep.active and stmt.op.key not in (None, tuple, list):
            from .forward_calls import needs_callee

            if not registry.is_nondifferentiable(stmt.op.key) and \
                    not needs_callee(stmt.op, registry):
                from .binding import tangent_template

                bind(stmt.op, tangent_template(stmt.op, norm.info, registry), norm.info)
    body = sweep.block(norm.body[:-1])
    output = norm.body[-1].value
    if isinstance(output, gast.Name) and sweep.tangent(output.id):
        output_tangent: gast.expr = name(sweep.tangent(output.id))
    else:
        output_tangent = call("_rt.zeros_like", output)
    parts = [output, output_tangent] + ([norm.aux] if norm.aux is not None else [])
    result = gast.Tuple(elts=parts, ctx=gast.Load())
    body.append(gast.Return(value=result))
    protected = {n.id for n in gast.walk(result) if isinstance(n, gast.Name)}
    derivative = Derivative(fn_name, tangent_signature(norm, wrt), body, [], norm.namer,
                            protected)
    derivative.callees = sweep.callees
    derivative.extras = sweep.extras
    return derivative

