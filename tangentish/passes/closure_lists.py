"""A list (or tuple) display of lambdas, each its own function (``fs = [lambda z: z * x, lambda z:
np.sin(z)]``), called item by item: ``for g in fs: y = g(y)`` or ``fs[1](y)``.

Each lambda becomes a local function defined where the list is made (``def _fs_0(z): return z *
x``: its body reads the names it closes over when it is called, as the lambda's does, and its
defaults are evaluated there, as the lambda's are); a loop over the list becomes one copy of its
body per item, in order, each calling that item's function where the body calls the loop
variable (the loop's ``else`` after them); ``fs[i](...)`` with ``i`` an int constant calls item
``i``'s; ``len(fs)`` is the number of items.  Rewritten only where that is every use: the list
bound once and used only so, the loop variable bound by that loop only and used only called in
its body (not in a function defined there, which would read it late), no ``break`` or
``continue`` in it; anything else is left as written (refused as a
lambda used as a value).

    >>> import ast
    >>> from tangentish.syntax.parse import parse_function
    >>> def f(x):
    ...     fs = [lambda z: z * x, lambda z, k=2.0: k * z]
    ...     y = x
    ...     for g in fs:
    ...         y = g(y) + 1.0
    ...     return fs[-1](y) * len(fs)
    >>> info = parse_function(f)
    >>> rewrite_closure_lists(info)
    >>> print(ast.unparse(gast.gast_to_ast(info.node)))
    def f(x):
    <BLANKLINE>
        def _fs_0(z):
            return z * x
    <BLANKLINE>
        def _fs_1(z, k=2.0):
            return k * z
        y = x
        y = _fs_0(y) + 1.0
        y = _fs_1(y) + 1.0
        return _fs_1(y) * 2
"""

from __future__ import annotations

import copy

import gast

from ..syntax import build
from ..syntax.naming import fresh_name
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk
from .dict_state import constant_key
from .inline import as_function

_JUMPS = (gast.Break, gast.Continue)


def rewrite_closure_lists(info: SourceInfo) -> None:
    """Rewrite ``info``'s function in place (see the module docstring)."""
    function = info.node
    taken = {n.id if isinstance(n, gast.Name) else n.name for n in walk(function)
             if isinstance(n, gast.Name | gast.FunctionDef | gast.ClassDef)}
    for made in [n for n in walk(function) if _closure_list(n)]:
        name, count = made.targets[0].id, len(made.value.elts)
        loops = _loops(function, made, name, count, info)
        if loops is None:
            continue
        names = [fresh_name(f"{name}_{i}", taken) for i in range(count)]
        taken.update(names)
        defs = [as_function(lam, item) for lam, item in zip(made.value.elts, names, strict=True)]
        _replace(function, made, defs)
        for loop in loops:
            _replace(function, loop, [*_copies(loop, names), *loop.orelse])
        _rewrite_reads(function, name, names, info)
    info.names = info.body_nodes = None  # (the statements changed: see SourceInfo)


def _closure_list(node: gast.AST) -> bool:
    return isinstance(node, gast.Assign) and len(node.targets) == 1 and \
        isinstance(node.targets[0], gast.Name) and \
        isinstance(node.value, (gast.List, gast.Tuple)) and bool(node.value.elts) and \
        all(isinstance(e, gast.Lambda) for e in node.value.elts)


def _loops(function: gast.FunctionDef, made: gast.Assign, name: str, count: int,
           info: SourceInfo) -> list[gast.For] | None:
    """The loops over the list ``name``, where every use of it is one the module docstring
    names; else None."""
    loops = [n for n in walk(function) if isinstance(n, gast.For) and
             isinstance(n.iter, gast.Name) and n.iter.id == name]
    allowed = {id(loop.iter) for loop in loops}
    for node in walk(function):
        if isinstance(node, gast.Call) and _item(node.func, name, count) is not None or \
                _length(node, name, info):
            allowed.add(id(node.func.value if _item(node.func, name, count) is not None
                           else node.args[0]))
    targets = {id(made.targets[0])}
    for loop in loops:
        if not isinstance(loop.target, gast.Name) or loop.type_comment or \
                any(isinstance(n, _JUMPS) for n in walk(loop)):
            return None
        variable = loop.target.id
        called = {id(n.func) for n in walk(loop) if isinstance(n, gast.Call)
                  and isinstance(n.func, gast.Name) and n.func.id == variable}
        uses = [n for n in walk(function) if isinstance(n, gast.Name) and n.id == variable]
        inside = {id(n) for stmt in loop.body for n in walk(stmt)}
        nested = {id(n) for stmt in loop.body for scope in walk(stmt)
                  if isinstance(scope, (gast.FunctionDef, gast.Lambda)) for n in walk(scope)}
        if any(id(n) not in called | {id(loop.target)} or id(n) in nested or
               (id(n) in called and id(n) not in inside) for n in uses):
            return None  # (the variable bound or read otherwise)
    for node in walk(function):
        if isinstance(node, gast.Name) and node.id == name and id(node) not in allowed | targets:
            return None
    return loops if all(not isinstance(n, gast.Lambda) or name not in build.names(n)
                        for n in walk(function)) else None


def _item(node: gast.expr, name: str, count: int) -> int | None:
    """``i`` (in range) of ``name[i]``, an int constant, else None."""
    if not (isinstance(node, gast.Subscript) and isinstance(node.value, gast.Name) and
            node.value.id == name):
        return None
    found, index = constant_key(node.slice)  # (`-1` too)
    return index % count if found and type(index) is int and -count <= index < count else None


def _length(node: gast.AST, name: str, info: SourceInfo) -> bool:
    return isinstance(node, gast.Call) and isinstance(node.func, gast.Name) and \
        node.func.id == "len" and info.is_builtin("len") and len(node.args) == 1 and \
        not node.keywords and isinstance(node.args[0], gast.Name) and node.args[0].id == name


def _copies(loop: gast.For, names: list[str]) -> list[gast.stmt]:
    """One copy of the loop's body per item, calling that item's function."""
    variable, out = loop.target.id, []
    for item in names:
        body = copy.deepcopy(loop.body)
        for node in (n for stmt in body for n in walk(stmt)):
            if isinstance(node, gast.Call) and isinstance(node.func, gast.Name) and \
                    node.func.id == variable:
                node.func = gast.copy_location(build.name(item), node.func)
        out += body
    return out


def _rewrite_reads(function: gast.FunctionDef, name: str, names: list[str],
                   info: SourceInfo) -> None:
    for node in walk(function):
        if isinstance(node, gast.Call) and _item(node.func, name, len(names)) is not None:
            item = names[_item(node.func, name, len(names))]
            node.func = gast.copy_location(build.name(item), node.func)
        for field, value in gast.iter_fields(node):
            if isinstance(value, gast.Call) and _length(value, name, info):
                setattr(node, field, gast.copy_location(build.constant(len(names)), value))
            elif isinstance(value, list):
                value[:] = [gast.copy_location(build.constant(len(names)), v)
                            if _length(v, name, info) else v for v in value]


def _replace(function: gast.FunctionDef, old: gast.stmt, new: list[gast.stmt]) -> None:
    """Put ``new`` where ``old`` stands, in whichever statement list holds it."""
    for node in walk(function):
        for field in ("body", "orelse", "finalbody"):
            stmts = getattr(node, field, None)
            if isinstance(stmts, list) and any(s is old for s in stmts):
                index = next(i for i, s in enumerate(stmts) if s is old)
                stmts[index:index + 1] = new
                return
