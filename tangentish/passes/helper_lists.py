r"""The lists (and dicts) a user's helper makes and keeps to itself, for :mod:`.helper_changes`: a
change to such a list (``xs.sort()``, ``xs[0] = v``, ``d["k"] = v``) changes no argument, while
its items may be them.

    >>> import gast
    >>> tree = gast.parse("def h(p, v):\n    xs = [p, 2.0]\n    xs.append(v)\n    ys = [p]\n"
    ...                   "    return len(xs) + g(ys)").body[0]
    >>> sorted(own_lists(tree, {"p", "v"}, lambda call: getattr(call.func, "id", "") == "len"))
    ['xs']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gast

from ..syntax import build

LIST_METHODS = frozenset({"append", "extend", "insert", "pop", "remove", "clear", "reverse",
                          "sort", "index", "count"})
# Of a dict: what they return may be its items (:meth:`.helper_changes._Scan.roots`).
DICT_READS = frozenset({"keys", "values", "items", "get"})


def own_lists(fdef: gast.FunctionDef, params: set[str],
               reads: Callable[[gast.Call], bool]) -> frozenset[str]:
    """The names every binding of which makes a list (:func:`_made_list`: ``xs = [p, 2.0]``) and that
    are read only subscripted (``xs[0]``, ``xs[0] = v``), by a list method (``xs.sort()``), by
    a call that only reads it (``len(xs)``, ``sorted(xs)``, ``np.array(xs)``: ``reads``),
    iterated (``for v in xs``) or by ``xs += [v]``; none a parameter or a closure's: nothing but
    those statements reaches the list, so none changes an argument through it (what a reader
    returns may be its items: :meth:`.helper_changes._Scan.roots`)."""
    parents = {id(c): p for p in build.nodes(fdef) for c in gast.iter_child_nodes(p)}
    nested = {n.id for d in build.nodes(fdef) if isinstance(d, (gast.FunctionDef, gast.Lambda))
              and d is not fdef for n in build.nodes(d) if isinstance(n, gast.Name)}
    found, broken = set(), set(params) | nested
    for node in build.nodes(fdef):
        if not isinstance(node, gast.Name):
            continue
        parent = parents.get(id(node))
        if isinstance(node.ctx, gast.Store):
            if isinstance(parent, gast.Assign) and parent.targets == [node] and \
                    _made_list(parent.value, reads):
                found.add(node.id)
            elif not (isinstance(parent, gast.AugAssign) and parent.target is node):
                broken.add(node.id)
        elif not _listed_use(node, parent, parents, reads):
            broken.add(node.id)
    return frozenset(found - broken)


def _made_list(value: gast.expr, reads: Callable[[gast.Call], bool]) -> bool:
    """Whether ``value`` makes a new list, tuple or dict: a display, a comprehension,
    ``list(...)`` or ``sorted(...)`` (the builtins)."""
    return isinstance(value, (gast.List, gast.Tuple, gast.ListComp, gast.Dict, gast.DictComp)) or \
        isinstance(value, gast.Call) and isinstance(value.func, gast.Name) and \
        value.func.id in ("list", "sorted") and reads(value)


def _listed_use(node: gast.Name, parent: gast.AST | None, parents: dict,
                reads: Callable[[gast.Call], bool]) -> bool:
    if isinstance(parent, gast.Subscript) and parent.value is node:
        return True
    if isinstance(parent, gast.Attribute) and parent.attr in LIST_METHODS | DICT_READS:
        call = parents.get(id(parent))
        return isinstance(call, gast.Call) and call.func is parent
    if isinstance(parent, gast.For) and parent.iter is node:
        return True
    return isinstance(parent, gast.Call) and node in parent.args and reads(parent)


def called_locally(scan: Any, call: gast.Call) -> frozenset[str] | None:
    """What a call of a lambda or a nested ``def`` of the helper ``scan`` reads may be (the
    parameters it may be a view or item of): the lambda's body with its parameters bound to the
    call's arguments, or the ``def``'s returns and any of the arguments (its parameters are not
    followed); None for another call."""
    func = call.func
    name = func.id if isinstance(func, gast.Name) else None
    arguments = [*call.args, *(k.value for k in call.keywords)]
    if name in scan.local_returns:
        return scan.local_returns[name].union(*(scan.roots(a) for a in arguments))
    lam = func if isinstance(func, gast.Lambda) else scan.lambdas.get(name or "")
    if lam is None:
        return None
    params = [a.id for a in [*lam.args.posonlyargs, *lam.args.args, *lam.args.kwonlyargs]]
    bound = dict(zip(params, (scan.roots(a) for a in call.args), strict=False))
    bound.update((k.arg, scan.roots(k.value)) for k in call.keywords if k.arg in params)
    rest = frozenset().union(*(scan.roots(a) for a in arguments))  # (``*args``, defaults)
    saved = scan.state
    scan.state = {**saved, **{p: bound.get(p, rest) for p in params}}
    scan.state.update({a.id: rest for a in (lam.args.vararg, lam.args.kwarg) if a is not None})
    try:
        return scan.roots(lam.body)
    finally:
        scan.state = saved


ITEM = "[]"  # (a root ``p[]``: an item of the parameter ``p`` a loop binds, :func:`bind_items`)


def bind_items(scan: Any, target: gast.expr, iterable: gast.expr) -> None:
    """``for q in p`` (or ``zip(p, ...)``, ``enumerate(p)``) over a parameter ``p`` the helper
    ``scan`` reads never binds: ``q`` is an item of ``p`` (root ``p[]``: a number of a 1-D array,
    a row of a 2-D one), which ``q op= v`` changes in place only where it is an array
    (:data:`.writes.ITEMS`)."""
    if isinstance(target, gast.Name) and isinstance(iterable, gast.Name) and \
            iterable.id in scan.fixed:
        scan.state[target.id] = frozenset({iterable.id + ITEM})
    elif isinstance(iterable, gast.Call) and isinstance(target, gast.Tuple):
        function = scan._resolve(iterable.func)
        if function is zip and len(target.elts) == len(iterable.args):
            for each, source in zip(target.elts, iterable.args, strict=True):
                bind_items(scan, each, source)
        elif function is enumerate and len(target.elts) == 2 and iterable.args:
            bind_items(scan, target.elts[1], iterable.args[0])
