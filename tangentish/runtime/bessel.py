"""The modified Bessel functions of the first kind of integer order, for the derivative of
``np.i0`` (NumPy has only ``i0``; SciPy is optional).  Closed under differentiation:
``I_n' = (I_{n-1} + I_{n+1}) / 2``, with ``I_{-1} = I_1``."""

from __future__ import annotations

import math
from typing import Any

import numpy as np


def bessel_i(n: int, x: Any) -> Any:
    """``I_n(x)`` for an integer order ``n >= 0`` at real ``x``, by its power series
    ``sum_k (x/2)**(2k + n) / (k! (k + n)!)``: every term has the sign of ``x**n``, so the sum
    cancels nothing and is accurate to rounding wherever it does not overflow (``|x|`` above
    ~713, where ``np.i0`` overflows too)."""
    n = int(n)
    scalar = isinstance(x, (int, float)) and not isinstance(x, bool)
    x = np.asarray(x, dtype=np.result_type(x, 1.0))
    wide = x.astype(np.float64)  # (summed in float64, returned in x's dtype)
    quarter = (wide / 2.0) ** 2
    term = (wide / 2.0) ** n / math.factorial(n)
    total = term.copy()
    most = float(np.max(np.abs(wide[np.isfinite(wide)]), initial=0.0))  # (inf, NaN: stay)
    for k in range(1, int(most) + 64):  # (the terms fall once k exceeds |x| / 2)
        term = term * (quarter / (k * (k + n)))
        total = total + term
        if k > most / 2 and not np.any(np.abs(term) > 1e-17 * np.abs(total)):
            break
    result = total.astype(x.dtype, copy=False)[()]
    return float(result) if scalar else result
