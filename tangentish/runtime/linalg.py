"""Linear algebra: the few pieces the adjoints of ``eigh``, ``svd`` and ``solve`` cannot say in one
NumPy call.  Everything else in those adjoints is plain NumPy (``np.linalg.solve``, ``@``,
``np.swapaxes``) written in the rules."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import UnsupportedConstructError, UnsupportedValueError
from ._common import _gradient_dtype, _scalar_if_0d


def gap_inverse(w: Any) -> np.ndarray:
    """``F[..., i, j] = 1 / (w[..., j] - w[..., i])`` off the diagonal and ``0`` where the two are
    equal to working precision (:func:`_repeats`: a repeated eigenvalue or singular value, whose
    coupling the loss must not weigh, :func:`basis_free`; ``1 / 4e-16`` of two values that
    rounding split apart would multiply the rounding error of that coupling instead)."""
    w = np.asarray(w, dtype=_gradient_dtype(w))
    gap = w[..., np.newaxis, :] - w[..., :, np.newaxis]
    zero = _repeats(w)
    return np.where(zero, 0.0, 1.0 / np.where(zero, 1.0, gap)).astype(w.dtype, copy=False)


def _repeats(w: np.ndarray) -> np.ndarray:
    """``R[..., i, j]``: ``w[..., i]`` and ``w[..., j]`` are equal to working precision, at most
    ``10 * n * eps`` times the largest ``|w|`` apart (as :func:`nonzero_diagonal` counts a zero;
    the diagonal is true)."""
    eps = np.finfo(w.dtype if w.dtype.kind == "f" else np.float64).eps
    size = np.max(np.abs(w), axis=-1, keepdims=True, initial=0.0)[..., np.newaxis]
    return np.abs(w[..., np.newaxis, :] - w[..., :, np.newaxis]) <= 10 * w.shape[-1] * eps * size


def basis_free(coupling: Any, w: Any, what: str, skew: bool = False, rest: Any = 0.0) -> Any:
    """``coupling`` unchanged: the matrix an eigenvector or singular-vector adjoint multiplies by
    :func:`gap_inverse` (its part ``c - c^T`` with ``skew``).  Where two of ``w`` are repeated
    its entry is what the loss changes by when the basis LAPACK chose inside their eigenspace
    turns: not 0 (beyond ``64 * n * eps`` times the norm of ``c`` and ``rest``, the terms of
    the same size a sum ``c`` cancelled) means the loss depends on that choice and has no
    derivative there: raised, not the convention's 0.  0 is necessary, not sufficient: a
    function of the matrix, ``V @ np.diag(f(w)) @ V.T``, gives 0 there too (its values and
    vectors both read: refused before, ``eigenspaces.distinct_items``).  Its derivatives are
    the identity: this first-order check is the one made."""
    values_c = np.asarray(coupling)
    w = np.asarray(w)
    coupled = values_c - np.swapaxes(values_c, -1, -2) if skew else values_c
    n = w.shape[-1]
    eps = np.finfo(values_c.dtype if values_c.dtype.kind == "f" else np.float64).eps
    scale = np.sqrt(np.sum(np.abs(values_c) ** 2 + np.abs(rest) ** 2, axis=(-2, -1)))[
        ..., np.newaxis, np.newaxis]
    bad = _repeats(w) & ~np.eye(n, dtype=bool) & (np.abs(coupled) > 64 * n * eps * scale)
    if np.any(bad):
        raise UnsupportedValueError(
            f"{what} at a repeated value ({_first(w, bad):.17g} twice, to working precision) "
            "has no derivative here: the loss depends on the basis LAPACK chose inside its "
            "eigenspace (or singular subspace), which any rotation of it would give as well",
            hint="read those vectors only through what does not depend on that basis (the "
            "projector V[:, k] @ V[:, k].T summed over the repeated k, a symmetric function of "
            "the eigenvalues), or differentiate where the values are distinct")
    return coupling


def _first(w: np.ndarray, bad: np.ndarray) -> float:
    return float(w[tuple(np.argwhere(bad)[0][:-1])])


def solve_columns(v: Any, a: Any, b: Any = None) -> np.ndarray:
    """``v`` as ``np.linalg.solve(a, b)`` reads ``b`` (``v`` itself without one): a stack of
    columns, ``v[..., None]`` where ``b`` is a vector (1-D on NumPy >= 2, ``b.ndim == a.ndim - 1``
    before), so ``x = solve(a, b)`` of a stack ``a`` and a 1-D ``b``, a stack of vectors, is read
    as its columns too (not as one matrix: calls fuzz seed 444 program 6)."""
    v = np.asarray(v)
    n = np.ndim(v if b is None else b)
    vector = n == 1 if np.lib.NumpyVersion(np.__version__) >= "2.0.0" else n == np.ndim(a) - 1
    return v[..., np.newaxis] if vector else v


def frechet_block(a: Any, e: Any) -> np.ndarray:
    """``[[a, e], [0, a]]`` (over the last two axes): ``f`` of it holds the Frechet derivative
    ``L_f(a, e)`` of a matrix function in its top right block (see rules/scipy_matfuncs.py)."""
    top = np.concatenate([a, e], axis=-1)
    return np.concatenate([top, np.concatenate([np.zeros_like(a), a], axis=-1)], axis=-2)


def frechet_scale(a: Any, e: Any) -> float:
    """A power of two ``s`` that makes ``s * e`` small beside ``a`` (``|s e| <= 2**-10 |a|``, in
    the 1-norm; 1.0 for a zero ``e``): ``L(a, e) = L(a, s e) / s`` exactly, and ``logm`` of the
    block matrix ``[[a, s e], [0, a]]`` then passes SciPy's own residual check, which a large
    ``e`` fails (``logm result may be inaccurate``) while the corner is still right.  Piecewise
    constant: no derivative."""
    size_a = float(np.max(np.sum(np.abs(a), axis=-2), initial=0.0))
    size_e = float(np.max(np.sum(np.abs(e), axis=-2), initial=0.0))
    if size_e == 0.0 or not np.isfinite(size_e) or size_a == 0.0:
        return 1.0
    return float(2.0 ** np.floor(np.log2(size_a / size_e) - 10.0))


def thin_svd(a: Any, full_matrices: Any = True) -> None:
    """Refuse the derivative of a full (not thin) SVD of a non-square matrix: the extra singular
    vectors are not determined by ``a``."""
    shape = np.shape(a)
    if full_matrices and shape[-1] != shape[-2]:
        raise UnsupportedConstructError(
            "np.linalg.svd with full_matrices=True of a non-square matrix has no derivative: its "
            "extra singular vectors are not unique", hint="pass full_matrices=False")


def thin_only(u: Any, a: Any, full_matrices: Any = True) -> Any:
    """``u`` unchanged; refuses (see :func:`thin_svd`) a full SVD of a non-square matrix."""
    thin_svd(a, full_matrices)
    return u


def thin_cotangent(g: Any, a: Any, full_matrices: Any = True, axis: int = -1) -> Any:
    """``g`` unchanged: the cotangent of ``U`` (``axis=-1``) or ``V^T`` (``axis=-2``) of the SVD
    of ``a``; refuses a full SVD of a non-square matrix when ``g`` is not 0 past the thin
    factor's ``min(m, n)`` columns (rows): the extra singular vectors are not unique, but a loss
    that reads only ``s`` and the thin factors has a derivative."""
    shape = np.shape(a)
    if full_matrices and shape[-1] != shape[-2]:
        rest = np.asarray(g)[..., min(shape[-2:]):] if axis == -1 else \
            np.asarray(g)[..., min(shape[-2:]):, :]
        if np.any(rest != 0):
            raise UnsupportedConstructError(
                "np.linalg.svd with full_matrices=True of a non-square matrix: its extra "
                "singular vectors (the columns of u, or rows of vh, past min(m, n)) have no "
                "derivative, they are not unique", hint="pass full_matrices=False, or read only "
                "the first min(m, n) columns of u and rows of vh")
    return g


def tall_only(q: Any, a: Any) -> Any:
    """``q`` unchanged; refuses the QR adjoint of a wide matrix (more columns than rows), whose
    ``R`` is not square."""
    shape = np.shape(a)
    if shape[-2] < shape[-1]:
        raise UnsupportedConstructError(
            "np.linalg.qr of a matrix with more columns than rows is not differentiated",
            hint="differentiate the QR of its transpose, or of a tall matrix")
    return q


def nonzero_diagonal(m: Any, what: str, singular_values: bool = False) -> Any:
    """``m`` unchanged: a triangular factor (``R`` of ``qr``, ``U`` of ``lu_factor``, or a stack
    of them) or, ``singular_values``, those of ``svd`` (a vector, or a stack's: a row each; a
    stack's were read as a triangle, whose diagonal missed a zero, and the hvp of
    ``np.linalg.svd(a, compute_uv=False)`` of a stack of rank-deficient matrices was silently
    wrong: calls fuzz seed 635, program 32), refused when one of them (on the diagonal) is 0 to
    working precision: the matrix factored is singular, rounded or not (LAPACK gives ``3e-17``,
    not 0, for the last singular value of ``np.ones((2, 2))``), and the derivative tangentish
    computes divides by that value (``Q``'s columns past the rank are not unique).  Working
    precision is ``10 * n * eps`` times the matrix's size (its largest singular value, or the
    factor's Frobenius norm: a backward-stable factorization is exact for a matrix that far from
    the one given; ``n`` its longest side): ``np.linalg.matrix_rank``'s tolerance, ten times."""
    values = np.asarray(m)
    if values.size == 0:
        return m
    if singular_values or values.ndim < 2:
        zero = _negligible(np.abs(values))
    else:
        diagonal = np.abs(np.diagonal(values, axis1=-2, axis2=-1))
        size = np.sqrt(np.sum(np.abs(values) ** 2, axis=(-2, -1)))[..., None]
        zero = diagonal <= 10 * max(values.shape[-2:]) * _eps(diagonal) * size
    if np.any(zero):
        raise UnsupportedConstructError(
            f"{what} of a singular (rank-deficient) matrix is not differentiated: its derivative "
            "divides by the zero it factors out (0 to working precision)", hint="keep the matrix "
            "of full rank (add a small multiple of the identity), or use a function of it that is "
            "smooth there")
    return m


def _eps(x: np.ndarray) -> float:
    return float(np.finfo(x.dtype if x.dtype.kind == "f" else np.float64).eps)


def _negligible(s: np.ndarray) -> np.ndarray:
    """Where the singular values ``s`` (a stack's, one matrix's on the last axis) are 0 to working
    precision, ``10 * n * eps`` times the largest, ``n`` their count (:func:`nonzero_diagonal`;
    the curvatures of the nuclear and spectral norms, whose test ``s == 0`` let a rounded zero
    through, ``1e-16`` of ``[[B, B]]``, and gave its ``1 / s``, 1e14, as a number)."""
    return s <= 10 * s.shape[-1] * _eps(s) * np.max(s, axis=-1, keepdims=True)


def full_rank_pinv(p: Any, a: Any) -> Any:
    """``p = pinv(a)`` unchanged; refused where ``a`` is rank deficient at the cutoff of NumPy's
    ``pinv`` (``rcond=1e-15`` times the largest singular value) or SciPy's (``max(M, N) * eps``
    times it, ``eps`` of ``a``'s dtype), whichever is larger: there the pseudo-inverse jumps (a
    perturbation lifts the singular value past the cut).  (Only ``a`` is read: the rule's tangent
    calls this on ``p``'s tangent.)"""
    dtype = _gradient_dtype(a)
    s = np.linalg.svd(np.asarray(a, dtype=dtype), compute_uv=False)
    cut = max(1e-15, max(np.shape(a)[-2:]) * float(np.finfo(dtype).eps))
    if s.size and np.any(s <= cut * np.max(s, axis=-1, keepdims=True)):
        raise UnsupportedConstructError(
            "np.linalg.pinv (or scipy.linalg.pinv) of a rank-deficient matrix is not "
            "differentiated: the pseudo-inverse is not continuous there",
            hint="keep the matrix of full rank, or np.linalg.lstsq with a well-posed problem")
    return p


def _powers(a: np.ndarray, n: int) -> list[np.ndarray]:
    """``[a**0, a**1, ..., a**n]`` (matrix powers, over stacks)."""
    powers = [np.broadcast_to(np.eye(a.shape[-1], dtype=a.dtype), a.shape)]
    for _ in range(max(n, 0)):
        powers.append(powers[-1] @ a)
    return powers


def _positive_power_tangent(t: np.ndarray, a: np.ndarray, n: int) -> np.ndarray:
    powers = _powers(a, n - 1)
    total = np.zeros(np.broadcast_shapes(a.shape, t.shape), dtype=t.dtype)
    for k in range(n):
        total = total + powers[k] @ t @ powers[n - 1 - k]
    return total


def _positive_power_curvature(t: np.ndarray, s: np.ndarray, a: np.ndarray, n: int) -> np.ndarray:
    """``sum_{i + j + l = n - 2} a**i (t a**j s + s a**j t) a**l``."""
    powers = _powers(a, n - 2)
    total = np.zeros(np.broadcast_shapes(a.shape, t.shape, s.shape), dtype=np.result_type(t, s))
    for i in range(n - 1):
        for j in range(n - 1 - i):
            middle = t @ powers[j] @ s + s @ powers[j] @ t
            total = total + powers[i] @ middle @ powers[n - 2 - i - j]
    return total


def matrix_power_tangent(t: Any, a: Any, n: int) -> Any:
    """Tangent of ``np.linalg.matrix_power(a, n)`` along ``t``: ``sum_k a**k t a**(n-1-k)`` (for a
    negative ``n``, of ``inv(a)`` to ``-n`` with ``d inv(a) = -inv(a) t inv(a)``).  With ``a``
    transposed it is the adjoint."""
    n = int(n)
    a = np.asarray(a, dtype=_gradient_dtype(a))
    t = np.asarray(t, dtype=np.result_type(t, a))
    if n < 0:
        a = np.linalg.inv(a)
        t, n = -(a @ t @ a), -n
    return _positive_power_tangent(t, a, n)


def matrix_power_curvature(t: Any, s: Any, a: Any, n: int) -> Any:
    """The second derivative of ``np.linalg.matrix_power(a, n)`` along ``t`` and ``s`` (symmetric,
    bilinear).  ``<g, curvature(t, s, a)> == <curvature(g, t.T, a.T), s>`` (the matrix
    transposes), so with ``a`` transposed it is the adjoint in either direction.  A negative ``n``
    is ``inv(a) = b`` to ``-n``: ``D2[b**m](db t, db s) + D[b**m](b s b t b + b t b s b)``."""
    n = int(n)
    a = np.asarray(a, dtype=_gradient_dtype(a))
    t = np.asarray(t, dtype=np.result_type(t, a))
    s = np.asarray(s, dtype=np.result_type(s, a))
    if n >= 0:
        return _positive_power_curvature(t, s, a, n)
    b = np.linalg.inv(a)
    bt, bs = b @ t @ b, b @ s @ b
    return (_positive_power_curvature(bt, bs, b, -n)
            + _positive_power_tangent(bs @ t @ b + bt @ s @ b, b, -n))


def tensor_axes(a: Any, axes: Any) -> list[int]:
    """The transposition ``np.linalg.tensorsolve(a, b, axes)`` applies to ``a`` first: the axes
    ``axes`` moved, in their order, to the end."""
    order = list(range(np.ndim(a)))
    for k in axes:
        order.remove(k)
        order.insert(np.ndim(a), k)
    return order


def tensor_solve_shapes(a: Any, b: Any) -> tuple[tuple[int, int], tuple[int, ...]]:
    """The square matrix ``np.linalg.tensorsolve(a, b)`` reshapes ``a`` (axes moved) to, and the
    shape of its result, the trailing axes of ``a`` that ``b``'s do not take (NumPy's errors)."""
    shape = np.shape(a)
    kept = shape[-(len(shape) - np.ndim(b)):]
    size = int(np.prod(kept, dtype=np.int64))
    if np.size(a) != size ** 2:
        raise np.linalg.LinAlgError("Input arrays must satisfy the requirement prod(a.shape["
                                    "b.ndim:]) == prod(a.shape[:b.ndim])")
    return (size, size), kept


def tensor_inv_shapes(a: Any, ind: Any = 2) -> tuple[tuple[int, int], tuple[int, ...]]:
    """The matrix ``np.linalg.tensorinv(a, ind)`` inverts (``a`` reshaped, its first ``ind`` axes
    the rows) and the shape of its result, the last axes first."""
    if ind <= 0:
        raise ValueError("Invalid ind argument.")
    shape = np.shape(a)
    return (int(np.prod(shape[ind:], dtype=np.int64)), -1), shape[ind:] + shape[:ind]


def part(cotangent: Any, result: Any, i: int) -> Any:
    """Item ``i`` of the cotangent of a tuple ``result`` (``eigh``, ``svd``, ``qr``, ``slogdet``),
    shaped like ``result[i]``: an item nothing flowed into is ``0.0`` there, and the cotangent is a
    tuple or an object array of items."""
    item = cotangent[i]
    like = result[i]
    dtype = np.result_type(_gradient_dtype(like), np.asarray(item).dtype if np.asarray(
        item).dtype != object else _gradient_dtype(like))
    return _scalar_if_0d(np.array(np.broadcast_to(np.asarray(item, dtype=dtype), np.shape(like))))


def _svd_parts(x: np.ndarray, w: np.ndarray) -> tuple:
    """The thin SVD of ``x`` and ``p = U^T w V``, over stacks."""
    u, s, vh = np.linalg.svd(x, full_matrices=False)
    v = np.swapaxes(vh, -1, -2)
    return u, s, v, np.swapaxes(u, -1, -2) @ w @ v


def _outside(basis: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``y`` less its projection on the columns of ``basis`` (orthonormal)."""
    return y - basis @ (np.swapaxes(basis, -1, -2) @ y)


def nuclear_curvature(x: Any, w: Any) -> np.ndarray:
    """The Hessian of the nuclear norm ``||x||_*`` applied to ``w``: the tangent of the polar factor
    ``U V^T`` (thin SVD), ``U ((P - P^T) / (s_i + s_j)) V^T + (I - U U^T) w V S^-1 V^T + U S^-1 U^T
    w (I - V V^T)`` with ``P = U^T w V``.  A zero singular value (rank deficient) is refused."""
    x = np.asarray(x, dtype=_gradient_dtype(x))
    u, s, v, p = _svd_parts(x, np.asarray(w, dtype=x.dtype))
    if np.any(_negligible(s)):
        raise UnsupportedConstructError(
            "the second derivative of the nuclear norm of a rank-deficient matrix does not exist",
            hint="differentiate it once, or keep the matrix of full rank")
    vt = np.swapaxes(v, -1, -2)
    core = (p - np.swapaxes(p, -1, -2)) / (s[..., :, np.newaxis] + s[..., np.newaxis, :])
    return (u @ core @ vt + _outside(u, np.asarray(w) @ (v / s[..., np.newaxis, :])) @ vt
            + u @ np.swapaxes(_outside(v, np.swapaxes(w, -1, -2) @ (u / s[..., np.newaxis, :])),
                              -1, -2))


def spectral_curvature(x: Any, w: Any, pick: int = 0) -> np.ndarray:
    """The Hessian of singular value ``pick`` of ``x`` (0: the largest, -1: the smallest) applied
    to ``w``: the tangent of ``u_k v_k^T``.  A zero one, or one another singular value equals (to
    working precision), is refused: no second derivative there."""
    x = np.asarray(x, dtype=_gradient_dtype(x))
    w = np.asarray(w, dtype=x.dtype)
    u, s, v, p = _svd_parts(x, w)
    k = pick % s.shape[-1]
    sk = s[..., k:k + 1]
    if np.any(_negligible(s)[..., k]):
        raise UnsupportedConstructError(
            "the second derivative of a zero singular value (a spectral norm) does not exist",
            hint="differentiate it once")
    if np.any(np.sum(_repeats(s)[..., k, :], axis=-1) > 1):  # (its gradient jumps there)
        raise UnsupportedConstructError(
            "the second derivative of a repeated largest (or smallest) singular value (a "
            "spectral norm) does not exist: its gradient u v^T jumps between the singular "
            "vectors of the repeated value", hint="differentiate it once")
    gap = gap_inverse(s)[..., k, :]  # 1 / (s_j - s_k), 0 at k
    pcol, prow = p[..., :, k], p[..., k, :]
    scale = -gap / (s + sk)  # 1 / (s_k**2 - s_j**2)
    du = u @ ((pcol * sk + s * prow) * scale)[..., np.newaxis] + _outside(
        u, w @ v[..., :, k:k + 1]) / sk[..., np.newaxis]
    dv = v @ ((s * pcol + sk * prow) * scale)[..., np.newaxis] + _outside(
        v, np.swapaxes(w, -1, -2) @ u[..., :, k:k + 1]) / sk[..., np.newaxis]
    return du @ np.swapaxes(v[..., :, k:k + 1], -1, -2) + u[..., :, k:k + 1] @ np.swapaxes(dv, -1, -2)


def full_rank_only(x: Any, rank: Any, a: Any) -> Any:
    """``x`` unchanged; refuses the derivative of ``np.linalg.lstsq(a, b)`` unless ``a`` has at
    least as many rows as columns and full column rank (else the solution is not unique: it is the
    minimum-norm one, whose derivative tangentish does not compute)."""
    rows, cols = np.shape(a)[-2:]
    if rows < cols or int(rank) < cols:
        raise UnsupportedConstructError(
            f"np.linalg.lstsq is differentiated for a matrix of full column rank with at least as "
            f"many rows as columns; this one is {rows}x{cols} of rank {int(rank)}",
            hint="differentiate a full-rank problem, or np.linalg.pinv(a) @ b")
    return x


def residuals_fit(value: Any, like: Any) -> Any:
    """``value`` when it has ``like``'s shape, else zeros of that shape: ``np.linalg.lstsq``
    returns no residuals (an empty array) for a square or rank-deficient matrix, so their
    derivative is empty there, and their cotangent is zero.  Linear, and its own transpose."""
    if np.shape(value) == np.shape(like):
        return value
    return np.zeros(np.shape(like), dtype=np.result_type(value, _gradient_dtype(like)))


def named_field(value: Any, name: str) -> Any:
    """``value.<name>``: a field of a named result (``np.linalg.svd(a).S``).  Generated code
    writes the attribute itself; this function is the key its derivative rules are registered
    under, which read the field as an item (:func:`field_index`)."""
    return getattr(value, name)


def field_index(value: Any, name: str) -> int:
    """The position of the field ``name`` in the named tuple ``value`` (``1`` for ``S`` in
    ``np.linalg.svd``'s result); any other object raises (its attribute has no derivative)."""
    fields = getattr(type(value), "_fields", None)
    if not isinstance(value, tuple) or not isinstance(fields, tuple) or name not in fields:
        raise UnsupportedConstructError(
            f"no derivative rule for the attribute `.{name}` of a {type(value).__qualname__} "
            "object (it is differentiated only as a field of a named tuple, such as "
            "np.linalg.svd's result)", hint="pass the value it holds as an argument, or register "
            "a rule with `@tangentish.extend.rule(<function>)` for the function computing it")
    return fields.index(name)
