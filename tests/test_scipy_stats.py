"""scipy.stats' distributions beyond ``norm`` (their rule-table rows are in tests/rules/): the
parameters whose derivative has no closed form are refused by name in both modes when they vary
(0 for a zero tangent), the conventions outside the support (log-densities NaN, densities and
probabilities 0, a masked-out term 0), checked against central differences where they are finite,
and frozen distributions refused."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish

sst = pytest.importorskip("scipy.stats")

X = np.array([0.4, 1.1, 0.7])  # inside every support below (0 < x < 1.5)
COUNTS = np.array([0.0, 2.0, 5.0])


def _t_cdf(x, df):
    return np.sum(sst.t.cdf(x, df, 0.2, 1.3))


def _t_logsf(x, df):
    return np.sum(sst.t.logsf(x, df=df))


def _gamma_sf(x, a):
    return np.sum(sst.gamma.sf(x, a, scale=2.0))


def _chi2_logcdf(x, df):
    return np.sum(sst.chi2.logcdf(x, df))


def _invgamma_logsf(x, a):
    return np.sum(sst.invgamma.logsf(x, a, scale=2.0))


def _beta_cdf_in_a(x, a):
    return np.sum(sst.beta.cdf(x, a, 2.0, -0.5, 2.5))


def _beta_logsf_in_b(x, b):
    return np.sum(sst.beta.logsf(x, 1.5, b, scale=2.0))


def _poisson_logpmf_in_k(k, mu):
    return np.sum(sst.poisson.logpmf(k, mu))


def _poisson_cdf_in_loc(k, loc):
    return np.sum(sst.poisson.cdf(COUNTS, 2.0, loc))


def _binom_pmf_in_n(k, n):
    return np.sum(sst.binom.pmf(COUNTS, n, 0.3))


def _binom_sf_in_k(k, p):
    return np.sum(sst.binom.sf(k, 8, 0.3))


def _bernoulli_logpmf_in_k(k, p):
    return np.sum(sst.bernoulli.logpmf(k, 0.3))


def _f_logsf_in_dfd(x, dfd):
    return np.sum(sst.f.logsf(x, 3.0, dfd))


def _nbinom_sf_in_n(k, n):
    return np.sum(sst.nbinom.sf(COUNTS, n, 0.3))


def _vonmises_logcdf_in_kappa(x, kappa):
    return np.sum(sst.vonmises.logcdf(x, kappa, 0.1))


def _nakagami_cdf_in_nu(x, nu):
    return np.sum(sst.nakagami.cdf(x, nu))


def _rice_logsf_in_b(x, b):
    return np.sum(sst.rice.logsf(x, b, 0.1))


def _loggamma_sf_in_c(x, c):
    return np.sum(sst.loggamma.sf(x, c, scale=2.0))


REFUSED = [  # (function, argument 1's value, what the refusal names)
    (_t_cdf, 3.5, "t.cdf in its df"), (_t_logsf, 3.5, "t.logsf in its df"),
    (_gamma_sf, 1.7, "gamma.sf in its a"), (_chi2_logcdf, 2.5, "chi2.logcdf in its df"),
    (_invgamma_logsf, 1.7, "invgamma.logsf in its a"),
    (_beta_cdf_in_a, 1.5, "beta.cdf in its a"), (_beta_logsf_in_b, 2.5, "beta.logsf in its b"),
    (_poisson_logpmf_in_k, 2.0, "poisson.logpmf in its count k"),
    (_poisson_cdf_in_loc, 0.0, "poisson.cdf in its loc"), (_binom_pmf_in_n, 8.0, "binom.pmf in its n"),
    (_binom_sf_in_k, 0.3, "binom.sf in its count k"),
    (_bernoulli_logpmf_in_k, 0.3, "bernoulli.logpmf in its count k"),
    (_f_logsf_in_dfd, 4.5, "f.logsf in its dfd"), (_nbinom_sf_in_n, 2.5, "nbinom.sf in its n"),
    (_vonmises_logcdf_in_kappa, 2.0, "vonmises.logcdf in its kappa"),
    (_nakagami_cdf_in_nu, 1.3, "nakagami.cdf in its nu"), (_rice_logsf_in_b, 0.8, "rice.logsf in its b"),
    (_loggamma_sf_in_c, 1.7, "loggamma.sf in its c"),
]


@pytest.mark.parametrize("fn, value, what", REFUSED, ids=[r[0].__name__.strip("_") for r in REFUSED])
def test_parameters_without_a_closed_form_derivative_are_refused(fn, value, what) -> None:
    """Refused by name where the parameter varies, in both modes; a zero tangent is no change."""
    counts = fn.__name__.endswith("in_k")
    x, wrt = (COUNTS, 0) if counts else (X, 1)
    with pytest.raises(tangentish.UnsupportedConstructError, match=what):
        tangentish.grad(fn, wrt=wrt)(x, value)
    name = "k" if wrt == 0 else list(fn.__code__.co_varnames)[1]
    moving = {f"{name}_dot": np.ones_like(x) if wrt == 0 else 1.0}
    with pytest.raises(tangentish.UnsupportedConstructError, match=what):
        tangentish.jvp(fn, wrt=wrt)(x, value, **moving)
    still = {f"{name}_dot": np.zeros_like(x) if wrt == 0 else 0.0}
    assert tangentish.jvp(fn, wrt=wrt)(x, value, **still)[1] == 0.0


def _log_densities(x, a, loc):  # one entry per distribution, each supported on x > loc = 0.1
    return np.stack([np.sum(sst.gamma.logpdf(x, a, loc, 1.5)), np.sum(sst.beta.logpdf(x, a, 2.0, loc, 1.5)),
                     np.sum(sst.lognorm.logpdf(x, a, loc)), np.sum(sst.chi2.logpdf(x, a, loc)),
                     np.sum(sst.expon.logpdf(x, loc, a)), np.sum(sst.uniform.logpdf(x, loc, a)),
                     np.sum(sst.invgamma.logpdf(x, a, loc, 1.5)), np.sum(sst.halfnorm.logpdf(x, loc, a)),
                     np.sum(sst.weibull_min.logpdf(x, a, loc, 1.5))])


def _densities(x, a, loc):
    return np.stack([np.sum(sst.gamma.pdf(x, a, loc, 1.5)), np.sum(sst.beta.pdf(x, a, 2.0, loc, 1.5)),
                     np.sum(sst.lognorm.pdf(x, a, loc)), np.sum(sst.chi2.pdf(x, a, loc)),
                     np.sum(sst.expon.pdf(x, loc, a)), np.sum(sst.uniform.pdf(x, loc, a)),
                     np.sum(sst.invgamma.pdf(x, a, loc, 1.5)), np.sum(sst.halfnorm.pdf(x, loc, a)),
                     np.sum(sst.weibull_min.pdf(x, a, loc, 1.5))])


BOUNDED_ABOVE = [1, 5]  # beta and uniform end at loc + 1.5


@pytest.mark.parametrize("fn", [_log_densities, _densities], ids=["log", "plain"])
def test_densities_inside_their_support(fn) -> None:
    args = [X, 1.5, 0.1]
    jacobian = tangentish.jacobian(fn, wrt=(0, 1, 2))(*args)
    for i in range(9):
        wanted = numeric_grad(lambda *a, i=i: float(fn(*a)[i]), args, (0, 1, 2))
        for got, want in zip(jacobian, wanted, strict=True):
            np.testing.assert_allclose(got[i], want, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("x", [np.array([-0.7, 0.05]), np.array([2.2])], ids=["below", "above"])
def test_outside_the_support(x) -> None:
    """Log-densities: -inf and NaN partials (in every parameter, both modes); densities: 0, 0."""
    outside = [i for i in range(9) if x[0] < 0.0 or i in BOUNDED_ABOVE]
    assert np.all(np.isneginf(_log_densities(x, 1.5, 0.1)[outside]))
    with np.errstate(invalid="ignore", divide="ignore"):
        for partial in tangentish.jacobian(_log_densities, wrt=(0, 1, 2))(x, 1.5, 0.1):
            assert np.all(np.isnan(partial[outside])) and np.all(np.isfinite(np.delete(partial, outside, 0)))
        tangent = tangentish.jvp(_log_densities, wrt=0)(x, 1.5, 0.1, x_dot=np.ones_like(x))[1]
        assert np.all(np.isnan(tangent[outside]))
        for partial in tangentish.jacobian(_densities, wrt=(0, 1, 2))(x, 1.5, 0.1):
            assert np.all(partial[outside] == 0.0)


def _gamma_cdf(x, a, loc):
    return np.sum(sst.gamma.cdf(x, 2.5, loc, a))


def _beta_sf(x, a, loc):
    return np.sum(sst.beta.sf(x, 2.5, 2.0, loc, a))


OUTSIDE = np.array([-0.7, 2.2])  # below loc = 0.1 (and above loc + 1.5 for beta)


def _masked(x, a):  # the out-of-support terms masked out: nothing flows into them
    logp = sst.gamma.logpdf(x, a)
    return np.sum(np.where(x > 0.0, logp, 0.0))


def test_a_masked_out_term_contributes_zero() -> None:
    x = np.array([-1.0, 0.5, 2.0])
    gradient = tangentish.grad(_masked, wrt=(0, 1))(x, 1.5)
    inside = numeric_grad(_masked, [x[1:], 1.5], (0, 1))
    np.testing.assert_allclose(gradient[0], [0.0, *inside[0]], rtol=1e-5)
    np.testing.assert_allclose(gradient[1], inside[1], rtol=1e-5)
    tangent = tangentish.jvp(_masked, wrt=(0, 1))(x, 1.5, x_dot=np.ones(3), a_dot=1.0)[1]
    np.testing.assert_allclose(tangent, np.sum(gradient[0]) + gradient[1], rtol=1e-10)


def test_distribution_functions_are_constant_outside_the_support() -> None:
    """0 below (and above) the support, in every parameter, also at second order."""
    for fn, x in ((_gamma_cdf, OUTSIDE[:1]), (_beta_sf, OUTSIDE)):
        gradient = tangentish.grad(fn, wrt=(0, 1, 2))(x, 1.5, 0.1)
        assert all(np.all(g == 0.0) for g in gradient)
        assert np.all(tangentish.hessian(fn, wrt=0)(x, 1.5, 0.1) == 0.0)


def _logsf_below(x, a):  # log(1) below (above) the support: derivatives 0, at second order too
    return (np.sum(sst.gamma.logsf(x, 2.5, scale=a) ** 2)
            + np.sum(sst.beta.logcdf(2.0 - x, 1.5, 2.0, 0.0, a) ** 2))


def test_log_probabilities_of_one_are_flat() -> None:
    x = np.array([-0.5, 0.7])
    wanted = numeric_grad(_logsf_below, [x, 1.5], 1)
    assert tangentish.grad(_logsf_below, wrt=1)(x, 1.5) == pytest.approx(wanted, rel=1e-5)
    assert tangentish.grad(_logsf_below)(x, 1.5)[0] == 0.0
    hessian = tangentish.hessian(_logsf_below, wrt=0)(x, 1.5)
    assert hessian[0, 0] == 0.0 and np.isfinite(hessian).all()


def _frozen_t(x):
    return np.sum(sst.t(3.0).logpdf(x))


def _frozen_poisson(mu):
    return np.sum(sst.poisson(mu).logpmf(COUNTS))


@pytest.mark.parametrize("fn", [_frozen_t, _frozen_poisson], ids=["t", "poisson"])
def test_frozen_distributions_are_their_familys_methods(fn) -> None:  # (passes/frozen.py)
    x = np.array([0.3, 1.0, 2.5])
    assert tangentish.grad(fn)(x) == pytest.approx(numeric_grad(fn, [x]), rel=1e-5)


def _loglik(x, df, m, s):  # the forms of the brief: shape by keyword, loc/scale by keyword
    return (np.sum(sst.t.logpdf(x, df=df, loc=m, scale=s)) + np.sum(sst.gamma.logpdf(x, df, scale=s))
            + np.sum(sst.poisson.logpmf(COUNTS.astype(int), s)) + np.sum(sst.expon.logpdf(x, scale=s)))


def test_likelihood_forms() -> None:
    args = [X, 2.5, 0.3, 1.4]
    for got, wanted in zip(tangentish.grad(_loglik, wrt=(0, 1, 2, 3))(*args),
                           numeric_grad(_loglik, args, (0, 1, 2, 3)), strict=True):
        np.testing.assert_allclose(got, wanted, rtol=1e-6, atol=1e-9)


def _edges(x, loc, scale):  # expon and uniform at x = loc: finite, a slope from inside
    return sst.expon.logpdf(x, loc, scale) * 0.7 + sst.uniform.logpdf(x, loc, scale)


def test_closed_supports_take_the_slope_from_inside() -> None:
    args, h = [0.3, 0.3, 2.0], 1e-6
    gradient = tangentish.grad(_edges, wrt=(0, 1, 2))(*args)
    inside = [(_edges(0.3 + h, 0.3, 2.0) - _edges(*args)) / h,  # x up, loc down: still inside
              (_edges(0.3, 0.3 - h, 2.0) - _edges(*args)) / -h,
              (_edges(0.3, 0.3, 2.0 + h) - _edges(0.3, 0.3, 2.0 - h)) / (2.0 * h)]
    np.testing.assert_allclose(gradient, inside, rtol=1e-5, atol=1e-8)
