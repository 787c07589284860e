"""``order=2``: check the gradient function itself.

For a random vector ``w`` the scalar function ``psi(x) = <grad f(x), w>`` is
differentiated by finite differences along random directions ``u`` (calling the
gradient under test at perturbed points) and compared with ``<H w, u>`` from the
second derivative under test: ``hessian=``, ``hvp=`` or ``tangentish.grad`` applied to
the gradient.  The Hessian of a scalar function is symmetric, so ``<H u, w> = <H w, u>``.
"""

from __future__ import annotations

import numpy as np

from ..arguments import caller_location
from ..errors import ArgumentError, ArgumentValueError
from .checker import Checker, fixed_fn
from .containers import Flattened
from .finite_diff import argument_line, effective_eps
from .problem import F64, Problem, eps_of
from .sources import DerivativeError, per_argument
from .verdict import as_rounding, judge, zero_bound


def _block(value, label: str, rows: int, cols: int, want: tuple) -> tuple[np.ndarray, np.dtype]:
    arr = np.asarray(value)
    if arr.dtype == object or arr.size != rows * cols:
        raise DerivativeError(f"{label} returned a block of shape {arr.shape}, expected {want}")
    return arr.astype(F64).reshape(rows, cols), arr.dtype


def hessian_blocks(problem: Problem, result, label: str = "hessian="):
    """The Hessian as a grid of float64 matrices (one block per pair of wrt arguments)."""
    specs = problem.specs
    if problem.single:
        grid = [[result]]
    elif isinstance(result, (tuple, list)) and len(result) == len(specs) and all(
        isinstance(row, (tuple, list)) and len(row) == len(specs) for row in result
    ):
        grid = result
    else:
        raise DerivativeError(f"{label} must return a {len(specs)}x{len(specs)} nested tuple "
                              "of blocks for several wrt arguments")
    blocks, dtypes = [], []
    for a, row in zip(specs, grid, strict=True):
        pairs = [_block(h, label, a.size, b.size, a.shape + b.shape)
                 for h, b in zip(row, specs, strict=True)]
        blocks.append([m for m, _ in pairs])
        dtypes += [d for _, d in pairs]
    return blocks, max(eps_of(d) for d in dtypes)


def _call_wide(problem: Problem, fn, *extra):
    """Call a second-derivative function on float64 copies if it accepts them."""
    if all(d == F64 for d in problem.orig_dtypes):
        return problem.call(fn, *extra)
    try:
        return problem.call(fn, *extra, dtypes=[F64] * len(problem.specs))
    except Exception:  # it may insist on the caller's dtypes
        return problem.call(fn, *extra)


def _from_hessian(problem: Problem, hessian):
    cache = {}

    def hvp_fn(z: list[np.ndarray]) -> list[tuple[np.ndarray, float]]:
        if "h" not in cache:
            cache["h"] = hessian_blocks(problem, _call_wide(problem, hessian))
        blocks, eps = cache["h"]
        return [
            (sum(m @ zj.ravel() for m, zj in zip(row, z, strict=True)).reshape(spec.shape), eps)
            for row, spec in zip(blocks, problem.specs, strict=True)
        ]

    return hvp_fn


def _from_hvp(problem: Problem, hvp):
    def hvp_fn(z: list[np.ndarray]) -> list[tuple[np.ndarray, float]]:
        specs = problem.specs
        vectors = tuple(s.rebuild(zi, s.dtype) for zi, s in zip(z, specs, strict=True))
        result = _call_wide(problem, hvp, vectors[0] if problem.single else vectors)
        return per_argument(problem, result, "hvp=")

    return hvp_fn


def _gradient_function(checker: Checker):
    rev = checker.rev
    if rev.style == "vjp":
        one = rev.out_dtype.type(1.0)
        return lambda *args: rev.fn(*args, one)
    return rev.fn


def _from_tangentish(checker: Checker):
    """Hessian-vector products from tangentish: the ``jvp`` of the generated gradient (forward
    over reverse), exact; for the user's own grad=/vjp= the check needs hessian= or hvp=."""
    problem = checker.problem
    if isinstance(problem.f, Flattened):  # containers under wrt: tangentish.hvp, over leaves
        product = problem.f.hvp()

        def over_leaves(z: list[np.ndarray]) -> list[tuple[np.ndarray, float]]:
            vectors = [s.rebuild(zi, s.dtype) for zi, s in zip(z, problem.specs, strict=True)]
            result = problem.call(lambda *args: product(*args, vectors))
            return per_argument(problem, result, "tangentish.hvp")

        return over_leaves
    try:
        from .. import api

        wrt = problem.positions[0] if problem.single else problem.positions
        product = api.jvp(api.grad(problem.f, wrt=wrt), wrt=wrt)
    except Exception as exc:
        raise ArgumentError("order=2: tangentish could not build the Hessian-vector product "
                            f"({type(exc).__name__}: {exc})", caller_location(),
                            hint="pass hessian= or hvp=") from None
    keywords = [product.record.tangents[spec.name] for spec in problem.specs]

    def hvp_fn(z: list[np.ndarray]) -> list[tuple[np.ndarray, float]]:
        tangents = dict(zip(keywords, z, strict=True))
        result = problem.call(lambda *args: product(*args, **tangents)[1])
        return per_argument(problem, result, "tangentish.hvp")

    return hvp_fn


def _second_source(checker: Checker, hessian, hvp):
    if hessian is not None and hvp is not None:
        raise ArgumentError("pass at most one of hessian= and hvp=", caller_location(),
                            hint="hvp= avoids forming the matrix")
    if hvp is not None:
        return _from_hvp(checker.problem, hvp), "hvp="
    if hessian is not None:
        return _from_hessian(checker.problem, hessian), "hessian="
    return _from_tangentish(checker), "tangentish.hvp"


def _gradient_dtypes(checker: Checker) -> tuple[list[np.dtype], list[tuple[np.ndarray, float]]]:
    """Evaluate the gradient in float64 if it accepts that, else in the caller's dtypes."""
    problem = checker.problem
    wide = [F64] * len(problem.specs)
    try:
        return wide, checker.rev(1.0, dtypes=wide)
    except DerivativeError:
        raise
    except Exception as exc:
        if problem.orig_dtypes == wide:
            raise
        problem.notes.append(f"the gradient failed on float64 inputs ({type(exc).__name__}: "
                             f"{exc}); second-order differences use the arguments' dtypes")
        return problem.orig_dtypes, checker.rev(1.0, dtypes=problem.orig_dtypes)


def _gradient_functional(checker: Checker, z: list[np.ndarray], dtypes):
    def functional(points: dict) -> tuple[float, float, float]:
        grads = checker.rev(1.0, points=points, dtypes=dtypes)
        terms = [g * zi for (g, _), zi in zip(grads, z, strict=True)]
        value_eps = max(max(effective_eps(g), eps) for g, eps in grads)
        return (float(sum(np.sum(t) for t in terms)),
                float(sum(np.sum(np.abs(t)) for t in terms)), value_eps)

    return functional


def _line_fn(checker: Checker, w: int, functional, centre, eps: float, dtype):
    return lambda d: argument_line(checker.problem, w, d, functional, centre, eps, dtype)


def check_second_order(checker: Checker, projections: int, hessian=None, hvp=None) -> None:
    """Add ``order2`` records to ``checker`` (needs a scalar ``f`` and a gradient)."""
    problem = checker.problem
    if int(np.prod(problem.out_shape)) != 1:  # (a scalar, or one value shaped (1, 1))
        raise ArgumentValueError(f"order=2 needs f to return a scalar, but it returns shape "
                                 f"{problem.out_shape}", caller_location(),
                                 hint="check order=1 for array outputs")
    if checker.rev is None:
        if checker.failures:  # the gradient itself is already broken: report that
            problem.notes.append("order=2 skipped: the gradient failed its first-order check")
            return
        raise ArgumentError("order=2 needs a gradient to check", caller_location(),
                            hint="pass grad= or vjp= (or modes including 'rev')")
    second, label = _second_source(checker, hessian, hvp)
    dtypes, base = _gradient_dtypes(checker)
    eps = max(e for _, e in base)
    for p in range(int(projections)):
        z = [checker.unit(w) for w in range(len(problem.specs))]
        try:
            hz = second(z)
        except DerivativeError as exc:
            checker.structural_failure("order2", label, exc.w, p, str(exc))
            return
        functional = _gradient_functional(checker, z, dtypes)
        terms = [g * zi for (g, _), zi in zip(base, z, strict=True)]
        centre = (float(sum(np.sum(t) for t in terms)),
                  float(sum(np.sum(np.abs(t)) for t in terms)))
        for w in range(len(problem.specs)):
            d = checker.direction(w)
            ad_fn = fixed_fn(*hz[w])
            line_fn = _line_fn(checker, w, functional, centre, eps, dtypes[w])
            verdict = judge(line_fn(d), ad_fn(d), checker.tol)
            if verdict.status == "fail" and zero_bound(verdict) is not None:  # (rounding?)
                again = second([3.0 * zi for zi in z])[w][0]
                noise = 2.0 * abs(float(np.sum(again * d)) / 3.0 - verdict.ad)
                verdict = as_rounding(verdict, (verdict.ad,), noise, zero_bound(verdict))
            checker.record("order2", label, w, p, verdict, ad_fn, line_fn, d, order="second")
