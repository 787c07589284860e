"""Rule-table rows of ``tangentish/rules/scipy_special_poles.py``: beta and binom across the poles
of Gamma (``a + b`` through -1, and planted on it), and the runtime helpers their derivatives call
(``runtime/gamma_gaps.py``), whose rules give the third derivatives."""

from __future__ import annotations

import numpy as np
import scipy.special as sps

import tangentish.runtime as rt

from .common import W34, Row


def sp_beta_across_a_pole(a, b):  # a + b - 2 runs through -1 (B = 0 there)
    return np.sum(sps.beta(a, b - 2.0) * W34) + np.sum(sps.binom(a - 1.0, b + 1.0) ** 2)


def _on_the_pole(args):  # a + (b - 2) = -1 exactly, and n - k + 1 = -1
    args[0][0, 0], args[1][0] = 0.5, 0.5
    return args


def rt_gamma_gaps(a, b):  # (a, b) as beta's, and as binom's (n, k)
    return (np.sum(rt.beta_slope(a, b) * W34) + np.sum(rt.beta_curvature(a, b) ** 2)
            + np.sum(rt.beta_twist(a, b) * W34) + np.sum(rt.polygamma_gap(0, a, b) * W34)
            + np.sum(rt.binom_slope(a, b) * W34) + np.sum(rt.binom_kslope(a, b) ** 2)
            + np.sum(rt.binom_curvature(a, b) * W34) + np.sum(rt.binom_kcurvature(a, b) * W34)
            + np.sum(rt.binom_twist(a, b) ** 2))


ROWS: list[Row] = [
    Row(sp_beta_across_a_pole, ((3, 4), (4,)), wrt=(0, 1), domain=((0.2, 0.8), (0.2, 0.8)),
        setup=_on_the_pole),
    Row(rt_gamma_gaps, ((3, 4), (4,)), wrt=(0, 1), domain=((2.0, 4.0), (0.5, 1.5))),
]
