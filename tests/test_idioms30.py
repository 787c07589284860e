"""The ``idioms30`` zoos: NumPy written the way other projects write it, in the domains the
tables covered least (``idioms30_zoo``: Kalman filters, attention, mixtures and EM, HMC and
Langevin log-densities; ``idioms30_more_zoo``: robot kinematics, splines, order statistics,
scatter/gather, graphs; ``idioms30_guard_zoo``: guarded code, linear algebra, complex and FFT;
``idioms30_python_zoo``: the Python around the math), against central differences within
their error estimate, with ``RuntimeWarning`` an error (``idioms15_check``).

The CI budget runs the rows of :data:`RUN` in one mode each and the tests below of what this
table's fixes do; ``python test_idioms30.py`` checks every row in every mode."""

from __future__ import annotations

import itertools

import idioms30_python_zoo as p
import numpy as np
import pytest
import scipy.linalg as sla
from idioms15_check import by_name, check_refusal
from idioms20_check import check_every_mode, check_quietly
from idioms30_cases import CASES

import tangentish

BY_NAME = by_name(CASES)
RUN = (("closure_of_closure", "value_and_grad"), ("kernel_lengthscale", "jvp"),
       ("recursive_tree_literal", "value_and_grad"), ("recursive_tree_literal", "hvp"),
       ("kernel_hierarchy", "value_and_grad"), ("kernel_hierarchy", "jvp"),
       ("args_kwargs_forward", "value_and_grad"), ("args_kwargs_forward", "vjp"),
       ("sequential_model", "value_and_grad"), ("sequential_model", "jvp"),
       ("namedtuple_replace", "value_and_grad"))


@pytest.mark.parametrize("name, mode", RUN)
def test_each_program_in_its_mode_against_finite_differences(name, mode):
    check_quietly(BY_NAME[name], mode)


def test_a_recursion_bounded_by_a_length_is_refused_naming_it():
    """``_tree_sum(x, 0, len(x))``: each level's ``if hi - lo == 1`` is decided where the bounds
    are literals, or locals bound once to arithmetic of them (``mid = (lo + hi) // 2``: the
    row ``recursive_tree_literal``, inlined; refused before), but a length is none where the
    derivative is built for every length: refused, the hint saying to pass it as a literal."""
    check_refusal(p.recursive_tree, (np.arange(5.0),), ("recursive call", "_tree_sum", "len(x)"),
                  tangentish.grad)


def placed_pair(t):
    T = np.eye(3)
    T[:2, 2] = [np.cos(t), np.sin(t)]
    v = np.ones(3)
    v[[0, 2]] = (t * 2.0, t ** 2)
    return np.sum(T @ T) + v @ v


def test_the_tangent_of_a_list_written_into_an_array_is_its_items():
    """``T[:2, 2] = [c, s]``, ``v[[0, 2]] = (a, b)``: the tangent of the write is the list of
    the items' tangents, whose dtype is read from the list as an array
    (runtime/indexing.py ``set_index``; ``np.result_type`` of the list raised a raw
    ``TypeError`` before, 'Field elements must be 2- or 3-tuples')."""
    t = 0.4
    expected = 2 * (np.cos(t) - np.sin(t)) + 8 * t + 4 * t ** 3  # (d/dt of the sum)
    _, tangent = tangentish.jvp(placed_pair)(t, t_dot=1.0)
    np.testing.assert_allclose(tangent, expected, rtol=1e-13)


def triples_and_pairs(x):
    total = 0.0
    for a, b, c in itertools.combinations(x, r=3):
        total = total + a * b * c
    return total + sum(u * v for u, v in zip(x, x[::-1]))  # noqa: B905  (as people write it)


def test_combinations_of_a_sequence_are_its_index_pairs():
    """``itertools.combinations(x, 3)`` is ``[(x[i], x[j], x[k]) for i in range(len(x)) for j
    in range(i + 1, len(x)) for k in ...]`` (passes/iterator_forms.py; refused before as a call
    of ``itertools.combinations`` without a rule), also where the function calls ``zip``
    itself (which turned the rewrite of ``pairwise`` and ``product`` off: ``zip`` was taken
    for a local because the function mentions it)."""
    x = np.array([0.3, -1.2, 0.8])
    s, q = x.sum(), x @ x
    expected = ((s - x) ** 2 - (q - x ** 2)) / 2 + 2 * x[::-1]
    np.testing.assert_allclose(tangentish.grad(triples_and_pairs)(x), expected, rtol=1e-13)


def ridge_and_power(w, x):
    r = x - w
    return 0.5 * sla.norm(w) ** 2 + np.sum(np.abs(np.fft.rfft(r)) ** 2)


def test_a_magnitude_squared_has_its_curvature_at_zero():
    """``norm(w) ** 2`` and ``abs(rfft(r)) ** 2`` at ``r = x - w = 0``
    (scipy.linalg's norm here, NumPy's in tests/rules/numpy_fft.py's cx_squared_magnitudes)
    exactly: the Hessian-vector product is the closed form's, where the chain rule through
    ``abs``'s ``sign(0) = 0`` gave 0 for each term (passes/squared_magnitudes.py: written as
    the sums of squares they are, ``_rt.squared_magnitude``; a Newton step from ``w = 0`` of
    ``lam * norm(w) ** 2`` missed ``2 * lam``; ``hypot(a, b) ** 2`` is left as written, its float
    dtype NumPy's to pick)."""
    x = np.array([0.3, -1.2, 0.8, 2.0])
    v = np.array([1.0, -2.0, 0.5, 0.25])
    ones = np.ones(4)  # (|rfft|^2 over n = 4: (4 |r|^2 + (sum r)^2 + (alternating sum)^2) / 2)
    alternating = np.array([1.0, -1.0, 1.0, -1.0])
    power = 4 * v + ones * (ones @ v) + alternating * (alternating @ v)
    expected = v + power
    np.testing.assert_allclose(tangentish.hvp(ridge_and_power)(x.copy(), x, v), expected,
                               rtol=1e-12, atol=1e-12)


if __name__ == "__main__":
    check_every_mode(CASES)
