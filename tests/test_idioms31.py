"""The ``idioms31`` zoos: NumPy written the way other projects write it (``idioms31_zoo``: small
models and physics steps; ``idioms31_more_zoo``: statistics, optimisation loops, signal
processing; ``idioms31_python_zoo``: the Python around the math), against central differences
within their error estimate, with ``RuntimeWarning`` an error (``idioms15_check``).

The CI budget runs the rows of :data:`RUN` in one mode each and the tests below of what this
table's fixes do; ``python test_idioms31.py`` checks every row in every mode."""

from __future__ import annotations

import math
from collections import namedtuple

import numpy as np
import pytest
import scipy.linalg as sla
from idioms15_check import by_name
from idioms20_check import check_every_mode, check_quietly
from idioms31_cases import CASES

import tangentish
from tangentish.errors import MissingRuleError, UnsupportedConstructError

BY_NAME = by_name(CASES)
RUN = (("residuals_starmap", "jvp"), ("forwarded_layer", "value_and_grad"),
       ("star_args_after_named", "vjp"), ("replaced_twice", "value_and_grad"),
       ("kernel_ridge_pinv", "jvp"), ("dict_params_loss", "value_and_grad"))


@pytest.mark.parametrize("name, mode", RUN)
def test_each_program_in_its_mode_against_finite_differences(name, mode):
    check_quietly(BY_NAME[name], mode)


# A magnitude squared at an exact 0, in each spelling: the Hessian is 2 (times the weight), where
# the chain rule through the magnitude's kink gives 0 (passes/squared_magnitudes.py).

def _np_hypot(v):
    return np.hypot(v[0], v[1]) ** 2 + 0.0 * v[2]


def _np_hypot_square(v):
    return np.square(np.hypot(v[0], v[1])) + np.power(np.hypot(v[1], v[2]), 2)


def _math_hypot(v):
    return math.hypot(v[0], v[1]) ** 2 + math.hypot(v[0], v[1], v[2]) ** 2


def _math_dist(v):
    return math.dist(v, [0.0, 0.0, 0.0]) ** 2 + math.dist(v[:2], (0.0, 0.0)) ** 2


def _norms(v):
    return np.linalg.norm(v) ** 2 + sla.norm(v) ** 2 + np.sum(np.abs(v) ** 2)


SQUARES = [(_np_hypot, np.array([2.0, 2.0, 0.0])), (_np_hypot_square, np.array([2.0, 4.0, 2.0])),
           (_math_hypot, np.array([4.0, 4.0, 2.0])), (_math_dist, np.array([4.0, 4.0, 2.0])),
           (_norms, np.array([6.0, 6.0, 6.0]))]


@pytest.mark.parametrize("fn, diagonal", SQUARES, ids=[f.__name__ for f, _ in SQUARES])
def test_a_magnitude_squared_has_its_curvature_at_zero(fn, diagonal):
    """``np.hypot(a, b) ** 2`` (NumPy's float dtype kept: ``_rt.squared_hypot``), ``math.hypot``
    of two or three coordinates and ``math.dist(p, q)`` squared, at an exact 0: the Hessian's
    diagonal (each a sum of squares), where the chain rule through hypot's ``0/0 = 0`` gave 0."""
    for i in range(3):
        v = np.eye(3)[i]
        got = tangentish.hvp(fn)(np.zeros(3), v)
        np.testing.assert_allclose(got, diagonal * v, rtol=1e-13, atol=0.0)


def test_squared_hypot_keeps_the_dtype_hypot_picks():
    from tangentish import runtime

    small = np.array([3, 4], dtype=np.int8)
    assert runtime.squared_hypot(small, small).dtype == np.hypot(small, small).dtype
    single = np.array([0.5], dtype=np.float32)
    assert runtime.squared_hypot(single, 2.0).dtype == np.float32


def _pinv_weighted(a, w):
    return np.sum(np.linalg.pinv(a, hermitian=True) * w)


def test_a_hermitian_pseudo_inverse_reads_the_lower_triangle():
    """``pinv(a, hermitian=True)`` of a matrix of full rank is the inverse of the symmetric
    matrix NumPy's ``eigh`` reads (the lower triangle and its mirror): the gradient is
    ``-s^-1 w s^-1`` folded onto that triangle (the upper one gets 0), also for a matrix that is
    not symmetric; refused before as an argument the rule did not take."""
    a = np.array([[2.0, 9.0, 9.0], [0.5, 3.0, 9.0], [0.2, -0.4, 1.5]])
    w = np.arange(9.0).reshape(3, 3) / 9.0
    s = np.tril(a) + np.tril(a, -1).T
    inv = np.linalg.inv(s)
    full = -inv.T @ w @ inv.T
    expected = np.tril(full + full.T, -1) + np.diag(np.diag(full))
    np.testing.assert_allclose(tangentish.grad(_pinv_weighted)(a, w), expected, rtol=1e-12)
    _, tangent = tangentish.jvp(_pinv_weighted)(a, w, a_dot=np.eye(3))
    np.testing.assert_allclose(tangent, np.sum(expected * np.eye(3)), rtol=1e-12)


def _pinv_cut(a):
    return np.sum(np.linalg.pinv(a, rcond=1e-3) ** 2)


def test_a_pseudo_inverse_with_a_cutoff_is_refused():
    with pytest.raises(UnsupportedConstructError, match="rcond above 1e-15"):
        tangentish.grad(_pinv_cut)(np.eye(2) + 0.1)


class _Stack:
    def __init__(self, *layers):
        self.layers = layers


def _stacked(x):
    s = _Stack(x, 2.0 * x)
    return np.sum(s.layers[0] * s.layers[1])


class _Counted:
    def __init__(self, *layers):
        self.n = len(layers)


def _counted(x):
    s = _Counted(x, 2.0 * x)
    return np.sum(x) * s.n


class _Pair:
    def __init__(self, *args):
        self.a = args[0]
        self.b = args[2]


def _short_pair(x):
    p = _Pair(x, x)
    return np.sum(p.a * p.b)


def test_a_constructor_taking_star_args_is_refused_by_name_where_not_plain():
    """``__init__(self, *layers)`` storing ``len(layers)`` is no record: the refusal names
    ``*layers`` (storing ``layers`` whole is a record now, its field the tuple of the arguments:
    plain_records.py); one reading ``args[2]`` of two arguments is Python's ``IndexError``,
    refused."""
    np.testing.assert_allclose(tangentish.grad(_stacked)(np.ones(2)), 4.0 * np.ones(2))
    with pytest.raises(MissingRuleError, match=r"takes `\*layers`"):
        tangentish.grad(_counted)(np.ones(2))
    with pytest.raises(UnsupportedConstructError, match=r"args\[2\] of 2 arguments"):
        tangentish.grad(_short_pair)(np.ones(2))


_Rec = namedtuple("_Rec", "w b")


def _held_constant(p, x):
    q = p._replace(b=x)
    return np.sum(q.w * q.b)


def test_a_constant_record_rebuilt_with_a_varying_field_is_refused_with_a_hint():
    with pytest.raises(MissingRuleError, match="pass it under `wrt` too"):
        tangentish.grad(_held_constant, wrt=1)(_Rec(np.ones(2), 0.5), np.ones(2))


def _sorted_twice(x):
    pairs = zip(x, range(3))  # noqa: B905
    shaped = np.ravel(sorted(pairs, key=lambda p: p[1])).reshape(
        np.shape(sorted(zip(x, range(3)), key=lambda p: p[1])))  # noqa: B905
    return np.sum(shaped)


def test_a_keyed_sort_that_does_not_run_first_is_refused_by_name():
    """``sorted(..., key=lambda p: ...)`` where another call of its statement runs first: the
    refusal names it, with how to write it (the mutation fuzzer's seed 102 wrapped one; the
    message was the one of a lambda passed anywhere)."""
    with pytest.raises(UnsupportedConstructError, match="`sorted` with a `key=` lambda here"):
        tangentish.grad(_sorted_twice)(np.array([0.3, 1.0, -2.0]))


def _filtered(params):
    total = sum(np.sum(v ** 2) for k, v in params.items() if k.startswith("W"))
    return total + sum(3.0 * np.sum(params[k]) for k in params if k not in ("W1", "W2"))


def test_a_filtered_comprehension_over_a_dict_under_wrt_keeps_the_keys_it_names():
    """``for k, v in params.items() if k.startswith('W')`` over a dict under ``wrt``: the filter
    of constant keys decided per key when the comprehension is unrolled (passes/unroll.py,
    computed_keys.static_truth); refused before as a use of the whole dict."""
    params = {"W1": np.array([1.0, -2.0]), "b1": np.array([0.5]), "W2": np.array([3.0])}
    got = tangentish.grad(_filtered)(params)
    np.testing.assert_allclose(got["W1"], 2 * params["W1"])
    np.testing.assert_allclose(got["W2"], 2 * params["W2"])
    np.testing.assert_allclose(got["b1"], [3.0])


def _cast_then_written(x):
    s = np.asarray(np.array(x ** 2, dtype=float))
    s[..., :1] = s[..., :1] * 2.0 + 0.25
    return np.sum(s ** 2)


def test_a_cast_array_written_in_place_has_a_second_derivative():
    """``s = np.asarray(np.array(e, dtype=float))`` then ``s[..., :1] = ...``: the gradient's
    ``_rt.recast(g, array_e, float)`` reads ``array_e`` (which ``s`` shares) only for its layout
    (passes/shape_reads.py LAYOUT_READS), so the second transform no longer refuses it as a
    value read after the write through ``s`` (the mutation fuzzer's seeds 107, 112, 122)."""
    x = np.array([0.5, -1.0, 2.0])
    v = np.array([1.0, 0.5, -2.0])
    diagonal = np.array([48 * x[0] ** 2 + 2.0, 12 * x[1] ** 2, 12 * x[2] ** 2])
    np.testing.assert_allclose(tangentish.hvp(_cast_then_written)(x, v), diagonal * v, rtol=1e-13)


def _times(x, y):
    return x * y


def _plus(x, y):
    return x + y


_inner = _times


def _forward(*args):
    return _inner(*args)


def _through(x):
    return np.sum(_forward(x, x))


def test_a_call_of_a_pass_through_wrapper_is_the_call_of_what_it_calls_now(monkeypatch):
    """``def _forward(*args): return _inner(*args)`` called as ``_forward(x, x)``: the
    derivative of ``_inner``'s call, built with the look-up of ``_inner`` recorded, so binding
    another function to it derives again (raised "has no parameter 'args'" before)."""
    x = np.array([1.0, 3.0])
    gradient = tangentish.grad(_through)
    np.testing.assert_allclose(gradient(x), 2 * x)
    monkeypatch.setitem(_through.__globals__, "_inner", _plus)
    np.testing.assert_allclose(gradient(x), [2.0, 2.0])


def _kept_but_b(x, params):
    kept = {k: v for k, v in params.items() if k != "b"}
    return x * sum(kept.values())


def test_a_dict_comprehension_over_a_constant_dict_argument_read_for_its_values():
    """The keys of a dict argument held constant are not known when the derivative is built,
    but a comprehension over it read only for its values is the list of those values
    (passes/value_lists.py, since oop34; refused before, naming the loop); under ``wrt`` the
    same comprehension is unrolled per structure.  Closed forms: d/dx = a + c."""
    params = {"a": 2.0, "b": 3.0, "c": 4.0}
    assert tangentish.grad(_kept_but_b)(1.5, params) == 6.0
    dx, dparams = tangentish.grad(_kept_but_b, wrt=(0, 1))(1.5, params)
    assert dx == 6.0 and (dparams["a"], dparams["b"], dparams["c"]) == (1.5, 0.0, 1.5)


if __name__ == "__main__":
    check_every_mode(CASES)
