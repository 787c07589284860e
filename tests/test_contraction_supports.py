"""An element of ``x`` that a contraction, a difference, a split or a join never carries to what
the output reads takes no part in the derivative, even where its own partial is infinite
(``np.cbrt`` at 0): ``np.sum(np.diff(np.cbrt(x))[1:] ** 2)`` at ``x[0] = 0`` had a NaN gradient
where the derivative is 0.  A contraction's adjoint is 0 by structure where its map reaches no
element the output reads with a weight that is not 0 (``tangentish/passes/supports_reached.py``:
the same map of the mask and of ``_rt.weighs`` of the weights; a difference's by its ``or``
twin, ``_rt.undiff_reach``, ``_rt.cross_reach``); a split's pieces and an ``np.append`` are
joins cut apart, ``np.atleast_2d(c)`` of one array is an array, not a list
(``passes/shapes.py``), and ``x.tolist()`` (differentiated: ``_rt.tolisted``/``_rt.untolisted``)
a list of rows of numbers.  The triangle a triangular solve, a Cholesky factorization or
``np.tril`` does not read is 0 by structure in its adjoint, whatever the incoming one's support
(``tangentish/passes/supports_unread.py``; of a helper's result too, handed to its derivative;
``scipy.linalg.cho_solve``'s factor, in the ``(c, lower)`` it is handed with), and so are the
values ``np.unique``'s result has but the output does not read.  One table, each row a family:
its gradient against central differences, its ``jvp`` along a direction that moves ``x[0]``, and
its ``hvp`` against differences of the gradient; then each adjoint's mask against the adjoint's
columns."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg as sla
from far_helpers import magnitudes

import tangentish

X = np.array([0.0, 1.0, 2.0, 3.0, 5.0, 4.0])
V = np.array([0.7, 0.3, -0.2, 0.5, 0.1, 0.2])


def differences(x):
    c = np.cbrt(x)
    return np.sum(np.diff(c, 2)[1:] ** 2) + np.sum(np.ediff1d(c)[1:] ** 2) + \
        np.sum(np.gradient(c)[3:] ** 2)


def convolutions(x):
    c = np.cbrt(x)
    return np.sum(np.convolve(c, [1.0, -1.0], "valid")[1:] ** 2) + \
        np.sum(np.correlate(c, [1.0, -1.0, 2.0], "same")[2:] ** 2)


def outer_products(x):
    c = np.cbrt(x)
    return np.sum(np.kron([1.0, -2.0], c)[7:] ** 2) + np.sum(np.outer(c, [1.0, -2.0])[1:] ** 2) + \
        np.sum(np.cross(c.reshape(2, 3), [1.0, -2.0, 3.0])[1] ** 2)


def contractions(x):
    m = np.cbrt(x).reshape(2, 3)
    return np.sum(np.einsum("ij,jk->ik", m, np.ones((3, 2)))[1] ** 2) + \
        np.sum(np.tensordot(m, np.array([[1.0], [-1.0], [2.0]]), 1)[1] ** 2) + \
        np.sum((np.array([[1.0, -1.0], [2.0, 1.0]]) @ m)[:, 1:] ** 2)


def cut_and_joined(x):
    c = np.cbrt(x)
    return np.sum(np.split(c, 2)[1] + np.array_split(c, 4)[3] ** 2) + \
        np.sum(np.vsplit(c.reshape(2, 3), 2)[1] ** 2) + \
        np.sum(np.append(c, 1.0)[2:] * np.append(1.0, c)[2:] ** 2) + \
        np.sum(np.atleast_2d(c)[0, 1:] ** 2)


def listed(x):
    rows = np.cbrt(x).reshape(2, 3).tolist()
    return np.sum(np.array(rows[1]) ** 2) + rows[0][2] * 3.0


def unread_by_rules(x):  # (c[0] in what np.unique's [1:], a lower triangular solve, a Cholesky
    c = np.cbrt(x)  # factor's or np.tril's adjoint leaves out: grad NaN, stop 58; cho_solve's
    a = np.array([[2.0 + x[1], c[0]], [0.3 * x[2], 3.0 + x[3]]])  # factor, handed with its
    return np.sum(np.unique(c)[1:]) + np.sum(np.tril(a) ** 2) + \
        np.sum(sla.solve_triangular(a, np.array([1.0, 2.0]), lower=True)) + \
        np.sum(np.linalg.cholesky(a + 3.0 * np.eye(2))) + \
        np.sum(sla.cho_solve((a, True), np.array([1.0, -2.0])))  # flag: stop 59)


ROWS = [differences, convolutions, outer_products, contractions, cut_and_joined,
        listed, unread_by_rules]


def _central(f, x, step=1e-6):
    return np.array([(f(x + step * e) - f(x - step * e)) / (2 * step) for e in np.eye(x.size)])


@pytest.mark.parametrize("form", ROWS, ids=[r.__name__ for r in ROWS])
def test_an_element_no_read_output_reaches_stays_out_of_the_derivative(form):
    f = form
    gradient_of = tangentish.grad(f)
    with np.errstate(divide="ignore", invalid="ignore"):  # (the partial at 0, computed, unused)
        g = gradient_of(X)
        _, tangent = tangentish.jvp(f)(X, x_dot=V)
        product = tangentish.hvp(f)(X, V)
    np.testing.assert_allclose(g, _central(f, X), rtol=1e-5, atol=1e-7)
    assert g[0] == 0.0
    np.testing.assert_allclose(tangent, g @ V, rtol=1e-9, atol=1e-12)
    step = 1e-5
    expected = (gradient_of(X + step * V) - gradient_of(X - step * V)) / (2 * step)
    np.testing.assert_allclose(product, expected, rtol=1e-4, atol=1e-6)


def _unread_of_a_far_helper(x):
    a = np.array([[x[1], x[0]], [0.3 * x[2], x[3]]])
    return np.sum(sla.solve_triangular(magnitudes(a), np.ones(2), lower=True))


def test_the_unread_triangle_of_a_far_helpers_result_reaches_its_derivative():
    """A matrix made by a helper of another module (whose derivative is called: its result
    maybe a list, by what is known) and solved as lower triangular: the triangle the solve leaves
    out had no support, so none reached the helper's gradient, and its ``np.sqrt(a * a)`` at
    ``a[0, 1] = 0`` was ``0 * inf``: grad NaN where the derivative is 0 (stop 59)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        g = tangentish.grad(_unread_of_a_far_helper)(X[:4])
    np.testing.assert_allclose(g, _central(_unread_of_a_far_helper, X[:4]), rtol=1e-6, atol=1e-8)
    assert g[0] == 0.0


_RNG = np.random.default_rng(3)
_SIGNS = np.array([[1.0, -1.0, 0.0], [2.0, 0.0, -0.5]])
REACHED = {  # (the adjoint's arguments after g, g's shapes: several for a list of arrays)
    "unconvolve": ((np.zeros(6), np.array([1.0, -1.0, 0.0, 0.5]), "full"), [(9,)]),
    "uncorrelate_first": ((np.zeros(6), np.array([1.0, -1.0, 0.0, 2.0]), "same"), [(6,)]),
    "uncorrelate_second": ((np.array([1.0, 0.0, -1.0, 1.0, 2.0, 0.0]), np.zeros(3), "valid"),
                           [(4,)]),
    "unkron_left": ((np.zeros((2, 3)), _SIGNS[:, :2]), [(4, 6)]),
    "unkron_right": ((_SIGNS[:, 1:], np.zeros((2, 3))), [(4, 6)]),
    "matmul_left": ((np.zeros((2, 2)), _SIGNS), [(2, 3)]),
    "matmul_right": ((_SIGNS.T, np.zeros((2, 4))), [(3, 4)]),
    "dot_left": ((np.zeros((2, 3)), _SIGNS[0]), [(2,)]),
    "dot_right": ((_SIGNS, np.zeros(3)), [(2,)]),
    "inner_left": ((np.zeros((4, 3)), _SIGNS), [(4, 2)]),
    "inner_right": ((_SIGNS, np.zeros((4, 3))), [(2, 4)]),
    "unpolyval": ((np.zeros(3), np.array([0.0, 1.0, -2.0, 3.0])), [(4,)]),
    "undiff": ((np.zeros((3, 6)), 2, 1), [(3, 4)]),
    "ungradient": ((np.zeros((4, 5)), 1.0, 2, None), [(4, 5), (4, 5)]),
    "cross": ((np.array([[1.0, 0.0], [0.0, 0.0], [2.0, -1.0]]), -1, -1, -1, None), [(3, 3)]),
    "cross_flat": ((np.array([[1.0, 0.0], [0.0, 2.0]]), 0, 0, 0, None), [(2, 2)]),
}


def _cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    """``np.cross`` as NumPy < 2.5 computes it, 2-vectors too (their third component 0; two of
    them give the third component alone): NumPy 2.5 refuses vectors of length 2."""
    if axis is not None:
        axisa = axisb = axisc = axis
    a, b = np.moveaxis(np.asarray(a), axisa, -1), np.moveaxis(np.asarray(b), axisb, -1)
    flat = a.shape[-1] == 2 and b.shape[-1] == 2
    a, b = (np.concatenate([v, np.zeros(v.shape[:-1] + (1,))], axis=-1) if v.shape[-1] == 2 else v
            for v in (a, b))
    out = np.cross(a, b)
    return out[..., 2] if flat else np.moveaxis(out, -1, axisc)


def _maps():
    from tangentish.passes.supports_reached import _CONTRACTIONS, _SIGNED

    return {**{name: (name, _CONTRACTIONS[name]) for name in _CONTRACTIONS},
            **{name: (_SIGNED[name], None) for name in _SIGNED},
            "cross": ("cross_reach", (1,)), "cross_flat": ("cross_reach", (1,))}


@pytest.mark.parametrize("name", sorted(REACHED))
def test_a_contraction_mask_holds_where_its_adjoint_reaches(name):
    """The mask the supports write of each adjoint (``_rt.weighs`` at the weights' positions, or
    the ``or`` twin) is exactly where the adjoint of a ``g`` non-zero where the mask of ``g`` is
    may be non-zero: every column of the adjoint found from a unit ``g``."""
    from tangentish import runtime

    others, shapes = REACHED[name]
    twin, weights = _maps()[name]
    adjoint = _cross if twin == "cross_reach" else getattr(runtime, name)  # (np.cross(g, a))
    sizes = [int(np.prod(s)) for s in shapes]

    def pieces(flat):
        parts = np.split(flat, np.cumsum(sizes)[:-1])
        items = [p.reshape(s) for p, s in zip(parts, shapes, strict=True)]
        return items[0] if len(items) == 1 else items

    for _ in range(3):
        mask = _RNG.random(sum(sizes)) < 0.4
        reached = np.zeros(np.shape(adjoint(pieces(np.zeros(sum(sizes))), *others)), bool)
        for j in np.flatnonzero(mask):
            reached |= np.asarray(adjoint(pieces(np.eye(sum(sizes))[j]), *others)) != 0
        if weights is None or twin == "cross_reach":
            got = getattr(runtime, twin)(pieces(mask), *(
                runtime.weighs(a) if weights and k in weights else a
                for k, a in enumerate(others, 1)))
        else:
            got = np.asarray(adjoint(runtime.weighs(pieces(mask)), *(
                runtime.weighs(a) if k in weights else a for k, a in enumerate(others, 1)))) != 0
        np.testing.assert_array_equal(got, reached)
