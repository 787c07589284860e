"""A dict built in the function handed whole to a helper (``loss(params, x)`` after
``params = {"w": w, "b": b}``): the call is given the display of what the dict holds there
(``loss({'w': params_w, 'b': params_b}, x)``, :mod:`.dict_reads`), which :mod:`.displays`
differentiates leaf by leaf.  That is the same only if the helper never changes the dict nor
keeps it, so the helper must be a Python function whose parameter is provably only read: indexed
(``params["w"]``), read by ``get``/``keys``/``values``/``items``/``copy``, given to ``len``, or
handed on positionally to another such helper (three deep at most); anything else keeps the
refusal.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> __name__ = "example"
    >>> def norm2(p, scale):
    ...     return scale * np.sum(p["w"] ** 2) + len(p)
    >>> def loss(p, x):
    ...     return np.sum(x * p.get("w")) + norm2(p, 0.1)
    >>> def grow(p):
    ...     p["extra"] = 1.0
    ...     return p["w"]
    >>> reads_only(loss, 0), reads_only(grow, 0), reads_only(np.sum, 0)
    (True, False, False)
"""

from __future__ import annotations

import types
from typing import Any

import gast

from ..syntax.parse import parse_function
from ..syntax.tree_walk import walk

_READS = frozenset({"get", "keys", "values", "items", "copy"})
_DEPTH = 3


def reads_only(function: Any, index: int, depth: int = 0) -> bool:
    """Whether ``function``'s positional parameter ``index`` is only read (see the module)."""
    if not isinstance(function, types.FunctionType) or depth > _DEPTH or \
            (getattr(function, "__module__", "") or "").split(".")[0] in ("numpy", "tangentish"):
        return False
    try:
        info = parse_function(function)
    except Exception:  # (no source, or one tangentish cannot read: not proven)
        return False
    node = info.node
    positional = node.args.posonlyargs + node.args.args
    if index >= len(positional):
        return False
    name = positional[index].id
    parents = {id(child): parent for parent in walk(node)
               for child in gast.iter_child_nodes(parent)}
    uses = [n for n in walk(node) if isinstance(n, gast.Name) and n.id == name
            and n is not positional[index]]
    return all(isinstance(use.ctx, gast.Load) and
               _read(info, use, parents.get(id(use)), parents, depth) for use in uses)


def _read(info: Any, use: gast.Name, parent: gast.AST | None, parents: dict,
          depth: int) -> bool:
    if isinstance(parent, gast.Subscript) and parent.value is use:
        return isinstance(parent.ctx, gast.Load)
    if isinstance(parent, gast.Attribute) and parent.attr in _READS:
        return isinstance(parents.get(id(parent)), gast.Call)
    if not isinstance(parent, gast.Call) or use not in parent.args:
        return False
    parts = _dotted(parent.func)
    own = {n.id for n in walk(info.node) if isinstance(n, gast.Name)
           and not isinstance(n.ctx, gast.Load)}  # (a local: not what the module holds)
    if parts is None or parts[0] in own:
        return False
    found, callee = info.lookup_path(parts)
    if found and callee is len:
        return True
    return found and reads_only(callee, parent.args.index(use), depth + 1)


def _dotted(node: gast.AST) -> list[str] | None:
    parts = []
    while isinstance(node, gast.Attribute):
        parts.insert(0, node.attr)
        node = node.value
    return [node.id, *parts] if isinstance(node, gast.Name) else None


def handed(reads: Any, call: gast.Call, state: Any) -> None:
    """Each dict local of :mod:`.dict_reads` that ``call`` hands positionally to a helper that
    only reads it: replaced by the display of what it holds here (see the module)."""
    parts = _dotted(call.func)
    if parts is None or parts[0] in reads.local:
        return
    found, callee = reads.info.lookup_path(parts)
    for index, arg in enumerate(call.args):
        if reads.is_local(arg) and found and reads_only(callee, index):
            keys = reads.exact(arg.id, state, arg, "handing on").keys
            call.args[index] = gast.copy_location(gast.Dict(
                keys=[gast.Constant(value=k, kind=None) for k in keys],
                values=[reads.read(arg.id, k, state, arg) for k in keys]), arg)
