"""``idioms15_stats_zoo`` (robust losses, log-likelihoods, kernel densities, a Gaussian-process
marginal likelihood, 1-D filters and 2-D stencils) in every first-order mode against central
differences within their error estimate (``idioms15_check``), and a few Hessian-vector
products."""

from __future__ import annotations

import idioms15_stats_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check

R = np.random.default_rng(1515)
_n = lambda *shape, scale=1.0: R.normal(0.0, scale, shape)  # noqa: E731  (seeded points)
_u = lambda *shape: R.uniform(0.3, 1.5, shape)  # noqa: E731  (positive ones)

X63, Y6 = _n(6, 3), _n(6)
SIGNS6 = np.array([1.0, -1.0, 1.0, 1.0, -1.0, -1.0])
COUNTS = np.array([0.0, 2.0, 1.0, 4.0, 0.0])
XGP = _n(5, 2)
RESID = np.array([0.3, -2.1, 1.6, -0.4, 0.9, -1.2])  # (inside and outside the thresholds)

CASES = [
    Case("huber_sklearn", z.huber_sklearn, (_n(3), X63, Y6 * 2.0)),
    Case("pseudo_huber", z.pseudo_huber, (_n(6),)),
    Case("tukey_biweight", z.tukey_biweight, (RESID,)),
    Case("cauchy_loss", z.cauchy_loss, (_n(5), 0.6), (0, 1)),
    Case("quantile_regression", z.quantile_regression, (_n(3), X63, Y6)),
    Case("epsilon_insensitive", z.epsilon_insensitive, (_n(3), X63, Y6)),
    Case("log_cosh_loss", z.log_cosh_loss, (_n(5), _n(5)), (0, 1)),
    Case("modified_huber", z.modified_huber, (_n(3), X63 * 2, SIGNS6)),
    Case("normal_nll", z.normal_nll, (np.array([0.2, -0.3]), _n(7))),
    Case("gamma_loglik", z.gamma_loglik, (0.3, -0.2, _u(6)), (0, 1)),
    Case("student_t_logpdf", z.student_t_logpdf, (_n(5), 4.0, 0.2, 1.3), (0, 1, 2, 3)),
    Case("poisson_deviance", z.poisson_deviance, (_n(5, scale=0.3), COUNTS)),
    Case("negative_binomial_nll", z.negative_binomial_nll, (_n(5, scale=0.3), COUNTS, 0.7),
         (0, 2)),
    Case("bernoulli_logit_ll", z.bernoulli_logit_ll, (_n(3), X63, (SIGNS6 > 0) * 1.0)),
    Case("multinomial_ll", z.multinomial_ll, (_n(5), COUNTS)),
    Case("exponential_mle", z.exponential_mle, (0.4, _u(6))),
    Case("lognormal_ll", z.lognormal_ll, (0.1, 0.8, _u(5)), (0, 1)),
    Case("mvn_logpdf_chol", z.mvn_logpdf_chol,
         (_n(3), np.tril(_n(3, 3, scale=0.3)) + 1.5 * np.eye(3), _n(4, 3)), (0, 1)),
    Case("von_mises_ll", z.von_mises_ll, (0.3, _n(5)), (0, 1)),
    Case("beta_binomial", z.beta_binomial, (np.array([1.3, 2.2]), np.array([1.0, 3.0, 0.0]),
                                            np.array([4.0, 5.0, 2.0]))),
    Case("weibull_nll", z.weibull_nll, (np.array([0.3, 0.1]), _u(6))),
    Case("censored_exponential", z.censored_exponential,
         (0.2, _u(5), np.array([1.0, 0.0, 1.0, 1.0, 0.0]))),
    Case("dirichlet_logpdf", z.dirichlet_logpdf, (_n(3, scale=0.3), np.array([0.2, 0.5, 0.3])),
         0, True),
    Case("kde_loglik", z.kde_loglik, (-0.2, _n(6), _n(4)), (0, 1, 2)),
    Case("kde_2d", z.kde_2d, (_n(5, 2), _n(3, 2)), (0, 1)),
    Case("epanechnikov_kde", z.epanechnikov_kde, (_n(4, scale=0.5), _n(5, scale=0.5)), (0, 1)),
    Case("gp_nlml", z.gp_nlml, (np.array([0.1, 0.2, -1.0]), XGP, _n(5))),
    Case("gp_nlml_X", z.gp_nlml, (np.array([0.1, 0.2, -1.0]), XGP, _n(5)), (1, 2)),
    Case("gp_predict_mean", z.gp_predict_mean, (_n(5), XGP, _n(3, 2)), (0, 1, 2)),
    Case("gp_scipy_cho", z.gp_scipy_cho, (np.array([0.1, -1.0]), XGP, _n(5)), 0),
    Case("fir_smooth", z.fir_smooth, (_n(8), _n(3)), (0, 1)),
    Case("convolve_full_kernel", z.convolve_full_kernel, (_n(3), _n(6)), (0, 1)),
    Case("total_variation_1d", z.total_variation_1d, (_n(6), 0.3, _n(6)), (0, 2)),
    Case("total_variation_1d_default", z.total_variation_1d, (_n(6),)),
    Case("second_diff_penalty", z.second_diff_penalty, (_n(7),)),
    Case("diff_with_prepend", z.diff_with_prepend, (_n(5),)),
    Case("moving_average_valid", z.moving_average_valid, (_n(7),)),
    Case("autocorr_lag", z.autocorr_lag, (_n(7),)),
    Case("circular_conv", z.circular_conv, (_n(6), _n(3)), (0, 1)),
    Case("spectral_energy_dft", z.spectral_energy_dft, (_n(6),)),
    Case("preemphasis", z.preemphasis, (_n(6),)),
    Case("envelope_ema", z.envelope_ema, (_n(6),)),
    Case("laplacian_5pt", z.laplacian_5pt, (_n(5, 4),)),
    Case("laplacian_roll", z.laplacian_roll, (_n(4, 4),)),
    Case("dirichlet_energy_pad", z.dirichlet_energy_pad, (_n(3, 4),)),
    Case("edge_pad_blur", z.edge_pad_blur, (_n(4, 4),)),
    Case("reflect_pad_signal", z.reflect_pad_signal, (_n(6),)),
    Case("sobel_magnitude", z.sobel_magnitude, (_n(5, 5),)),
    Case("tv_image_isotropic", z.tv_image_isotropic, (_n(4, 5),)),
    Case("heat_explicit_2d", z.heat_explicit_2d, (_n(5, 5),)),
    Case("downsample_mean", z.downsample_mean, (_n(4, 6),)),
    Case("wrap_pad_periodic", z.wrap_pad_periodic, (_n(3, 5),)),
    Case("gradient_numpy_2d", z.gradient_numpy_2d, (_n(4, 5),)),
    Case("histogram_equalize_soft", z.histogram_equalize_soft, (_n(3, 3, scale=0.5),)),
    Case("unsharp_mask", z.unsharp_mask, (_n(4, 4, scale=0.4),)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
