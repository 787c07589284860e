"""``tangentish.hvp(g)(x, v)`` called inside a differentiated function: the Hessian-vector
product is the forward derivative of the gradient along ``v``, so the call is that one,
``_jvp(_grad(g, wrt=0), wrt=0)(x, x_dot=v)[1]`` (``_jvp`` and ``_grad`` tangentish's own), which
:mod:`.nested` differentiates as any transform called inside (a ``jvp`` of a ``grad``; its own
derivative one order higher).  Rewritten only where ``g`` is a function the caller reads from its
module or closure, ``wrt`` (or ``argnums``) one literal position or name, and ``v`` the call's
last positional argument; any other ``hvp`` call keeps the refusal of a call to the value a
call returns.

    >>> import numpy as np
    >>> import tangentish as tg
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def energy(x, k):
    ...     return k * np.sum(np.sin(x) ** 2)
    >>> def f(x, k):
    ...     return np.sum(tg.hvp(energy)(x, k, np.cos(x)) ** 2)
    >>> info = parse_function(f)
    >>> products_as_forward_gradients(info)
    >>> print(function_text(info.node), end="")
    def f(x, k):
        return np.sum(_jvp(_grad(energy, wrt=0), wrt=0)(x, k, x_dot=np.cos(x))[1] ** 2)
"""

from __future__ import annotations

import sys
from typing import Any

import gast

from ..syntax import build
from ..syntax.naming import dotted, fresh_name
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk

_API = "tangentish.api"


def products_as_forward_gradients(info: SourceInfo) -> None:
    """Rewrite the ``hvp(g)(*args, v)`` calls of ``info``'s function (see the module)."""
    for node in list(walk(info.node)):
        for field, value in gast.iter_fields(node):
            if isinstance(value, list):
                value[:] = [_rewritten(info, item) or item for item in value]
            elif isinstance(value, gast.Call):
                setattr(node, field, _rewritten(info, value) or value)


def _rewritten(info: SourceInfo, call: Any) -> gast.expr | None:
    """``_jvp(_grad(g, wrt=w), wrt=w)(*args, <tangent>=v)[1]`` for ``call``, or None."""
    if not isinstance(call, gast.Call) or not isinstance(call.func, gast.Call) or \
            call.keywords or not call.args or any(isinstance(a, gast.Starred) for a in call.args):
        return None
    made = call.func
    parts = dotted(made.func)
    found, maker = info.lookup_path(parts) if parts is not None else (False, None)
    if not found or (getattr(maker, "__module__", None), getattr(maker, "__name__", None)) != \
            ("tangentish.dense", "hvp") or len(made.args) != 1 or dotted(made.args[0]) is None:
        return None
    options = {k.arg: k.value for k in made.keywords}
    wrt = options.pop("wrt", None) or options.pop("argnums", build.constant(0))
    if options or not isinstance(wrt, gast.Constant) or type(wrt.value) not in (int, str):
        return None
    found, g = info.lookup_path(dotted(made.args[0]))
    api = sys.modules[_API]
    try:  # (the tangent's keyword: the derivative's own name for it)
        product = api.jvp(api.grad(g, wrt=wrt.value), wrt=wrt.value) if found else None
    except Exception:  # noqa: BLE001  (any failure: the call keeps its refusal)
        return None
    if product is None:
        return None
    tangent = product.record.tangents[product.wrt[0]]
    grad = build.call(_bound(info, "grad"), build.clone(made.args[0]), wrt=build.clone(wrt))
    jvp = build.call(_bound(info, "jvp"), grad, wrt=build.clone(wrt))
    moved = gast.Call(func=jvp, args=call.args[:-1],
                      keywords=[gast.keyword(arg=tangent, value=call.args[-1])])
    return gast.copy_location(build.subscript(gast.copy_location(moved, call),
                                              build.constant(1)), call)


def _bound(info: SourceInfo, name: str) -> str:
    """The name the function reads tangentish's transform ``name`` by (``_grad``: bound once)."""
    for local, (module, attrs, _) in info.imported.items():
        if (module, attrs) == (_API, (name,)):
            return local
    local = fresh_name(name, set(build.names(info.node, functions=True)) | set(info.imported))
    info.imported[local] = (_API, (name,), getattr(sys.modules[_API], name))
    return local
