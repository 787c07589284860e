"""A decomposition's values and vectors read together at a repeated value (see
``passes/spectral_reads.py``).  ``V @ np.diag(f(w)) @ V.T`` of ``w, V = np.linalg.eigh(a)`` has a
derivative where two of ``w`` are equal (Daleckii-Krein: ``f'(w) (V^T dA V)_ij`` inside the
eigenspace), but it is the ``0/0`` limit ``(f(w_j) - f(w_i)) / (w_j - w_i)`` of a coupling that
the derivatives of ``w`` and ``V`` at that point do not determine: there the chain rule through
them is silently wrong, whatever the cotangents' values.  These helpers refuse it instead."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import UnsupportedValueError
from .linalg import _first, _repeats


def values_and_vectors(result: Any, values: int, what: str, zeros_refused: bool = False) -> Any:
    """``result`` unchanged: a decomposition (``eigh``'s ``(w, V)``, ``svd``'s ``(U, s, Vh)``) whose
    values (item ``values``) and vectors the function reads both.  Its derivatives are
    ``result``'s, refused where two of the values are repeated (:func:`distinct_only`; with
    ``zeros_refused``, two zeros are left to the decomposition's own rule, as svd's refuses a
    zero singular value whose vectors are read)."""
    return result


def distinct_only(derivative: Any, w: Any, what: str, zeros_refused: bool = False,
                  tangent: bool = False) -> Any:
    """``derivative`` unchanged where no two of ``w`` are equal to working precision (``10 * n *
    eps`` times the largest, as ``gap_inverse`` counts them); raises otherwise, whatever its value
    (the derivative of what reads both values and vectors is not the chain rule's there), but for
    a ``tangent`` that is 0 (along which the derivative is 0) and where a value is 0 and
    ``zeros_refused`` (the decomposition's own rule refuses it: svd's singular vectors)."""
    w = np.asarray(w)
    if w.ndim == 0 or w.shape[-1] < 2 or (tangent and _zero(derivative)):
        return derivative
    pairs = _repeats(w) & ~np.eye(w.shape[-1], dtype=bool)
    if zeros_refused and np.any(_repeats(np.concatenate([w, np.zeros_like(w[..., :1])], -1))[
            ..., :-1, -1]):  # (a zero value: the decomposition's rule refuses it, first)
        return derivative
    if np.any(pairs):
        raise UnsupportedValueError(
            f"{what} at a repeated value ({_first(w, pairs):.17g} twice, to working precision): "
            "the function reads both the values and the vectors, as a function of the matrix "
            "V @ np.diag(f(w)) @ V.T does, whose derivative there is a 0/0 limit that the "
            "derivatives of the values and the vectors do not determine",
            hint="use the matrix function itself (scipy.linalg.sqrtm, expm, logm, polar: exact "
            "there), or differentiate where the values are distinct")
    return derivative


def _zero(derivative: Any) -> bool:
    items = derivative if isinstance(derivative, (tuple, list)) else (derivative,)
    return all(not np.any(np.asarray(item)) for item in items)


def distinct_items(derivative: Any, w: Any, what: str, zeros_refused: bool = False,
                   tangent: bool = False) -> Any:
    """The derivative of a decomposition's items (a tuple) unchanged where no two of ``w`` are
    repeated (:func:`distinct_only`, which raises otherwise)."""
    return distinct_only(derivative, w, what, zeros_refused, tangent)


def values_weight(g: Any, w: Any, what: str) -> Any:
    """The eigenvalues' (or singular values') cotangent ``g`` that an adjoint weighs the vectors by,
    ``V diag(g) V^T`` (``eigvalsh``, ``svd``'s singular values), or their tangent: unchanged where
    the values are distinct; over a group of repeated values (to working precision, as
    :func:`distinct_only` counts them) the group's mean, so that the result, ``mean(g) P`` with
    ``P`` the eigenspace's projector, does not depend on the basis LAPACK chose inside it (as
    ``max`` splits its ties evenly: ``eigvalsh(np.eye(3))[0]``'s gradient is ``np.eye(3) / 3``,
    exact for a symmetric function of the group).  Where ``g`` depends on the values themselves
    (a second derivative), its derivative is refused at a repeated value (:func:`distinct_only`);
    a ``g`` that does not (the nuclear norm's ones) has none to refuse."""
    w = np.asarray(w)
    if w.ndim == 0 or w.shape[-1] < 2 or np.ndim(g) == 0:
        return g
    pairs = _repeats(w)
    if np.count_nonzero(pairs) == pairs.size // pairs.shape[-1]:  # the diagonal alone: distinct
        return g
    mean = (pairs / np.sum(pairs, axis=-1, keepdims=True)) @ np.asarray(g)[..., np.newaxis]
    return mean[..., 0].astype(np.result_type(g), copy=False)


# f, f' and f'' of the functions of a symmetric matrix ``V diag(f(w)) V^T`` that
# passes/spectral_functions.py recognizes (``np.sqrt(w)``, ``w ** 2``, ``w`` itself...)
_FUNCTIONS = {
    "identity": (lambda w: w, np.ones_like, np.zeros_like),
    "sqrt": (np.sqrt, lambda w: 0.5 / np.sqrt(w), lambda w: -0.25 / (w * np.sqrt(w))),
    "exp": (np.exp, np.exp, np.exp),
    "log": (np.log, lambda w: 1.0 / w, lambda w: -1.0 / (w * w)),
    "square": (np.square, lambda w: 2.0 * w, lambda w: np.full_like(w, 2.0)),
}


def eigh_function(a: Any, f: str, UPLO: str = "L", form: str = "diag") -> np.ndarray:  # noqa: N803
    """``v @ np.diag(f(w)) @ v.T`` (``form="diag"``) or ``(v * f(w)) @ v.T`` (``"scaled"``) of
    ``w, v = np.linalg.eigh(a, UPLO)``, computed as the function wrote it: the function ``f`` of
    the symmetric matrix ``a``, whose derivative is Daleckii-Krein's (:func:`divided_differences`),
    exact at a repeated eigenvalue too."""
    w, v = np.linalg.eigh(a, UPLO)
    values = _FUNCTIONS[f][0](w)
    if form == "diag":
        return v @ np.diag(values) @ np.transpose(v)
    return (v * values) @ np.transpose(v)


def _close(w: np.ndarray) -> np.ndarray:
    """``C[..., i, j]``: ``w_i`` and ``w_j`` so close that ``(f(w_i) - f(w_j)) / (w_i - w_j)``
    loses more to rounding (``eps / gap``) than ``(f'(w_i) + f'(w_j)) / 2`` is off (``gap**2``):
    within ``eps ** (1/3)`` of their size; the diagonal is true."""
    size = np.maximum(np.abs(w[..., :, np.newaxis]), np.abs(w[..., np.newaxis, :]))
    gap = np.abs(w[..., :, np.newaxis] - w[..., np.newaxis, :])
    return gap <= np.cbrt(np.finfo(w.dtype).eps) * np.maximum(size, np.finfo(w.dtype).tiny)


def divided_differences(w: Any, f: str, sums: bool = False) -> np.ndarray:
    """``D[..., i, j] = (f(w_i) - f(w_j)) / (w_i - w_j)``, ``f'(w_i)`` on the diagonal and the mean
    of ``f'`` at two values too close to divide (:func:`_close`): the first divided differences
    of ``f``, whose product with ``V^T dA V`` is the derivative of ``f(A)`` (Daleckii-Krein).
    With ``sums``, ``(f(w_i) + f(w_j)) / (w_i + w_j)`` of positive ``w`` (singular values: a zero
    one is refused before, ``nonzero_diagonal``)."""
    w = np.asarray(w, dtype=np.result_type(w, 0.0))
    fw, slope = _FUNCTIONS[f][0](w), _FUNCTIONS[f][1](w)
    sign = 1.0 if sums else -1.0
    close = _close(w) & (not sums)
    gap = np.where(close, 1.0, w[..., :, np.newaxis] + sign * w[..., np.newaxis, :])
    quotient = (fw[..., :, np.newaxis] + sign * fw[..., np.newaxis, :]) / gap
    return np.where(close, 0.5 * (slope[..., :, np.newaxis] + slope[..., np.newaxis, :]), quotient)


def divided_slopes(w: Any, f: str, sums: bool = False) -> np.ndarray:
    """``S[..., i, j] = dD_ij / dw_i`` of :func:`divided_differences`: ``(f'(w_i) - D_ij) / (w_i -
    w_j)`` (``w_i + w_j`` with ``sums``), ``f''(w_i) / 2`` for two close values and on the
    diagonal (``dD_ij / dw_j`` is ``S_ji``, so ``dD_ii = f''(w_i) dw_i``)."""
    w = np.asarray(w, dtype=np.result_type(w, 0.0))
    slope, curve = _FUNCTIONS[f][1](w), _FUNCTIONS[f][2](w)
    sign = 1.0 if sums else -1.0
    close = _close(w) & (not sums)
    gap = np.where(close, 1.0, w[..., :, np.newaxis] + sign * w[..., np.newaxis, :])
    quotient = (slope[..., :, np.newaxis] - divided_differences(w, f, sums)) / gap
    return np.where(close, 0.5 * curve[..., :, np.newaxis], quotient)


def svd_function(a: Any, f: str, form: str = "diag") -> np.ndarray:
    """``u @ np.diag(f(s)) @ vh`` (``form="diag"``) or ``(u * f(s)) @ vh`` (``"scaled"``) of ``u,
    s, vh = np.linalg.svd(a)``, computed as the function wrote it: a function of the singular
    values of a square ``a``, whose derivative is ``U (D * sym(P) + E * skew(P)) V^T`` with ``P =
    U^T dA V``, ``D`` the divided differences of ``f`` (:func:`divided_differences`) and ``E``
    ``divided_differences(s, f, sums=True)``, exact at a repeated singular value too."""
    u, s, vh = np.linalg.svd(a)
    values = _FUNCTIONS[f][0](s)
    if form == "diag":
        return u @ np.diag(values) @ vh
    return (u * values) @ vh
