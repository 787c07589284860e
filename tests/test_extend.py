"""User-written rules: registration checks, round trips through both modes, template globals,
linear maps, and functions without source."""

import math

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish
from tangentish import RuleDefinitionError
from tangentish.extend import adjoint, d, linear, rule


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def softplus(x):
    return np.log1p(np.exp(x))


@rule(softplus)
class Softplus:
    def adjoint(y, x):
        d[x] = d[y] * sigmoid(x)

    def tangent(y, x):
        d[y] = d[x] * sigmoid(x)


# A ufunc without Python source: only a rule can differentiate it.
square_ufunc = np.frompyfunc(lambda v: v * v, 1, 1)


@rule(square_ufunc)
class Square:
    def adjoint(y, x):
        d[x] = d[y] * 2.0 * x

    def tangent(y, x):
        d[y] = d[x] * 2.0 * x


def roll_one(x, k):
    return np.roll(x, k)


def unroll_one(g, k):
    return np.roll(g, -k)


linear(roll_one, transpose=unroll_one)


def uses_rules(x):
    rolled = roll_one(x, 1)
    return np.sum(softplus(x) * rolled) + np.sum(np.asarray(square_ufunc(x), dtype=float))


X = np.array([-1.2, 0.3, 0.8, 2.0])


def test_custom_rules_reverse_against_finite_differences():
    np.testing.assert_allclose(tangentish.grad(uses_rules)(X), numeric_grad(uses_rules, (X,), 0),
                               rtol=1e-6, atol=1e-8)


def test_custom_rules_forward_matches_reverse():
    v = np.array([0.5, -1.0, 2.0, 0.25])
    _, derivative = tangentish.jvp(uses_rules)(X, x_dot=v)
    assert derivative == pytest.approx(float(tangentish.grad(uses_rules)(X) @ v))


def test_custom_rule_with_check_grads():
    report = tangentish.check_grads(uses_rules, (X,), modes=("rev", "fwd"), seed=3)
    assert report.ok


def test_template_globals_are_passed_not_copied_into_user_code():
    source = tangentish.source(uses_rules)
    assert "sigmoid(x)" in source
    assert "unroll_one(" in source


def test_missing_tangent_is_rejected_at_registration():
    def f(x):
        return x

    with pytest.raises(RuleDefinitionError) as info:
        @rule(f)
        class OnlyAdjoint:
            def adjoint(y, x):
                d[x] = d[y]
    assert "no tangent" in str(info.value)


def test_wrong_placeholders_are_rejected_at_registration():
    def f(x, scale):
        return x * scale

    with pytest.raises(RuleDefinitionError) as info:
        @adjoint(f)
        def f_adjoint(y, x, factor):
            d[x] = d[y] * factor
    assert "factor" in str(info.value) and "scale" in str(info.value)

    with pytest.raises(RuleDefinitionError):
        @adjoint(f)
        def f_adjoint_bad_d(y, x, scale):
            d[x] = d[y] * d[z]  # noqa: F821

    with pytest.raises(RuleDefinitionError):
        @rule(f)
        class Mismatched:
            def adjoint(y, x, scale):
                d[x] = d[y] * scale

            def tangent(y, x):
                d[y] = d[x]


def test_unknown_template_global_is_a_clear_error():
    def g(x):
        return x

    @adjoint(g)
    def g_adjoint(y, x):
        d[x] = d[y] * not_defined_anywhere(x)  # noqa: F821

    def uses_g(x):
        return g(x) * 2.0

    with pytest.raises(RuleDefinitionError) as info:
        tangentish.grad(uses_g)
    assert "not_defined_anywhere" in str(info.value)


def test_rule_for_builtin_math_function_without_source():
    def f(x):
        return math.lgamma(x)

    @rule(math.lgamma)
    class LogGamma:
        def adjoint(y, x):
            d[x] = d[y] * digamma(x)

        def tangent(y, x):
            d[y] = d[x] * digamma(x)

    assert tangentish.grad(f)(3.0) == pytest.approx(digamma(3.0))


def digamma(x):
    """Digamma by a central difference of lgamma (good enough for this test's rule)."""
    h = 1e-5
    return (math.lgamma(x + h) - math.lgamma(x - h)) / (2 * h)
