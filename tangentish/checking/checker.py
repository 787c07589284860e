"""One ``check_grads`` run's state (:class:`Checker`): random draws, the two sides of each
comparison (finite differences along a line, the derivative's directional value), the records,
failures and kinks they produce."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from .finite_diff import Line, argument_line, on_grid, output_functional
from .localise import locate, scan_kinks
from .problem import F64, Problem, eps_of
from .report import CheckRecord, CheckReport, Failure, Kink
from .sources import DerivativeError, Forward, Reverse
from .verdict import (
    DOT_NOISE,
    DOT_NOISE_CAP,
    ADValue,
    Tolerance,
    Verdict,
    as_rounding,
    dot_verdict,
    judge,
    zero_bound,
)


def dot(values: np.ndarray, direction: np.ndarray, eps: float, reference=None) -> ADValue:
    """``<values, direction>`` as an ADValue; ``reference`` is the float64 re-evaluation."""
    if reference is None:
        terms = values * direction
        return ADValue(float(np.sum(terms)), float(np.sum(np.abs(terms))), eps,
                       float(np.linalg.norm(terms)))
    wide, wide_eps = reference
    terms = wide * direction
    return ADValue(float(np.sum(terms)), float(np.sum(np.abs(terms))), wide_eps,
                   float(np.linalg.norm(terms)), float(np.sum(values * direction)), eps)


def fixed_fn(values: np.ndarray, eps: float, reference=None) -> Callable[[np.ndarray], ADValue]:
    """Directional derivatives from an already computed gradient-like array."""
    return lambda direction: dot(values, direction, eps, reference)


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
        d = spec.representable(u / (np.linalg.norm(u) or 1.0) * spec.scale)
        if spec.dtype == F64 and self.problem.eval_dtypes[w] == F64:
            return on_grid(spec.base, d)  # every point of the line exact (finite_diff)
        return d

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
                return dot(jd, cotangent, eps)
            return dot(jd, cotangent, eps, wide)

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
            rev_fn = fixed_fn(*grads[w])
            values["rev"] = rev_fn(d)
            verdict = judge(line, values["rev"], self.tol)
            verdict = self._at_zero(verdict, ("rev",), w, d, cotangent, values, None)
            self.record("rev", self.rev.label, w, p, verdict, rev_fn, line_fn, d)
        if self.fwd is not None:
            fwd_fn = self.forward_fn(w, cotangent)
            try:
                values["fwd"] = fwd_fn(d)
            except DerivativeError as exc:
                self.structural_failure("fwd", self.fwd.label, w, p, str(exc))
                self.fwd = None
                return
            verdict = judge(line, values["fwd"], self.tol)
            verdict = self._at_zero(verdict, ("fwd",), w, d, cotangent, values, fwd_fn)
            self.record("fwd", self.fwd.label, w, p, verdict, fwd_fn, line_fn, d)
        for mode, ad in values.items():
            self._precision_note(mode, w, ad)
        if len(values) == 2:
            size = self.problem.specs[w].size + int(np.prod(self.problem.out_shape))
            output = float(np.sum(np.abs(np.asarray(cotangent) * self.problem.value)))
            verdict = dot_verdict(values["fwd"], values["rev"], size, self.tol, output)
            if verdict.status == "fail":
                verdict = self._measured_rounding(verdict, d, values, fwd_fn)
            verdict = self._at_zero(verdict, ("fwd", "rev"), w, d, cotangent, values, fwd_fn,
                                    zero_bound(self.records[-1]))  # (this line's differences)
            self.record("dot", f"{self.fwd.label} vs {self.rev.label}", w, p, verdict)

    def _measured_rounding(self, verdict: Verdict, d: np.ndarray, values: dict,
                           fwd_fn) -> Verdict:
        """The dot test again, allowing the rounding the derivatives show: forward mode is linear
        in its direction, so ``J (3u) / 3`` differs from ``J u`` by rounding only (a function
        that casts to float32 inside rounds its derivatives there, whatever its inputs' dtype);
        reverse mode is taken to round as much."""
        noise = 2.0 * abs(fwd_fn(3.0 * d).value / 3.0 - values["fwd"].value)
        scale = values["fwd"].abs_sum + values["rev"].abs_sum
        if not noise <= DOT_NOISE_CAP * scale:  # not rounding: a derivative not linear in u
            return verdict
        allowed = verdict.tolerance + DOT_NOISE * noise
        if abs(values["fwd"].value - values["rev"].value) > allowed:
            return replace(verdict, tolerance=allowed)
        return replace(verdict, status="ok", tolerance=allowed, noisy=True)

    def _at_zero(self, verdict: Verdict, modes: tuple[str, ...], w: int, d: np.ndarray,
                 cotangent, values: dict, fwd_fn, bound: float | None = None) -> Verdict:
        """A failing check of a derivative that is zero, done again (:func:`~.verdict.as_rounding`):
        the finite differences cannot tell it from zero (``bound``, by default the verdict's), and
        each mode's value changes with the scale of its seed as much as it is (rounding)."""
        bound = zero_bound(verdict) if bound is None and len(modes) == 1 else bound
        if verdict.status != "fail" or bound is None:
            return verdict
        noise = 0.0
        for mode in modes:
            try:
                again = fwd_fn(3.0 * d).value if mode == "fwd" else \
                    float(np.sum(self.rev(3.0 * np.asarray(cotangent))[w][0] * d))
            except Exception:  # (what fails there is reported by the checks themselves)
                return verdict
            noise = max(noise, 2.0 * abs(again / 3.0 - values[mode].value))
        return as_rounding(verdict, tuple(values[m].value for m in modes), noise, bound)

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
