"""A ``functools.partial`` held in a local and called: the call of the function it wraps; and
a local holding a function (``act = np.tanh``, ``integ = np.trapezoid if c else np.trapz``) and
called: the call of that function (of the one the condition, kept where the local is bound,
chooses: ``np.trapezoid(y) if integ_1 else np.trapz(y)``); one holding an item of a dict of
functions read from outside (``act = ACTS[CONFIG["act"]]``): the call of the item at the key,
kept where the local is bound (``ACTS[act_1](x)``, which :mod:`.function_tables` dispatches).

Guarantee to the next stage: a local bound by one statement to ``functools.partial(F, a, k=b)``
(``F`` a function read from outside the function) and used only by calling it is gone.  The binding
statement becomes assignments that keep the bound arguments (``g_1 = a``; constants stay where they
are used), evaluated where Python evaluates them, and each call ``g(c, k=d)`` is ``F(g_1, c,
k=d)`` (a keyword of the call replaces the bound one of the same name, as ``partial`` does).  Any
other use of such a local (passed on, returned, stored) is refused at its line; a local bound
otherwise as well, or read by a nested function, is left alone (calling it is then refused as a
call to a local value).  An alias is taken only where it is bound once, by a statement of the
function's own body that comes before every read of it, each read a call, to functions (or
classes) read from outside by name or attribute path, callable where they resolve.

    >>> import functools
    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     g = functools.partial(np.clip, x * 2.0, a_max=1.0)
    ...     return np.sum(g(-1.0)) + np.sum(g(0.0, a_max=0.5))
    >>> info = parse_function(f)
    >>> replace_partial_locals(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        g_1 = x * 2.0
        return np.sum(np.clip(g_1, -1.0, a_max=1.0)) + np.sum(np.clip(g_1, 0.0, a_max=0.5))
"""

from __future__ import annotations

import functools

import gast

from ..errors import UnsupportedConstructError
from ..syntax import build
from ..syntax.naming import names_in
from ..syntax.parse import SourceInfo
from ..syntax.resolve import dotted
from ..syntax.tree_walk import walk
from .alias_versions import version_function_aliases
from .chosen_functions import replace_chosen_functions
from .module_aliases import replace_module_aliases


class _Bound:
    """One ``name = functools.partial(...)``: the statement, the wrapped function, and the
    bound arguments as the calls will read them (or one ``name = F`` or ``name = F if c else G``,
    an alias: ``choice`` then holds the condition, and ``func`` is ``F``, ``other`` ``G``)."""

    def __init__(self, stmt: gast.Assign, call: gast.Call | None = None):
        self.stmt, self.func = stmt, call.args[0] if call is not None else stmt.value
        self.args: list[gast.expr] = list(call.args[1:]) if call is not None else []
        self.keywords: list[gast.keyword] = list(call.keywords) if call is not None else []
        self.kept: list[gast.stmt] = []  # what the binding statement becomes
        self.alias = call is None
        self.choice: gast.expr | None = None
        self.other: gast.expr | None = None
        if isinstance(self.func, gast.IfExp):
            self.choice, self.func, self.other = self.func.test, self.func.body, self.func.orelse


def replace_partial_locals(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring); a call of an item of a dict of
    functions made (``act = ACTS[name]``: ``ACTS[act_1](x)``) is dispatched by
    :mod:`.function_tables` at once (the text the pipeline looks at has no ``](``)."""
    replace_chosen_functions(info, function_value)  # (`if c: f = np.tanh` / `else: f = np.sin`)
    version_function_aliases(info, function_value)  # (`f = np.tanh`, f(x), `f = np.sin`, f(y))
    replace_module_aliases(info)  # (`xp = np`, then `xp.sum(v)`: `np.sum(v)`)
    own = build.outside_nested(info.node.body)
    local = {n.id for n in own if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)}
    params = build.parameter_names(info.node.args)
    bound = {name: partial for name, partial in _bound(info, own, local | params).items()
             if name not in params}  # (a parameter rebound: its calls before are the argument's)
    if not bound:
        return
    taken = set(names_in(info.node))
    parents = {id(child): parent for parent in own for child in build.children(parent)}
    for name, partial in bound.items():
        _keep_arguments(name, partial, taken)
        for node in own:
            if isinstance(node, gast.Name) and node.id == name and \
                    isinstance(node.ctx, gast.Load):
                _inline_call(info, name, node, parents, partial)
    replaced = {id(p.stmt): p.kept for p in bound.values()}
    info.node.body = _spliced(info.node.body, replaced)
    if any(isinstance(p.func, gast.Subscript) for p in bound.values()):
        from .function_tables import dispatch_function_tables

        dispatch_function_tables(info)


def _bound(info: SourceInfo, own: list[gast.AST], local: set[str]) -> dict[str, _Bound]:
    """The locals bound once, by a ``functools.partial`` of a function read from outside."""
    stores: dict[str, int] = {}
    for node in own:
        if isinstance(node, gast.Name) and not isinstance(node.ctx, gast.Load):
            stores[node.id] = stores.get(node.id, 0) + 1
    nested = {n.id for node in own if isinstance(node, (gast.FunctionDef, gast.Lambda))
              for n in walk(node) if isinstance(n, gast.Name)}
    found = {}
    calls = _only_called(own)
    for index, stmt in enumerate(info.node.body):  # (an alias: `act = np.tanh`, at the top
        if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and \
                isinstance(stmt.targets[0], gast.Name) and stmt.targets[0].id in calls and \
                stores[stmt.targets[0].id] == 1 and stmt.targets[0].id not in nested and \
                function_value(info, stmt.value, local) and not any(  # level, bound before its calls)
                    isinstance(n, gast.Name) and n.id == stmt.targets[0].id
                    for before in info.node.body[:index] for n in walk(before)):
            found[stmt.targets[0].id] = _Bound(stmt)
    for stmt in own:
        if id(stmt) in {id(b.stmt) for b in found.values()}:
            continue
        if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
                isinstance(stmt.targets[0], gast.Name) and isinstance(stmt.value, gast.Call)):
            continue
        name, call = stmt.targets[0].id, stmt.value
        if stores[name] != 1 or name in nested or not _is_partial(info, call.func, local) or \
                not call.args or any(isinstance(a, gast.Starred) for a in call.args) or \
                any(k.arg is None for k in call.keywords) or \
                not _outside(call.args[0], local):
            continue
        found[name] = _Bound(stmt, call)
    return found


def _only_called(own: list[gast.AST]) -> set[str]:
    """The names every read of which is the function of a call."""
    calls = {id(n.func) for n in own if isinstance(n, gast.Call)}
    return {n.id for n in own if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Load)
            and id(n) in calls} - {n.id for n in own if isinstance(n, gast.Name)
                                   and isinstance(n.ctx, gast.Load) and id(n) not in calls}


def function_value(info: SourceInfo, value: gast.expr, local: set[str]) -> bool:
    """``F`` or ``F if c else G`` (nested too): functions read from outside, by name or
    attribute path, each callable where it resolves (an attribute the module lacks may be the
    branch not taken: ``np.trapezoid if hasattr(np, "trapezoid") else np.trapz``)."""
    if isinstance(value, gast.Subscript):  # (`ACTS[name]`: a dict of functions, any key)
        parts = dotted(value.value)
        if parts is None or parts[0] in local:
            return False
        known, found = info.lookup_path(parts)
        return known and type(found) is dict and bool(found) and \
            all(callable(f) for f in found.values())
    if isinstance(value, gast.IfExp):
        options = [value.body, value.orelse]
        if any(isinstance(o, gast.IfExp) for o in options):
            return False
        return all(function_value(info, o, local) for o in options) and \
            any(info.lookup_path(dotted(o))[0] for o in options)
    parts = dotted(value)
    if parts is None or parts[0] in local:
        return False
    known, found = info.lookup_path(parts)
    return not known or callable(found)


def _is_partial(info: SourceInfo, func: gast.expr, local: set[str]) -> bool:
    parts = dotted(func)
    if parts is None or parts[0] in local:
        return False
    known, value = info.lookup_path(parts)
    return known and value is functools.partial


def _outside(func: gast.expr, local: set[str]) -> bool:
    parts = dotted(func)
    return parts is not None and parts[0] not in local


def _keep_arguments(name: str, partial: _Bound, taken: set[str]) -> None:
    """Each bound argument that is not a constant kept in a variable of its own, assigned where
    the partial was made."""
    def kept(value: gast.expr) -> gast.expr:
        if isinstance(value, gast.Constant):
            return value
        index = 1
        while f"{name}_{index}" in taken:
            index += 1
        variable = f"{name}_{index}"
        taken.add(variable)
        stmt = gast.Assign(targets=[build.name(variable, store=True)], value=value,
                           type_comment=None)
        partial.kept.append(gast.copy_location(stmt, partial.stmt))
        return gast.copy_location(build.name(variable), value)

    partial.args = [kept(a) for a in partial.args]
    for keyword in partial.keywords:
        keyword.value = kept(keyword.value)
    if partial.choice is not None:  # (`F if c else G`: which one, decided where it is bound)
        partial.choice = kept(partial.choice)
    if isinstance(partial.func, gast.Subscript):  # (`ACTS[k]`: the key, read where it is bound)
        partial.func.slice = kept(partial.func.slice)


def _inline_call(info: SourceInfo, name: str, node: gast.Name, parents: dict,
                 partial: _Bound) -> None:
    parent = parents.get(id(node))
    if not (isinstance(parent, gast.Call) and parent.func is node):
        raise UnsupportedConstructError(
            f"cannot differentiate the functools.partial {name} used other than by calling it",
            info.location(node),
            hint="call it where it is made, or pass the function and its arguments themselves")
    given = {k.arg for k in parent.keywords}
    if partial.choice is not None:  # `act(x)` of `act = F if c else G`: `F(x) if c else G(x)`
        other = build.clone(parent)
        other.func = gast.copy_location(build.clone(partial.other), node)
        choice = gast.copy_location(gast.IfExp(test=build.clone(partial.choice), body=parent,
                                               orelse=other), parent)
        build.replace_child(parents[id(parent)], parent, choice)
        parent.func = gast.copy_location(build.clone(partial.func), node)
        return
    parent.func = gast.copy_location(build.clone(partial.func), node)
    parent.args = [build.clone(a) for a in partial.args] + parent.args
    parent.keywords = [build.clone(k) for k in partial.keywords if k.arg not in given] + \
        parent.keywords


def _spliced(body: list[gast.stmt], replaced: dict[int, list[gast.stmt]]) -> list[gast.stmt]:
    """``body`` with each statement of ``replaced`` replaced (in blocks at any depth)."""
    out: list[gast.stmt] = []
    for stmt in body:
        if id(stmt) in replaced:
            out.extend(replaced[id(stmt)])
            continue
        if not isinstance(stmt, (gast.FunctionDef, gast.ClassDef)):
            for field in ("body", "orelse", "finalbody"):
                block = getattr(stmt, field, None)
                if isinstance(block, list) and block and isinstance(block[0], gast.stmt):
                    setattr(stmt, field, _spliced(block, replaced) or
                            [gast.copy_location(gast.Pass(), stmt)])
        out.append(stmt)
    return out
