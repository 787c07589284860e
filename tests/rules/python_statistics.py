"""Rule-table rows of the ``statistics`` module's rules (tangentish/rules/python_statistics.py):
``mean``, ``fmean``, the three medians, ``variance``/``pvariance``/``stdev``/``pstdev`` with and
without a given centre, ``geometric_mean``, ``harmonic_mean``.
"""

from __future__ import annotations

import statistics
import sys

from .common import POSITIVE, W4, Row


def st_means(x):
    return statistics.mean(list(x * x)) + statistics.fmean(x) * x[0]


def st_weighted(x, w):
    return statistics.fmean(x, weights=w) * x[1]


def st_medians(x):
    return statistics.median(x) + 2.0 * statistics.median_low(list(x)) + \
        3.0 * statistics.median_high(x)


def st_median_odd(x):
    return statistics.median(x ** 3)


def st_spreads(x):
    return statistics.variance(x) + 2.0 * statistics.pvariance(list(x)) + \
        statistics.stdev(x * W4) * statistics.pstdev(x)


def st_centred(x, c):
    return statistics.variance(x, xbar=c) + statistics.pvariance(x, mu=c) + \
        statistics.stdev(x, c) * statistics.pstdev(list(x), c * c)


def st_products(x):
    return statistics.geometric_mean(x) * statistics.harmonic_mean(list(x))


ROWS: list[Row] = [
    Row(st_means, ((4,),)),
    Row(st_medians, ((4,),)),
    Row(st_median_odd, ((5,),)),
    Row(st_spreads, ((4,),)),
    Row(st_centred, ((4,), float), wrt=(0, 1)),
    Row(st_products, ((4,),), domain=POSITIVE),
]
if sys.version_info >= (3, 11):  # (fmean's weights=)
    ROWS.append(Row(st_weighted, ((4,), (4,)), wrt=(0, 1), domain=((-2.0, 2.0), POSITIVE)))
