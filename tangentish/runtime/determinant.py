"""The derivatives of the determinant, defined for every square matrix, singular ones included.

The gradient of ``det(a)`` is the cofactor matrix ``cof(a) = adj(a).T``, a polynomial in ``a``'s
entries; ``det(a) * inv(a).T`` says the same only where ``a`` is invertible, and loses accuracy
near a singular matrix.  Here every derivative goes through the SVD ``a = u diag(s) vh``: with
``c = det(u) det(vh)`` (+1 or -1), ``det(a + x) = c det(diag(s) + u.T x vh.T)`` for every ``x``, and
for the diagonal ``diag(s) + y``, ``det = sum_J prod_{l not in J} s_l det(y[J, J])`` over the sets
``J`` of indices.  So ``cof(a) = c u diag(prod_{l != i} s_l) vh``, and the k-th derivative of the
cofactors along ``p = u.T e vh.T`` (and more directions) takes the sets ``J`` of ``k + 1`` indices:
products of the singular values, never a quotient, so a zero singular value is no special case.
Each derivative is symmetric in its directions (they are det's derivatives of higher order), so
each is its own adjoint, and the rules of ``cofactors``, ``cofactors_tangent`` and
``cofactors_curvature`` differentiate them up to det's third derivative.  A stack of matrices
that are all well conditioned (1-norm condition number below ``1e6``) takes the shorter way
through the inverse, ``det(a) inv(a).T`` (an SVD with its vectors costs tens of inverses), whose
error is the condition number times the rounding unit.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from ..errors import UnsupportedConstructError
from ._common import _gradient_dtype


def _frame(a: Any) -> tuple:
    """``(u, s, vh, c)``: the SVD of ``a`` (over stacks) and ``c = det(u) det(vh)``."""
    a = np.asarray(a, dtype=_gradient_dtype(a))
    u, s, vh = np.linalg.svd(a)
    return u, s, vh, (np.linalg.det(u) * np.linalg.det(vh))[..., np.newaxis, np.newaxis]


def _back(u: np.ndarray, core: np.ndarray, vh: np.ndarray, c: np.ndarray) -> np.ndarray:
    """``c u core vh``: a derivative taken at ``diag(s)``, brought back to ``a``."""
    return (c * (u @ core @ vh)).astype(u.dtype, copy=False)


def _excluding_one(s: np.ndarray) -> np.ndarray:
    """``prod_{l != i} s_l`` for each ``i`` (over the last axis): prefix times suffix products."""
    ones = np.ones_like(s[..., :1])
    before = np.concatenate([ones, np.cumprod(s[..., :-1], axis=-1)], axis=-1)
    after = np.concatenate([np.cumprod(s[..., :0:-1], axis=-1)[..., ::-1], ones], axis=-1)
    return before * after


def _excluding_two(s: np.ndarray) -> np.ndarray:
    """``q[..., i, j] = prod_{l not in (i, j)} s_l`` for ``i != j``, and 0 on the diagonal."""
    n = s.shape[-1]
    index = np.arange(n)
    ones = np.ones_like(s[..., :1])
    before = np.concatenate([ones, np.cumprod(s[..., :-1], axis=-1)], axis=-1)
    after = np.concatenate([np.cumprod(s[..., :0:-1], axis=-1)[..., ::-1], ones], axis=-1)
    later = index[np.newaxis, :] > index[:, np.newaxis]  # [i, l]: l after i
    running = np.cumprod(np.where(later, s[..., np.newaxis, :], 1.0), axis=-1)
    between = np.concatenate([np.ones_like(running[..., :1]), running[..., :-1]], axis=-1)
    upper = np.where(later, before[..., :, np.newaxis] * between * after[..., np.newaxis, :], 0.0)
    return upper + np.swapaxes(upper, -1, -2)


_WELL_CONDITIONED = 1e6


def _inverse(a: Any) -> tuple | None:
    """``(a, det(a), inv(a))`` when every matrix of the stack ``a`` is well conditioned, else
    None (the SVD's way is taken)."""
    a = np.asarray(a, dtype=_gradient_dtype(a))
    try:
        inverse = np.linalg.inv(a)
    except np.linalg.LinAlgError:  # exactly singular
        return None
    with np.errstate(all="ignore"):
        condition = np.linalg.norm(a, 1, axis=(-2, -1)) * np.linalg.norm(inverse, 1, axis=(-2, -1))
    if not np.all(condition < _WELL_CONDITIONED):
        return None
    return a, np.linalg.det(a)[..., np.newaxis, np.newaxis], inverse


def cofactors(a: Any) -> np.ndarray:
    """The cofactor matrix of ``a`` (over stacks): the gradient of ``np.linalg.det(a)``, also where
    ``a`` is singular."""
    regular = _inverse(a) if np.shape(a)[-1] else None
    if regular is not None:
        _, det, inverse = regular
        return det * np.swapaxes(inverse, -1, -2)
    u, s, vh, c = _frame(a)
    return _back(u * _excluding_one(s)[..., np.newaxis, :], np.eye(s.shape[-1], dtype=s.dtype),
                 vh, c)


def _directions(u: np.ndarray, vh: np.ndarray, *directions: Any) -> list:
    """Each direction ``e`` seen from ``diag(s)``: ``u.T e vh.T``."""
    return [np.swapaxes(u, -1, -2) @ np.asarray(e, dtype=u.dtype) @ np.swapaxes(vh, -1, -2)
            for e in directions]


def cofactors_tangent(e: Any, a: Any) -> np.ndarray:
    """The derivative of ``cofactors(a)`` along ``e``: det's Hessian applied to ``e`` (symmetric,
    so it is its own adjoint).  At ``diag(s)``, along ``p``: ``-q[i, j] p[j, i]`` off the diagonal
    and ``sum_k q[i, k] p[k, k]`` on it (``q`` of :func:`_excluding_two`)."""
    regular = _inverse(a) if np.shape(a)[-1] else None
    if regular is not None:  # det (tr(inv e) inv.T - inv.T e.T inv.T)
        _, det, inverse = regular
        e = np.asarray(e, dtype=inverse.dtype)
        inverse_t = np.swapaxes(inverse, -1, -2)
        trace = np.trace(inverse @ e, axis1=-2, axis2=-1)[..., np.newaxis, np.newaxis]
        return det * (trace * inverse_t - inverse_t @ np.swapaxes(e, -1, -2) @ inverse_t)
    u, s, vh, c = _frame(a)
    (p,) = _directions(u, vh, e)
    q = _excluding_two(s)
    diagonal = np.diagonal(p, axis1=-2, axis2=-1)
    core = -q * np.swapaxes(p, -1, -2) + (q @ diagonal[..., np.newaxis]) * np.eye(s.shape[-1])
    return _back(u, core, vh, c)


def _small_cofactors(x: np.ndarray) -> np.ndarray:
    """The cofactor matrices of a stack of small ``m x m`` matrices ``x`` (``m >= 2``), by minors."""
    m = x.shape[-1]
    keep = np.array([[k for k in range(m) if k != i] for i in range(m)])  # [i]: the rest
    minors = x[..., keep[:, np.newaxis, :, np.newaxis], keep[np.newaxis, :, np.newaxis, :]]
    signs = (-1.0) ** np.add.outer(np.arange(m), np.arange(m))
    return signs * np.linalg.det(minors)


def cofactors_curvature(e: Any, f: Any, a: Any) -> np.ndarray:
    """det's third derivative along ``e`` and ``f``, as a matrix (symmetric in ``e``, ``f`` and the
    direction it is applied to).  At ``diag(s)``: over the sets ``J`` of three indices, ``prod_{l
    not in J} s_l`` times the mixed second derivative of the 3 x 3 cofactors (quadratic:
    ``cof(p + r) - cof(p) - cof(r)`` on ``J``)."""
    u, s, vh, c = _frame(a)
    p, r = _directions(u, vh, e, f)
    n = s.shape[-1]
    if n < 3:  # det is of degree n < 3: its third derivative is 0
        return np.zeros(np.broadcast_shapes(u.shape, p.shape, r.shape), dtype=u.dtype)
    sets = np.array(list(itertools.combinations(range(n), 3)))
    outside = np.ones((len(sets), n), dtype=bool)
    outside[np.arange(len(sets))[:, np.newaxis], sets] = False
    weights = np.prod(np.where(outside, s[..., np.newaxis, :], 1.0), axis=-1)
    rows, cols = sets[:, :, np.newaxis], sets[:, np.newaxis, :]
    blocks = [_small_cofactors(m[..., rows, cols]) for m in (p + r, p, r)]
    mixed = (blocks[0] - blocks[1] - blocks[2]) * weights[..., np.newaxis, np.newaxis]
    place = np.eye(n, dtype=u.dtype)[sets]  # [J, k, i]: index k of J is i
    core = np.einsum("...jab,jai,jbk->...ik", mixed, place, place)
    return _back(u, core, vh, c)


def nonsingular_only(t: Any, sign: Any) -> Any:
    """``t`` unchanged: the cotangent of ``np.linalg.slogdet``'s ``logabsdet`` (shaped like
    ``sign``) or the tangent of its matrix (two axes more).  Where ``sign`` is 0 the matrix is
    singular and ``logabsdet`` is ``-inf``, with no derivative: a ``t`` that is not 0 there is
    refused."""
    sign = np.asarray(sign)
    values = np.asarray(t)
    stacked = np.reshape(values != 0, np.shape(values)[:sign.ndim] + (-1,)) if values.ndim > \
        sign.ndim else (values != 0)[..., np.newaxis]
    if np.any((sign == 0) & np.any(stacked, axis=-1)):
        raise UnsupportedConstructError(
            "np.linalg.slogdet of a singular matrix: its logabsdet is -inf there and has no "
            "derivative", hint="keep the matrix invertible (add a small multiple of the identity), "
            "or differentiate np.linalg.det, whose derivative exists there (the cofactors)")
    return t
