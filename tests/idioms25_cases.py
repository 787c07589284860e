"""The rows of the ``idioms25`` zoos (``idioms25_zoo``, ``idioms25_more_zoo``), one table
(``tests/test_idioms25.py``)."""

from __future__ import annotations

import idioms25_more_zoo as m
import idioms25_zoo as z
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _s = seeded(2501)


def _spd(n: int) -> np.ndarray:
    a = _n(n, n, scale=0.4)
    return a @ a.T + np.eye(n)


Y01 = np.array([1.0, 0.0, 0.0, 1.0, 1.0])
PM1 = np.array([1.0, -1.0, -1.0, 1.0, 1.0])
COUNTS = np.array([0.0, 1.0, 3.0, 0.0, 2.0])
X52 = _n(5, 2)
X53 = _n(5, 3)
H12 = np.array([[1.0, 0.3]])
F22 = np.array([[1.0, 0.1], [-0.2, 0.95]])

CASES = [
    Case("bohachevsky", z.bohachevsky, (_n(3),)),
    Case("hartmann3", z.hartmann3, (_u(0.0, 1.0, 3),)),
    Case("shekel", z.shekel, (_u(2.0, 6.0, 2),)),
    Case("levy13", z.levy13, (_n(2),)),
    Case("salomon", z.salomon, (_n(3),)),
    Case("schaffer2_chain", z.schaffer2_chain, (_n(4),)),
    Case("perm_beta", z.perm_beta, (_n(3),)),
    Case("qing", z.qing, (_n(3),)),
    Case("colville", z.colville, (_n(4),)),
    Case("sum_different_powers", z.sum_different_powers, (_n(4),)),
    Case("alpine2", z.alpine2, (_u(0.5, 3.0, 3),)),
    Case("easom", z.easom, (np.array([3.0, 2.8]),)),
    Case("weighted_log_loss", z.weighted_log_loss, (_u(0.1, 0.9, 5), Y01)),
    Case("weighted_log_loss_w", z.weighted_log_loss, (_u(0.1, 0.9, 5), Y01, _u(0.5, 2.0, 5)),
         (0, 2)),
    Case("class_weighted_ce", z.class_weighted_ce,
         (_n(4, 3), np.array([0, 2, 1, 2]), {0: 1.0, 1: 2.0, 2: 0.5})),
    Case("masked_huber", z.masked_huber,
         (np.array([0.1, 2.5, -1.7, 0.4, 3.0, -0.2]), np.array([0.3, 0.2, 0.1, -0.5, 0.0, 0.6]),
          np.array([True, True, True, False, True, True])), (0, 1)),
    Case("crammer_singer_hinge", z.crammer_singer_hinge, (_n(3, 3), _n(4, 3), np.array([0, 1, 2, 1])),
         (0, 1)),
    Case("poisson_deviance_glm", z.poisson_deviance_glm, (_n(2, scale=0.3), X52, COUNTS), (0, 1)),
    Case("tweedie_deviance", z.tweedie_deviance, (_n(5, scale=0.3), COUNTS)),
    Case("svc_callers", z.svc_callers, (_n(3), X53, PM1), (0, 1)),
    Case("ridge_centered", z.ridge_centered, (_n(3), X53, _n(5)), (0, 1, 2)),
    Case("r2_loss", z.r2_loss, (_n(5, 2), _n(5, 2)), (0, 1)),
    Case("r2_loss_weighted", z.r2_loss, (_n(5, 2), _n(5, 2), "variance_weighted"), (0, 1)),
    Case("r2_loss_raw", z.r2_loss, (_n(5, 2), _n(5, 2), "raw_values"), (0, 1)),
    Case("multi_quantile_loss", z.multi_quantile_loss, (_n(5, 3), _n(5)), (0, 1)),
    Case("leapfrog_dict", z.leapfrog_dict, ({"q": _n(3), "p": _n(3), "m": 1.3},)),
    Case("rk4_dict", z.rk4_dict, ({"x": 0.7, "v": -0.2}, 1.5), (0, 1),
         second=False),  # (hvp in k alone: `dict(state)` of a dict not under wrt, refused)
    Case("boris_push", z.boris_push, (_n(3), _n(3), _n(3)), (0, 1, 2)),
    Case("crank_nicolson", z.crank_nicolson, (_n(5), 0.8), (0, 1)),
    Case("symplectic_pendulum", z.symplectic_pendulum, (0.4, 0.1), (0, 1)),
    Case("spring_chain_inplace", z.spring_chain_inplace,
         (np.arange(4) * 1.1 + _n(4, scale=0.1), _n(4)), (0, 1)),
    Case("kalman_predict_update", z.kalman_predict_update,
         ({"x": _n(2), "P": _spd(2)}, _n(1), F22, H12), (0, 1, 2, 3)),
    Case("ekf_pendulum", z.ekf_pendulum, (np.array([0.3, 0.1]), [0.2, 0.35, 0.1]), (0, 1)),
    Case("information_filter", z.information_filter,
         (_n(2), _spd(2), _n(3), _n(3, 2), np.diag(_u(0.5, 2.0, 3))), (0, 1, 2, 3, 4)),
    Case("kalman_innovations", z.kalman_innovations,
         (_n(2), [_n(1), _n(1), _n(1)], F22, H12), (0, 1, 2, 3)),
    Case("alpha_beta_tracker", z.alpha_beta_tracker, (_n(5), np.array([0.5, 0.3])), (0, 1)),
    # part two
    Case("alibi_attention", m.alibi_attention, (_n(4, 2), _n(4, 2), _n(4, 2)), (0, 1, 2)),
    Case("relative_bias_attention", m.relative_bias_attention, (_n(3, 2), _n(3, 2), _n(5)),
         (0, 1, 2)),
    Case("cross_attention_lengths", m.cross_attention_lengths, (_n(2, 2, 3), _n(2, 4, 3), [2, 4]),
         (0, 1)),
    Case("multi_query_attention", m.multi_query_attention,
         (_n(3, 4), _n(4, 4), _n(4, 2), _n(4, 2)), (0, 1, 2, 3)),
    Case("rotary_attention", m.rotary_attention, (_n(3, 4), _n(3, 4)), (0, 1)),
    Case("temperature_softmax_ce", m.temperature_softmax_ce, (_n(3, 4), _s(3, 4)), (0, 1)),
    Case("ragged_mean_pool", m.ragged_mean_pool, (_n(2, 3), [_n(3, 2), _n(1, 2), _n(4, 2)]),
         (0, 1)),
    Case("pad_ragged", m.pad_ragged, ([_n(3), _n(1), _n(2)], _n(3)), (0, 1)),
    Case("ragged_offsets", m.ragged_offsets, (_n(6), [2, 3, 1])),
    Case("ragged_softmax_pool", m.ragged_softmax_pool, ([_n(3), _n(2)], [_n(3, 2), _n(2, 2)]),
         (0, 1)),
    Case("ragged_rnn", m.ragged_rnn,
         (_n(2, 2, scale=0.5), _n(2), [[0.3, -0.2, 0.5], [1.0], [-0.4, 0.7]]), (0, 1, 2)),
    Case("log1mexp_loss", m.log1mexp_loss, (np.array([0.1, 0.5, 1.0, 3.0]),)),
    Case("softplus_stable_sum", m.softplus_stable_sum, (_n(5), 1.5), (0, 1)),
    Case("bce_with_logits", m.bce_with_logits, (_n(5), Y01)),
    Case("bce_with_logits_pw", m.bce_with_logits, (_n(5), Y01, 2.0), (0, 2)),
    Case("running_logaddexp", m.running_logaddexp, (_n(4),)),
    Case("compound_growth", m.compound_growth, (_u(0.01, 0.1, 3),)),
    Case("hypot_path_length", m.hypot_path_length, (_n(4), _n(4)), (0, 1)),
    Case("probit_log_ndtr", m.probit_log_ndtr, (_n(2), X52, Y01), (0, 1)),
    Case("logit_space_blend", m.logit_space_blend, (_u(0.1, 0.9, 3), _u(0.1, 0.9, 3)), (0, 1)),
    Case("scaled_loss_callers", m.scaled_loss_callers, (np.array([0.5, -1.8, 1.1]),)),
    Case("weights_default", m.weights_default, (_n(3),)),
    Case("weights_default_w", m.weights_default, (_n(3), _u(0.5, 2.0, 3), 3), (0, 1)),
    Case("descend_until", m.descend_until, (_n(3, scale=0.5),)),
    Case("sgd_dict_inplace", m.sgd_dict_inplace, ({"w": _n(2), "b": 0.1}, X52, _n(5)), (0, 1, 2),
         second=False),  # (hvp in X alone: a loop over the keys of a dict held constant, refused)
    Case("smooth_slices", m.smooth_slices, (_n(5), 0.5), (0, 1)),
    Case("options_callers", m.options_callers, (_n(2), _n(4, 2), _n(4)), (0, 1, 2)),
    Case("early_exit_series", m.early_exit_series, (_n(3, scale=0.01),)),
    Case("early_exit_series_full", m.early_exit_series, (_n(3),)),
]
