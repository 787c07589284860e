"""Structural zeros beyond ``np.where`` and slices in straight-line code (``passes/support_flow.py``).

An unread element of a singular function's value (``np.sqrt(x)`` at ``x <= 0``) has the exact
derivative 0, never ``0 * inf = NaN``; nor has a component a seed leaves out.  Two tables:

1. :data:`SELECT` x :data:`SINGULAR`: each way of reading some elements (gathers, masks, slices,
   ``np.where``, two reads, ``if``/``else``, loops) behind each singular function, at points
   where the unread elements are singular; every mode (grad, vjp with a cotangent holding zeros,
   jvp with a direction holding zeros, jacobian both modes, hessian) against one-sided finite
   differences (:func:`helpers.one_sided_jacobian`).
2. :data:`SEEDED` x :data:`SINGULAR`: an elementwise function at its singular points, whose
   derivative there is inf or NaN; a seed that is 0 there (a Jacobian's one-hot rows and
   columns, a vjp cotangent, a jvp direction, an hvp vector) gives 0 there (closed form: each
   output component reads its own input only) and the finite differences elsewhere.

A zero that is not structural still meets inf as IEEE says (:func:`test_used_zeros_stay_nan`).
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import module_from_text, numeric_grad, one_sided_jacobian, seed_for

import tangentish

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")  # (sqrt(-1) unread, 0 * inf)

# name: (expression of x, points where its partial is not finite, interior range)
SINGULAR = {
    "sqrt": ("np.sqrt({})", [-1.5, 0.0], (0.5, 2.0)),
    "log": ("np.log({})", [-1.0, 0.0], (0.5, 2.0)),
    "arccos": ("np.arccos({})", [-1.5, 1.0], (-0.6, 0.6)),
    "power_half": ("{} ** 0.5", [-1.5, 0.0], (0.5, 2.0)),
    "reciprocal": ("1.0 / {}", [0.0], (0.5, 2.0)),
}

# r from u (the singular value), reading the elements from K on only (GOOD: their mask)
SELECT = {
    "take": "r = np.take(u, [K, K + 2])",
    "take_axis": "r = np.take(u, [K + 1, K], axis=0)",
    "compress": "r = np.compress(GOOD, u)",
    "take_along_axis": "r = np.take_along_axis(u, np.array([K + 2, K]), axis=0)",
    "fancy": "r = u[[K, K + 1, K + 1]]",
    "mask": "r = u[np.array(GOOD)]",
    "slice": "r = u[K:] * 2.0",
    "where": "r = np.where(np.array(GOOD), u, 0.0)",
    "two_reads": "r = u[K] * 2.0 + u[K + 2]",
    "branch": "if x[-1] > -10.0:\n        r = u[K:] * 2.0\n    else:\n        r = u[:K]",
    "branch_else": "if x[-1] < -10.0:\n        r = u[:K]\n    else:\n        r = u[K + 1:]",
    "one_branch": "r = u[K]\n    if x[-1] > -10.0:\n        r = r + u[K + 2]",
    "loop": "r = 0.0\n    for i in range(K, x.shape[0]):\n        r = r + u[i] * i",
    "while": "r = 0.0\n    i = K\n    while i < x.shape[0]:\n        r = r + u[i]\n        i = i + 1",
}

TEMPLATE = '''import numpy as np


def vector(x):
    u = EXPR
    SELECT
    return r


def total(x):  # (vector's text again: a helper's seed is computed, not the caller's own)
    u = EXPR
    SELECT
    return np.sum(r * np.arange(1.0, 1.0 + np.size(r)))
'''


def _module(tmp_path, name: str, singular: str, select: str):
    expression, bad = SINGULAR[singular][0], len(SINGULAR[singular][1])
    good = [False] * bad + [True] * 3
    text = TEMPLATE.replace("EXPR", expression.format("x")).replace("SELECT", select)
    text = text.replace("GOOD", repr(good)).replace("K", str(bad))
    return module_from_text(tmp_path, name, text)


def _point(singular: str, name: str) -> np.ndarray:
    _, bad, interior = SINGULAR[singular]
    return np.concatenate([bad, np.random.default_rng(seed_for(name)).uniform(*interior, 3)])


@pytest.mark.parametrize("singular", sorted(SINGULAR))
@pytest.mark.parametrize("select", sorted(SELECT))
def test_unread_singular_elements(tmp_path, select: str, singular: str) -> None:
    name = f"{select}_{singular}"
    module, x = _module(tmp_path, name, singular, SELECT[select]), _point(singular, name)
    expected = one_sided_jacobian(module.vector, x)
    assert np.isfinite(expected).all()
    rng = np.random.default_rng(seed_for(name))
    for mode in ("rev", "fwd"):
        np.testing.assert_allclose(tangentish.jacobian(module.vector, mode=mode)(x),
                                   expected, rtol=1e-5, atol=1e-6, err_msg=mode)
    cotangent = rng.uniform(0.5, 1.5, np.shape(module.vector(x)))
    cotangent.flat[0] = 0.0
    _, pullback = tangentish.vjp(module.vector)(x)
    np.testing.assert_allclose(pullback(cotangent), np.tensordot(cotangent, expected,
                                                                  np.ndim(cotangent)),
                               rtol=1e-5, atol=1e-6)
    direction = np.where(np.arange(x.size) % 2 == 0, 0.0, rng.uniform(0.5, 1.5, x.shape))
    _, tangent = tangentish.jvp(module.vector)(x, x_dot=direction)
    np.testing.assert_allclose(tangent, expected @ direction, rtol=1e-5, atol=1e-6)
    gradient = tangentish.grad(module.total)(x)
    np.testing.assert_allclose(gradient, one_sided_jacobian(module.total, x), rtol=1e-5,
                               atol=1e-6)
    curvature = one_sided_jacobian(tangentish.grad(module.total), x)
    np.testing.assert_allclose(tangentish.hessian(module.total)(x), curvature, rtol=1e-4,
                               atol=1e-4)


# elementwise functions of the singular value u (each output component reads its own x only)
SEEDED = {
    "plain": "u",
    "scaled": "2.0 * u - 1.0",
    "chain": "np.tanh(u) * 3.0",
    # the output bound in branches: a seed's support holds in the one that ran (before, none)
    "branches": "if x.size > 100:\n        r = u * 0.5\n    else:\n        r = 2.0 * u",
    "early_return": "if x.size > 100:\n        return u\n    r = u * 1.0",
}

@pytest.mark.parametrize("singular", sorted(SINGULAR))
@pytest.mark.parametrize("outer", sorted(SEEDED))
def test_zeros_of_a_seed(tmp_path, outer: str, singular: str) -> None:
    name = f"seeded_{outer}_{singular}"
    select = SEEDED[outer] if "\n" in SEEDED[outer] else f"r = {SEEDED[outer]}"
    module = _module(tmp_path, name, singular, select)
    x, bad = _point(singular, name), len(SINGULAR[singular][1])
    good = np.arange(x.size) >= bad
    rng = np.random.default_rng(seed_for(name))
    seed = np.where(good, rng.uniform(0.5, 1.5, x.shape), 0.0)
    slopes = np.diagonal(one_sided_jacobian(module.vector, x))  # (finite where good)
    for mode in ("rev", "fwd"):  # rows and columns one-hot: 0 off the diagonal
        jacobian = tangentish.jacobian(module.vector, mode=mode)(x)
        np.testing.assert_array_equal(jacobian[~np.eye(x.size, dtype=bool)], 0.0)
        np.testing.assert_allclose(np.diagonal(jacobian)[good], slopes[good], rtol=1e-5)
    _, pullback = tangentish.vjp(module.vector)(x)
    np.testing.assert_allclose(pullback(seed), np.where(good, seed * slopes, 0.0),
                               rtol=1e-5, atol=1e-6)
    _, tangent = tangentish.jvp(module.vector)(x, x_dot=seed)
    np.testing.assert_allclose(tangent, np.where(good, seed * slopes, 0.0), rtol=1e-5,
                               atol=1e-6)
    gradient = tangentish.grad(module.total)
    curvature = np.diagonal(one_sided_jacobian(lambda y: gradient(y)[good], x)[:, good])
    product = tangentish.hvp(module.total)(x, seed)
    np.testing.assert_allclose(product, _spread(curvature * seed[good], good), rtol=1e-4,
                               atol=1e-4)
    hessian = tangentish.hessian(module.total)(x)
    np.testing.assert_array_equal(hessian[~np.eye(x.size, dtype=bool)], 0.0)


def _spread(values: np.ndarray, where: np.ndarray) -> np.ndarray:
    out = np.zeros(where.shape)
    out[where] = values
    return out


USED = '''import numpy as np


def square_of_root(x):
    return np.sqrt(x) ** 2


def cube_of_root(x):
    return np.cbrt(x) ** 3
'''


@pytest.mark.parametrize("name", ["square_of_root", "cube_of_root"])
def test_used_zeros_stay_nan(tmp_path, name: str) -> None:
    """sqrt(x) ** 2 at 0: the chain rule writes 2 * 0 * inf; the 0 is computed, not a seed's:
    NaN in every mode (never a made-up 0), where the seed counts."""
    f = getattr(module_from_text(tmp_path, "used_zeros", USED), name)
    x, seed = np.array([0.0, 1.0]), np.array([1.0, 0.0])
    _, pullback = tangentish.vjp(f)(x)
    _, tangent = tangentish.jvp(f)(x, x_dot=seed)
    for result in (pullback(seed), tangent, tangentish.jacobian(f)(x)[0],
                   tangentish.jacobian(f, mode="fwd")(x)[:, 0]):
        assert np.isnan(result[0]) and result[1] == 0.0


def test_a_diagonal(tmp_path) -> None:
    text = "import numpy as np\n\n\ndef f(x):\n    return np.sum(np.diagonal(np.sqrt(x)) * 2.0)\n"
    f = module_from_text(tmp_path, "diagonal_root", text).f
    x = np.array([[4.0, -1.0], [0.0, 1.0]])
    np.testing.assert_allclose(tangentish.grad(f)(x), one_sided_jacobian(f, x), atol=1e-6)
    np.testing.assert_allclose(tangentish.hessian(f)(x).reshape(4, 4),
                               one_sided_jacobian(tangentish.grad(f), x).reshape(4, 4),
                               rtol=1e-4, atol=1e-4)


SECOND = '''import numpy as np


def broadcast_root(x):  # a partial of b, broadcast from the scalar x: un-broadcast to it
    b = np.ones(2) * ((x - x) / 3.0)
    return np.sum(np.fmax(np.sqrt(b), 0.5))


def broadcast_root_product(x):
    b = np.ones(2) * ((x - x) / 3.0)
    return np.sum(np.sin(b) * (np.fmax(np.sqrt(b), 0.5) - (b - b)))


def broadcast_where(x):
    b = np.ones(3) * x
    return np.sum(np.where(b > 1.0, np.sqrt(b - 1.0) * 2.0, 0.0))
'''


@pytest.mark.parametrize("name", ["broadcast_root", "broadcast_root_product", "broadcast_where"])
@pytest.mark.parametrize("x", [0.5, 0.9, 2.0])
def test_gradient_of_a_gradient(tmp_path, name: str, x: float) -> None:
    """Reverse over reverse: the first gradient's selection (``np.where(c, g / (2 * s), 0.0)``)
    in front of a partial whose operand is broadcast from a scalar (an un-broadcast
    contribution keeps its support inside: ``_rt.unbroadcast(np.where(c, ...), s)``)."""
    f = getattr(module_from_text(tmp_path, "second_" + name, SECOND), name)
    gradient = tangentish.grad(f)
    expected = one_sided_jacobian(lambda y: gradient(float(y[0])), np.array([x]))[0]
    np.testing.assert_allclose(tangentish.grad(gradient)(x), expected, rtol=1e-5, atol=1e-6)


SPECIALIZED = '''import numpy as np


def f(v):
    c = np.sum(np.sqrt(v * v))
    y = c + v
    return np.sum(np.where(np.abs(y) < 1.0, np.arccos(y), 1.0)) + np.sum(v ** 2)
'''


def test_a_specialized_unbroadcast_keeps_the_support(tmp_path) -> None:
    """The derivative specialized to the arguments' patterns says ``_rt.unbroadcast(g, c)`` as
    ``np.sum(g, axis=0)``; the support of ``c``'s adjoint (0 by structure: ``np.where`` reads no
    ``arccos``) must be summed the same way, or ``sqrt``'s inf at ``v[0] = 0`` meets it as NaN
    on every call after the first (fuzz seed 5185 program 21: NaN on the second call only)."""
    f = module_from_text(tmp_path, "specialized_unbroadcast", SPECIALIZED).f
    v = np.array([0.0, 3.0, 2.5])
    gradient = tangentish.grad(f)
    assert "np.sum(" in gradient.source_for(v) and "_rt.unbroadcast(" in gradient.source
    expected = numeric_grad(f, (v,))
    for _ in range(3):  # (the first call runs the generic derivative, later ones the other)
        np.testing.assert_allclose(gradient(v), expected, rtol=1e-6, atol=1e-8)
