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
"""

from __future__ import annotations

import gast

from ..syntax import build
from ..syntax.naming import Namer, names_in
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk

_NESTED = (gast.FunctionDef, gast.Lambda)


def rename_rebound_parameters(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring)."""
    node = info.node
    params = build.parameter_names(node.args)
    nested = {n.id for part in walk(node) if isinstance(part, _NESTED) and part is not node
              for n in walk(part) if isinstance(n, gast.Name)}
    nested |= {name for part in walk(node) if isinstance(part, (gast.Global, gast.Nonlocal))
               for name in part.names}
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
