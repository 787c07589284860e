"""The checks, one per mode, and ``run_check`` which runs one and classifies the outcome.

Every check also requires results shaped like their parameter with dtype float64, and (in
``run_check``) that no input array was changed.  The API is passed in (``tangentish`` itself in every
real run), so the checker is tested against planted bugs without touching the implementation.
"""

from __future__ import annotations

import copy
import signal
import traceback
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from . import oracle
from .checks import (
    Case,
    Invalid,
    Outcome,
    Wrong,
    expect_close,
    expect_like,
    expect_value,
    in_output_dtype,
    pair,
    rounded_flat,
    scaled,
    wrong_kind,
)
from .features import LENIENT
from .modes_float32 import check_float32
from .modes_nested import check_nested
from .plan import Plan, render_item
from .program import copy_inputs, same_inputs
from .ties import order_tie
from .value_zero import explain

TIME_LIMIT = 20.0  # seconds per check: building the derivatives and running them
SLOWER = {"float32": 3.0}  # (it builds five transforms: under load 20 s was not enough, seed 5403)


def _parts(result: Any, plan: Plan, label: str) -> list[Any]:
    if not plan.many:
        return [result]
    if not isinstance(result, tuple) or len(result) != len(plan.wrt):
        raise Wrong(f"{label}: returned {type(result).__name__}, expected a tuple of {len(plan.wrt)}")
    return list(result)


def _first_order(case: Case, plan: Plan, result: Any, label: str, factor: float = 1.0) -> None:
    for (name, _), part in zip(plan.wrt, _parts(result, plan, label), strict=True):
        where = f"{label} for {name}"
        expect_like(part, case.inputs[case.program.position(name)], where)
        def better(measure, name=name):
            return lambda: _adjusted(measure(name), factor, case)

        expect_close(in_output_dtype(scaled(case.gradient[name], factor), case), part, where,
                     better(case.finer_gradient), better(case.wider_gradient))


def _adjusted(estimate: oracle.Estimate | None, factor: float, case: Case) -> oracle.Estimate | None:
    return None if estimate is None else in_output_dtype(scaled(estimate, factor), case)


def _direction(rng: np.random.Generator, like: Any) -> Any:
    if isinstance(like, np.ndarray):
        return rng.standard_normal(like.shape)
    return float(rng.standard_normal())


def _twice(case: Case, derivative: Any, args: list[Any], label: str) -> Iterator[tuple[str, Any]]:
    """The first call (it runs the generic derivative) and, the inputs being as they were, the
    second (it runs the derivative specialized to the arguments' shapes, built before it as a
    signature's ``HOT``-th call builds it: tangentish/specialize.py)."""
    yield label, derivative(*args)
    changed = same_inputs(case.inputs, args)
    if changed is not None:
        raise Wrong(changed)
    if getattr(derivative, "specializations", None) is not None:
        derivative.source_for(*args)
    yield f"{label} (second call: specialized to the arguments' shapes)", derivative(*args)


def check_grad(case: Case, plan: Plan, args: list[Any], api: Any) -> None:
    derivative = api.grad(case.fn, wrt=plan.render(case.program))
    for label, result in _twice(case, derivative, args, "grad"):
        _first_order(case, plan, result, label)


def check_value_and_grad(case: Case, plan: Plan, args: list[Any], api: Any) -> None:
    derivative = api.value_and_grad(case.fn, wrt=plan.render(case.program))
    for label, both in _twice(case, derivative, args, "value_and_grad"):
        value, result = pair(both, label)
        expect_value(value, case)
        _first_order(case, plan, result, label)


def check_jvp(case: Case, plan: Plan, args: list[Any], api: Any) -> None:
    rng = plan.rng()
    tangents = {name: _direction(rng, case.inputs[case.program.position(name)]) for name, _ in plan.wrt}
    value, dot = pair(api.jvp(case.fn, wrt=plan.render(case.program))(
        *args, **{f"{name}_dot": t for name, t in tangents.items()}), "jvp")
    expect_value(value, case)
    # the README: a jvp tangent has its output's floating dtype (float16 of np.sin of a uint8
    # whatever the inputs' dtype: found by seed 530, program 274)
    out = np.asarray(case.fn(*copy.deepcopy(case.inputs))).dtype
    expect_like(dot, case.value, "jvp tangent", out if np.issubdtype(out, np.inexact) else np.float64)
    def better(measure):
        def along():
            estimates = {n: measure(n) for n in tangents}
            return None if None in estimates.values() else _adjusted(_along(estimates, tangents), 1.0, case)
        return along

    expect_close(in_output_dtype(_along(case.gradient, tangents), case), dot, "jvp tangent",
                 better(case.finer_gradient), better(case.wider_gradient))


def _along(gradient: dict[str, oracle.Estimate], tangents: dict[str, Any]) -> oracle.Estimate:
    """The directional derivative the gradient estimates give along ``tangents``."""
    total = sum(float(np.sum(gradient[n].value * t)) for n, t in tangents.items())
    error = sum(float(np.sum(gradient[n].error * np.abs(t))) for n, t in tangents.items())
    return oracle.Estimate(np.asarray(total), np.asarray(error))


def check_vjp(case: Case, plan: Plan, args: list[Any], api: Any) -> None:
    """The pullback is called twice, with two cotangents: both results must be right."""
    rng = plan.rng()
    first, second = (float(rng.choice([-1.0, 1.0]) * rng.uniform(0.5, 2.0)) for _ in range(2))
    value, pullback = pair(api.vjp(case.fn, wrt=plan.render(case.program))(*args), "vjp")
    expect_value(value, case)
    results = [pullback(first), pullback(second)]
    _first_order(case, plan, results[0], f"pullback({first:.3g})", first)
    _first_order(case, plan, results[1], f"second pullback({second:.3g})", second)


def _verified_gradient(case: Case, name: str, wrt: Any, api: Any):
    """tangentish's gradient, checked at the point: second-order references differentiate it."""
    try:
        gradient = api.grad(case.fn, wrt=wrt)
        value = gradient(*copy_inputs(case.inputs))
        expect_like(value, case.inputs[case.program.position(name)], "gradient")
        expect_close(case.gradient[name], value, "gradient", None,
                     lambda: case.wider_gradient(name))
    except Exception as error:  # noqa: BLE001  (Wrong included: the reference is not there)
        raise Invalid(f"first-order gradient not verified ({type(error).__name__})") from None
    lenient = not LENIENT.isdisjoint(case.program.features)
    probe = oracle.derivative_probe(gradient, oracle.primal_probe(case.fn, case.filename, lenient),
                                    lenient)
    probe.wider = lambda: _wider_gradient(case, name, probe)
    return probe


def _wider_gradient(case: Case, name: str, probe: oracle.Probe) -> oracle.Probe | None:
    """The verified gradient's probe evaluated in extended precision (:class:`oracle.Widened`),
    itself verified at the point as the float64 one was (``Wrong`` if not: the same code, not
    another one chosen by dtype); ``None`` where there is no wider type."""
    wide = oracle.widen(probe, case.path)
    if wide is not None:
        expect_close(case.gradient[name], wide(case.inputs)[0], "gradient in extended precision",
                     None, lambda: case.wider_gradient(name))
    return wide


def _reference(measure, *args: Any, finer: float = 1.0) -> oracle.Estimate:
    try:
        return measure(*args, finer=finer)
    except oracle.Rejected as rejected:
        raise Invalid(f"second-order reference rejected the point ({rejected.reason})") from None


# A second-order reference differentiates tangentish's gradient, often a high-degree function
# (loops of products): at the default step its Richardson estimate can be outside the asymptotic
# range and its error estimate too small.  A mismatch is only "wrong" if the reference at a step
# this many times smaller disagrees too.
FINER = 16.0


def _expect_reference(measure, args: tuple, result: Any, label: str) -> None:
    """``result`` against differences of the verified gradient ``args[0]`` (at a finer step, and
    in extended precision, before a mismatch is wrong: :func:`checks.rounded_flat`)."""
    estimate = _reference(measure, *args)
    problem = estimate.compare(result, label)
    if problem is None:
        return
    try:
        refined = _reference(measure, *args, finer=FINER).compare(result, label)
    except Invalid:
        refined = problem
    if refined is not None and rounded_flat(estimate, lambda: _wider(measure, args), result, label):
        return
    if refined is not None and _holds_zero(args[1]):
        # np.abs(x * x) at x = 0: abs's kink convention (derivative 0 at 0) makes the gradient
        # 2x * sign(x * x), whose derivative at 0 is 0 where x * x is smooth: a point where an
        # intermediate sits on a kink, not a finding (a NaN or wrong first order is caught there)
        raise Invalid("second order at an exact zero, where an intermediate may sit on a kink")
    if refined is not None:
        raise Wrong(problem)


def _wider(measure, args: tuple) -> oracle.Estimate | None:
    wider = getattr(args[0], "wider", None)
    probe = None if wider is None else wider()
    return None if probe is None else measure(probe, *args[1:])


def _holds_zero(inputs: list[Any]) -> bool:
    return any(np.any(np.asarray(value) == 0.0) for value in inputs
               if isinstance(value, (float, np.ndarray)))


def check_hvp(case: Case, plan: Plan, args: list[Any], api: Any) -> None:
    name, wrt = plan.wrt[0][0], plan.render(case.program)
    position = case.program.position(name)
    vector = _direction(plan.rng(), case.inputs[position])
    product = api.hvp(case.fn, wrt=wrt)(*args, vector)
    expect_like(product, case.inputs[position], "hvp")
    probe = _verified_gradient(case, name, wrt, api)
    _expect_reference(oracle.directional, (probe, case.inputs, position, vector), product, "hvp")


def check_hessian(case: Case, plan: Plan, args: list[Any], api: Any) -> None:
    name, wrt = plan.wrt[0][0], plan.render(case.program)
    position = case.program.position(name)
    like = case.inputs[position]
    matrix = api.hessian(case.fn, wrt=wrt)(*args)
    expect_like(matrix, np.zeros(np.shape(like) * 2), "hessian")
    probe = _verified_gradient(case, name, wrt, api)
    size, shape = int(np.size(like)), np.shape(like) * 2
    flipped = np.reshape(np.swapaxes(np.reshape(matrix, (size, size)), 0, 1), shape)
    _expect_reference(oracle.partials, (probe, case.inputs, position), flipped, "hessian")


def check_gradgrad(case: Case, plan: Plan, args: list[Any], api: Any) -> None:
    inner, outer = plan.wrt[0], plan.second
    inner_wrt = render_item(case.program, *inner)
    outer_wrt = render_item(case.program, *outer)
    result = api.grad(api.grad(case.fn, wrt=inner_wrt), wrt=outer_wrt)(*args)
    position = case.program.position(outer[0])
    expect_like(result, case.inputs[position], f"grad of grad for {inner[0]}, {outer[0]}")
    probe = _verified_gradient(case, inner[0], inner_wrt, api)
    _expect_reference(oracle.partials, (probe, case.inputs, position), result,
                      f"grad of grad for {inner[0]}, {outer[0]}")


def _check_nested(case: Case, plan: Plan, args: list[Any], api: Any) -> None:
    check_nested(case, plan, args, api, _verified_gradient, _expect_reference)


MODE_CHECKS = {
    "grad": check_grad,
    "value_and_grad": check_value_and_grad,
    "jvp": check_jvp,
    "vjp": check_vjp,
    "hvp": check_hvp,
    "hessian": check_hessian,
    "gradgrad": check_gradgrad,
    "float32": check_float32,
    "nested": _check_nested,
}


class Hang(BaseException):
    """Raised by the alarm; a BaseException so that ``except Exception`` in the code under test
    cannot swallow it."""


@contextmanager
def time_limit(seconds: float):
    """``Hang`` after ``seconds`` of the process's CPU time (``ITIMER_PROF``), not of the clock: a
    check that hangs spins, and one that waits for a core on a loaded machine does not (with the
    clock, at load 20 on 2 cores, 8 of 8 fuzz "crashes" of seeds 5872-5873 and two saved
    regressions timed out; each took under 3 CPU seconds)."""
    def alarm(signum, frame):
        raise Hang(f"no result after {seconds:.0f} s of CPU time")

    previous = signal.signal(signal.SIGPROF, alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def run_check(case: Case, plan: Plan, api: Any, limit: float = TIME_LIMIT,
              classify: bool = True) -> Outcome:
    """The check's outcome; a NaN that only value zeros explain (:mod:`.value_zero`, unless not
    ``classify``) is ``nan-value-zero``, not ``wrong`` (``invalid`` where the check without the
    NaN cannot judge the rest)."""
    args = copy_inputs(case.inputs)
    try:
        with time_limit(limit * SLOWER.get(plan.mode, 1.0)), warnings.catch_warnings(), \
                np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            MODE_CHECKS[plan.mode](case, plan, args, api)
    except Wrong as problem:
        if _cast_at_zero(case, str(problem)):
            return Outcome(plan.mode, "invalid", "a derivative at an exact zero of a program that "
                           "casts values to integers or bools")
        if wrong_kind(str(problem)) == "derivative" and "finite differences" in str(problem) \
                and order_tie(case.program.text, case.inputs):
            return Outcome(plan.mode, "invalid", "an order statistic (np.median, np.max, sorted...) "
                           "ties at the point, where it has no derivative (fuzz/ties.py)")
        found = explain(case, plan, api, lambda again, p, a: run_check(
            again, p, a, limit, classify=False)) if classify and wrong_kind(str(problem)) == "nan" else None
        if found is not None:
            return Outcome(plan.mode, found[0], found[1] or str(problem))
        return Outcome(plan.mode, "wrong", str(problem))
    except Invalid as reason:
        return Outcome(plan.mode, "invalid", str(reason))
    except api.TangentishError as error:  # (an InternalError is a bug caught, not a refusal)
        internal = getattr(api, "InternalError", None)  # (a stand-in API may have none)
        if isinstance(internal, type) and isinstance(error, internal):
            return Outcome(plan.mode, "crash", f"InternalError: {_first_line(error)}", _where(error))
        return Outcome(plan.mode, "refused", _first_line(error))
    except Hang as error:
        return Outcome(plan.mode, "crash", f"timeout: {error}", _where(error))
    except Exception as error:  # noqa: BLE001  (every other exception is the finding)
        return Outcome(plan.mode, "crash", f"{type(error).__name__}: {_first_line(error)}", _where(error))
    changed = same_inputs(case.inputs, args)
    if changed is not None:
        return Outcome(plan.mode, "wrong", changed)
    return Outcome(plan.mode, "ok")


def _cast_at_zero(case: Case, problem: str) -> bool:
    """A derivative off its finite differences at an input holding an exact 0.0, in a program that
    writes values into integer or bool arrays ('integral'): such a cast is a branch the path tracer
    cannot see.  ``m[0] = x * x`` into a bool array ``m``, then ``m * x``: the function is ``x``
    everywhere (at 0 both are 0) but at 0 the cast is False, so every AD tool differentiates the
    constant branch (found by seed 800, program 137).  Values and shapes are still checked."""
    return "finite differences" in problem and "integral" in case.program.features and \
        _holds_zero(case.inputs)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _where(error: BaseException) -> str:
    """The innermost frame in tangentish or in generated code (a crash's location)."""
    frames = traceback.extract_tb(error.__traceback__)
    inside = [f for f in frames if "tangentish" in f.filename and "/tests/" not in f.filename]
    frame = (inside or frames or [None])[-1]
    if frame is None:
        return ""
    name = frame.filename
    cut = name.rfind("tangentish/")
    return f"{name[cut:] if cut >= 0 else name}:{frame.lineno} in {frame.name}"
