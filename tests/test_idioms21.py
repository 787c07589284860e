"""The ``idioms21`` zoos and ``idioms22``'s, each program in one mode, turn by turn
(``idioms20_check``: the CI budget; ``python idioms21_check.py`` is not needed:
``idioms15_check.check`` runs any row in every mode): machine learning and statistics
(``idioms21_learn_zoo``), simulation, signal processing and numerics (``idioms21_sim_zoo``), and
other projects' forms (``idioms22_zoo``: NumPy's safe division by ``out=``/``where=``,
scikit-learn's losses, a Joseph-form Kalman update, finite-element assembly by ``np.add.at``...),
against central differences within their error estimate, with ``RuntimeWarning`` an error (a
derivative warns nowhere its primal does not)."""

from __future__ import annotations

import warnings

import pytest
from idioms15_check import by_name
from idioms20_check import check_mode, mode_of
from idioms21_cases import CASES as CASES21
from idioms22_cases import CASES as CASES22

CASES = [*CASES21, *CASES22]

BY_NAME = by_name(CASES)
TURNS = {case.name: turn for turn, case in enumerate(CASES)}


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_its_turn_of_mode_against_finite_differences(name):
    case = BY_NAME[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        check_mode(case, mode_of(case, TURNS[name]))
