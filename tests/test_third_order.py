"""Third order: generated second-order code differentiated once more.

Second-order code calls runtime helpers (``_rt.prod_others_adjoint``, ``_rt.unnorm_curvature``...)
that first-order code never does; a helper without rules made the third derivative a
``MissingRuleError``.  The class test is part of every row of the rule table at second order
(``test_second_order.py::test_every_rule_at_second_order``, forward over reverse and reverse over
reverse, which builds that code anyway): :func:`missing_rules` collects each ``_rt`` helper the
generated code calls and requires an adjoint and a tangent rule for it (or a declaration that it
is not differentiable).  Here: the third derivatives through those rules, by reverse over reverse
over reverse and forward over reverse over reverse, against central differences of the second
derivative (itself checked against differences of the gradient in ``test_second_order.py``).
"""

from __future__ import annotations

import re

import numpy as np
import pytest

import tangentish
from tangentish import runtime
from tangentish.registry import ADJOINT, REGISTRY, TANGENT


def _helpers(record) -> set[str]:
    """The ``_rt`` helpers a generated function calls, its callees' and pullback's included."""
    found = set(record.runtime) | set(re.findall(r"_rt\.(\w+)\(", record.text))
    for other in [*record.callees, *([record.backward] if record.backward else [])]:
        found |= _helpers(other)
    return found


def _without_rules(name: str) -> list[str]:
    helper = getattr(runtime, name)
    if REGISTRY.is_nondifferentiable(helper):
        return []
    return [kind for kind in (ADJOINT, TANGENT) if not REGISTRY.has(kind, helper)]


def missing_rules(record) -> list[str]:
    """The ``_rt`` helpers the generated code of ``record`` (its callees' and pullback's
    included) calls without an adjoint or a tangent rule: a third derivative would miss them."""
    return sorted(f"_rt.{name} ({kind})" for name in _helpers(record)
                  for kind in _without_rules(name))


def test_missing_rules_sees_a_helper_without_rules(monkeypatch) -> None:
    """The class test can fail: a second-order record calling a helper whose rules are gone."""
    record = tangentish.grad(tangentish.grad(prod_all)).record
    assert not missing_rules(record)
    (name,) = [n for n in sorted(_helpers(record)) if n == "prod_others_adjoint"]
    monkeypatch.setattr(REGISTRY, "has", lambda kind, helper: helper is not getattr(runtime, name))
    assert missing_rules(record) == [f"_rt.{name} ({ADJOINT})", f"_rt.{name} ({TANGENT})"]


# -- third derivatives ------------------------------------------------------------------------

X = np.array([1.3, 0.7, -0.9, 1.6, -0.4, 0.8])
WITH_A_ZERO = np.array([1.3, 0.0, -0.9, 1.6, -0.4, 0.8])
W6 = np.array([0.3, -1.2, 0.7, 1.0, -0.5, 0.4])
V6 = np.array([1.1, 0.4, -0.6, 0.9, 0.2, -0.7])


def prod_all(x):
    return np.prod(x)


def prod_of_rows(x):
    return np.sum(np.prod(np.reshape(x, (2, 3)), axis=1) * np.array([0.5, -1.5]))


def sinc(x):
    return np.sum(np.sinc(x) * W6)


def norm_of_a_vector(x):
    return np.linalg.norm(x)


def norms_of_rows(x):
    return np.sum(np.linalg.norm(np.reshape(x, (2, 3)), axis=1) * np.array([0.5, -1.5]))


def p_norms_of_columns(x):
    return np.sum(np.linalg.norm(np.reshape(x, (2, 3)), ord=3, axis=0, keepdims=True) ** 2)


def nuclear_norm(x):
    return np.linalg.norm(np.reshape(x, (2, 3)), ord="nuc")


THIRD = [(prod_all, X), (prod_all, WITH_A_ZERO), (prod_of_rows, X), (prod_of_rows, WITH_A_ZERO),
         (sinc, X), (norm_of_a_vector, X), (norms_of_rows, X), (p_norms_of_columns, X)]


def _second(fn):
    return tangentish.grad(tangentish.grad(fn))


def reference(fn, x: np.ndarray) -> np.ndarray:
    """The third derivative along W6 and V6, by central differences of ``H(x) W6`` along V6."""
    second, h = _second(fn), 1e-5
    up = second(x + h * V6, out_bar_bar=W6)
    down = second(x - h * V6, out_bar_bar=W6)
    return (up - down) / (2 * h)


@pytest.mark.parametrize("fn, x", THIRD, ids=lambda v: getattr(v, "__name__", None))
def test_third_derivatives(fn, x) -> None:
    expected = reference(fn, x)
    reverse = tangentish.grad(_second(fn))(x, out_bar_bar=W6, out_bar_bar_bar=V6)
    forward = tangentish.jvp(_second(fn))(x, out_bar_bar=W6, x_dot=V6)[1]
    for got, mode in ((reverse, "rev-over-rev-over-rev"), (forward, "fwd-over-rev-over-rev")):
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6, err_msg=mode)


def test_the_third_derivative_of_a_spectral_or_nuclear_norm_is_refused() -> None:
    with pytest.raises(tangentish.UnsupportedConstructError, match="nuclear norm three times"):
        tangentish.grad(_second(nuclear_norm))(X, out_bar_bar=W6, out_bar_bar_bar=V6)
    assert np.isfinite(_second(nuclear_norm)(X, out_bar_bar=W6)).all()  # twice is computed


def test_the_fourth_derivative_of_a_product_is_refused() -> None:
    third = tangentish.grad(_second(prod_all))
    with pytest.raises(tangentish.UnsupportedConstructError, match="np.prod four times"):
        tangentish.grad(third)(X, out_bar_bar=W6, out_bar_bar_bar=V6, out_bar_bar_bar_bar=W6)


def test_the_fourth_derivative_of_a_norm_is_refused() -> None:
    third = tangentish.grad(_second(norms_of_rows))
    with pytest.raises(tangentish.UnsupportedConstructError, match="norm four times"):
        tangentish.grad(third)(X, out_bar_bar=W6, out_bar_bar_bar=V6, out_bar_bar_bar_bar=W6)
    with pytest.raises(tangentish.UnsupportedConstructError, match="norm four times"):
        tangentish.jvp(third)(X, out_bar_bar=W6, out_bar_bar_bar=V6, x_dot=W6)


@pytest.mark.parametrize("dense", [tangentish.hessian, tangentish.hvp,
                                   lambda f: tangentish.jacobian(tangentish.grad(f))],
                         ids=["hessian", "hvp", "jacobian"])
def test_a_dense_result_differentiated_again_is_refused_with_the_way_that_works(dense) -> None:
    with pytest.raises(tangentish.UnsupportedConstructError, match="cannot differentiate the "
                       "result of tangentish") as caught:
        tangentish.jacobian(dense(prod_all))(X)
    assert "test_third_order.py" in str(caught.value) and "out_bar_bar=v" in str(caught.value)
    slices = tangentish.jacobian(_second(prod_all))(X, out_bar_bar=W6)  # the hint's way
    np.testing.assert_allclose(slices @ V6, reference(prod_all, X), rtol=1e-5, atol=1e-6)
