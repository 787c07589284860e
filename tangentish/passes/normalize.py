"""Normalize a fenced function into A-normal form with single assignment.

Guarantee to the next stage: the body is a flat list of statements, each doing one operation on
*atoms* (names, constants, references to globals such as ``np.pi``, and literal tuples/slices of
those); every ``Assign`` has one ``Name`` target, defined exactly once (a reassigned variable gets a
fresh name: ``x``, ``x_1``...), and carries ``.op`` (what to differentiate) and ``.origin`` (the user's
line).  The last statement is ``return <atom>``.

    before                          after
    y = np.sin(x * 2.0)             x_times_2 = x * 2.0
    y = y + x                       y = np.sin(x_times_2)
    return y                        y_1 = y + x
                                    return y_1
"""

from __future__ import annotations

import operator
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import gast

from ..errors import UnsupportedConstructError
from ..syntax.methods import ATTRIBUTES, METHODS
from ..syntax.naming import Namer, names_in
from ..syntax.nodes import with_context
from ..syntax.parse import SourceInfo
from ..syntax.resolve import MACHINERY, dotted, resolve_reference

BINOPS = {
    gast.Add: operator.add, gast.Sub: operator.sub, gast.Mult: operator.mul,
    gast.Div: operator.truediv, gast.Pow: operator.pow, gast.MatMult: operator.matmul,
    gast.FloorDiv: operator.floordiv, gast.Mod: operator.mod,
}
UNARYOPS = {gast.USub: operator.neg, gast.UAdd: operator.pos, gast.Not: operator.not_}
COMPARES = {
    gast.Lt: operator.lt, gast.LtE: operator.le, gast.Gt: operator.gt, gast.GtE: operator.ge,
    gast.Eq: operator.eq, gast.NotEq: operator.ne, gast.Is: operator.is_,
    gast.IsNot: operator.is_not, gast.In: operator.contains,
}
MACHINERY_NAMES = frozenset(MACHINERY) | {"_rt", "out_bar"}


def seed_name(taken: set[str]) -> str:
    """The seed parameter: ``out_bar``, or ``out_bar_bar`` when differentiating a derivative."""
    seed = "out_bar"
    while seed in taken:
        seed += "_bar"
    return seed


@dataclass
class Op:
    """One operation: the rule key and its operands bound as the user passed them."""

    key: Hashable | None  # None: a copy (one arg) or a constant (no args)
    args: list[gast.expr] = field(default_factory=list)
    keywords: dict[str, gast.expr] = field(default_factory=dict)
    label: str = "copy"
    node: gast.AST | None = None  # the user's expression, for error messages

    def operand_names(self) -> list[str]:
        nodes = [*self.args, *self.keywords.values()]
        return [n.id for a in nodes for n in gast.walk(a) if isinstance(n, gast.Name)]


@dataclass
class Normalized:
    info: SourceInfo
    params: list[str]
    body: list[gast.stmt]
    namer: Namer
    aux: gast.expr | None = None  # with has_aux: the auxiliary value returned next to the output
    seed: str = "out_bar"  # the name of the output's adjoint parameter


def name(identifier: str, store: bool = False) -> gast.Name:
    ctx = gast.Store() if store else gast.Load()
    return gast.Name(id=identifier, ctx=ctx, annotation=None, type_comment=None)


def assign(target: str, value: gast.expr) -> gast.Assign:
    return gast.Assign(targets=[name(target, store=True)], value=value, type_comment=None)


def _assigned_names(node: gast.FunctionDef) -> set[str]:
    found = set()
    for sub in gast.walk(node):
        if isinstance(sub, gast.Name) and isinstance(sub.ctx, gast.Store):
            found.add(sub.id)
    return found


def parameters(node: gast.FunctionDef) -> list[str]:
    args = node.args
    return [a.id for a in args.posonlyargs + args.args + args.kwonlyargs]


class Normalizer:
    """Lowers statements one at a time; ``self.body`` collects the result."""

    def __init__(self, info: SourceInfo, has_aux: bool = False):
        self.info = info
        self.has_aux = has_aux
        self.aux: gast.expr | None = None
        self.params = parameters(info.node)
        taken = names_in(info.node)
        self.locals = set(self.params) | _assigned_names(info.node)
        clash = sorted(self.locals & (set(MACHINERY) | {"_rt"}))
        if clash:
            raise UnsupportedConstructError(
                f"the name {clash[0]!r} is reserved for generated code",
                info.location(info.node), hint=f"rename {clash[0]!r} in {info.name}",
            )
        self.seed = seed_name(taken)
        self.namer = Namer(taken | MACHINERY_NAMES | {self.seed})
        self.current = {p: p for p in self.params}
        self.body: list[gast.stmt] = []
        self.origin = info.first_line
        self.returned = False
        self.local_functions: dict[str, gast.AST] = {}  # nested defs and lambdas, see inline.py
        self.inlining: list[str] = []

    # -- output ----------------------------------------------------------------------------------
    def emit(self, stmt: gast.stmt, op: Op | None = None) -> None:
        stmt.origin = self.origin
        stmt.op = op
        self.body.append(stmt)

    def error(self, message: str, node: gast.AST, hint: str) -> UnsupportedConstructError:
        return UnsupportedConstructError(message, self.info.location(node), hint=hint)

    def define(self, identifier: str) -> str:
        """The single-assignment name for a new definition of ``identifier``."""
        if identifier in self.current or identifier in self.params or self.inlining:
            fresh = self.namer.fresh(identifier)
        else:
            fresh = identifier
        self.current[identifier] = fresh
        return fresh

    # -- statements ------------------------------------------------------------------------------
    def run(self) -> Normalized:
        for index, stmt in enumerate(self.info.node.body):
            if self.returned:
                break
            self.origin = stmt.lineno
            if index == 0 and _is_docstring(stmt):
                continue
            self.statement(stmt)
        if not self.returned:
            raise self.error(
                f"{self.info.name} has no `return` statement", self.info.node,
                hint="return the value to differentiate",
            )
        return Normalized(self.info, self.params, self.body, self.namer, self.aux, self.seed)

    def emit_assign(self, target: str, value: gast.expr, variable: str) -> None:
        """``target = value`` (a copy), and ``variable`` now means ``target``."""
        self.emit(assign(target, value), Op(None, [value] if isinstance(value, gast.Name) else []))
        self.current[variable] = target

    def statement(self, stmt: gast.stmt) -> None:
        if isinstance(stmt, gast.FunctionDef):
            self.local_functions[stmt.name] = stmt
            return
        if isinstance(stmt, gast.Assign) and isinstance(stmt.value, gast.Lambda) and \
                len(stmt.targets) == 1 and isinstance(stmt.targets[0], gast.Name):
            self.local_functions[stmt.targets[0].id] = stmt.value
            return
        if isinstance(stmt, gast.Assign):
            self.assign(stmt.targets, stmt.value)
        elif isinstance(stmt, gast.AnnAssign):
            self.assign([stmt.target], stmt.value)
        elif isinstance(stmt, gast.AugAssign):
            load = with_context(stmt.target, gast.Load)
            value = gast.copy_location(gast.BinOp(left=load, op=stmt.op, right=stmt.value), stmt)
            self.assign([stmt.target], value)
        elif isinstance(stmt, gast.Return):
            self.returned = True
            if stmt.value is None:
                raise self.error("`return` without a value", stmt,
                                 hint="return the value to differentiate")
            if self.has_aux:
                self.emit(gast.Return(value=self.output_with_aux(stmt.value)))
            else:
                self.emit(gast.Return(value=self.output(stmt.value)))
        elif isinstance(stmt, gast.Expr):
            if not isinstance(stmt.value, gast.Constant):
                value, op = self.lower(stmt.value)
                self.emit(gast.Expr(value=value), op)
                receiver = op.args[0] if op.args else None
                if isinstance(value, gast.Call) and isinstance(receiver, gast.Name) and \
                        receiver.id in self.current.values():
                    self.body[-1].updates = receiver.id  # may change its first operand
        elif isinstance(stmt, gast.Assert):
            self.emit(gast.Assert(test=self.atom(stmt.test), msg=_constant_or_none(stmt.msg)))
        elif isinstance(stmt, (gast.If, gast.For, gast.While)):
            self.compound(stmt)
        elif isinstance(stmt, gast.Break):
            self.emit(gast.Break())
        elif not isinstance(stmt, gast.Pass):
            raise self.error(f"cannot differentiate a `{type(stmt).__name__}` statement", stmt,
                             hint="rewrite it with assignments and NumPy calls")

    def compound(self, stmt: gast.stmt) -> None:
        from . import flow  # (flow builds on this module)

        handler = {gast.If: flow.if_statement, gast.For: flow.for_statement,
                   gast.While: flow.while_statement}[type(stmt)]
        handler(self, stmt)

    def block(self, stmts: list[gast.stmt]) -> list[gast.stmt]:
        """Lower a nested block into a list of its own (``self.current`` carries on)."""
        saved, self.body = self.body, []
        origin = self.origin
        for stmt in stmts:
            self.origin = stmt.lineno
            self.statement(stmt)
        block, self.body, self.origin = self.body, saved, origin
        return block

    def setitem(self, target: gast.Subscript, value: gast.expr) -> None:
        """``x[i] = v`` on a local array: an in-place update of ``x``."""
        from .lower import lower_index

        variable = target.value.id
        if variable not in self.current:
            raise self.error(f"local variable {variable!r} is used before it is assigned",
                             target, hint="assign it before this line")
        current = self.current[variable]
        if current in self.params:
            raise self.error(
                f"cannot differentiate an assignment into the argument {current!r}", target,
                hint=f"work on a copy: `{variable} = {variable}.copy()` before changing it")
        atom = self.atom(value)
        index = lower_index(self, target.slice)
        store = gast.Subscript(value=name(current), slice=index, ctx=gast.Store())
        self.emit(gast.Assign(targets=[store], value=atom, type_comment=None),
                  Op(operator.setitem, [name(current), index, atom], {}, "an element assignment",
                     target))
        self.body[-1].updates = current

    def assign(self, targets: list[gast.expr], value: gast.expr) -> None:
        if len(targets) == 1 and isinstance(targets[0], gast.Subscript):
            self.setitem(targets[0], value)
            return
        if len(targets) == 1 and isinstance(targets[0], gast.Name):
            expr, op = self.lower(value)
            if op.key is None and isinstance(expr, gast.Name):
                self.current[targets[0].id] = expr.id  # `y = x`: y is another name for x
            else:
                self.emit(assign(self.define(targets[0].id), expr), op)
            return
        if len(targets) == 1 and _matching(targets[0], value):
            pairs = _pairs(targets[0], value)
            atoms = [self.atom(element) for _, element in pairs]  # all values first
            for (target, _), atom in zip(pairs, atoms, strict=True):
                self.bind(target, atom)
            return
        atom = self.atom(value)
        for target in targets:
            self.bind(target, atom)

    def bind(self, target: gast.expr, atom: gast.expr) -> None:
        """Assign an atom to a (possibly nested tuple) target, unpacking by index."""
        if isinstance(target, gast.Name) and isinstance(atom, gast.Name):
            self.current[target.id] = atom.id
            return
        if isinstance(target, gast.Name):
            self.emit(assign(self.define(target.id), atom), Op(None, [atom], node=target))
            return
        if isinstance(target, (gast.Tuple, gast.List)):
            for index, element in enumerate(target.elts):
                item = gast.Constant(value=index, kind=None)
                expr = gast.Subscript(value=atom, slice=item, ctx=gast.Load())
                op = Op(operator.getitem, [atom, item], label="indexing", node=target)
                if isinstance(element, gast.Name):
                    self.emit(assign(self.define(element.id), expr), op)
                else:
                    temp = self.namer.temp()
                    self.emit(assign(temp, expr), op)
                    self.bind(element, name(temp))
            return
        raise self.error("cannot assign to this target", target,
                         hint="assign to plain names or tuples of names")

    def output(self, expr: gast.expr) -> gast.expr:
        """The returned atom; a computed result is named ``out`` (its adjoint is the seed)."""
        value, op = self.lower(expr)
        if op.key is None:
            return value
        self.emit(assign(self.namer.fresh("out"), value), op)
        return name(self.body[-1].targets[0].id)

    def output_with_aux(self, expr: gast.expr) -> gast.expr:
        """``return out, aux`` under ``has_aux``: the first item is differentiated, the second is
        passed through untouched."""
        if isinstance(expr, (gast.Tuple, gast.List)):
            if len(expr.elts) != 2:
                raise self.error(
                    f"with has_aux=True, {self.info.name} must return a pair (output, aux); this "
                    f"returns {len(expr.elts)} values", expr,
                    hint="return `output, aux` (aux may itself be a tuple)")
            output = self.output(expr.elts[0])
            self.aux = self.atom(expr.elts[1])
            return output
        pair = self.atom(expr)
        parts = []
        for index, label in ((0, "out"), (1, "aux")):
            item = gast.Subscript(value=pair, slice=gast.Constant(value=index, kind=None),
                                  ctx=gast.Load())
            self.emit(assign(self.namer.fresh(label), item),
                      Op(operator.getitem, [pair, item.slice], {}, "indexing", expr))
            parts.append(name(self.body[-1].targets[0].id))
        self.aux = parts[1]
        return parts[0]

    # -- expressions -----------------------------------------------------------------------------
    def atom(self, expr: gast.expr) -> gast.expr:
        """Lower ``expr`` and, unless it already is an atom, store it in a fresh temporary."""
        value, op = self.lower(expr)
        if op.key is None:
            return value
        temp = self.namer.derived(value)
        self.emit(assign(temp, value), op)
        return name(temp)

    def lower(self, expr: gast.expr) -> tuple[gast.expr, Op]:
        """One operation over atoms equivalent to ``expr`` (its operands emitted before it)."""
        from .lower import lower_expression

        return lower_expression(self, expr)

    def load(self, node: gast.Name) -> gast.expr:
        if node.id in self.current:
            return name(self.current[node.id])
        if node.id in self.local_functions:
            raise self.error(
                f"the local function {node.id!r} can only be called, not used as a value", node,
                hint="call it directly, or define it at module level and pass it along")
        if node.id in self.locals:
            raise self.error(f"local variable {node.id!r} is used before it is assigned", node,
                             hint="assign it before this line")
        reference = resolve_reference(self.info, node)
        if reference is None:
            raise self.error(f"name {node.id!r} is not defined", node,
                             hint="define it at module level or pass it as an argument")
        return reference.text

    def is_local_root(self, node: gast.AST) -> bool:
        parts = dotted(node)
        return parts is None or parts[0] in self.locals


def _matching(target: gast.expr, value: gast.expr) -> bool:
    return (isinstance(target, (gast.Tuple, gast.List)) and isinstance(value, (gast.Tuple, gast.List))
            and len(target.elts) == len(value.elts)
            and not any(isinstance(e, gast.Starred) for e in target.elts))


def _pairs(target: gast.expr, value: gast.expr) -> list[tuple[gast.expr, gast.expr]]:
    """``(a, (b, c)) = (x, (y, z))`` → ``[(a, x), (b, y), (c, z)]``, matching nested tuples."""
    if not _matching(target, value):
        return [(target, value)]
    return [pair for t, v in zip(target.elts, value.elts, strict=True) for pair in _pairs(t, v)]


def _is_docstring(stmt: gast.stmt) -> bool:
    return isinstance(stmt, gast.Expr) and isinstance(stmt.value, gast.Constant)


def _constant_or_none(node: gast.AST | None) -> gast.AST | None:
    return node if isinstance(node, gast.Constant) else None


def normalize(info: SourceInfo, has_aux: bool = False) -> Normalized:
    """Lower ``info.node`` to single-assignment A-normal form (see the module docstring)."""
    return Normalizer(info, has_aux).run()


def method_op(spec_name: str, receiver: gast.expr, args: list[gast.expr],
              keywords: dict[str, gast.expr], node: gast.AST) -> Op:
    """The rule-level operation behind ``receiver.<method>(args, **keywords)``."""
    spec = METHODS.get(spec_name)
    if spec is None:
        return Op(("method", spec_name), [receiver, *args], keywords, f".{spec_name}()", node)
    keywords = {dict(spec.rename).get(k, k): v for k, v in keywords.items()}
    if spec.varargs and args:
        packed = args[0] if len(args) == 1 else gast.Tuple(elts=list(args), ctx=gast.Load())
        keywords = {spec.varargs: packed, **keywords}
        args = []
    return Op(spec.function, [receiver, *args], keywords, f".{spec_name}()", node)


def attribute_op(attr: str, receiver: gast.expr, node: gast.AST) -> Op:
    """``x.T`` is a transpose, ``x.shape`` a shape query; other attributes are keyed by name."""
    function: Any = ATTRIBUTES.get(attr, ("attribute", attr))
    return Op(function, [receiver], {}, f"the attribute `.{attr}`", node)
