"""The one place that builds gast nodes for the passes.

    >>> from tangentish.syntax.printer import expression_text
    >>> expression_text(call("np.zeros_like", name("x")))
    'np.zeros_like(x)'
    >>> expression_text(binop(name("a"), "+", constant(1.0)))
    'a + 1.0'
"""

from __future__ import annotations

import copy
from typing import Any

import gast

from .node_walks import (  # noqa: F401  (the walks, where the passes import them)
    _CHILD_FIELDS,
    child_fields,
    children,
    loads,
    name_uses,
    names,
    node_list,
    nodes,
    outside_nested,
)

_BINOPS = {
    "+": gast.Add, "-": gast.Sub, "*": gast.Mult, "/": gast.Div, "**": gast.Pow,
    "@": gast.MatMult, "//": gast.FloorDiv, "%": gast.Mod,
}


# Expression contexts carry nothing: one of each is shared, as Python's own parser does.  The
# node makers below set fields directly (gast's constructor costs three times as much, and the
# passes make hundreds of thousands of names in a large function).
LOAD, STORE = gast.Load(), gast.Store()
_NAME, _CONSTANT, _ASSIGN = gast.Name, gast.Constant, gast.Assign


def name(identifier: str, store: bool = False) -> gast.Name:
    node = _NAME.__new__(_NAME)
    node.id, node.ctx, node.annotation, node.type_comment = \
        identifier, STORE if store else LOAD, None, None
    return node


def param(identifier: str) -> gast.Name:
    return gast.Name(id=identifier, ctx=gast.Param(), annotation=None, type_comment=None)


def constant(value: Any) -> gast.Constant:
    node = _CONSTANT.__new__(_CONSTANT)
    node.value, node.kind = value, None
    return node


def dotted(text: str) -> gast.expr:
    """``"np.linalg.norm"`` → the attribute chain that spells it."""
    root, *attrs = text.split(".")
    node: gast.expr = name(root)
    for attr in attrs:
        node = gast.Attribute(value=node, attr=attr, ctx=gast.Load())
    return node


def call(func: str | gast.expr, *args: gast.expr, **keywords: gast.expr) -> gast.Call:
    target = dotted(func) if isinstance(func, str) else func
    return gast.Call(func=target, args=list(args),
                     keywords=[gast.keyword(arg=k, value=v) for k, v in keywords.items()])


def attribute(value: gast.expr, attr: str) -> gast.Attribute:
    return gast.Attribute(value=value, attr=attr, ctx=gast.Load())


def subscript(value: gast.expr, index: gast.expr, store: bool = False) -> gast.Subscript:
    return gast.Subscript(value=value, slice=index, ctx=gast.Store() if store else gast.Load())


def binop(left: gast.expr, op: str | gast.operator, right: gast.expr) -> gast.BinOp:
    """``left op right``; ``op`` spelled (``"+"``) or an operator node (``gast.Add()``)."""
    return gast.BinOp(left=left, op=_BINOPS[op]() if isinstance(op, str) else op, right=right)


def negate(operand: gast.expr) -> gast.UnaryOp:
    return gast.UnaryOp(op=gast.USub(), operand=operand)


def not_(operand: gast.expr) -> gast.UnaryOp:
    return gast.UnaryOp(op=gast.Not(), operand=operand)


def tuple_(elements: list[gast.expr], store: bool = False) -> gast.Tuple:
    return gast.Tuple(elts=list(elements), ctx=gast.Store() if store else gast.Load())


def list_(elements: list[gast.expr]) -> gast.List:
    return gast.List(elts=list(elements), ctx=gast.Load())


def assign(target: str | gast.expr, value: gast.expr) -> gast.Assign:
    node = _ASSIGN.__new__(_ASSIGN)
    node.targets = [name(target, store=True) if isinstance(target, str) else target]
    node.value, node.type_comment = value, None
    return node


def assign_many(targets: list[str], value: gast.expr) -> gast.Assign:
    """``a, b = value`` (a single name for one target)."""
    if len(targets) == 1:
        return assign(targets[0], value)
    return assign(tuple_([name(t, store=True) for t in targets], store=True), value)


def expression(value: gast.expr) -> gast.Expr:
    return gast.Expr(value=value)


def if_(test: gast.expr, body: list[gast.stmt], orelse: list[gast.stmt] | None = None) -> gast.If:
    return gast.If(test=test, body=list(body), orelse=list(orelse or []))


def for_(target: str, iterable: gast.expr, body: list[gast.stmt]) -> gast.For:
    return gast.For(target=name(target, store=True), iter=iterable, body=list(body), orelse=[],
                    type_comment=None)


def while_(test: gast.expr, body: list[gast.stmt]) -> gast.While:
    return gast.While(test=test, body=list(body), orelse=[])


def return_(value: gast.expr) -> gast.Return:
    return gast.Return(value=value)


def with_context(node: gast.expr, ctx: type) -> gast.expr:
    """A copy of ``node`` whose names and subscripts are all in context ``ctx`` (Load/Store)."""
    node = copy.deepcopy(node)
    for sub in node_list(node):  # (every node: the order does not matter)
        if hasattr(sub, "ctx"):
            sub.ctx = ctx()
    return node


def slice_as_expression(node: gast.AST) -> gast.expr:
    """``1:3`` → ``slice(1, 3, None)``, so an index can be passed to a function."""
    if isinstance(node, gast.Slice):
        parts = [part if part is not None else constant(None)
                 for part in (node.lower, node.upper, node.step)]
        return call("slice", *parts)
    if isinstance(node, gast.Tuple):
        return tuple_([slice_as_expression(e) for e in node.elts])
    return node


class Transformer(gast.NodeTransformer):
    """``gast.NodeTransformer`` with the same contract (a visitor returns the node, a replacement,
    a list to splice into a list field, or ``None`` to drop it), minus its per-node overhead: the
    visitor method is looked up once per node class, and only fields that can hold nodes are
    walked (never ``ctx``)."""

    def visit(self, node: gast.AST) -> Any:
        kind = node.__class__
        methods = self.__class__.__dict__.get("_methods_cache")
        if methods is None:
            methods = {}
            type.__setattr__(self.__class__, "_methods_cache", methods)
        method = methods.get(kind)
        if method is None:
            method = methods[kind] = getattr(self.__class__, "visit_" + kind.__name__,
                                             self.__class__.generic_visit)
        return method(self, node)

    def generic_visit(self, node: gast.AST) -> gast.AST:
        tree, kind = gast.AST, node.__class__
        for field in _CHILD_FIELDS.get(kind) or child_fields(kind):
            old = getattr(node, field, None)
            if old.__class__ is list:
                new: list = []
                for value in old:
                    if isinstance(value, tree):
                        value = self.visit(value)
                        if value is None:
                            continue
                        if not isinstance(value, tree):
                            new.extend(value)
                            continue
                    new.append(value)
                old[:] = new
            elif isinstance(old, tree):
                replacement = self.visit(old)
                if replacement is None:
                    delattr(node, field)
                else:
                    setattr(node, field, replacement)
        return node


def parameter_names(args: gast.arguments) -> set[str]:
    """Every parameter ``args`` declares, ``*args``/``**kwargs`` too (not what defaults read)."""
    named = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    return {a.id for a in named if a is not None}


def replace_child(parent: gast.AST, old: gast.AST, new: gast.AST) -> bool:
    """Put ``new`` where ``parent`` holds ``old`` (a field or an item of a list field); whether
    it was found."""
    for field, current in gast.iter_fields(parent):
        if current is old:
            setattr(parent, field, new)
            return True
        if isinstance(current, list):
            for i, item in enumerate(current):
                if item is old:
                    current[i] = new
                    return True
    return False


def clone(node: Any) -> Any:
    """A copy of a node tree (positions kept, pass annotations not): much cheaper than
    ``copy.deepcopy``, which transforms would otherwise spend most of their time in.  Expression
    contexts (``Load``/``Store``), which carry nothing, are shared."""
    kind = node.__class__
    if kind is list:
        return [clone(item) for item in node]
    if kind in _ATOMS or not isinstance(node, gast.AST):
        return node
    new = kind.__new__(kind)
    own, state = node.__dict__, new.__dict__  # (written directly: cheaper than setattr)
    for field in kind._fields:
        value = own.get(field)
        state[field] = value if value.__class__ in _SHARED else clone(value)
    for attribute in kind._attributes:
        if attribute in own:
            state[attribute] = own[attribute]
    return new


_ATOMS = frozenset({str, int, float, bool, type(None)})
_SHARED = _ATOMS | {gast.Load, gast.Store, gast.Del}


def is_number(node: gast.AST) -> bool:
    return (isinstance(node, gast.Constant) and isinstance(node.value, (int, float))
            and not isinstance(node.value, bool))


def write_target(stmt: gast.AST) -> gast.expr | None:
    """The one target ``t`` of ``t = v`` or ``t op= v`` (``t`` any expression: a name, an item,
    an attribute); None for other statements and for ``a = b = v``."""
    if isinstance(stmt, gast.Assign):
        return stmt.targets[0] if len(stmt.targets) == 1 else None
    return stmt.target if isinstance(stmt, gast.AugAssign) else None
