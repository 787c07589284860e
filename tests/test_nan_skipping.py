"""Reductions that skip NaN elements (``np.nansum``, ``np.nanmean``, ``np.nanvar``, ``np.nanmedian``,
``np.nanquantile``, ``np.nan_to_num``...) over data holding NaNs: the adjoint is 0 at a NaN
element, by structure, and the partial it met there reads the data (``data`` is the partial of
``data * x`` in ``x``), NaN, so the gradient was NaN where central differences give 0, in
reverse mode (idioms14's ``nan_data_stats``).  Each such reduction's adjoint is now a selection
(``np.where(np.isnan(a), 0.0, ...)``) whose support is recorded, and what its operand is computed
from may be NaN where unused, so partials reading it are kept on that support
(passes/supports.py).  Each row: grad, value_and_grad, vjp and jvp against central differences,
and the gradient finite; the rows are NaN at 2 of 5 elements before."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from helpers import assert_every_mode

import tangentish

DATA = np.array([1.0, np.nan, 2.0, 0.5, np.nan])
TABLE = np.array([[1.0, np.nan, 2.0, 0.5, -1.0], [np.nan, 0.3, -0.4, np.nan, 1.5]])
X = np.array([0.3, -1.2, 0.7, 0.5, 0.9])


def nansum_of_squares(x):
    return np.nansum((DATA - x) ** 2)


def nanmean_of_a_product(x):
    return np.nanmean(DATA * x)


def nanvar_of_a_product(x):
    return np.nanvar(DATA * x)


def nanstd_shifted(x):
    return np.nanstd(DATA * np.exp(x), ddof=1)


def nanmedian_of_sines(x):
    return np.nanmedian(DATA * np.sin(x))


def nanquantile_of_a_product(x):
    return np.nanquantile(DATA * x, 0.3)


def nanpercentile_of_a_product(x):
    return np.nanpercentile(DATA * x + x, 70.0)


def nan_to_num_summed(x):
    return np.sum(np.nan_to_num(DATA * x) ** 2)


def nancumsum_squared(x):
    return np.sum(np.nancumsum(DATA * x) ** 2)


def nanprod_shifted(x):
    return np.nanprod(DATA * x + 1.0)


def nanmin_of_exponentials(x):
    return np.nanmin(np.exp(DATA * x))


def nanmax_plus(x):
    return np.nanmax(DATA + x) + np.nanmean(np.sqrt(np.abs(DATA * x) + 1.0))


def nanmean_along_an_axis(x):
    return np.sum(np.nanmean(TABLE * x, axis=0) ** 2) + np.sum(np.nansum(TABLE * x, axis=1))


ROWS = [nansum_of_squares, nanmean_of_a_product, nanvar_of_a_product, nanstd_shifted,
        nanmedian_of_sines, nanquantile_of_a_product, nanpercentile_of_a_product,
        nan_to_num_summed, nancumsum_squared, nanprod_shifted, nanmin_of_exponentials,
        nanmax_plus, nanmean_along_an_axis]


@pytest.mark.parametrize("f", ROWS, ids=lambda f: f.__name__)
def test_nan_elements_get_a_zero_derivative(f):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # (NumPy's, of all-NaN slices: none here)
        assert np.all(np.isfinite(tangentish.grad(f)(X.copy())))
        assert_every_mode(f, X.copy(), np.linspace(1.0, -0.5, X.size))


@pytest.mark.parametrize("f", [nanvar_of_a_product, nanmean_along_an_axis, nan_to_num_summed],
                         ids=lambda f: f.__name__)
def test_second_order_is_finite_and_right(f):
    tangentish.check_grads(f, (X.copy(),), order=2, seed=3, warn=False)
    assert np.all(np.isfinite(tangentish.hessian(f)(X.copy())))
