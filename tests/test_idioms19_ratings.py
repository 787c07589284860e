"""``idioms19_ratings_zoo`` (Elo, Bradley-Terry, Plackett-Luce, Thurstone and Glicko-like
ratings, GARCH, GJR-GARCH, EGARCH, ARMA and VAR losses, an American put on a binomial tree,
Heston and Merton paths on fixed noise, Nelson-Siegel and CIR curves, smooth CVaR, Kelly growth,
mean-variance with ``np.cov``, tracking error, drawdown, yield to maturity by Newton) in every
first-order mode against central differences within their error estimate (``idioms15_check``),
and hvp for the scalar ones differentiated in one argument."""

from __future__ import annotations

import idioms19_ratings_zoo as z
import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _u, _s = seeded(1902)

RET = _n(40, scale=0.02)
ASSETS = _n(30, 4, scale=0.01) + 0.001
MATCHES = [(0, 1, 1.0), (2, 3, 0.0), (1, 2, 0.5), (3, 0, 1.0), (0, 2, 0.0)]
MAT = np.array([0.5, 1.0, 2.0, 5.0, 10.0, 20.0])

CASES = [
    Case("elo_ratings", z.elo_ratings, (1500.0 + _n(4, scale=50.0), MATCHES)),
    Case("bradley_terry_nll", z.bradley_terry_nll,
         (_n(4), np.array([0, 1, 2, 0, 3]), np.array([1, 2, 3, 3, 1]))),
    Case("plackett_luce_nll", z.plackett_luce_nll,
         (_n(5), [np.array([0, 2, 1, 4]), np.array([3, 1, 0])])),
    Case("thurstone_probit", z.thurstone_probit,
         (_n(4), np.array([[0, 1], [1, 2], [2, 3], [3, 0]]), np.array([1.0, 0.0, 1.0, 1.0])),
         (0, 2)),
    Case("glicko_like", z.glicko_like,
         (1500.0, 200.0, np.array([1400.0, 1550.0, 1700.0]), np.array([30.0, 100.0, 300.0]),
          np.array([1.0, 0.0, 0.0])), (0, 1, 2, 3)),
    Case("garch11_nll", z.garch11_nll, (np.log(np.array([1e-5, 0.08, 0.85])), RET)),
    Case("gjr_garch_nll", z.gjr_garch_nll, (np.array([2e-5, 0.05, 0.08, 0.85]), RET), (0, 1)),
    Case("egarch_nll", z.egarch_nll, (np.array([-0.5, 0.1, -0.05, 0.9]), RET)),
    Case("arma11_css", z.arma11_css, (np.array([0.01, 0.5, 0.2]), _n(25)), (0, 1)),
    Case("var1_loss", z.var1_loss, (_n(3, 3, scale=0.3), _n(12, 3)), (0, 1)),
    Case("american_put_binomial", z.american_put_binomial, (0.25,)),
    Case("heston_euler_paths", z.heston_euler_paths,
         (np.array([2.0, 0.04, 0.3, -0.6]), _n(8, 20), _n(8, 20))),
    Case("merton_jump_paths", z.merton_jump_paths,
         (np.array([0.05, 0.2, 0.1]), _n(6, 10), (_u(0, 1, 6, 10) < 0.1).astype(float),
          _n(6, 10))),
    Case("nelson_siegel_fit", z.nelson_siegel_fit,
         (np.array([0.04, -0.02, 0.01, 0.5]), MAT,
          np.array([0.021, 0.024, 0.028, 0.034, 0.038, 0.040]))),
    Case("cir_bond_price", z.cir_bond_price, (np.array([0.5, 0.04, 0.1]),)),
    Case("smooth_cvar", z.smooth_cvar, (_s(4), _n(50, 4, scale=0.05))),
    Case("kelly_growth", z.kelly_growth,
         (np.array([0.1, 0.2]), np.array([[1.0, -0.5], [-1.0, 0.8], [0.5, 0.5]]),
          np.array([0.4, 0.3, 0.3]))),
    Case("mean_variance_cov", z.mean_variance_cov, (_s(4), ASSETS), (0, 1)),
    Case("tracking_error", z.tracking_error, (_s(4), ASSETS, _n(30, scale=0.01)), (0, 1, 2)),
    Case("drawdown_penalty", z.drawdown_penalty, (_s(4), ASSETS * 3)),
    Case("bond_ytm_newton", z.bond_ytm_newton,
         (97.0, np.array([5.0, 5.0, 5.0, 105.0]), np.array([1.0, 2.0, 3.0, 4.0])), (0, 1)),
    Case("bond_ytm_newton_price", z.bond_ytm_newton,
         (97.0, np.array([5.0, 5.0, 5.0, 105.0]), np.array([1.0, 2.0, 3.0, 4.0])), 0),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_program_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
