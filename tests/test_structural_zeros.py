"""Selections never turn an unused inf or NaN into a NaN derivative (the "where-NaN gotcha").

Two ways it went wrong, each checked over a table (``tangentish/passes/supports.py``):

1. a selection's derivative multiplied by a 0 weight (``np.sqrt(np.maximum(x, 0.0))`` at
   ``x < 0``: ``sqrt'(0) * 0 = inf * 0``): every selection of :data:`CLAMPS` in front of every
   singular function that takes the clamped value;
2. a structural 0 (the branch ``np.where`` did not take, an element a slice does not read)
   multiplied by a singular partial that is inf or NaN there (``np.sqrt(x)[1:]`` at
   ``x[0] < 0``): every selection of :data:`AFTER` behind every function of :data:`SINGULAR`.

Each function is a sum of elementwise terms, its value finite at every point drawn; the reference
is the finite difference of each element, central where both sides are finite, else the one-sided
one (0 where the value is locally constant), compared in reverse mode, in forward mode (a random
direction) and at second order (finite differences of the gradient).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
import pytest
from helpers import module_from_text, one_sided_jacobian, seed_for, specialize, specialized_calls

import tangentish
from tangentish.extend import elementwise, singular

# name: (expression of x, points where it or its derivative is not finite, an interior range)
SINGULAR = {
    "sqrt": ("np.sqrt({})", [-1.5, 0.0], (0.5, 2.0)),
    "power_half": ("{} ** 0.5", [-1.5, 0.0], (0.5, 2.0)),
    "float_power": ("np.float_power({}, 1.5)", [-1.5], (0.5, 2.0)),
    "cbrt": ("np.cbrt({})", [0.0], (0.5, 2.0)),
    "log": ("np.log({})", [-1.0, 0.0], (0.5, 2.0)),
    "log2": ("np.log2({})", [-1.0, 0.0], (0.5, 2.0)),
    "log10": ("np.log10({})", [0.0], (0.5, 2.0)),
    "log1p": ("np.log1p({})", [-2.0, -1.0], (0.5, 2.0)),
    "arcsin": ("np.arcsin({})", [-1.5, -1.0, 1.0, 1.5], (-0.6, 0.6)),
    "arccos": ("np.arccos({})", [-1.5, -1.0, 1.0], (-0.6, 0.6)),
    "arctanh": ("np.arctanh({})", [-1.0, 1.0, 1.5], (-0.6, 0.6)),
    "arccosh": ("np.arccosh({})", [0.5, 1.0], (1.5, 3.0)),
    "reciprocal": ("np.reciprocal({})", [0.0], (0.5, 2.0)),
    "divide": ("1.0 / {}", [0.0], (0.5, 2.0)),
    "sqrt_then_log": ("np.log(np.sqrt({}) + 1.0)", [-1.5, 0.0], (0.5, 2.0)),
    "math_free_chain": ("np.sqrt(np.log({}))", [0.5, 1.0], (1.5, 3.0)),
}

# Selections behind the singular value U (its unused elements: the first k of x, the bad points);
# INSIDE is the condition that holds on the interior points only.
AFTER = {
    "where": "np.where(INSIDE, U, 0.0)",
    "where_else": "np.where(np.logical_not(INSIDE), 0.5, U)",
    "where_scaled": "np.where(INSIDE, 2.0 * U - 1.0, 0.0) * 3.0",
    "slice": "U[K:]",
    "index": "U[[K, K + 1]]",
    "repeated_index": "U[[K, K, K + 1]]",
    "mask": "U[INSIDE]",
    "where_of_slice": "np.where(INSIDE[K:], U[K:], 0.0)",
}

# Selections in front of a singular function f: f(CLAMP) with the clamp's constant where f is
# singular and x beyond it (the bad points), the interior points passed through.
CLAMPS = {
    "sqrt_maximum": ("np.sqrt(np.maximum(x, 0.0))", [-1.5, -0.5], (0.5, 2.0)),
    "sqrt_fmax": ("np.sqrt(np.fmax(x, 0.0))", [-1.5, -0.5], (0.5, 2.0)),
    "sqrt_clip": ("np.sqrt(np.clip(x, 0.0, 4.0))", [-1.5, -0.5, 5.0], (0.5, 2.0)),
    "sqrt_minimum": ("np.sqrt(-np.minimum(x, 0.0))", [0.5, 1.5], (-2.0, -0.5)),
    "power_maximum": ("np.maximum(x, 0.0) ** 0.5", [-1.5, -0.5], (0.5, 2.0)),
    "cbrt_maximum": ("np.cbrt(np.maximum(x, 0.0))", [-1.5, -0.5], (0.5, 2.0)),
    "arccos_clip": ("np.arccos(np.clip(x, -1.0, 1.0))", [-2.0, -1.5, 1.5], (-0.6, 0.6)),
    "arcsin_clip": ("np.arcsin(np.clip(x, -1, 1))", [-1.5, 1.5, 2.0], (-0.6, 0.6)),
    "sqrt_relu_log": ("np.log(np.sqrt(np.maximum(x, 0.0)) + 1.0)", [-1.5, -0.5], (0.5, 2.0)),
}


def _points(bad: list[float], interior: tuple[float, float], name: str) -> np.ndarray:
    rng = np.random.default_rng(seed_for(name))
    return np.concatenate([bad, rng.uniform(*interior, size=3)])


def _function(tmp_path, name: str, expression: str) -> Callable:
    text = f"import numpy as np\n\n\ndef {name}(x):\n    return np.sum({expression})\n"
    return getattr(module_from_text(tmp_path, name, text), name)


def _after(kind: str, singular: str) -> tuple[str, np.ndarray]:
    expression, bad, (low, high) = SINGULAR[singular]
    inside = f"((x > {low - 0.1}) & (x < {high + 0.1}))"
    selection = AFTER[kind].replace("INSIDE", inside).replace("K", str(len(bad)))
    return (selection.replace("U", f"({expression.format('x')})"),
            _points(bad, (low, high), f"{kind}-{singular}"))


def _differences(f: Callable, x: np.ndarray) -> np.ndarray:
    """Each element's finite difference: central where both sides are finite, else one-sided."""
    return one_sided_jacobian(f, x)


def _check(f: Callable, x: np.ndarray) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # (the primal's own sqrt(-1))
        assert np.isfinite(f(x))
        expected = _differences(f, x)
        assert np.isfinite(expected).all()
        gradient = tangentish.grad(f)(x)
        np.testing.assert_allclose(gradient, expected, rtol=1e-5, atol=1e-6)
        specialize(tangentish.grad(f), (x,))
        np.testing.assert_array_equal(tangentish.grad(f)(x), gradient)  # (specialized: 2nd call)
        direction = np.random.default_rng(seed_for(f.__name__)).uniform(0.5, 1.5, x.shape)
        _, tangent = tangentish.jvp(f)(x, x_dot=direction)
        np.testing.assert_allclose(tangent, gradient @ direction, rtol=1e-7, atol=1e-9)
        hessian = tangentish.hessian(f)(x)
        grad = tangentish.grad(f)
        curvature = np.array([_differences(lambda y, i=i: grad(y)[i], x) for i in range(x.size)])
        np.testing.assert_allclose(hessian, curvature, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("singular", sorted(SINGULAR))
@pytest.mark.parametrize("kind", sorted(AFTER))
def test_structural_zero_meets_a_singular_partial(tmp_path, kind: str, singular: str) -> None:
    expression, x = _after(kind, singular)
    _check(_function(tmp_path, f"{kind}_{singular}", expression), x)


@pytest.mark.parametrize("name", sorted(CLAMPS))
def test_a_selection_weight_of_0_meets_an_inf_cotangent(tmp_path, name: str) -> None:
    expression, bad, interior = CLAMPS[name]
    _check(_function(tmp_path, name, expression), _points(bad, interior, name))


SPECIAL = '''
import numpy as np


def masked(x, m):  # a mask argument (its shape unproven): the adjoint is un-broadcast
    return np.sum(np.where(m, np.sqrt(x), 0.0))


def fmax_broadcast(x, y):  # the chosen weight of a broadcast operand: un-broadcast
    return np.sum(np.fmax(np.sqrt(x), y))


def piecewise(x):  # partials that are the constant 0 (copysign in its sign, angle of a real)
    return np.sum(np.sqrt(np.copysign(1.0, x) + 1.0)) + np.sum(np.sqrt(np.angle(x)))


def nan_to_num_log(x):
    return np.sum(np.nan_to_num(np.log(x), nan=0.0, neginf=0.0))


def max_of_roots(x):
    return np.max(np.sqrt(x)) + np.min(np.log1p(x))


def in_loop(x):
    total = 0.0
    for i in range(3):
        total = total + np.sum(np.where(x > 0.5 * i, np.sqrt(x - 0.5 * i), 0.0))
    return total


def cube_of_root(x):
    return np.sum(np.where(x > -1.0, np.cbrt(x) ** 3, 0.0))


def root(x):
    return np.sum(np.sqrt(x))


def arccos_clip(x):
    return np.sum(np.arccos(np.clip(x, -1.0, 1.0)))
'''


@pytest.fixture(scope="module")
def special(tmp_path_factory):
    return module_from_text(tmp_path_factory.mktemp("special"), "structural_special", SPECIAL)


@pytest.mark.parametrize("mask", [
    np.array([False, True, True, False]),
    np.array([[False, True, True, False], [False, False, True, False]]),  # broadcasts x
])
def test_a_mask_of_unproven_shape(special, mask: np.ndarray) -> None:
    x = np.array([-1.0, 0.5, 2.0, 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        derivative = tangentish.grad(special.masked)
        gradient, again = specialized_calls(derivative, (x, mask), 2)  # (generic, specialized)
        expected = _differences(lambda y: special.masked(y, mask), x)
    np.testing.assert_allclose(again, expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(gradient, expected, rtol=1e-5, atol=1e-6)


def test_a_weight_of_a_broadcast_operand(special) -> None:
    """Also in the derivative specialized to the shapes (the second call on), whose un-broadcast
    is ``np.sum(..., axis=0)``: the selection's support must be read through it."""
    x, y = np.array([-1.0, 0.0, 1.0, 4.0]), np.array([[0.5], [3.0]])  # fmax takes y but at 4
    derivative = tangentish.grad(special.fmax_broadcast)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        gradients = specialized_calls(derivative, (x, y), 3)
        expected = _differences(lambda z: special.fmax_broadcast(z, y), x)
    for gradient in gradients:
        np.testing.assert_allclose(gradient, expected, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name, x", [
    ("nan_to_num_log", [-1.0, 2.0, 0.5]),
    ("max_of_roots", [0.0, 1.0, 4.0, 2.0]),  # sqrt'(0) = inf where it is not the maximum
    ("in_loop", [-0.5, 0.25, 0.75, 1.6]),
    ("piecewise", [-1.0, 2.0, 0.5]),
])
def test_selections_of_other_forms(special, name: str, x: list[float]) -> None:
    f, x = getattr(special, name), np.array(x)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        expected = _differences(f, x)
        gradient = tangentish.grad(f)(x)
        _, tangent = tangentish.jvp(f)(x, x_dot=np.ones_like(x))
    np.testing.assert_allclose(gradient, expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(tangent, np.sum(expected), rtol=1e-5, atol=1e-6)


def test_a_zero_that_is_not_structural_meets_inf_as_ieee_says(special) -> None:
    """cbrt(x) ** 3 is x: its derivative at 0 is 1, which the chain rule writes 3 * 0**2 * inf.
    The where's condition holds there, so its 0 is not structural: NaN, never a silent 0."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        gradient = tangentish.grad(special.cube_of_root)(np.array([0.0, 0.5, -2.0]))
    assert np.isnan(gradient[0]) and gradient[2] == 0.0
    np.testing.assert_allclose(gradient[1], 1.0)


@pytest.mark.parametrize("name, x, expected", [
    ("root", [0.0, 4.0], [np.inf, 0.25]),  # used at 0: the one-sided derivative
    ("arccos_clip", [-1.0, 0.0, 1.5], [-np.inf, -1.0, 0.0]),  # the bound itself passes through
])
def test_used_singular_points_keep_their_one_sided_value(special, name, x, expected) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        gradient = tangentish.grad(getattr(special, name))(np.array(x))
    np.testing.assert_array_equal(gradient, expected)


def root_of(x):  # a user's function whose partial is inf at 0, declared singular
    return np.sqrt(x)


elementwise(root_of, lambda y, x: 0.5 / y)
singular(root_of)


def guarded_user_root(x):
    return np.sum(np.where(x > 0.5, root_of(x), 0.0))


def test_a_users_singular_declaration() -> None:
    x = np.array([-1.0, 0.0, 4.0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        gradient = tangentish.grad(guarded_user_root)(x)
        _, tangent = tangentish.jvp(guarded_user_root)(x, x_dot=np.ones(3))
    np.testing.assert_array_equal(gradient, [0.0, 0.0, 0.25])  # (closed form: 1 / (2 sqrt x))
    assert tangent == 0.25


def _log_where_discarded(x):
    return np.where(x > 0.5, np.log(x), x)


def _arcsin_where_discarded(x):
    return np.where(x < 0.5, np.arcsin(x) * 2.0, x * x)


@pytest.mark.parametrize("f, at, slope", [(_log_where_discarded, 0.0, 1.0),
                                          (_arcsin_where_discarded, 1.0, 2.0)])
def test_python_float_tangents_follow_numpy(f, at, slope):
    """A Python float tangent is a float64: ``x_dot / x`` at x = 0 (or ``/ sqrt(1 - x * x)`` at
    1), in the branch np.where discards, is inf there (and not used), never Python's
    ZeroDivisionError."""
    with np.errstate(divide="ignore", invalid="ignore"):
        value, tangent = tangentish.jvp(f)(at, x_dot=1.0)
        assert float(value) == float(f(at)) and float(tangent) == slope


def _root_where_discarded(x):
    return np.where(x > 0.0, np.power(x, 0.5), -x)


def _power_where_discarded(x):
    return np.where(x > 1.0, np.power(x, 1.5) + np.power(x, -0.5), 2.0 * x)


@pytest.mark.parametrize("f, at, slope", [(_root_where_discarded, -2.0, -1.0),
                                          (_power_where_discarded, -2.0, 2.0)])
def test_numpy_power_of_a_negative_python_float_follows_numpy(f, at, slope):
    """``np.power(-2.0, 0.5)`` is NaN (not Python's complex ``(-2.0) ** 0.5``), in the branch
    ``np.where`` discards: its partial is computed as NumPy computes the value, and the
    derivative is the other branch's, in every mode (``x ** 0.5`` there is complex in the primal
    itself, and refused as such)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        assert float(tangentish.grad(f)(at)) == slope
        assert float(tangentish.jvp(f)(at, x_dot=1.0)[1]) == slope
        assert float(tangentish.vjp(f)(at)[1](1.0)) == slope
        assert float(tangentish.hessian(f)(at)) == 0.0


def _broadcast_root(a):
    if a[0, 0] > 5.0:  # (a bound on two paths: its shape is not proven, only specialized)
        a = a * 2.0
    return np.sum(np.where(a > 0.0, np.power(a, 0.5), -a) * np.arange(1.0, 4.0))


def test_a_specialized_derivative_keeps_the_support():
    """The second call runs a derivative specialized to the arguments' shapes, whose adjoints are
    not un-broadcast where the shapes match: the support is handed on there too (fuzz seed 1803
    program 106: NaN where ``a < 0``)."""
    a = np.array([[-1.5, -0.5, 1.0], [0.75, 1.25, -0.25]])
    with np.errstate(invalid="ignore"):
        expected = one_sided_jacobian(_broadcast_root, a)
        for _ in range(3):
            np.testing.assert_allclose(tangentish.grad(_broadcast_root)(a), expected, rtol=1e-5,
                                       atol=1e-6)
