"""Parameters a rule gives no derivative, reached by a value that varies: refused, never zero.

A template that writes no ``d[p]`` for its parameter ``p`` takes that derivative as zero.  That is
right where no value of ``p`` can move the result smoothly: a count, index, axis, shape, flag or
dtype (a varying float there raises in NumPy or is read for its truth), a threshold the result is
piecewise constant in (``rcond``, ``tol``), an array read for its shape only.  Anywhere else it
is a silently wrong gradient: ``np.var(x, ddof=d)`` with ``d`` among the differentiated
arguments moves the variance by ``var / (n - d)`` per unit of ``d``.

So :func:`refuse_left_out` raises where a varying value reaches a parameter its rule leaves out,
unless the parameter is one of those kinds: :data:`DISCRETE` by name, :data:`DISCRETE_OF` per
function.  The lists are the reviewed ones; a new rule whose left-out parameter is in neither is
refused when that parameter varies (a method's exempt parameter too, ``r.sum(v)``: an array's
method raises where a float reaches its axis, so a varying ``r`` there is no array but most often
a module a helper returned, ``xp = namespace(x)``, whose ``sum`` would have been taken as the
array method's, with ``v`` its axis and a zero derivative), and ``tests/test_left_out.py`` lists
every such parameter of
every built-in rule, so that each is either classified here or known to be refused.  The
runtime's helpers (met when a derivative is differentiated again) are tangentish's own code: the
parameters their rules leave out are read for shapes, indices and the positions written.

    >>> import numpy as np
    >>> import tangentish.rules  # registers the derivative rules
    >>> exempt(np.var, "axis"), exempt(np.var, "ddof"), exempt(np.roll, "shift")
    (True, False, True)
"""

from __future__ import annotations

from typing import Any

from ..errors import MissingRuleError, UnsupportedConstructError
from ..ir import Op
from ..registry import ADJOINT, Registry
from ..syntax.build import names
from ..syntax.parse import SourceInfo
from .binding import differentiated_params, is_user_function, receiver_error

DISCRETE = frozenset((
    "axis", "axes", "axis1", "axis2", "axisa", "axisb", "axisc", "dtype", "out", "keepdims",
    "shape", "newshape", "new_shape", "order", "casting", "where", "kind", "mode", "side", "subok",
    "copy", "like", "ndmin", "n", "k", "kth", "ord", "indices", "indices_or_sections", "sorter",
    "indexing", "sparse", "endpoint", "retstep", "num", "decimals", "repeats", "reps", "bins",
    "ndim", "density", "offset", "shift", "source", "destination", "method", "optimize",
    "overwrite_input", "overwrite_a", "overwrite_b", "overwrite_ab", "check_finite", "lower",
    "upper", "UPLO", "full_matrices", "compute_uv", "hermitian", "trans", "unit_diagonal",
    "return_index", "return_inverse", "return_counts", "return_sign", "include_initial",
    "edge_order", "window_shape", "pad_width", "stat_length", "condition", "condlist", "rowvar",
    "bias", "reverse", "rcond", "cond", "tol", "discont", "lwork", "pivoting", "permute_l",
    "l_and_u", "eigvals_only", "subset_by_index", "compute_expm", "force", "checks", "index",
    "minlength", "obj", "deg", "returned", "increasing", "full", "assume_a", "sym_pos", "transposed",
))
"""Parameter names that hold counts, indices, axes, shapes, flags, dtypes, method names or
thresholds in every rule that has them (a rule differentiating one of them says so with ``d[p]``,
and this list is not consulted for it)."""

DISCRETE_OF = {
    "bincount": {"x"},  # the bins each weight goes to
    "choose": {"a"},  # the index array
    "full_like": {"a"},  # read for its shape and dtype
    "getitem": {"b"}, "setitem": {"b"},  # the index
    **{f"{kind}der": {"m"} for kind in ("poly", "cheb", "leg", "lag", "herm", "herme")},  # order
    "polyint": {"m"},
    "rollaxis": {"start"},
    "vander": {"N"},
    "multigammaln": {"d"},  # the dimension (an integer)
    "real_if_close": {"tol"},
    **{f"{kind}val": {"tensor"} for kind in ("poly", "cheb", "leg", "lag", "herm", "herme")},
    **{f"{i}{r}fft{n}": {"s", "norm"} for i in ("", "i") for r in ("", "r") for n in ("", "2", "n")},
    "hfft": {"norm"}, "ihfft": {"norm"},
    "cumulative_trapezoid": {"initial"},  # (None or 0: SciPy raises for another value)
}
"""Parameters with a generic name (``a``, ``x``, ``m``) that are discrete in one function only."""


def exempt(key: Any, param: str) -> bool:
    """Whether ``param`` of the built-in rule for ``key`` is one a derivative can leave out."""
    return param in DISCRETE or param in DISCRETE_OF.get(getattr(key, "__name__", ""), ())


def refuse_left_out(op: Op, shapes: Any, registry: Registry, kind: str, varied: set[str],
                    info: SourceInfo) -> None:
    """Raise where a value that varies reaches a parameter the ``kind`` rule of ``op`` gives no
    derivative (no ``d[p]`` in it): the transform would take that derivative as zero.  A rule
    for a function of the user's (``@extend.rule(myf)``) is checked at every parameter, a
    built-in one at those not :func:`exempt`; a method's operands are checked against its
    receiver (:func:`.binding.receiver_error`).  ``shapes``: the activity analysis's rule and
    binding cache.  A call its rule cannot bind is left to ``check_rules``, which raises where
    the call is active."""
    method = op.method and not any(n in varied for n in names(op.args[0]))
    own = not (method or is_user_function(op.key))
    if own and (getattr(op.key, "__module__", None) or "").startswith("tangentish."):
        return  # (the runtime's helpers: above)
    if own and varied.isdisjoint(op.operand_names()):
        return
    nondifferentiable, template = shapes.rule(registry, kind, op.key)
    if nondifferentiable or template is None:
        return
    try:
        bound = shapes.bind(op, template, info)
    except UnsupportedConstructError:
        return
    differentiated = differentiated_params(template)
    if method:  # (every operand: also one at `out`'s position, which binding skips)
        flowing = {n for p in differentiated if p in bound for n in names(bound[p])}
        for value in (*op.args[1:], *op.keywords.values()):
            if any(n in varied and n not in flowing for n in names(value)):
                raise receiver_error(op, next((p for p, v in bound.items() if v is value),
                                               "out"), info)
    for param, value in bound.items():
        if param in differentiated or not any(n in varied for n in names(value)):
            continue
        if not (own and exempt(op.key, param)):
            raise _left_out(op, template, param, kind, own, info)
        if op.method:  # (`r.sum(v)` of a varying `r`: an array's method raises where a float
            raise receiver_error(op, param, info)  # reaches its axis, so `r` is no array)


def _left_out(op: Op, template: Any, param: str, kind: str, own: bool,
              info: SourceInfo) -> MissingRuleError:
    which = "derivative" if kind == ADJOINT else "forward-mode (tangent)"
    if own:  # (tangentish's rule: the user cannot add the missing part to it)
        return MissingRuleError(
            f"the {which} rule for {op.label} gives no derivative for its parameter {param!r}, "
            f"which varies with the differentiated arguments here", info.location(op.node),
            hint=f"pass a {param!r} that does not vary with them (computed from constants or "
            f"shapes), or write the computation out in NumPy operations tangentish "
            f"differentiates")
    return MissingRuleError(
        f"the {which} rule {template.name!r} for {op.label} ({template.origin}) gives no "
        f"derivative for its parameter {param!r}, which varies with the differentiated "
        f"arguments here", info.location(op.node), hint=f"write `d[{param}]` in the rule (its "
        f"{'adjoint' if kind == ADJOINT else 'tangent'}), or, where its derivative is zero, "
        f"pass `tangentish.stop_gradient(...)` as {param!r}")
