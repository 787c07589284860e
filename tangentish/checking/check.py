"""``check_grads``: test derivatives against finite differences, cheaply and reliably."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable

import numpy as np

from ..arguments import caller_location, check_seed
from ..errors import ArgumentValueError, TangentishError
from .finite_diff import Line, argument_line, output_functional
from .localise import locate, scan_kinks
from .problem import F64, Problem, eps_of
from .report import (
    CheckRecord,
    CheckReport,
    Failure,
    GradientCheckError,
    Kink,
    NonDifferentiablePoint,
    kink_warning,
)
from .sources import DerivativeError, Forward, Reverse, check_modes, resolve
from .verdict import ADValue, Tolerance, Verdict, dot_verdict, judge

DEFAULT_MODES = ("rev", "fwd")


def _dot(values: np.ndarray, direction: np.ndarray, eps: float, reference=None) -> ADValue:
    """``<values, direction>`` as an ADValue; ``reference`` is the float64 re-evaluation."""
    if reference is None:
        terms = values * direction
        return ADValue(float(np.sum(terms)), float(np.sum(np.abs(terms))), eps,
                       float(np.linalg.norm(terms)))
    wide, wide_eps = reference
    terms = wide * direction
    return ADValue(float(np.sum(terms)), float(np.sum(np.abs(terms))), wide_eps,
                   float(np.linalg.norm(terms)), float(np.sum(values * direction)), eps)


def _fixed_fn(values: np.ndarray, eps: float, reference=None) -> Callable[[np.ndarray], ADValue]:
    """Directional derivatives from an already computed gradient-like array."""
    return lambda direction: _dot(values, direction, eps, reference)


class Checker:
    """State of one ``check_grads`` run: random draws, records, failures and kinks."""

    def __init__(self, problem: Problem, rev: Reverse | None, fwd: Forward | None,
                 tol: Tolerance, seed: int):
        self.problem, self.rev, self.fwd, self.tol = problem, rev, fwd, tol
        self.rng = np.random.default_rng(seed)
        self.records: list[CheckRecord] = []
        self.failures: list[Failure] = []
        self.kinks: list[Kink] = []
        self._localised: set = set()
        self._kink_indices: dict = {}

    # -- random draws -------------------------------------------------------------------
    def unit(self, w: int) -> np.ndarray:
        """A random unit vector shaped like argument ``w``, representable in its dtype."""
        spec = self.problem.specs[w]
        u = self.rng.standard_normal(spec.shape)
        return spec.representable(u / (np.linalg.norm(u) or 1.0))

    def direction(self, w: int) -> np.ndarray:
        """A random direction with relative scaling: unit vector times max(|x|, 1)."""
        spec = self.problem.specs[w]
        u = self.rng.standard_normal(spec.shape)
        return spec.representable(u / (np.linalg.norm(u) or 1.0) * spec.scale)

    def cotangent(self):
        """1 for scalar outputs, else a random unit cotangent in the output dtype."""
        if self.problem.out_shape == ():
            return 1.0
        v = self.rng.standard_normal(self.problem.out_shape)
        v /= np.linalg.norm(v) or 1.0
        dtype = self.rev.out_dtype if self.rev is not None else self.problem.out_dtype
        if not np.issubdtype(dtype, np.floating):
            dtype = F64
        return np.asarray(v, dtype=dtype).astype(F64)

    # -- the two sides ------------------------------------------------------------------
    def line_fn(self, w: int, cotangent) -> Callable[[np.ndarray], Line]:
        value = self.problem.value.astype(F64)
        centre = (float(np.sum(cotangent * value)), float(np.sum(np.abs(cotangent * value))))
        functional = output_functional(self.problem, cotangent)
        eps_out = eps_of(self.problem.out_dtype)
        return lambda d: argument_line(self.problem, w, d, functional, centre, eps_out)

    @property
    def low_precision(self) -> bool:
        return any(d != F64 for d in self.problem.orig_dtypes)

    def wide(self, call):
        """``call(float64 dtypes)``: the derivative re-evaluated in float64, or None."""
        if not self.low_precision:
            return None
        try:
            return call([F64] * len(self.problem.specs))
        except Exception:  # the derivative may legitimately insist on its own dtype
            return None

    def forward_fn(self, w: int, cotangent) -> Callable[[np.ndarray], ADValue]:
        def ad(direction: np.ndarray) -> ADValue:
            jd, eps = self.fwd(w, direction)
            wide = self.wide(lambda dtypes: self.fwd(w, direction, dtypes))
            if wide is None:
                return _dot(jd, cotangent, eps)
            return _dot(jd, cotangent, eps, wide)

        return ad

    # -- bookkeeping --------------------------------------------------------------------
    def record(self, kind: str, source: str, w: int, p: int, verdict: Verdict,
               ad_fn=None, line_fn=None, direction=None, order: str = "first") -> None:
        spec = self.problem.specs[w]
        rec = CheckRecord.from_verdict(kind, source, spec, p, verdict)
        self.records.append(rec)
        if verdict.status == "inconclusive":
            self._inconclusive(rec)
        if verdict.noisy:
            self._note(f"[{kind}] {rec.where}: f is noisier than its output dtype suggests "
                       "(hidden low precision or an inexact inner solver?); finite differences "
                       "used a measured noise level and larger steps")
        if verdict.slopes is not None and ad_fn is not None:
            self._kink(rec, order, w, verdict, (direction, ad_fn, line_fn))
        elif verdict.passed:
            return
        elif ad_fn is None or (kind, w) in self._localised:
            self.failures.append(Failure(rec, brief=(kind, w) in self._localised))
        else:
            self._localised.add((kind, w))
            element, note = locate(spec, direction, ad_fn, line_fn, self.tol)
            self.failures.append(Failure(rec, element, note))

    def structural_failure(self, kind: str, source: str, w: int, p: int, detail: str) -> None:
        spec = self.problem.specs[w]
        rec = CheckRecord("shape", source, spec.position, spec.name, p, "fail",
                          0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, None, f"{kind}: {detail}")
        self.records.append(rec)
        self.failures.append(Failure(rec))

    def _note(self, note: str) -> None:
        if note not in self.problem.notes:
            self.problem.notes.append(note)

    def _precision_note(self, mode: str, w: int, ad: ADValue) -> None:
        spec = self.problem.specs[w]
        if not ad.imprecise:
            return
        note = (f"[{mode}] argument {spec.position} ({spec.name!r}): the derivative in the "
                f"arguments' own dtypes differs from the same derivative evaluated in float64 "
                f"well beyond rounding (precision loss); checked against the float64 one")
        if note not in self.problem.notes:
            self.problem.notes.append(note)

    def _inconclusive(self, rec: CheckRecord) -> None:
        note = (f"[{rec.kind}] {rec.where}: finite differences could not resolve the derivative "
                "well (error estimate above 1% of its value); the check passed but is weak")
        if math.isinf(rec.fd_error):
            note = (f"[{rec.kind}] {rec.where}: f is not finite near the point along a random "
                    "direction; that check was skipped")
        if note not in self.problem.notes:
            self.problem.notes.append(note)

    def _kink(self, rec: CheckRecord, order: str, w: int, verdict: Verdict, probe) -> None:
        """A kink on this line: split it once per mode and argument, record what is found."""
        spec, key = self.problem.specs[w], (rec.kind, w)
        found = []
        if key not in self._localised:
            self._localised.add(key)
            scan = scan_kinks(spec, *probe, self.tol)
            self._kink_indices.setdefault((order, w), tuple(scan.kinks))
            if not scan.complete:
                self._note(f"[{rec.kind}] {rec.where}: too many kinks to check every element "
                           "separately; the check along directions crossing them is weaker")
            for sub, element, note in scan.failures:
                sub_rec = CheckRecord.from_verdict(rec.kind, rec.source, spec, rec.projection, sub)
                self.records.append(sub_rec)
                how = "found by splitting a direction that crosses kinks into kink-free parts"
                found.append(Failure(sub_rec, element, f"{how}; {note}" if note else how))
        self.failures.extend(found)
        if not verdict.passed and not found:
            self.failures.append(Failure(rec, brief=True))
        duplicate = any(k.kind == order and k.argnum == spec.position
                        and k.projection == rec.projection for k in self.kinks)
        if verdict.status == "kink" and not duplicate:
            backward, forward = verdict.slopes
            self.kinks.append(Kink(order, spec.position, spec.name, rec.projection, backward,
                                   forward, verdict.ad, self._kink_indices.get((order, w), ())))

    # -- first order --------------------------------------------------------------------
    def reverse_products(self, cotangent, p: int):
        """Per argument: (J^T v, eps, float64 re-evaluation or None); None if unavailable."""
        if self.rev is None:
            return None
        try:
            grads = self.rev(cotangent)
        except DerivativeError as exc:
            self.structural_failure("rev", self.rev.label, exc.w, p, str(exc))
            self.rev = None
            return None
        wide = self.wide(lambda dtypes: self.rev(cotangent, dtypes=dtypes))
        refs = [None] * len(grads) if wide is None else wide
        return [(g, eps, ref) for (g, eps), ref in zip(grads, refs, strict=True)]

    def projection(self, p: int) -> None:
        """One random cotangent, one random direction per argument, every mode."""
        cotangent = self.cotangent()
        directions = [self.direction(w) for w in range(len(self.problem.specs))]
        grads = self.reverse_products(cotangent, p)
        for w, d in enumerate(directions):
            if grads is None and self.fwd is None:
                return
            self.argument(p, w, d, cotangent, grads)

    def argument(self, p: int, w: int, d: np.ndarray, cotangent, grads) -> None:
        line_fn = self.line_fn(w, cotangent)
        line = line_fn(d)
        values = {}
        if grads is not None:
            rev_fn = _fixed_fn(*grads[w])
            values["rev"] = rev_fn(d)
            self.record("rev", self.rev.label, w, p, judge(line, values["rev"], self.tol),
                        rev_fn, line_fn, d)
        if self.fwd is not None:
            fwd_fn = self.forward_fn(w, cotangent)
            try:
                values["fwd"] = fwd_fn(d)
            except DerivativeError as exc:
                self.structural_failure("fwd", self.fwd.label, w, p, str(exc))
                self.fwd = None
                return
            self.record("fwd", self.fwd.label, w, p, judge(line, values["fwd"], self.tol),
                        fwd_fn, line_fn, d)
        for mode, ad in values.items():
            self._precision_note(mode, w, ad)
        if len(values) == 2:
            size = self.problem.specs[w].size + int(np.prod(self.problem.out_shape))
            verdict = dot_verdict(values["fwd"], values["rev"], size, self.tol)
            self.record("dot", f"{self.fwd.label} vs {self.rev.label}", w, p, verdict)

    # -- result -------------------------------------------------------------------------
    def report(self, seed: int, reproduce: str) -> CheckReport:
        return CheckReport(
            ok=not self.failures,
            failures=list(self.failures),
            kinks=list(self.kinks),
            evaluations=self.problem.f_calls,
            derivative_calls=self.problem.derivative_calls,
            records=list(self.records),
            seed=seed,
            notes=list(self.problem.notes),
            reproduce=reproduce,
            function=getattr(self.problem.f, "__name__", type(self.problem.f).__name__),
        )


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
        problem = Problem(f, args, wrt)
        rev, fwd = resolve(problem, grad, vjp, jvp, modes)
        tol = Tolerance(rtol=float(rtol or 0.0), atol=float(atol or 0.0))
        checker = Checker(problem, rev, fwd, tol, seed)
        for p in range(int(projections)):
            checker.projection(p)
        if order == 2:
            from .second_order import check_second_order

            check_second_order(checker, projections, hessian=hessian, hvp=hvp)
    except TangentishError as exc:  # its message points at the user's code: no inner frames
        raise exc.with_traceback(None) from None
    repro = reproduction(
        f, wrt, seed, grad=grad, vjp=vjp, jvp=jvp, hessian=hessian, hvp=hvp,
        modes=None if modes == DEFAULT_MODES else modes, order=None if order == 1 else order,
        projections=None if projections == 2 else projections, rtol=rtol, atol=atol,
    )
    report = checker.report(seed, repro)
    if not report.ok and grad is None and vjp is None and jvp is None:
        report.notes.append(_locate_statement(problem, seed))
    return _conclude(report, warn, raise_on_failure)


def _locate_statement(problem: Problem, seed: int) -> str:
    """For a failing tangentish derivative: the first generated statement that goes wrong."""
    from .statements import first_wrong_statement

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
