"""What a check works on, what it concludes, and the comparisons every mode shares.

Verdicts: ``ok``; ``wrong`` (a silently wrong value, shape or dtype, or an input changed);
``crash`` (any exception that is not a ``TangentishError``, including ``SyntaxError`` from generated
code, and a hang past the time limit; and an ``InternalError``, a wrong shape or dtype the call
check caught); ``refused`` (any other ``TangentishError``: a clear refusal is allowed);
``invalid`` (the reference cannot judge: the point was rejected, or a second-order check could
not verify the first-order gradient it differentiates); ``nan-value-zero`` (a NaN that only
value zeros meeting a singular partial explain, by design: :mod:`.value_zero`).

``prepare`` evaluates the program and its finite-difference gradient once per point; every mode
compares against that (second-order modes also differentiate the verified first-order gradient).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np

from . import oracle
from .features import LENIENT
from .program import Program, copy_inputs, same_inputs


@dataclass
class Case:
    """A valid program at an accepted point, with its value and finite-difference gradient."""

    program: Program
    fn: Callable[..., Any]
    filename: str
    inputs: list[Any]
    value: float
    gradient: dict[str, oracle.Estimate]  # per float parameter
    probe: oracle.Probe | None = None  # f at given inputs: finer references are made from it
    kind: tuple[type, Any] | None = None  # the type and dtype of what f returns at the point
    path: tuple = ()  # f's control-flow path at the point

    def finer_gradient(self, name: str) -> oracle.Estimate:
        """``gradient[name]`` again at a :data:`FINER` times smaller step (``Rejected`` where the
        finite differences do not converge there)."""
        return oracle.partials(self.probe, self.inputs, self.program.position(name), finer=FINER)

    def wider_gradient(self, name: str) -> oracle.Estimate | None:
        """``gradient[name]`` again at the same step, f evaluated in extended precision (``None``
        where there is none; ``Rejected``, or whatever f raises on ``np.longdouble``, where it
        cannot be had)."""
        probe = oracle.widen(self.probe, self.path)
        return None if probe is None else oracle.partials(probe, self.inputs,
                                                          self.program.position(name))


@dataclass(frozen=True)
class Outcome:
    mode: str
    verdict: str
    detail: str = ""
    where: str = ""  # innermost frame of a crash in tangentish or generated code


class Wrong(Exception):
    pass


class Invalid(Exception):
    pass


def prepare(program: Program, module: ModuleType, inputs: list[Any]) -> Case:
    """Evaluate the program and its finite-difference gradient at ``inputs`` (``Rejected`` when the
    point is unusable)."""
    unused_domain = not LENIENT.isdisjoint(program.features)
    probe = oracle.primal_probe(module.f, module.__file__, unused_domain)
    args = copy_inputs(inputs)
    returned = oracle.run_quietly(module.f, args, unused_domain)
    if same_inputs(inputs, args) is not None:  # the probe passes copies: look once without
        raise oracle.Rejected("mutates", "the program changes its inputs")
    value, path = probe(inputs)
    gradient = {p.name: oracle.partials(probe, inputs, program.position(p.name))
                for p in program.float_params}
    return Case(program, module.f, module.__file__, inputs, value, gradient, probe,
                kind_of(returned), path)


def kind_of(value: Any) -> tuple[type, Any]:
    """A value's type and dtype (a Python float has none): a transform's value has f's."""
    return type(value), getattr(value, "dtype", None)




def normalise(message: str) -> str:
    text = re.sub(r"<tangentish (value_and_grad|jvp_grad|grad_grad|grad|jvp|vjp)_(\w+?)_wrt_\w+?"
                  r"(_forward|_backward)? [0-9a-f]+>", r"<generated \1\3 of \2>", message)
    text = re.sub(r"(<generated [^>]+>):\d+ in \w+", r"\1", text)
    text = re.sub(r"\b(\w+?)_f_wrt_\w+\(\)", r"\1()", text)
    text = re.sub(r"'[A-Za-z_]\w*'", "'<name>'", text)
    return re.sub(r"\d+(\.\d+)?(e[-+]?\d+)?", "#", text)


def wrong_kind(detail: str) -> str:
    """What a wrong result got wrong: ``nan``, ``shape``, ``dtype``, ``changed`` (an input),
    ``value`` (the primal value), ``kind`` (a tuple where an array is due...) or ``derivative``."""
    for marker, kind in (("nan", "nan"), ("shape", "shape"), ("dtype", "dtype"), ("changed", "changed"),
                         ("replaced", "changed"), ("f returns", "value"), ("expected a", "kind")):
        if marker in detail:
            return kind
    return "derivative"


def expect_like(result: Any, like: Any, label: str, dtype: Any = np.float64) -> None:
    """``result`` has the shape of ``like`` and ``dtype`` (an array when ``like`` is one)."""
    if isinstance(like, np.ndarray) and not isinstance(result, np.ndarray):
        raise Wrong(f"{label}: a {type(result).__name__}, expected an array of shape {like.shape}")
    if isinstance(result, (tuple, list, dict)) or result is None:
        raise Wrong(f"{label}: a {type(result).__name__}, expected shape {np.shape(like)}")
    if np.shape(result) != np.shape(like):
        raise Wrong(f"{label}: shape {np.shape(result)}, expected {np.shape(like)}")
    got = np.asarray(result).dtype
    if got != dtype:
        raise Wrong(f"{label}: dtype {got}, expected {np.dtype(dtype)}")


# A first-order mismatch is confirmed at a step this many times smaller: where the function
# oscillates faster than the default step (np.sinc of huge arguments), its finite differences
# average over periods and agree with each other, not with the derivative.
FINER = 16.0


def expect_close(estimate: oracle.Estimate, result: Any, label: str,
                 finer: Callable[[], oracle.Estimate] | None = None,
                 wider: Callable[[], oracle.Estimate | None] | None = None) -> None:
    """``result`` matches ``estimate``; on a mismatch, ``finer()`` (the estimate at a smaller
    step) decides: it agrees (right), it disagrees (wrong, unless ``wider`` shows the float64
    reference rounding-limited: :func:`rounded_flat`), or it does not converge (the point cannot
    be judged: :class:`Invalid`)."""
    problem = estimate.compare(result, label)
    if problem is None:
        return
    if finer is not None:
        try:
            refined = finer()
        except oracle.Rejected as rejected:
            raise Invalid(f"finite differences disagree and do not converge at a {FINER:g} times "
                          f"smaller step ({rejected.reason})") from None
        if refined.compare(result, label) is None:
            return
    if wider is not None and rounded_flat(estimate, wider, result, label):
        return
    raise Wrong(problem)


def rounded_flat(estimate: oracle.Estimate, wider: Callable[[], oracle.Estimate | None],
                 result: Any, label: str) -> bool:
    """Whether the float64 reference ``estimate`` is off from the same differences taken with f
    evaluated in extended precision (``wider()``) by more than both their error estimates, and
    ``result`` agrees with the extended ones.  A term whose float64 value is rounded flat over
    the whole stencil is missed by float64 differences, which agree with each other at every
    step: ``np.arcsin(np.tanh(z))`` at ``z = 18.4`` (fuzz seed 8851 program 2) is within an ulp
    of pi/2 wherever the stencil goes, its derivative ``1/cosh(z)`` lost from the reference.
    The reference is then ill-conditioned and the extended one judges: a wrong derivative
    disagrees with it too, and where float64 suffices the two agree and the mismatch stands."""
    try:
        extended = wider()
    except Exception:  # noqa: BLE001  (f refuses np.longdouble, e.g. np.linalg: the reference stands)
        return False
    if extended is None:
        return False
    both = oracle.Estimate(estimate.value, estimate.error + extended.error)
    return both.compare(extended.value, label) is not None and extended.compare(result, label) is None


def expect_value(value: Any, case: Case, label: str = "value") -> None:
    """The primal value a transform returns equals ``f(*inputs)`` (to 1e-10 relative), and is of
    the type and dtype ``f`` returns (a Python float, a NumPy scalar, a 0-d array)."""
    if isinstance(value, (tuple, list)) or np.ndim(value) != 0:
        raise Wrong(f"{label}: a {type(value).__name__} of shape {np.shape(value)}, expected a scalar")
    if case.kind is not None and kind_of(value) != case.kind:
        (kind, dtype), (want, wanted) = kind_of(value), case.kind
        raise Wrong(f"{label}: a {kind.__name__}{f' of dtype {dtype}' if dtype else ''} where f "
                    f"returns a {want.__name__}{f' of dtype {wanted}' if wanted else ''}")
    got = float(value)
    if not abs(got - case.value) <= 1e-10 * max(1.0, abs(case.value)):
        raise Wrong(f"{label}: got {got!r}, f returns {case.value!r}")


def scaled(estimate: oracle.Estimate, factor: float) -> oracle.Estimate:
    return oracle.Estimate(estimate.value * factor, estimate.error * abs(factor))


def in_output_dtype(estimate: oracle.Estimate, case: Case) -> oracle.Estimate:
    """``estimate``, its error widened by the rounding of a derivative taken in f's output dtype
    where that is float32 or float16 (README: such a function is differentiated in it throughout,
    its seed, tangent and cotangent rounded to it): a few units in its last place, relative
    (fuzz seed 5590 program 56: pullback(-1.48) of a float32 np.sum off by 5.5e-8)."""
    dtype = np.dtype(case.kind[1]) if case.kind is not None and case.kind[1] is not None else None
    if dtype is None or dtype.kind != "f" or dtype.itemsize >= 8:
        return estimate
    scale = np.abs(estimate.value) + float(np.max(np.abs(estimate.value), initial=0.0))
    return oracle.Estimate(estimate.value, estimate.error + 4.0 * float(np.finfo(dtype).eps) * scale)


def pair(result: Any, label: str) -> tuple[Any, Any]:
    if not isinstance(result, tuple) or len(result) != 2:
        raise Wrong(f"{label}: returned {type(result).__name__}, expected a pair")
    return result
