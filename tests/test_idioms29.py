"""The ``idioms29`` zoos: NumPy written the way other projects write it (``idioms29_zoo``:
scipy.optimize-style problems and least-squares residuals, scikit-learn-style losses, signal
processing; ``idioms29_more_zoo``: image operations by slicing, ODE integrators, Gaussian
process likelihoods, physics energies by ``np.einsum``, polynomials; ``idioms29_style_zoo``:
the Python around the NumPy; ``idioms29_extra_zoo``: library calls in the shapes other projects
use them), against central differences within their error estimate, with ``RuntimeWarning`` an
error (``idioms15_check``).

The CI budget runs the rows of :data:`RUN` (refused before this table: ``xp = _namespace(x)``,
passes/helper_modules.py; ``np.histogram`` of the differentiated targets,
rules/numpy_quantiles.py; writes through ``.flat``, passes/flat_writes.py; ``w = z; w += x``
with ``z`` not proven an ndarray, passes/view_writes.py) in one mode each, and
the tests below of what this table's fixes do; ``python test_idioms29.py`` checks every row in
every mode."""

from __future__ import annotations

import math

import numpy as np
import pytest
from helpers import numeric_grad
from idioms15_check import by_name, check_refusal
from idioms20_check import check_every_mode, check_quietly
from idioms29_cases import CASES, REFUSED

import tangentish

BY_NAME = by_name(CASES)
RUN = (("found_namespace_norm", "vjp"), ("balanced_mse", "vjp"), ("flat_strides", "vjp"),
       ("augmented_alias", "jvp"))


@pytest.mark.parametrize("name, mode", RUN)
def test_each_program_in_its_mode_against_finite_differences(name, mode):
    check_quietly(BY_NAME[name], mode)


def pairs_of_halves(x):
    a, b = zip(x[:2], x[2:])  # noqa: B905  (as people write it)
    return a[0] * b[1] + np.sin(a[1]) * b[0] ** 2


def test_two_sequences_zipped_into_names_are_their_pairs():
    """``a, b = zip(l1, l2)`` is ``zip(*[l1, l2])``: ``a = (l1[0], l2[0])``, ``b = (l1[1],
    l2[1])`` (syntax/unzip.py; refused before as a call of ``zip`` without a rule; the zoo's
    ``zip_two_lists`` is the same of two lists)."""
    x = np.array([0.3, -1.2, 0.5, 1.5])
    expected = [x[3], 2 * x[1] * np.sin(x[2]), x[1] ** 2 * np.cos(x[2]), x[0]]
    np.testing.assert_allclose(tangentish.grad(pairs_of_halves)(x), expected, rtol=1e-14)


def _theirs():
    return math


def pick(kind):
    if kind == "scalar":
        return _theirs()
    return np


def energy(x, kind="array"):
    xp = pick(kind)
    return xp.sum(xp.cos(x) * x)


def test_a_module_a_helper_returns_is_read_as_it_and_checked_when_the_derivative_runs():
    """``xp = pick(kind)``: the one module the helper's returns name (``np``; ``math`` is
    ``_theirs()``'s, computed) is what ``xp.sum`` is read through (passes/helper_modules.py;
    refused before as an array's method), and a call for which the helper returns another
    raises the project's ``ArgumentError`` at the ``def`` line with a hint, never NumPy's
    derivative run for another module."""
    x = np.array([0.3, -1.2, 0.5])
    derivative = tangentish.grad(energy)
    np.testing.assert_allclose(derivative(x), np.cos(x) - x * np.sin(x), rtol=1e-14)
    with pytest.raises(tangentish.ArgumentError, match="built for pick.kind. returning np"
                       ) as caught:
        derivative(x, "scalar")
    assert "hint:" in str(caught.value) and "def energy(x, kind=" in str(caught.value)


def xp_only(x, xp=np):
    return xp.sum(xp.sin(x) ** 2)


def test_a_module_default_changed_is_the_projects_error_with_a_hint():
    """``xp=math`` passed to a derivative built for ``xp=np``: ``ArgumentError`` (still a
    ``TypeError``) naming the parameter, at the ``def`` line, with a hint (a bare ``TypeError``
    without one before)."""
    with pytest.raises(tangentish.ArgumentError, match="built for its default xp=np") as caught:
        tangentish.grad(xp_only)(np.array([0.3, -1.2]), math)
    assert isinstance(caught.value, TypeError) and "hint: " in str(caught.value)
    assert "def xp_only(x, xp=np):" in str(caught.value)


def spread_weighted(x):
    counts, edges = np.histogram(x, bins=3)
    return np.sum(counts * x[:3] ** 2) + edges[-1] - edges[0]


def test_histogram_edges_that_follow_the_data_are_differentiated():
    """``np.histogram(x, bins=3)`` without ``range=``: its edges are ``np.linspace(min(x),
    max(x), 4)``, differentiated through the minimum and the maximum (refused before, where
    read; 0 silently before that), in grad and jvp against central differences."""
    _against_differences(spread_weighted, np.array([0.3, -1.2, 0.5, 1.5]))


def densities_following(x):  # (only the densities read: their bins' widths follow x's range)
    dens, _ = np.histogram(x, bins=4, density=True)
    return np.sum(dens * np.arange(4.0))


def test_densities_whose_edges_follow_the_data_are_differentiated():
    """``density=True`` divides the counts by the bins' widths, which follow ``x``'s minimum
    and maximum without ``range=``: differences give [0.456, 0, 0, 0, -0.456, 0] at x below (a
    gradient of 0 was returned before stop 59, refused since)."""
    x = np.array([0.1, 0.55, 0.95, 2.05, 3.3, 1.65])
    np.testing.assert_allclose(tangentish.grad(densities_following)(x),
                               [0.456, 0, 0, 0, -0.456, 0], atol=1e-3)
    _against_differences(densities_following, x)


def _against_differences(f, x):
    expected = numeric_grad(f, [x.copy()])
    np.testing.assert_allclose(tangentish.grad(f)(x), expected, rtol=1e-7, atol=1e-9)
    v = np.cos(np.arange(x.size))
    np.testing.assert_allclose(tangentish.jvp(f)(x, x_dot=v)[1], expected @ v, rtol=1e-7,
                               atol=1e-9)


def refused_clearly(fn, args, named, wrt=0):
    """What :data:`REFUSED` says of ``fn``: one of the project's errors naming it, with a hint
    (``python test_idioms29.py``; not in CI: each class is refused in a test of its own already,
    tests/test_errors.py, test_refusals11.py, test_checked_changes.py...)."""
    check_refusal(fn, args, named, tangentish.grad, wrt)


if __name__ == "__main__":
    check_every_mode(CASES)
    for refused in REFUSED:
        refused_clearly(*refused)
    print(f"{len(REFUSED)} programs refused clearly")
