"""tangentish/distributions.py: a scipy.stats distribution as two rows.  The rules themselves are
checked in every mode by the rule table (tests/rules/scipy_stats*.py); here, what the shortcut
guarantees of its own: the partial in x computed once, and a malformed row refused where it is
written (nothing registered)."""

from __future__ import annotations

import pytest

pytest.importorskip("scipy")

import scipy.stats as sst  # noqa: E402

import tangentish  # noqa: E402
from tangentish import RuleDefinitionError  # noqa: E402
from tangentish.distributions import densities, distribution_functions  # noqa: E402


def gamma_cdf(x, a, loc, scale):
    return sst.gamma.cdf(x, a, loc, scale)


def test_the_density_is_computed_once_for_every_partial() -> None:
    source = tangentish.source(gamma_cdf, wrt=(0, 2, 3))
    assert source.count(".gamma.pdf(x, a, loc, scale)") == 1, source
    assert source.count("dy_dx") == 4, source  # (set once, read by x's, loc's and scale's partials)


def test_a_shape_the_distribution_does_not_have_is_refused() -> None:
    with pytest.raises(RuleDefinitionError, match=r"its shapes are \['a'\]"):
        distribution_functions(sst.gamma, survival={"k": lambda x, k, loc=0.0, scale=1.0: k})


def test_a_partial_per_shape_is_required() -> None:
    with pytest.raises(RuleDefinitionError, match=r"one per shape \['a'\]"):
        densities(sst.gamma, lambda x, a, loc=0.0, scale=1.0: (a - 1.0) / (x - loc))


def test_a_partial_takes_the_distributions_parameters() -> None:
    with pytest.raises(RuleDefinitionError, match=r"takes \['x', 'loc', 'scale'\]"):
        densities(sst.gamma, lambda x, loc=0.0, scale=1.0: 1.0 / (x - loc),
                  lambda x, a, loc=0.0, scale=1.0: 0.0)
