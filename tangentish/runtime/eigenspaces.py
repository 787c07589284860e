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


def values_and_vectors(result: Any, values: int, what: str) -> Any:
    """``result`` unchanged: a decomposition (``eigh``'s ``(w, V)``, ``svd``'s ``(U, s, Vh)``) whose
    values (item ``values``) and vectors the function reads both.  Its derivatives are
    ``result``'s, refused where two of the values are repeated (:func:`distinct_only`)."""
    return result


def distinct_only(derivative: Any, w: Any, what: str) -> Any:
    """``derivative`` unchanged where no two of ``w`` are equal to working precision (``10 * n *
    eps`` times the largest, as ``gap_inverse`` counts them); raises otherwise, whatever its value:
    the derivative of what reads both values and vectors is not the chain rule's there."""
    w = np.asarray(w)
    if w.ndim == 0 or w.shape[-1] < 2:
        return derivative
    pairs = _repeats(w) & ~np.eye(w.shape[-1], dtype=bool)
    if np.any(pairs):
        raise UnsupportedValueError(
            f"{what} at a repeated value ({_first(w, pairs):.17g} twice, to working precision): "
            "the function reads both the values and the vectors, as a function of the matrix "
            "V @ np.diag(f(w)) @ V.T does, whose derivative there is a 0/0 limit that the "
            "derivatives of the values and the vectors do not determine",
            hint="use the matrix function itself (scipy.linalg.sqrtm, expm, logm, polar: exact "
            "there), or differentiate where the values are distinct")
    return derivative


def distinct_items(derivative: Any, w: Any, what: str) -> Any:
    """The derivative of a decomposition's items (a tuple) unchanged where no two of ``w`` are
    repeated (:func:`distinct_only`, which raises otherwise)."""
    return distinct_only(derivative, w, what)


def values_weight(g: Any, w: Any, what: str) -> Any:
    """``g`` unchanged: the eigenvalues' (or singular values') cotangent that an adjoint weighs the
    vectors by, ``V diag(g) V^T`` (``eigvalsh``, ``svd``'s singular values).  Where ``g`` depends
    on the values themselves (a second derivative), its derivative is refused at a repeated value
    (:func:`distinct_only`); a ``g`` that does not (the nuclear norm's ones) has none to refuse."""
    return g
