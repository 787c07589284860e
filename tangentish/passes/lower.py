"""Expression lowering for :mod:`normalize`: one expression → one operation over atoms.

Operands that are not atoms are emitted first, each into a temporary named after what it holds::

    np.sin(x * 2.0)   →   x_times_2 = x * 2.0      (emitted)
                          np.sin(x_times_2)        (returned with Op(np.sin, [x_times_2]))
"""

from __future__ import annotations

import copy
import operator
from typing import TYPE_CHECKING

import astor
import gast

from ..syntax.resolve import callable_label, resolve_reference
from . import flow
from .inline import inline_call
from .normalize import BINOPS, COMPARES, UNARYOPS, Op, attribute_op, method_op

if TYPE_CHECKING:
    from .normalize import Normalizer


def lower_expression(norm: Normalizer, expr: gast.expr) -> tuple[gast.expr, Op]:
    handler = _HANDLERS.get(type(expr))
    if handler is None:
        raise norm.error(
            f"cannot differentiate the expression `{type(expr).__name__}`", expr,
            hint="rewrite it with arithmetic and NumPy calls",
        )
    return handler(norm, expr)


def _name(norm: Normalizer, expr: gast.Name) -> tuple[gast.expr, Op]:
    value = norm.load(expr)
    return value, Op(None, [value] if isinstance(value, gast.Name) else [], node=expr)


def _constant(norm: Normalizer, expr: gast.Constant) -> tuple[gast.expr, Op]:
    return gast.Constant(value=expr.value, kind=None), Op(None, [], node=expr)


def _binop(norm: Normalizer, expr: gast.BinOp) -> tuple[gast.expr, Op]:
    left, right = norm.atom(expr.left), norm.atom(expr.right)
    function = BINOPS[type(expr.op)]
    label = f"the operator `{_SYMBOLS.get(type(expr.op), '?')}`"
    return gast.BinOp(left=left, op=expr.op, right=right), Op(function, [left, right], {},
                                                              label, expr)


def _unaryop(norm: Normalizer, expr: gast.UnaryOp) -> tuple[gast.expr, Op]:
    inner = expr.operand
    if (isinstance(expr.op, (gast.USub, gast.UAdd)) and isinstance(inner, gast.Constant)
            and isinstance(inner.value, (int, float, complex))):
        sign = -1 if isinstance(expr.op, gast.USub) else 1
        return gast.Constant(value=sign * inner.value, kind=None), Op(None, [], node=expr)
    operand = norm.atom(expr.operand)
    function = UNARYOPS[type(expr.op)]
    return gast.UnaryOp(op=expr.op, operand=operand), Op(function, [operand], {},
                                                         "a unary operator", expr)


def _compare(norm: Normalizer, expr: gast.Compare) -> tuple[gast.expr, Op]:
    if len(expr.ops) != 1:  # a < b < c  →  (a < b) and (b < c), each operand evaluated once
        operands = [norm.atom(e) for e in [expr.left, *expr.comparators]]
        parts = [gast.Compare(left=operands[i], ops=[op], comparators=[operands[i + 1]])
                 for i, op in enumerate(expr.ops)]
        return flow.boolop(norm, gast.copy_location(
            gast.BoolOp(op=gast.And(), values=parts), expr))
    left, right = norm.atom(expr.left), norm.atom(expr.comparators[0])
    function = COMPARES.get(type(expr.ops[0]))
    if function is None:
        raise norm.error("cannot differentiate this comparison", expr,
                         hint="use <, <=, >, >=, == or !=")
    value = gast.Compare(left=left, ops=expr.ops, comparators=[right])
    return value, Op(function, [left, right], {}, "a comparison", expr)


def _attribute(norm: Normalizer, expr: gast.Attribute) -> tuple[gast.expr, Op]:
    if not norm.is_local_root(expr):
        reference = resolve_reference(norm.info, expr)
        if reference is None:
            raise norm.error(f"cannot resolve `{_source(expr)}`", expr,
                             hint="check the name; module attributes must exist when f is "
                             "differentiated")
        text = copy.deepcopy(reference.text)
        text.number = isinstance(reference.value, (int, float))
        return text, Op(None, [], node=expr)
    receiver = norm.atom(expr.value)
    value = gast.Attribute(value=receiver, attr=expr.attr, ctx=gast.Load())
    return value, attribute_op(expr.attr, receiver, expr)


def _subscript(norm: Normalizer, expr: gast.Subscript) -> tuple[gast.expr, Op]:
    base = norm.atom(expr.value)
    index = _index(norm, expr.slice)
    value = gast.Subscript(value=base, slice=index, ctx=gast.Load())
    return value, Op(operator.getitem, [base, index], {}, "indexing", expr)


def lower_index(norm: Normalizer, node: gast.expr) -> gast.expr:
    """An index with every part an atom (slices and tuples kept as such)."""
    return _index(norm, node)


def _index(norm: Normalizer, node: gast.expr) -> gast.expr:
    if isinstance(node, gast.Slice):
        parts = [None if p is None else norm.atom(p) for p in (node.lower, node.upper, node.step)]
        return gast.Slice(lower=parts[0], upper=parts[1], step=parts[2])
    if isinstance(node, gast.Tuple):
        return gast.Tuple(elts=[_index(norm, e) for e in node.elts], ctx=gast.Load())
    return norm.atom(node)


def _sequence(norm: Normalizer, expr: gast.Tuple | gast.List) -> tuple[gast.expr, Op]:
    elements = [_argument(norm, e) for e in expr.elts]
    value = type(expr)(elts=elements, ctx=gast.Load())
    key = tuple if isinstance(expr, gast.Tuple) else list
    return value, Op(key, elements, {}, "a tuple" if key is tuple else "a list", expr)


def _argument(norm: Normalizer, node: gast.expr) -> gast.expr:
    """Call arguments: atoms, or literal tuples/lists of atoms kept in place (shapes, stacks)."""
    if isinstance(node, (gast.Tuple, gast.List)):
        return type(node)(elts=[_argument(norm, e) for e in node.elts], ctx=gast.Load())
    return norm.atom(node)


def _call(norm: Normalizer, expr: gast.Call) -> tuple[gast.expr, Op]:
    for keyword in expr.keywords:
        if keyword.arg is None:
            raise norm.error("cannot differentiate `**` keyword unpacking", expr,
                             hint="pass the keyword arguments one by one")
    func = expr.func
    if isinstance(func, gast.Attribute) and norm.is_local_root(func):
        receiver = norm.atom(func.value)
        args = [_argument(norm, a) for a in expr.args]
        keywords = {k.arg: _argument(norm, k.value) for k in expr.keywords}
        value = _make_call(gast.Attribute(value=receiver, attr=func.attr, ctx=gast.Load()),
                           args, keywords)
        return value, method_op(func.attr, receiver, args, keywords, expr)
    if isinstance(func, gast.Name) and func.id in norm.local_functions and \
            func.id not in norm.current:
        result = inline_call(norm, func.id, expr)
        return result, Op(None, [result] if isinstance(result, gast.Name) else [], node=expr)
    if norm.is_local_root(func):
        raise norm.error(
            "cannot differentiate a call to a local value (not supported yet)", expr,
            hint="call a module-level function, or a NumPy function, by name",
        )
    reference = resolve_reference(norm.info, func)
    if reference is None:
        raise norm.error(f"cannot resolve the function `{_source(func)}`", func,
                         hint="check the name; it must exist when f is differentiated")
    args = [_argument(norm, a) for a in expr.args]
    keywords = {k.arg: _argument(norm, k.value) for k in expr.keywords}
    value = _make_call(copy.deepcopy(reference.text), args, keywords)
    return value, Op(reference.value, args, keywords, f"`{callable_label(reference.value)}`",
                     expr)


def _make_call(func: gast.expr, args: list[gast.expr], keywords: dict) -> gast.Call:
    return gast.Call(func=func, args=list(args),
                     keywords=[gast.keyword(arg=k, value=v) for k, v in keywords.items()])


def _joined(norm: Normalizer, expr: gast.JoinedStr) -> tuple[gast.expr, Op]:
    expr = copy.deepcopy(expr)
    for value in expr.values:
        if isinstance(value, gast.FormattedValue):
            value.value = norm.atom(value.value)
    return expr, Op(str, [], {}, "an f-string", expr)


def _lambda(norm: Normalizer, expr: gast.Lambda) -> tuple[gast.expr, Op]:
    raise norm.error(
        "cannot differentiate a `lambda` used as a value (passed to a function or stored)", expr,
        hint="give it a name and call it directly (`f = lambda t: ...; y = f(x)`), or write "
        "the loop out")


def _source(node: gast.AST) -> str:
    return astor.to_source(gast.gast_to_ast(node)).strip()


_SYMBOLS = {
    gast.Add: "+", gast.Sub: "-", gast.Mult: "*", gast.Div: "/", gast.Pow: "**",
    gast.MatMult: "@", gast.FloorDiv: "//", gast.Mod: "%",
}

_HANDLERS = {
    gast.Name: _name,
    gast.Constant: _constant,
    gast.BinOp: _binop,
    gast.UnaryOp: _unaryop,
    gast.Compare: _compare,
    gast.Attribute: _attribute,
    gast.Subscript: _subscript,
    gast.Tuple: _sequence,
    gast.List: _sequence,
    gast.Call: _call,
    gast.JoinedStr: _joined,
    gast.Lambda: _lambda,
    gast.IfExp: lambda norm, expr: flow.ifexp(norm, expr),
    gast.BoolOp: lambda norm, expr: flow.boolop(norm, expr),
}
