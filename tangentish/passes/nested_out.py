"""A ufunc given a new array as ``out=`` inside a larger expression (``np.sum(np.divide(a, b,
out=np.zeros_like(a), where=b != 0) ** 2)``, ``np.log(np.divide(..., out=np.ones_like(a), ...))``):
the call is bound to a fresh name by a statement of its own just before, which
:mod:`.out_arguments` then writes as it writes ``r = np.divide(..., out=..., where=...)``.

That is the same program only where moving the call before the statement changes nothing:
``out`` is a call of a maker of :data:`.masked_ufuncs.MAKERS` whose arguments call nothing (so no
other name sees the array it makes), the operands and ``where=`` read names and constants without
calling anything (so reading them earlier reads the same values), and the call runs whenever the
statement does: not under a conditional expression, ``and``/``or``, a lambda or a comprehension,
in a statement whose expressions run once (an assignment, an expression, a ``return``).  Any other
nested ``out=`` keeps its refusal (``passes/helper_changes.py``).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(a, b):
    ...     return np.sum(np.divide(a, b, out=np.zeros_like(a), where=b != 0) ** 2)
    >>> info = parse_function(f)
    >>> hoist_nested_out(info, {"a", "b"})
    >>> print(function_text(info.node), end="")
    def f(a, b):
        _divided = np.divide(a, b, out=np.zeros_like(a), where=b != 0)
        return np.sum(_divided ** 2)
"""

from __future__ import annotations

from typing import Any

import gast
import numpy as np

from ..syntax import build
from ..syntax.naming import dotted, fresh_name
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk
from .masked_ufuncs import PLAIN, made_array

_ONCE = (gast.Assign, gast.AugAssign, gast.AnnAssign, gast.Expr, gast.Return)
_CONDITIONAL = (gast.IfExp, gast.BoolOp, gast.Lambda, gast.ListComp, gast.SetComp, gast.DictComp,
                gast.GeneratorExp)
_READS = (*PLAIN, gast.Compare, gast.cmpop, gast.boolop)


def hoist_nested_out(info: SourceInfo, local: set[str]) -> None:
    """Rewrite ``info.node`` in place (see the module docstring); ``local``: the names the
    function binds (a function reached through one of them is not NumPy's)."""
    pending = [info.node.body]
    while pending:
        body = pending.pop()
        out: list[gast.stmt] = []
        for stmt in body:
            if isinstance(stmt, _ONCE):
                out += _hoisted(info, local, stmt)
            out.append(stmt)
            pending += [v for f in ("body", "orelse", "finalbody")
                        if isinstance(v := getattr(stmt, f, None), list)]
            pending += [handler.body for handler in getattr(stmt, "handlers", ())]
        body[:] = out


def _hoisted(info: SourceInfo, local: set[str], stmt: gast.stmt) -> list[gast.stmt]:
    """The statements binding the nested calls of ``stmt`` that qualify; each call in ``stmt``
    replaced by its name."""
    top = stmt.value if isinstance(stmt, (gast.Assign, gast.Expr)) else None
    found = [(call, parent) for call, parent in _unconditional(stmt) if call is not top and
             _qualifies(info, local, call)] if stmt.value is not None else []
    taken = set(build.names(info.node, functions=True)) | set(info.imported) | local
    before = []
    for call, parent in found:
        name = fresh_name(_stem(call), taken)
        taken.add(name)
        local.add(name)
        before.append(gast.copy_location(build.assign(name, call), stmt))
        build.replace_child(parent, call, gast.copy_location(build.name(name), call))
    return before


def _unconditional(stmt: gast.stmt) -> list[tuple[gast.Call, gast.AST]]:
    """The calls in ``stmt``'s value that run whenever it does, each with its parent (innermost
    first)."""
    calls: list[tuple[gast.Call, gast.AST]] = []

    def visit(n: Any) -> None:
        for child in gast.iter_child_nodes(n):
            if not isinstance(child, _CONDITIONAL):
                visit(child)
                if isinstance(child, gast.Call):
                    calls.append((child, n))
    value = stmt.value  # (its targets are left alone: Python evaluates them after the value)
    if not isinstance(value, _CONDITIONAL):
        visit(value)
        if isinstance(value, gast.Call):
            calls.append((value, stmt))
    return calls


def _qualifies(info: SourceInfo, local: set[str], call: gast.Call) -> bool:
    """A ufunc of NumPy's with inputs, ``out=`` a new array, and at most ``where=`` besides,
    whose inputs and ``where=`` call nothing."""
    parts = dotted(call.func)
    if parts is None or parts[0] in local or any(isinstance(a, gast.Starred) for a in call.args):
        return False
    found, fn = info.lookup_path(parts)
    keywords = {k.arg: k.value for k in call.keywords}
    if not (found and isinstance(fn, np.ufunc) and fn.nout == 1 and len(call.args) == fn.nin
            and "out" in keywords and set(keywords) <= {"out", "where"}):
        return False
    reads = [*call.args, *(v for k, v in keywords.items() if k != "out")]
    return made_array(keywords["out"], ".".join(parts[:-1]) or "np") and \
        all(isinstance(node, _READS) for arg in reads for node in walk(arg))


def _stem(call: gast.Call) -> str:
    name = dotted(call.func)[-1]
    return {"divide": "divided", "true_divide": "divided", "log": "logged"}.get(name, name)
