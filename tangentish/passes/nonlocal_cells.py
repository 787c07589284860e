"""A local helper rebinding its caller's names by ``nonlocal`` (a counter, an accumulator) as a
helper that takes those names' values and returns their new ones: the cells become plain
values threaded through each call, before anything reads the function (its loops included), so
every later stage sees ordinary assignments.

``def h(v): nonlocal a; ...`` becomes ``def h(v, *, a): ...; return None, a`` (each ``return e``
``return e, a``), and its calls ``h(v)`` / ``y = h(v)`` become ``_ignored, a = h(v, a=a)`` /
``y, a = h(v, a=a)``.  Rewritten only where that is the same program: ``h`` is defined by a
``def`` in the function's own body (no decorator, no function, lambda or class inside it), each
name it declares ``nonlocal`` is a parameter of the function or assigned in its body before the
``def``, and every other mention of ``h`` is such a call as a statement of the function's body
(at any depth of its blocks, never inside another function, a lambda or a comprehension, nor
bound again).  Any other ``nonlocal`` keeps its refusal (:mod:`tangentish.syntax.fence`).

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     total = 0.0
    ...     def add(v):
    ...         nonlocal total
    ...         total = total + v
    ...     for i in range(3):
    ...         add(x * i)
    ...     return total
    >>> info = parse_function(f)
    >>> thread_nonlocal_cells(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        total = 0.0
        def add(v, *, total):
            total = total + v
            return None, total
        for i in range(3):
            _ignored, total = add(x * i, total=total)
        return total
"""

from __future__ import annotations

import gast

from ..syntax import build
from ..syntax.naming import fresh_name
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk

_SCOPES = (gast.FunctionDef, gast.AsyncFunctionDef, gast.Lambda, gast.ClassDef)
_NESTED = (*_SCOPES, gast.ListComp, gast.SetComp, gast.DictComp, gast.GeneratorExp)


def thread_nonlocal_cells(info: SourceInfo) -> None:
    """Rewrite each helper of ``info``'s function that qualifies (see the module)."""
    fn = info.node
    taken = set(build.names(fn, functions=True)) | set(info.imported)
    bound = build.parameter_names(fn.args)
    for stmt in list(fn.body):
        if isinstance(stmt, gast.FunctionDef) and (cells := _cells(stmt, bound)) and \
                (calls := _calls(fn, stmt)) is not None:
            _thread(stmt, cells, calls, fresh_name("ignored", taken))
        bound |= _assigned(stmt)


def _assigned(stmt: gast.stmt) -> set[str]:
    """The names a statement of the function's body binds whatever runs (its targets)."""
    if isinstance(stmt, (gast.Assign, gast.AnnAssign, gast.AugAssign)):
        targets = stmt.targets if isinstance(stmt, gast.Assign) else [stmt.target]
        return {n.id for t in targets for n in walk(t)
                if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store)}
    return set()


def _cells(helper: gast.FunctionDef, bound: set[str]) -> list[str] | None:
    """The names ``helper`` declares ``nonlocal``, where it qualifies (see the module)."""
    declared = [s for s in helper.body if isinstance(s, gast.Nonlocal)]
    inner = [n for n in walk(helper) if n is not helper]
    if not declared or helper.decorator_list or any(isinstance(n, _SCOPES) for n in inner) or \
            sum(isinstance(n, gast.Nonlocal) for n in inner) != len(declared):
        return None
    names = [name for s in declared for name in s.names]
    return names if set(names) <= bound and len(set(names)) == len(names) else None


def _calls(fn: gast.FunctionDef, helper: gast.FunctionDef) -> list | None:
    """``(block, statement)`` of each call of ``helper`` in ``fn`` (each a statement ``h(...)``
    or ``y = h(...)`` in ``fn``'s own blocks), or None where ``helper`` is mentioned otherwise."""
    found, mentions, todo = [], 0, [fn]
    while todo:
        node = todo.pop()
        if isinstance(node, _NESTED) and node is not fn:
            inside = node.body if node is helper else [node]
            if any(helper.name in build.names(n, functions=True) for n in inside) or (
                    node is not helper and getattr(node, "name", None) == helper.name):
                return None
            continue
        mentions += isinstance(node, gast.Name) and node.id == helper.name
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None) if isinstance(node, (gast.stmt, gast.FunctionDef,
                                                                    gast.ExceptHandler)) else None
            found += [(block, s) for s in block or [] if _is_call(s, helper.name)]
        todo.extend(build.children(node))
    return found if mentions == len(found) else None


def _is_call(stmt: gast.stmt, name: str) -> bool:
    value = stmt.value if isinstance(stmt, (gast.Expr, gast.Assign)) else None
    if isinstance(stmt, gast.Assign) and (len(stmt.targets) != 1 or name in build.names(
            stmt.targets[0])):
        return False
    return isinstance(value, gast.Call) and isinstance(value.func, gast.Name) and \
        value.func.id == name and name not in [n for a in (*value.args, *value.keywords)
                                               for n in build.names(a)]


def _thread(helper: gast.FunctionDef, cells: list[str], calls: list, ignored: str) -> None:
    """Make ``helper`` take and return ``cells`` and each of ``calls`` pass and rebind them."""
    helper.body = [s for s in helper.body if not isinstance(s, gast.Nonlocal)]
    helper.args.kwonlyargs += [build.param(c) for c in cells]
    helper.args.kw_defaults += [None] * len(cells)
    for node in list(walk(helper)):
        if isinstance(node, gast.Return):
            node.value = build.tuple_([node.value or build.constant(None),
                                       *(build.name(c) for c in cells)])
    if not helper.body or not isinstance(helper.body[-1], gast.Return):
        helper.body.append(gast.copy_location(build.return_(build.tuple_(
            [build.constant(None), *(build.name(c) for c in cells)])), helper))
    for block, stmt in calls:
        call = stmt.value
        call.keywords += [gast.keyword(arg=c, value=build.name(c)) for c in cells]
        first = stmt.targets[0] if isinstance(stmt, gast.Assign) else build.name(ignored, True)
        rebound = build.tuple_([first, *(build.name(c, store=True) for c in cells)], store=True)
        block[block.index(stmt)] = gast.copy_location(build.assign(rebound, call), stmt)
