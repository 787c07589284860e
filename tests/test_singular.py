"""Determinants at singular matrices, where ``det(a) * inv(a).T`` does not exist but det's
derivatives do (they are polynomials: the cofactors and their derivatives).

Every derivative of ``np.linalg.det`` (and ``scipy.linalg.det``), first to third order, in both
modes, at matrices of every rank (n - 1, n - 2, 0) and size 1-4, one at a time and in stacks,
against a five-point stencil (exact up to rounding for these polynomials) and the cofactors against
their definition by minors.  ``slogdet`` of a singular matrix has ``logabsdet = -inf`` and no
derivative: asked for one, it refuses; a zero cotangent there gives a zero gradient.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import tangentish
from tangentish import runtime
from tangentish.runtime import linalg

RNG = np.random.default_rng(4242)


def _of_rank(n: int, rank: int) -> np.ndarray:
    return RNG.standard_normal((n, rank)) @ RNG.standard_normal((rank, n))


MATRICES = [(n, rank) for n in (1, 2, 3, 4) for rank in range(n)]  # singular: rank < n
IDS = [f"{n}x{n}-rank{rank}" for n, rank in MATRICES]


def by_minors(a: np.ndarray) -> np.ndarray:
    """The cofactor matrix by its definition: signed determinants of the minors."""
    n = a.shape[-1]
    if n == 1:
        return np.ones_like(a)
    out = np.empty_like(a)
    for i in range(n):
        for j in range(n):
            minor = np.delete(np.delete(a, i, axis=0), j, axis=1)
            out[i, j] = (-1) ** (i + j) * np.linalg.det(minor)
    return out


def det_sum(a):
    return np.sum(np.linalg.det(a))


def central(fn, a: np.ndarray, e: np.ndarray, h: float = 1e-2):
    """The derivative of ``fn`` at ``a`` along ``e`` by the five-point stencil: exact for a
    polynomial of degree 4 or less (det's derivatives for n <= 4), up to rounding."""
    return (8.0 * (fn(a + h * e) - fn(a - h * e)) - (fn(a + 2 * h * e) - fn(a - 2 * h * e))) / (
        12.0 * h)


@pytest.mark.parametrize("n, rank", MATRICES, ids=IDS)
def test_cofactors_are_the_minors_at_singular_and_regular_matrices(n, rank) -> None:
    for a in (_of_rank(n, rank), _of_rank(n, n)):
        np.testing.assert_allclose(runtime.cofactors(a), by_minors(a), rtol=1e-10, atol=1e-12)


def test_cofactors_stay_accurate_next_to_a_singular_matrix() -> None:
    """``det(a) * inv(a).T`` loses every digit there; the cofactors lose none."""
    q, _ = np.linalg.qr(RNG.standard_normal((3, 3)))
    a = q @ np.diag([2.0, 1.0, 1e-17]) @ q.T
    np.testing.assert_allclose(runtime.cofactors(a), by_minors(a), rtol=1e-9, atol=1e-14)


@pytest.mark.parametrize("n, rank", MATRICES, ids=IDS)
def test_det_gradient_and_tangent_at_a_singular_matrix(n, rank) -> None:
    a = _of_rank(n, rank)
    e = RNG.standard_normal((n, n))
    gradient = tangentish.grad(det_sum)(a)
    np.testing.assert_allclose(gradient, by_minors(a), rtol=1e-9, atol=1e-12)
    value, slope = tangentish.jvp(det_sum, (a,), (e,))
    assert value == pytest.approx(np.linalg.det(a), abs=1e-12)
    assert slope == pytest.approx(np.sum(by_minors(a) * e), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("n, rank", MATRICES, ids=IDS)
def test_det_second_and_third_derivatives_at_a_singular_matrix(n, rank) -> None:
    a = _of_rank(n, rank)
    e, w = RNG.standard_normal((2, n, n))
    second = tangentish.grad(tangentish.grad(det_sum))
    expected = central(tangentish.grad(det_sum), a, e)  # the Hessian along e
    np.testing.assert_allclose(second(a, out_bar_bar=e), expected, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(tangentish.jvp(tangentish.grad(det_sum))(a, a_dot=e)[1], expected,
                               rtol=1e-7, atol=1e-9)
    third = central(lambda x: second(x, out_bar_bar=w), a, e)
    np.testing.assert_allclose(tangentish.grad(second)(a, out_bar_bar=w, out_bar_bar_bar=e),
                               third, rtol=1e-7, atol=1e-8)
    np.testing.assert_allclose(tangentish.jvp(second)(a, out_bar_bar=w, a_dot=e)[1], third,
                               rtol=1e-7, atol=1e-8)


def test_det_of_a_stack_of_singular_and_regular_matrices() -> None:
    stack = np.stack([_of_rank(3, 2), _of_rank(3, 3), _of_rank(3, 1), np.zeros((3, 3))])
    e = RNG.standard_normal(stack.shape)
    gradient = tangentish.grad(det_sum)(stack)
    np.testing.assert_allclose(gradient, [by_minors(m) for m in stack], rtol=1e-9, atol=1e-12)
    hessian_e = tangentish.grad(tangentish.grad(det_sum))(stack, out_bar_bar=e)
    np.testing.assert_allclose(hessian_e, central(tangentish.grad(det_sum), stack, e),
                               rtol=1e-7, atol=1e-9)


def test_det_float32_stays_float32_at_a_singular_matrix() -> None:
    a = _of_rank(3, 2).astype(np.float32)
    gradient = tangentish.grad(det_sum)(a)
    assert gradient.dtype == np.float32
    np.testing.assert_allclose(gradient, by_minors(a.astype(np.float64)), rtol=1e-3, atol=1e-4)


def test_det_fourth_derivative_is_refused() -> None:
    third = tangentish.grad(tangentish.grad(tangentish.grad(det_sum)))
    a, e = _of_rank(3, 2), RNG.standard_normal((3, 3))
    with pytest.raises(tangentish.UnsupportedConstructError, match="np.linalg.det four times"):
        tangentish.grad(third)(a, out_bar_bar=e, out_bar_bar_bar=e, out_bar_bar_bar_bar=e)


def test_scipy_det_at_a_singular_matrix() -> None:
    sla = pytest.importorskip("scipy.linalg")

    def scipy_det(a):
        return sla.det(a)

    a = _of_rank(3, 1)
    np.testing.assert_allclose(tangentish.grad(scipy_det)(a), by_minors(a), atol=1e-12)
    e = RNG.standard_normal((3, 3))
    np.testing.assert_allclose(tangentish.grad(tangentish.grad(scipy_det))(a, out_bar_bar=e),
                               central(tangentish.grad(scipy_det), a, e), rtol=1e-7, atol=1e-9)


# -- slogdet: logabsdet is -inf at a singular matrix, with no derivative ------------------------

def logabsdet(a):
    return np.sum(np.linalg.slogdet(a)[1])


def sign_only(a):
    return np.sum(np.linalg.slogdet(a)[0])


def masked(a):
    sign, log = np.linalg.slogdet(a)
    return np.sum(np.where(sign != 0, log, 0.0))


SINGULAR = np.array([[1.0, 2.0], [2.0, 4.0]])


def test_slogdet_derivative_at_a_singular_matrix_is_refused_in_both_modes() -> None:
    with pytest.raises(tangentish.UnsupportedConstructError, match="slogdet of a singular matrix"):
        tangentish.grad(logabsdet)(SINGULAR)
    with pytest.raises(tangentish.UnsupportedConstructError, match="slogdet of a singular matrix"):
        tangentish.jvp(logabsdet, (SINGULAR,), (np.ones((2, 2)),))


def test_slogdet_with_no_derivative_asked_at_a_singular_matrix_gives_zero() -> None:
    np.testing.assert_array_equal(tangentish.grad(sign_only)(SINGULAR), np.zeros((2, 2)))
    regular = _of_rank(2, 2)
    gradient = tangentish.grad(masked)(np.stack([SINGULAR, regular]))
    np.testing.assert_array_equal(gradient[0], np.zeros((2, 2)))
    np.testing.assert_allclose(gradient[1], np.linalg.inv(regular).T, rtol=1e-12)
    assert tangentish.jvp(sign_only, (SINGULAR,), (np.zeros((2, 2)),))[1] == 0.0


# -- factorizations of a singular matrix: the primal succeeds, the derivative is refused -------------

TWIN_COLUMNS = np.array([[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 2.0]])  # rank 2, exactly
W = RNG.standard_normal((3, 3))


def qr_loss(a):
    q, r = np.linalg.qr(a)
    return np.sum(q * W) + np.sum(r * W)


def svd_loss(a):
    u, s, vh = np.linalg.svd(a)
    return np.sum((u @ vh) * W) + np.sum(s)


try:
    import scipy.linalg as sla
except ImportError:  # SciPy is optional: lu_loss's test is skipped without it
    sla = None


def lu_loss(a):
    return np.sum(sla.lu_factor(a)[0] * W)


def pinv_loss(a):
    return np.sum(np.linalg.pinv(a) * W)


@pytest.mark.parametrize("fn, what", [(qr_loss, "np.linalg.qr"), (svd_loss, "np.linalg.svd"),
                                      (lu_loss, "scipy.linalg.lu_factor"),
                                      (pinv_loss, "np.linalg.pinv")],
                         ids=["qr", "svd", "lu_factor", "pinv"])
def test_a_factorization_of_a_singular_matrix_refuses_its_derivative(fn, what) -> None:
    if fn is lu_loss and sla is None:
        pytest.skip("SciPy is not installed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (SciPy warns of the zero pivot)
        fn(TWIN_COLUMNS)  # the primal is computed
        with pytest.raises(tangentish.UnsupportedConstructError, match=f"{what}.* (singular|rank)"):
            tangentish.grad(fn)(TWIN_COLUMNS)
        with pytest.raises(tangentish.UnsupportedConstructError, match=f"{what}.* (singular|rank)"):
            tangentish.jvp(fn, (TWIN_COLUMNS,), (W,))


def test_the_singular_values_of_a_stack_are_read_a_row_each() -> None:
    """``svd`` of a stack gives its singular values a row each: they were read as a triangle,
    whose diagonal (``s[1, 1] = 2``) missed the second matrix's zero, and the hvp of a stack's
    ``svd(compute_uv=False)`` was silently wrong (calls fuzz seed 635, program 32); the rules
    of ``svd`` and ``orth`` say which they hand over.  A stack of triangles is read as before."""
    values = np.linalg.svd(np.stack([np.eye(3) + W, TWIN_COLUMNS]), compute_uv=False)
    with pytest.raises(tangentish.UnsupportedConstructError, match="np.linalg.svd.* singular"):
        linalg.nonzero_diagonal(values, "np.linalg.svd", True)
    triangles = np.stack([np.triu(np.ones((3, 3))), np.triu(np.ones((3, 3)))])
    assert linalg.nonzero_diagonal(triangles, "np.linalg.qr") is triangles
    with pytest.raises(tangentish.UnsupportedConstructError, match="np.linalg.qr"):
        linalg.nonzero_diagonal(triangles * np.array([1.0, 0.0, 1.0]), "np.linalg.qr")


@pytest.mark.parametrize("curvature", [linalg.nuclear_curvature, linalg.spectral_curvature])
def test_a_curvature_at_a_rounded_zero_singular_value_is_refused(curvature) -> None:
    """``np.hstack([b, b])`` has rank 2 and a third singular value of 1.8e-16, not 0: the nuclear
    and spectral norms' curvatures tested ``s == 0`` and divided by it (calls fuzz seed 635,
    program 32; its hvp 1e12 where differences say 12)."""
    b = np.array([[1.0, 2.0], [0.5, -1.0], [0.3, 0.7]])
    twice = np.hstack([b, b])
    with pytest.raises(tangentish.UnsupportedConstructError, match="zero singular|rank-deficient"):
        curvature(twice, np.ones((3, 4)), *([-1] if curvature is linalg.spectral_curvature else []))


def _rank_deficient(seed: int, n: int, rank: int, scale: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return scale * (rng.standard_normal((n, rank)) @ rng.standard_normal((rank, n)))


DEFICIENT = [(seed, n, rank, scale) for seed, (n, rank, scale) in enumerate(
    [(2, 1, 1.0), (3, 1, 1e3), (3, 2, 1.0), (4, 2, 1e-3), (4, 3, 7.0), (5, 3, 1.0), (5, 4, 0.1)])]


@pytest.mark.parametrize("fn, what", [(qr_loss, "np.linalg.qr"), (svd_loss, "np.linalg.svd")],
                         ids=["qr", "svd"])
@pytest.mark.parametrize("seed, n, rank, scale", DEFICIENT,
                         ids=[f"{n}x{n}-rank{rank}-scale{scale:g}" for _, n, rank, scale in DEFICIENT])
def test_a_factorization_of_a_rank_deficient_product_refuses_whatever_lapack_rounds_to(
        fn, what, seed, n, rank, scale) -> None:
    """A product of an n x r and an r x n matrix has rank r < n; LAPACK rounds its last singular
    values (or R's last diagonal) to about eps times the largest, rarely to exactly 0: refused
    either way, never a derivative divided by rounding noise."""
    a = _rank_deficient(seed, n, rank, scale)
    weights = np.random.default_rng(seed + 100).standard_normal((n, n))

    def loss(m):
        factors = np.linalg.qr(m) if fn is qr_loss else np.linalg.svd(m)
        return np.sum(factors[0] * weights) + np.sum(factors[1])

    with pytest.raises(tangentish.UnsupportedConstructError, match=f"{what}.* (singular|rank)"):
        tangentish.grad(loss)(a)
    with pytest.raises(tangentish.UnsupportedConstructError, match=f"{what}.* (singular|rank)"):
        tangentish.jvp(loss, (a,), (weights,))


@pytest.mark.parametrize("fn", [qr_loss, svd_loss], ids=["qr", "svd"])
def test_a_full_rank_but_ill_scaled_matrix_is_still_differentiated(fn) -> None:
    """The tolerance is relative: a matrix of full rank scaled by 1e-8 is not refused (nor one
    whose condition number is 1e9)."""
    a = 1e-8 * (np.eye(3) + 0.3 * RNG.standard_normal((3, 3)))
    assert np.all(np.isfinite(tangentish.grad(fn)(a)))
    u, _, vh = np.linalg.svd(RNG.standard_normal((3, 3)))
    assert np.all(np.isfinite(tangentish.grad(fn)(u @ np.diag([1.0, 0.5, 1e-9]) @ vh)))
