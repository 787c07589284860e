"""The rows of the ``idioms21`` zoos (``idioms21_learn_zoo``, ``idioms21_sim_zoo``), one table
(``tests/test_idioms21.py``)."""

from __future__ import annotations

import idioms21_learn_zoo as learn
import idioms21_sim_zoo as sim
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _s = seeded(2101)

X6 = _n(6, 2)
Y6 = (X6 @ np.array([1.0, -1.0]) + _n(6, scale=0.5) > 0).astype(float)
ONEHOT = np.eye(3)[[0, 2, 1, 1, 0, 2]]
POS = np.array([[0.0, 0.0], [1.0, 0.2], [0.3, 1.1]]) + _n(3, 2, scale=0.05)
PRICES = np.array([1.0, 1.2, 1.1, 1.4, 1.3, 0.9, 1.5])

CASES = [
    Case("logistic_fit_loss", learn.logistic_fit_loss, (_n(3, scale=0.5), X6, Y6)),
    Case("masked_cross_entropy", learn.masked_cross_entropy,
         (_n(5, 3), np.array([0, 2, -100, 1, 2]))),
    Case("layer_norm", learn.layer_norm, (_n(3, 4), _u(0.5, 1.5, 4), _n(4)), (0, 1, 2)),
    Case("attention_head", learn.attention_head, (_n(4, 3), _n(3, 2), _n(3, 2), _n(3, 2)),
         (0, 1, 2, 3)),
    Case("gmm_loglik", learn.gmm_loglik,
         (_n(7), np.array([-1.0, 0.3, 1.2]), _n(3, scale=0.2), _n(3, scale=0.3)), (0, 1, 2, 3)),
    Case("softmax_regression", learn.softmax_regression, (_n(2, 3), _n(6, 2), ONEHOT)),
    Case("zscore_outliers", learn.zscore_outliers,
         (np.array([0.3, -0.2, 2.9, 0.8, 1.1, -1.7]),)),
    Case("polyfit_residual", learn.polyfit_residual, (np.linspace(0, 1, 6), _n(6)), (0, 1)),
    Case("prox_lasso", learn.prox_lasso, (_n(3) * 0.5, _n(6, 3), _n(6)), (0, 1, 2)),
    Case("adam_inner_loop", learn.adam_inner_loop, (_n(3), _n(5, 3), _n(5)), (0, 1, 2)),
    Case("stacked_lstm_cell", learn.stacked_lstm_cell,
         (_n(2, 2), _n(8, 2, scale=0.5), _n(8, 2, scale=0.5), _n(8, scale=0.1)), (0, 1, 2, 3)),
    Case("gini", learn.gini, (_u(0.5, 3.0, 6),)),
    Case("nbody_leapfrog", sim.nbody_leapfrog, (POS, _n(3, 2, scale=0.1), _u(0.5, 1.5, 3)),
         (0, 1, 2)),
    Case("kalman_filter_nll", sim.kalman_filter_nll,
         (0.1, 0.3, np.array([0.1, 0.5, 0.9])), (0, 1)),
    Case("rk4_pendulum", sim.rk4_pendulum, (np.array([0.4, 0.0]), 1.2), (0, 1)),
    Case("smooth_and_correlate", sim.smooth_and_correlate, (_n(9),)),
    Case("max_drawdown_soft", sim.max_drawdown_soft, (PRICES,)),
    Case("rolling_zscore", sim.rolling_zscore, (_n(7),)),
    Case("strided_update", sim.strided_update, (_n(6),)),
    Case("cg_solve", sim.cg_solve, (_n(3, 3), _n(3)), (0, 1)),
    Case("welford_variance", sim.welford_variance, (_n(6),)),
]
