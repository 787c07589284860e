"""The derivatives under test: user-supplied grad/vjp/jvp, or tangentish's own.

:mod:`tangentish.api` is imported lazily, inside functions, so the checker works (with
user-supplied derivatives) even while the rest of the package is broken; the tangent keywords of
``tangentish.jvp`` come from its record.
"""

from __future__ import annotations

import numpy as np

from ..arguments import caller_location
from ..errors import ArgumentError, ArgumentValueError
from .containers import Flattened
from .outputs import FlatOutput
from .problem import F64, Problem, eps_of

MODES = ("rev", "fwd")


class DerivativeError(Exception):
    """The derivative under test returned something of the wrong structure or shape."""

    def __init__(self, message: str, w: int = 0):
        super().__init__(message)
        self.w = w  # index (into wrt) of the argument concerned


def _shape_problem(label: str, what: str, got: tuple, want: tuple) -> DerivativeError:
    hint = ""
    try:
        if np.broadcast_shapes(got, want) == got and np.prod(got) > np.prod(want):
            hint = " (looks like a missing reduction over broadcast dimensions)"
    except ValueError:
        pass
    return DerivativeError(f"{label} returned shape {got} for {what} of shape {want}{hint}")


def _as_real(value, label: str, what: str, shape: tuple) -> tuple[np.ndarray, float]:
    """Validate one returned derivative and convert it to float64."""
    if value is None:
        return np.zeros(shape), eps_of(F64)
    arr = np.asarray(value)
    if arr.dtype == object or np.issubdtype(arr.dtype, np.complexfloating):
        raise DerivativeError(f"{label} returned dtype {arr.dtype} for {what}")
    if arr.shape != shape:
        raise _shape_problem(label, what, arr.shape, shape)
    return arr.astype(F64), eps_of(arr.dtype)


def _cotangent_object(problem: Problem, cotangent, out_dtype: np.dtype):
    if problem.out_shape == ():
        return out_dtype.type(cotangent)
    return np.asarray(cotangent, dtype=out_dtype)


class Reverse:
    """Vector-Jacobian products ``v -> J^T v`` from grad=, vjp= or tangentish.grad."""

    def __init__(self, problem: Problem, fn, style: str, label: str):
        self.problem, self.fn, self.style, self.label = problem, fn, style, label
        self.out_dtype = problem.original_value().dtype
        if not np.issubdtype(self.out_dtype, np.floating):
            self.out_dtype = F64
        if style == "grad" and int(np.prod(problem.out_shape)) != 1:
            raise ArgumentValueError(
                f"grad= needs f to return a scalar, but f returns shape {problem.out_shape}",
                caller_location(), hint="pass vjp= (a function vjp(*args, out_bar)) for array "
                "outputs")

    def raw(self, cotangent, points=None, dtypes=None):
        """Call the derivative function and return its unvalidated result."""
        if self.style == "grad":
            return self.problem.call(self.fn, points=points, dtypes=dtypes)
        bar = _cotangent_object(self.problem, cotangent, self.out_dtype)
        if self.style == "vjp":
            return self.problem.call(self.fn, bar, points=points, dtypes=dtypes)
        if self.problem.out_shape == ():
            return self.problem.call(self.fn, points=points, dtypes=dtypes)
        return self.problem.call(self.fn, points=points, dtypes=dtypes, out_bar=bar)

    def __call__(self, cotangent, points=None, dtypes=None) -> list[tuple[np.ndarray, float]]:
        """One (float64 gradient, its dtype's eps) pair per differentiated argument."""
        return self.unpack(self.raw(cotangent, points, dtypes))

    def unpack(self, result) -> list[tuple[np.ndarray, float]]:
        return per_argument(self.problem, result, self.label)


def per_argument(problem: Problem, result, label: str) -> list[tuple[np.ndarray, float]]:
    """Split a gradient-like result (one array, or a tuple for several wrt) and validate it."""
    specs = problem.specs
    if problem.single:
        if isinstance(result, tuple) and len(result) == 1:
            result = result[0]
        elif isinstance(result, (tuple, list)) and not isinstance(problem.wrt, (tuple, list)):
            raise _one_wrt_many_results(problem, result, label)
        items = [result]
    else:
        if not isinstance(result, (tuple, list)) or len(result) != len(specs):
            raise DerivativeError(
                f"{label} must return a tuple of {len(specs)} arrays "
                f"(one per wrt argument), got {type(result).__name__}"
            )
        items = list(result)
    out = []
    for w, (item, spec) in enumerate(zip(items, specs, strict=True)):
        try:
            out.append(_as_real(item, label, f"argument {spec.position} ({spec.name!r})",
                                spec.shape))
        except DerivativeError as exc:
            raise DerivativeError(str(exc), w) from None
    return out


def _one_wrt_many_results(problem: Problem, result, label: str) -> ArgumentError:
    """``wrt`` names one argument but the derivative returned several values: the usual cause is
    a ``wrt`` left at its default."""
    count = len(result)
    spec = problem.specs[0]
    hint = (f"pass wrt={tuple(range(count))!r} to check all {count} arguments"
            if count <= len(problem.args) else "return one array per wrt argument")
    return ArgumentError(f"{label} returned {count} values, but wrt={problem.wrt!r} names one "
                         f"argument ({spec.position}, {spec.name!r})", caller_location(),
                         hint=f"{hint}, or make {label} return only the gradient for "
                         f"{spec.name!r}")


class Forward:
    """Jacobian-vector products ``u -> J u`` from jvp= or tangentish.jvp."""

    def __init__(self, problem: Problem, fn, label: str):
        self.problem, self.fn, self.label = problem, fn, label

    def __call__(self, w: int, direction: np.ndarray, dtypes=None) -> tuple[np.ndarray, float]:
        dtypes = dtypes or self.problem.orig_dtypes
        tangents = tuple(
            spec.rebuild(direction if i == w else np.zeros(spec.shape), dtype)
            for i, (spec, dtype) in enumerate(zip(self.problem.specs, dtypes, strict=True))
        )
        result = self.problem.call(self.fn, tangents, dtypes=dtypes)
        return _as_real(result, self.label, "the output", self.problem.out_shape)


def _from_tangentish(name: str, problem: Problem):
    """``tangentish.<name>(f, wrt=...)`` or, when unavailable, (None, reason)."""
    try:
        from .. import api
    except Exception as exc:  # the package may be half-written
        return None, f"tangentish could not be imported ({type(exc).__name__}: {exc})"
    maker = getattr(api, name, None)
    if maker is None:
        return None, f"tangentish.{name} is not available"
    outputs = problem.f if isinstance(problem.f, FlatOutput) else None  # a container output
    f = problem.f.f if outputs else problem.f
    if isinstance(f, Flattened):  # containers under wrt: the user's f, over leaves
        return f.derivative(name, outputs), None
    wrt = problem.positions[0] if problem.single else problem.positions
    made = maker(f, wrt=wrt) if outputs is None else outputs.derivative(name, f, wrt)
    if name != "jvp":
        return made, None
    tangents = made.record.tangents  # (by name; a callable without a signature, a ufunc on
    keywords = [tangents.get(spec.name) or list(tangents.values())[i]  # NumPy 1.x: by position)
                for i, spec in enumerate(problem.specs)]

    def jvp_call(*args):  # tangentish.jvp takes tangents as keywords (the record's), returns (f, jvp)
        *primals, tangents = args
        return made(*primals, **dict(zip(keywords, tangents, strict=True)))[1]

    return jvp_call, None


def check_modes(modes) -> tuple[str, ...]:
    modes = (modes,) if isinstance(modes, str) else tuple(modes)
    unknown = [m for m in modes if m not in MODES]
    if unknown or not modes:
        raise ArgumentValueError(f"modes must be a non-empty subset of {MODES}, got {modes!r}",
                                 caller_location(), hint="e.g. modes=('rev', 'fwd') or 'rev'")
    return modes


def resolve(problem: Problem, grad, vjp, jvp, modes) -> tuple[Reverse | None, Forward | None]:
    """Decide which derivatives to test; unavailable ones are skipped with a note."""
    modes = check_modes(modes)
    if grad is not None and vjp is not None:
        raise ArgumentError("pass at most one of grad= and vjp=", caller_location(),
                            hint="grad= for a scalar f, vjp= for an array output")
    user = grad is not None or vjp is not None or jvp is not None
    rev = fwd = None
    reasons = []
    if "rev" in modes:
        if grad is not None or vjp is not None:
            style = "grad" if grad is not None else "vjp"
            rev = Reverse(problem, grad if grad is not None else vjp, style, f"{style}=")
        elif not user:
            fn, why = _from_tangentish("grad", problem)
            label = "tangentish.vjp" if isinstance(problem.f, FlatOutput) else "tangentish.grad"
            rev = Reverse(problem, fn, "tangentish", label) if fn else None
            reasons.append(why)
        else:
            reasons.append("reverse mode skipped: no grad= or vjp= given")
    if "fwd" in modes:
        if jvp is not None:
            fwd = Forward(problem, jvp, "jvp=")
        elif not user:
            fn, why = _from_tangentish("jvp", problem)
            fwd = Forward(problem, fn, "tangentish.jvp") if fn else None
            reasons.append(why)
        else:
            reasons.append("forward mode skipped: no jvp= given")
    reasons = [r for r in reasons if r]
    if rev is None and fwd is None:
        raise ArgumentValueError(f"nothing to check for modes={modes!r}: " + "; ".join(reasons),
                                 caller_location(), hint="pass grad=, vjp= or jvp=, or use a "
                                 "tangentish build providing them")
    problem.notes.extend(reasons)
    return rev, fwd
