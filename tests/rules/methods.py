"""Rule-table rows of array methods and attributes, which ``tangentish/syntax/methods.py`` maps to
the NumPy functions whose rules differentiate them.
"""

from __future__ import annotations

import numpy as np

from .common import IDX_2D, W3, W4, W12, W22, W32, W34, W43, W232, W234, Row


def m_sum_axis0(x):
    return np.sum(x.sum(axis=0) * W4)


def m_mean(x):
    return x.mean()


def m_max(x):
    return x.max()


def m_min_axis(x):
    return np.sum(x.min(axis=1) * W3)


def m_dot(x, y):
    return np.sum(x.dot(y) * W3)


def m_T(x):
    return np.sum(x.T * W43)


def m_reshape_args(x):
    return np.sum(x.reshape(3, 4) * W34)


def m_reshape_tuple(x):
    return np.sum(x.reshape((3, 4)) * W34)


def m_reshape_from_shape(x):
    return np.sum(x.reshape(x.shape[1], x.shape[0]) * W43)


def m_transpose_args(x):
    return np.sum(x.transpose(1, 0) * W43)


def m_transpose_tuple(x):
    return np.sum(x.transpose((2, 0, 1)) * np.transpose(W234, (2, 0, 1)))


def m_transpose_none(x):
    return np.sum(x.transpose() * W43)


def m_ravel(x):
    return np.sum(x.ravel() * W12)


def m_flatten(x):
    return np.sum(x.flatten() * W12)


def m_squeeze(x):
    return np.sum(x.squeeze() * W34)


def m_copy(x):
    return np.sum(x.copy() * W4)


def m_clip(x):
    return np.sum(x.clip(0, 1) * W34)


def m_clip_keyword(x):
    return np.sum(x.clip(min=0.0) * W4)


def m_var(x):
    return x.var()


def m_std_axis(x):
    return np.sum(x.std(axis=0) * W4)


def m_cumsum(x):
    return np.sum(x.cumsum(axis=1) * W34)


def m_trace(x):
    return x.trace()


def m_shape_as_value(x):
    return np.sum(x) / x.shape[0]


def m_size_ndim_as_values(x):
    return np.sum(x * x) / x.size + x.ndim


def m_chain(x):
    return x.T.reshape(12).sum()


def meth_prod(x):
    return x.prod(axis=0) @ W4


def m_astype(x):
    return np.sum(x.astype(np.float64) * W34) + np.sum(x.astype(float, copy=False) ** 2)


def m_astype_int(x):  # a cast to an integer type is piecewise constant
    return np.sum(x * x.astype(np.int64))


def m_item(x):
    return x.item(4) * x.item((1, 2)) + np.sin(x[0:1, 0:1].item())


def m_tolist(x):  # (nested lists of numbers; of a 0-d array, one number)
    rows = x.tolist()
    return rows[1][2] * rows[0][0] + np.sum(np.array(rows) * W34) + np.sin(x[2, 3]).tolist()


def m_cumprod(x):
    return np.sum(x.cumprod(axis=1) * W34) + np.sum(x.cumprod() * W12)


def m_diagonal(x):
    return np.sum(x.diagonal() * W3) + np.sum(x.diagonal(1) * W3)


def m_swapaxes(x):
    return np.sum(x.swapaxes(0, 2) * np.transpose(W234, (2, 1, 0)))


def m_repeat(x):
    return np.sum(x.repeat(2, axis=0) ** 2) + np.sum(x.repeat(3) * np.tile(W3, 9))


def m_take(x):
    return np.sum(x.take([0, 3, 3, 10]) * W4) + np.sum(x.take([2, 0], axis=1) ** 2)


def m_conj_real_round(x):
    return np.sum(x.conj() * x.conjugate() * W34) + np.sum(x.real * W34) + np.sum(x.round(1) * x)


def m_imag(x):  # the imaginary part of a real array: zeros, carrying no derivative
    return np.sum(x.imag * W34) + np.sum((x + x.imag) ** 2 * W34)


def m_partition_put_in_place(x):  # y[...] = np.partition(y, kth, axis); y[index] = v (in_place_calls)
    y = x * W34
    y.partition(1)
    z = x ** 2
    z.partition(kth=2, axis=0)
    w = x * 1.0
    w.put([0, 5, 13], x[1, :3] * 3.0, mode="wrap")
    return np.sum(y * W34[::-1]) + np.sum(z * W34) + np.sum(w * W34)


def m_index_methods(x):  # the indices carry no derivative; the values they pick do
    low = np.take_along_axis(x, x.argpartition(1, axis=1)[:, :2], axis=1)
    position = np.sort(x[0]).searchsorted(0.1)
    picked = np.array([0, 1, 1, 0]).choose([x[0], x[1] ** 2])
    return np.sum(low * W32) + position * x[2, 0] + np.sum(picked * W4)


if hasattr(np, "matrix_transpose"):  # arrays have .mT from NumPy 2.0
    def m_mT(x):
        return np.sum(x.mT * W232) + np.sum(x.mT @ x)
else:
    def m_mT(x):
        return np.sum(np.swapaxes(x, -1, -2) * W232) + np.sum(np.swapaxes(x, -1, -2) @ x)


def m_flat(x):  # x.flat[i]: NumPy's flat iterator read, differentiated as np.ravel(x)[i]
    return (np.sum(x.T.flat[1:9:2] * W4) + x.flat[5] ** 2 + np.sum(x.flat[IDX_2D] ** 3 * W22)
            + np.sum(x.flat[...] * W12) + x.flat[-1] * x.flat[0])


ROWS: list[Row] = [
    Row(m_sum_axis0, ((3, 4),)),
    Row(m_mean, ((3, 4),)),
    Row(m_max, ((3, 4),)),
    Row(m_min_axis, ((3, 4),)),
    Row(m_dot, ((3, 4), (4,)), wrt=(0, 1)),
    Row(m_T, ((3, 4),)),
    Row(m_flat, ((3, 4),)),
    Row(m_reshape_args, ((12,),)),
    Row(m_reshape_tuple, ((2, 6),)),
    Row(m_reshape_from_shape, ((3, 4),)),
    Row(m_transpose_args, ((3, 4),)),
    Row(m_transpose_tuple, ((2, 3, 4),)),
    Row(m_transpose_none, ((3, 4),)),
    Row(m_ravel, ((3, 4),)),
    Row(m_flatten, ((2, 6),)),
    Row(m_squeeze, ((3, 1, 4),)),
    Row(m_copy, ((4,),)),
    Row(m_tolist, ((3, 4),)),
    Row(m_clip, ((3, 4),), domain=(-1.0, 2.0)),
    Row(m_clip_keyword, ((4,),)),
    Row(m_var, ((3, 4),)),
    Row(m_std_axis, ((3, 4),)),
    Row(m_cumsum, ((3, 4),)),
    Row(m_trace, ((3, 4),)),
    Row(m_shape_as_value, ((3, 4),)),
    Row(m_size_ndim_as_values, ((3, 4),)),
    Row(m_chain, ((3, 4),)),
    Row(meth_prod, ((3, 4),)),
    Row(m_astype, ((3, 4),)),
    Row(m_astype_int, ((3, 4),), domain=(0.2, 2.8)),
    Row(m_item, ((3, 4),)),
    Row(m_cumprod, ((3, 4),)),
    Row(m_diagonal, ((3, 4),)),
    Row(m_swapaxes, ((2, 3, 4),)),
    Row(m_repeat, ((3, 3),)),
    Row(m_take, ((3, 4),)),
    Row(m_conj_real_round, ((3, 4),)),
    Row(m_index_methods, ((3, 4),)),
    Row(m_imag, ((3, 4),)),
    Row(m_partition_put_in_place, ((3, 4),)),
    Row(m_mT, ((2, 2, 3),)),
]
