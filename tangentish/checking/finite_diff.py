"""Finite differences along a line, with an estimate of their own error.

Everything here works on a scalar function of one real variable,
``phi(t) = functional(x + t * d)``, sampled symmetrically at a geometric sequence of
steps ``t0, t0/2, t0/4, ...``.  From two consecutive levels we get

* the central differences ``D(t)`` and ``D(t/2)``, whose difference estimates the
  O(t^2) truncation error, and their Richardson extrapolation ``(4 D(t/2) - D(t)) / 3``;
* a rounding-error estimate ``eps * S / t``, with ``S`` the sum of the absolute values
  entering ``phi`` (so cancellation inside the functional is accounted for), plus
  ``|fourth difference| / t`` of the five samples, a measured noise level;
* the one-sided (forward and backward) slopes, used to recognise kinks.

Steps are powers of two, and a float64 direction is put on a grid (:func:`on_grid`) so that
every sampled point ``x + t d`` is exactly representable: the line is then exactly straight
and its finite differences carry no error from rounding the points.  (An error that the
derivative under test cannot be blamed for: a function that cancels its inputs, such as
``a - b`` at ``a == b``, turns a point rounded by 1e-16 into a difference wrong by 1e-11,
which a tolerance measured on its output did not foresee.)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .problem import F64, Problem, eps_of

#: Safety factor on the truncation error estimate |D(t) - D(t/2)|.
TRUNCATION_SAFETY = 2.0
#: Multiple of eps * S / t taken as the rounding error of a central estimate.
ROUNDING_CENTRAL = 16.0
#: Same for the (noisier) one-sided estimates.
ROUNDING_ONE_SIDED = 32.0
#: How often the first step is divided by 16 when f is not finite near the point.
MAX_SHRINK = 4
#: Multiple of |fourth difference| / t added to a central estimate's error: negligible
#: (O(t^3)) for smooth f, but it measures noise beyond the dtype's rounding (inexact
#: inner solvers, say) and steps too coarse for f's features.
NOISE_TERM = 1.0
#: At most this many extra halvings are tried when the first two levels are not
#: conclusive; refinement stops early once two successive levels got no better.
MAX_REFINE = 10


class ShapeChange(ValueError):
    """The function's output changed shape between nearby points."""


#: Halvings of the first step along which :func:`on_grid` keeps the points exact (the first
#: two levels and up to ``MAX_REFINE`` refinements).
GRID_LEVELS = 2 + MAX_REFINE
#: The smallest first step: that of float64 (``base_step`` never goes below it).
_FINEST_STEP = 2.0**-17


def base_step(eps_in: float, eps_out: float) -> float:
    """Relative step for central differences: the power of two nearest the cube root of the
    coarser epsilon (a power of two, so that ``t * d`` is as exact as ``d``)."""
    return float(2.0 ** round(math.log2(np.cbrt(max(eps_in, eps_out)))))


def on_grid(base: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """``direction`` moved by at most ~1e-7 of its scale so that ``base + t * direction`` is
    exactly representable in float64 for every step ``t`` a float64 line takes
    (``base_step(...) / 2**k``, ``k <= GRID_LEVELS``).

    Each element ``t * d`` becomes a multiple of the float spacing ``s`` at the largest
    magnitude the line reaches there, times ``2**GRID_LEVELS``; ``x`` is a multiple of its
    own spacing, so ``x + t d`` is exact unless the line crosses a power of two upwards
    (then the rounding of that point is measured, as before, by the line's ``dev``).

    >>> x = np.array([0.19525402, 0.86075747]); d = np.array([0.6, -0.8])
    >>> g = on_grid(x, d); steps = base_step(2.0**-52, 2.0**-52) / 2.0**np.arange(GRID_LEVELS)
    >>> all(np.all((x + t * g) - x == t * g) for t in steps), float(np.max(np.abs(g - d))) < 1e-7
    (True, True)
    >>> all(np.all((x + t * d) - x == t * d) for t in steps)  # off the grid
    False
    """
    reach = np.abs(base) + np.abs(_FINEST_STEP * direction)
    unit = np.spacing(reach) * 2.0**GRID_LEVELS / _FINEST_STEP
    return np.round(direction / unit) * unit


@dataclass(frozen=True)
class Estimate:
    """A finite-difference estimate of phi'(0) with its error bound and step."""

    value: float
    error: float
    step: float
    truncation: float  # the part of ``error`` that smaller steps would reduce


@dataclass(frozen=True)
class OneSided:
    """Forward/backward slopes (Richardson-extrapolated) and their common error."""

    forward: float
    backward: float
    error: float
    step: float

    @property
    def jump(self) -> float:
        return self.forward - self.backward


Sample = tuple[float, float, float, float]
# (phi, sum of |terms|, direction rounding, effective epsilon of the values)

_COARSER = (np.dtype(np.float16), np.dtype(np.float32))


def effective_eps(values: np.ndarray) -> float:
    """Epsilon of the coarsest float dtype holding all ``values`` exactly.

    A float64 result whose entries are all exact float32 numbers was almost surely
    computed in float32 (the chance for a genuine float64 number is 2**-29).
    """
    eps = eps_of(values.dtype)
    if np.all((np.floor(values) == values) & (np.abs(values) < 2.0**24)):  # (whole numbers
        return eps  # float32 holds exactly, whatever computed them: no evidence)
    for dtype in _COARSER:
        if eps < eps_of(dtype) and np.array_equal(values.astype(dtype), values):
            return eps_of(dtype)
    return eps


class Line:
    """Samples of ``phi(t)`` at symmetric steps, refined on demand."""

    def __init__(self, evaluate: Callable[[float], Sample], centre: Sample, eps: float,
                 step: float, levels: int = 2):
        self.evaluate = evaluate
        self.phi0 = centre[0]
        self.eps = eps
        self.noisy = False  # f turned out less precise than its dtype
        self.refined = False
        self.finite = False
        for _ in range(MAX_SHRINK + 1):
            self._reset(centre)
            if self._extend(step, levels):
                self.finite = True
                self._check_precision(centre)
                break
            step /= 16.0

    def _reset(self, centre: Sample) -> None:
        self.steps: list[float] = []
        self.plus: list[float] = []
        self.minus: list[float] = []
        self.abs_sum = centre[1]
        self.dev = 0.0
        self.sample_eps = 1.0  # finest effective precision seen away from the centre

    def _extend(self, step: float, levels: int) -> bool:
        """Add ``levels`` halvings starting at ``step``; False if phi is not finite."""
        for k in range(levels):
            t = step / 2.0**k
            (p, sp, dp, ep), (m, sm, dm, em) = self.evaluate(t), self.evaluate(-t)
            if not (np.isfinite(p) and np.isfinite(m) and np.isfinite(sp) and np.isfinite(sm)):
                return False
            self.steps.append(t)
            self.plus.append(float(p))
            self.minus.append(float(m))
            self.abs_sum = max(self.abs_sum, sp, sm)
            self.dev = max(self.dev, dp, dm)
            self.sample_eps = min(self.sample_eps, ep, em)
        return True

    def _fourth_difference(self, k: int) -> float:
        """Fourth difference on the uniform stencil -t_k, -t_{k+1}, 0, t_{k+1}, t_k."""
        return (self.plus[k] + self.minus[k] - 4.0 * (self.plus[k + 1] + self.minus[k + 1])
                + 6.0 * self.phi0)

    def _check_precision(self, centre: Sample) -> None:
        """Detect hidden low-precision arithmetic in f and adapt step and error model.

        Values away from the centre that are all exact float32 (or float16) numbers,
        although f returned float64, reveal arithmetic in that precision (unless f is
        constant along the line, as the larger steps then show).
        """
        if self.sample_eps <= self.eps:
            return
        eps = self.eps
        self._restart(centre, self.sample_eps)
        if len({*self.plus, *self.minus, self.phi0}) == 1:  # f is constant along the line
            self.eps, self.noisy = eps, False

    def _restart(self, centre: Sample, eps: float) -> None:
        """Resample with the step suited to ``eps`` (keeping the old samples if f fails)."""
        step = self.steps[0] * min(float(np.cbrt(eps / self.eps)), 1024.0)
        saved = (self.steps, self.plus, self.minus, self.abs_sum, self.dev, self.sample_eps)
        self._reset(centre)
        if not self._extend(step, 2):  # a larger step leaves f's domain
            self.steps, self.plus, self.minus, self.abs_sum, self.dev, self.sample_eps = saved
        self.eps, self.noisy = max(self.eps, eps), True

    def refine(self) -> None:
        """Try smaller steps (once) until rounding takes over or phi stops being finite."""
        if self.refined or not self.finite:
            return
        self.refined = True
        best, worse = self.best().error, 0
        for _ in range(MAX_REFINE):
            if not self._extend(self.steps[-1] / 2.0, 1):
                return
            latest = self.pair(len(self.steps) - 2).error
            if latest < best:
                best, worse = latest, 0
            else:
                worse += 1
                if worse == 2:
                    return

    def central(self, k: int) -> float:
        return (self.plus[k] - self.minus[k]) / (2.0 * self.steps[k])

    def rounding(self, k: int, factor: float) -> float:
        return factor * self.eps * self.abs_sum / self.steps[k]

    def pair(self, k: int) -> Estimate:
        """Richardson estimate from levels k and k+1 with its error bound."""
        coarse, fine = self.central(k), self.central(k + 1)
        value = (4.0 * fine - coarse) / 3.0
        truncation = TRUNCATION_SAFETY * abs(fine - coarse)
        noise = NOISE_TERM * max(abs(self._fourth_difference(k)), self._noise_floor())
        noise /= self.steps[k + 1]
        error = truncation + noise + self.rounding(k + 1, ROUNDING_CENTRAL)
        return Estimate(value, error, self.steps[k + 1], truncation)

    def _noise_floor(self) -> float:
        """Largest |fourth difference| over the finer half of the levels.

        On smooth f these shrink 16x per halving, so this is tiny; on noisy f they do
        not shrink, and taking the largest of several keeps a lucky small one from
        making the finest steps look accurate.
        """
        count = len(self.steps) - 1
        return max(abs(self._fourth_difference(k)) for k in range(count // 2, count))

    def best(self) -> Estimate:
        """The level pair with the smallest estimated error (Ridders-style choice)."""
        candidates = [self.pair(k) for k in range(len(self.steps) - 1)]
        return min(candidates, key=lambda e: e.error)

    def _one_sided_pair(self, k: int) -> OneSided:
        t, fine = self.steps[k], k + 1
        fwd = ((self.plus[k] - self.phi0) / t, (self.plus[fine] - self.phi0) / (t / 2.0))
        bwd = ((self.phi0 - self.minus[k]) / t, (self.phi0 - self.minus[fine]) / (t / 2.0))
        error = abs(fwd[0] - fwd[1]) + abs(bwd[0] - bwd[1])
        error += self.rounding(fine, ROUNDING_ONE_SIDED)
        return OneSided(2.0 * fwd[1] - fwd[0], 2.0 * bwd[1] - bwd[0], error, self.steps[fine])

    def kink_confirmed(self) -> bool:
        """Whether the jump between the one-sided slopes is stable over three levels.

        A kink gives the same jump at every step; noise gives one growing like 1/t.
        Adds up to two levels (four evaluations) if there are fewer than three.
        """
        if len(self.steps) < 3 and not self._extend(self.steps[-1] / 2.0, 3 - len(self.steps)):
            return False
        jumps = [(p + m - 2.0 * self.phi0) / t
                 for p, m, t in zip(self.plus, self.minus, self.steps, strict=True)][-3:]
        return all(abs(a - b) <= abs(b) / 4.0 for a, b in zip(jumps, jumps[1:], strict=False))

    def one_sided(self) -> OneSided:
        """The most accurate one-sided pair over all levels."""
        candidates = [self._one_sided_pair(k) for k in range(len(self.steps) - 1)]
        return min(candidates, key=lambda e: e.error)


def argument_line(problem: Problem, w: int, direction: np.ndarray,
                  functional: Callable[[dict], tuple[float, float, float]],
                  centre: tuple[float, float], eps_out: float, dtype=None) -> Line:
    """The line ``t -> functional(x_w + t d)`` through the base point of argument ``w``.

    ``functional(points)`` returns ``(value, sum of |terms|, effective eps)`` at the
    moved point (see :func:`effective_eps`).  The
    moved argument is rounded to the dtype ``f`` is evaluated in; the resulting
    deviation from the intended direction is recorded (relative to ``|d|``) so that
    the verdict can allow for it.  ``dtype`` overrides the evaluation dtype.
    """
    spec = problem.specs[w]
    x = spec.base
    dtype = problem.eval_dtypes[w] if dtype is None else np.dtype(dtype)
    norm = float(np.linalg.norm(direction)) or 1.0

    def evaluate(t: float) -> Sample:
        moved = np.asarray(x + t * direction, dtype=dtype).astype(F64)
        dev = float(np.linalg.norm((moved - x) / t - direction)) / norm
        try:
            with np.errstate(all="ignore"):  # leaving f's domain is handled by shrinking t
                value, abs_sum, value_eps = functional({w: moved})
        except ShapeChange:
            raise
        except Exception:  # e.g. a domain check inside f: treated like a non-finite value
            return math.nan, math.nan, dev, 0.0
        return value, abs_sum, dev, value_eps

    eps_in = eps_of(dtype)
    step = base_step(eps_in, eps_out)
    return Line(evaluate, (centre[0], centre[1], 0.0, 0.0), max(eps_in, eps_out), step)


def output_functional(problem: Problem, cotangent) -> Callable[[dict], tuple]:
    """``points -> (<v, f(points)>, sum |v * f(points)|, effective eps of f's values)``."""

    def functional(points: dict) -> tuple[float, float, float]:
        raw = problem.call_f(points)
        out = raw.astype(F64)
        if out.shape != problem.out_shape:
            raise ShapeChange(
                f"f returned shape {out.shape} at a perturbed point, "
                f"but {problem.out_shape} at the base point"
            )
        terms = cotangent * out
        return float(np.sum(terms)), float(np.sum(np.abs(terms))), effective_eps(raw)

    return functional
