"""Rule-table rows of linear algebra and shape functions (``tangentish/rules/numpy_shapes.py``).
"""

from __future__ import annotations

import numpy as np

from .common import W2, W3, W4, W12, W22, W23, W32, W34, W43, W232, W234, W2352, Row


def la_dot_vv(x, y):
    return np.dot(x, y)


def la_dot_mv(x, y):
    return np.sum(np.dot(x, y) * W3)


def la_dot_vm(x, y):
    return np.sum(np.dot(x, y) * W4)


def la_dot_mm(x, y):
    return np.sum(np.dot(x, y) * W32)


def la_dot_scalar(x, y):
    return np.sum(np.dot(x, y) * W34)


def la_dot_nd_v(x, y):
    return np.sum(np.dot(x, y) * W23)


def la_dot_nd_md(x, y):
    return np.sum(np.dot(x, y) * W2352)


def la_matmul(x, y):
    return np.sum(np.matmul(x, y) * W32)


def la_matmul_batched(x, y):
    return np.sum(np.matmul(x, y) * W232)


def la_matmul_vv(x, y):
    return np.matmul(x, y)


def la_inner_vv(x, y):
    return np.inner(x, y)


def la_inner_mm(x, y):
    return np.sum(np.inner(x, y) * W32)


def la_inner_mv(x, y):
    return np.sum(np.inner(x, y) * W3)


def la_outer(x, y):
    return np.sum(np.outer(x, y) * W34)


def la_outer_flattens(x, y):
    return np.sum(np.outer(x, y) * W43)


def la_trace(x):
    return np.trace(x)


def la_norm_vector(x):
    return np.linalg.norm(x)


def la_norm_frobenius(x):
    return np.linalg.norm(x)


def la_norm_rows(x):
    return np.sum(np.linalg.norm(x, axis=1) * W3)


def la_norm_keepdims(x):
    return np.sum(np.linalg.norm(x, axis=0, keepdims=True) * W34)


def la_norm_fro(x):
    return np.linalg.norm(x, "fro")


def la_norm_l1(x):
    return np.linalg.norm(x, 1)


def la_norm_inf(x):
    return np.linalg.norm(x, ord=np.inf)


def la_norm_p3(x):
    return np.linalg.norm(x, ord=3)


def la_norm_nuclear(x):
    return np.linalg.norm(x, "nuc")


def la_norm_spectral(x):
    return np.linalg.norm(x, 2)


def la_norm_matrix_l1(x):
    return np.linalg.norm(x, 1)


def la_norm_matrix_inf(x):
    return np.linalg.norm(x, np.inf)


def la_norm_batched_matrices(x):
    return np.sum(np.linalg.norm(x, axis=(1, 2)) * W2)


def la_norm_spectral_stacks(x):  # tall matrices along axes (2, 0), the smallest singular value too
    return (np.sum(np.linalg.norm(x, 2, axis=(2, 0)) * W3)
            + np.sum(np.linalg.norm(x, -2, axis=(2, 0), keepdims=True)[0, :, 0] * W3)
            + np.sum(np.linalg.norm(x, "nuc", axis=(2, 0)) * W3[::-1]))


def sh_transpose(x):
    return np.sum(np.transpose(x) * W43)


def sh_transpose_axes(x):
    return np.sum(np.transpose(x, (1, 2, 0)) * np.transpose(W234, (1, 2, 0)))


def sh_transpose_negative_axes(x):
    return np.sum(np.transpose(x, (-1, 0, 1)) * np.transpose(W234, (2, 0, 1)))


def sh_reshape(x):
    return np.sum(np.reshape(x, (4, 3)) * W43)


def sh_reshape_minus_one(x):
    return np.sum(np.reshape(x, -1) * W12)


def sh_reshape_order_f(x):
    return np.sum(np.reshape(x, (4, 3), order="F") * W43)


def sh_ravel(x):
    return np.sum(np.ravel(x) * W12)


def sh_ravel_order_f(x):
    return np.sum(np.ravel(x, order="F") * W12)


def sh_squeeze(x):
    return np.sum(np.squeeze(x, axis=1) * W34)


def sh_expand_dims(x):
    return np.sum(np.expand_dims(x, 1) * W34)


def sh_copy(x):
    return np.sum(np.copy(x) * W4)


def sh_asarray(x):
    return np.sum(np.asarray(x) * W4)


def sh_array_of_scalars(x, y):
    a = np.array([[x, y], [y * y, 1.0]])
    return np.sum(a * W22)


def sh_array_of_vectors(x, y):
    return np.sum(np.array([x, 2.0 * y, x * y]) * W34)


def sh_sum_of_list(x, y):
    return np.sum([x, y * 2.0]) + np.mean((x, y))


def la_norm_float32_kept(x):  # no float64 constants: a float32 point stays float32
    return np.linalg.norm(x, "nuc") + np.linalg.norm(x, 2) ** 2 + np.linalg.norm(x, -2)


def la_vector_norm(x):  # NumPy 2: every axis (a flattened norm, not a matrix norm), one, keepdims
    return (np.linalg.vector_norm(x) + np.linalg.vector_norm(x, ord=3) + np.sum(
        np.linalg.vector_norm(x, axis=1, ord=1) * W2.reshape(2, 1))
        + np.sum(np.linalg.vector_norm(x, axis=(-1,), keepdims=True) ** 2)
        + np.sum(np.linalg.vector_norm(x, keepdims=True, ord=np.inf)))


def la_matrix_norm(x):
    return (np.sum(np.linalg.matrix_norm(x) * W2) + np.sum(np.linalg.matrix_norm(x, ord=1) * W2)
            + np.sum(np.linalg.matrix_norm(x, ord="nuc", keepdims=True) ** 2))


ROWS: list[Row] = [
    Row(la_dot_vv, ((3,), (3,)), wrt=(0, 1)),
    Row(la_dot_mv, ((3, 4), (4,)), wrt=(0, 1)),
    Row(la_dot_vm, ((3,), (3, 4)), wrt=(0, 1)),
    Row(la_dot_mm, ((3, 4), (4, 2)), wrt=(0, 1)),
    Row(la_dot_scalar, (float, (3, 4)), wrt=(0, 1)),
    Row(la_dot_nd_v, ((2, 3, 4), (4,)), wrt=(0, 1)),
    Row(la_dot_nd_md, ((2, 3, 4), (5, 4, 2)), wrt=(0, 1)),
    Row(la_matmul, ((3, 4), (4, 2)), wrt=(0, 1)),
    Row(la_matmul_batched, ((2, 3, 4), (2, 4, 2)), wrt=(0, 1)),
    Row(la_matmul_vv, ((4,), (4,)), wrt=(0, 1)),
    Row(la_inner_vv, ((4,), (4,)), wrt=(0, 1)),
    Row(la_inner_mm, ((3, 4), (2, 4)), wrt=(0, 1)),
    Row(la_inner_mv, ((3, 4), (4,)), wrt=(0, 1)),
    Row(la_outer, ((3,), (4,)), wrt=(0, 1)),
    Row(la_outer_flattens, ((2, 2), (3,)), wrt=(0, 1)),
    Row(la_trace, ((3, 3),)),
    Row(la_norm_vector, ((5,),)),
    Row(la_norm_frobenius, ((3, 4),)),
    Row(la_norm_rows, ((3, 4),)),
    Row(la_norm_keepdims, ((3, 4),)),
    Row(la_norm_fro, ((3, 4),)),
    Row(la_norm_l1, ((5,),)),
    Row(la_norm_inf, ((5,),)),
    Row(la_norm_p3, ((5,),)),
    Row(la_norm_nuclear, ((3, 4),)),
    Row(la_norm_spectral, ((3, 4),)),
    Row(la_norm_spectral_stacks, ((2, 3, 4),)),
    Row(la_norm_float32_kept, ((3, 4),)),
    Row(la_norm_matrix_l1, ((3, 4),)),
    Row(la_norm_matrix_inf, ((3, 4),)),
    Row(la_norm_batched_matrices, ((2, 3, 4),)),
    Row(sh_transpose, ((3, 4),)),
    Row(sh_transpose_axes, ((2, 3, 4),)),
    Row(sh_transpose_negative_axes, ((2, 3, 4),)),
    Row(sh_reshape, ((3, 4),)),
    Row(sh_reshape_minus_one, ((3, 4),)),
    Row(sh_reshape_order_f, ((3, 4),)),
    Row(sh_ravel, ((2, 6),)),
    Row(sh_ravel_order_f, ((3, 4),)),
    Row(sh_squeeze, ((3, 1, 4),)),
    Row(sh_expand_dims, ((3, 4),)),
    Row(sh_copy, ((4,),)),
    Row(sh_asarray, ((4,),)),
    Row(sh_array_of_scalars, (float, float), wrt=(0, 1)),
    Row(sh_array_of_vectors, ((4,), (4,)), wrt=(0, 1)),
    Row(sh_sum_of_list, (float, float), wrt=(0, 1)),
]
if hasattr(np.linalg, "vector_norm"):  # NumPy >= 2
    ROWS += [Row(la_vector_norm, ((2, 3, 4),)), Row(la_matrix_norm, ((2, 3, 4),))]
