"""The adjoint of a full reduction spread by the arithmetic that reads it (passes/spread.py): where
the view is dropped and where it must stay, each gradient against central finite differences, in
its argument's dtype, and never computed in a narrower dtype than the reduced value's."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad, specialized_calls

import tangentish


def sin_times_self(x):
    return np.sum(np.sin(x) * x)


def logsumexp(x):
    m = np.max(x)
    return m + np.log(np.sum(np.exp(x - m)))


def square_sum(x):
    return np.sum(x ** 2)


def mean_tanh(x):
    return np.mean(np.tanh(x))


def times_other(x, y):  # y may be smaller than x (broadcast): the view stays
    return np.sum(np.sin(x) * y)


def row_weights(x, w):  # the reduced value is wider than w
    return np.sum(x * w)


def in_loop(x):
    total = 0.0
    for k in range(3):
        total = total + np.sum(np.exp(x * (k + 1.0)))
    return total


def of_a_list(x):
    parts = [x * x, np.sin(x)]
    return np.sum(np.concatenate(parts)) + np.sum(parts[0])


def used_twice(x):
    s = np.sum(np.cos(x))
    return s * s + np.sum(x * np.cos(x))


def reduced_then_scaled(x):
    return 3.0 * np.sum(np.exp(-x) * 2.0) - np.sum(x)


def mse(w, x, y):  # error ** 2 is made from error and a number: error has its shape and dtype
    error = x @ w - y
    return np.mean(error ** 2)


def log_softmax_loss(z, y):  # the keepdims sum's adjoint broadcasts as it is
    z = z - np.max(z, axis=1, keepdims=True)
    return -np.sum(y * (z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))))


def row_sums_weighted(x, w):  # no keepdims: the row sums' adjoint must be put back on its axis
    return np.sum(np.sum(np.exp(x), axis=1) * w)


# (function, wrt, arguments, whether the gradient source keeps a view)
CASES = [
    (sin_times_self, 0, (np.linspace(-1.0, 2.0, 5),), False),
    (logsumexp, 0, (np.linspace(-1.0, 2.0, 6),), False),
    (square_sum, 0, (np.linspace(-1.0, 2.0, 4),), False),
    (mean_tanh, 0, (np.linspace(-1.0, 2.0, 4),), None),
    (times_other, 0, (np.linspace(-1.0, 2.0, 6).reshape(2, 3), np.array([0.5, -1.0, 2.0])), True),
    (row_weights, 1, (np.linspace(-1.0, 2.0, 6).reshape(2, 3), np.array([0.5, -1.0, 2.0])), None),
    (in_loop, 0, (np.linspace(-1.0, 1.0, 4),), None),
    (of_a_list, 0, (np.linspace(-1.0, 1.0, 3),), None),
    (used_twice, 0, (np.linspace(-1.0, 1.0, 3),), None),
    (reduced_then_scaled, 0, (np.linspace(-1.0, 1.0, 3),), None),
    (log_softmax_loss, 0, (np.linspace(-1.0, 2.0, 6).reshape(2, 3), np.eye(3)[[0, 2]]), None),
    (row_sums_weighted, 0, (np.linspace(-1.0, 2.0, 6).reshape(3, 2), np.array([0.5, -1.0, 2.0])),
     None),
    (mse, 0, (np.array([0.5, -1.0]), np.linspace(-1.0, 2.0, 6).reshape(3, 2), np.ones(3)), False),
    (mse, 0, (np.array([0.5, -1.0], np.float32), np.linspace(-1.0, 2.0, 6).reshape(3, 2),
              np.ones(3)), False),
    (sin_times_self, 0, (0.7,), False),
    (logsumexp, 0, (np.linspace(-1.0, 2.0, 6).astype(np.float32),), False),
]


@pytest.mark.parametrize("fn, wrt, args, keeps", CASES,
                         ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(CASES)])
@pytest.mark.parametrize("mode", ["grad", "value_and_grad", "vjp"])
def test_spread_gradients_match_finite_differences(fn, wrt, args, keeps, mode):
    wide = tuple(a.astype(np.float64) if isinstance(a, np.ndarray) else a for a in args)
    expected = numeric_grad(fn, wide, wrt)
    if mode == "grad":
        derivative = tangentish.grad(fn, wrt=wrt)
        got = specialized_calls(derivative, args, 2)  # generic, then specialized
        source = derivative.source
    elif mode == "value_and_grad":
        derivative = tangentish.value_and_grad(fn, wrt=wrt)
        got = [derivative(*args)[1] for _ in range(2)]
        source = derivative.source
    else:
        value, pullback = tangentish.vjp(fn, wrt=wrt)(*args)
        got, source = [pullback(1.0)], pullback.source
    if keeps is not None:
        assert ("view=True)" in source) == keeps, source
    tol = {"rtol": 2e-5, "atol": 1e-6} if np.asarray(args[wrt]).dtype == np.float32 else {}
    for gradient in got:
        assert np.asarray(gradient).dtype == np.asarray(args[wrt]).dtype
        assert np.shape(gradient) == np.shape(args[wrt])
        np.testing.assert_allclose(gradient, expected, **tol)


def test_a_wider_reduced_value_keeps_its_dtype():
    """``np.sum(a32 * b64)``: ``b64``'s gradient is ``out_bar * a32`` computed in float64 (the
    reduced value's dtype), never rounded to float32 on the way."""
    a32 = (np.linspace(0.1, 1.0, 7) / 3.0).astype(np.float32)
    b64 = np.linspace(-1.0, 1.0, 7) / 7.0
    seed = 0.1  # not a power of two: a float32 product would round
    got = tangentish.grad(row_weights, wrt=1)(a32, b64, out_bar=seed)
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, seed * a32.astype(np.float64))
    got_a = tangentish.grad(row_weights, wrt=0)(a32, b64, out_bar=seed)
    assert got_a.dtype == np.float32
    np.testing.assert_allclose(got_a, (seed * b64).astype(np.float32), rtol=1e-6)


def test_the_common_losses_read_without_the_view():
    """The goldens' shape: ``out_bar`` spread by the product itself."""
    assert "x_bar = out_bar / _t1 * exp_x_minus_m" in tangentish.grad(logsumexp).source
    assert "view=True" not in tangentish.grad(square_sum).source
    assert all("view=True" in line for line in tangentish.grad(log_softmax_loss).source.splitlines()
               if "_rt.unreduce(" in line)  # (a view at most: no new array)
    assert "_rt.unreduce(" in tangentish.grad(row_sums_weighted).source  # (no keepdims)


def squares_less_products(x, y):  # d * d - b * c: the view meets d, b and c, each of t's shape
    d = np.tanh(x) + y
    b, c = np.sin(x), np.cos(y)
    return np.sum(d * d - 0.25 * b * c)


def negated_sum(x, y):
    return -np.sum(np.exp(x) * y) + np.sum(x) * 0.0


def one_minus_ratio(x, y):  # the adjoint of 1.0 - r is a negated view: r_bar = -1.0, spread
    r = np.sin(x) / (y * y + 1.0)
    return np.sum(1.0 - r)


F32 = np.float32
# (function, wrt, arguments, whether the source specialized to them keeps a view, and the seed)
SPECIALIZED = [
    (squares_less_products, (0, 1), (np.linspace(-1.0, 2.0, 5), np.linspace(0.0, 1.0, 5)), False),
    (squares_less_products, (0, 1), (np.linspace(-1, 2, 6).reshape(2, 3), np.ones(3)), True),
    (squares_less_products, (0, 1), (np.linspace(-1, 2, 5).astype(F32), np.ones(5)), True),
    (squares_less_products, (0, 1), (0.5, -0.25), False),
    (times_other, (0, 1), (np.linspace(-1, 2, 6).reshape(2, 3), np.ones((2, 3))), False),
    (times_other, (0, 1), (np.linspace(-1, 2, 6).reshape(2, 3), np.ones((2, 1))), True),
    (times_other, (0,), (np.linspace(-1, 2, 3), np.arange(3)), True),  # y int64 (not promoted)
    (negated_sum, (0, 1), (np.linspace(-1.0, 2.0, 4), np.linspace(0.0, 1.0, 4)), True),
    (mse, (0,), (np.array([0.5, -1.0]), np.linspace(-1.0, 2.0, 6).reshape(3, 2), np.ones(3)),
     False),
    (one_minus_ratio, (0, 1), (np.linspace(-1.0, 2.0, 5), np.linspace(0.0, 1.0, 5)), False),
    (one_minus_ratio, (0, 1), (np.linspace(-1, 2, 6).reshape(2, 3), np.ones(3)), True),
]


@pytest.mark.parametrize("fn, wrt, args, keeps", SPECIALIZED,
                         ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(SPECIALIZED)])
def test_specialized_to_float64_the_view_meets_values_of_its_shape(fn, wrt, args, keeps):
    """Specialized to float64 arguments (passes/dtypes.py), the view is spread by any float64
    value of the reduced value's size-one pattern that it is made from (passes/spread.py), and
    the seed is the wrapper's; other dtypes, and broadcast shapes, keep them."""
    derivative = tangentish.grad(fn, wrt=wrt)
    got = specialized_calls(derivative, args, 3)  # generic, then specialized twice
    source = derivative.source_for(*args)
    if np.lib.NumpyVersion(np.__version__) < "2.0.0" and any(
            np.ndim(a) and np.asarray(a).dtype == np.float32 for a in args):
        assert source == derivative.source  # (NumPy 1.x: float32 arrays run the generic one)
    else:
        assert ("view=True)" in source) == keeps, source
    float64 = all(np.asarray(a).dtype in (np.float64, np.int64) for a in args)
    assert ("_rt.seed(" in source) != float64, source
    wide = tuple(np.asarray(a, np.float64) if isinstance(a, np.ndarray) else a for a in args)
    for gradients in got:
        gradients = gradients if isinstance(gradients, tuple) else (gradients,)
        for position, gradient in zip(wrt, gradients, strict=True):
            want = np.asarray(args[position]).dtype
            assert np.asarray(gradient).dtype == (want if want.kind == "f" else np.float64)
            tol = {"rtol": 2e-5, "atol": 1e-6} if want == np.float32 else \
                {"rtol": 1e-6, "atol": 1e-8}
            np.testing.assert_allclose(gradient, numeric_grad(fn, wide, position), **tol)


def test_a_long_chain_of_names_is_followed_a_bounded_way(tmp_path, monkeypatch):
    """200 statements each made from the one before: proving what covers the reduced value
    follows names back a bounded number of steps (a RecursionError before), and the gradient of
    the generic and the specialized derivative are right."""
    lines = ["import numpy as np", "def chain(x, y):", "    a0 = x * y"]
    lines += [f"    a{i} = a{i - 1} * 0.5 + a{i - 1} * y" for i in range(1, 200)]
    lines += ["    return np.sum(a199 * x)"]
    (tmp_path / "long_chain_module.py").write_text("\n".join(lines) + "\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    from long_chain_module import chain

    args = (np.linspace(0.5, 1.0, 3), np.linspace(0.45, 0.5, 3))  # (factors near 1)
    derivative = tangentish.grad(chain, wrt=(0, 1))
    for _ in range(3):
        for position, gradient in zip((0, 1), derivative(*args), strict=True):
            np.testing.assert_allclose(gradient, numeric_grad(chain, args, position), rtol=1e-6)


def row_norms(x, w):  # the adjoint of a sum over the last axis, read by arithmetic of x's shape
    r = np.sqrt(np.sum(x ** 2, axis=-1) + 1.0)
    return np.sum(r * w)


def column_energy(x, w):  # over axis 0: put back as g[None] where the ranks are known
    s = np.sum(np.exp(x) * 0.5, axis=0)
    return np.sum(np.log(s) * w)


def middle_axis(x):  # over axis 1 of a 3-D value
    s = np.sum(np.sin(x) * x, axis=1)
    return np.sum(s * s)


def sum_of_row_sums(x):  # the uniform gradient of a full sum (a number), spread over the rows
    return np.sum(np.sum(np.tanh(x) * 2.0, axis=1))


def softmax_weighted(x, w):  # the sum kept its axis: added into e's own adjoint as it is
    e = np.exp(x)
    p = e / np.sum(e, axis=1, keepdims=True)
    return np.sum(p * w)


def centered(x, w):  # the mean's adjoint, divided by the count, added into x's own adjoint
    c = x - np.mean(x, axis=-1, keepdims=True)
    return np.sum(np.tanh(c) * w)


AXES = [
    (row_norms, (0, 1), (np.linspace(-1, 2, 12).reshape(4, 3), np.linspace(0, 1, 4)), "expand"),
    (row_norms, (0,), (np.linspace(-1, 2, 12).reshape(2, 2, 3), np.ones((2, 2))), "expand"),
    (row_norms, (0,), (np.linspace(-1, 2, 12).reshape(4, 3).astype(F32), np.ones(4)), "kept"),
    (column_energy, (0, 1), (np.linspace(-1, 2, 12).reshape(4, 3), np.linspace(0, 1, 3)), None),
    (middle_axis, (0,), (np.linspace(-1, 2, 24).reshape(2, 3, 4),), None),
    (sum_of_row_sums, (0,), (np.linspace(-1, 2, 12).reshape(4, 3),), "unread"),
    (softmax_weighted, (0, 1), (np.linspace(-1, 2, 12).reshape(4, 3), np.linspace(0, 1, 3)), None),
    (centered, (0, 1), (np.linspace(-1, 2, 12).reshape(4, 3), np.linspace(0, 1, 3)), None),
]


@pytest.mark.parametrize("fn, wrt, args, form", AXES,
                         ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(AXES)])
def test_a_sum_over_one_axis_is_spread_with_its_axis_put_back(fn, wrt, args, form):
    """Specialized, ``_rt.unreduce(g, t, axis=k)`` read by arithmetic that covers ``t`` (``t``'s
    own adjoint too: ``e_bar + _rt.unreduce(g, e, axis=1, keepdims=True)`` is ``e_bar + g``)
    becomes ``g`` with the axis put back (``np.expand_dims(g, -1)`` for the last axis,
    ``g[:, None]`` where ``g``'s rank is known), bit for bit what the helper's array gives; a
    float32 argument keeps the helper."""
    derivative = tangentish.grad(fn, wrt=wrt)
    got = specialized_calls(derivative, args, 3)  # generic, then specialized twice
    source = derivative.source_for(*args)
    if form in ("kept", "unread"):  # (float32: the dtype facts prove nothing; a value no
        pass  # arithmetic of its shape reads, * 2.0 alone: nothing spreads it)
    else:
        assert not any("_rt.unreduce(" in line and "view=True" not in line
                       for line in source.splitlines()), source  # (a view may stay)
    if form == "expand":
        assert "np.expand_dims(" in source or "None]" in source, source
    for gradients in got:
        gradients = gradients if isinstance(gradients, tuple) else (gradients,)
        for position, gradient in zip(wrt, gradients, strict=True):
            assert np.shape(gradient) == np.shape(args[position])
            assert np.asarray(gradient).dtype == np.asarray(args[position]).dtype
            wide = tuple(np.asarray(a, np.float64) for a in args)
            tol = {"rtol": 2e-5, "atol": 1e-5} if np.asarray(args[0]).dtype == F32 else \
                {"rtol": 1e-6, "atol": 1e-8}
            np.testing.assert_allclose(gradient, numeric_grad(fn, wide, position), **tol)
    generic, specialized = got[0], got[1]
    for a, b in zip(generic if isinstance(generic, tuple) else (generic,),
                    specialized if isinstance(specialized, tuple) else (specialized,),
                    strict=True):
        np.testing.assert_array_equal(a, b)  # (the same numbers as the helper's)


def hinge(w, X, y):
    return np.sum(np.maximum(0.0, 1.0 - y * (X @ w))) + 0.1 * np.dot(w, w)


def test_a_selections_weight_spreads_the_sum():
    """``np.sum(np.maximum(0, t))``: the maximum's adjoint ``_rt.chosen(view, _rt.step(t))``
    (``np.heaviside(t, 0.5)``) multiplies the view by a weight of ``t``'s shape and dtype, which
    broadcasts it anyway: the seed goes in as it is (specialized, float64; the unit seed's
    ``_rt.chosen(1.0, w)`` is ``w``); float32 arguments keep the view."""
    rng = np.random.default_rng(11)
    args = (rng.normal(size=3), rng.normal(size=(9, 3)), np.sign(rng.normal(size=9)))
    derivative = tangentish.grad(hinge)
    results = specialized_calls(derivative, args, 3)
    special = derivative.source_for(*args)
    assert "unreduce" not in special and "_bar = _rt.step(" in special, special
    for got in results:
        np.testing.assert_allclose(got, numeric_grad(hinge, args, 0), rtol=1e-6, atol=1e-8)
    narrow = tuple(a.astype(np.float32) for a in args)
    assert "unreduce" in derivative.source_for(*narrow)
    for _ in range(2):
        got = derivative(*narrow)
        assert got.dtype == np.float32
        np.testing.assert_allclose(got, results[0], rtol=1e-4, atol=1e-4)


def gaussian_nll(m, v, x):  # v's adjoint is a copy of the view, then summed into
    return 0.5 * np.sum(v + (x - m) ** 2 / np.exp(v) + np.log(2.0 * np.pi))


@pytest.mark.parametrize("shapes, keeps", [(((3, 4), (3, 4), (3, 4)), False),
                                           (((3, 4), (1, 4), (3, 4)), True),
                                           (((5,), (5,), (5,)), False)])
def test_a_copied_view_is_spread_by_the_sum_into_the_copy(shapes, keeps):
    """``v_bar = view`` then ``v_bar = v_bar - e``: where ``e`` covers the reduced value the copy
    holds the view's number (``v_bar = 0.5``); where ``v`` is smaller than the reduced value (it
    is broadcast) the view stays.  Each gradient against finite differences."""
    rng = np.random.default_rng(3)
    args = tuple(rng.normal(size=shape) for shape in shapes)
    derivative = tangentish.grad(gaussian_nll, wrt=(0, 1))
    got = specialized_calls(derivative, args, 3)  # generic, then specialized twice
    source = derivative.source_for(*args)
    assert ("_rt.unreduce(" in source) == keeps, source
    for gradients in got:
        for position, gradient in zip((0, 1), gradients, strict=True):
            assert np.shape(gradient) == shapes[position]
            np.testing.assert_allclose(gradient, numeric_grad(gaussian_nll, args, position),
                                       rtol=1e-6, atol=1e-8)


def scalar_location_nll(mu, log_sigma, x):  # mu, log_sigma scalars: their adjoints are sums
    sigma = np.exp(log_sigma)
    return np.sum(0.5 * ((x - mu) / sigma) ** 2 + log_sigma + 0.5 * np.log(2 * np.pi))


def test_a_view_some_reads_of_which_are_spread_keeps_only_the_others():
    """``v = _rt.unreduce(1.0, x)`` read by ``np.sum(v, axis=0)`` (a reduction, which
    passes/counted.py then writes as the count ``np.float64(x.size)``) and by ``v * 0.5 * 2 *
    t`` (spread): the product reads the number, the sum the view, and the view goes with the
    sum.  Each gradient against finite differences."""
    args = (0.3, -0.2, np.random.default_rng(5).normal(size=7))
    derivative = tangentish.grad(scalar_location_nll, wrt=(0, 1))
    got = specialized_calls(derivative, args, 3)  # generic, then specialized twice
    lines = derivative.source_for(*args).splitlines()
    assert not [line for line in lines if "_rt.unreduce(" in line], lines
    assert [line.strip() for line in lines if "np.float64(" in line] == [
        "log_sigma_bar = np.float64(x.size)"], lines
    for gradients in got:
        for position, gradient in zip((0, 1), gradients, strict=True):
            np.testing.assert_allclose(gradient, numeric_grad(scalar_location_nll, args, position),
                                       rtol=1e-6, atol=1e-8)


def huber(w, X, y):  # np.where(c, view, 0.0): c of the summed value's shape
    r = X @ w - y
    a = np.abs(r)
    return np.sum(np.where(a < 1.0, 0.5 * r * r, a - 0.5))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_a_selection_by_a_comparison_spreads_the_sum(dtype):
    """``np.where(c, view, 0.0)`` where ``c`` compares a value of the summed value's shape with a
    number, and the view spreads a number: ``np.where(c, 1.0, 0.0)``, the same float64 array
    (specialized to float64; float32 arguments keep the view, whose dtype is theirs)."""
    rng = np.random.default_rng(12)
    args = (rng.normal(size=3).astype(dtype), rng.normal(size=(9, 3)).astype(dtype),
            (3 * rng.normal(size=9)).astype(dtype))
    derivative = tangentish.grad(huber)
    results = specialized_calls(derivative, args, 3)
    special = derivative.source_for(*args)
    assert ("_rt.unreduce" not in special) == (dtype == np.float64), special
    wide = tuple(np.asarray(a, np.float64) for a in args)
    tol = {"rtol": 1e-6, "atol": 1e-8} if dtype == np.float64 else {"rtol": 2e-5, "atol": 1e-5}
    for got in results:
        assert got.dtype == dtype
        np.testing.assert_allclose(got, numeric_grad(huber, wide, 0), **tol)
    np.testing.assert_array_equal(results[0], results[1])  # (the numbers the helper gives)


def row_max_scaled(x):  # the keepdims max's adjoint: the weights broadcast the row's cotangent
    return np.sum(np.max(x, axis=1, keepdims=True) * x) + np.min(x) ** 2


def column_min_squared(x):
    return np.sum(np.min(x, axis=0, keepdims=True) ** 2) + np.sum(np.nanmax(x, axis=1,
                                                                            keepdims=True))


@pytest.mark.parametrize("fn", [row_max_scaled, column_min_squared])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_a_max_s_tie_weights_spread_its_cotangent(fn, dtype):
    """``np.max(x, axis=1, keepdims=True)`` and ``np.min(x)``: the adjoint ``_rt.chosen(g,
    _rt.ties(x, m, ...))`` multiplies ``g`` by weights of ``x``'s shape and gradient dtype, which
    broadcast it anyway: no ``_rt.unreduce`` spreads it first.  Ties share (a row of equal
    values), in every reverse mode, in the argument's dtype; hvp too."""
    x = np.array([[1.0, 3.0, 3.0], [2.0, -1.0, 0.5], [0.25, 0.25, -2.0]], dtype=dtype)
    v = np.linspace(1.0, -0.5, x.size).reshape(x.shape)
    for mode in ("grad", "value_and_grad", "vjp"):
        source = getattr(tangentish, mode)(fn).source
        assert "_rt.ties(" in source and "_rt.chosen(_rt.unreduce" not in source, source
    expected = numeric_grad(fn, (x.astype(np.float64),))
    tol = {"rtol": 2e-5, "atol": 1e-5} if dtype == np.float32 else {"rtol": 1e-6, "atol": 1e-8}
    derivative = tangentish.grad(fn)
    for got in (derivative(x), derivative(x), tangentish.value_and_grad(fn)(x)[1],
                tangentish.vjp(fn)(x)[1](1.0)):
        assert got.dtype == dtype and got.shape == x.shape
        np.testing.assert_allclose(got, expected, **tol)
    if dtype == np.float64:  # (hvp away from ties, where the gradient jumps)
        apart = x + np.array([[0.0, 0.5, 0.0], [0.0, 0.0, 0.0], [0.0, 0.5, 0.0]])
        reference = numeric_grad(lambda t: np.sum(derivative(t) * v), (apart,))
        np.testing.assert_allclose(tangentish.hvp(fn)(apart, v), reference, rtol=1e-5,
                                   atol=1e-6)
