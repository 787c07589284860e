"""How ``scipy.linalg``'s symmetric solves and Cholesky factorizations read their matrix: one
triangle only (the upper one unless ``lower``), the other taken as its mirror.  ``read_matrix`` is
the matrix such a solve sees, and ``fold_reads`` the adjoint of that reading (a gradient with
respect to the matrix seen, moved onto the entries read: the other triangle gets 0), so a gradient
is exact for any input, symmetric or not.  Each is the other's transpose (both are linear), so
their rules differentiate them again.  A general matrix (``assume_a`` None or 'gen') is read whole.
``lu_rows`` turns ``lu_factor``'s pivots into a row order; ``full_covariance`` makes the covariance
matrix of ``scipy.stats.multivariate_normal``'s ``cov`` (which reads its lower triangle; its
adjoint ``fold_covariance``) and ``mean_or_zero`` its mean (``None``: SciPy's zero).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import UnsupportedConstructError

_GENERAL = (None, "gen", "general")
_SYMMETRIC = ("sym", "symmetric", "her", "hermitian", "pos", "positive definite")


def _whole(assume_a: Any) -> bool:
    if assume_a in _GENERAL:
        return True
    if assume_a in _SYMMETRIC:
        return False
    raise UnsupportedConstructError(
        f"scipy.linalg.solve with assume_a={assume_a!r}: tangentish differentiates the general, "
        "symmetric and positive-definite solves", hint="pass assume_a='gen', 'sym' or 'pos'")


def _triangle(m: Any, lower: Any, strict: bool = False) -> Any:
    return np.tril(m, -1 if strict else 0) if lower else np.triu(m, 1 if strict else 0)


def read_matrix(a: Any, assume_a: Any = None, lower: Any = False) -> Any:
    """The matrix a solve with ``assume_a`` sees in ``a``: ``a`` itself for a general one, else its
    triangle (the lower one for ``lower``) and that triangle's mirror."""
    if _whole(assume_a):
        return a
    return _triangle(a, lower) + np.swapaxes(_triangle(a, lower, strict=True), -1, -2)


def fold_reads(g: Any, assume_a: Any = None, lower: Any = False) -> Any:
    """The adjoint of :func:`read_matrix`: ``g`` for a general matrix, else ``g + g.T`` on the
    strict triangle read, ``g``'s diagonal on the diagonal, 0 on the other triangle."""
    if _whole(assume_a):
        return g
    return _triangle(g + np.swapaxes(g, -1, -2), lower, strict=True) + _triangle(
        g, lower) - _triangle(g, lower, strict=True)


def lu_rows(piv: Any) -> np.ndarray:
    """The row order of ``p @ a`` for ``scipy.linalg.lu_factor``'s pivots ``piv`` (row ``i`` was
    swapped with row ``piv[i]``, in turn): ``(p @ a) == a[lu_rows(piv)]``."""
    piv = np.asarray(piv)
    if piv.ndim != 1:
        raise UnsupportedConstructError(
            "scipy.linalg.lu_factor of a stack of matrices: tangentish differentiates one matrix",
            hint="factor each matrix in a loop")
    rows = np.arange(piv.size)
    for i, p in enumerate(piv):
        rows[i], rows[p] = rows[p], rows[i]
    return rows


def full_covariance(cov: Any, dim: Any = None) -> Any:
    """The covariance matrix ``scipy.stats.multivariate_normal`` makes of ``cov``: a matrix
    itself, a vector of variances its diagonal, a number that times the identity of ``dim``
    variables (the mean's size; 1 without a mean, as SciPy counts).  Anything else (a
    ``scipy.stats.Covariance`` object) is refused."""
    whitens = hasattr(cov, "whiten")  # (a scipy.stats.Covariance object)
    kind = "O" if whitens else np.asarray(cov).dtype.kind
    if kind in "fiub" and np.ndim(cov) == 2:
        return cov
    if kind in "fiub" and np.ndim(cov) == 1 and dim is not None:
        return np.diag(cov)
    if kind in "fiub" and np.ndim(cov) == 0 and dim is not None:
        return np.asarray(cov) * np.eye(int(dim), dtype=np.result_type(cov, 1.0))
    what = f"a Covariance object ({type(cov).__name__})" if whitens else \
        f"a {np.ndim(cov)}-dimensional {type(cov).__name__}"
    raise UnsupportedConstructError(
        f"scipy.stats.multivariate_normal.logpdf with {what} as its cov", hint="pass the "
        "covariance as a number, a vector of variances or a full matrix (for a Covariance "
        "object: its covariance matrix)")


def fold_covariance(g: Any, cov: Any) -> Any:
    """The adjoint of :func:`full_covariance`: a gradient ``g`` with respect to the matrix moved
    onto ``cov``: itself for a matrix, its diagonal for a vector of variances, its trace for a
    number."""
    if np.ndim(cov) == 2:
        return g
    if np.ndim(cov) == 1:
        return np.diagonal(g, axis1=-2, axis2=-1)
    return np.trace(g, axis1=-2, axis2=-1)


def mean_or_zero(mean: Any) -> Any:
    """``mean`` itself, or ``0.0`` for ``None`` (``scipy.stats.multivariate_normal``'s default)."""
    return 0.0 if mean is None else mean
