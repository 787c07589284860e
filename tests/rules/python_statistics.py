"""Rule-table rows of the ``statistics`` module's rules (tangentish/rules/python_statistics.py):
``mean``, ``fmean`` and the three medians (of an even and an odd count), ``variance``/
``pvariance``/``stdev``/``pstdev`` with and without a given centre, ``geometric_mean``,
``harmonic_mean``, and ``fmean``'s ``weights=`` (Python >= 3.11).
"""

from __future__ import annotations

import statistics
import sys

from .common import POSITIVE, Row


def st_centres(x):
    return statistics.mean(list(x * x)) + statistics.fmean(x) * x[0] + statistics.median(x) + \
        2.0 * statistics.median_low(list(x)) + 3.0 * statistics.median_high(x) + \
        statistics.median(x[:3] ** 3)


def st_spreads(x, c):
    return statistics.variance(x) + 2.0 * statistics.pvariance(list(x)) + \
        statistics.stdev(x * x) * statistics.pstdev(x) + statistics.variance(x, xbar=c) + \
        statistics.pvariance(x, mu=c) + statistics.stdev(x, c) * statistics.pstdev(list(x), c * c)


def st_products(x):
    return statistics.geometric_mean(x) * statistics.harmonic_mean(list(x))


def st_weighted(x, w):
    return statistics.fmean(x, weights=w) * x[1]


ROWS: list[Row] = [
    Row(st_centres, ((4,),)),
    Row(st_spreads, ((4,), float), wrt=(0, 1)),
    Row(st_products, ((4,),), domain=POSITIVE),
]
if sys.version_info >= (3, 11):  # (fmean's weights=)
    ROWS.append(Row(st_weighted, ((4,), (4,)), wrt=(0, 1), domain=((-2.0, 2.0), POSITIVE)))
