"""Deciding whether an AD directional derivative agrees with finite differences.

The allowed discrepancy is never a single magic tolerance; it is the sum of

* the finite-difference error estimate (truncation + rounding, see ``finite_diff``),
* the rounding error of the AD value itself, ``AD_ROUNDING * eps_ad * sum |terms|``,
* the effect of rounding the perturbed argument to the evaluation dtype,
* the caller's optional ``atol + rtol * |reference|``.

For low-precision (e.g. float32) arguments the derivative under test is evaluated
twice: in the caller's dtype and, when it accepts them, on the same values cast to
float64.  The float64 evaluation is what is compared with finite differences (so a
correct float32 derivative with ill-conditioned steps, such as ``1 - tanh(x)**2``
near saturation, is no false alarm, while a wrong formula is caught at full
precision); a large gap between the two evaluations is reported as precision loss.

Where the forward and backward one-sided slopes disagree beyond their own error
estimates the point is a kink: any AD value between the two slopes is accepted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from .finite_diff import Line

#: Multiple of eps_ad * sum |terms| allowed for rounding inside the derivative under test.
AD_ROUNDING = 32.0
#: A one-sided jump must exceed this multiple of its error estimate to count as a kink.
KINK_SAFETY = 2.0
#: A passing check whose finite-difference error exceeds this fraction of the value
#: is reported as inconclusive.
INCONCLUSIVE = 0.01
#: Truncation-dominated estimates less accurate than this (relative) are refined even
#: when they pass, to keep the check sensitive.
REFINE = 1e-4
#: Rounding allowance (per eps and per sqrt(size)) of the forward/reverse dot test.
DOT_ROUNDING = 16.0
#: Multiple of the rounding measured by scaling the directions (checker._measured_rounding)
#: allowed when the dot test fails its dtype-based allowance.
DOT_NOISE = 10.0
#: ... but only a measured rounding below this fraction of the terms' size (half precision's
#: eps is 1e-3): more is no rounding but a derivative that is not linear in its direction.
DOT_NOISE_CAP = 1e-3


@dataclass(frozen=True)
class Tolerance:
    """The caller's optional extra tolerances (added to the error estimates)."""

    rtol: float = 0.0
    atol: float = 0.0

    def extra(self, reference: float) -> float:
        return self.atol + self.rtol * abs(reference)


@dataclass(frozen=True)
class ADValue:
    """A directional derivative computed by the derivative under test."""

    value: float  # as compared (the float64 re-evaluation when there is one)
    abs_sum: float  # sum of |terms| of the dot product that produced ``value``
    eps: float  # epsilon of the dtype ``value`` was computed in
    norm: float = 0.0  # 2-norm of the terms: the typical size of ``value`` for random u
    native: float | None = None  # the value in the caller's (lower) precision, if different
    native_eps: float = 0.0

    @property
    def scale(self) -> float:
        """Magnitude against which finite-difference accuracy is judged."""
        return max(abs(self.value), self.norm)

    @property
    def imprecise(self) -> bool:
        """Whether the low-precision value strays beyond its a-priori rounding bound."""
        if self.native is None:
            return False
        bound = AD_ROUNDING * (self.native_eps + self.eps) * self.abs_sum
        return not abs(self.native - self.value) <= bound

    def error(self, direction_rounding: float = 0.0) -> float:
        return (AD_ROUNDING * self.eps + direction_rounding) * self.abs_sum


@dataclass(frozen=True)
class Verdict:
    """Outcome of one comparison; ``status`` is ok, fail, kink or inconclusive."""

    status: str
    ad: float
    fd: float
    tolerance: float
    fd_error: float
    step: float
    slopes: tuple[float, float] | None = None  # (backward, forward) at a kink
    native: float | None = None  # AD in the caller's precision when ``ad`` is float64
    noisy: bool = False  # f was noisier than its dtype; a measured noise level was used

    @property
    def passed(self) -> bool:
        return self.status != "fail"

    @property
    def abs_err(self) -> float:
        return abs(self.ad - self.fd)

    @property
    def rel_err(self) -> float:
        denom = abs(self.fd) or abs(self.ad)
        return self.abs_err / denom if denom else 0.0

    @property
    def ratio(self) -> float:
        """How far outside its tolerance the discrepancy is (> 1 means failure)."""
        if self.tolerance > 0:
            return self.abs_err / self.tolerance
        return math.inf if self.abs_err > 0 else 0.0


def _central(line: Line, ad: ADValue, tol: Tolerance) -> tuple[Verdict, bool]:
    """The central-difference verdict and whether smaller steps are worth trying."""
    est = line.best()
    allowed = est.error + ad.error(line.dev) + tol.extra(est.value)
    scale = max(abs(est.value), ad.scale)
    finite = math.isfinite(ad.value) and (ad.native is None or math.isfinite(ad.native))
    if not finite or abs(ad.value - est.value) > allowed:
        status = "fail"
    elif est.error > INCONCLUSIVE * scale > 0:
        status = "inconclusive"
    else:
        status = "ok"
    coarse = est.truncation > est.error - est.truncation and est.error > REFINE * scale
    verdict = Verdict(status, ad.value, est.value, allowed, est.error, est.step,
                      native=ad.native, noisy=line.noisy)
    return verdict, status != "ok" or coarse


def _with_kink(line: Line, ad: ADValue, tol: Tolerance, verdict: Verdict) -> Verdict:
    sides = line.one_sided()
    if not abs(sides.jump) > KINK_SAFETY * sides.error or not line.kink_confirmed():
        return verdict
    sides = line.one_sided()
    low, high = sorted((sides.backward, sides.forward))
    margin = sides.error + ad.error(line.dev) + tol.extra(max(abs(low), abs(high)))
    nearest = min(max(ad.value, low), high)
    inside = math.isfinite(ad.value) and abs(ad.value - nearest) <= margin
    return replace(
        verdict,
        status="kink" if inside else "fail",
        fd=nearest,
        tolerance=margin,
        fd_error=sides.error,
        step=sides.step,
        slopes=(sides.backward, sides.forward),
    )


def judge(line: Line, ad: ADValue, tol: Tolerance, refine: bool = True) -> Verdict:
    """Compare ``ad`` with the finite differences along ``line``.

    Two levels of steps are used first; only if they do not agree with ``ad`` (or are
    too inaccurate to tell) are smaller steps tried.  Kinks are looked for every time,
    since the one-sided slopes come free from the samples already taken.
    """
    if not line.finite:
        return Verdict("inconclusive", ad.value, math.nan, math.inf, math.inf, 0.0)
    verdict, worth_refining = _central(line, ad, tol)
    if worth_refining and refine and not line.refined:
        line.refine()
        verdict, _ = _central(line, ad, tol)
    return _with_kink(line, ad, tol, verdict)


def as_rounding(verdict: Verdict, values: tuple[float, ...], noise: float,
                bound: float | None) -> Verdict:
    """A failing comparison whose reference is zero (``bound``: the finite differences' error
    estimate, the resolution below which they cannot tell a derivative from zero; 0 where ``f``
    is constant along the line to the last bit; None: the reference is no zero) and whose
    ``values`` are rounding, not derivatives: scaling the direction changes them by ``noise``,
    about as much as they are (a derivative is linear in its direction to rounding:
    ``DOT_NOISE_CAP``), and each lies within ``max(bound, DOT_NOISE * noise)`` of zero.  Such
    exact zeros are compared absolutely, with
    that tolerance (a relative error against 0 says nothing); any other verdict is kept."""
    if verdict.passed or bound is None:
        return verdict
    allowed = max(bound, DOT_NOISE * noise)
    if not noise > DOT_NOISE_CAP * sum(abs(v) for v in values) or \
            not all(abs(v) <= allowed for v in values):
        return verdict
    return replace(verdict, status="ok", tolerance=allowed, noisy=True)


def zero_bound(verdict: Verdict | Any) -> float | None:
    """The finite differences' error estimate where their value is within it of zero, else None
    (of a verdict or a record of one)."""
    return verdict.fd_error if abs(verdict.fd) <= verdict.fd_error else None


def dot_verdict(fwd: ADValue, rev: ADValue, size: int, tol: Tolerance,
                output: float = 0.0) -> Verdict:
    """Forward ``<v, J u>`` against reverse ``<J^T v, u>``: equal up to rounding.  ``output`` is
    ``sum |v * f(x)|``, the size of what is differentiated (the direction ``u`` is scaled by
    ``max(|x|, 1)``, so both products are in its units): a derivative that cancels to about zero
    (``f`` locally constant, as a clipped norm is) keeps a rounding of that size, which no
    transposed or wrong product is as small as."""
    rounding = fwd.eps * fwd.abs_sum + rev.eps * rev.abs_sum + max(fwd.eps, rev.eps) * output
    allowed = DOT_ROUNDING * (1.0 + math.sqrt(size)) * rounding + tol.extra(rev.value)
    ok = math.isfinite(fwd.value) and abs(fwd.value - rev.value) <= allowed
    return Verdict("ok" if ok else "fail", fwd.value, rev.value, allowed, 0.0, 0.0)
