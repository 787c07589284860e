"""The rule table: one row per derivative rule, operator and method/attribute form.

``tests/test_rules.py`` checks every row's ``tangentish.grad`` against central finite differences and
proves that every registered adjoint rule is exercised by at least one row.

A row names a function written the way users write NumPy (straight-line code; non-scalar results are
reduced against fixed seeded weights so each element gets a distinct cotangent), the inputs as
``shapes`` (``float`` = a Python float, a tuple = a float64 array of that shape, ``()`` = a 0-d
array, ``Const(v)`` = a fixed non-differentiated argument), the ``domain`` the inputs are drawn from
(one ``(low, high)`` for every argument, or one per argument), ``wrt``, and optionally a ``setup``
that adjusts the drawn inputs (to plant ties or zeros).  Functions live at module level because
tangentish reads their source.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

import tangentish.runtime as rt


@dataclass(frozen=True)
class Const:
    """A fixed argument passed as is (an index, a shape, an integer...)."""

    value: Any


@dataclass(frozen=True)
class Row:
    fn: Callable[..., Any]
    shapes: tuple[Any, ...]
    wrt: int | tuple[int, ...] = 0
    domain: tuple[Any, ...] = (-2.0, 2.0)
    setup: Callable[[list[Any]], list[Any]] | None = None

    @property
    def id(self) -> str:
        return self.fn.__name__

    def domains(self) -> list[tuple[float, float]]:
        if isinstance(self.domain[0], tuple):
            return list(self.domain)
        return [self.domain] * len(self.shapes)


# Fixed cotangent weights (seeded), named by shape.
_rng = np.random.default_rng(20240601)
W2 = _rng.standard_normal(2)
W3 = _rng.standard_normal(3)
W4 = _rng.standard_normal(4)
W5 = _rng.standard_normal(5)
W6 = _rng.standard_normal(6)
W12 = _rng.standard_normal(12)
W22 = _rng.standard_normal((2, 2))
W23 = _rng.standard_normal((2, 3))
W32 = _rng.standard_normal((3, 2))
W33 = _rng.standard_normal((3, 3))
W34 = _rng.standard_normal((3, 4))
W43 = _rng.standard_normal((4, 3))
W232 = _rng.standard_normal((2, 3, 2))
W234 = _rng.standard_normal((2, 3, 4))
W2532 = _rng.standard_normal((2, 5, 3, 2))
W2352 = _rng.standard_normal((2, 3, 5, 2))

# Fixed indexes and masks.
IDX_REPEATS = np.array([0, 2, 2, 5, 0])
IDX_2D = np.array([[0, 1], [1, 3]])
IDX_ROWS = np.array([2, 0, 2])
IDX_COLS = np.array([1, 3, 1])
MASK34 = np.array([[True, False, True, True], [False, False, True, False],
                   [True, True, False, True]])
MASK3 = np.array([True, False, True])
NAN4 = np.array([np.nan, 0.5, np.nan, -0.5])

POSITIVE = (0.2, 2.0)
UNIT = (-0.9, 0.9)

# -- operators -------------------------------------------------------------------------------------


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


# -- indexing --------------------------------------------------------------------------------------


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


# -- array methods and attributes ------------------------------------------------------------------


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


# -- math module and builtins on Python floats -----------------------------------------------------


def math_sin(x):
    return math.sin(x)


def math_cos(x):
    return math.cos(x)


def math_tan(x):
    return math.tan(x)


def math_asin(x):
    return math.asin(x)


def math_acos(x):
    return math.acos(x)


def math_atan(x):
    return math.atan(x)


def math_atan2(y, x):
    return math.atan2(y, x)


def math_sinh(x):
    return math.sinh(x)


def math_cosh(x):
    return math.cosh(x)


def math_tanh(x):
    return math.tanh(x)


def math_asinh(x):
    return math.asinh(x)


def math_acosh(x):
    return math.acosh(x)


def math_atanh(x):
    return math.atanh(x)


def math_exp(x):
    return math.exp(x)


def math_expm1(x):
    return math.expm1(x)


def math_log(x):
    return math.log(x)


def math_log_base(x, b):
    return math.log(x, b)


def math_log1p(x):
    return math.log1p(x)


def math_log2(x):
    return math.log2(x)


def math_log10(x):
    return math.log10(x)


def math_sqrt(x):
    return math.sqrt(x)


def math_pow(x, y):
    return math.pow(x, y)


def math_hypot(x, y):
    return math.hypot(x, y)


def math_fabs(x):
    return math.fabs(x)


def math_erf(x):
    return math.erf(x)


def math_erfc(x):
    return math.erfc(x)


def math_degrees(x):
    return math.degrees(x)


def math_radians(x):
    return math.radians(x)


def builtin_abs(x):
    return abs(x) * 2.0


def builtin_float(x):
    return float(np.sum(x)) * 3.0


def math_mixed_expression(x, y):
    return math.exp(-x * x) * math.sin(y) + x / (1.0 + y * y)


# -- NumPy unary elementwise functions --------------------------------------------------------------


def np_negative(x):
    return np.sum(np.negative(x) * W4)


def np_sin(x):
    return np.sum(np.sin(x) * W34)


def np_cos(x):
    return np.cos(x) * 2.0


def np_tan(x):
    return np.sum(np.tan(x) * W4)


def np_arcsin(x):
    return np.sum(np.arcsin(x) * W4)


def np_arccos(x):
    return np.sum(np.arccos(x) * W23)


def np_arctan(x):
    return np.sum(np.arctan(x) * W4)


def np_sinh(x):
    return np.sum(np.sinh(x) * W4)


def np_cosh(x):
    return np.sum(np.cosh(x) * W34)


def np_tanh(x):
    return np.sum(np.tanh(x))


def np_arcsinh(x):
    return np.sum(np.arcsinh(x) * W4)


def np_arccosh(x):
    return np.sum(np.arccosh(x) * W4)


def np_arctanh(x):
    return np.sum(np.arctanh(x) * W4)


def np_exp(x):
    return np.sum(np.exp(x) * W34)


def np_exp_float(x):
    return np.exp(x)


def np_exp2(x):
    return np.sum(np.exp2(x) * W4)


def np_expm1(x):
    return np.sum(np.expm1(x) * W4)


def np_log(x):
    return np.sum(np.log(x) * W34)


def np_log2(x):
    return np.sum(np.log2(x) * W4)


def np_log10(x):
    return np.sum(np.log10(x) * W4)


def np_log1p(x):
    return np.sum(np.log1p(x) * W4)


def np_sqrt(x):
    return np.sum(np.sqrt(x) * W4)


def np_cbrt(x):
    return np.sum(np.cbrt(x) * W4)


def np_square(x):
    return np.sum(np.square(x) * W4)


def np_reciprocal(x):
    return np.sum(np.reciprocal(x) * W4)


def np_abs(x):
    return np.sum(np.abs(x) * W34)


def np_fabs(x):
    return np.sum(np.fabs(x) * W4)


def np_sinc(x):
    return np.sum(np.sinc(x) * W4)


def np_sinc_at_zero(x):
    return np.sinc(x * 0.0) + np.sinc(x)


# -- NumPy binary elementwise functions, where, clip ------------------------------------------------


def np_add(x, y):
    return np.sum(np.add(x, y) * W34)


def np_subtract(x, y):
    return np.sum(np.subtract(x, y) * W34)


def np_multiply(x, y):
    return np.sum(np.multiply(x, y) * W34)


def np_divide(x, y):
    return np.sum(np.divide(x, y) * W234)


def np_power(x, y):
    return np.sum(np.power(x, y) * W34)


def np_maximum(x, y):
    return np.sum(np.maximum(x, y) * W34)


def np_maximum_const(x):
    return np.sum(np.maximum(x, 0.0) * W34)


def np_maximum_tie(x):
    return np.sum(np.maximum(x, x) * W4)


def np_minimum(x, y):
    return np.sum(np.minimum(x, y) * W34)


def np_minimum_tie(x):
    return np.sum(np.minimum(x, x) * W4)


def np_arctan2(x, y):
    return np.sum(np.arctan2(x, y) * W34)


def np_hypot(x, y):
    return np.sum(np.hypot(x, y) * W34)


def np_logaddexp(x, y):
    return np.sum(np.logaddexp(x, y) * W34)


def np_logaddexp2(x, y):
    return np.sum(np.logaddexp2(x, y) * W34)


def np_fmax(x, y):
    return np.sum(np.fmax(x, y) * W34)


def np_fmax_nan(x):
    return np.sum(np.fmax(x, NAN4) * W4)


def np_fmin(x, y):
    return np.sum(np.fmin(x, y) * W34)


def np_fmin_nan(x):
    return np.sum(np.fmin(NAN4, x) * W4)


def np_where(x, y):
    return np.sum(np.where(x > 0.0, x * 2.0, y) * W34)


def np_where_scalar_branch(x):
    return np.sum(np.where(x > 0.5, x, 0.0) * W34)


def np_where_mask_broadcast(x, y):
    return np.sum(np.where(MASK3[:, None], x, y) * W34)


def np_clip(x):
    return np.sum(np.clip(x, 0.0, 1.0) * W34)


def np_clip_bounds(x, lo, hi):
    return np.sum(np.clip(x, lo, hi) * W34)


def np_clip_upper_only(x):
    return np.sum(np.clip(x, None, 0.5) * W4)


def np_clip_numpy2_keywords(x, lo):
    return np.sum(np.clip(x, min=lo, max=1.0) * W34)


# -- reductions --------------------------------------------------------------------------------------


def red_sum(x):
    return np.sum(x * x)


def red_sum_axis(x):
    return np.sum(np.sum(x, axis=1) * W3)


def red_sum_axis_tuple(x):
    return np.sum(np.sum(x, axis=(0, 2)) * W3)


def red_sum_negative_axis(x):
    return np.sum(np.sum(x, axis=-1) * W23)


def red_sum_keepdims(x):
    return np.sum(np.sum(x, axis=0, keepdims=True) * W34)


def red_sum_float(x):
    return np.sum(x) * 2.0


def red_mean(x):
    return np.mean(np.sin(x))


def red_mean_axis_tuple(x):
    return np.sum(np.mean(x, axis=(0, -1)) * W3)


def red_mean_keepdims(x):
    return np.sum(np.mean(x, axis=1, keepdims=True) * W34)


def red_max(x):
    return np.max(x)


def red_max_axis(x):
    return np.sum(np.max(x, axis=0) * W4)


def red_max_keepdims(x):
    return np.sum(np.max(x, axis=(0, 2), keepdims=True) * W234)


def red_max_tie(x):
    return np.max(x) * 3.0


def red_max_tie_axis(x):
    return np.sum(np.max(x, axis=-1) * W3)


def red_max_repeated_index(x):
    return np.max(x[IDX_REPEATS])


def red_min(x):
    return np.min(x)


def red_min_axis_negative(x):
    return np.sum(np.min(x, axis=-2) * W4)


def red_min_tie(x):
    return np.min(x) * 3.0


def red_amax(x):
    return np.sum(np.amax(x, axis=1) * W3)


def red_amin(x):
    return np.sum(np.amin(x, axis=0) * W4)


def red_var(x):
    return np.var(x)


def red_var_ddof_axis(x):
    return np.sum(np.var(x, axis=0, ddof=1) * W4)


def red_var_keepdims(x):
    return np.sum(np.var(x, axis=(1, 2), keepdims=True) * W234)


def red_std(x):
    return np.std(x)


def red_std_axis_tuple_keepdims(x):
    return np.sum(np.std(x, axis=(0, 2), keepdims=True) * W234)


def red_std_ddof(x):
    return np.sum(np.std(x, axis=1, ddof=1) * W3)


def red_cumsum(x):
    return np.sum(np.cumsum(x) * W12)


def red_cumsum_axis(x):
    return np.sum(np.cumsum(x, axis=0) * W34)


def red_cumsum_negative_axis(x):
    return np.sum(np.cumsum(x, axis=-1) * W234)


def red_prod(x):
    return np.prod(x)


def red_prod_axis(x):
    return np.sum(np.prod(x, axis=1) * W3)


def red_prod_with_zero(x):
    return np.prod(x) + np.sum(np.prod(x, axis=0) * W4)


def red_prod_keepdims(x):
    return np.sum(np.prod(x, axis=(0, 2), keepdims=True) * W234)


# -- linear algebra ----------------------------------------------------------------------------------


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


# -- shape functions ---------------------------------------------------------------------------------


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


# -- the runtime helpers generated code calls (their rules make derivative code differentiable)
_rt_rng = np.random.default_rng(77)
X34 = _rt_rng.standard_normal((3, 4))
X42 = _rt_rng.standard_normal((4, 2))
W42 = _rt_rng.standard_normal((4, 2))
LIKE6 = np.zeros(6)
A34 = _rt_rng.standard_normal((3, 4))
R3 = A34.max(axis=1)


def rt_seed(g):
    return np.sum(rt.seed(X34, g, "f") * W34)


def rt_own(x):
    return np.sum(rt.own(x) * W4)


def rt_unbroadcast(g):
    return np.sum(rt.unbroadcast(g, W4) * W4)


def rt_unreduce(g):
    return np.sum(rt.unreduce(g, X34, axis=1) * W34)


def rt_safe_log(x):
    return np.sum(rt.safe_log(x) * W4)


def rt_matmul_left(g, x2):
    return np.sum(rt.matmul_left(g, X34, x2) * W34)


def rt_matmul_right(g, x1):
    return np.sum(rt.matmul_right(g, x1, X42) * W42)


def rt_dot_left(g, b):
    return np.sum(rt.dot_left(g, X34, b) * W34)


def rt_dot_right(g, a):
    return np.sum(rt.dot_right(g, a, X42) * W42)


def rt_unindex(g):
    return np.sum(rt.unindex(g, LIKE6, IDX_REPEATS) * W6)


def rt_add_at(acc, g):
    return np.sum(rt.add_at(acc * 1.0, g, LIKE6, IDX_REPEATS) * W6)


def rt_zero_index(g):
    return np.sum(rt.zero_index(g * 1.0, 1) * W34)


def rt_unreduce_select(g):
    return np.sum(rt.unreduce_select(g, A34, R3, axis=1) * W34)


def rt_uncumsum(g):
    return np.sum(rt.uncumsum(g, A34, axis=1) * W34)


def meth_prod(x):
    return x.prod(axis=0) @ W4


def ct_setitem(x, v):
    y = x.copy()
    y[1] = v * 2.0
    y[2:, 1:] = np.sin(y[:1, :3])
    return np.sum(y * W34)


def ct_append_extend(x, y):
    items = [x]
    items.append(y * 2.0)
    items.extend([x * y, np.sin(y)])
    return np.sum(np.array(items) * W4)


def ct_stack(x, y):
    return np.sum(np.stack([x, y * y], axis=1) * W2.reshape(1, 2))


def ct_concatenate(x, y):
    return np.sum(np.concatenate([x, y ** 2, x * y]) ** 2)


def ct_concatenate_axis(x, y):
    return np.sum(np.concatenate((x, y), axis=1) * W34[:3, :4])


def ct_vstack_hstack(x, y):
    return np.sum(np.vstack([x, y]) ** 2) + np.sum(np.hstack([x, y * 3.0]) ** 3)


def ct_builtin_sum(x, y):
    return np.sum(sum([x, y * y, np.sin(x)]) * W4) + sum([x[0], y[1]], 2.0)


# -- composites --------------------------------------------------------------------------------------


def mix_logistic_loss(w, x):
    z = x @ w
    p = 1.0 / (1.0 + np.exp(-z))
    return -np.mean(MASK3 * np.log(p) + (1.0 - MASK3) * np.log(1.0 - p))


def mix_softmax_cross_entropy(logits):
    shifted = logits - np.max(logits, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    return -np.sum(log_probs[[0, 1, 2], IDX_COLS]) / logits.shape[0]


def mix_dense_layer(w, b, x):
    hidden = np.tanh(x @ w + b)
    return np.sum(hidden ** 2) + 0.1 * np.sum(w * w)


def mix_reused_variable(x):
    y = np.sin(x)
    y = y * x + y
    return np.sum(y * W4) + np.sum(x)


def mix_python_and_numpy(x, s):
    return np.sum(np.exp(s * x) * W4) * math.cos(s)


# -- setups: plant ties and zeros ----------------------------------------------------------------


def _tie_global_max(args):
    x = args[0].copy()
    x.flat[3] = x.flat[7] = x.max() + 0.25
    return [x]


def _tie_row_max(args):
    x = args[0].copy()
    x[:, 2] = x[:, 0] = x.max(axis=1) + 0.25
    return [x]


def _tie_global_min(args):
    x = args[0].copy()
    x.flat[1] = x.flat[10] = x.min() - 0.25
    return [x]


def _tie_repeated_max(args):
    x = args[0].copy()
    x[2] = x.max() + 0.25
    return [x]


def _plant_zero(args):
    x = args[0].copy()
    x[1, 2] = 0.0
    return [x]


TABLE: list[Row] = [
    # operators
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
    # indexing
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
    # methods and attributes
    Row(m_sum_axis0, ((3, 4),)),
    Row(m_mean, ((3, 4),)),
    Row(m_max, ((3, 4),)),
    Row(m_min_axis, ((3, 4),)),
    Row(m_dot, ((3, 4), (4,)), wrt=(0, 1)),
    Row(m_T, ((3, 4),)),
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
    Row(m_clip, ((3, 4),), domain=(-1.0, 2.0)),
    Row(m_clip_keyword, ((4,),)),
    Row(m_var, ((3, 4),)),
    Row(m_std_axis, ((3, 4),)),
    Row(m_cumsum, ((3, 4),)),
    Row(m_trace, ((3, 4),)),
    Row(m_shape_as_value, ((3, 4),)),
    Row(m_size_ndim_as_values, ((3, 4),)),
    Row(m_chain, ((3, 4),)),
    # math module and builtins on Python floats
    Row(math_sin, (float,)),
    Row(math_cos, (float,)),
    Row(math_tan, (float,), domain=(-1.2, 1.2)),
    Row(math_asin, (float,), domain=UNIT),
    Row(math_acos, (float,), domain=UNIT),
    Row(math_atan, (float,)),
    Row(math_atan2, (float, float), wrt=(0, 1), domain=((-2.0, 2.0), POSITIVE)),
    Row(math_sinh, (float,)),
    Row(math_cosh, (float,)),
    Row(math_tanh, (float,)),
    Row(math_asinh, (float,)),
    Row(math_acosh, (float,), domain=(1.1, 3.0)),
    Row(math_atanh, (float,), domain=UNIT),
    Row(math_exp, (float,)),
    Row(math_expm1, (float,)),
    Row(math_log, (float,), domain=POSITIVE),
    Row(math_log_base, (float, float), wrt=(0, 1), domain=(POSITIVE, (1.5, 4.0))),
    Row(math_log1p, (float,), domain=(-0.8, 2.0)),
    Row(math_log2, (float,), domain=POSITIVE),
    Row(math_log10, (float,), domain=POSITIVE),
    Row(math_sqrt, (float,), domain=POSITIVE),
    Row(math_pow, (float, float), wrt=(0, 1), domain=(POSITIVE, (-2.0, 2.0))),
    Row(math_hypot, (float, float), wrt=(0, 1)),
    Row(math_fabs, (float,)),
    Row(math_erf, (float,)),
    Row(math_erfc, (float,)),
    Row(math_degrees, (float,)),
    Row(math_radians, (float,)),
    Row(builtin_abs, (float,)),
    Row(builtin_float, ((3,),)),
    Row(math_mixed_expression, (float, float), wrt=(0, 1)),
    # NumPy unary
    Row(np_negative, ((4,),)),
    Row(np_sin, ((3, 4),)),
    Row(np_cos, ((),)),
    Row(np_tan, ((4,),), domain=(-1.2, 1.2)),
    Row(np_arcsin, ((4,),), domain=UNIT),
    Row(np_arccos, ((2, 3),), domain=UNIT),
    Row(np_arctan, ((4,),)),
    Row(np_sinh, ((4,),)),
    Row(np_cosh, ((3, 4),)),
    Row(np_tanh, ((2, 3, 4),)),
    Row(np_arcsinh, ((4,),)),
    Row(np_arccosh, ((4,),), domain=(1.1, 3.0)),
    Row(np_arctanh, ((4,),), domain=UNIT),
    Row(np_exp, ((3, 4),)),
    Row(np_exp_float, (float,)),
    Row(np_exp2, ((4,),)),
    Row(np_expm1, ((4,),)),
    Row(np_log, ((3, 4),), domain=POSITIVE),
    Row(np_log2, ((4,),), domain=POSITIVE),
    Row(np_log10, ((4,),), domain=POSITIVE),
    Row(np_log1p, ((4,),), domain=(-0.8, 2.0)),
    Row(np_sqrt, ((4,),), domain=POSITIVE),
    Row(np_cbrt, ((4,),), domain=(-2.0, -0.2)),
    Row(np_square, ((4,),)),
    Row(np_reciprocal, ((4,),), domain=POSITIVE),
    Row(np_abs, ((3, 4),)),
    Row(np_fabs, ((4,),)),
    Row(np_sinc, ((4,),)),
    Row(np_sinc_at_zero, ((),)),
    # NumPy binary, where, clip
    Row(np_add, ((3, 1), (1, 4)), wrt=(0, 1)),
    Row(np_subtract, ((4,), (3, 4)), wrt=(0, 1)),
    Row(np_multiply, ((3, 4), float), wrt=(0, 1)),
    Row(np_divide, ((2, 3, 4), (3, 1)), wrt=(0, 1), domain=((-2.0, 2.0), POSITIVE)),
    Row(np_power, ((3, 4), (3, 1)), wrt=(0, 1), domain=(POSITIVE, (-2.0, 2.0))),
    Row(np_maximum, ((3, 1), (1, 4)), wrt=(0, 1)),
    Row(np_maximum_const, ((3, 4),)),
    Row(np_maximum_tie, ((4,),)),
    Row(np_minimum, ((4,), (3, 4)), wrt=(0, 1)),
    Row(np_minimum_tie, ((4,),)),
    Row(np_arctan2, ((3, 4), (4,)), wrt=(0, 1)),
    Row(np_hypot, ((3, 1), (4,)), wrt=(0, 1)),
    Row(np_logaddexp, ((3, 4), (3, 1)), wrt=(0, 1)),
    Row(np_logaddexp2, ((4,), (3, 4)), wrt=(0, 1)),
    Row(np_fmax, ((3, 1), (1, 4)), wrt=(0, 1)),
    Row(np_fmax_nan, ((4,),)),
    Row(np_fmin, ((4,), (3, 4)), wrt=(0, 1)),
    Row(np_fmin_nan, ((4,),)),
    Row(np_where, ((3, 4), (4,)), wrt=(0, 1)),
    Row(np_where_scalar_branch, ((3, 4),)),
    Row(np_where_mask_broadcast, ((4,), (3, 1)), wrt=(0, 1)),
    Row(np_clip, ((3, 4),), domain=(-1.0, 2.0)),
    Row(np_clip_bounds, ((3, 4), (4,), (3, 1)), wrt=(0, 1, 2),
        domain=((-2.0, 2.0), (-1.0, 0.0), (0.3, 1.5))),
    Row(np_clip_upper_only, ((4,),)),
    Row(np_clip_numpy2_keywords, ((3, 4), (4,)), wrt=(0, 1), domain=((-2.0, 2.0), (-1.0, 0.5))),
    # reductions
    Row(red_sum, ((3, 4),)),
    Row(red_sum_axis, ((3, 4),)),
    Row(red_sum_axis_tuple, ((2, 3, 4),)),
    Row(red_sum_negative_axis, ((2, 3, 4),)),
    Row(red_sum_keepdims, ((3, 4),)),
    Row(red_sum_float, (float,)),
    Row(red_mean, ((3, 4),)),
    Row(red_mean_axis_tuple, ((2, 3, 4),)),
    Row(red_mean_keepdims, ((3, 4),)),
    Row(red_max, ((3, 4),)),
    Row(red_max_axis, ((3, 4),)),
    Row(red_max_keepdims, ((2, 3, 4),)),
    Row(red_max_tie, ((3, 4),), setup=_tie_global_max),
    Row(red_max_tie_axis, ((3, 4),), setup=_tie_row_max),
    Row(red_max_repeated_index, ((6,),), setup=_tie_repeated_max),
    Row(red_min, ((3, 4),)),
    Row(red_min_axis_negative, ((3, 4),)),
    Row(red_min_tie, ((3, 4),), setup=_tie_global_min),
    Row(red_amax, ((3, 4),)),
    Row(red_amin, ((3, 4),)),
    Row(red_var, ((3, 4),)),
    Row(red_var_ddof_axis, ((3, 4),)),
    Row(red_var_keepdims, ((2, 3, 4),)),
    Row(red_std, ((3, 4),)),
    Row(red_std_axis_tuple_keepdims, ((2, 3, 4),)),
    Row(red_std_ddof, ((3, 4),)),
    Row(red_cumsum, ((3, 4),)),
    Row(red_cumsum_axis, ((3, 4),)),
    Row(red_cumsum_negative_axis, ((2, 3, 4),)),
    Row(red_prod, ((3, 4),)),
    Row(red_prod_axis, ((3, 4),)),
    Row(red_prod_with_zero, ((3, 4),), setup=_plant_zero),
    Row(red_prod_keepdims, ((2, 3, 4),)),
    # linear algebra
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
    Row(la_norm_matrix_l1, ((3, 4),)),
    Row(la_norm_matrix_inf, ((3, 4),)),
    Row(la_norm_batched_matrices, ((2, 3, 4),)),
    # shape functions
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
    Row(meth_prod, ((3, 4),)),
    Row(rt_seed, ((3, 4),)),
    Row(rt_own, ((4,),)),
    Row(rt_unbroadcast, ((3, 4),)),
    Row(rt_unreduce, ((3,),)),
    Row(rt_safe_log, ((4,),), domain=(-1.0, 2.0)),
    Row(rt_matmul_left, ((3, 2), (4, 2)), wrt=(0, 1)),
    Row(rt_matmul_right, ((3, 2), (3, 4)), wrt=(0, 1)),
    Row(rt_dot_left, ((3, 2), (4, 2)), wrt=(0, 1)),
    Row(rt_dot_right, ((3, 2), (3, 4)), wrt=(0, 1)),
    Row(rt_unindex, ((5,),)),
    Row(rt_add_at, ((6,), (5,)), wrt=(0, 1)),
    Row(rt_zero_index, ((3, 4),)),
    Row(rt_unreduce_select, ((3,),)),
    Row(rt_uncumsum, ((3, 4),)),
    Row(ct_setitem, ((3, 4), float), wrt=(0, 1)),
    Row(ct_append_extend, ((4,), (4,)), wrt=(0, 1)),
    Row(ct_stack, ((3,), (3,)), wrt=(0, 1)),
    Row(ct_concatenate, ((3,), (3,)), wrt=(0, 1)),
    Row(ct_concatenate_axis, ((3, 2), (3, 2)), wrt=(0, 1)),
    Row(ct_vstack_hstack, ((4,), (4,)), wrt=(0, 1)),
    Row(ct_builtin_sum, ((4,), (4,)), wrt=(0, 1)),
    # composites
    Row(mix_logistic_loss, ((4,), (3, 4)), wrt=(0, 1)),
    Row(mix_softmax_cross_entropy, ((3, 4),)),
    Row(mix_dense_layer, ((4, 3), (3,), (5, 4)), wrt=(0, 1, 2)),
    Row(mix_reused_variable, ((4,),)),
    Row(mix_python_and_numpy, ((4,), float), wrt=(0, 1)),
]
