"""A parameter rebound to a dict the function builds (``params = dict(params)``, ``state = {**state,
"t": 0.0}``, ``params = {k: v - lr * g[k] for k, v in params.items()}``) renamed from there on, so
that :mod:`dict_locals` sees a dict local of its own (``params_1``) and the parameter, a dict
argument, apart: it refused a name both a parameter and a dict built in the function.

Guarantee to the next stage: where a statement of the function's own body (not inside a branch or
loop) assigns a dict display, comprehension or ``dict(...)`` call to a parameter, and no statement
before it binds that parameter, the parameter's name in that statement's target and in every
statement after it is a fresh name; its value is the same, since from that statement on every
read of the parameter's name reads what the statement bound.  Not where a nested function or
lambda reads the name (it may run before or after the rebinding), nor where it is declared
``global`` or ``nonlocal``.

A parameter under ``wrt`` whose argument is a dict (its structure says so), rebound only by
``name = <dict display, comprehension or dict(...)>`` statements anywhere (an unrolled optimizer's
``params = {k: v - lr * g[k] for k, v in params.items()}`` in a loop), is copied at the top
(:func:`copy_rebound_dicts`): the body starts with ``params_1 = dict(params)`` (the builtin: the
same keys and values in the same order) and every use of ``params`` after it is ``params_1``; the
values read are the same on every path, and a write into the dict changes the copy, never the
caller's dict.  :mod:`dict_locals` refuses such a parameter (a name both a parameter and a dict
built in the function) with a refusal the structured derivative retries (``per_structure``,
tangentish/structured.py), which knows the argument's kind.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(params, lr):
    ...     scale = params["w"]
    ...     params = dict(params)
    ...     params["w"] = params["w"] * lr
    ...     return params["w"] * scale
    >>> info = parse_function(f)
    >>> rename_rebound_parameters(info)
    >>> print(function_text(info.node), end="")
    def f(params, lr):
        scale = params['w']
        params_1 = dict(params)
        params_1['w'] = params_1['w'] * lr
        return params_1['w'] * scale
    >>> from tangentish.arguments.trees import structure
    >>> def sgd(params, x):
    ...     for _ in range(2):
    ...         params = {"w": params["w"] * x, "b": params["b"] - x}
    ...     return params["w"] * params["b"]
    >>> info = parse_function(sgd)
    >>> copy_rebound_dicts(info, (("params", structure({"w": 1.0, "b": 2.0})),))
    >>> print(function_text(info.node), end="")
    def sgd(params, x):
        params_1 = dict(params)
        for _ in range(2):
            params_1 = {'w': params_1['w'] * x, 'b': params_1['b'] - x}
        return params_1['w'] * params_1['b']
"""

from __future__ import annotations

import builtins

import gast

from ..arguments.trees import DICT
from ..syntax import build
from ..syntax.naming import Namer, names_in
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk

_NESTED = (gast.FunctionDef, gast.Lambda)


def rename_rebound_parameters(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring)."""
    node = info.node
    params = build.parameter_names(node.args)
    nested = _nested(node)
    namer = Namer(names_in(node))
    bound: set[str] = set()
    for i, stmt in enumerate(node.body):
        target = stmt.targets[0].id if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 \
            and isinstance(stmt.targets[0], gast.Name) else None
        if target in params and target not in bound and target not in nested and \
                _builds_dict(stmt.value):
            fresh = namer.fresh(target)
            stmt.targets[0].id = fresh
            for later in node.body[i + 1:]:
                for name in walk(later):
                    if isinstance(name, gast.Name) and name.id == target:
                        name.id = fresh
            info.names = info.body_nodes = None  # (the statements changed: see SourceInfo)
        bound |= {n.id for n in walk(stmt) if isinstance(n, gast.Name)
                  and not isinstance(n.ctx, gast.Load)}


def _builds_dict(value: gast.expr) -> bool:
    return isinstance(value, (gast.Dict, gast.DictComp)) or isinstance(value, gast.Call) and \
        isinstance(value.func, gast.Name) and value.func.id == "dict"


def _nested(node: gast.FunctionDef) -> set[str]:
    """The names a nested function or lambda reads or binds, or a ``global`` or ``nonlocal``
    declares."""
    nested = {n.id for part in walk(node) if isinstance(part, _NESTED) and part is not node
              for n in walk(part) if isinstance(n, gast.Name)}
    return nested | {name for part in walk(node) if isinstance(part, (gast.Global, gast.Nonlocal))
                     for name in part.names}


def copy_rebound_dicts(info: SourceInfo, trees: tuple) -> None:
    """Copy each dict parameter in ``trees`` (pairs of name and structure) that the function
    rebinds only to dicts it builds at the top, and read the copy (see the module docstring)."""
    node = info.node
    roots = {name for name, tree in trees if tree.kind == DICT} - _nested(node)
    if not roots or info.lookup("dict") != (True, builtins.dict):
        return
    nodes = [n for stmt in node.body for n in walk(stmt)]
    built = {id(n.targets[0]) for n in nodes if isinstance(n, gast.Assign) and len(n.targets) == 1
             and isinstance(n.targets[0], gast.Name) and _builds_dict(n.value)}
    stores = [n for n in nodes if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)]
    rebound = {n.id for n in stores if id(n) in built} - {n.id for n in stores if id(n) not in built}
    if not rebound & roots or "dict" in {n.id for n in stores}:
        return
    namer, copies = Namer(names_in(node)), []
    for root in sorted(rebound & roots):
        fresh = namer.fresh(root)
        for name in nodes:
            if isinstance(name, gast.Name) and name.id == root:
                name.id = fresh
        copies.append(gast.copy_location(build.assign(fresh, build.call(
            "dict", build.name(root))), node.body[0]))
    node.body[:0] = copies
    info.names = info.body_nodes = None  # (the statements changed: see SourceInfo)


def per_structure(error: Exception, parameter: bool) -> Exception:
    """``error``, to be retried with the arguments' structures known where it refuses a
    parameter (``per_structure``: a dict argument rebound, :func:`copy_rebound_dicts`)."""
    error.per_structure = parameter
    return error
