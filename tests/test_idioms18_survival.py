"""``idioms18_survival_zoo`` (Cox partial likelihoods by loops, reversed cumulative sums and
Breslow ties, Weibull, log-normal, piecewise-exponential, discrete-time and Gompertz likelihoods
with censoring, ranking losses, Gaussian, Poisson and von Mises mixtures with logsumexp, an EM
step) in every first-order mode against central differences within their error estimate
(``idioms15_check``), and hvp for the scalar ones differentiated in one argument."""

from __future__ import annotations

import idioms18_survival_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _ = seeded(1805)

XS = _n(6, 2)
TIMES = np.array([2.0, 1.0, 3.5, 1.0, 0.5, 2.7])
EVENTS = np.array([1, 1, 0, 1, 0, 1])
SCORES = _n(5)
REL = np.array([2.0, 0.0, 1.0, 3.0, 1.0])
XM = np.concatenate([_n(5) - 1.0, _n(5) + 1.5])

CASES = [
    Case("cox_partial_loop", z.cox_partial_loop, (_n(2), XS, TIMES + _u(0, .1, 6), EVENTS)),
    Case("cox_partial_cumsum", z.cox_partial_cumsum, (_n(2), XS, TIMES + _u(0, .1, 6), EVENTS)),
    Case("cox_breslow_ties", z.cox_breslow_ties, (_n(2), XS, TIMES, EVENTS)),
    Case("weibull_aft_nll", z.weibull_aft_nll, (np.array([0.2, -0.1, 0.3]), XS, TIMES, EVENTS)),
    Case("lognormal_aft_censored", z.lognormal_aft_censored, (0.3, 0.8, TIMES, EVENTS), (0, 1)),
    Case("piecewise_exponential", z.piecewise_exponential,
         (np.array([-0.5, 0.1, -0.2]), TIMES, EVENTS)),
    Case("discrete_time_hazard", z.discrete_time_hazard,
         (_n(3, 4), np.array([1, 3, 0]), np.array([1, 0, 1]))),
    Case("kaplan_meier_smooth", z.kaplan_meier_smooth, (_n(5),)),
    Case("pairwise_hinge_rank", z.pairwise_hinge_rank, (SCORES, REL)),
    Case("ranknet_loss", z.ranknet_loss, (SCORES, REL)),
    Case("listnet_loss", z.listnet_loss, (SCORES, REL)),
    Case("approx_ndcg", z.approx_ndcg, (SCORES, REL)),
    Case("bpr_loss", z.bpr_loss, (_n(3), _n(5, 3), np.array([0, 2, 2]), np.array([1, 3, 4])),
         (0, 1)),
    Case("bpr_loss_items", z.bpr_loss,
         (_n(3), _n(5, 3), np.array([0, 2, 2]), np.array([1, 3, 4])), 1),
    Case("lambda_weighted_pairs", z.lambda_weighted_pairs, (SCORES, REL)),
    Case("gmm_1d_logsumexp", z.gmm_1d_logsumexp,
         (XM, np.array([-1.0, 1.0]), np.array([0.1, -0.2]), np.array([0.3, -0.3])),
         (0, 1, 2, 3)),
    Case("gmm_1d_logsumexp_means", z.gmm_1d_logsumexp,
         (XM, np.array([-1.0, 1.0]), np.array([0.1, -0.2]), np.array([0.3, -0.3])), 1),
    Case("gmm_em_step_loglik", z.gmm_em_step_loglik,
         (XM, np.array([-1.0, 1.0]), np.array([0.8, 1.2]), np.array([0.4, 0.6])), (0, 1, 2, 3)),
    Case("gmm_em_step_loglik_mu", z.gmm_em_step_loglik,
         (XM, np.array([-1.0, 1.0]), np.array([0.8, 1.2]), np.array([0.4, 0.6])), 1),
    Case("poisson_mixture", z.poisson_mixture,
         (np.array([0.0, 2.0, 5.0, 1.0, 7.0]), np.array([0.2, 1.6]), np.array([0.1, -0.1])),
         (1, 2)),
    Case("von_mises_mixture", z.von_mises_mixture,
         (_u(-3, 3, 6), np.array([0.5, -2.0]), np.array([1.5, 3.0]), np.array([0.3, 0.7])),
         (0, 1, 2, 3)),
    Case("mixture_of_regressions", z.mixture_of_regressions,
         (XS, _n(6), _n(2, 3), _n(3)), (2, 3)),
    Case("concordance_smooth", z.concordance_smooth, (_n(6), TIMES + _u(0, .1, 6), EVENTS)),
    Case("softmax_cross_entropy_topk", z.softmax_cross_entropy_topk, (SCORES, 3)),
    Case("gompertz_nll", z.gompertz_nll, (np.array([-1.0, 0.3]), TIMES, EVENTS)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
