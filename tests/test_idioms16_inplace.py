"""``idioms16_inplace_zoo`` (HMM tables filled row by row, Kalman updates in place, pair forces,
Laplacians assembled entry by entry, batched solves, fill_diagonal, ``out=``, put/copyto,
einsum with ``...``) in every first-order mode against central differences within their error
estimate (``idioms15_check``), and hvp for the scalar ones differentiated in one argument."""

from __future__ import annotations

import idioms16_inplace_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _stochastic = seeded(1609)  # (seeded points)


OBS = np.array([0, 2, 1, 1])
A, B = _stochastic(3, 3), _stochastic(3, 3)
EDGES = np.array([[0, 1], [1, 2], [2, 3], [3, 0], [0, 2]])
GRID = np.array([[0.0, 0.0], [1.1, 0.0], [0.0, 1.1], [1.1, 1.1]]) + _n(4, 2, scale=0.05)
_C = _n(3, 3)

CASES = [
    Case("hmm_alpha_table", z.hmm_alpha_table,
         (np.log(_stochastic(3)), np.log(A), np.log(B), OBS), (0, 1, 2)),
    Case("hmm_alpha_table_A", z.hmm_alpha_table,
         (np.log(_stochastic(3)), np.log(A), np.log(B), OBS), 1),
    Case("hmm_backward", z.hmm_backward, (A, B, OBS), (0, 1)),
    Case("viterbi_score", z.viterbi_score, (np.log(A), np.log(B), OBS), (0, 1)),
    Case("kalman_inplace", z.kalman_inplace, (_C @ _C.T + np.eye(3), _n(2, 3), 0.5), (0, 1, 2)),
    Case("kalman_inplace_P", z.kalman_inplace, (_C @ _C.T + np.eye(3), _n(2, 3), 0.5)),
    Case("pair_forces_loop", z.pair_forces_loop, (GRID,)),
    Case("laplacian_assembled", z.laplacian_assembled, (_u(0.5, 1.5, 5), _n(4), EDGES), (0, 1)),
    Case("batched_solve", z.batched_solve, (_n(2, 3, 3), _n(2, 3)), (0, 1)),
    Case("batched_inverse_logdet", z.batched_inverse_logdet, (_n(2, 3, 3),)),
    Case("fill_diagonal_active", z.fill_diagonal_active, (_n(3, 2),)),
    Case("reversed_cumsum_returns", z.reversed_cumsum_returns, (_n(5),)),
    Case("einsum_ellipsis_batch", z.einsum_ellipsis_batch, (_n(2, 3, 3), _n(2, 3)), (0, 1)),
    Case("einsum_trace_diag", z.einsum_trace_diag, (_n(3, 3),)),
    Case("masked_scale_inplace", z.masked_scale_inplace, (np.array([0.3, -0.2, -0.9, 1.1]),)),
    Case("row_normalise_loop", z.row_normalise_loop, (_n(3, 2),)),
    Case("augmented_dict_update", z.augmented_dict_update, ({"a": _n(2), "b": _n(3)}, 0.3),
         (0, 1)),
    Case("stack_of_rotations", z.stack_of_rotations, (_n(3), _n(3, 2)), (0, 1)),
    Case("triu_pairs_scatter", z.triu_pairs_scatter, (GRID,)),
    Case("bincount_degree_norm", z.bincount_degree_norm, (_n(4), EDGES)),
    Case("copies_of_a_dict_argument", z.copies_of_a_dict_argument,
         ({"w": _n(3, 2), "b": _n(2)}, _n(4, 3)), (0, 1)),
    Case("augmented_dict_update_params", z.augmented_dict_update, ({"a": _n(2), "b": _n(3)}, 0.3)),
    Case("float32_portfolio", z.float32_portfolio,
         (_u(0.5, 1.5, 3).astype(np.float32), (_C @ _C.T + np.eye(3)).astype(np.float32)),
         (0, 1)),
    Case("ufunc_out_argument", z.ufunc_out_argument, (_n(4),)),  # (refused before out_arguments)
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
