"""``tangentish.hvp(g)(x, v)`` called inside a differentiated function: the Hessian-vector
product is the forward derivative of the gradient along ``v``, so the call is that one (and
``hessian(g)(x)``, ``jacobian(g)(x)`` the products, or tangents, along each unit direction of
``x``'s shape, stacked: :func:`_dense`),
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
    """``_jvp(_grad(g, wrt=w), wrt=w)(*args, <tangent>=v)[1]`` for ``call``, or None (a Hessian
    or a Jacobian: :func:`_dense`)."""
    if not isinstance(call, gast.Call) or not isinstance(call.func, gast.Call) or \
            call.keywords or not call.args or any(isinstance(a, gast.Starred) for a in call.args):
        return None
    made = call.func
    parts = dotted(made.func)
    found, maker = info.lookup_path(parts) if parts is not None else (False, None)
    kind = getattr(maker, "__name__", None)
    if not found or getattr(maker, "__module__", None) != "tangentish.dense" or kind not in \
            _DENSE or len(made.args) != 1 or dotted(made.args[0]) is None:
        return None
    options = {k.arg: k.value for k in made.keywords}
    wrt = options.pop("wrt", None) or options.pop("argnums", build.constant(0))
    if not all(isinstance(v, gast.Constant) and v.value in _DENSE[kind].get(k, ())
               for k, v in options.items()) or not isinstance(wrt, gast.Constant) or \
            type(wrt.value) not in ((int, str) if kind == "hvp" else (int,)):
        return None
    found, g = info.lookup_path(dotted(made.args[0]))
    api = sys.modules[_API]
    try:  # (the tangent's keyword: the derivative's own name for it)
        inner = api.grad(g, wrt=wrt.value) if kind != "jacobian" else g
        product = api.jvp(inner, wrt=wrt.value) if found else None
    except Exception:  # noqa: BLE001  (any failure: the call keeps its refusal)
        return None
    if product is None:
        return None
    tangent = product.record.tangents[product.wrt[0]]
    derivative = build.clone(made.args[0])
    if kind != "jacobian":
        derivative = build.call(_bound(info, "grad"), derivative, wrt=build.clone(wrt))
    jvp = build.call(_bound(info, "jvp"), derivative, wrt=build.clone(wrt))
    if kind != "hvp":
        return _dense(info, call, jvp, tangent, wrt.value, kind)
    moved = gast.Call(func=jvp, args=call.args[:-1],
                      keywords=[gast.keyword(arg=tangent, value=call.args[-1])])
    return gast.copy_location(build.subscript(gast.copy_location(moved, call),
                                              build.constant(1)), call)


_DENSE = {"hvp": {}, "hessian": {"progress": (True, False)},
          "jacobian": {"progress": (True, False), "mode": ("rev", "fwd")}}
"""The transforms rewritten, each with the options it may be given (literal values, which do not
change the result: ``mode`` is how the Jacobian is computed)."""


def _dense(info: SourceInfo, call: gast.Call, jvp: gast.expr, tangent: str, wrt: int,
           kind: str) -> gast.expr | None:
    """``hessian(g)(*args)`` as its columns, the products along each unit direction ``e`` of
    ``x = args[wrt]``'s shape, stacked (``H`` is symmetric: column ``i`` is row ``i``), shaped
    ``x.shape * 2``; ``jacobian(g)(*args)`` as the tangents along them stacked last, shaped
    ``g(*args).shape + x.shape`` (a function of several outputs keeps its refusal there)."""
    if not 0 <= wrt < len(call.args) or (kind == "jacobian" and not isinstance(wrt, int)):
        return None
    np_ = _numpy(info)
    x, unit = call.args[wrt], fresh_name("_e", set(build.names(info.node, functions=True)))
    shape = build.call(f"{np_}.shape", build.clone(x))
    direction = build.call(f"{np_}.reshape", build.name(unit), shape)
    column = build.subscript(gast.Call(func=jvp, args=[build.clone(a) for a in call.args],
                                       keywords=[gast.keyword(arg=tangent, value=direction)]),
                             build.constant(1))
    units = build.call(f"{np_}.eye", build.call(f"{np_}.size", build.clone(x)))
    columns = gast.ListComp(elt=column, generators=[gast.comprehension(
        target=build.name(unit, store=True), iter=units, ifs=[], is_async=0)])
    outer = build.clone(shape) if kind == "hessian" else build.call(
        f"{np_}.shape", gast.Call(func=build.clone(call.func.args[0]),
                                  args=[build.clone(a) for a in call.args], keywords=[]))
    stacked = build.call(f"{np_}.stack", columns, axis=build.constant(-1))
    made = build.call(f"{np_}.reshape", stacked, gast.BinOp(left=outer, op=gast.Add(),
                                                              right=build.clone(shape)))
    for node in walk(made):
        if "lineno" in node._attributes:
            gast.copy_location(node, call)
    return made


def _numpy(info: SourceInfo) -> str:
    """The name the function reads NumPy by (``np``, or a fresh one bound once)."""
    for local, (module, attrs, _) in info.imported.items():
        if (module, attrs) == ("numpy", ()):
            return local
    local = fresh_name("np", set(build.names(info.node, functions=True)) | set(info.imported))
    info.imported[local] = ("numpy", (), sys.modules["numpy"])
    return local


def _bound(info: SourceInfo, name: str) -> str:
    """The name the function reads tangentish's transform ``name`` by (``_grad``: bound once)."""
    for local, (module, attrs, _) in info.imported.items():
        if (module, attrs) == (_API, (name,)):
            return local
    local = fresh_name(name, set(build.names(info.node, functions=True)) | set(info.imported))
    info.imported[local] = (_API, (name,), getattr(sys.modules[_API], name))
    return local
