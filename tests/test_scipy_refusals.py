"""scipy.special's arguments whose derivative has no closed form among SciPy's functions (an order,
a degree, a shape parameter) are refused by name in both modes when they vary, never taken for
constants; held constant, the same calls differentiate (their rows are in tests/rules/)."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

import tangentish

sps = pytest.importorskip("scipy.special")


def _gammainc_in_a(a, x):
    return np.sum(sps.gammainc(a, x))


def _gammaincc_in_a(a, x):
    return np.sum(sps.gammaincc(a, x))


def _betainc_in_b(a, x):
    return np.sum(sps.betainc(2.0, a, x))


def _zeta_in_x(a, x):
    return np.sum(sps.zeta(a + 1.5, x))


def _riemann_zeta(a, x):
    return np.sum(sps.zeta(a + 1.5) * x)


def _kv_in_order(a, x):
    return np.sum(sps.kv(a, x))


def _jv_in_order(a, x):
    return np.sum(sps.jv(a, x) + sps.yv(1.0, x))


def _gegenbauer_in_alpha(a, x):
    return np.sum(sps.eval_gegenbauer(2, a, x))


def _genlaguerre_in_alpha(a, x):
    return np.sum(sps.eval_genlaguerre(2, a, x))


def _legendre_in_degree(a, x):
    return np.sum(sps.eval_legendre(a, x))


@pytest.mark.parametrize("fn, match", [
    (_gammainc_in_a, "gammainc"), (_gammaincc_in_a, "gammaincc"), (_betainc_in_b, "betainc"),
    (_zeta_in_x, "zeta"), (_riemann_zeta, "zeta"), (_kv_in_order, "Bessel"),
    (_jv_in_order, "Bessel"), (_gegenbauer_in_alpha, "alpha"), (_genlaguerre_in_alpha, "alpha"),
    (_legendre_in_degree, "degree"),
], ids=lambda v: getattr(v, "__name__", "match"))
def test_a_varying_parameter_is_refused_in_both_modes(fn, match) -> None:
    a, x = np.array([0.6, 1.4]), np.array([0.3, 0.5])
    with pytest.raises(tangentish.TangentishError, match=match):
        tangentish.grad(fn, wrt=0)(a, x)
    with pytest.raises(tangentish.TangentishError, match=match):
        tangentish.jvp(fn, wrt=0)(a, x, a_dot=np.ones(2))
    derivative = tangentish.grad(fn, wrt=1)(a, x)  # the other argument differentiates
    step = 1e-6 * np.eye(2)
    numeric = [(fn(a, x + s) - fn(a, x - s)) / 2e-6 for s in step]
    np.testing.assert_allclose(derivative, numeric, rtol=1e-5, atol=1e-8)


sla = pytest.importorskip("scipy.linalg")


def _solve_banded_kind(a, b):
    return np.sum(sla.solve(a, b, assume_a="diagonal"))


def _solve_transposed(a, b):
    return np.sum(sla.solve(a, b, transposed=True))


def _inv_assumed(a, b):
    return np.sum(sla.inv(a, assume_a="pos") @ b)


def _cho_factor_overwrite(a, b):
    return np.sum(sla.cho_solve(sla.cho_factor(a, overwrite_a=True), b))


@pytest.mark.parametrize("fn, match", [
    (_solve_banded_kind, "assume_a='diagonal'"), (_solve_transposed, "transposed"),
    (_inv_assumed, "assume_a"), (_cho_factor_overwrite, "overwrite_a"),
], ids=lambda v: getattr(v, "__name__", "match"))
def test_a_linalg_form_not_differentiated_is_refused(fn, match) -> None:
    if fn is _inv_assumed and "assume_a" not in inspect.signature(sla.inv).parameters:
        pytest.skip("SciPy's inv takes assume_a from 1.17")
    if fn in (_solve_banded_kind, _solve_transposed) and "sym_pos" in inspect.signature(
            sla.solve).parameters:
        pytest.skip("scipy.linalg.solve has no rule before SciPy 1.11")
    a, b = np.diag([2.0, 3.0]) + 0.1, np.array([0.3, 0.5])
    with pytest.raises(tangentish.TangentishError, match=match):
        tangentish.grad(fn, wrt=0)(a, b)
    with pytest.raises(tangentish.TangentishError, match=match):
        tangentish.jvp(fn, wrt=0)(a, b, a_dot=np.ones((2, 2)))


def _qr_full_tall(a):
    return np.sum(sla.qr(a)[0])


def _qr_pivoting(a):
    return np.sum(sla.qr(a, mode="economic", pivoting=True)[1])


def _qr_r_only(a):
    return np.sum(sla.qr(a, mode="r")[0])


def _lu_wide(a):
    return np.sum(sla.lu(a.T)[2])


def _lu_permute_false(a):
    return np.sum(sla.lu(a[:2], permute_l=False)[2])


def _lstsq_deficient(a):
    return np.sum(sla.lstsq(a * 0.0 + 1.0, np.ones(3))[0])


def _lstsq_driver(a):
    return np.sum(sla.lstsq(a, np.ones(3), lapack_driver="gelsy")[0])


def _orth_deficient(a):
    return np.sum(sla.orth(a * 0.0 + 1.0))


def _polar_deficient(a):
    return np.sum(sla.polar(a * 0.0 + 1.0)[0])


def _eigh_subset_vectors(a):
    return np.sum(sla.eigh(a[:2] @ a[:2].T, subset_by_index=[0, 0])[1])


def _eigh_vectors_flag(a):
    return np.sum(sla.eigh(a[:2], eigvals_only=False)[0])


def _expm_frechet_flag(a):
    return np.sum(sla.expm_frechet(a[:2], a[1:], compute_expm=True)[1])


def _logm_complex(a):
    return np.sum(np.real(sla.logm(-(a[:2] @ a[:2].T) - np.eye(2))))


@pytest.mark.parametrize("fn, match", [
    (_qr_full_tall, "not unique"), (_qr_pivoting, "pivoting"), (_qr_r_only, "mode="),
    (_lu_wide, "non-square"), (_lu_permute_false, "permute_l"),
    (_lstsq_deficient, "full column rank"), (_lstsq_driver, "lapack_driver"),
    (_orth_deficient, "rank-deficient"), (_polar_deficient, "full column rank"),
    (_eigh_subset_vectors, "subset_by_index"), (_eigh_vectors_flag, "eigvals_only"),
    (_expm_frechet_flag, "compute_expm"), (_logm_complex, "complex"),
], ids=lambda v: getattr(v, "__name__", "match"))
def test_a_linalg_case_without_a_unique_smooth_result_is_refused(fn, match) -> None:
    """What the rules of rules/scipy_decomps.py, scipy_matfuncs.py and scipy_spectral.py do not
    differentiate (a result that is not unique, that jumps, or a form another call spells) is
    refused by name in both modes; their differentiated forms are rows of tests/rules/."""
    a = np.array([[2.0, 0.3], [0.1, 1.5], [0.4, -0.2]])
    with pytest.raises(tangentish.TangentishError, match=match):
        tangentish.grad(fn)(a)
    with pytest.raises(tangentish.TangentishError, match=match):
        tangentish.jvp(fn)(a, a_dot=np.ones((3, 2)))


sst = pytest.importorskip("scipy.stats")


def _another_distribution(x):
    return np.sum(sst.weibull_max.logpdf(x, 1.5, 0.5, 2.0))


def _frozen_weibull(x):
    return np.sum(sst.weibull_max(1.5, 0.5, 2.0).logpdf(x))


@pytest.mark.parametrize("fn, match", [(_another_distribution, "logpdf"),
                                       (_frozen_weibull, "logpdf")],
                         ids=["another-distribution", "frozen"])
def test_norm_rules_do_not_stand_for_other_distributions(fn, match) -> None:
    """The rules are keyed by the ``norm`` object's methods: the class's other instances have
    none, and say so, rather than borrowing the normal's derivative (a frozen distribution is its
    family's method: passes/frozen.py; a frozen weibull_max has no rule either)."""
    with pytest.raises(tangentish.MissingRuleError, match=match):
        tangentish.grad(fn)(np.array([0.3, 1.0]))


def _mvn_covariance_object(x):  # (a number or a vector of variances is differentiated: the rule table)
    return np.sum(sst.multivariate_normal.logpdf(x, np.zeros(2), sst.Covariance.from_diagonal(np.ones(2))))


def _mvn_allow_singular(x):
    return np.sum(sst.multivariate_normal.logpdf(x, np.zeros(2), np.eye(2), allow_singular=True))


@pytest.mark.parametrize("fn, match", [
    pytest.param(_mvn_covariance_object, "a Covariance object", marks=pytest.mark.skipif(
        not hasattr(sst, "Covariance"), reason="scipy.stats.Covariance is SciPy 1.10's")),
    (_mvn_allow_singular, "allow_singular")], ids=["covariance-object", "allow-singular"])
def test_multivariate_normal_forms_not_differentiated_are_refused(fn, match) -> None:
    x = np.array([[0.3, 1.0], [0.2, -0.4]])
    with pytest.raises(tangentish.TangentishError, match=match):
        tangentish.grad(fn)(x)
    with pytest.raises(tangentish.TangentishError, match=match):
        tangentish.jvp(fn)(x, x_dot=np.ones((2, 2)))


def test_norm_rules_are_listed_under_the_norm_object() -> None:
    from tangentish.rule_listing import describe_key

    assert describe_key(sst.norm.logpdf)[1].endswith("norm_gen.logpdf")
    assert describe_key(np.add.accumulate)[1] == "ufunc.accumulate"  # (a ufunc's own methods)
