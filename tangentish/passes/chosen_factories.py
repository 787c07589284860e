"""A closure factory that chooses what it returns by an argument the call gives as a literal
(``make_act("tanh")``): the factory as that call runs it, its ``if`` statements on such arguments
decided (``if kind == "tanh": def act ... else: def act ...``; ``if kind == "a": return a`` then
``return b``; ``return a if kind == "a" else b``), what follows a ``return`` left out and those
arguments read as the literals they are, so that :mod:`.closures` sees the one function it returns,
and a recursive call's ``n - 1`` is ``3 - 1``, which decides the next copy (:mod:`.inline_helpers`
inlines a recursion as deep as literals decide it, up to its depth limit).  A test is decided only
where it reads literals and parameters the call gives literals (or whose literal defaults it
leaves, or arithmetic of those: ``3 - 1``) that the factory never rebinds, through ``==``, ``!=``,
``is``, ``in``, ``<``..., ``and``, ``or`` and ``not``; any other ``if`` stays, and with it the
refusal of a factory of several ``return`` statements.

    >>> import gast
    >>> from tangentish.syntax.printer import function_text
    >>> text = '''
    ... def make(kind, k=2.0):
    ...     if kind == "square":
    ...         def act(z):
    ...             return k * z * z
    ...     elif kind in ("sin", "sine"):
    ...         return np.sin
    ...     else:
    ...         def act(z):
    ...             return z
    ...     return act'''
    >>> factory = gast.parse(text).body[0]
    >>> call = gast.parse('make("square")').body[0].value
    >>> print(function_text(as_called(factory, call)), end="")
    def make(kind, k=2.0):
        def act(z):
            return 2.0 * z * z
        return act
"""

from __future__ import annotations

import copy
import operator
from collections import Counter
from typing import Any

import gast

from ..syntax import build

_UNKNOWN = object()
_ARITHMETIC = {gast.Add: operator.add, gast.Sub: operator.sub, gast.Mult: operator.mul,
               gast.FloorDiv: operator.floordiv, gast.Mod: operator.mod}
_COMPARE = {gast.Eq: operator.eq, gast.NotEq: operator.ne, gast.Is: operator.is_,
            gast.IsNot: operator.is_not, gast.Lt: operator.lt, gast.LtE: operator.le,
            gast.Gt: operator.gt, gast.GtE: operator.ge,
            gast.In: lambda a, b: a in b, gast.NotIn: lambda a, b: a not in b}


def as_called(factory: gast.FunctionDef, call: gast.Call) -> gast.FunctionDef:
    """``factory`` with its ``if`` statements on the call's literal arguments decided (a copy),
    or ``factory`` itself where none is."""
    if not any(isinstance(s, gast.If) or _chooses(s) for s in factory.body):
        return factory
    known = _literal_arguments(factory, call)
    if not known:
        return factory
    body, changed = _decided(factory.body, known, _bound_once(factory))
    if not changed:
        return factory
    chosen = copy.copy(factory)
    chosen.body = copy.deepcopy(body)
    for node in build.nodes(gast.Module(body=chosen.body, type_ignores=[])):
        for field, value in gast.iter_fields(node):  # (its literals read in place: a recursive
            if isinstance(value, gast.Name) and _literal(value, known):  # call's `n - 1` is
                setattr(node, field, gast.copy_location(build.constant(known[value.id]), value))
            elif isinstance(value, list):  # `3 - 1`, which decides the next copy)
                value[:] = [gast.copy_location(build.constant(known[v.id]), v)
                            if isinstance(v, gast.Name) and _literal(v, known) else v for v in value]
    return chosen


def _literal(name: gast.Name, known: dict[str, Any]) -> bool:
    return isinstance(name.ctx, gast.Load) and name.id in known and \
        type(known[name.id]) in (int, float, str, bool, type(None))


def _literal_arguments(factory: gast.FunctionDef, call: gast.Call) -> dict[str, Any]:
    """The factory's parameters the call gives a literal (or leaves at a literal default),
    that its body never rebinds."""
    args = factory.args
    positional = [a.id for a in args.posonlyargs + args.args]
    if any(isinstance(a, gast.Starred) for a in call.args) or \
            any(k.arg is None for k in call.keywords) or len(call.args) > len(positional):
        return {}
    given = dict(zip(positional, call.args, strict=False)) | {k.arg: k.value for k in call.keywords}
    defaults = dict(zip(positional[len(positional) - len(args.defaults):], args.defaults,
                        strict=True))
    defaults |= {a.id: d for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)
                 if d is not None}
    stored = {n.id for n in build.nodes(gast.Module(body=factory.body, type_ignores=[]))
              if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)} | {
        n.name for n in build.nodes(factory) if isinstance(n, gast.FunctionDef)}
    known = {}
    for name in positional + [a.id for a in args.kwonlyargs]:
        value = _value(given[name], {}) if name in given else _value(defaults.get(name), {})
        if value is not _UNKNOWN and name not in stored:
            known[name] = value
    return known


def _bound_once(factory: gast.FunctionDef) -> set[str]:
    """The names the factory's body binds exactly once, by an assignment of its top level, and
    reads nowhere before it (``mid = (lo + hi) // 2``: a literal where ``lo`` and ``hi`` are)."""
    stores = Counter(n.id for n in build.nodes(gast.Module(body=factory.body, type_ignores=[]))
                     if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load))
    once, read = set(), set()
    for stmt in factory.body:
        target = stmt.targets[0] if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 \
            else None
        if isinstance(target, gast.Name) and stores[target.id] == 1 and target.id not in read:
            once.add(target.id)
        read |= {n.id for n in build.nodes(stmt) if isinstance(n, gast.Name)}
    return once


def _decided(body: list[gast.stmt], known: dict[str, Any], once: frozenset[str] | set[str] =
             frozenset()) -> tuple[list[gast.stmt], bool]:
    """``body`` with its decidable ``if`` statements replaced by the branch taken, up to its
    first ``return`` at this level, and each name of ``once`` its assignment makes a number or
    a string of literals (``mid = (lo + hi) // 2``) known from there on; whether anything
    changed."""
    out: list[gast.stmt] = []
    changed = False
    for index, stmt in enumerate(body):
        if isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Name) and \
                stmt.targets[0].id in once:
            value = _value(stmt.value, known)
            if type(value) in (int, float, str, bool):
                known[stmt.targets[0].id] = value
                changed = True
        test = _value(stmt.test, known) if isinstance(stmt, gast.If) else _UNKNOWN
        if _chooses(stmt):  # (`return x if n == 0 else f(g(x), n - 1)`: the branch returned)
            returned = _returned(stmt.value, known)
            changed = changed or returned is not stmt.value
            out.append(gast.copy_location(gast.Return(value=returned), stmt))
        elif test is _UNKNOWN:
            out.append(stmt)
        else:
            branch, _ = _decided(stmt.body if test else stmt.orelse, known)
            out += branch
            changed = True
        if out and isinstance(out[-1], gast.Return):
            return out, changed or index < len(body) - 1
    return out, changed


def _chooses(stmt: gast.stmt) -> bool:
    return isinstance(stmt, gast.Return) and isinstance(stmt.value, gast.IfExp)


def _returned(value: gast.expr, known: dict[str, Any]) -> gast.expr:
    """The branch of a conditional expression its decidable tests choose (``value`` itself
    where the first is not decided)."""
    while isinstance(value, gast.IfExp):
        test = _value(value.test, known)
        if test is _UNKNOWN:
            return value
        value = value.body if test else value.orelse
    return value


def _value(node: gast.expr | None, known: dict[str, Any]) -> Any:
    """The value of a test of literals and ``known`` parameters, or ``_UNKNOWN``."""
    if isinstance(node, gast.Constant):
        return node.value
    if isinstance(node, gast.BinOp) and type(node.op) in _ARITHMETIC:  # (`n - 1` of a literal n)
        left, right = _value(node.left, known), _value(node.right, known)
        numbers = all(type(v) in (int, float) for v in (left, right))
        try:
            return _ARITHMETIC[type(node.op)](left, right) if numbers else _UNKNOWN
        except ArithmeticError:  # (1 // 0: Python's error where it runs)
            return _UNKNOWN
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub):
        inner = _value(node.operand, known)
        return -inner if type(inner) in (int, float) else _UNKNOWN
    if isinstance(node, gast.Name) and isinstance(node.ctx, gast.Load):
        return known.get(node.id, _UNKNOWN)
    if isinstance(node, (gast.Tuple, gast.List)):
        items = [_value(e, known) for e in node.elts]
        return _UNKNOWN if any(i is _UNKNOWN for i in items) else tuple(items)
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.Not):
        inner = _value(node.operand, known)
        return _UNKNOWN if inner is _UNKNOWN else not inner
    if isinstance(node, gast.BoolOp):
        values = [_value(v, known) for v in node.values]
        if any(v is _UNKNOWN for v in values):
            return _UNKNOWN
        wanted = not isinstance(node.op, gast.And)  # (the first falsy value of `and`, the first
        return next((v for v in values if bool(v) is wanted), values[-1])  # truthy of `or`)
    if isinstance(node, gast.Compare) and all(type(op) in _COMPARE for op in node.ops):
        left = _value(node.left, known)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            right = _value(right_node, known)
            if left is _UNKNOWN or right is _UNKNOWN:
                return _UNKNOWN
            try:
                if not _COMPARE[type(op)](left, right):
                    return False
            except TypeError:  # ("a" < 1: Python's error where the factory runs)
                return _UNKNOWN
            left = right
        return True
    return _UNKNOWN
