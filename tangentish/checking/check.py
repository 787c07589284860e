"""``check_grads``: test derivatives against finite differences, cheaply and reliably."""

from __future__ import annotations

import warnings

import numpy as np

from ..arguments import caller_location, check_seed
from ..errors import ArgumentValueError, TangentishError
from .checker import Checker
from .containers import flattened, unbound_method
from .outputs import refuse_container_output
from .problem import Problem
from .report import CheckReport, GradientCheckError, NonDifferentiablePoint, kink_warning
from .second_order import check_second_order
from .sources import check_modes, resolve
from .statements import first_wrong_statement
from .verdict import Tolerance

DEFAULT_MODES = ("rev", "fwd")


def _name(obj) -> str:
    return getattr(obj, "__name__", type(obj).__name__)


def reproduction(f, wrt, seed: int, **options) -> str:
    """A one-line call reproducing the check (non-default options only)."""
    parts = [_name(f), "args", f"wrt={wrt!r}"]
    for key, value in options.items():
        if value is None:
            continue
        parts.append(f"{key}={_name(value) if callable(value) else repr(value)}")
    parts.append(f"seed={seed}")
    return f"tangentish.check_grads({', '.join(parts)})"


def _validate(order: int, projections: int, seed) -> int:
    if isinstance(order, bool) or order not in (1, 2):
        raise ArgumentValueError(f"order must be 1 or 2, got {order!r}", caller_location(),
                                 hint="order=2 also checks the gradient itself")
    if (isinstance(projections, bool) or not isinstance(projections, (int, np.integer))
            or projections < 1):
        raise ArgumentValueError(f"projections must be a positive int, got {projections!r}",
                                 caller_location(), hint="the default is 2")
    return check_seed(seed)


def check_grads(f, args, *, wrt=0, grad=None, vjp=None, jvp=None, modes=DEFAULT_MODES,
                order=1, seed=0, rtol=None, atol=None, projections=2,
                raise_on_failure=True, hessian=None, hvp=None,
                warn=True) -> CheckReport:
    """Check derivatives of ``f`` at ``args`` against finite differences.

    The derivative under test is ``grad=`` (``grad(*args)``, scalar ``f`` only),
    ``vjp=`` (``vjp(*args, out_bar)``) and/or ``jvp=`` (``jvp(*args, tangents)``, one
    tangent per wrt argument); when none is given, ``tangentish.grad`` (called as
    ``tangentish.grad(f, wrt=...)(*args, out_bar=v)``) and ``tangentish.jvp`` are used
    for the requested ``modes``, skipping (with a note) whichever does not exist.

    Each check compares ``<v, J u>`` for a random cotangent ``v`` and a random direction
    ``u`` (``projections`` per wrt argument, steps relative to ``max(|x|, 1)``) with
    central differences of ``f`` evaluated in float64.  The allowed discrepancy is an
    estimate of the finite-difference error (two step sizes, Richardson, rounding and
    measured noise), plus the rounding of the derivative itself, plus the optional
    ``atol + rtol * |reference|``.  When both modes are available, forward and reverse
    are also compared exactly (``<v, J u> == <J^T v, u>``).  Failures are localised to
    the argument and its worst element.  At kinks, where the one-sided slopes differ,
    any AD value between them is accepted; kinks are reported in ``CheckReport.kinks``
    and by a :class:`NonDifferentiablePoint` warning (unless ``warn=False``).

    ``order=2`` also checks the gradient, against ``hessian=`` (``hessian(*args)``, a
    nested tuple of blocks for several wrt), ``hvp=`` (``hvp(*args, vectors)``) or
    ``tangentish.grad`` of the gradient.

    Raises :class:`GradientCheckError` (an ``AssertionError``) on failure unless
    ``raise_on_failure`` is False; returns the :class:`CheckReport`.  All randomness
    comes from ``numpy.random.default_rng(seed)``; ``args`` are never modified.
    """
    try:
        seed = _validate(order, projections, seed)
        modes = check_modes(modes)
        supplied = any(d is not None for d in (grad, vjp, jvp, hessian, hvp))
        plain, args, checked = unbound_method(f, args, wrt)  # wrt="self" of a dataclass method
        flat = flattened(plain, args, checked, supplied)  # containers under wrt: over leaves
        problem = Problem(plain, args, checked) if flat is None else \
            Problem(flat, flat.args, flat.wrt)
        refuse_container_output(problem.f, order, supplied)
        rev, fwd = resolve(problem, grad, vjp, jvp, modes)
        tol = Tolerance(rtol=float(rtol or 0.0), atol=float(atol or 0.0))
        checker = Checker(problem, rev, fwd, tol, seed)
        for p in range(int(projections)):
            checker.projection(p)
        if order == 2:
            check_second_order(checker, projections, hessian=hessian, hvp=hvp)
    except TangentishError as exc:  # its message points at the user's code: no inner frames
        raise exc.with_traceback(None) from None
    repro = reproduction(
        f, wrt, seed, grad=grad, vjp=vjp, jvp=jvp, hessian=hessian, hvp=hvp,
        modes=None if modes == DEFAULT_MODES else modes, order=None if order == 1 else order,
        projections=None if projections == 2 else projections, rtol=rtol, atol=atol,
    )
    report = checker.report(seed, repro)
    if not report.ok and grad is None and vjp is None and jvp is None and any(
            f.record.source.startswith("tangentish") for f in report.failures):  # not hvp=...
        report.notes.append(_locate_statement(problem, seed))
    return _conclude(report, warn, raise_on_failure)


def _locate_statement(problem: Problem, seed: int) -> str:
    """For a failing tangentish derivative: the first generated statement that goes wrong."""
    try:
        found = first_wrong_statement(problem, seed)
    except Exception as exc:  # localisation is a diagnosis on top of the verdict, never a crash
        return f"could not localise the failure to a statement ({type(exc).__name__}: {exc})"
    if found is None:
        return ("forward mode agrees with finite differences at every generated statement; the "
                "error is in the reverse sweep (an adjoint rule): compare the adjoint blocks of "
                "tangentish.source(f)")
    return found.describe()


def _conclude(report: CheckReport, warn: bool, raise_on_failure: bool) -> CheckReport:
    if report.kinks and warn:
        text = kink_warning(report.kinks, report.seed)
        warnings.warn(NonDifferentiablePoint(text), stacklevel=3)
    if not report.ok and raise_on_failure:
        raise GradientCheckError(report.summary(), report)
    return report
