"""Rule-table rows of Python's operators (``+ - * / ** % @``, unary ``-``/``+``, augmented
assignment) and of indexing on read.  Rules: the arithmetic twins in ``tangentish/rules/numpy_binary.py``
and ``numpy_elementwise.py``, ``@`` in ``numpy_shapes.py``, indexing in ``operators.py``, and the
fields of NumPy's named linalg results (``np.linalg.svd(a).S``) in ``runtime_families.py``.
"""

from __future__ import annotations

import numpy as np

from .common import (
    IDX_2D,
    IDX_COLS,
    IDX_REPEATS,
    IDX_ROWS,
    MASK3,
    MASK34,
    POSITIVE,
    W2,
    W3,
    W4,
    W5,
    W22,
    W23,
    W32,
    W33,
    W34,
    W232,
    W2532,
    Const,
    Row,
)


def op_add(x, y):
    return np.sum((x + y) * W34)


def op_add_const(x):
    return np.sum((x + 2.0) * W4)


def op_add_floats(x, y):
    return x + y * 3.0


def op_sub(x, y):
    return np.sum((x - y) * W34)


def op_rsub_const(x):
    return np.sum((1.0 - x) * W4)


def op_mul(x, y):
    return np.sum(x * y * W34)


def op_mul_0d(x, y):
    return np.sum(x * y * W3)


def op_truediv(x, y):
    return np.sum(x / y * W34)


def op_rtruediv_const(x):
    return np.sum(1.0 / x * W4)


def op_pow_int(x):
    return np.sum(x ** 3 * W34)


def op_pow_half(x):
    return np.sum(x ** 0.5 * W4)


def op_pow(x, y):
    return np.sum(x ** y * W34)


def op_rpow_const(x):
    return np.sum(2.0 ** x * W4)


def op_pow_floats(x, y):
    return x ** y


def op_mod(x, y):
    return np.sum((x % y) * W34)


def op_mod_const(x):
    return np.sum((x % 1.5) * W4)


def op_neg(x):
    return np.sum(-x * W4)


def op_pos(x):
    return np.sum(+x * W4)


def op_augmented(x, y):
    z = x * 1.0
    z += y
    z *= y
    z -= 0.5
    z /= 2.0
    return np.sum(z * W3)


def op_matmul_vv(x, y):
    return x @ y


def op_matmul_mv(x, y):
    return np.sum((x @ y) * W3)


def op_matmul_vm(x, y):
    return np.sum((x @ y) * W4)


def op_matmul_mm(x, y):
    return np.sum((x @ y) * W32)


def op_matmul_batched(x, y):
    return np.sum((x @ y) * W232)


def op_matmul_broadcast(x, y):
    return np.sum((x @ y) * W2532)


def op_matmul_v_batch(x, y):
    return np.sum((x @ y) * W23)


def op_matmul_self(x):
    return np.sum((x @ x) * W33)


def ix_int(x):
    return x[1] * 2.0


def ix_negative(x):
    return x[-1] * x[0]


def ix_tuple_ints(x):
    return x[1, -2]


def ix_row(x):
    return np.sum(x[1] * W4)


def ix_slice(x):
    return np.sum(x[1:4] * W3)


def ix_step(x):
    return np.sum(x[::2] * W3)


def ix_reverse(x):
    return np.sum(x[::-1] * W4)


def ix_negative_step_bounds(x):
    return np.sum(x[4:0:-2] * W2)


def ix_negative_slice_bounds(x):
    return np.sum(x[-3:-1] * W2)


def ix_2d_slices(x):
    return np.sum(x[::-1, 1::2] * W32)


def ix_newaxis(x):
    return np.sum(x[None] * W34)


def ix_newaxis_middle(x):
    return np.sum(x[:, None, 1:] * W33)


def ix_ellipsis(x):
    return np.sum(x[..., 1] * W23)


def ix_ellipsis_newaxis(x):
    return np.sum(x[None, ..., 0] * W23)


def ix_int_array_repeats(x):
    return np.sum(x[IDX_REPEATS] * W5)


def ix_int_array_2d(x):
    return np.sum(x[IDX_2D] * W22)


def ix_int_array_rows(x):
    return np.sum(x[IDX_ROWS] * W34)


def ix_int_array_and_slice(x):
    return np.sum(x[IDX_ROWS, 1:3] * W32)


def ix_int_array_pairs(x):
    return np.sum(x[IDX_ROWS, IDX_COLS] * W3)


def ix_list_literal(x):
    return np.sum(x[[0, 0, 2]] * W3)


def ix_bool_mask_computed(x):
    return np.sum(x[x > 0.0] ** 2)


def ix_bool_mask_const(x):
    return np.sum(x[MASK34] ** 3)


def ix_bool_rows(x):
    return np.sum(x[MASK3] * W4)


def ix_0d(x):
    return x[()] * 3.0


def ix_unpack(x):
    a, b = x
    return np.sum(a * b * W3)


def ix_same_element_twice(x):
    return x[0] * x[0] + x[2]


def ix_argument_index(x, i):
    return np.sum(x[i] * W4)


def attr_named_fields(x):  # NumPy >= 2's named linalg results, read by field
    res = np.linalg.svd(x @ x.T + 3.0 * np.eye(3))
    return np.sum(res.S * W3) + np.sum(res.U[:, 0] ** 4) + np.linalg.slogdet(x @ x.T).logabsdet


def attr_named_fields_qr(x):
    qr = np.linalg.qr(x)
    return np.sum(qr.Q * W32) + np.sum(qr.R * W22) + np.sum(np.linalg.eigh(x.T @ x).eigenvalues)


ROWS: list[Row] = [
    Row(op_add, ((3, 1), (1, 4)), wrt=(0, 1)),
    Row(op_add_const, ((4,),)),
    Row(op_add_floats, (float, float), wrt=(0, 1)),
    Row(op_sub, ((4,), (3, 4)), wrt=(0, 1)),
    Row(op_rsub_const, ((4,),)),
    Row(op_mul, ((3, 4), (4,)), wrt=(0, 1)),
    Row(op_mul_0d, ((), (3,)), wrt=(0, 1)),
    Row(op_truediv, ((3, 4), (3, 1)), wrt=(0, 1), domain=((-2.0, 2.0), POSITIVE)),
    Row(op_rtruediv_const, ((4,),), domain=POSITIVE),
    Row(op_pow_int, ((3, 4),)),
    Row(op_pow_half, ((4,),), domain=POSITIVE),
    Row(op_pow, ((3, 4), (4,)), wrt=(0, 1), domain=(POSITIVE, (-2.0, 2.0))),
    Row(op_rpow_const, ((4,),)),
    Row(op_pow_floats, (float, float), wrt=(0, 1), domain=(POSITIVE, (-2.0, 2.0))),
    Row(op_mod, ((3, 4), (4,)), wrt=(0, 1), domain=((0.1, 5.0), (0.7, 1.3))),
    Row(op_mod_const, ((4,),), domain=(-4.0, 4.0)),
    Row(op_neg, ((4,),)),
    Row(op_pos, ((4,),)),
    Row(op_augmented, ((3,), (3,)), wrt=(0, 1)),
    Row(op_matmul_vv, ((3,), (3,)), wrt=(0, 1)),
    Row(op_matmul_mv, ((3, 4), (4,)), wrt=(0, 1)),
    Row(op_matmul_vm, ((3,), (3, 4)), wrt=(0, 1)),
    Row(op_matmul_mm, ((3, 4), (4, 2)), wrt=(0, 1)),
    Row(op_matmul_batched, ((2, 3, 4), (4, 2)), wrt=(0, 1)),
    Row(op_matmul_broadcast, ((2, 1, 3, 4), (5, 4, 2)), wrt=(0, 1)),
    Row(op_matmul_v_batch, ((4,), (2, 4, 3)), wrt=(0, 1)),
    Row(op_matmul_self, ((3, 3),)),
    Row(ix_int, ((4,),)),
    Row(ix_negative, ((4,),)),
    Row(ix_tuple_ints, ((3, 4),)),
    Row(ix_row, ((3, 4),)),
    Row(ix_slice, ((5,),)),
    Row(ix_step, ((6,),)),
    Row(ix_reverse, ((4,),)),
    Row(ix_negative_step_bounds, ((6,),)),
    Row(ix_negative_slice_bounds, ((5,),)),
    Row(ix_2d_slices, ((3, 4),)),
    Row(ix_newaxis, ((4,),)),
    Row(ix_newaxis_middle, ((3, 4),)),
    Row(ix_ellipsis, ((2, 3, 4),)),
    Row(ix_ellipsis_newaxis, ((2, 3, 4),)),
    Row(ix_int_array_repeats, ((6,),)),
    Row(ix_int_array_2d, ((4,),)),
    Row(ix_int_array_rows, ((3, 4),)),
    Row(ix_int_array_and_slice, ((3, 4),)),
    Row(ix_int_array_pairs, ((3, 4),)),
    Row(ix_list_literal, ((4,),)),
    Row(ix_bool_mask_computed, ((3, 4),)),
    Row(ix_bool_mask_const, ((3, 4),)),
    Row(ix_bool_rows, ((3, 4),)),
    Row(ix_0d, ((),)),
    Row(ix_unpack, ((2, 3),)),
    Row(ix_same_element_twice, ((3,),)),
    Row(ix_argument_index, ((3, 4), Const(-1))),
]
if hasattr(np.linalg.svd(np.eye(2)), "S"):  # (NumPy >= 2 names the results' fields)
    ROWS += [Row(attr_named_fields, ((3, 3),), setup=lambda a: [a[0] + 3.0 * np.eye(3)]),
             Row(attr_named_fields_qr, ((3, 2),))]
