"""A tangentish transform called inside the differentiated function: ``tg.grad(g)(x)``.

``tangentish.grad(g)``, ``tangentish.value_and_grad(g)`` and ``tangentish.jvp(g)`` written as the
callee of a call are made when the caller is differentiated, not when it runs: every argument of
the transform must be known then (a module-level function or a name the function reads from its
module or closure, literals: ``wrt=1``, ``wrt=("w", "b")``, and transforms of those:
``tg.jvp(tg.grad(g))``; ``tg.hvp(g)(x, v)`` is one, :mod:`.nested_products`). The call is then a call of that
derivative, which is generated Python like any helper: its own derivative is built by the same
pipeline (a ``grad`` of a ``grad``), so a loss of forces ``-grad(energy)(x, params)``
differentiates with respect to ``params``. A local bound once to such a call (``force =
tg.grad(energy)``, then ``force(x, k)``) is that call. The primal code keeps the call as written
(``tg.grad(g)(x)``: a cached transform, microseconds). A transform of a local value (a lambda or a
function defined inside the caller, which may close over differentiated values) is refused, as is
any other callee made by a call.

The doctest shows the refusal (a derivative made in a doctest's namespace counts as tangentish's
own code); ``tests/test_nested_transforms.py`` checks the derivatives against finite differences.

    >>> import numpy as np
    >>> import tangentish as tg
    >>> def f(x):
    ...     return np.sum(tg.grad(lambda y: y ** 3)(x))
    >>> tg.grad(f)(np.array([1.0, 2.0]))
    Traceback (most recent call last):
    ...
    tangentish.errors.UnsupportedConstructError: cannot differentiate `tg.grad(...)`: `a lambda` ...
    ...
"""

from __future__ import annotations

from typing import Any

import gast

from .. import runtime
from ..ir import Op
from ..syntax import build
from ..syntax.naming import may_build_record
from ..syntax.printer import PrintError, expression_text
from ..syntax.resolve import Reference, dotted, resolve_reference
from ..syntax.tree_walk import walk
from .lowering import Lowering

# The transforms whose result a differentiated function may call: (module, name) of the public
# function (identified without importing the API, which the passes never do).
_TRANSFORMS = {("tangentish.api", "grad"), ("tangentish.api", "value_and_grad"),
               ("tangentish.api", "jvp")}


def callee_reference(norm: Lowering, func: gast.expr, expr: gast.Call) -> Any:
    """The reference of what ``expr`` calls: a derivative made by a transform (``tg.grad(g)(x)``,
    or a local bound once to one), or a name the function reads from its module or closure."""
    made = func if isinstance(func, gast.Call) else None
    if made is None and isinstance(func, gast.Name) and norm.is_local_root(func):
        made = made_by_transform(norm, func.id)  # dg = tg.grad(g), then dg(x)
    if made is not None:  # tg.grad(g)(x): the derivative is made now
        reference = transform_callee(norm, made, None if made is func else func)
    elif isinstance(func, gast.Subscript) and _root(func) is not None and \
            not norm.is_local_root(_root(func)):
        raise norm.error(
            f"cannot differentiate a call to `{expression_text(func)}`: an item of a container "
            "the function reads, at a key or index that is not a constant it holds", expr,
            hint="index it with a constant the container holds (`ACTS[\"tanh\"](x)`, "
            "`LAYERS[0](x)`), loop over it (`for act in ACTS.values():`), or pass the function "
            "as a parameter with a default (`def f(x, act=np.tanh)`)")
    elif isinstance(func, gast.Name) and _passed_object(norm.info.node, func.id):
        raise norm.error(
            f"cannot differentiate `{func.id}(...)`, a call of an argument (its class, or the "
            "function it is, is not known when the derivative is built)", expr,
            hint=f"differentiate the object's method with respect to its inputs "
            f"(`tangentish.grad({func.id})(x)`, `grad({func.id}.forward)(x)`: its arrays are "
            "constants then), call an object or function of the module by name (`MODEL(x)`), "
            "or pass the arrays (a dataclass of them under `wrt`) and write the model as a "
            "function of them")
    elif norm.is_local_root(func):
        raise norm.error(
            "cannot differentiate a call to a local value (not supported yet)", expr,
            hint="call a module-level function, or a NumPy function, by name; a derivative made "
            "inside the function is differentiated when called where it is made: "
            "`tangentish.grad(g)(x)`; a closure factory's result (`h = make(a)`) is followed "
            "where the factory's one `return` is last and returns a `def` or lambda of its own"
            + (_OBJECTS if may_build_record(norm.info.lines) else ""))
    else:
        reference = resolve_reference(norm.info, func, norm.machinery)
    if reference is None and norm.branches and dotted(func) is not None:
        return None  # a name missing in a branch: an error if the call runs (see unresolved_call)
    if reference is None:
        raise norm.error(f"cannot resolve the function `{expression_text(func)}`", func,
                         hint="check the name; it must exist when f is differentiated")
    return reference


_OBJECTS = ("; an object built in the function is followed when its class's `__init__` only "
            "stores its arguments (or arithmetic of them, or a dict display of them) and the "
            "method called is small with its one `return` last, called on a local bound to it, "
            "on an item of a list display of such objects (`for layer in [Dense(...), ...]`, "
            "`layers[0](x)`, `layers[i]` in `for i in range(len(layers))`) or on such an object "
            "or list held in another one's field (`Sequential([Dense(...), ...])`); a loop over "
            "such a list that reads its variable after a `break`, or leaves from inside a `try` "
            "or `with`, is not followed yet")


def _passed_object(node: gast.FunctionDef, name: str) -> bool:
    """Whether ``name`` is a parameter without a default that the function never binds."""
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    plain = [a.id for a in positional[:len(positional) - len(args.defaults)]]
    plain += [a.id for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is None]
    return name in plain and not any(isinstance(n, gast.Name) and n.id == name and
                                     not isinstance(n.ctx, gast.Load) for n in walk(node)
                                     if n not in positional and n not in args.kwonlyargs)


def _root(node: gast.expr) -> gast.expr | None:
    """The name or attribute path below the subscripts and attributes of ``node``."""
    while isinstance(node, (gast.Subscript, gast.Attribute)):
        if isinstance(node, gast.Subscript) and dotted(node.value) is not None:
            return node.value
        node = node.value
    return None


def unresolved_call(norm: Lowering, func: gast.expr, expr: gast.Call) -> tuple:
    """``np.trapz(y, t)`` in a branch, where ``np.trapz`` does not resolve (compatibility code
    for another NumPy: ``np.trapezoid(...) if hasattr(np, "trapezoid") else np.trapz(...)``):
    ``_rt.unresolved('np.trapz')``, which raises the error the transform would have raised when
    the call runs, and never returns (so its arguments are not evaluated, and its value, which
    nothing can read, counts as a constant).  The failed look-up is recorded in the cache's
    dependencies as any is: once the name exists, the function is differentiated again."""
    name = expression_text(func)
    helper = build.attribute(build.name(norm.machinery.aliases["_rt"]), "unresolved")
    value = build.call(helper, build.constant(name))
    return value, Op(runtime.unresolved, [], label=f"`{name}`", node=expr)


_GETATTR_HINT = ("`getattr(np, name)(x)` is resolved when the function binds `name` only to "
                 "string constants (`name = \"sin\"` before the call, `for name in (\"sin\", "
                 "\"cos\"):`); here it may hold another value (a parameter, a computed string) or "
                 "none yet: call the functions by name, `np.sin(x) if name == \"sin\" else "
                 "np.cos(x)`")


def is_transform(value: Any) -> bool:
    return (getattr(value, "__module__", None), getattr(value, "__name__", None)) in _TRANSFORMS


def transform_callee(norm: Lowering, func: gast.Call, spelled: gast.expr | None = None
                     ) -> Reference:
    """The derivative ``func`` (``tg.grad(g, wrt=1)``) makes, made now, as the reference of the
    callee of the call it appears in (spelled ``func``, or the local ``spelled`` holding it); or
    an error saying why it cannot be."""
    text = _text(func)
    maker = None if norm.is_local_root(func.func) else \
        resolve_reference(norm.info, func.func, norm.machinery)
    if maker is None or not is_transform(maker.value):
        raise norm.error(f"cannot differentiate a call to the value `{text}` returns", func,
                         hint=_GETATTR_HINT if getattr(func.func, "id", None) == "getattr" else
                         "call a module-level function, or a NumPy function, by name "
                         "(tangentish.grad(g)(x), value_and_grad(g)(x), jvp(g)(x, x_dot=v) and "
                         "hvp(g)(x, v) are differentiated, and hessian(g)(x, k) and "
                         "jacobian(g)(x, k) with one literal int wrt)")
    for keyword in func.keywords:
        if keyword.arg is None:
            raise norm.error(f"cannot differentiate `{text}`: `**` in its arguments", func,
                             hint="pass the transform's options by name")
    args = [_known(norm, arg, text) for arg in func.args]
    keywords = {k.arg: _known(norm, k.value, text) for k in func.keywords}
    try:
        made = maker.value(*args, **keywords)
    except TypeError as exc:  # (a misspelt option: the transform's own errors pass through)
        raise norm.error(f"cannot differentiate `{text}`: {exc}", func,
                         hint="check the transform's arguments") from None
    return Reference(made, func if spelled is None else spelled)


def jax_style_call(norm: Lowering, expr: gast.Call) -> gast.Call | None:
    """``tg.jvp(g, (a, b), (da, db))`` (JAX's form: evaluated at once) as the call of the
    derivative it makes, ``tg.jvp(g, wrt=(0, 1))(a, b, a_dot=da, b_dot=db)``, which is
    differentiated (the tangent keywords are the derivative's own names); None for any other
    call."""
    func = expr.func
    if len(expr.args) != 3 or expr.keywords or isinstance(func, gast.Call) or \
            norm.is_local_root(func):
        return None
    maker = resolve_reference(norm.info, func, norm.machinery)
    if maker is None or not is_transform(maker.value) or maker.value.__name__ != "jvp":
        return None
    g, primals, tangents = expr.args
    if not (isinstance(primals, (gast.Tuple, gast.List)) and isinstance(
            tangents, (gast.Tuple, gast.List)) and len(primals.elts) == len(tangents.elts) > 0):
        raise norm.error(f"cannot differentiate `{_text(expr)}`: its primals and tangents must be "
                         "tuples (or lists) written out, of the same length", expr,
                         hint="write jvp(g, (x,), (v,)), or tangentish.jvp(g)(x, x_dot=v)")
    wrt = gast.Tuple(elts=[build.constant(k) for k in range(len(primals.elts))], ctx=gast.Load())
    made = gast.Call(func=build.clone(func), args=[build.clone(g)],
                     keywords=[gast.keyword(arg="wrt", value=wrt)])
    derivative = transform_callee(norm, gast.copy_location(made, expr)).value
    keywords = [gast.keyword(arg=derivative.record.tangents[name], value=tangent)
                for name, tangent in zip(derivative.wrt, tangents.elts, strict=True)]
    return gast.copy_location(gast.Call(func=made, args=list(primals.elts), keywords=keywords),
                              expr)


def made_by_transform(norm: Lowering, name: str) -> gast.Call | None:
    """The call ``tg.grad(g)`` a local ``name`` is bound to (``dg = tg.grad(g)``, then ``dg(x)``),
    when that is its only binding in the function (no parameter, loop, other assignment, nested
    function or ``nonlocal`` binds it): the call of ``name`` is then the call of what it makes."""
    if norm.inlining:  # (a nested def's or helper's own local: not the function's)
        return None
    stores = [node for node in walk(norm.info.node) if isinstance(node, gast.Name)
              and node.id == name and isinstance(node.ctx, (gast.Store, gast.Param, gast.Del))]
    binders = [node for node in walk(norm.info.node) if isinstance(node, gast.Assign)
               and len(node.targets) == 1 and node.targets[0] in stores]
    if len(stores) != 1 or len(binders) != 1 or not isinstance(binders[0].value, gast.Call):
        return None
    call = binders[0].value
    maker = None if norm.is_local_root(call.func) else \
        resolve_reference(norm.info, call.func, norm.machinery)
    return call if maker is not None and is_transform(maker.value) else None


def _text(node: gast.expr) -> str:
    """The expression as the printer writes it; a lambda it does not print is named by its kind."""
    try:
        return expression_text(node)
    except PrintError:
        if isinstance(node, gast.Call):
            return f"{_text(node.func)}(...)"
        return "a lambda" if isinstance(node, gast.Lambda) else type(node).__name__


_LOCAL_HINT = ("define it at module level, taking the values it reads from the function as "
               "parameters after its own, and pass them: `tangentish.grad(g)(y, x)` for "
               "`tangentish.grad(lambda z: g(z, x))(y)` with `def g(z, x)` (wrt=0 by default: the "
               "derivative follows `x` too, as a grad of a grad)")


def _known(norm: Lowering, node: gast.expr, text: str) -> Any:
    """The value of a transform's argument, known before the caller runs: a literal, a tuple or
    list of them, or a name (dotted too) the caller reads from its module or closure."""
    if isinstance(node, gast.Constant):
        return node.value
    if isinstance(node, (gast.Tuple, gast.List)):
        items = [_known(norm, item, text) for item in node.elts]
        return tuple(items) if isinstance(node, gast.Tuple) else items
    if isinstance(node, gast.Call):  # (a transform of a transform: tg.jvp(tg.grad(g)))
        return transform_callee(norm, node).value
    reference = None if norm.is_local_root(node) else \
        resolve_reference(norm.info, node, norm.machinery)
    if reference is None:
        raise norm.error(
            f"cannot differentiate `{text}`: `{_text(node)}` is not known before "
            f"{norm.info.name} runs (a transform called inside a differentiated function is made "
            "when that function is differentiated)", node,
            hint=_LOCAL_HINT if isinstance(node, (gast.Lambda, gast.Name)) else
            "define the function to transform at module level and pass literals as options")
    return reference.value
