"""Rule-table rows of ``tangentish/rules/numpy_products.py``: vdot, kron, tensordot (int and paired
axes), einsum (matrix products, ``...``, repeated and summed-out letters, implicit output, three,
four and five operands), cross, convolve/correlate in every mode, polyval, polyder, vecdot/matvec/vecmat.
"""

from __future__ import annotations

import numpy as np

from .common import W2, W3, W4, W23, W34, W234, Row

_rng = np.random.default_rng(717)
W64 = _rng.standard_normal((6, 4))
W46 = _rng.standard_normal((4, 6))
W25 = _rng.standard_normal((2, 5))
W7 = _rng.standard_normal(7)
W32 = _rng.standard_normal((3, 2))
W243 = _rng.standard_normal((2, 4, 3))


def pr_vdot(a, b):
    return np.vdot(a, b) * 2.0 + np.vdot(a, a)


def pr_kron(a, b):
    return np.sum(np.kron(a, b) * W64) + np.sum(np.kron(a[0], b) ** 2)


def pr_tensordot(a, b):
    return (np.sum(np.tensordot(a, b, axes=1) * W2345())
            + np.sum(np.tensordot(a, b.transpose(1, 0, 2), axes=([2, 1], [1, 0])) * W34[:2]))


def W2345():  # noqa: N802  (weights of shape (2, 3, 3, 4))
    return np.linspace(-1.0, 1.0, 72).reshape(2, 3, 3, 4)


def pr_tensordot_int(a, b):
    return np.tensordot(a, b, axes=2) + np.sum(np.tensordot(a, b, axes=0)[0, 0] * W34)


def pr_einsum_matmul(a, b):
    return np.sum(np.einsum("ij,jk->ik", a, b) * W34[:, :2]) + np.einsum("ij,ij", a, a)


def pr_einsum_ellipsis(a, b):
    return np.sum(np.einsum("...ij,...j->...i", a, b) * W23)


def pr_einsum_diagonal(a):
    return np.einsum("ii", a) + np.sum(np.einsum("ii->i", a) * W3) + np.sum(np.einsum("ij->j", a) * W3)


def pr_einsum_three(a, b, c):
    return np.sum(np.einsum("ij,jk,k->i", a, b, c) * W3) + np.sum(np.einsum("i,i,i", c, c, c))


def pr_einsum_four(a, b, c, d):
    return np.sum(np.einsum("i,ij,jk,k->i", a, b, c, d) * W3) + np.einsum("i,i,i,i->", d, c[0], d, c[1])


def pr_einsum_five(a, b, c, d, e):
    return np.sum(np.einsum("ij,jk,k,i,...->i...", a, b, c, d, e) * W32) + np.einsum(
        "ii,i,i,i,i", a, d, d, a[0], d)


def pr_einsum_implicit(a, b):
    return np.sum(np.einsum("ij,jk", a, b) * W34[:, :2])


def pr_cross(a, b):
    return np.sum(np.cross(a, b) * W23) + np.sum(np.cross(a[0], b) ** 2)


def pr_convolve(a, v):
    return (np.sum(np.convolve(a, v) * W7) + np.sum(np.convolve(a, v, "same") ** 2)
            + np.sum(np.convolve(v, a, "valid") * W3))


def pr_correlate(a, v):
    return (np.sum(np.correlate(a, v) * W3) + np.sum(np.correlate(a, v, "full") * W7)
            + np.sum(np.correlate(a, v, "same") ** 2))


def pr_polyval(p, x):
    return np.sum(np.polyval(p, x) * W34) + np.polyval(p, 0.7) * 2.0


def pr_polyder(p):
    return np.sum(np.polyder(p) * W4) + np.sum(np.polyder(p, 2) ** 2)


def pr_vecdot(a, b):
    return np.sum(np.vecdot(a, b) * W2)


def pr_matvec_vecmat(a, v):
    return np.sum(np.matvec(a, v) * W23) + np.sum(np.vecmat(v[:, :3], a) * W234[:, 0, :])


ROWS: list[Row] = [
    Row(pr_vdot, ((3, 4), (3, 4)), wrt=(0, 1)),
    Row(pr_kron, ((2, 2), (3, 2)), wrt=(0, 1)),
    Row(pr_tensordot, ((2, 3, 4), (4, 3, 4)), wrt=(0, 1)),
    Row(pr_tensordot_int, ((3, 4), (3, 4)), wrt=(0, 1)),
    Row(pr_einsum_matmul, ((3, 4), (4, 2)), wrt=(0, 1)),
    Row(pr_einsum_ellipsis, ((2, 3, 4), (4,)), wrt=(0, 1)),
    Row(pr_einsum_diagonal, ((3, 3),)),
    Row(pr_einsum_three, ((3, 4), (4, 2), (2,)), wrt=(0, 1, 2)),
    Row(pr_einsum_four, ((3,), (3, 4), (4, 2), (2,)), wrt=(0, 1, 2, 3)),
    Row(pr_einsum_five, ((3, 3), (3, 2), (2,), (3,), (2,)), wrt=(0, 1, 2, 3, 4)),
    Row(pr_einsum_implicit, ((3, 4), (4, 2)), wrt=(0, 1)),
    Row(pr_cross, ((2, 3), (3,)), wrt=(0, 1)),
    Row(pr_convolve, ((5,), (3,)), wrt=(0, 1)),
    Row(pr_correlate, ((5,), (3,)), wrt=(0, 1)),
    Row(pr_polyval, ((4,), (3, 4)), wrt=(0, 1)),
    Row(pr_polyder, ((5,),)),
]
if hasattr(np, "vecdot"):
    ROWS.append(Row(pr_vecdot, ((2, 3), (3,)), wrt=(0, 1)))
if hasattr(np, "matvec"):
    ROWS.append(Row(pr_matvec_vecmat, ((2, 3, 4), (2, 4)), wrt=(0, 1)))
