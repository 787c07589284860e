"""Reverse mode: the primal sweep followed by the adjoint sweep.

Guarantee to the next stage: a :class:`Derivative` whose ``body`` runs the normalized primal, seeds
the output's adjoint, then walks the active statements backwards, instantiating each one's adjoint
template; ``x_bar = ...`` initialises an adjoint at its first contribution and later contributions
accumulate (``x_bar = x_bar + ...``).  Each source statement's block starts with a comment marker.

    primal  y = np.sin(x)          adjoint   y_bar = _rt.seed(y, out_bar, 'f')
            return y                         # adjoint of: return np.sin(x)  [demo.py:3]
                                             x_bar = y_bar * np.cos(x)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import gast

from ..registry import REGISTRY, Registry
from ..syntax.naming import Namer
from ..syntax.template import instantiate
from .activity import Activity
from .binding import adjoint_template, bind
from .normalize import Normalized, assign, name
from .shapes import ShapeClasses, analyze_shapes


@dataclass
class Derivative:
    """A generated function before it is turned into text."""

    name: str
    args: gast.arguments
    body: list[gast.stmt]
    comments: list[str] = field(default_factory=list)
    namer: Namer | None = None
    protected: set[str] = field(default_factory=set)  # names the optimizer must keep


def comment_marker(index: int) -> gast.stmt:
    return gast.Expr(value=name(f"__comment{index}__"))


def is_comment(stmt: gast.stmt) -> bool:
    return (isinstance(stmt, gast.Expr) and isinstance(stmt.value, gast.Name)
            and stmt.value.id.startswith("__comment"))


def call(func: str, *args: gast.expr) -> gast.Call:
    root, *attrs = func.split(".")
    node: gast.expr = name(root)
    for attr in attrs:
        node = gast.Attribute(value=node, attr=attr, ctx=gast.Load())
    return gast.Call(func=node, args=list(args), keywords=[])


def constant(value: object) -> gast.Constant:
    return gast.Constant(value=value, kind=None)


class _SameShape(gast.NodeTransformer):
    """Drop ``_rt.unbroadcast(g, x)`` when ``x`` has the result's shape (so ``g`` has it too)."""

    def __init__(self, shapes: ShapeClasses, result: str):
        self.shapes, self.result = shapes, result

    def visit_Call(self, node: gast.Call) -> gast.expr:
        self.generic_visit(node)
        func = node.func
        if (isinstance(func, gast.Attribute) and func.attr == "unbroadcast"
                and getattr(func.value, "id", None) == "_rt" and len(node.args) == 2
                and isinstance(node.args[1], gast.Name)
                and self.shapes.same(self.result, node.args[1].id)):
            return node.args[0]
        return node


class _AdjointSweep:
    def __init__(self, norm: Normalized, activity: Activity, registry: Registry):
        self.norm = norm
        self.shapes = analyze_shapes(norm)
        self.active = activity.active
        self.registry = registry
        self.namer = norm.namer
        self.adjoints: dict[str, str] = {}
        self.initialized: set[str] = set()
        self.statements: list[gast.stmt] = []
        self.comments: list[str] = []

    def derivative(self, primal: str) -> str | None:
        if primal not in self.active:
            return None
        if primal not in self.adjoints:
            self.adjoints[primal] = self.namer.adjoint(primal)
        return self.adjoints[primal]

    def seed(self, output: gast.expr) -> None:
        seeded = call("_rt.seed", output, name("out_bar"), constant(self.norm.info.name))
        if isinstance(output, gast.Name) and output.id in self.active:
            if output.id == "out":  # the seed parameter is the output's adjoint
                self.adjoints["out"] = "out_bar"
            seed = assign(self.derivative(output.id), seeded)
            seed.keep = True
            self.statements.append(seed)
            self.initialized.add(output.id)
        else:
            self.statements.append(gast.Expr(value=seeded))

    def comment(self, origin: int) -> None:
        info = self.norm.info
        text = info.line_text(origin).strip()
        self.comments.append(f"adjoint of: {text}  [{info.short_filename}:{origin}]")
        self.statements.append(comment_marker(len(self.comments) - 1))

    def block(self, stmt: gast.Assign) -> list[gast.stmt]:
        target = stmt.targets[0].id
        op = stmt.op
        if op.key is None:
            source = op.args[0] if op.args else None
            if not isinstance(source, gast.Name) or self.derivative(source.id) is None:
                return []
            copy = assign(self.derivative(source.id), name(self.derivative(target)))
            copy.contribution = source.id
            return [copy]
        template = adjoint_template(op, self.norm.info, self.registry)
        values = bind(op, template, self.norm.info)
        values[template.result] = name(target)
        block = instantiate(template, values, self.derivative, self.namer)
        return [_SameShape(self.shapes, target).visit(s) for s in block]

    def accumulate(self, stmt: gast.stmt) -> gast.stmt:
        primal = getattr(stmt, "contribution", None)
        if primal is None:
            return stmt
        if primal in self.initialized:
            stmt.value = gast.BinOp(left=name(self.adjoints[primal]), op=gast.Add(),
                                    right=stmt.value)
        self.initialized.add(primal)
        return stmt

    def check_rules(self) -> None:
        """Report the first differentiated operation without a rule, in source order."""
        for stmt in self.norm.body:
            if (isinstance(stmt, gast.Assign) and stmt.targets[0].id in self.active
                    and stmt.op.key is not None):
                bind(stmt.op, adjoint_template(stmt.op, self.norm.info, self.registry),
                     self.norm.info)

    def run(self) -> None:
        self.check_rules()
        last_origin = None
        for stmt in reversed(self.norm.body):
            if not isinstance(stmt, gast.Assign):
                continue
            target = stmt.targets[0].id
            if target not in self.active or target not in self.initialized:
                continue
            statements = self.block(stmt)
            if not statements:
                continue
            if stmt.origin != last_origin:
                self.comment(stmt.origin)
                last_origin = stmt.origin
            self.statements.extend(self.accumulate(s) for s in statements)

    def gradient(self, primal: str) -> gast.expr:
        if primal in self.initialized:
            return name(self.adjoints[primal])
        return call("_rt.zeros_like", name(primal))


def signature(norm: Normalized) -> gast.arguments:
    """The user's parameters (their defaults as written) plus the keyword-only seed ``out_bar``."""
    import copy

    args = copy.deepcopy(norm.info.node.args)
    args.kwonlyargs.append(gast.Name(id="out_bar", ctx=gast.Param(), annotation=None,
                                     type_comment=None))
    args.kw_defaults.append(constant(1.0))
    return args


def reverse(norm: Normalized, activity: Activity, wrt: list[str], *, single: bool,
            with_value: bool, fn_name: str, registry: Registry = REGISTRY) -> Derivative:
    """Build the primal-plus-adjoint function (see the module docstring)."""
    output = norm.body[-1].value
    sweep = _AdjointSweep(norm, activity, registry)
    sweep.seed(output)
    sweep.run()
    grads = [sweep.gradient(w) for w in wrt]
    result: gast.expr = grads[0] if single else gast.Tuple(elts=grads, ctx=gast.Load())
    if with_value:
        result = gast.Tuple(elts=[output, result], ctx=gast.Load())
    body = [*norm.body[:-1], *sweep.statements, gast.Return(value=result)]
    protected = {n.id for n in gast.walk(result) if isinstance(n, gast.Name)}
    return Derivative(fn_name, signature(norm), body, sweep.comments, norm.namer, protected)
