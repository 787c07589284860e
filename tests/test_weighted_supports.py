"""A value an order statistic or an interpolation does not combine takes no part in its
derivative: ``np.median``, ``np.quantile``, ``np.percentile`` (and their ``nan`` forms) weight
at most two sorted values (``_rt.chosen(g, w)``, ``tangentish/rules/numpy_quantiles.py``), and
``np.interp`` two knots of ``fp`` (``_rt.uninterp``, a scatter the structural-zero passes know:
``tangentish/passes/supports_made.py``).  An element they skip where its own partial is infinite
(``np.cbrt`` at 0) gave NaN (``np.median(np.cbrt(x))`` at ``x = [0, 1, 2, 3, 5]``), where the
derivative is 0.  Each row in every mode and at second order against central differences, at a
point where the skipped element stays skipped within the step."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_both_orders


def median(x):
    return np.median(np.cbrt(x)) * 2.0


def nanmedian(x):
    return np.nanmedian(np.cbrt(x) ** 3)


def median_rows(x):
    return np.sum(np.median(np.cbrt(x).reshape(1, -1), axis=1))


def percentile(x):
    return np.percentile(np.cbrt(x), 75)


def percentiles(x):
    return np.sum(np.percentile(np.cbrt(x), [60.0, 80.0]) ** 2)


def nearest(x):
    return np.quantile(np.cbrt(x) * x, 0.5, method="nearest")


def nanquantiles(x):
    return np.sum(np.nanquantile(np.cbrt(x), np.array([0.55, 0.9])))


def interpolated(x):
    return np.sum(np.interp(np.array([2.5, 3.25]), np.arange(5.0), np.cbrt(x)))


CASES = [median, nanmedian, median_rows, percentile, percentiles, nearest, nanquantiles,
         interpolated]


@pytest.mark.parametrize("f", CASES, ids=[f.__name__ for f in CASES])
def test_an_uncombined_singular_element_stays_out_of_the_derivative(f):
    with np.errstate(divide="ignore", invalid="ignore"):  # (the partial, computed, then unused)
        assert_both_orders(f, np.array([0.0, 1.0, 2.0, 3.0, 5.0]))
