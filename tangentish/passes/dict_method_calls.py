"""``d.setdefault(K, v)`` and ``d.pop(K[, v])`` of a dict local inside an expression: each call
becomes a statement of its own, ``t = d.pop(K)``, placed before the statement that holds it (in
the order Python evaluates the calls), which :mod:`dict_methods` then lowers; the expression
reads ``t``.

Moving a call earlier than the rest of its statement is exact only when nothing else in the
statement could see the difference, so a statement is split only when it reads the dict nowhere
but in these calls and at other constant keys (``d["a"]``, ``d.get("a", 0.0)``), every call
runs whenever the statement does (not in a branch of ``a if c else b``, after the first operand
of ``and``/``or`` or of a chained comparison, nor in a comprehension or a lambda) and no call's
arguments call anything.  Otherwise the call is refused at its line, with that hint.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.dict_locals import replace_dict_locals
    >>> def step(w, lr):
    ...     state = {"w": w}
    ...     loss = lr * state.setdefault("m", 0.5 * w) ** 2
    ...     return loss + state.pop("m") + state.pop("v", 1.0) * state["w"]
    >>> info = parse_function(step)
    >>> replace_dict_locals(info)
    >>> print(function_text(info.node), end="")
    def step(w, lr):
        state_w = w
        state_m = 0.5 * w
        _t1 = state_m
        loss = lr * _t1 ** 2
        _t2 = state_m
        _t3 = 1.0
        return loss + _t2 + _t3 * state_w
"""

from __future__ import annotations

from typing import Any

import gast

from ..errors import UnsupportedConstructError
from ..syntax import build
from .dict_reads import _IMPURE, placed

_METHODS = ("setdefault", "pop")
_SPLIT = (gast.Assign, gast.AugAssign, gast.Return, gast.Expr, gast.If)
_NESTED = (gast.Lambda, gast.ListComp, gast.SetComp, gast.DictComp, gast.GeneratorExp)


def split_method_calls(locals_: Any, stmt: gast.stmt) -> list[gast.stmt]:
    """``stmt`` preceded by one assignment per ``d.setdefault``/``d.pop`` call it holds in an
    expression, or ``[stmt]`` where there is none; refused where moving them is not exact
    (module docstring); ``locals_``: the :class:`.dict_locals.DictLocals` reading the function."""
    if not isinstance(stmt, _SPLIT):
        return [stmt]
    top = stmt.value if isinstance(stmt, gast.Expr) or (
        isinstance(stmt, gast.Assign) and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], gast.Name)) else None
    found: list[tuple[gast.Call, bool]] = []
    for part in _parts(stmt):
        _calls(locals_, part, False, found)
    moved = [call for call, _ in found if call is not top]
    if not moved:
        return [stmt]
    inner = {id(call) for call in moved}  # (`d.pop(K, d.pop(L))`: the inner one moved first)
    heads = {id(call.func.value) for call, _ in found} | _other_keys(stmt, found)
    dicts = {call.func.value.id for call, _ in found}
    if any(conditional for _, conditional in found) or \
            any(isinstance(n, _IMPURE) and id(n) not in inner for call in moved
                for a in call.args for n in build.nodes(a)) or \
            any(isinstance(n, gast.Name) and n.id in dicts and id(n) not in heads
                for part in _parts(stmt) for n in build.nodes(part)):
        raise _refused(locals_, moved[0])  # (order against the rest of the statement matters)
    temps = {id(call): locals_.namer.temp() for call in moved}
    for part in _parts(stmt):
        for node in list(build.nodes(part)):
            for child in gast.iter_child_nodes(node):
                if id(child) in temps:
                    build.replace_child(node, child, build.name(temps[id(child)]))
    if isinstance(stmt, gast.Return) and id(stmt.value) in temps:
        stmt.value = build.name(temps[id(stmt.value)])
    elif isinstance(stmt, gast.If) and id(stmt.test) in temps:
        stmt.test = build.name(temps[id(stmt.test)])
    elif isinstance(stmt, (gast.Assign, gast.AugAssign)) and id(stmt.value) in temps:
        stmt.value = build.name(temps[id(stmt.value)])
    made = [build.assign(temps[id(call)], call) for call in moved]
    return [*placed(made, stmt), stmt]


def _refused(reads: Any, call: gast.Call) -> UnsupportedConstructError:
    """The error for ``call``, a ``d.pop``/``d.setdefault`` that stayed in an expression."""
    d, method = call.func.value.id, call.func.attr
    return reads.refuse(
        f"`{d}.{method}(...)` here, on a dict built in the function", call,
        hint=f"assign it first (`c = {d}.{method}(...)`); in an expression it is moved before "
             f"its statement only where the statement reads `{d}` at no other key, always runs "
             "it (not in `a if c else b`, after `and`/`or`, in a comprehension) and its "
             "arguments call nothing")


def _other_keys(stmt: gast.stmt, found: list[tuple[gast.Call, bool]]) -> set[int]:
    """The dicts read as ``d[K]`` or ``d.get(K...)`` in ``stmt`` with ``K`` a constant that no
    call in ``found`` names (each call's key a constant too): in any order the same value."""
    keys: dict[str, set] = {}
    for call, _ in found:
        key = call.args[0] if call.args else None
        if not isinstance(key, gast.Constant):
            return set()
        keys.setdefault(call.func.value.id, set()).add((type(key.value), key.value))
    safe: set[int] = set()
    for part in _parts(stmt):
        for node in build.nodes(part):
            if isinstance(node, gast.Subscript):
                head, key = node.value, node.slice
            elif isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute) and \
                    node.func.attr == "get" and node.args and not node.keywords:
                head, key = node.func.value, node.args[0]
            else:
                continue
            if isinstance(head, gast.Name) and head.id in keys and \
                    isinstance(key, gast.Constant) and \
                    (type(key.value), key.value) not in keys[head.id]:
                safe.add(id(head))
    return safe


def _parts(stmt: gast.stmt) -> list[gast.expr]:
    """The expressions of ``stmt``, in the order Python evaluates them (an ``if``: its test)."""
    if isinstance(stmt, gast.If):
        return [stmt.test]
    if isinstance(stmt, gast.Assign):
        return [stmt.value, *stmt.targets]
    if isinstance(stmt, gast.AugAssign):
        return [stmt.target, stmt.value]
    return [stmt.value] if stmt.value is not None else []


def _calls(locals_: Any, node: gast.AST, conditional: bool,
           found: list[tuple[gast.Call, bool]]) -> None:
    """Append to ``found`` the calls under ``node`` in the order they run, each with whether it
    may not run when ``node`` does."""
    if isinstance(node, _NESTED):
        conditional = True
    ordered: list[tuple[gast.AST, bool]]
    if isinstance(node, gast.IfExp):
        ordered = [(node.test, conditional), (node.body, True), (node.orelse, True)]
    elif isinstance(node, gast.BoolOp):
        ordered = [(v, conditional or i > 0) for i, v in enumerate(node.values)]
    elif isinstance(node, gast.Compare):
        ordered = [(node.left, conditional)] + [(c, conditional or i > 0)
                                                for i, c in enumerate(node.comparators)]
    elif isinstance(node, gast.Dict):  # (a key, then its value)
        ordered = [(n, conditional) for pair in zip(node.keys, node.values, strict=True)
                   for n in pair if n is not None]
    elif isinstance(node, gast.Call) and node.keywords and \
            any(isinstance(a, gast.Starred) for a in node.args):
        ordered = [(n, True) for n in gast.iter_child_nodes(node)]  # (an order not kept)
    else:
        ordered = [(n, conditional) for n in gast.iter_child_nodes(node)]
    for child, inside in ordered:
        _calls(locals_, child, inside, found)
    if isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute) \
            and node.func.attr in _METHODS and locals_.is_local(node.func.value):
        found.append((node, conditional))
