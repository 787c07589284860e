"""The reference: finite differences with an error estimate, independent of tangentish.

For a derivative along one coordinate (or direction) the function is evaluated at ``t = 0, ±h,
±h/2, ±h/4`` and ``±h/1024`` (``h = 2**-10 * max(1, |x|)``):

* central differences ``D(h)`` and ``D(h/2)``, combined by Richardson extrapolation into
  ``R = D(h/2) + (D(h/2) - D(h)) / 3`` (error O(h^4));
* the error estimate is ``|D(h/2) - D(h/4)| + 2 |R - R'|``, ``R'`` the extrapolation from
  ``h/2`` and ``h/4`` (a generous bound for a smooth function; with three steps a coincidence of
  two differences, e.g. a fast oscillation sampled at the same phase, shows) plus rounding:
  ``64 eps max|f|``, or 8 times what the two evaluations at ``±h/1024`` show when that is more
  (cancellation makes rounding relative to intermediate values, not to ``f``), over ``h/4``;
* the slope over ``±h/1024`` must agree with ``R`` within the estimate and its own rounding: a
  fast oscillation (``sin`` of a large argument) that every step of the stencil skips over, and
  that its three differences therefore agree on, is caught there;
* the point is **rejected** (never passed) when a local variable of the program holds a float
  beyond ``2**50`` as a function returns (``x + sin(x)`` at ``x = 1e19`` rounds to ``x``, whose
  difference quotients miss the ``cos(x)`` of the exact derivative); when it is near a branch
  boundary: the control-flow path
  of any stencil evaluation differs from the path at ``t = 0`` (each evaluation is traced with
  ``sys.settrace``, opcode by opcode, in the program's own file, so ``a if c else b`` and
  short-circuits count); near a kink: the one-sided slopes differ and the difference does not
  halve with the step (``|d(h/2)| > 0.75 |d(h)|``, ``d = forward - backward``); or where the
  estimate is too large to be trusted (``> 1e-4 (1 + |R|)``: a kink inside the stencil, or a
  function too curved for the step).  Non-finite values or floating-point warnings reject too.

A rejected point is reported as ``Rejected(reason)``; the caller draws another point or counts the
program as invalid.

Where a term is rounded flat in float64 over the whole stencil (``np.arcsin(np.tanh(z))`` at
``z = 18.4`` is within an ulp of pi/2 wherever the stencil goes), the differences agree with each
other and miss its derivative, which no test above can see.  On a mismatch the checker takes the
same differences again with the program evaluated in extended precision (:class:`Widened`) and,
where they show the float64 ones off, judges by them (``checks.rounded_flat``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

EPS = np.finfo(np.float64).eps
STEP = 2.0 ** -10
TRUST = 1e-4


class Rejected(Exception):  # noqa: N818  (a verdict, not an error)
    """The point is unusable for finite differences (branch boundary, kink, domain, overflow)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


class PathTracer:
    """Records the executed bytecode offsets of every frame whose code lives in ``filename``
    (``Rejected`` past ``LONGEST`` steps: a program that does not end is not a reference)."""

    LONGEST = 2_000_000

    HUGE = 2.0 ** 50  # (ulp 1/4: a bounded term added to such a value is mostly rounded away)

    def __init__(self, filename: str):
        self.filename = filename
        self.path: list[tuple[int, int]] = []
        self.huge: str | None = None

    def _global(self, frame, event, arg):
        if frame.f_code.co_filename != self.filename:
            return None
        frame.f_trace_opcodes = True
        frame.f_trace_lines = False
        frame.f_trace = self._local  # set here too: on 3.13 a returned tracer misses a new code's first call
        return self._local

    def _local(self, frame, event, arg):
        if event == "opcode":
            self.path.append((id(frame.f_code), frame.f_lasti))
            if len(self.path) > self.LONGEST:
                raise Rejected("long", f"more than {self.LONGEST} steps")
        elif event == "return" and self.huge is None:
            self.huge = next((name for name, value in frame.f_locals.items() if _huge(value)),
                             None)
        return self._local

    def run(self, fn: Callable[..., Any], args: list[Any]) -> tuple[Any, tuple]:
        self.path, self.huge = [], None
        previous = sys.gettrace()
        sys.settrace(self._global)
        try:
            value = fn(*args)
        finally:
            sys.settrace(previous)
        return value, tuple(self.path)


def _huge(value: Any) -> bool:
    """Whether ``value`` is a float (or float array) holding a finite value beyond ``HUGE``."""
    if isinstance(value, (float, np.floating)):
        return PathTracer.HUGE <= abs(value) < np.inf
    if isinstance(value, np.ndarray) and value.dtype.kind == "f" and value.size:
        magnitudes = np.abs(value[np.isfinite(value)])
        return bool(magnitudes.size) and float(magnitudes.max()) >= PathTracer.HUGE
    return False


def scalar(value: Any) -> float:
    """``value`` as a float when it is a finite real scalar, else ``Rejected``."""
    if np.ndim(value) != 0 or isinstance(value, (bool, np.bool_, complex, np.complexfloating)):
        raise Rejected("output", f"not a real scalar: {type(value).__name__} {np.shape(value)}")
    out = float(value)
    if not np.isfinite(out):
        raise Rejected("domain", "non-finite output")
    return out


def run_quietly(fn: Callable[..., Any], args: list[Any], unused_domain: bool = False) -> Any:
    """``fn(*args)`` with floating-point warnings as ``Rejected`` (log of a negative, overflow);
    with ``unused_domain``, invalid values and division by zero pass (a program that computes
    ``np.sqrt(-1.0)`` where a selection leaves it unused: its value must still be finite)."""
    lenient = "ignore" if unused_domain else "raise"
    try:
        with np.errstate(all="raise", under="ignore", invalid=lenient, divide=lenient):
            return fn(*args)
    except FloatingPointError as error:
        raise Rejected("domain", str(error)) from None


@dataclass
class Estimate:
    """A finite-difference derivative (any shape) and its estimated absolute error."""

    value: np.ndarray
    error: np.ndarray

    def tolerance(self) -> np.ndarray:
        floor = 1e-9 * float(np.max(np.abs(self.value), initial=0.0))
        return 2.0 * self.error + 1e-9 * np.abs(self.value) + floor + 1e-13

    def compare(self, actual: Any, label: str) -> str | None:
        """``None`` when ``actual`` is within tolerance elementwise, else what is wrong."""
        got = np.asarray(actual, dtype=np.float64)
        if got.shape != self.value.shape:
            return f"{label}: shape {got.shape}, expected {self.value.shape}"
        bad = ~(np.abs(got - self.value) <= self.tolerance())
        if not bad.any():
            return None
        worst = np.unravel_index(int(np.argmax(np.where(bad, np.abs(got - self.value), -1.0))), got.shape)
        where = f"[{', '.join(map(str, worst))}]" if got.shape else ""
        return (f"{label}{where}: got {got[worst]!r}, finite differences {self.value[worst]!r} "
                f"(tolerance {self.tolerance()[worst]:.2e}, {int(bad.sum())} of {bad.size} elements off)")


def central(at: Callable[[float], tuple[np.ndarray, tuple]], h: float,
            scale: Callable[[], float] = lambda: 0.0,
            close_up: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Derivative at ``t = 0`` of ``at(t) -> (values, path)`` and its error estimate (the nominal
    steps are used: their rounding is ~1e-13 relative, far below every tolerance).  ``scale()``,
    asked after the evaluations, is a magnitude the values' rounding may be relative to besides
    their own (for a derivative probe: the function's value).  ``close_up=False`` skips the test
    at ``±h/1024`` (:class:`Widened`)."""
    base, path0 = at(0.0)
    samples = {}
    tiny = h / 1024.0
    for t in (h, -h, h / 2, -h / 2, h / 4, -h / 4, tiny, -tiny):
        values, path = at(t)
        if path != path0:
            raise Rejected("branch", "a stencil point takes another control-flow path")
        samples[t] = values
    size = max(float(np.max(np.abs([base, *samples.values()]), initial=0.0)), scale())
    d1 = (samples[h] - samples[-h]) / (2 * h)
    d2 = (samples[h / 2] - samples[-h / 2]) / h
    d3 = (samples[h / 4] - samples[-h / 4]) / (h / 2)
    value = d2 + (d2 - d1) / 3.0
    rounding = _rounding(samples, base, tiny, size)
    noise = 8.0 * rounding / (h / 4)
    one_sided_1 = (samples[h] - 2 * base + samples[-h]) / h
    one_sided_2 = (samples[h / 2] - 2 * base + samples[-h / 2]) / (h / 2)
    kink = (np.abs(one_sided_2) > 0.75 * np.abs(one_sided_1) + 4 * noise) & (np.abs(one_sided_2) > 8 * noise)
    if np.any(kink):
        raise Rejected("kink", "one-sided slopes disagree and do not converge")
    finer = d3 + (d3 - d2) / 3.0
    error = np.abs(d2 - d3) + 2.0 * np.abs(value - finer) + noise
    if np.any(error > TRUST * (1.0 + np.abs(value))):
        raise Rejected("rough", "finite differences do not converge at this step")
    slope = (samples[tiny] - samples[-tiny]) / (2 * tiny)
    if close_up and np.any(np.abs(slope - value) > error + 4.0 * rounding / tiny):  # 4: f(0) and f(±h/1024)
        raise Rejected("rough", "the step is too coarse: a 1024 times smaller one disagrees")
    return value, error


def _rounding(samples: dict, base: np.ndarray, tiny: float, size: float) -> np.ndarray:
    """How far one evaluation may be off by rounding: the nominal ``64 eps max|f|``, or, when more,
    what evaluations a hair apart actually show (``1 - tanh(z)**2`` near saturation is off by
    ``eps``, not by ``eps`` times its own tiny value; the curvature over ``±h/1024`` counts too,
    which only makes the bound more generous)."""
    nominal = 8.0 * EPS * max(size, 1e-300)
    jitter = np.abs(samples[tiny] + samples[-tiny] - 2.0 * base)
    return np.maximum(nominal, jitter)


Probe = Callable[[list[Any]], tuple[Any, tuple]]


def primal_probe(fn: Callable[..., Any], filename: str, unused_domain: bool = False) -> Probe:
    """``args -> (f(*args) as a float, control-flow path)``, with floating-point warnings rejected
    (but those :func:`run_quietly` lets pass with ``unused_domain``)."""
    tracer = PathTracer(filename)

    def probe(args: list[Any]) -> tuple[float, tuple]:
        value, path = run_quietly(tracer.run, [fn, _copies(args)], unused_domain)
        if tracer.huge is not None:  # (x + sin(x) at x = 1e19 is x in floating point, yet its
            # derivative 1 + cos(x) is not 1: fuzz seed 4808 program 368)
            raise Rejected("absorbed", f"{tracer.huge} is beyond 2**50: terms added to it are "
                           "rounded away, which finite differences cannot see")
        return scalar(value), path

    return probe


WIDE = np.longdouble  # (80-bit on x86-64 Linux; where it is float64 there is no wider reference)


class Widened:
    """``probe`` evaluated at the same (float64) points with its float64 arguments widened to
    ``np.longdouble`` after the stencil moves them; values come back rounded to float64, so the
    rounding bounds stay those of a float64 value: only the intermediates are wider.  ``Rejected``
    where the program takes another control-flow path than ``path`` (its float64 path at the
    point: a branch decided by rounding is another function).  A program that converts back
    (``float(x)``, ``math.sin``) is partly float64 here, which only brings this reference closer
    to the float64 one.

    Its differences skip the test at ``±h/1024`` (``close_up``): the fast oscillation that test
    catches is the function's, seen by the float64 reference at the same point and step, while
    here it would see the finer rounding staircase of the very term float64 rounds flat (the
    gradient of grammar 8851/2 in 80 bits: -0.2132114 at h/1024, -0.2131900 from the stencil,
    -0.2131900 exact)."""

    close_up = False

    def __init__(self, probe: Probe, path: tuple):
        self.probe, self.path = probe, path

    @property
    def scale(self) -> float:
        return getattr(self.probe, "scale", 0.0)

    def __call__(self, args: list[Any]) -> tuple[Any, tuple]:
        value, taken = self.probe([_widened(a) for a in args])
        if taken != self.path:
            raise Rejected("branch", "in extended precision the program takes another path")
        return value, taken


def widen(probe: Probe, path: tuple) -> Widened | None:
    """:class:`Widened`, or ``None`` where ``np.longdouble`` is no wider than float64."""
    return Widened(probe, path) if np.finfo(WIDE).eps < EPS else None


def _widened(value: Any) -> Any:
    if isinstance(value, np.ndarray) and value.dtype == np.float64:
        return value.astype(WIDE)
    return WIDE(value) if isinstance(value, float) else value


def derivative_probe(derivative: Callable[..., Any], primal: Probe,
                     unused_domain: bool = False) -> Probe:
    """``args -> (derivative(*args), path of the primal)``: finite differences of a derivative that
    was verified at the point, rejected where the primal changes its path."""

    def probe(args: list[Any]) -> tuple[np.ndarray, tuple]:
        value = run_quietly(derivative, _copies(args), unused_domain)
        out = np.asarray(value, dtype=np.float64)
        if not np.all(np.isfinite(out)):
            raise Rejected("domain", "non-finite derivative")
        primal_value, path = primal(args)
        probe.scale = max(probe.scale, abs(primal_value))
        return out, path

    probe.scale = 0.0  # the largest |f| seen: a derivative computed from f's parts, e.g.
    return probe       # 1 - tanh(z)**2, is rounded relative to them, not to its own size


def _copies(args: list[Any]) -> list[Any]:
    return [a.copy() if isinstance(a, np.ndarray) else a for a in args]


def _moved(value: Any, flat_index: int | None, t: float, direction: Any = None) -> Any:
    if direction is not None:
        return (value + t * direction) if isinstance(value, np.ndarray) else float(value + t * direction)
    if not isinstance(value, np.ndarray):
        return float(value) + t
    out = value.copy()
    out.reshape(-1)[flat_index] += t
    return out


def partials(probe: Probe, inputs: list[Any], position: int, finer: float = 1.0) -> Estimate:
    """The derivative of the probed scalar with respect to every element of ``inputs[position]``,
    shaped like that input (``finer`` divides the step)."""
    x = inputs[position]
    flat = np.asarray(x, dtype=np.float64).reshape(-1)
    values, errors = [], []
    for j in range(flat.size):
        def at(t: float, j: int = j) -> tuple[np.ndarray, tuple]:
            args = list(inputs)
            args[position] = _moved(x, j, t)
            value, path = probe(args)
            return np.asarray(value, dtype=np.float64), path

        value, error = central(at, STEP * max(1.0, abs(float(flat[j]))) / finer,
                               lambda: getattr(probe, "scale", 0.0), getattr(probe, "close_up", True))
        values.append(value)
        errors.append(error)
    shape = np.shape(x) + np.shape(values[0])
    return Estimate(np.reshape(values, shape), np.reshape(errors, shape))


def directional(probe: Probe, inputs: list[Any], position: int, direction: Any,
                finer: float = 1.0) -> Estimate:
    """The derivative of the probed value along ``direction`` in ``inputs[position]`` (``finer``
    divides the step)."""
    x = inputs[position]
    reach = float(np.max(np.abs(direction), initial=0.0)) or 1.0
    h = STEP * max(1.0, float(np.max(np.abs(x), initial=0.0))) / reach / finer

    def at(t: float) -> tuple[np.ndarray, tuple]:
        args = list(inputs)
        args[position] = _moved(x, None, t, direction)
        value, path = probe(args)
        return np.asarray(value, dtype=np.float64), path

    value, error = central(at, h, lambda: getattr(probe, "scale", 0.0), getattr(probe, "close_up", True))
    return Estimate(value, error)
