"""Rule-table rows of ``tangentish/rules/scipy_integrate.py`` (collected only when SciPy is
installed): ``trapezoid`` (NumPy's rule) and ``cumulative_trapezoid`` in ``y`` and ``dx``, with
sample points ``x`` (1-d and shaped as ``y``), along either axis, with ``initial=0``."""

from __future__ import annotations

import numpy as np
import scipy.integrate as si

from .common import W3, W5, W34, Row

X5 = np.array([0.0, 0.3, 0.7, 1.6, 2.0])
X35 = np.cumsum(np.abs(np.random.default_rng(3301).standard_normal((3, 5))) + 0.1, axis=0)
W35 = np.random.default_rng(3302).standard_normal((3, 5))


def si_trapezoid(y, h):
    return (si.trapezoid(y[0] * y[0], dx=h) + np.sum(si.trapezoid(y, X5) * W3)
            + np.sum(si.trapezoid(np.sin(y), dx=0.5, axis=0) * W35[0]))


def si_cumulative_trapezoid(y, h):
    return (np.sum(si.cumulative_trapezoid(y * y, dx=h) * W34)
            + np.sum(si.cumulative_trapezoid(y, X5, initial=0) * W35)
            + np.sum(si.cumulative_trapezoid(np.exp(y), axis=0, initial=0) * W35)
            + np.sum(si.cumulative_trapezoid(y ** 3, X35, axis=0) * W35[1:])
            + si.cumulative_trapezoid(y[1], dx=h, initial=0) @ W5)  # (not np.r_[W4, 1.0]: _KNOWN)


ROWS: list[Row] = [
    Row(si_trapezoid, ((3, 5), float), wrt=(0, 1), domain=((-2.0, 2.0), (0.3, 1.5))),
    Row(si_cumulative_trapezoid, ((3, 5), float), wrt=(0, 1), domain=((-2.0, 2.0), (0.3, 1.5))),
]
