"""The ``idioms28`` zoos, each program in one mode, turn by turn (``idioms20_check``: the CI
budget; ``idioms15_check.check`` runs any row in every mode): physics (a spring chain, n-body
and Lennard-Jones energies, heat equation steps by slicing, velocity Verlet, a projectile with
drag), finance (a Sharpe ratio, Black-Scholes by ``math.erf`` and by ``scipy.special.ndtr``, a
bond's duration, CVaR, a basket of geometric Brownian motions), robotics (rotation matrices,
homogeneous transforms by ``functools.reduce``, differential drive, pose-graph residuals),
statistics (a Gaussian mixture, a leave-one-out kernel density, Poisson and Student-t
likelihoods, AR(1), a logistic regression) (``idioms28_zoo``); ML layers (attention, multi-head
attention, layer norm, convolutions by slicing, a GRU step, batch norm, max pooling),
optimization test functions, array-API style code (``def f(x, xp=np)``, ``*, xp=np``, a helper
with ``xp=np``, ``self.xp``), ``math.hypot(*v)``, ``helper(*x[:2])``, ``*args`` helpers,
dataclass and ``NamedTuple`` parameters, ``reduce``, comprehensions over ``zip``/``enumerate``
(``idioms28_more_zoo``); ``math.hypot`` of three coordinates, quaternions, ``np.cross``,
``np.roll``, ``np.einsum``, Weibull, gamma, beta-binomial and negative binomial likelihoods by
``scipy.special``, an LSTM step by ``np.split``, RMSNorm, GELU, focal, InfoNCE and label-smoothed
losses, ``sliding_window_view``, Griewank, Michalewicz, Goldstein-Price, ``math.fsum`` of a
generator, ``sorted(key=)``, a dict comprehension of parameters (``idioms28_extra_zoo``); against
central differences within their error estimate, with ``RuntimeWarning`` an error.

The CI budget runs the rows of :data:`RUN` (array-API style, refused before this table) and the
tests below of what this table's fixes do (a module or string default checked when the derivative
runs, an object's module or function checked likewise, ``hypot(*v)``'s curvature) and of the
programs still refused; ``python test_idioms28.py`` checks every row in every mode."""

from __future__ import annotations

import math

import numpy as np
import pytest
from idioms15_check import by_name, check_refusal
from idioms20_check import check_every_mode, check_quietly, mode_of
from idioms28_cases import CASES, REFUSED

import tangentish

BY_NAME = by_name(CASES)
TURNS = {case.name: turn for turn, case in enumerate(CASES)}
RUN = ("xp_helper_cosine",)  # (refused before: a helper's module held by a parameter's default;
# self.xp and math.hypot(*v), refused before too, are the tests below, in closed form)


@pytest.mark.parametrize("name", RUN)
def test_each_program_in_its_turn_of_mode_against_finite_differences(name):
    check_quietly(BY_NAME[name], mode_of(BY_NAME[name], TURNS[name]))


def xp_energy(x, xp=np, *, la=np.linalg):
    return xp.sum(xp.sin(x) ** 2) + la.norm(x)


def test_a_module_default_is_read_as_the_module_and_checked_when_the_derivative_runs():
    """``xp=np`` (and ``la=np.linalg``, keyword-only) left out: the derivative reads ``np``
    (passes/module_defaults.py; refused before as ``xp.sum`` read as an array's method); the
    call passing another module gets ``TypeError``, never ``np``'s derivative of it."""
    x = np.array([0.3, -1.2, 0.5])
    derivative = tangentish.grad(xp_energy)
    expected = np.sin(2 * x) + x / np.linalg.norm(x)
    np.testing.assert_allclose(derivative(x), expected, rtol=1e-14)
    np.testing.assert_allclose(derivative(x, np), expected, rtol=1e-14)
    with pytest.raises(TypeError, match="built for its default xp=np"):
        derivative(x, math)


def named_activation(x, name="tanh"):
    return np.sum(getattr(np, name)(x) * x)


def test_a_string_default_naming_a_module_function_is_read_as_its_default_and_checked():
    """``getattr(np, name)`` of ``name="tanh"`` left out is ``np.tanh`` (module_defaults'
    ``string_default_probes``; refused before), and another name passed raises ``TypeError``."""
    x = np.array([0.3, -1.2])
    derivative = tangentish.grad(named_activation)
    t = np.tanh(x)
    np.testing.assert_allclose(derivative(x), t + x * (1 - t * t), rtol=1e-14)
    with pytest.raises(TypeError, match="built for its default name='tanh'"):
        derivative(x, "sin")


class Held:
    def __init__(self):
        self.xp, self.act = np, np.tanh

    def loss(self, x):
        xp = self.xp
        return xp.sum(self.act(x) ** 2)


def test_what_an_object_holds_is_checked_when_the_derivative_runs():
    """``self.xp`` (a module) and ``self.act`` (a function) read from the object's layout; the
    object given another function after ``grad`` gets the derivative for it (layout_checks.py;
    idioms28 raised ``TypeError``; before, the derivative ran ``np.sin`` under ``np.tanh``'s
    derivative, a silently wrong gradient)."""
    model, x = Held(), np.array([0.3, -1.2])
    derivative = tangentish.grad(model.loss)
    t = np.tanh(x)
    np.testing.assert_allclose(derivative(x), 2 * t * (1 - t * t), rtol=1e-14)
    model.act = np.sin
    np.testing.assert_allclose(derivative(x), 2 * np.sin(x) * np.cos(x), rtol=1e-14)


def hypot_norm(v):
    return math.hypot(*v) ** 3 + math.hypot(v[0], v[1], v[2])


def test_hypot_of_a_star_or_of_three_is_math_dist_the_same_float():
    """``math.hypot(*v)`` and ``math.hypot(a, b, c)`` are ``math.dist`` from the origin
    (syntax/star.py, passes/coordinate_norms.py): the same float, the gradient and
    Hessian-vector product those of ``|v| ** 3 + |v|``."""
    v, u = np.array([0.3, -1.2, 0.5]), np.array([1.0, 0.5, -2.0])
    r = np.linalg.norm(v)
    value, gradient = tangentish.value_and_grad(hypot_norm)(v)
    assert value == hypot_norm(v)
    np.testing.assert_allclose(gradient, 3 * r * v + v / r, rtol=1e-14)
    hvp = 3 * (r * u + (v @ u) * v / r) + u / r - (v @ u) * v / r ** 3
    np.testing.assert_allclose(tangentish.hvp(hypot_norm)(v, u), hvp, rtol=1e-13)


@pytest.mark.parametrize("fn, named", REFUSED, ids=lambda a: getattr(a, "__name__", ""))
def test_the_programs_still_refused_are_refused_clearly(fn, named):
    check_refusal(fn, (np.array([0.3, -1.2]),), named, tangentish.grad)


if __name__ == "__main__":
    check_every_mode(CASES)
