"""``np.vectorize(F)``: ``F`` applied to each element of its (broadcast) arguments.

``f = np.vectorize(F)`` binds ``f`` as a local function (the ``np.vectorize(F)`` call stands for
its definition in ``local_functions``); ``np.vectorize(F)(x)`` calls such a binding at once.  A
call with ``n`` arguments is inlined (:mod:`inline`) as the loop NumPy runs::

    def f(a0, a1):
        b0, b1 = np.broadcast_arrays(a0, a1)
        items = [F(t0, t1) for t0, t1 in zip(np.ravel(b0), np.ravel(b1))]
        out = np.array(items, dtype=np.result_type(items[0]))   # the first result's type, as NumPy
        return np.reshape(out, np.shape(b0))

``F`` is a lambda written in the call, a local function (its definition when ``np.vectorize``
is called: bound under a name of its own) or a module's function; ``otypes=``, ``excluded=``,
``signature=`` and the other options are left alone (refused where the call is differentiated).

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> import numpy as np
    >>> def f(x):
    ...     g = np.vectorize(lambda t: t * t if t > 0 else -t)
    ...     return g(x)
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")
    def f(x):
        b0_1 = np.asarray(x)
        _list = []
        _seq = np.ravel(b0_1)
        len_seq = len(_seq)
        range_len_seq = range(len_seq)
        for _i in range_len_seq:
            _t0 = _seq[_i]
            _t1 = _t0 > 0
            if _t1:
                t0_times_t0 = _t0 * _t0
                _t2 = t0_times_t0
            else:
                neg_t0 = -_t0
                _t2 = neg_t0
            _list.append(_t2)
        list0 = _list[0]
        _t3 = np.result_type(list0)
        out_1 = np.array(_list, dtype=_t3)
        shape_b0_1 = np.shape(b0_1)
        reshape_out_1 = np.reshape(out_1, shape_b0_1)
        return reshape_out_1
"""

from __future__ import annotations

import copy

import gast
import numpy as np

from ..syntax import build
from ..syntax.printer import expression_text
from ..syntax.resolve import dotted
from .lowering import Lowering
from .synthetic import one_argument_call_of, parsed_at


def vectorize_binding(norm: Lowering, stmt: gast.stmt) -> bool:
    """``f = np.vectorize(F)``: bind ``f`` as above and return True; False for any other
    statement."""
    if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
            isinstance(stmt.targets[0], gast.Name) and _is_vectorize(norm, stmt.value)):
        return False
    norm.local_functions[stmt.targets[0].id] = _maker(norm, stmt.value)
    return True


def vectorized_call(norm: Lowering, expr: gast.Call) -> gast.Call | None:
    """``np.vectorize(F)(args)`` as the call of a fresh local binding; None for any other."""
    if not _is_vectorize(norm, expr.func):
        return None
    name = norm.namer.fresh("vectorized")
    norm.local_functions[name] = _maker(norm, expr.func)
    return gast.copy_location(gast.Call(func=build.name(name), args=expr.args,
                                        keywords=expr.keywords), expr)


def is_vectorized(found: gast.AST) -> bool:
    return isinstance(found, gast.Call)


def vectorized_def(norm: Lowering, maker: gast.Call, call: gast.Call) -> gast.FunctionDef:
    """The loop a call of ``np.vectorize(F)`` (``maker``, its ``F`` already a name) runs, for
    ``call``'s number of positional arguments."""
    if call.keywords or not call.args or any(isinstance(a, gast.Starred) for a in call.args):
        raise norm.error("a function made by `np.vectorize` is differentiated called with its "
                         "arguments by position", call, hint="pass each argument by position")
    count, np_alias = len(call.args), norm.machinery.aliases["np"]
    params = [norm.namer.fresh(f"a{i}") for i in range(count)]
    arrays = [norm.namer.fresh(f"b{i}") for i in range(count)]
    items = [norm.namer.fresh(f"t{i}") for i in range(count)]
    listed, out = norm.namer.fresh("items"), norm.namer.fresh("out")
    applied = f"{expression_text(maker.args[0])}({', '.join(items)})"
    if count == 1:
        spread = f"    {arrays[0]} = {np_alias}.asarray({params[0]})\n"
        loop = f"for {items[0]} in {np_alias}.ravel({arrays[0]})"
    else:
        spread = f"    {', '.join(arrays)} = {np_alias}.broadcast_arrays({', '.join(params)})\n"
        loop = f"for {', '.join(items)} in zip(" + ", ".join(
            f"{np_alias}.ravel({b})" for b in arrays) + ")"
    text = (f"def vectorized({', '.join(params)}):\n{spread}"
            f"    {listed} = [{applied} {loop}]\n"
            f"    {out} = {np_alias}.array({listed}, dtype={np_alias}.result_type({listed}[0]))\n"
            f"    return {np_alias}.reshape({out}, {np_alias}.shape({arrays[0]}))\n")
    return parsed_at(text, call)


def _is_vectorize(norm: Lowering, node: gast.expr) -> bool:
    return one_argument_call_of(norm, node, np.vectorize)


def _maker(norm: Lowering, maker: gast.Call) -> gast.Call:
    """``np.vectorize(F)`` with ``F`` a name the loop can call: a lambda or a local function
    bound (now) under a fresh name, or a module's function as written."""
    function = maker.args[0]
    if isinstance(function, gast.Lambda) or isinstance(function, gast.Name) and \
            function.id in norm.local_functions and function.id not in norm.current:
        name = norm.namer.fresh("func")
        norm.local_functions[name] = copy.deepcopy(
            function if isinstance(function, gast.Lambda) else norm.local_functions[function.id])
        function = build.name(name)
    elif dotted(function) is None or norm.is_local_root(function):
        raise norm.error(
            f"`np.vectorize` of `{expression_text(function)}`: its function is not one the "
            "derivative can call by name", function,
            hint="pass a lambda, a function defined in this function, or a module's function")
    return gast.copy_location(gast.Call(func=build.clone(maker.func), args=[function],
                                        keywords=[]), maker)
