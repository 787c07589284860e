"""The refusals refuse31 lifted (``refusals31_zoo``): each program's ``grad``, ``vjp`` and ``jvp``
against central differences, its ``hvp`` against differences of the gradient, the caller's
arrays unchanged (one derivative built per mode: the programs join several forms each); a ravel
that copies and a Cholesky retried in a loop in grad and jvp; what stays refused (a loop changing
what its generator reads, or leaving early over one that may never end; ``brentq`` of a lambda)
named at its line with a hint, and the way that hint gives checked."""

from __future__ import annotations

import numpy as np
import pytest
import refusals31_zoo as z
import scipy.optimize
from helpers import numeric_grad
from idioms15_check import check_refusal

import tangentish

_X = np.random.default_rng(3100).normal(size=6)
PROGRAMS = [z.written_through_views, z.helpers_in_place_and_generators, z.filtered_by_its_coefficients]


def _unchanged(derivative, x, *more):
    before = x.copy()
    result = derivative(x, *more)
    np.testing.assert_array_equal(x, before)
    return result


@pytest.mark.parametrize("f", PROGRAMS, ids=lambda f: f.__name__)
def test_every_mode_against_differences(f):
    x, v = _X.copy(), np.cos(np.arange(6.0))
    expected = numeric_grad(f, [x.copy()])
    gradient = tangentish.grad(f)
    np.testing.assert_allclose(_unchanged(gradient, x), expected, rtol=1e-6, atol=1e-8)
    value, pullback = _unchanged(tangentish.vjp(f), x)
    np.testing.assert_allclose(value, f(x.copy()), rtol=1e-12)
    np.testing.assert_allclose(pullback(1.0), expected, rtol=1e-6, atol=1e-8)
    tangent = _unchanged(lambda a: tangentish.jvp(f)(a, x_dot=v)[1], x)
    np.testing.assert_allclose(tangent, expected @ v, rtol=1e-6, atol=1e-8)
    h = 1e-5
    reference = (gradient(x + h * v) - gradient(x - h * v)) / (2 * h)
    np.testing.assert_allclose(_unchanged(tangentish.hvp(f), x, v), reference, rtol=1e-5,
                               atol=1e-6)


@pytest.mark.parametrize("f", [z.raveled_transpose, z.raveled_moved_axis, z.cholesky_retried],
                         ids=lambda f: f.__name__)
def test_gradient_and_tangent_against_differences(f):
    """A ravel that copies (of a transpose; of ``np.linspace(..., axis=1)``, not proven
    C-contiguous) stays a copy; a Cholesky retried with more jitter in a loop leaves it by
    ``break``."""
    x, v = np.array([0.7, 1.3, 0.4, -0.5, 0.9, 1.1]), np.cos(np.arange(6.0))
    expected = numeric_grad(f, [x.copy()])
    np.testing.assert_allclose(tangentish.grad(f)(x), expected, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(tangentish.jvp(f)(x, x_dot=v)[1], expected @ v, rtol=1e-6,
                               atol=1e-8)


REFUSED = [(z.generator_changed_while_running, ("generator's items", "y[1] = 5.0")),
           (z.generator_left_early, ("leaving early", "`while` loop", "break")),
           (z.root_by_brentq, ("scipy.optimize.brentq of a lambda", "Newton step"))]


@pytest.mark.parametrize("f, named", REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_a_loop_over_a_generator_its_items_taken_at_once_would_change_is_refused(f, named):
    """A generator runs lazily: where taking its items at once would differ (the loop changes
    what it reads; a loop leaving early over one that may never end), refused at the line,
    with a hint."""
    check_refusal(f, (_X.copy(),), named, tangentish.grad)


def test_the_newton_step_the_root_finders_refusal_suggests_has_the_implicit_derivative():
    """``brentq``'s refusal says: the root passed in, one Newton step from it.  Its gradient is
    the root's (the differences of the ``brentq`` program itself)."""
    x = np.array([0.7, 1.3, 0.4])
    r0 = scipy.optimize.brentq(lambda t: t ** 3 + x[0] * t - x[1], -10.0, 10.0)
    np.testing.assert_allclose(tangentish.grad(z.root_by_a_newton_step)(x, r0),
                               numeric_grad(z.root_by_brentq, [x]), rtol=1e-6)
