"""Frozen ``scipy.stats`` distributions: a method of one is the family's method with the frozen
arguments after the method's own, as SciPy computes it (``rv_frozen.logpdf(x)`` is
``self.dist.logpdf(x, *self.args, **self.kwds)``), so the family's rules apply:

- ``stats.norm(mu, s).logpdf(y)``, frozen in the call: ``stats.norm.logpdf(y, mu, s)``;
- ``d = stats.norm(mu, s)`` bound once by a statement of the body before every read of ``d``,
  each read a method call ``d.logpdf(y)``: the arguments are kept where ``d`` was bound
  (``d_1 = mu``), and each call is ``stats.norm.logpdf(y, d_1, d_2)``;
- ``PRIOR.logpdf(w)`` of a frozen distribution the function reads from its module or closure:
  ``stats.norm.logpdf(w, PRIOR.args[0], PRIOR.args[1])`` (the frozen values read live; which
  family, and how many arguments under which keywords, are what the derivative depends on),
  spelled through a name the module binds to ``scipy.stats`` or to the family itself.

Anything else stays as written (and a call of it is refused by name, as before).

    >>> import scipy.stats as st
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x, mu):
    ...     d = st.norm(mu, scale=2.0)
    ...     return d.logpdf(x) + st.gamma(3.0).logpdf(x * x)
    >>> info = parse_function(f)
    >>> replace_frozen(info)
    >>> print(function_text(info.node), end="")
    def f(x, mu):
        d_1 = mu
        d_scale = 2.0
        return st.norm.logpdf(x, d_1, scale=d_scale) + st.gamma.logpdf(x * x, 3.0)
"""

from __future__ import annotations

import sys
from typing import Any

import gast

from ..syntax import build
from ..syntax.naming import Namer
from ..syntax.parse import SourceInfo
from ..syntax.resolve import constant_path
from ..syntax.tree_walk import walk


def replace_frozen(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring)."""
    stats = sys.modules.get("scipy.stats")
    if stats is None:
        return
    node = info.node
    stored, calls = _stored_and_calls(node)  # (one walk: the tree is read twice only if
    local = set(stored) | set(build.parameter_names(node.args))  # a binding was replaced)
    bound = _bound_locals(info, node, stored, local)
    for call in _stored_and_calls(node)[1] if bound else calls:
        frozen = call.func.value
        if isinstance(frozen, gast.Call) and _family(info, frozen.func, local) is not None:
            _apply(call, frozen.func, frozen.args, frozen.keywords)
        elif isinstance(frozen, gast.Name) and frozen.id in bound:
            _apply(call, *bound[frozen.id])
        else:
            _module_frozen(info, call, local, stats)


def _stored_and_calls(node: gast.FunctionDef) -> tuple[list[str], list[gast.Call]]:
    """The names ``node`` stores or deletes, and its calls of an attribute, in walk order."""
    stored: list[str] = []
    calls: list[gast.Call] = []
    name_kind, load, call_kind, attribute = gast.Name, gast.Load, gast.Call, gast.Attribute
    for n in walk(node):
        if isinstance(n, name_kind):
            if not isinstance(n.ctx, load):
                stored.append(n.id)
        elif isinstance(n, call_kind) and isinstance(n.func, attribute):
            calls.append(n)
    return stored, calls


def _family(info: SourceInfo, func: gast.expr, local: set[str]) -> Any:
    """The distribution family ``func`` names (``stats.norm``), or None."""
    parts = constant_path(func)
    if parts is None or parts[0] in local:
        return None
    found, value = info.lookup_path(parts)
    rv_generic = getattr(sys.modules["scipy.stats"], "rv_continuous", None)
    return value if found and rv_generic is not None and isinstance(
        value, (rv_generic, sys.modules["scipy.stats"].rv_discrete)) else None


def _apply(call: gast.Call, family: gast.expr, args: list, keywords: list) -> None:
    call.func = gast.copy_location(build.attribute(build.clone(family), call.func.attr),
                                   call.func)
    call.args = [*call.args, *(build.clone(a) for a in args)]
    call.keywords = [*call.keywords, *(gast.keyword(arg=k.arg, value=build.clone(k.value))
                                       for k in keywords)]


def _bound_locals(info: SourceInfo, node: gast.FunctionDef, stored: list[str], local: set[str]
                  ) -> dict[str, tuple]:
    """``d = stats.norm(...)``: each such local of the body's own statements, bound once, before
    every read, each read the receiver of a method call: (family, args, keywords), the
    binding statement replaced by the arguments' own assignments (named apart from every name
    the function has: the namer is made for the first one)."""
    found: dict[str, tuple] = {}
    namer: Namer | None = None
    for index, stmt in enumerate(list(node.body)):
        if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
                isinstance(stmt.targets[0], gast.Name) and isinstance(stmt.value, gast.Call)):
            continue
        name, frozen = stmt.targets[0].id, stmt.value
        if stored.count(name) != 1 or _family(info, frozen.func, local) is None or \
                any(isinstance(a, gast.Starred) for a in frozen.args) or \
                any(k.arg is None for k in frozen.keywords) or \
                not _only_methods(node, name, stmt, node.body[:index]):
            continue
        if namer is None:
            namer = Namer(set(build.names(node, functions=True)))
        kept, args, keywords = [], [], []
        for position, arg in enumerate(frozen.args):
            args.append(_kept(arg, f"{name}_{position + 1}", namer, kept, stmt))
        for keyword in frozen.keywords:
            keywords.append(gast.keyword(arg=keyword.arg, value=_kept(
                keyword.value, f"{name}_{keyword.arg}", namer, kept, stmt)))
        at = node.body.index(stmt)
        node.body[at:at + 1] = kept
        found[name] = (frozen.func, args, keywords)
    return found


def _kept(value: gast.expr, label: str, namer: Namer, kept: list, stmt: gast.stmt) -> gast.expr:
    target = namer.fresh(label)
    kept.append(gast.copy_location(build.assign(target, value), stmt))
    return build.name(target)


def _only_methods(node: gast.FunctionDef, name: str, binding: gast.stmt, before: list) -> bool:
    if any(isinstance(n, gast.Name) and n.id == name for s in before for n in walk(s)):
        return False
    parents = {id(c): p for p in walk(node) for c in gast.iter_child_nodes(p)}
    for use in walk(node):
        if isinstance(use, gast.Name) and use.id == name and isinstance(use.ctx, gast.Load):
            method = parents.get(id(use))
            if not (isinstance(method, gast.Attribute) and
                    isinstance(parents.get(id(method)), gast.Call) and
                    parents[id(method)].func is method) or \
                    any(isinstance(n, (gast.FunctionDef, gast.Lambda)) and n is not node and
                        use in list(walk(n)) for n in walk(node)):
                return False
    return True


def _module_frozen(info: SourceInfo, call: gast.Call, local: set[str], stats: Any) -> None:
    parts = constant_path(call.func.value)
    if parts is None or parts[0] in local:
        return
    found, frozen = info.lookup_path(parts)
    if not found or not isinstance(frozen, stats._distn_infrastructure.rv_frozen):
        return
    spelled = _family_spelling(info, type(frozen.dist), stats, local)
    if spelled is None:
        return
    info.lookup_path([*parts, "dist"])  # (the family: rebinding the frozen one builds again)
    info.lookup_sequence([*parts, "args"])  # (how many arguments, under which keywords)
    info.lookup_sequence([*parts, "kwds"])
    receiver = call.func.value
    args = [build.subscript(build.attribute(build.clone(receiver), "args"), build.constant(i))
            for i in range(len(frozen.args))]
    keywords = [gast.keyword(arg=k, value=build.subscript(
        build.attribute(build.clone(receiver), "kwds"), build.constant(k))) for k in frozen.kwds]
    _apply(call, spelled, args, keywords)


def _family_spelling(info: SourceInfo, kind: type, stats: Any, local: set[str]
                     ) -> gast.expr | None:
    """``stats.norm`` (a name the function's module binds to ``scipy.stats``, or to the family
    itself) for the family of class ``kind``, or None."""
    name = kind.__name__.removesuffix("_gen")
    family = getattr(stats, name, None)
    if type(family) is not kind:
        return None
    for key, value in sorted(info.fn.__globals__.items()):
        if key in local:
            continue
        if value is family and info.lookup(key)[1] is family:
            return build.name(key)
        if value is stats and info.lookup(key)[1] is stats:
            info.lookup_path([key, name])
            return build.attribute(build.name(key), name)
    return None
