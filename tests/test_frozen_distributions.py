"""Frozen ``scipy.stats`` distributions (passes/frozen.py): a method of one is the family's method
with the frozen arguments after its own, so the family's rules apply; each form was refused ("no
derivative rule for `PRIOR.logpdf`").  Frozen in the call, bound to a local, and read from the
module (its values read live; rebinding it builds again at the next grad), in every mode and at
second order against central differences, and a closed form."""

import numpy as np
import pytest
from helpers import assert_both_orders

import tangentish

stats = pytest.importorskip("scipy.stats")

Y = np.array([0.3, -1.2, 0.8, 2.1, -0.4])
PRIOR = stats.norm(0.0, 3.0)
SCALE = stats.gamma(2.0, scale=1.5)


def in_the_call(x):
    return np.sum(stats.norm(x[0], np.exp(x[1])).logpdf(Y)) + stats.t(4.0, loc=x[0]).logcdf(x[1])


def bound_local(x):
    lik = stats.norm(loc=x[0], scale=np.exp(x[1]))
    prior = stats.gamma(2.0, scale=1.0)
    return np.sum(lik.logpdf(Y)) + prior.logpdf(np.exp(x[1])) + lik.cdf(0.5)


def module_frozen(x):
    return np.sum(PRIOR.logpdf(x)) + SCALE.logpdf(np.exp(x[1])) + PRIOR.logsf(x[0])


CASES = [in_the_call, bound_local, module_frozen]
POINT = np.array([0.4, -0.2])


@pytest.mark.parametrize("f", CASES, ids=lambda f: f.__name__)
def test_every_mode_matches_differences(f):
    assert_both_orders(f, POINT, seed=3)


def prior_only(w):
    return np.sum(PRIOR.logpdf(w))


def test_closed_form_and_rebinding():
    global PRIOR
    np.testing.assert_allclose(tangentish.grad(prior_only)(POINT), -POINT / 9.0)
    saved, PRIOR = PRIOR, stats.norm(1.0, scale=2.0)  # (another arity: built again)
    try:
        np.testing.assert_allclose(tangentish.grad(prior_only)(POINT), -(POINT - 1.0) / 4.0)
    finally:
        PRIOR = saved
    np.testing.assert_allclose(tangentish.grad(prior_only)(POINT), -POINT / 9.0)


def rebound(theta):
    d = stats.norm(theta[0], 1.0)
    d = stats.norm(theta[1], 2.0)
    return d.logpdf(0.3)


def test_a_local_bound_twice_stays_refused_by_name():
    with pytest.raises(tangentish.MissingRuleError, match="stats.norm"):
        tangentish.grad(rebound)(POINT)
