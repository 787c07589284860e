"""Expression lowering for :mod:`normalize`: one expression → one operation over atoms.

Operands that are not atoms are emitted first, each into a temporary named after what it holds
(``x_at_w``, ``tanh_x_at_w``), or ``_t1``, ``_t2``... when no short name says it:

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x, w):
    ...     return np.sum(np.tanh(x @ w) * 2.0) + x.T.sum()
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")
    def f(x, w):
        x_at_w = x @ w
        tanh_x_at_w = np.tanh(x_at_w)
        _t1 = tanh_x_at_w * 2.0
        sum_t1 = np.sum(_t1)
        x_T = x.T
        sum_x_T = x_T.sum()
        out = sum_t1 + sum_x_T
        return out
"""

from __future__ import annotations

import copy
import operator
from functools import partial
from typing import Any

import gast
import numpy as np

from .. import ir, runtime
from ..ir import Op
from ..syntax import build
from ..syntax.methods import METHODS
from ..syntax.printer import expression_text
from ..syntax.resolve import resolve_reference
from .applied import poly1d_call
from .binding import KEYED, is_user_function, passed_through, uncached
from .generator_helpers import note_consumer
from .helper_changes import check_call
from .lowering import (
    COMPARES,
    Lowering,
    attribute_op,
    call_argument,
    call_label,
    lowered_elsewhere,
    method_op,
)
from .nested import callee_reference, jax_style_call, unresolved_call
from .reduction_forms import REDUCTIONS, method_reduction
from .root_finders import refuse_handed_function
from .vectorized import vectorized_call

BINOPS = {
    gast.Add: operator.add, gast.Sub: operator.sub, gast.Mult: operator.mul,
    gast.Div: operator.truediv, gast.Pow: operator.pow, gast.MatMult: operator.matmul,
    gast.FloorDiv: operator.floordiv, gast.Mod: operator.mod, gast.BitAnd: operator.and_,
    gast.BitOr: operator.or_, gast.BitXor: operator.xor, gast.LShift: operator.lshift,
    gast.RShift: operator.rshift,
}
UNARYOPS = {gast.USub: operator.neg, gast.UAdd: operator.pos, gast.Not: operator.not_,
            gast.Invert: operator.invert}
_SYMBOLS = {
    gast.Add: "+", gast.Sub: "-", gast.Mult: "*", gast.Div: "/", gast.Pow: "**",
    gast.MatMult: "@", gast.FloorDiv: "//", gast.Mod: "%", gast.BitAnd: "&", gast.BitOr: "|",
    gast.BitXor: "^", gast.LShift: "<<", gast.RShift: ">>",
}
# Nesting beyond this is refused clearly instead of overflowing Python's stack.
MAX_DEPTH = 200
_LOWERED = (max, min, np.diff, np.block, np.linalg.cond, np.einsum, np.apply_along_axis,
            np.piecewise, np.fromfunction, np.linalg.tensorsolve, np.linalg.tensorinv, np.cov,
            np.corrcoef, np.interp, np.var, np.std, np.select, *REDUCTIONS)  # (call_forms.py)


def lower_expression(norm: Lowering, expr: gast.expr) -> tuple[gast.expr, Op]:
    handler = _HANDLERS.get(type(expr))
    if handler is None:
        raise norm.error(f"cannot differentiate the expression `{type(expr).__name__}`", expr,
                         hint="rewrite it with arithmetic and NumPy calls")
    norm.depth += 1
    try:
        if norm.depth > MAX_DEPTH:
            raise norm.error(
                f"this expression is nested more than {MAX_DEPTH} levels deep", expr,
                hint="split it into several assignments")
        return handler(norm, expr)
    finally:
        norm.depth -= 1


def lower_index(norm: Lowering, node: gast.expr) -> gast.expr:
    """An index with every part an atom (slices and tuples kept as such)."""
    if isinstance(node, gast.Slice):
        parts = [None if p is None else norm.atom(p) for p in (node.lower, node.upper, node.step)]
        return gast.Slice(lower=parts[0], upper=parts[1], step=parts[2])
    if isinstance(node, gast.Tuple):
        return build.tuple_([lower_index(norm, e) for e in node.elts])
    return norm.atom(node)


def _name(norm: Lowering, expr: gast.Name) -> tuple[gast.expr, Op]:
    value = norm.load(expr)
    return value, Op(None, [value] if isinstance(value, gast.Name) else [], node=expr)


def _constant(norm: Lowering, expr: gast.Constant | gast.Set) -> tuple[gast.expr, Op]:
    if isinstance(expr, gast.Set):  # (of constants only: syntax/fence.py)
        return gast.Set(elts=[build.constant(e.value) for e in expr.elts]), Op(None, [], node=expr)
    return build.constant(expr.value), Op(None, [], node=expr)


def _binop(norm: Lowering, expr: gast.BinOp) -> tuple[gast.expr, Op]:
    left, right = norm.atom(expr.left), norm.atom(expr.right)
    label = f"the operator `{_SYMBOLS.get(type(expr.op), '?')}`"
    return gast.BinOp(left=left, op=expr.op, right=right), Op(BINOPS[type(expr.op)],
                                                              [left, right], {}, label, expr)


def _unaryop(norm: Lowering, expr: gast.UnaryOp) -> tuple[gast.expr, Op]:
    inner = expr.operand
    if (isinstance(expr.op, (gast.USub, gast.UAdd)) and isinstance(inner, gast.Constant)
            and isinstance(inner.value, (int, float, complex))
            and not isinstance(inner.value, bool)):
        sign = -1 if isinstance(expr.op, gast.USub) else 1
        return build.constant(sign * inner.value), Op(None, [], node=expr)
    operand = norm.atom(expr.operand)
    label = "`not`" if isinstance(expr.op, gast.Not) else "a unary operator"
    return gast.UnaryOp(op=expr.op, operand=operand), Op(UNARYOPS[type(expr.op)], [operand],
                                                         {}, label, expr)


def _compare(norm: Lowering, expr: gast.Compare) -> tuple[gast.expr, Op]:
    if len(expr.ops) != 1:  # a < b < c  →  (a < b) and (b < c), each operand evaluated once
        from .flow import chained_comparison  # (as branches: flow.py, imported where met)
        return chained_comparison(norm, expr)
    if isinstance(expr.ops[0], gast.NotIn):  # a not in b  →  not (a in b)
        inside = gast.Compare(left=expr.left, ops=[gast.In()], comparators=expr.comparators)
        return _unaryop(norm, gast.copy_location(
            gast.UnaryOp(op=gast.Not(), operand=gast.copy_location(inside, expr)), expr))
    left, right = norm.atom(expr.left), norm.atom(expr.comparators[0])
    function = COMPARES.get(type(expr.ops[0]))
    if function is None:
        raise norm.error("cannot differentiate this comparison", expr,
                         hint="use <, <=, >, >=, ==, !=, is, is not or in")
    value = gast.Compare(left=left, ops=expr.ops, comparators=[right])
    return value, Op(function, [left, right], {}, "a comparison", expr)


def _attribute(norm: Lowering, expr: gast.Attribute) -> tuple[gast.expr, Op]:
    if not norm.is_local_root(expr):
        reference = resolve_reference(norm.info, expr, norm.machinery)
        if reference is None:
            raise norm.error(f"cannot resolve `{expression_text(expr)}`", expr,
                             hint="check the name; module attributes must exist when f is "
                             "differentiated")
        text = reference.text  # (a fresh node unless it is the user's own)
        return copy.deepcopy(text) if text is expr else text, Op(None, [], node=expr)
    receiver = norm.atom(expr.value)
    value = build.attribute(receiver, expr.attr)
    return value, attribute_op(expr.attr, receiver, expr)


def _subscript(norm: Lowering, expr: gast.Subscript) -> tuple[gast.expr, Op]:
    flat = expr.value
    if isinstance(flat, gast.Attribute) and flat.attr == "flat" and norm.is_local_root(flat):
        array = norm.atom(flat.value)  # x.flat[i]: kept as written, differentiated as ravel(x)[i]
        index = lower_index(norm, expr.slice)
        return build.subscript(build.attribute(array, "flat"), index), Op(
            runtime.flat_read, [array, index], {}, "indexing `.flat`", expr)
    base = norm.atom(expr.value)
    key: Any = operator.getitem
    if not norm.is_local_root(expr.value):  # a global object: np.r_[...], r_[...], np.s_[...]
        key = indexing_key(norm, expr.value)
        from .index_tricks import index_join  # (what only some functions need: imported then)

        joined = index_join(norm, expr, key[1] if isinstance(key, tuple) else None)
        if joined is not None:
            return joined
    index = lower_index(norm, expr.slice)
    value = build.subscript(base, index)
    return value, Op(key, [base, index], {}, "indexing", expr)


def indexing_key(norm: Lowering, node: gast.expr) -> Any:
    """The rule key of ``<global object>[...]``: plain indexing for arrays, lists and tuples;
    the object's own key for anything else (``np.r_[a, b]`` builds an array from its index, so it
    needs a rule of its own, not the rule of indexing)."""
    reference = resolve_reference(norm.info, node, norm.machinery)
    value = None if reference is None else reference.value
    if value is None or isinstance(value, (np.ndarray, list, tuple, str, int, float)):
        return operator.getitem
    return ("indexing", type(value))


def _sequence(norm: Lowering, expr: gast.Tuple | gast.List) -> tuple[gast.expr, Op]:
    # Every item an atom: a nested display (``[(W, b)]``) becomes a temporary of its own, so that
    # its items receive their adjoints and tangents (kept in place, they would get none).
    elements = [norm.atom(e) for e in expr.elts]
    value = type(expr)(elts=elements, ctx=gast.Load())
    key = ir.TUPLE if isinstance(expr, gast.Tuple) else ir.LIST
    return value, Op(key, elements, {}, "a tuple" if key is ir.TUPLE else "a list", expr)


def _call(norm: Lowering, expr: gast.Call) -> tuple[gast.expr, Op]:
    for keyword in expr.keywords:
        if keyword.arg is None:
            from .keyword_unpacking import unpacking_error  # (an error's: imported for it)

            raise unpacking_error(norm, expr, keyword.value)
    expr = jax_style_call(norm, expr) or poly1d_call(norm, expr) or \
        vectorized_call(norm, expr) or expr  # (jvp(g, (x,), (v,)); applied.py, vectorized.py)
    func = expr.func
    note_consumer(norm, expr)  # (tuple(g(x)): a generator helper g's items taken at once)
    lowered, reference = _object_call(norm, func, expr)
    if lowered is not None:
        return lowered
    if reference is None and norm.is_method_call(func):
        from .list_methods import list_pop  # (``xs.pop()``, ``xs.pop(i)``; a method call's: imported there)
        from .receiver_writes import unchanged_receiver
        if (popped := list_pop(norm, expr)) is not None:
            return popped
        receiver = norm.atom(unchanged_receiver(norm, expr))
        args = [call_argument(norm, a) for a in expr.args]
        keywords = {k.arg: call_argument(norm, k.value) for k in expr.keywords}
        value = build.call(build.attribute(receiver, func.attr), *args, **keywords)
        return value, method_op(func.attr, receiver, args, keywords, expr)
    if isinstance(func, gast.Name) and func.id in norm.local_functions and \
            func.id not in norm.current:
        from .inline import inline_call

        result = inline_call(norm, func.id, expr)
        return result, Op(None, [result] if isinstance(result, gast.Name) else [], node=expr)
    if reference is None:
        reference = callee_reference(norm, func, expr)
        if reference is None:
            return unresolved_call(norm, func, expr)
    refuse_handed_function(norm, reference.value, expr)  # (brentq(lambda t: ...): why)
    if any(reference.value is f for f in _LOWERED) or lowered_elsewhere(reference.value):
        from .call_forms import call_form

        lowered = call_form(norm, reference.value, expr)
        if lowered is not None:
            return lowered
    key = uncached(reference.value)  # (a functools.cache of a helper: called, not inlined)
    cached = key is not reference.value
    key = passed_through(key, norm.info.recorder)  # (`def w(*args, **kw): return g(*args,
    # **kw)`: a call of g)
    lowered = None if cached else _helper_call(norm, key, expr)
    if lowered is not None:
        return lowered
    argument = norm.atom if is_user_function(key) else partial(call_argument, norm)
    args = [call_argument(norm, a) if isinstance(a, gast.Dict) else argument(a) for a in expr.args]
    if norm.reverse and args and runtime.helper_named(reference.value, _IN_PLACE_HELPERS):
        args[0] = _owned(norm, args[0], expr)
    if any(k.arg == "key" and isinstance(k.value, gast.Lambda) for k in expr.keywords):
        raise norm.error(f"cannot differentiate {call_label(func, reference.value)} with a "
                         "`key=` lambda here", expr, hint=KEYED)  # (not first in its statement)
    keywords = {k.arg: argument(k.value) for k in expr.keywords}
    text = reference.text  # (a fresh node unless it is the user's own: see resolve_reference)
    value = build.call(build.clone(text) if text is func else text, *args, **keywords)
    op = Op(key, args, keywords, call_label(func, reference.value), expr)
    norm.written = check_call(norm, op, expr)
    return value, op


def _helper_call(norm: Lowering, value: Any, expr: gast.Call) -> tuple | None:
    """A small helper inlined, a method of the module's object lowered; else ``None``."""
    if is_user_function(value) and not any(isinstance(a, gast.Dict) for a in expr.args):
        from .inline_helpers import inline_helper  # (a dict display: passes/displays.py)

        result = inline_helper(norm, value, expr)
        if result is not None:
            return result, Op(None, [result] if isinstance(result, gast.Name) else [], node=expr)
    elif callable(value):  # a method of an object of the module
        from .method_calls import object_method_call

        return object_method_call(norm, value, expr)
    return None


def _object_call(norm: Lowering, func: gast.expr, expr: gast.Call) -> tuple:
    """``(lowered, None)`` for a method of the bound method's object or of an object it holds
    (``self.act(h)``, ``self.l1(x)``); ``(None, reference)`` for an item of a module's list or
    tuple (``LAYERS[0](x)``, ``LAYERS[0].act(x)``, ``ACTS[1](x)``); else ``(None, None)``."""
    lowered = method_reduction(norm, func, expr)  # (x.sum(where=m): as np.sum(x, where=m))
    if lowered is not None:
        return lowered, None
    if not (isinstance(func, (gast.Name, gast.Subscript)) or
            isinstance(func, gast.Attribute) and func.attr not in METHODS):
        return None, None
    from .method_calls import item_reference, own_method_call

    lowered = own_method_call(norm, func, expr)
    return (lowered, None) if lowered is not None else (None, item_reference(norm, func))


# Runtime helpers (named: holding them imports their family for every transform) that write into
# their first argument when nothing else refers to it (derivative code accumulates adjoints so).
# In derivative code differentiated again in reverse mode, single assignment gives the result a new
# name while the adjoint may still read the old value: they get a copy (not in forward mode).
_IN_PLACE_HELPERS = frozenset({"add_at", "zero_index"})


def _owned(norm: Lowering, atom: gast.expr, node: gast.expr) -> gast.expr:
    """A copy of ``atom`` the helper may write into (``g_copy = _rt.own(g)``)."""
    target = norm.namer.fresh(f"{atom.id}_copy" if isinstance(atom, gast.Name) else "copy")
    own = build.call(f"{norm.machinery.aliases['_rt']}.own", atom)
    norm.emit(build.assign(target, own), Op(runtime.own, [build.clone(atom)], {}, "`_rt.own`",
                                              node))
    return build.name(target)


def _joined(norm: Lowering, expr: gast.JoinedStr) -> tuple[gast.expr, Op]:
    expr = copy.deepcopy(expr)
    for value in expr.values:
        if isinstance(value, gast.FormattedValue):
            value.value = norm.atom(value.value)
    return expr, Op(str, [], {}, "an f-string", expr)


def _lambda(norm: Lowering, expr: gast.Lambda) -> tuple[gast.expr, Op]:
    raise norm.error("cannot differentiate a `lambda` used as a value (passed to a function or "
                     "stored)", expr, hint="give it a name and call it (`f = lambda t: ...; y = "
                     "f(x)`), or write the loop out; `grad(lambda z: ...)(y)` is `grad(g)(y, x)` "
                     "of a module-level `def g(z, x)` that takes the values it reads")


def _branches(norm: Lowering, expr: gast.IfExp | gast.BoolOp) -> tuple[gast.expr, Op | None]:
    """``a if c else b``, ``a and b``: lowered into branches (:mod:`.flow`, imported where met)."""
    from . import flow
    return (flow.ifexp if isinstance(expr, gast.IfExp) else flow.boolop)(norm, expr)


_HANDLERS = {
    gast.Name: _name, gast.Constant: _constant, gast.Set: _constant, gast.BinOp: _binop,
    gast.UnaryOp: _unaryop, gast.Compare: _compare, gast.Attribute: _attribute,
    gast.Subscript: _subscript,
    gast.Tuple: _sequence, gast.List: _sequence, gast.Call: _call, gast.JoinedStr: _joined,
    gast.Lambda: _lambda, gast.IfExp: _branches, gast.BoolOp: _branches,
}


# -- what a function returns ---------------------------------------------------------------------


def lower_output(norm: Lowering, expr: gast.expr) -> gast.expr:
    """The returned atom; a computed result is named ``out`` (its adjoint is the seed).  Under
    ``has_aux`` the first item of the returned pair is the output and the second is passed
    through untouched (``norm.aux``)."""
    if not norm.has_aux:
        return _output(norm, expr)
    if isinstance(expr, (gast.Tuple, gast.List)):
        if len(expr.elts) != 2:
            raise norm.error(
                f"with has_aux=True, {norm.info.name} must return a pair (output, aux); this "
                f"returns {len(expr.elts)} values", expr,
                hint="return `output, aux` (aux may itself be a tuple)")
        output = _output(norm, expr.elts[0])
        norm.aux = norm.atom(expr.elts[1])
        return output
    checked = build.call(build.attribute(build.name(norm.machinery.aliases["_rt"]), "aux_pair"),
                         norm.atom(expr), build.constant(norm.info.name))
    pair = build.name(norm.namer.fresh("pair"))
    norm.emit(build.assign(pair.id, checked), Op(None, [checked.args[0]]))  # same value
    parts = []
    for index, label in ((0, "out"), (1, "aux")):
        item = build.subscript(pair, build.constant(index))
        part = norm.namer.fresh(label)
        norm.emit(build.assign(part, item),
                  Op(operator.getitem, [pair, item.slice], {}, "indexing", expr))
        parts.append(build.name(part))
    norm.aux = parts[1]
    return parts[0]


def _output(norm: Lowering, expr: gast.expr) -> gast.expr:
    value, op = norm.lower(expr)
    if op.key is None:
        return value
    out = norm.namer.fresh("out")
    norm.emit(build.assign(out, value), op)
    return build.name(out)


def is_placeholder(norm: Lowering, expr: gast.expr) -> bool:
    """``_rt.UNBOUND`` (differentiating generated code, which holds placeholders)."""
    if not isinstance(expr, gast.Attribute) or expr.attr != "UNBOUND":
        return False
    from .. import runtime

    found = resolve_reference(norm.info, expr, norm.machinery)
    return found is not None and found.value is runtime.UNBOUND
