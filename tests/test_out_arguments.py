"""A ufunc (or ``np.clip``) given ``out=`` is the write ``c[...] = f(a, b)``
(``passes/out_arguments.py``; with ``where=``, of ``np.where(c, f(a', b'), out)``,
``passes/masked_ufuncs.py``): each program in every mode against central differences, without a
RuntimeWarning, the caller's arrays unchanged by the derivative; forms it does not rewrite keep
the clear refusal."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from helpers import assert_every_mode, module_from_text

import tangentish
from tangentish.errors import UnsupportedConstructError

TEXT = '''import numpy as np


def f(x):
    BODY
'''

WORKS = {
    "same_array": "y = x * 1.0\n    np.multiply(y, x, out=y)\n    return np.sum(y ** 2)",
    "value_bound": "y = x * 1.0\n    z = np.sin(y, out=y)\n    return np.sum(z * y * x)",
    "other_array": "y = np.zeros(3)\n    np.add(x, x ** 2, out=y)\n    return np.sum(y * x)",
    "tuple_out": "y = x * 1.0\n    np.exp(y, out=(y,))\n    return np.sum(y)",
    "clip": "y = x * 2.0\n    np.clip(y, -0.5, 0.5, out=y)\n    return np.sum(y ** 2 * x)",
    "in_a_loop": ("acc = np.zeros(3)\n    for i in range(3):\n        np.add(acc, x * x[i], "
                  "out=acc)\n    return np.sum(acc ** 2)"),
    "broadcast_into_out": ("y = np.zeros((2, 3))\n    np.multiply(x, 2.0, out=y)\n    "
                           "return np.sum(y * x)"),
    "alias_read": "y = x * 1.0\n    z = y\n    np.square(z, out=z)\n    return np.sum(y * x)",
    "positional_out": "y = x * 1.0\n    np.add(y, x, y)\n    return np.sum(y * x)",
    "positional_clip": "y = x * 2.0\n    np.clip(y, -0.5, 0.5, y)\n    return np.sum(y ** 2 * x)",
    "into_a_slice": ("c = np.ones(5)\n    np.multiply(x, x, out=c[1:4])\n    "
                     "return np.sum(np.sin(c) * c[::-1])"),
    "slice_at_its_position": ("c = np.zeros((2, 4))\n    np.exp(x, c[1, :3])\n    "
                              "return np.sum(c ** 2) + c[1, 0] * x[2]"),
    "overlapping_slice": ("c = np.concatenate([x, x * x])\n    np.multiply(c[:-1], 2.0, "
                          "out=c[1:])\n    return np.sum(c * np.cos(c))"),
    "slice_bound": ("c = np.zeros(4)\n    v = np.sin(x, out=c[..., 1:])\n    "
                    "return np.sum(v * c[1:]) + c[0]"),
    "sum_into": ("r = np.empty(3)\n    np.sum(np.outer(x, x), axis=0, out=r)\n    "
                 "return np.sum(r ** 2)"),
    "sum_into_bound": ("r = np.empty((1, 3))\n    s = np.sum(np.outer(x, x), 0, None, r, True)\n"
                       "    return np.sum(s * r * x)"),
    "mean_max_into_slices": ("r = np.zeros((2, 3))\n    m = np.outer(x, np.sin(x))\n    "
                             "np.mean(m, axis=1, out=r[0, :])\n    np.max(m, 0, r[1, :])\n    "
                             "return np.sum(np.tanh(r) * x)"),
    "matmul_into": ("r = np.zeros((3, 3))\n    np.matmul(np.outer(x, x), np.diag(x), r)\n"
                    "    return np.sum(r * r)"),
    "ints_summed_into_floats": ("r = np.zeros(3)\n    np.sum(np.arange(6).reshape(2, 3), axis=0, "
                                "out=r)\n    return np.sum(r * x)"),
    "where": "y = x * 1.0\n    np.add(y, 1.0, out=y, where=x > 0)\n    return np.sum(y * x)",
    "safe_reciprocal": ("d = np.array([0.0, 2.0, -1.5])\n    r = np.divide(1.0, x * d, "
                        "out=np.full(x.shape, -1.5), where=d != 0)\n    return np.sum(r * x ** 2)"),
    "sqrt_where_into_itself": ("y = x * 1.0\n    np.sqrt(y, out=y, where=y > 0)\n    "
                               "return np.sum(y * x)"),
    "dot_cumsum_into": ("r = np.zeros(3)\n    c = np.zeros(3)\n    np.dot(np.outer(x, x), x, r)\n"
                        "    np.cumsum(r * x, out=c)\n    return np.sum(c ** 2)"),
    # (a new array as out= inside a larger expression: the call is its own statement first,
    # passes/nested_out.py)
    "safe_divide_in_a_sum": ("d = np.array([0.0, 2.0, -1.5])\n    return np.sum(np.divide(x, d, "
                             "out=np.zeros_like(x), where=d != 0) ** 2)"),
    "safe_log_of_a_ratio": ("d = x * x\n    return np.mean(np.log(np.divide(d, x + 2.0, "
                            "out=np.ones_like(x), where=x > -0.5)))"),
    "nested_in_a_loop": ("acc = 0.0\n    for k in range(2):\n        acc += np.sum(np.multiply("
                         "x, k + 1.0, out=np.empty_like(x)) * x)\n    return acc"),
    "two_nested_in_one_return": ("d = np.array([2.0, 0.0, -1.0])\n    return np.sum(np.divide("
                                 "x, d, out=np.zeros(3), where=d != 0) + np.sqrt(x, out=np.zeros("
                                 "3), where=x > 0))"),
    "new_out_as_a_statement": ("r = np.multiply(x, 3.0, out=np.empty_like(x))\n    "
                               "return np.sum(r * x)"),
}

REFUSED = {
    "where_unlisted": "y = x * 1.0\n    np.tan(y, out=y, where=x > 0)\n    return np.sum(y * x)",
    "sum_where": ("r = np.zeros(())\n    np.sum(x, out=r, where=x > 0)\n    "
                  "return r * np.sum(x)"),
    "a_fancy_index": ("c = np.zeros(4)\n    i = np.array([0, 2])\n    np.sin(x[:2], out=c[i])\n"
                      "    return np.sum(c * x[0])"),
    "an_item": "c = np.zeros(4)\n    np.sin(x[0], out=c[1])\n    return np.sum(c * x[0])",
    "in_an_expression": "y = x * 1.0\n    return np.sum(np.add(y, x, out=y) * x)",
    "new_out_under_a_condition": ("d = x - 0.3\n    return np.sum(np.divide(x, d, out=np.zeros(3), "
                                  "where=d != 0) if x[0] > 0 else x)"),
    "new_out_operand_calls": ("return np.sum(np.divide(x, np.abs(x), out=np.zeros(3), "
                              "where=x != 0))"),
}

X = np.array([0.3, -0.7, 1.1])


def _f(tmp_path, name: str, body: str):
    return module_from_text(tmp_path, f"out_{name}", TEXT.replace("BODY", body)).f


@pytest.mark.parametrize("name", sorted(WORKS))
def test_a_ufunc_writing_into_out(tmp_path, name: str) -> None:
    f = _f(tmp_path, name, WORKS[name])
    x = X.copy()
    with warnings.catch_warnings():  # (a ufunc's where= divides, or takes a root, only there)
        warnings.simplefilter("error", RuntimeWarning)
        assert_every_mode(f, x, np.array([1.0, 0.5, -0.25]))
        np.testing.assert_array_equal(x, X)
        np.testing.assert_allclose(tangentish.hessian(f)(X), tangentish.jacobian(
            tangentish.grad(f))(X), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_what_is_not_rewritten_stays_refused(tmp_path, name: str) -> None:
    f = _f(tmp_path, name, REFUSED[name])
    with pytest.raises(UnsupportedConstructError, match="`out=`"):
        tangentish.grad(f)(X)


CALLER = '''import numpy as np


def f(x, buf):
    np.multiply(x, x, out=buf)
    return np.sum(buf * x)
'''


def test_the_callers_array_is_written_by_f_not_by_its_derivative(tmp_path) -> None:
    f = module_from_text(tmp_path, "out_caller", CALLER).f
    buf = np.zeros(3)
    gradient = tangentish.grad(f)(X, buf)
    np.testing.assert_array_equal(buf, 0.0)
    np.testing.assert_allclose(gradient, 3.0 * X ** 2, rtol=1e-12)


CASTS = '''import numpy as np


def into_int(x):
    c = np.zeros(3, dtype=int)
    np.multiply(x, 2.0, out=c)
    return np.sum(c * x)


def into_float32(x):
    c = np.zeros(3, dtype=np.float32)
    np.sin(x, out=c)
    return np.sum(c * x)
'''


def test_out_casts_as_numpy_does(tmp_path) -> None:
    # NumPy casts a ufunc's result into `out` by the rule same_kind: float into an int array
    # raises.  The write alone truncated, and the derivative returned a gradient of a function
    # that fails; a float32 `out` holds float32 values, as the derivative's primal must.
    module = module_from_text(tmp_path, "out_casts", CASTS)
    with pytest.raises(TypeError, match="same_kind"):
        module.into_int(X)
    for mode in (tangentish.grad, tangentish.value_and_grad):
        with pytest.raises(TypeError, match="same_kind"):
            mode(module.into_int)(X)
    value, gradient = tangentish.value_and_grad(module.into_float32)(X)
    assert value == module.into_float32(X)  # (the float32 rounding kept: finite differences
    closed = np.sin(X).astype(np.float32) + X * np.cos(X)  # of it are noise; the closed form)
    np.testing.assert_allclose(gradient, closed, rtol=1e-6, atol=1e-7)


CHECKED = '''import numpy as np


def sum_into(x, r):
    np.sum(np.outer(x, x), axis=0, out=r)
    return np.sum(r * x)
'''


@pytest.mark.parametrize("into, error, words", [
    (np.zeros(3, dtype=np.float32), tangentish.TangentishError,
     ("np.sum writes its float64 result into an array of dtype float32", "out_checked.py",
      "line 5", "np.sum(np.outer(x, x), axis=0, out=r)", "hint:")),
    (np.zeros(2), ValueError, ("out= has shape (2,), its result (3,)",)),
    (np.zeros((1, 3)), ValueError, ("out= has shape (1, 3)",)),
])
def test_a_reductions_out_of_another_shape_or_dtype_is_refused(tmp_path, into, error, words):
    """``runtime.out_written``: NumPy refuses a reduction's ``out`` of another shape (a
    ``ValueError``, where ``r[...] = v`` would broadcast), and versions differ in the dtype a
    sum into float32 is computed in: refused, naming the call, its file and line."""
    f = module_from_text(tmp_path, "out_checked", CHECKED).sum_into
    if error is ValueError:
        with pytest.raises(ValueError):
            f(X, into.copy())
    for mode in (tangentish.grad, tangentish.value_and_grad):
        with pytest.raises(error) as caught:
            mode(f)(X, into.copy())
        assert all(w in str(caught.value) for w in words), str(caught.value)
    with pytest.raises(error):
        tangentish.jvp(f)(X, into.copy(), x_dot=X)


MATMUL = '''import numpy as np


def matmul_into(x, r):
    np.matmul(x[:, None], x[:1, None], out=r)
    return np.sum(r * x[0])
'''


def test_a_matmuls_out_is_not_broadcast_into(tmp_path):
    """NumPy refuses a gufunc's ``out`` whose core axes differ from the result's (``(3, 1)``
    into ``(3, 4)``), where ``r[...] = v`` would broadcast (the derivative returned a gradient
    of a function that raises): checked as a reduction's is.  The gradient of x0^2 sum(x) in
    closed form."""
    f = module_from_text(tmp_path, "out_matmul", MATMUL).matmul_into
    with pytest.raises(ValueError):
        f(X, np.zeros((3, 4)))
    for mode in (tangentish.grad, tangentish.value_and_grad):
        with pytest.raises(ValueError, match="out= has shape"):
            mode(f)(X, np.zeros((3, 4)))
    np.testing.assert_allclose(tangentish.grad(f)(X, np.zeros((3, 1))),
                               [2.0 * X[0] * X.sum() + X[0] ** 2, X[0] ** 2, X[0] ** 2],
                               rtol=1e-12)
