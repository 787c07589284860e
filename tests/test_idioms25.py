"""The ``idioms25`` zoos, each program in one mode, turn by turn (``idioms20_check``: the CI
budget; ``idioms15_check.check`` runs any row in every mode): optimisation test functions written
with Python loops over coordinates and module tables, scikit-learn-style losses (``sample_weight=
None``, class weights from a dict, masks by ``np.where``, ``xlogy``, ``multioutput=``), integrators
over a dict of state, Kalman filters (extended, information, innovations by ``slogdet``, an
alpha-beta tracker updated in place) (``idioms25_zoo``); attention with ``keepdims`` (ALiBi,
relative bias, ragged lengths, multi-query, rotary), ragged lists, numerically stable spellings
(``log1mexp``, ``logaddexp``, ``log1p``/``expm1``, ``hypot``, ``log_ndtr``) and the Python
around them (keyword-only options, early returns, ``while`` with ``break``, in-place updates of
slices and of a dict's entries) (``idioms25_more_zoo``); against central differences within their
error estimate, with ``RuntimeWarning`` an error.

The CI budget runs the rows of :data:`RUN` (cheap rows of features the earlier tables do not
take; the mechanisms the zoo found have their own tests: test_dict_hoist, test_logaddexp_shares,
test_dict_comprehensions, the rule rows rt_share and rt_own_list; sgd_dict_inplace's rebound
parameter, test_dict_hoist); ``python test_idioms25.py``
checks every row in every mode (``idioms15_check.check_each_position``: ``hvp`` in each position
too, of a scalar, unless its row says ``second=False``)."""

from __future__ import annotations

import pytest
from idioms15_check import by_name
from idioms20_check import check_every_mode, check_quietly, mode_of
from idioms25_cases import CASES

BY_NAME = by_name(CASES)
TURNS = {case.name: turn for turn, case in enumerate(CASES)}
RUN = ("log1mexp_loss", "class_weighted_ce")  # (the CI budget: a double np.where with expm1 and
# log1p, class weights read from a dict)


@pytest.mark.parametrize("name", RUN)
def test_each_program_in_its_turn_of_mode_against_finite_differences(name):
    check_quietly(BY_NAME[name], mode_of(BY_NAME[name], TURNS[name]))


if __name__ == "__main__":
    check_every_mode(CASES)
