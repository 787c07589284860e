"""``idioms17_stats_zoo`` (weighted quantiles via sort, trimmed and winsorised statistics, kernel
density estimates, Gaussian-process marginal likelihood and predictions by Cholesky and solve,
ECDF and Wasserstein distances, mixtures, IRLS, Box-Cox) in every first-order mode against
central differences within their error estimate (``idioms15_check``), and hvp for the scalar
ones differentiated in one argument."""

from __future__ import annotations

import idioms17_stats_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _ = seeded(1705)

X7 = _n(7)
W7 = _u(0.5, 1.5, 7)
XG = _n(5, 2)
YG = _n(5)

CASES = [
    Case("weighted_quantile", z.weighted_quantile, (X7, W7), (0, 1)),
    Case("weighted_quantile_x", z.weighted_quantile, (X7, W7)),
    Case("weighted_quantile_w", z.weighted_quantile, (X7, W7), 1),
    Case("weighted_median_sort", z.weighted_median_sort, (X7, W7), (0, 1)),
    Case("quantiles_by_sort", z.quantiles_by_sort, (X7,)),
    Case("trimmed_mean", z.trimmed_mean, (_n(10),)),
    Case("winsorised_var", z.winsorised_var, (_n(9),)),
    Case("kde_gaussian", z.kde_gaussian, (_n(3), X7, 0.6), (0, 1, 2)),
    Case("kde_gaussian_bw", z.kde_gaussian, (_n(3), X7, 0.6), 2),
    Case("kde_loo_likelihood", z.kde_loo_likelihood, (-0.3, X7), (0, 1)),
    Case("kde_loo_likelihood_bw", z.kde_loo_likelihood, (-0.3, X7)),
    Case("scott_bandwidth_kde", z.scott_bandwidth_kde, (X7, 0.2), (0, 1)),
    Case("gp_marginal_likelihood", z.gp_marginal_likelihood,
         (np.array([-0.2, 0.1, -1.0]), XG, YG), (0, 1, 2)),
    Case("gp_marginal_likelihood_theta", z.gp_marginal_likelihood,
         (np.array([-0.2, 0.1, -1.0]), XG, YG)),
    Case("gp_predict_mean_var", z.gp_predict_mean_var, (_n(2, 2), XG, YG), (0, 1, 2)),
    Case("gp_slogdet_form", z.gp_slogdet_form, (0.8, XG, YG), (0, 1, 2)),
    Case("gp_slogdet_form_ell", z.gp_slogdet_form, (0.8, XG, YG)),
    Case("ecdf_distance", z.ecdf_distance, (_n(5), _n(5)), (0, 1)),
    Case("wasserstein_1d_sorted", z.wasserstein_1d_sorted, (_n(6), _n(6)), (0, 1)),
    Case("mixture_loglik", z.mixture_loglik, ((_n(2), _n(2), _n(2, scale=0.2)), X7), (0, 1)),
    Case("irls_huber_location", z.irls_huber_location, (_n(8) * 2,)),
    Case("boxcox_loglik", z.boxcox_loglik, (0.4, _u(0.5, 3.0, 6)), (0, 1)),
    Case("boxcox_loglik_lmbda", z.boxcox_loglik, (0.4, _u(0.5, 3.0, 6))),
    Case("pearson_spearmanish", z.pearson_spearmanish, (X7, X7 + _n(7)), (0, 1)),
    Case("covariance_shrinkage", z.covariance_shrinkage, (_n(6, 3), 0.2), (0, 1)),
    Case("bootstrap_fixed_indices", z.bootstrap_fixed_indices,
         (X7, np.random.default_rng(5).integers(0, 7, (4, 7)))),
    Case("moments_skew_kurt", z.moments_skew_kurt, (X7,)),
    Case("histogram_soft", z.histogram_soft, (X7,)),
    Case("student_t_loglik", z.student_t_loglik, (4.0, X7), (0, 1)),
    Case("student_t_loglik_nu", z.student_t_loglik, (4.0, X7)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
