"""The ``idioms23`` zoo (``idioms23_zoo``), each program in one mode, turn by turn
(``idioms20_check``: the CI budget; ``idioms15_check.check`` runs any row in every mode):
scikit-learn's kernels by ``np.einsum`` and its losses, statsmodels' likelihoods (``log1p``,
``logaddexp``, ``gammaln``), filters by hand, Verlet and leapfrog loops, optimisation loops with a
tolerance or a ``break``, groupby by ``np.bincount``/``np.add.at``, masked means, ``slogdet``,
``cholesky``, ``qr``, sorting and partitioning losses, and parameters in namedtuples handed to
helpers, dataclasses, dicts read in a loop over constant keys and lists of tuples; against central
differences within their error estimate, with ``RuntimeWarning`` an error."""

from __future__ import annotations

import warnings

import pytest
from idioms15_check import by_name
from idioms20_check import check_mode, mode_of
from idioms23_cases import CASES

BY_NAME = by_name(CASES)
TURNS = {case.name: turn for turn, case in enumerate(CASES)}


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_its_turn_of_mode_against_finite_differences(name):
    case = BY_NAME[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        check_mode(case, mode_of(case, TURNS[name]))
