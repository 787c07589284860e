"""The first and second derivatives of ``scipy.special.beta`` and ``binom``, right at and beside
the poles of Gamma where the functions are finite, and differences of polygamma functions (the
derivatives of ``betaln``).  The textbook partials, ``B (psi(a) - psi(a + b))``, are ``0 * inf``
where ``a + b`` is a pole (``B = 0``) and ``inf - inf`` where ``a`` is one and ``b`` a positive
integer no larger than ``-a`` (``B = (b - 1)! / (a (a + 1) ... (a + b - 1))``).  (SciPy is
imported only when one of these runs: the rules that name them are ``scipy.special``'s.)

Both functions are products of factors ``Gamma(x)`` and ``1 / Gamma(v)`` of arguments linear in
the inputs: each factor is taken with its first two derivatives (below 1/2, ``1 / Gamma(v) =
Gamma(1 - v) sin(pi v) / pi``, DLMF 5.5.3, which is entire: finite at the poles), with its
magnitude kept apart as a logarithm, so that huge and tiny factors neither overflow nor underflow.

>>> float(polygamma_gap(0, -2.5, 2.0))  # psi(-2.5) - psi(-0.5) = -(1 / -2.5 + 1 / -1.5)
1.0666666666666667
>>> round(float(beta_slope(0.5, -1.5)), 12)  # a pole of Gamma(a + b): G(1/2) G(-3/2) (-1)^1 1!
-4.188790204786
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .items import common_dtype


def _float(values: list) -> np.dtype:
    dtype = common_dtype([*values, 1.0])
    return dtype if dtype.kind == "f" else np.dtype(np.float64)


def _sps() -> Any:
    import scipy.special as sps
    return sps


def polygamma_gap(n: int, a: Any, b: Any) -> Any:
    """``psi_n(a) - psi_n(a + b)``.  Where ``b`` is an integer and ``a`` and ``a + b`` are below
    1/2, the two terms can be poles (``inf - inf``) of a finite difference (``-sum_{k<b} 1 / (a +
    k)`` for ``n = 0``), or cancel beside them: there it is ``(-1)^n (psi_n(1 - a) - psi_n(1 - a -
    b))``, both arguments above 1/2, by the reflection ``psi_n(1 - x) + (-1)^(n+1) psi_n(x) =
    (-1)^n pi d^n/dx^n cot(pi x)`` (DLMF 5.15.6), whose right side has period 1."""
    sps, n = _sps(), int(n)
    dtype = _float([a, b])
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    flip = (b == np.floor(b)) & (a < 0.5) & (a + b < 0.5)
    first, second = np.where(flip, 1.0 - a, a), np.where(flip, 1.0 - a - b, a + b)
    with np.errstate(invalid="ignore"):  # (inf - inf at a pole left standing: NaN)
        out = np.where(flip, (-1.0) ** n, 1.0) * (sps.polygamma(n, first) - sps.polygamma(n, second))
    return out.astype(dtype, copy=False)[()]


def _factor(kind: str, x: np.ndarray) -> tuple:
    """``Gamma(x)`` (``kind`` "G") or ``1 / Gamma(x)`` ("R") as (log of a magnitude, sign, and the
    value and first two derivatives divided by sign * exp(log))."""
    sps = _sps()
    if kind == "G":  # (a pole: inf, and the derivatives NaN)
        psi, tri = sps.digamma(x), sps.polygamma(1, x)
        return sps.gammaln(x), sps.gammasgn(x), (np.ones_like(x), psi, psi * psi + tri)
    low = x < 0.5
    u = np.where(low, 1.0 - x, x)  # (u >= 1/2: no pole)
    psi, tri = sps.digamma(u), sps.polygamma(1, u)
    whole = np.round(x)  # sin(pi x), cos(pi x), exact at the integers
    parity = np.where(np.fmod(whole, 2.0) == 0.0, 1.0, -1.0)
    s, c = parity * np.sin(np.pi * (x - whole)), parity * np.cos(np.pi * (x - whole))
    reflected = (s / np.pi, c - psi * s / np.pi, (psi * psi + tri) * s / np.pi - 2.0 * psi * c - np.pi * s)
    plain = (np.ones_like(x), -psi, psi * psi - tri)
    jet = tuple(np.where(low, r, p) for r, p in zip(reflected, plain, strict=True))
    return np.where(low, 1.0, -1.0) * sps.gammaln(u), np.ones_like(x), jet  # (Gamma(u) > 0)


def _product(factors: list, first: tuple, second: tuple | None) -> np.ndarray:
    """The derivative of ``prod_i f_i(x_i)`` along ``first`` (``d x_i`` per unit step of one
    input), or the second derivative along ``first`` and ``second``."""
    parts = [_factor(kind, x) for kind, x in factors]
    scale = np.prod([sign for _, sign, _ in parts], axis=0) * np.exp(sum(log for log, _, _ in parts))
    jets = [jet for _, _, jet in parts]
    total = 0.0
    for i, jet in enumerate(jets):
        rest = np.prod([other[0] for j, other in enumerate(jets) if j != i], axis=0)
        if second is None:
            total = total + first[i] * jet[1] * rest
            continue
        total = total + first[i] * second[i] * jet[2] * rest
        for j, other in enumerate(jets):
            if j != i:
                others = np.prod([jets[m][0] for m in range(len(jets)) if m not in (i, j)], axis=0)
                total = total + first[i] * second[j] * jet[1] * other[1] * others
    return scale * total


def _beta(a: Any, b: Any, along: tuple, across: tuple | None) -> Any:
    sps, dtype = _sps(), _float([a, b])
    a, b = np.broadcast_arrays(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64))
    with np.errstate(all="ignore"):
        out = _product([("G", a), ("G", b), ("R", a + b)], along, across)
        # a a pole, b an integer: B(a, b) is finite and smooth in a (a rational function)
        # (the reflected differences, exact there and beside; d/db is not finite at a pole a)
        gapped = (b == np.floor(b)) & (a < 0.5) & (a + b < 0.5) & (across in (None, along))
        if np.any(gapped):
            z, gap = sps.beta(a, b), polygamma_gap(0, a, b)
            near = z * gap if across is None else z * (gap * gap + polygamma_gap(1, a, b))
            out = np.where(gapped, near, out)
    return np.asarray(out).astype(dtype, copy=False)[()]


def beta_slope(a: Any, b: Any) -> Any:
    """``d/da B(a, b)`` (``d/db`` is ``beta_slope(b, a)``)."""
    return _beta(a, b, (1.0, 0.0, 1.0), None)


def beta_curvature(a: Any, b: Any) -> Any:
    """``d^2/da^2 B(a, b)``."""
    return _beta(a, b, (1.0, 0.0, 1.0), (1.0, 0.0, 1.0))


def beta_twist(a: Any, b: Any) -> Any:
    """``d^2/da db B(a, b)``."""
    return _beta(a, b, (1.0, 0.0, 1.0), (0.0, 1.0, 1.0))


_N, _K = (1.0, 0.0, 1.0), (0.0, 1.0, -1.0)  # binom's factors' arguments n + 1, k + 1, n - k + 1


def _binom(n: Any, k: Any, along: tuple, across: tuple | None) -> Any:
    dtype = _float([n, k])
    n, k = np.broadcast_arrays(np.asarray(n, dtype=np.float64), np.asarray(k, dtype=np.float64))
    with np.errstate(all="ignore"):
        out = _product([("G", n + 1.0), ("R", k + 1.0), ("R", n - k + 1.0)], along, across)
    return np.asarray(out).astype(dtype, copy=False)[()]


def binom_slope(n: Any, k: Any) -> Any:
    """``d/dn binom(n, k)``, with ``binom(n, k) = Gamma(n + 1) / (Gamma(k + 1) Gamma(n - k + 1))``."""
    return _binom(n, k, _N, None)


def binom_kslope(n: Any, k: Any) -> Any:
    """``d/dk binom(n, k)``."""
    return _binom(n, k, _K, None)


def binom_curvature(n: Any, k: Any) -> Any:
    """``d^2/dn^2 binom(n, k)``."""
    return _binom(n, k, _N, _N)


def binom_kcurvature(n: Any, k: Any) -> Any:
    """``d^2/dk^2 binom(n, k)``."""
    return _binom(n, k, _K, _K)


def binom_twist(n: Any, k: Any) -> Any:
    """``d^2/dn dk binom(n, k)``."""
    return _binom(n, k, _N, _K)
