"""``idioms17_learn_zoo`` (logistic, hinge, Huber, quantile and deviance losses, ridge by solve,
softmax regression, hand-written SGD/momentum/Nesterov/Adam/RMSProp/Adagrad loops over lists and
dicts of parameters) in every first-order mode against central differences within their error
estimate (``idioms15_check``), and hvp for the scalar ones differentiated in one argument."""

from __future__ import annotations

import idioms17_learn_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _ = seeded(1701)

X = _n(6, 3)
Y01 = np.array([0.0, 1.0, 1.0, 0.0, 1.0, 0.0])
YPM = 2 * Y01 - 1
W3 = _n(3)
LABELS = np.array([0, 2, 1, 1, 0, 2])
_M = _n(3, 3, scale=0.3)
A = _M @ _M.T + np.eye(3)
Y6 = _n(6)

CASES = [
    Case("logistic_l2", z.logistic_l2, (W3, X, YPM), (0, 1)),
    Case("logistic_l2_w", z.logistic_l2, (W3, X, YPM)),
    Case("logistic_l1_intercept", z.logistic_l1_intercept, (_n(4), X, Y01), (0, 1)),
    Case("hinge_loss", z.hinge_loss, (W3, X, YPM), (0, 1)),
    Case("squared_hinge", z.squared_hinge, (W3, X, YPM)),
    Case("multiclass_hinge", z.multiclass_hinge, (_n(3, 3), X, LABELS), (0, 1)),
    Case("huber", z.huber, (W3, X, Y6 * 2), (0, 1, 2)),
    Case("huber_w", z.huber, (W3, X, Y6 * 2)),
    Case("pseudo_huber", z.pseudo_huber, (Y6,)),
    Case("quantile_loss", z.quantile_loss, (Y6, _n(6)), (0, 1)),
    Case("multi_quantile", z.multi_quantile, (_n(6, 3), Y6), (0, 1)),
    Case("poisson_deviance", z.poisson_deviance, (W3 * 0.3, X, _u(0.5, 3.0, 6)), (0, 1)),
    Case("tweedie_deviance", z.tweedie_deviance, (_u(0.5, 2.0, 5), _u(0.5, 2.0, 5)), (0, 1)),
    Case("ridge_centered_multi", z.ridge_centered_multi, (X, _n(6, 2), 0.5), (0, 1, 2)),
    Case("ridge_centered_multi_X", z.ridge_centered_multi, (X, _n(6, 2))),
    Case("ridge_dual", z.ridge_dual, (X, Y6), (0, 1)),
    Case("elastic_net", z.elastic_net, (W3, X, Y6), (0, 1, 2)),
    Case("softmax_regression", z.softmax_regression, (_n(3, 3), X, LABELS), (0, 1)),
    Case("softmax_regression_W", z.softmax_regression, (_n(3, 3), X, LABELS)),
    Case("one_hot_cross_entropy", z.one_hot_cross_entropy, (_n(3, 3), X, LABELS), (0, 1)),
    Case("log_cosh_loss", z.log_cosh_loss, (Y6, _n(6)), (0, 1)),
    Case("focal_loss", z.focal_loss, (Y6, Y01), 0),
    Case("lasso_soft_threshold", z.lasso_soft_threshold, (np.array([0.9, -0.1, -0.8, 0.2]),)),
    Case("kernel_ridge_rbf", z.kernel_ridge_rbf, (_n(4, 2), _n(4)), (0, 1)),
    Case("standard_scaler_fit", z.standard_scaler_fit, (X, W3), (0, 1)),
    Case("sgd_steps", z.sgd_steps, (W3, A), (0, 1)),
    Case("momentum_over_params", z.momentum_over_params, (W3, 0.3, A), (0, 1, 2)),
    Case("nesterov", z.nesterov, (W3, A), (0, 1)),
    Case("nesterov_w", z.nesterov, (W3, A)),
    Case("adam_over_params", z.adam_over_params, (W3, 0.3, A), (0, 1, 2)),
    Case("rmsprop", z.rmsprop, (W3, A), (0, 1)),
    Case("adagrad_dict", z.adagrad_dict, ({"w": W3, "b": 0.4}, A), (0, 1)),
    Case("gradient_descent_logistic", z.gradient_descent_logistic, (W3, X, Y01), (0, 1)),
    Case("lr_schedule_decay", z.lr_schedule_decay, (W3, A), (0, 1)),
    Case("weight_decay_tuple_params", z.weight_decay_tuple_params, ((W3, 0.2), X, Y6), (0, 1)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
