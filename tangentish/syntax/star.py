"""A function's own ``*args`` while it is differentiated: a tuple parameter.

A helper's ``*args`` that its caller hands values through (:mod:`tangentish.passes.displays`)
becomes a positional tuple parameter whose structure ``Options.structure`` gives.  The
differentiated function's own (``def f(x, *args)``, a scipy.optimize objective called as
``jac(x, *args)``) becomes a keyword-only tuple parameter (so the positional ones keep their
defaults), never under ``wrt``, and the derivative's signature takes ``*args`` again
(:func:`star_restored`): it is called as the function is::

    def f(x, *args): ...   ->   def grad_f_wrt_x(x, *args, out_bar=1.0): ...

A call handing such a tuple on to a helper that takes a fixed number of positional parameters
(``loss(x, *args)``) passes its items one by one (:func:`spread_calls`, from the parser).
"""

from __future__ import annotations

import builtins
import inspect
import math
import types
from collections.abc import Callable
from typing import Any

import gast
import numpy as np

from . import build
from .naming import dotted
from .tree_walk import walk


def star_as_tuple(info: Any, structure: tuple, top: bool) -> None:
    """``info``'s ``*args`` as a tuple parameter (see the module docstring); ``top``: ``info`` is
    the function differentiated, not a helper's derivative built for a caller."""
    args = info.node.args
    star = args.vararg
    if star is None or (args.kwarg is not None and top):  # (**kwargs: refused by the fence)
        return
    if top and not structure or not top and all(p != star.id for p, _ in structure):
        args.kwonlyargs.insert(0, star)  # (a helper's, its call handing it constants: the same)
        args.kw_defaults.insert(0, None)
        args.vararg, info.star = None, star.id
    elif any(p == star.id for p, _ in structure):
        args.args.append(star)
        args.vararg = None


def star_restored(args: gast.arguments, star: str | None) -> gast.arguments:
    """``args`` (a copy of the function's, for its derivative's signature) with the keyword-only
    parameter ``star`` as ``*star`` again."""
    if star is not None:
        index = next(i for i, a in enumerate(args.kwonlyargs) if a.id == star)
        args.vararg = args.kwonlyargs.pop(index)
        del args.kw_defaults[index]
    return args


_ONCE = {gast.Assign: "value", gast.AugAssign: "value", gast.AnnAssign: "value",
         gast.Return: "value", gast.Expr: "value", gast.If: "test", gast.For: "iter"}
_LATER = (gast.Lambda, gast.ListComp, gast.SetComp, gast.DictComp, gast.GeneratorExp)


_STARRED = r"(?:[(,]|^)\s*\*\s*[A-Za-z_(\[]"  # (`f(x, *args)`; not `def g(a, *, k)`)
_STARTS = frozenset("_([abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def may_spread(lines: list[str]) -> bool:
    """Whether a line matches :data:`_STARRED` (said without compiling it: a first ``grad()``
    asks this of every function, whose lines mostly hold a ``*``)."""
    return any("*" in line and _starred(line) for line in lines)


def _starred(line: str) -> bool:
    at = line.find("*")
    while at >= 0:
        before, after = line[:at].rstrip(), line[at + 1:].lstrip()
        if (not before or before[-1] in "(,") and after[:1] in _STARTS:
            return True
        at = line.find("*", at + 1)
    return False


def spread_calls(body: list[gast.stmt], lookup: Callable[[list[str]], tuple[bool, Any]],
                 node: gast.FunctionDef, local: set[str] | None = None,
                 defs: dict[str, tuple[int, int] | None] | None = None) -> list[gast.stmt]:
    """``body`` with each ``helper(x, *args)`` of a Python function of the user's that takes a
    fixed number of positional parameters (no defaults left, no ``*``/``**`` of its own, no
    keywords in the call) made ``helper(x, args[0], args[1])``, after a check that raises
    Python's ``TypeError`` where ``args`` holds another number of items; only where the statement
    evaluates the call whenever it runs (not under ``x if c else ...``, ``and``/``or``, a lambda
    or a comprehension's body, nor in a ``while`` test); also of a function ``node`` defines
    (``def h(a, b): ...``, then ``h(*pair)``), as its ``def`` says.  ``local``: the names ``node``
    binds, and ``defs``, the signatures of the functions it defines (found once, for the nested
    blocks too: a walk per block made a large derivative quadratic)."""
    if local is None:
        local = {n.id for n in walk(node) if isinstance(n, gast.Name)
                 and not isinstance(n.ctx, gast.Load)} | build.parameter_names(node.args)
        defs = local_signatures(node, local)
        defs.update(dict.fromkeys(random_states(node, lookup, local) - set(defs), _STATE))
    out: list[gast.stmt] = []
    for stmt in body:
        for field in ("body", "orelse"):
            if isinstance(getattr(stmt, field, None), list):
                setattr(stmt, field, spread_calls(getattr(stmt, field), lookup, node, local, defs))
        spread = _spread(stmt, lookup, local, defs or {})
        for call, kind, count, label in spread:
            if kind == "choice":
                continue
            check = _rewritten(call, kind, count, label)
            if check is not None:
                out.append(gast.copy_location(check, stmt))
                for part in walk(check):
                    gast.copy_location(part, stmt)
        chosen = [(call, count, label) for call, kind, count, label in spread if kind == "choice"]
        out.append(_by_length(stmt, *chosen[0]) if len(chosen) == 1 and
                   isinstance(stmt, _COPIED) else stmt)
    return out


_COPIED = (gast.Assign, gast.AugAssign, gast.AnnAssign, gast.Return, gast.Expr)


def _by_length(stmt: gast.stmt, call: gast.Call, counts: tuple[int, int], label: str) -> gast.If:
    """``stmt`` calling a function with defaults, ``dense(x, *args)``, as one copy of it per
    number of items ``args`` may hold, each passing them one by one (``dense(x, args[0])``
    where ``len(args) == 1``), and Python's ``TypeError`` for any other number."""
    star = call.args[-1].value
    place = next(i for i, node in enumerate(walk(stmt)) if node is call)
    low, high = counts
    message = f"{label} takes {low} to {high} more positional arguments: *{star.id} holds " \
              "another number of items"
    branches = []
    for count in range(low, high + 1):
        copy = build.clone(stmt)
        copied = list(walk(copy))[place]
        copied.args[-1:] = [gast.copy_location(build.subscript(build.clone(star),
                                                               build.constant(i)), star)
                            for i in range(count)]
        branches.append((count, [copy]))
    error = gast.Raise(exc=build.call("TypeError", build.constant(message)), cause=None)
    return choice_chain(build.call("len", star), branches, error, stmt)


def choice_chain(subject: gast.expr, branches: list[tuple[Any, list[gast.stmt]]],
                 otherwise: gast.stmt, where: gast.AST) -> gast.If:
    """``if subject == v1: block1`` / ``elif subject == v2: ...`` / ``else: otherwise`` of
    ``branches`` ``[(v1, block1), ...]``, each new node placed at ``where``."""
    chain: list[gast.stmt] = [otherwise]
    for value, block in reversed(branches):
        test = gast.Compare(left=build.clone(subject), ops=[gast.Eq()],
                            comparators=[build.constant(value)])
        chain = [build.if_(test, block, chain)]
    for part in walk(chain[0]):
        if getattr(part, "lineno", None) is None:
            gast.copy_location(part, where)
    return chain[0]


_SIZED = {"randn": "standard_normal", "rand": "random_sample"}  # (RandomState: the same draws)


def _rewritten(call: gast.Call, kind: str, count: int, label: str) -> gast.If | None:
    """Rewrite ``call`` as :func:`_fixed` found it can be; the check that must run first."""
    star = call.args[-1].value
    if kind == "size":  # (`rng.randn(*x.shape)`: `rng.standard_normal(tuple(x.shape) or None)`)
        call.func.attr = _SIZED[call.func.attr]
        sizes = gast.BoolOp(op=gast.Or(), values=[build.call("tuple", star),
                                                   build.constant(None)])
        call.args = [gast.copy_location(sizes, star)]
        return None
    if kind == "dist":  # (`math.hypot(*v)`: `math.dist(v, (0.0,) * len(v))`, the same float)
        call.func.attr = "dist"
        zeros = gast.BinOp(left=gast.Tuple(elts=[build.constant(0.0)], ctx=gast.Load()),
                           op=gast.Mult(), right=build.call("len", build.clone(star)))
        call.args = [star, zeros]
        for part in walk(zeros):
            gast.copy_location(part, star)
        return None
    if kind == "iterable":  # (`max(*x)`: `max(x)`, where `x` has two items or more)
        wrong = gast.Compare(left=build.call("len", build.clone(star)), ops=[gast.Lt()],
                             comparators=[build.constant(2)])
        message = f"{label} of *{star.id} is differentiated as {label[:-1]}{star.id}), " \
                  f"for {star.id} of two items or more"
        call.args = [star]
    else:
        wrong = gast.Compare(left=build.call("len", build.clone(star)), ops=[gast.NotEq()],
                             comparators=[build.constant(count)])
        message = f"{label} takes {count} more positional arguments: *{star.id} must hold " \
                  f"{count} items"
        call.args[-1:] = [gast.copy_location(build.subscript(build.clone(star),
                                                             build.constant(i)), star)
                          for i in range(count)]
    return build.if_(wrong, [gast.Raise(exc=build.call("TypeError", build.constant(message)),
                                        cause=None)])


_STATE = (-1, -1)  # (in ``defs``: a local bound only to ``np.random.RandomState(...)``)


def random_states(node: gast.FunctionDef, lookup: Callable[[list[str]], tuple[bool, Any]],
                  local: set[str]) -> set[str]:
    """The names ``node`` binds only by ``name = np.random.RandomState(...)`` (each binding of
    the name in ``node``, nested functions included, is such an assignment; never a parameter):
    a NumPy ``RandomState`` wherever it is read, whose ``rand``/``randn`` :func:`_fixed` spreads
    as it does a module one's."""
    stores: dict[str, int] = {}
    for inner in walk(node):
        if isinstance(inner, gast.Name) and not isinstance(inner.ctx, gast.Load):
            stores[inner.id] = stores.get(inner.id, 0) + 1
    made: dict[str, int] = {}
    for inner in walk(node):
        if isinstance(inner, gast.Assign) and len(inner.targets) == 1 and \
                isinstance(inner.targets[0], gast.Name) and isinstance(inner.value, gast.Call):
            parts = dotted(inner.value.func)
            if parts is not None and parts[0] not in local and \
                    lookup(parts) == (True, np.random.RandomState):
                made[inner.targets[0].id] = made.get(inner.targets[0].id, 0) + 1
    return {name for name, count in made.items() if stores.get(name) == count and
            name not in build.parameter_names(node.args)}


def local_signatures(node: gast.FunctionDef, local: set[str]) -> dict[str, tuple[int, int] | None]:
    """The names the functions, classes and imports inside ``node`` bind: for a function bound
    by its one undecorated ``def`` alone (no other binding of its name in ``node``, not even in a
    nested function), whose parameters are positional only, (how many, how many have defaults);
    None for every other name (a call of it is not spread)."""
    named: dict[str, list] = {}
    for inner in walk(node):
        if isinstance(inner, (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef)) and \
                inner is not node:
            named.setdefault(inner.name, []).append(inner)
        elif isinstance(inner, (gast.Import, gast.ImportFrom, gast.Global, gast.Nonlocal)):
            for name in getattr(inner, "names", []):
                bound = name if isinstance(name, str) else name.asname or name.name
                named.setdefault(bound.partition(".")[0], []).append(inner)
    found: dict[str, tuple[int, int] | None] = {}
    for name, binders in named.items():
        fn = binders[0]
        plain = len(binders) == 1 and name not in local and isinstance(fn, gast.FunctionDef) \
            and not (fn.decorator_list or fn.args.vararg or fn.args.kwarg or fn.args.kwonlyargs)
        found[name] = (len(fn.args.posonlyargs) + len(fn.args.args), len(fn.args.defaults)) \
            if plain else None
    return found


def _spread(stmt: gast.stmt, lookup: Callable[[list[str]], tuple[bool, Any]],
            local: set[str], defs: dict[str, tuple[int, int] | None]
            ) -> list[tuple[gast.Call, str, int, str]]:
    field = _ONCE.get(stmt.__class__)
    stack = [getattr(stmt, field)] if field is not None else []
    found = []
    while stack:
        expr = stack.pop()
        if isinstance(expr, (gast.IfExp, gast.BoolOp)):
            stack.append(expr.test if isinstance(expr, gast.IfExp) else expr.values[0])
            continue
        if not isinstance(expr, gast.AST) or isinstance(expr, _LATER):
            continue
        if isinstance(expr, gast.Call):
            spread = _fixed(expr, lookup, local, defs=defs)
            if spread is not None:
                found.append((expr, *spread))
        stack.extend(child for name in expr._fields
                     for child in _as_list(getattr(expr, name, None)))
    return found


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [value] if isinstance(value, gast.AST) else []


def spread_value(node: gast.AST, parents: dict, lookup: Callable[[list[str]], tuple[bool, Any]],
                 local: set[str]) -> bool:
    """Whether ``node``, not a name, is what a call's last argument ``*node`` spreads, where
    :func:`spread_calls` passes the items one by one once it is a name (:mod:`.hoisted` makes it
    one: ``np.hypot(*(b - a))``); ``parents`` maps ``id(child)`` to its parent."""
    star = parents.get(id(node))
    call = parents.get(id(star))
    return isinstance(star, gast.Starred) and isinstance(call, gast.Call) and \
        bool(call.args) and call.args[-1] is star and not isinstance(node, gast.Name) and \
        _fixed(call, lookup, local, named=False) is not None


def _fixed(call: gast.Call, lookup: Callable[[list[str]], tuple[bool, Any]], local: set[str],
           named: bool = True, defs: dict[str, tuple[int, int] | None] | None = None
           ) -> tuple[str, int, str] | None:
    """("items", how many items the last ``*name`` must hold, the callee's name) where that is
    fixed: by a user's function's signature, or a NumPy ufunc's number of inputs; ("iterable", 2,
    name) for ``max(*x)``/``min(*x)`` (taken as ``max(x)``); ("size", 0, name) for
    ``rng.randn(*s)``/``rng.rand(*s)`` of a NumPy ``RandomState`` (``np.random.randn``; ``s`` any
    expression: its items are the sizes, which ``_SIZED``'s methods take as one tuple).  A
    user's function may take keyword-only parameters, which the call's keywords alone bind
    (``f(x, *args, scale=s)``: no keyword binds a positional parameter)."""
    if not call.args or not isinstance(call.args[-1], gast.Starred) or \
            any(isinstance(a, gast.Starred) for a in call.args[:-1]):
        return None
    if call.keywords:
        return _keyword_only(call, lookup, local, named)
    parts = dotted(call.func)
    if parts is not None and defs and defs.get(parts[0]) is _STATE:  # (`rng = np.random.
        return ("size", 0, ".".join(parts) + "()") if len(parts) == 2 and \
            len(call.args) == 1 and parts[1] in _SIZED else None  # RandomState(0)`, `rng.rand(*s)`)
    if parts is None or parts[0] in local:
        return None
    label = ".".join(parts) + "()"
    if defs and parts[0] in defs:  # (a function the caller defines: as its `def` says)
        signature = defs[parts[0]]
        if signature is None or len(parts) > 1 or not isinstance(call.args[-1].value, gast.Name):
            return None
        return _counted(signature[0] - (len(call.args) - 1), signature[1], label)
    found, fn = lookup(parts)
    if found and len(call.args) == 1 and isinstance(getattr(fn, "__self__", None),
                                                    np.random.RandomState) and \
            isinstance(call.func, gast.Attribute) and call.func.attr in _SIZED and \
            fn.__name__ == call.func.attr:
        return "size", 0, label
    if not found or named and not isinstance(call.args[-1].value, gast.Name):
        return None
    if fn in (builtins.max, builtins.min) and len(call.args) == 1:
        return "iterable", 2, label
    if fn is math.hypot and len(call.args) == 1 and lookup([*parts[:-1], "dist"]) == \
            (True, math.dist) and isinstance(call.func, gast.Attribute):
        return "dist", 0, label
    if isinstance(fn, np.ufunc):
        count = fn.nin - (len(call.args) - 1)
        return ("items", count, label) if count >= 0 else None
    return _positional(fn, call, label)


def _positional(fn: Any, call: gast.Call, label: str) -> tuple[str, Any, str] | None:
    """:func:`_fixed` of a user's Python function ``fn`` (keyword-only parameters allowed)."""
    code = getattr(fn, "__code__", None)
    if not isinstance(fn, types.FunctionType) or \
            code.co_flags & (inspect.CO_VARARGS | inspect.CO_VARKEYWORDS) \
            or library(fn) in ("numpy", "scipy", "tangentish"):
        return None
    return _counted(code.co_argcount - (len(call.args) - 1), len(fn.__defaults__ or ()), label)


def _keyword_only(call: gast.Call, lookup: Callable[[list[str]], tuple[bool, Any]],
                  local: set[str], named: bool) -> tuple[str, Any, str] | None:
    """:func:`_fixed` of ``call`` with keywords: of a user's function (not one the caller
    defines or binds) whose keyword-only parameters name every keyword (no ``**d``)."""
    parts = dotted(call.func)
    if parts is None or parts[0] in local or named and not isinstance(call.args[-1].value,
                                                                        gast.Name):
        return None
    found, fn = lookup(parts)
    code = getattr(fn, "__code__", None)
    if not found or not isinstance(fn, types.FunctionType) or any(
            k.arg not in code.co_varnames[code.co_argcount:][:code.co_kwonlyargcount]
            for k in call.keywords):
        return None
    return _positional(fn, call, ".".join(parts) + "()")


def library(value: Any) -> str:
    """The top-level package ``value`` comes from (``numpy`` for ``np.sum`` and for every ufunc,
    whose ``__module__`` is ``None`` on NumPy 1.x: read it here, never off the value)."""
    if isinstance(value, np.ufunc):
        return "numpy"
    return str(getattr(value, "__module__", None) or "").partition(".")[0]


def _counted(count: int, defaults: int, label: str) -> tuple[str, Any, str] | None:
    """How many items a ``*name`` spread to a function with ``count`` positional parameters
    left, ``defaults`` of them with defaults, must hold (any number between, with defaults)."""
    fewest = max(count - defaults, 0)
    if count < 0:
        return None
    return ("items", count, label) if fewest == count else ("choice", (fewest, count), label)
