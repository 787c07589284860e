"""The rows of the ``idioms23`` zoo (``idioms23_zoo``), one table (``tests/test_idioms21.py``)."""

from __future__ import annotations

import idioms23_zoo as z
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _ = seeded(2301)

X42 = _n(4, 2)
X53 = _n(5, 3)
Y5 = _n(5)
B5 = np.array([1.0, 0.0, 1.0, 1.0, 0.0])
COUNTS = np.array([0.0, 2.0, 0.0, 1.0, 5.0, 3.0])
GROUPS = np.array([0, 1, 2, 1, 0, 2, 1])
PD = _n(3, 3) + 2.0 * np.eye(3)

CASES = [
    Case("rbf_einsum", z.rbf_einsum, (X42, _n(3, 2)), (0, 1)),
    Case("matern32_kernel", z.matern32_kernel, (X42, 0.9), (0, 1)),
    Case("rational_quadratic", z.rational_quadratic, (X42,)),
    Case("ridge_closed_form", z.ridge_closed_form, (X53, Y5, 0.3), (0, 1, 2)),
    Case("log_loss_clipped", z.log_loss_clipped, (_n(3), X53, B5), (0, 1)),
    Case("hinge_squared_l2", z.hinge_squared_l2,
         (np.array([0.3, -0.2, 0.5]), 0.1, X53, 2.0 * B5 - 1.0), (0, 1)),
    Case("multinomial_logistic", z.multinomial_logistic,
         (_n(3, 4), X53, np.array([0, 3, 1, 2, 1])), (0, 1)),
    Case("zip_loglik", z.zip_loglik, (np.array([0.4, -0.3]), COUNTS)),
    Case("negbin2_loglik", z.negbin2_loglik,
         (_n(3, scale=0.3), 0.7, X53, np.array([0.0, 1.0, 3.0, 2.0, 0.0])), (0, 1)),
    Case("beta_binomial_loglik", z.beta_binomial_loglik,
         (1.3, 2.1, np.array([1.0, 3.0, 0.0, 4.0]), np.array([5.0, 5.0, 4.0, 6.0])), (0, 1)),
    Case("logit_logaddexp", z.logit_logaddexp, (_n(3), X53, B5), (0, 1)),
    Case("probit_loglik", z.probit_loglik, (_n(3), X53, B5)),
    Case("ar1_exact_loglik", z.ar1_exact_loglik, (0.4, 0.8, _n(6)), (0, 1, 2)),
    Case("boxcar_smooth_diff", z.boxcar_smooth_diff, (_n(7),)),
    Case("lfilter_loop", z.lfilter_loop,
         (np.array([0.3, 0.2, 0.1]), np.array([1.0, -0.4, 0.1]), _n(6)), (0, 1, 2)),
    Case("cumsum_moving_average", z.cumsum_moving_average, (_n(7),)),
    Case("savgol_like", z.savgol_like, (_n(7),)),
    Case("exponential_smoothing", z.exponential_smoothing, (0.3, _n(6)), (0, 1)),
    Case("velocity_verlet_spring", z.velocity_verlet_spring, (_n(3), _n(3), 1.7), (0, 1, 2)),
    Case("pair_energy_triu", z.pair_energy_triu,
         (np.array([[0.0, 0.0], [1.1, 0.2], [0.3, 1.2], [1.3, 1.4]]),)),
    Case("gravity_leapfrog", z.gravity_leapfrog, (_n(3, 2), _n(3, 2), _u(0.5, 1.5, 3)),
         (0, 1, 2)),
    Case("spring_chain_energy", z.spring_chain_energy, (_n(4, 2), _u(0.5, 2.0, 3)), (0, 1)),
    Case("gd_until_tol", z.gd_until_tol, (_n(3), PD @ PD.T / 10.0 + np.eye(3), _n(3)),
         (0, 1, 2)),
    Case("newton_sqrt_break", z.newton_sqrt_break, (2.3,)),
    Case("momentum_steps", z.momentum_steps, (_n(3), X53, Y5), (0, 1, 2)),
    Case("groupby_mean_bincount", z.groupby_mean_bincount, (_n(7), GROUPS)),
    Case("groupby_add_at", z.groupby_add_at, (_n(7), GROUPS)),
    Case("nanmean_loss", z.nanmean_loss,
         (_n(5), np.array([0.1, np.nan, 0.3, -1.0, np.nan])), (0,)),
    Case("masked_mean_bool", z.masked_mean_bool, (_n(6),)),
    Case("gaussian_nll_cholesky", z.gaussian_nll_cholesky, (_n(3), _n(6, scale=0.5), X53),
         (0, 1, 2)),
    Case("qr_least_squares", z.qr_least_squares, (X53, Y5), (0, 1)),
    Case("slogdet_sign_logdet", z.slogdet_sign_logdet, (_n(3, 2),)),
    Case("sorted_trimmed_mean", z.sorted_trimmed_mean, (_n(6),)),
    Case("partition_median_abs", z.partition_median_abs, (_n(5),)),
    Case("argsort_ranked_loss", z.argsort_ranked_loss, (_n(5), _n(5))),
    Case("quantile_pinball_sorted", z.quantile_pinball_sorted, (_n(3), _n(6)), (0, 1)),
    Case("namedtuple_poisson", z.namedtuple_poisson,
         (z.Params(_n(3, scale=0.4), 0.2), X53, np.array([1.0, 0.0, 2.0, 1.0, 3.0]))),
    Case("dataclass_mlp", z.dataclass_mlp, (z.Layer(_n(3, 4), _n(4)), X53, Y5)),
    Case("dict_params_mlp", z.dict_params_mlp,
         ({"l1": {"W": _n(3, 4), "b": _n(4)}, "l2": {"W": _n(4, 2), "b": _n(2)}}, X53)),
    Case("tuple_list_params", z.tuple_list_params,
         ([(_n(3, 4), _n(4)), (_n(4, 2), _n(2))], _n(3)), (0, 1)),
    Case("inplace_slices", z.inplace_slices, (_n(6), 0.7), (0, 1)),
    Case("matmul_chain", z.matmul_chain, (_n(3, 3), _n(3, 3), _n(3)), (0, 1, 2)),
]
