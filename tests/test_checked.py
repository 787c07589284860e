"""Checked mode (``TANGENTISH_CHECKED=1``): the generated code asserts, after every derivative
statement, that the derivative has its value's shape and dtype, and names the line that broke."""

from __future__ import annotations

import math

import numpy as np
import pytest

import tangentish
from tangentish.errors import InternalError
from tangentish.extend import d, linear


def _wide(a):
    return 2.0 * a


# A deliberately wrong rule: the adjoint of a linear map must keep its operand's shape.
linear(_wide, lambda r, a: np.sum(d[r]) * np.ones(3))


def _uses_wide(x):
    y = np.sin(x)
    z = _wide(y)
    return np.sum(z * z)


def _plain(x, w):
    h = np.tanh(x @ w)
    return np.sum(h ** 2) + 0.5 * np.sum(w * w)


def _difference(f, args, index, eps=1e-6):
    args = [np.array(a, dtype=float) for a in args]
    grad = np.zeros_like(args[index])
    for i in np.ndindex(grad.shape):
        up = [a.copy() for a in args]
        down = [a.copy() for a in args]
        up[index][i] += eps
        down[index][i] -= eps
        grad[i] = (f(*up) - f(*down)) / (2 * eps)
    return grad


def _set_checked(monkeypatch, value):
    """Change TANGENTISH_CHECKED in this process: read again only when asked."""
    if value is None:
        monkeypatch.delenv("TANGENTISH_CHECKED", raising=False)
    else:
        monkeypatch.setenv("TANGENTISH_CHECKED", value)
    tangentish.refresh_environment()


@pytest.fixture
def checked(monkeypatch):
    _set_checked(monkeypatch, "1")
    yield
    monkeypatch.undo()
    tangentish.refresh_environment()


def test_checked_code_has_checks_and_the_same_gradient(checked):
    rng = np.random.default_rng(0)
    x, w = rng.normal(size=(4, 3)), rng.normal(size=(3, 2))
    derivative = tangentish.grad(_plain, wrt=1)
    source = derivative.source
    assert "check_like(w_bar, w, 'w_bar', 'line " in source
    expected = _difference(_plain, [x, w], 1)
    np.testing.assert_allclose(derivative(x, w), expected, rtol=1e-6, atol=1e-8)


def test_a_wrong_shape_names_the_statement(checked):
    x = np.linspace(0.1, 0.5, 5)
    with pytest.raises(InternalError) as caught:
        tangentish.grad(_uses_wide)(x)
    message = str(caught.value)
    assert "checked mode:" in message and "shape (3,)" in message and "(5,)" in message
    assert "generated line" in message and "from line" in message


def test_unchecked_code_has_no_checks(monkeypatch):
    _set_checked(monkeypatch, None)
    assert "check_like" not in tangentish.grad(_plain, wrt=1).source
    monkeypatch.undo()
    tangentish.refresh_environment()


def test_checked_and_unchecked_are_cached_apart(monkeypatch):
    _set_checked(monkeypatch, "1")
    on = tangentish.grad(_plain, wrt=0).source
    _set_checked(monkeypatch, "0")
    off = tangentish.grad(_plain, wrt=0).source
    assert "check_like" in on and "check_like" not in off
    monkeypatch.undo()
    tangentish.refresh_environment()


def test_the_environment_is_read_when_asked_not_on_each_call(monkeypatch):
    _set_checked(monkeypatch, None)
    monkeypatch.setenv("TANGENTISH_CHECKED", "1")  # not read yet: a cached grad() reads nothing
    assert "check_like" not in tangentish.grad(_plain, wrt=1).source
    tangentish.refresh_environment()
    assert "check_like" in tangentish.grad(_plain, wrt=1).source
    monkeypatch.undo()
    tangentish.refresh_environment()


def test_a_float32_adjoint_of_a_float64_value_is_caught():
    """``check_like`` compared ``None in kinds``, which holds for a float64 dtype
    (``np.dtype('float64') == None`` is True in NumPy): the precision check never ran where
    either side was float64 (fuzzhunt30, stop 59).  A derivative less precise than its value is
    caught, a tangent too (forward mode keeps the promotion of a term that vanished: fwd33), and
    so is a real tangent less precise than a complex value's parts."""
    from tangentish.runtime import check_like

    for name in ("x_bar", "x_dot"):
        with pytest.raises(InternalError, match="dtype float32, but its value has .* float64"):
            check_like(np.ones(3, np.float32), np.ones(3), name, "line 1")
        check_like(np.ones(3), np.ones(3, np.float32), name, "line 1")  # (more precise: fine)
    with pytest.raises(InternalError, match="dtype float32, but its value has .* complex128"):
        check_like(np.ones(3, np.float32), np.ones(3, np.complex128), "z_dot", "line 1")
    check_like(np.ones(3), np.ones(3, np.complex128), "z_dot", "line 1")  # (exactly complex)
    with pytest.raises(InternalError, match="dtype float64, but its value has .* complex128"):
        check_like(np.ones(3), np.ones(3, np.complex128), "z_bar", "line 1")


def _pair(a):
    r = 4
    v = r
    v -= 1.0
    return (1.0, a)


def _through_a_pair(p):
    _, z = _pair(a=(p * p) ** 0.5)
    return p[1] * z[1]


def test_a_helpers_reach_unknown_in_forward_mode_is_everywhere(checked):
    """``jvp(grad(f))`` masks a helper's tangent by ``_rt.reached(...)[1]``; where the helper's
    derivative raised on the NaN probe (here checked mode's own comparison of a tuple seed),
    ``reached`` said True ("everywhere"), which ``[1]`` could not index: a raw ``TypeError``
    (fuzz seed 8857 program 2).  ``_rt.reached_tangent`` keeps True."""
    p = np.array([1.1892381418068805, -0.6953106379411683])
    direction = np.array([0.5, -1.0])
    _, tangent = tangentish.jvp(tangentish.grad(_through_a_pair))(p, p_dot=direction)
    h = 1e-6
    expected = (tangentish.grad(_through_a_pair)(p + h * direction)
                - tangentish.grad(_through_a_pair)(p - h * direction)) / (2 * h)
    np.testing.assert_allclose(tangent, expected, rtol=1e-6, atol=1e-8)


def _narrowing_stores(v):
    z = v * 1.0
    z[1:] = v[1:] * np.sum(np.ones(2))  # (a float64 value written into v's float32)
    w = z[:2]
    w *= np.tanh(np.float64(0.7) * np.sum(v))  # (in place: the product is float64 too)
    return np.sum(z * z)


def test_a_value_a_store_narrows_may_have_the_narrower_adjoint(checked):
    """``a32[i] = t64`` rounds ``t`` to float32, and its adjoint, read from ``a``'s, is float32:
    checked mode raised ``InternalError`` there (grammar seed 8927 program 9, float32 mode).
    Such a value is checked as stored; the gradient matches differences."""
    v = np.array([0.3, -0.6, 0.8], dtype=np.float32)
    derivative = tangentish.grad(_narrowing_stores)
    assert ", True)" in derivative.source
    gradient = derivative(v)
    assert gradient.dtype == np.float32
    np.testing.assert_allclose(gradient, _difference(_narrowing_stores, [v], 0), rtol=1e-4)


def _stored_products(v):  # (float64 values multiplied into v's float32 copy, in place)
    buf = np.zeros(4)
    np.copyto(buf, v)
    z = np.copy(v)
    z[1:2] *= buf[1:2]  # (grammar seed 8877 program 3)
    z[[0, 2]] += v[[1, 3]] * buf[:2]
    return z[3] + np.sum(z * z)


def test_a_stored_values_operands_keep_their_precision(checked):
    """The operands of a value a store narrows (``z32[1:2] *= buf64[1:2]``: a float64 product
    written into float32) have adjoints at least as precise as their values: the stored value's
    float32 adjoint, times ``z``'s float32 slice, made ``buf``'s float32, and checked mode raised
    ``InternalError`` (``buf_slice_bar ... float32``) in grad, hvp and the fuzzer's float32 mode
    (``_rt.unbroadcast`` widens an adjoint to its float64 value now).  Against differences."""
    v = np.array([0.18, 0.37, -0.42, 1.06], dtype=np.float32)
    gradient = tangentish.grad(_stored_products)(v)
    assert gradient.dtype == np.float32
    np.testing.assert_allclose(gradient, _difference(_stored_products, [v], 0), rtol=1e-4)
    assert tangentish.hvp(_stored_products)(v, np.ones(4, np.float32)).dtype == np.float32
    gradient = tangentish.grad(_stored_scalar)(v)  # (a float64 NumPy scalar stored: 10203/8)
    assert gradient.dtype == np.float32
    np.testing.assert_allclose(gradient, _difference(_stored_scalar, [v], 0), rtol=1e-4)


def _stored_scalar(v):
    z = np.sum(np.ones((2, 4), np.float32) * v, axis=0)
    t = np.std(v) * np.sinc(0.3)  # (np.float64: np.sinc of a Python float is one)
    z[3] = t * 2.0
    return np.max(z) + np.mean(z)


# Python numbers made from float64 values beside float32 ones: (f, x, w), x float32, w float64
WEAK_ROWS = {
    "float_of_a_cast": (lambda x, w: float(np.asarray(2.0 * x, dtype=np.float64)) + x * w,
                        0.7, 0.4),  # (grammar seed 9871 program 8, float32 mode)
    "math_of_a_0d_array": (lambda x, w: math.sin(np.asarray(w * 2.0)) * x, 0.7, 0.4),
    "math_of_a_scalar": (lambda x, w: math.exp(w) * x, 0.7, np.float64(0.4)),
    "math_of_two": (lambda x, w: math.atan2(w, 1.5) * x + math.hypot(w, x), 0.7,
                    np.float64(0.4)),
    "math_of_an_item": (lambda x, w: math.cos(w[1]) * x, 0.7, np.array([0.4, -0.3])),
    "float_of_a_product": (lambda x, w: float(w[0] * w[1]) * x, 0.7, np.array([0.4, -0.3])),
}


@pytest.mark.parametrize("name", sorted(WEAK_ROWS))
def test_a_python_number_made_of_a_float64_keeps_its_adjoints_precision(checked, name):
    """``float(a)`` and ``math``'s functions give Python numbers, weak beside float32 in NumPy 2:
    the adjoint of ``a`` came from a float32 adjoint, less precise than its float64 value, and
    checked mode raised ``InternalError`` (``_t1_bar ... float32 ... float64``).  Widened now
    (passes/weak_results.py); each gradient has its argument's dtype and matches differences,
    and the tangent is at least as precise as the value (both checked by the generated code)."""
    f, x, w = WEAK_ROWS[name]
    x = np.float32(x)
    gx, gw = tangentish.grad(f, wrt=(0, 1))(x, w)
    assert (np.asarray(gx).dtype, np.asarray(gw).dtype) == (np.float32, np.float64), name
    for index, got in enumerate((gx, gw)):
        expected = _difference(f, [x, w], index)
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6, err_msg=name)
    tangentish.jvp(f, wrt=(0, 1))(x, w, x_dot=np.float32(0.5), w_dot=np.ones_like(w) * 0.25)


def _spread(a, d):  # (float64: np.mean of a Python float, beside float32 d)
    return np.max(np.arctan(d)) + np.mean(1.0) + a * np.sum(d * d)


class _Tally:
    def __init__(self, a, b):
        self.s = a * b + 0.5


def _mean_and_turned(a):  # (a helper's tuple: a float32 mean and a float32 array; the object
    if a.size:  # the branch writes keeps it a derivative function of its own)
        g = a
    else:
        tally = _Tally(a, a)
        tally.s = tally.s * 0.5
        g = np.mean(a) * a
    return np.mean(g), np.concatenate([a[2:], a[:2]])


def _through_mean_and_turned(v):  # (a float64 result: the helper's float32 mean gets a float64
    e, y = _mean_and_turned(-v)  # seed, whose tangent is the array adjoint's float32 zero)
    s = np.take(np.sqrt(np.concatenate((y * y, [1.0, 0.0]))), np.arange(3))
    return np.asarray((e - np.minimum(np.where(s > 0.25, s, 0.25).min(), 1.0)) * 1.5, dtype=float)


# A derivative's seed of a tuple output in another dtype than the value's (items form, stacked or a
# tuple): f and the transforms
TUPLE_SEED_ROWS = {
    "nested_value_and_grad": (lambda v: np.sum(tangentish.value_and_grad(_spread, wrt=1)(
        0.5, v)[1] ** 2), ("grad", "hvp")),  # (grammar seed 10778 program 0)
    "nested_grad_pair": (lambda v: np.sum(np.stack(tangentish.grad(_spread, wrt=(0, 1))(
        np.float32(0.5), v)[1:]) * v), ("grad",)),
    "helper_tuple": (_through_mean_and_turned, ("grad", "hvp")),  # (grammar seed 10797 program 2)
}


@pytest.mark.parametrize("name", sorted(TUPLE_SEED_ROWS))
def test_a_tuple_outputs_seeds_take_each_values_dtype(checked, name):
    """A derivative differentiated again computes its gradient uncast (a float64 gradient of a
    float32 argument where the function's value is float64; the API casts what the caller sees
    to float32), so the caller's float32 seed for it was less precise than its value; a helper's
    float32 items met float64 seeds while their tangents were float32: checked mode raised
    ``InternalError`` (``d_bar_bar ... float32``, ``mean_g9_1_bar_dot ... float32``).  Each seed
    of a tuple takes its value's floating dtype now (``_rt.per_value_dtype``).  Against
    differences of the float64 function; hvp against differences of its gradient."""
    f, modes = TUPLE_SEED_ROWS[name]
    v = np.array([0.4, -0.7, 1.1], dtype=np.float32)
    if "grad" in modes:
        got = tangentish.grad(f)(v)
        assert got.dtype == np.float32, name
        np.testing.assert_allclose(got, _difference(f, [v], 0), rtol=2e-3, atol=2e-3,
                                   err_msg=name)
    if "hvp" in modes:
        u, h = np.array([0.3, 0.5, -0.2]), 1e-4
        wide = v.astype(float)
        second = (tangentish.grad(f)(wide + h * u) - tangentish.grad(f)(wide - h * u)) / (2 * h)
        got = tangentish.hvp(f)(v, u.astype(np.float32))
        assert got.dtype == np.float32, name
        np.testing.assert_allclose(got, second, rtol=2e-3, atol=2e-3, err_msg=name)
