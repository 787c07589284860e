"""The polygamma functions, for the derivatives of ``math.gamma`` and ``math.lgamma`` (NumPy has
no digamma and SciPy is optional).  Closed under differentiation: the derivative of
``polygamma(n, x)`` is ``polygamma(n + 1, x)``."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

# Bernoulli numbers B_2, B_4, ..., B_12 of the asymptotic series.
_BERNOULLI = (1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730)
_LARGE = 16.0


def _asymptotic(n: int, x: np.ndarray) -> np.ndarray:
    if n == 0:
        total = np.log(x) - 0.5 / x
        for k, b in enumerate(_BERNOULLI, start=1):
            total = total - b / (2 * k * x ** (2 * k))
        return total
    total = math.factorial(n - 1) / x ** n + math.factorial(n) / (2.0 * x ** (n + 1))
    for k, b in enumerate(_BERNOULLI, start=1):
        total = total + b * math.factorial(2 * k + n - 1) / (math.factorial(2 * k) * x ** (2 * k + n))
    return (-1.0) ** (n + 1) * total


def polygamma(n: int, x: Any) -> Any:
    """The ``n``-th derivative of the digamma function ``psi = gamma' / gamma`` at real ``x`` (not a
    non-positive integer, where it has poles): shifted up by the recurrence
    ``psi_n(x) = psi_n(x + 1) - (-1)**n n! / x**(n + 1)``, then an asymptotic series."""
    n = int(n)
    scalar = isinstance(x, (int, float)) and not isinstance(x, bool)
    x = np.array(x, dtype=np.result_type(x, 1.0))
    dtype = x.dtype  # (kept: NumPy 1.x's np.where makes a float32 x met by a Python float float64)
    total = np.zeros_like(x)
    steps = int(max(0.0, math.ceil(_LARGE - float(np.min(x, initial=_LARGE)))))
    sign = (-1.0) ** n * math.factorial(n)
    for _ in range(steps):
        low = x < _LARGE
        total = total - np.where(low, sign / np.where(low, x, 1.0) ** (n + 1), 0.0)
        x = np.where(low, x + 1.0, x)
    result = (total + _asymptotic(n, x)).astype(dtype, copy=False)[()]
    return float(result) if scalar else result

