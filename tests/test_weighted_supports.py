"""A value an order statistic or an interpolation does not combine takes no part in its
derivative: ``np.median``, ``np.quantile``, ``np.percentile`` (and their ``nan`` forms) weight
at most two sorted values (``_rt.chosen(g, w)``, ``tangentish/rules/numpy_quantiles.py``), and
``np.interp`` two knots of ``fp`` (``_rt.uninterp``, a scatter the structural-zero passes know:
``tangentish/passes/supports_made.py``).  An element they skip where its own partial is infinite
(``np.cbrt`` at 0) gave NaN (``np.median(np.cbrt(x))`` at ``x = [0, 1, 2, 3, 5]``), where the
derivative is 0.  So did a move whose adjoint the passes did not move masks through
(``np.tril``/``np.triu``, ``np.pad``, ``np.diag``, ``np.trace``, ``np.repeat``, ``np.tile``,
``np.insert``, ``np.cumsum``, ``np.add.reduceat``: ``MOVED``) of such elements that
a slice then left out.  Each row in every mode and at second order against central differences,
at a point where the skipped element stays skipped within the step."""

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


def tril_rows(x):
    m = np.cbrt(x)[:, None] * np.ones(5)
    return np.sum(np.tril(m, -1)[1:] ** 2)


def triu_rows(x):
    return np.sum(np.triu(np.cbrt(x)[::-1, None] * x)[:-1])


def padded(x):
    return np.sum(np.pad(np.cbrt(x), 1)[2:-1] * x[1:])


def padded_edge(x):
    return np.sum(np.pad(np.cbrt(x), (0, 2), mode="edge")[1:] ** 2)


def diagonal_block(x):
    return np.trace(np.diag(np.cbrt(x))[1:, 1:] * 3.0)


def diagonal_read(x):
    return np.sum(np.diagonal(np.diag(np.cbrt(x)) * 2.0)[1:] * x[1:])


def repeated(x):
    return np.sum(np.repeat(np.cbrt(x), 2)[2:] ** 2)


def tiled(x):
    return np.sum(np.tile(np.cbrt(x), 2)[1:5] * x[:4])


def inserted(x):
    return np.sum(np.insert(np.cbrt(x), 2, 1.0)[1:] ** 2)


def cumulated(x):
    return np.sum(np.cumsum(np.cbrt(x)[::-1])[:4] ** 2)


def reduced_at(x):
    return np.sum(np.add.reduceat(np.cbrt(x), [0, 2, 3])[1:] ** 2)


def traced(x):  # (x[0] off the diagonal; .real of a real array: fuzz seed 5974 program 86)
    return np.trace(np.cbrt(x[[1, 0, 2, 3]].reshape(2, 2)).real) * x[4]


MOVED = [tril_rows, triu_rows, padded, padded_edge, diagonal_block, diagonal_read, repeated, tiled,
         inserted, cumulated, reduced_at, traced]


@pytest.mark.parametrize("f", MOVED, ids=[f.__name__ for f in MOVED])
def test_a_moved_singular_element_left_out_stays_out_of_the_derivative(f):
    with np.errstate(divide="ignore", invalid="ignore"):
        assert_both_orders(f, np.array([0.0, 1.0, 2.0, 3.0, 5.0]))
