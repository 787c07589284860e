"""Rule-table rows of ``tangentish/rules/scipy_signal.py`` (collected only when SciPy is
installed): ``lfilter`` from rest along the last axis and along axis 0, in the signal."""

from __future__ import annotations

import numpy as np
import scipy.signal as sig

from .common import W4, Row


def ss_lfilter(x):
    return np.sum(sig.lfilter([0.2, 0.3, 0.1], [1.0, -0.5, 0.2], x) * W4) + np.sum(
        sig.lfilter(np.array([1.0, -1.0]), 1.0, x) ** 2)


def ss_lfilter_axis0(x):
    return np.sum(sig.lfilter([0.5, 0.25], [1.0, 0.3], x, axis=0) ** 2 * W4)


ROWS: list[Row] = [
    Row(ss_lfilter, ((4,),)),
    Row(ss_lfilter_axis0, ((3, 4),)),
]
