"""Where a function reads its parameters as containers (``params['W1']``, ``p.w``, through locals
bound from them), found before they are flattened (:mod:`.containers`), and the constant keys and
indexes such reads use.

    >>> import gast
    >>> constant_key(gast.parse("xs[-1]").body[0].value.slice)
    -1
    >>> constant_key(gast.parse("xs[i]").body[0].value.slice) is NO_KEY
    True
"""

from __future__ import annotations

import types
from typing import Any

import gast
import numpy as np

from ..errors import TangentishError
from ..syntax import build
from ..syntax.parse import SourceInfo, parse_function
from ..syntax.resolve import dotted
from ..syntax.tree_walk import walk

NO_KEY = object()
_DEPTH = 3  # (helpers handing a parameter on: followed this many calls deep)


def constant_key(node: gast.expr) -> Any:
    """The value of a constant key or index (``'W1'``, ``0``, ``-1``), else ``NO_KEY``."""
    if isinstance(node, gast.Constant) and isinstance(node.value, (str, int, bytes)):
        return node.value
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub) and \
            isinstance(node.operand, gast.Constant) and type(node.operand.value) is int:
        return -node.operand.value
    return NO_KEY



def reads_containers(info: SourceInfo, names: list[str], depth: int = 0) -> bool:
    """Whether the function reads one of the parameters ``names`` as a container: a field that
    no array has (``p.w``, ``ps[i].w``) or a string key (``params['W1']``), directly or through a
    local bound from it (``for layer in params: layer.w``), or hands it to a function of its own
    module that does (``affine(p, x)`` reading ``p.w``; three calls deep at most), or indexes
    one by a loop variable iterating it (``for k in params: params[k]``: a dict's keys; an
    array's items are never its indexes under ``wrt``, which holds floats)."""
    wanted = derived_names(info.node, set(names))
    keys = _iterating(info.node, wanted)
    for node in walk(info.node):
        if isinstance(node, gast.Call) and depth < _DEPTH and _helper_reads(info, node, wanted,
                                                                            depth):
            return True
        value = getattr(node, "value", None)
        if not isinstance(value, gast.expr) or not _roots(value) & wanted:
            continue
        if not isinstance(getattr(node, "ctx", None), gast.Load):
            continue
        if isinstance(node, gast.Attribute) and not hasattr(np.ndarray, node.attr):
            return True
        if isinstance(node, gast.Subscript) and (isinstance(constant_key(node.slice), str) or
                                                 _roots(node.value) & keys.get(_name(node.slice), set())):
            return True
    return False


def _iterating(node: gast.FunctionDef, wanted: set[str]) -> dict[str, set[str]]:
    """The loop variables of ``for``s and comprehensions that iterate a name of ``wanted`` itself
    (``for k in params``), each with the names it iterates."""
    found: dict[str, set[str]] = {}
    for loop in build.nodes(node):
        if isinstance(loop, (gast.For, gast.comprehension)) and isinstance(loop.target, gast.Name) \
                and isinstance(loop.iter, gast.Name) and loop.iter.id in wanted:
            found.setdefault(loop.target.id, set()).add(loop.iter.id)
    return found


def _name(node: gast.expr) -> str | None:
    return node.id if isinstance(node, gast.Name) else None


def _helper_reads(info: SourceInfo, call: gast.Call, wanted: set[str], depth: int) -> bool:
    """Whether ``call`` hands a name of ``wanted`` (or a path into one) to a function of the
    module that reads that parameter as a container."""
    parts = dotted(call.func)
    known, function = info.lookup_path(parts) if parts else (False, None)
    if not known or not isinstance(function, types.FunctionType) or \
            function.__globals__ is not info.fn.__globals__:
        return False
    code = function.__code__
    params = code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]
    handed = lambda a: isinstance(a, (gast.Name, gast.Subscript, gast.Attribute)) and \
        bool(_roots(a) & wanted)  # noqa: E731
    chosen = [params[j] for j, a in enumerate(call.args) if j < code.co_argcount and handed(a)]
    chosen += [k.arg for k in call.keywords if k.arg in params and handed(k.value)]
    if not chosen:
        return False
    try:
        helper = parse_function(function)
    except TangentishError:  # (no source: not read as a container here)
        return False
    return reads_containers(helper, chosen, depth + 1)


def derived_names(node: gast.FunctionDef, names: set[str]) -> set[str]:
    """``names`` and the locals bound from them: assigned a path into one (``q = params[0]``,
    ``first, second = params``) or a loop variable over one (``for layer in params['layers']``,
    through ``enumerate``, ``zip``, ``reversed``)."""
    found = set(names)
    bindings = [(n.targets, n.value) for n in build.nodes(node) if isinstance(n, gast.Assign)]
    bindings += [([n.target], n.iter) for n in build.nodes(node)
                 if isinstance(n, (gast.For, gast.comprehension))]
    size = -1
    while size != len(found):
        size = len(found)
        for targets, value in bindings:
            if _roots(value) & found:
                found.update(n for t in targets for n in build.names(t))
    return found


def _roots(node: gast.expr) -> set[str]:
    """The names a path, a display of paths or an ``enumerate``/``zip``/``reversed`` starts at."""
    while isinstance(node, (gast.Subscript, gast.Attribute)):
        node = node.value
    if isinstance(node, gast.Name):
        return {node.id}
    if isinstance(node, (gast.Tuple, gast.List, gast.Dict)):  # ({**params}: a copy)
        return {r for e in (node.values if isinstance(node, gast.Dict) else node.elts) for r in _roots(e)}
    if isinstance(node, gast.Call) and isinstance(node.func, gast.Name) and \
            node.func.id in ("enumerate", "zip", "reversed", "dict"):  # (dict(a=x, **params))
        return {r for a in [*node.args, *(k.value for k in node.keywords)] for r in _roots(a)}
    if isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute) and \
            node.func.attr in ("items", "values", "copy"):
        return _roots(node.func.value)
    return set()
