"""A loop over positions of a list of objects built in the function, ``for i in
range(len(layers))`` (or ``range(2)``, the list's length) reading ``layers[i]``, written as the
loop over the list it is, ``for i, _layers_i in enumerate(layers)``, for
:mod:`.record_loops` (which unrolls it, ``i`` a number in each copy).

Guarantee to the next stage: such a loop, over a local bound once to a display of record
constructions (``records``), whose body reads the list only at ``i`` and never binds ``i``, is
``for i, _layers_i in enumerate(layers)`` with each ``layers[i]`` read as ``_layers_i`` (the
list is not changed in the loop: it reads it only there, so the positions are its items); any
other loop is left as it is.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> class Scale:
    ...     def __init__(self, a):
    ...         self.a = a
    >>> def f(x):
    ...     layers = [Scale(2.0), Scale(x)]
    ...     for i in range(len(layers)):
    ...         x = layers[i].a * x + i
    ...     return x
    >>> info = parse_function(f)
    >>> positional_loops(info, lambda info, value: isinstance(value, gast.List))
    >>> print(function_text(info.node), end="")
    def f(x):
        layers = [Scale(2.0), Scale(x)]
        for i, _layers_i in enumerate(layers):
            x = _layers_i.a * x + i
        return x
"""

from __future__ import annotations

import builtins
from collections import Counter
from collections.abc import Callable

import gast

from ..syntax import build
from ..syntax.naming import names_in
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk


def builtin_named(info: SourceInfo, node: gast.expr, name: str) -> bool:
    """Whether ``node`` names the built-in ``name``."""
    return isinstance(node, gast.Name) and node.id == name and \
        info.lookup_path([name]) == (True, getattr(builtins, name))


def loop_parts(info: SourceInfo, loop: gast.For) -> tuple[gast.expr, gast.expr, str | None]:
    """The iterable, target and index name of ``for i, item in enumerate(items)`` (``items``,
    ``item``, ``"i"``); of any other loop, its iterable and target, and None."""
    it, target = loop.iter, loop.target
    if isinstance(it, gast.Call) and builtin_named(info, it.func, "enumerate") and \
            len(it.args) == 1 and not it.keywords and isinstance(target, gast.Tuple) and \
            len(target.elts) == 2 and all(isinstance(t, gast.Name) for t in target.elts):
        return it.args[0], target.elts[1], target.elts[0].id
    return it, target, None


def positional_loops(info: SourceInfo, records: Callable[[SourceInfo, gast.expr], bool]) -> None:
    """``for i in range(len(layers))`` (or ``range(2)``, the display's length) of a local bound
    once to a display of record constructions, whose body reads it at ``i`` (``layer =
    layers[i]``) and never binds ``i``, as ``for i, _layers_i in enumerate(layers)``, each
    ``layers[i]`` read as ``_layers_i``."""
    own = build.outside_nested(info.node.body)
    stores = Counter(n.id for n in own if isinstance(n, gast.Name)
                     and not isinstance(n.ctx, gast.Load))
    sizes = {n.targets[0].id: len(n.value.elts) for n in own if isinstance(n, gast.Assign) and
             len(n.targets) == 1 and isinstance(n.targets[0], gast.Name) and
             stores[n.targets[0].id] == 1 and records(info, n.value)}
    for loop in own:
        count = loop.iter.args[0] if isinstance(loop, gast.For) and \
            isinstance(loop.iter, gast.Call) and builtin_named(info, loop.iter.func, "range") and \
            len(loop.iter.args) == 1 and isinstance(loop.target, gast.Name) else None
        if count is None or any(isinstance(n, gast.Name) and n.id == loop.target.id and not
                                isinstance(n.ctx, gast.Load) for s in loop.body for n in walk(s)):
            continue
        index = loop.target.id
        reads = [n for s in loop.body for n in walk(s) if isinstance(n, gast.Subscript) and
                 isinstance(n.ctx, gast.Load) and isinstance(n.value, gast.Name) and
                 n.value.id in sizes and isinstance(n.slice, gast.Name) and n.slice.id == index]
        named = {n.value.id for n in reads}
        if len(named) != 1 or not _counts(info, count, (name := named.pop()), sizes[name]):
            continue
        if sum(isinstance(n, gast.Name) and n.id == name for s in loop.body for n in walk(s)) \
                != len(reads):  # (read only at `i` in it: nothing there changes the list)
            continue
        item = build.name(f"_{name}_{index}")
        while item.id in names_in(info.node):
            item.id += "_"
        for read in reads:
            for parent in (p for s in loop.body for p in walk(s)):
                build.replace_child(parent, read, gast.copy_location(build.clone(item), read))
        loop.iter = gast.copy_location(build.call("enumerate", build.name(name)), loop.iter)
        loop.target = gast.copy_location(gast.Tuple(elts=[
            build.with_context(loop.target, gast.Store),
            build.with_context(item, gast.Store)], ctx=gast.Store()), loop.target)


def _counts(info: SourceInfo, count: gast.expr, name: str, size: int) -> bool:
    """Whether ``count`` is ``len(name)`` or the constant ``size``."""
    if isinstance(count, gast.Constant):
        return type(count.value) is int and count.value == size
    return isinstance(count, gast.Call) and builtin_named(info, count.func, "len") and \
        len(count.args) == 1 and isinstance(count.args[0], gast.Name) and \
        count.args[0].id == name and not count.keywords
