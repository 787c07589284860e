"""Specialized gradients for the default seed (passes/unit_seed.py), like terms summed once
(passes/like_terms.py) and constants taken into products (passes/optimize.py's ``_scaled``):
every row checked against central finite differences on the generic call and the specialized
ones, with and without a seed given, and the generated text read before/after."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad, specialize, specialized_calls

import tangentish
from tangentish.errors import NonScalarOutputError

RNG = np.random.default_rng(2200)


def _halves(v, a):  # (fuzz seed 2200, program 221: a negated name read once, -v_over_2)
    r, y = (0.3 * ((0.5 + v) / 2.0), v / 2.0)
    g = 0.25 + (np.sum(v) - y - np.mean(a))
    return np.sum(r) + np.max(g)


def _pair(x, y):
    return np.sum(x * y)  # x_bar is y itself once the seed is 1.0


def _sum_x(x, y):
    return np.sum(x) + np.sum(y * y)  # x_bar: ones, a broadcast of the seed


def _quadratic(v, c):
    return np.sum(0.1 * v * v + c * v)  # 0.1 * v * v: two like terms


def _quadratic_sin(v):
    return np.sum(0.1 * v * v + np.sin(v))


def _gaussian(x):
    return np.sum(np.exp(-0.1 * x * x))  # (-0.1 * x) * x: like terms grouped apart


def _square_mean(x):
    z = np.sin(x)
    return np.sum(z * z) / x.shape[0]  # 2 * (1.0 / n * z): the doubling taken in


def _half_minus(x, s):
    return np.sum(np.tanh(s * x) - 0.5 * x)  # -g * 0.5: the negation taken in


def _cubes(x, y):
    return np.sum(x * y * x + 0.5 * x * x * x)  # like terms among three factors


def _softplus(x):
    return np.sum(np.log1p(np.exp(-np.abs(x))) + np.maximum(x, 0.0))  # -(g ...) read once


def _local_quadratic(w, X):
    r = X @ w - 1.0  # (0.5 * r * r of a local difference: like terms, r one factor)
    return np.sum(0.5 * r * r)


def _scalars(x, y):
    a = x * y + 1.0
    return np.sin(a) * a - 0.25 * a * a


ROWS = [
    (_halves, (0, 1), lambda: (RNG.normal(size=4), RNG.normal(size=(3, 4)))),
    (_pair, (0, 1), lambda: (RNG.normal(size=5), RNG.normal(size=5))),
    (_sum_x, (0, 1), lambda: (RNG.normal(size=(2, 3)), RNG.normal(size=(2, 3)))),
    (_quadratic, (0, 1), lambda: (RNG.normal(size=6), RNG.normal(size=6))),
    (_quadratic_sin, 0, lambda: (RNG.normal(size=6),)),
    (_gaussian, 0, lambda: (RNG.normal(size=7),)),
    (_square_mean, 0, lambda: (RNG.normal(size=4),)),
    (_half_minus, (0, 1), lambda: (RNG.normal(size=4), 0.7)),
    (_cubes, (0, 1), lambda: (RNG.normal(size=3), RNG.normal(size=3))),
    (_softplus, 0, lambda: (RNG.normal(size=5),)),
    (_scalars, (0, 1), lambda: (0.3, -0.8)),
    (_local_quadratic, (0, 1), lambda: (RNG.normal(size=3), RNG.normal(size=(5, 3)))),
]


def _check(f, wrt, args, got, scale=1.0):
    positions = wrt if isinstance(wrt, tuple) else (wrt,)
    got = got if isinstance(wrt, tuple) else (got,)
    for position, value in zip(positions, got, strict=True):
        expected = scale * numeric_grad(f, args, position)
        np.testing.assert_allclose(value, expected, rtol=1e-6, atol=1e-8)
        assert np.shape(value) == np.shape(args[position])


@pytest.mark.parametrize("f, wrt, make", ROWS, ids=[row[0].__name__ for row in ROWS])
def test_default_and_given_seeds_match_finite_differences(f, wrt, make):
    args = make()
    derivative = tangentish.grad(f, wrt=wrt)
    for _ in range(3):  # generic, then specialized (unit seed), then specialized again
        _check(f, wrt, args, derivative(*args))
        _check(f, wrt, args, derivative(*args, out_bar=-2.5), scale=-2.5)
        specialize(derivative, args)  # (what later calls run)
    assert "out_bar" not in derivative.source_for(*args)
    assert derivative.source_for(*args, out_bar=2.0) == derivative.source


@pytest.mark.parametrize("f, wrt, make", ROWS[:5], ids=[row[0].__name__ for row in ROWS[:5]])
def test_value_and_grad_for_the_default_seed(f, wrt, make):
    args = make()
    derivative = tangentish.value_and_grad(f, wrt=wrt)
    for _ in range(3):
        value, grads = derivative(*args)
        assert value == pytest.approx(f(*args), rel=1e-12)
        _check(f, wrt, args, grads)


@pytest.mark.parametrize("f, wrt, make", ROWS[1:4], ids=[row[0].__name__ for row in ROWS[1:4]])
def test_no_gradient_is_the_callers_array(f, wrt, make):
    args = make()
    kept = [np.copy(a) for a in args]
    derivative = tangentish.grad(f, wrt=wrt)
    for _ in range(3):
        for g in derivative(*args):
            assert not any(np.shares_memory(g, a) for a in args if isinstance(a, np.ndarray))
            g[...] = 7.0  # changing a gradient changes no argument
        for a, b in zip(args, kept, strict=True):
            np.testing.assert_array_equal(a, b)


def _rosenbrock(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)


def _shifted_product(x, y):  # (y's adjoint is _rt.unbroadcast(x[1:], y): x's own memory)
    return np.sum(x[1:] * y)


SLICES = [(_rosenbrock, 0, lambda: (RNG.normal(size=6),)),
          (_shifted_product, (0, 1), lambda: (RNG.normal(size=5), RNG.normal(size=4)))]


def _checked_three_times(f, wrt, args):
    """``grad(f)`` called three times (generic, then specialized): each time against finite
    differences, no array gradient sharing memory with an argument, and changing the gradients
    changing no argument; the derivative."""
    kept = [np.copy(a) for a in args]
    derivative = tangentish.grad(f, wrt=wrt)
    for _ in range(3):
        got = derivative(*args)
        _check(f, wrt, args, got)
        for g in got if isinstance(wrt, tuple) else (got,):
            if isinstance(g, np.ndarray):
                assert not any(np.shares_memory(g, a) for a in args if isinstance(a, np.ndarray))
                g[...] = 7.0
        for a, b in zip(args, kept, strict=True):
            np.testing.assert_array_equal(a, b)
    return derivative


@pytest.mark.parametrize("f, wrt, make", SLICES, ids=[row[0].__name__ for row in SLICES])
def test_no_gradient_through_unbroadcast_is_the_callers_array(f, wrt, make):
    """``_rt.unbroadcast(g, x)`` returns ``g`` or a new array, never ``x``: a gradient made
    from it (and added into in place) is copied only where ``g`` may be the caller's."""
    args = make()
    derivative = _checked_three_times(f, wrt, args)
    if f is _rosenbrock:  # (x_bar is made by _rt.unindex, then added into: never x)
        assert "1.0 *" not in derivative.source_for(*args)


def test_a_seed_of_the_wrong_shape_is_refused_on_every_call():
    args = (RNG.normal(size=3), RNG.normal(size=3))
    derivative = tangentish.grad(_pair, wrt=(0, 1))
    for _ in range(3):
        with pytest.raises(NonScalarOutputError):
            derivative(*args, out_bar=np.ones(3))


def _text(f, wrt, args):
    derivative = tangentish.grad(f, wrt=wrt)
    derivative(*args)
    return derivative.source_for(*args)


def _code(text):
    return "\n".join(line for line in text.splitlines() if not line.strip().startswith("#"))


def test_texts_before_and_after():
    """The lines the passes changed (before: the seed read as given, like terms twice,
    ``-g * 0.5``, ``2 * (1.0 / n * z)``, ``2 * _t1`` of ``_t1 = 0.1 * v``)."""
    vector = RNG.normal(size=4)
    pair = _text(_pair, (0, 1), (vector, vector + 1.0))
    assert "x_bar = y" not in pair and "return 1.0 * y, 1.0 * x" in pair  # (not the caller's)
    quadratic = _code(_text(_quadratic_sin, 0, (vector,)))  # (one product by 0.1: not two;
    assert quadratic.count("0.2") == 1 and "v_bar += _t1" in quadratic  # doubled: doubled_defs)
    gaussian = _code(_text(_gaussian, 0, (vector,)))
    assert gaussian.count(" x_bar = ") == 1 and "x_bar = 2 * (t1_times_x_bar * _t1)" in gaussian
    assert "z_bar = 2.0 / x_shape0 * z" in _text(_square_mean, 0, (vector,))
    assert "* -0.5" in _text(_half_minus, (0, 1), (vector, 0.7))
    softplus = _code(_text(_softplus, 0, (vector,)))
    assert "abs_x_bar = -1.0 / (1.0 + exp_neg_abs_x) * exp_neg_abs_x" in softplus and \
        "x_bar += abs_x_bar * sign_x" in softplus  # (the sign in the number: passes/signs.py;
    #   sign_x: the step's too, passes/step_signs.py)
    assert "= -(" not in softplus
    local = _code(_text(_local_quadratic, 0, (vector[:3], RNG.normal(size=(5, 3)))))
    assert local.count(" r_bar = ") == 1 and "* 0.5" not in local


FOLDS = [  # (derivative code before, after the folder): each the same value bit for bit
    ("-1.0 * e", "-e"),
    ("e * -1", "-e"),
    ("-e * 0.5", "e * -0.5"),
    ("-e * 0.0", "-e * 0.0"),  # (the sign of a zero product: left alone)
    ("-e * 0", "-e * 0"),
    ("2 * (1.0 / n * e)", "2.0 / n * e"),
    ("2 * (0.1 * e * f)", "0.2 * e * f"),
    ("2 * (e * 0.1)", "0.2 * e"),
    ("2 * (e * f)", "2 * (e * f)"),
    ("0.5 / e * 2 * f", "1.0 / e * f"),  # (diag_nll's mean's adjoint: 0.5 / v * 2 * d)
    ("f * 0.25 * 2", "0.5 * f"),
    ("e / f * 2", "e / f * 2"),
    ("_rt.chosen(1.0, _rt.step(e))", "_rt.step(e)"),  # (the unit seed's: the weight itself)
    ("_rt.chosen(2.0, _rt.pick_first(e, f))", "2.0 * _rt.pick_first(e, f)"),
    ("_rt.chosen(f, _rt.step(e))", "_rt.chosen(f, _rt.step(e))"),  # (f may be inf where 0)
    ("_rt.chosen(-2.0, _rt.step(e))", "_rt.chosen(-2.0, _rt.step(e))"),  # (-0.0 against 0.0)
    ("_rt.chosen(1.0, e)", "_rt.chosen(1.0, e)"),  # (e may hold -0.0)
]


@pytest.mark.parametrize("before, after", FOLDS)
def test_constant_folds_are_exact(before, after):
    import gast

    from tangentish import ir, runtime
    from tangentish.passes.derivative import Derivative
    from tangentish.passes.optimize import fold_constants
    from tangentish.syntax.naming import Namer
    from tangentish.syntax.printer import expression_text

    stmt = gast.parse(f"v = {before}").body[0]
    ir.note(stmt).adjoint = True
    fold_constants(Derivative("g", None, [stmt], Namer(set())))
    assert expression_text(stmt.value) == after
    specials = np.array([0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, np.nan, 1e-310, 1e300])
    values = {"e": np.concatenate([specials, RNG.normal(size=40)]),
              "f": np.concatenate([specials[::-1], RNG.normal(size=40)]), "n": 7,
              "_rt": runtime}
    with np.errstate(all="ignore"):
        old, new = eval(before, {}, values), eval(after, {}, values)  # noqa: S307
    nan = np.isnan(old)  # (bit for bit, signed zeros too; a NaN's sign bit may differ)
    assert (nan == np.isnan(new)).all() and old[~nan].tobytes() == new[~nan].tobytes()


def restored_after_its_adjoint(x):
    y = x.copy()
    y[1:3] = y[1:3] * 2.0
    z = np.tanh(y)
    y[0] = z[2]  # (the adjoint sweep puts y[0] back: y changes in place after z_bar = 1.0 * y)
    return np.sum(y * z)


def test_a_fold_leaves_no_other_name_for_an_array_changed_in_place():
    """With the seed 1.0, ``z_bar = out_bar * y`` folds to ``z_bar = y`` only where nothing changes
    ``y`` in place afterwards: here the adjoint sweep restores ``y[0]`` from the tape before
    ``z_bar`` is read, so the product (a copy) stays; every call agrees with finite
    differences."""
    x = np.random.default_rng(3).normal(size=5)
    derivative = tangentish.grad(restored_after_its_adjoint)
    expected = numeric_grad(restored_after_its_adjoint, (x,))
    for _ in range(3):  # (the generic derivative, then the specialized one twice)
        np.testing.assert_allclose(derivative(x), expected, rtol=1e-6, atol=1e-8)
    assert "z_bar = 1.0 * y" in derivative.source_for(x)


def _stencil(u, k):  # u_bar = 1.0 * u, then summed into in place with np.roll's terms
    lap = np.roll(u, 1) - 2 * u + np.roll(u, -1)
    return 0.5 * np.sum(u * u) + k * np.sum(lap * lap)


def _factors(U, V, lam):  # V_bar = lam * 2 * V, then V_bar += np.transpose(...)
    E = U @ V.T - 1.0
    return np.sum(E ** 2) + lam * (np.sum(U ** 2) + np.sum(V ** 2))


SUMMED = [(_stencil, (0, 1), lambda: (RNG.normal(size=6), 0.3)),
          (_factors, (0, 1), lambda: (RNG.normal(size=(4, 2)), RNG.normal(size=(3, 2)), 0.1))]


@pytest.mark.parametrize("f, wrt, make", SUMMED, ids=[row[0].__name__ for row in SUMMED])
def test_a_gradient_summed_into_in_place_is_returned_without_a_copy(f, wrt, make):
    """``v += e`` into an array of ``v``'s own (passes/accumulate.py) leaves ``v`` holding its
    own array, none of ``e``'s (passes/points_to.py): a gradient made new and summed into is
    returned as it is, where ``e`` is a call that may return what it is given (``np.roll``,
    ``np.transpose``) and so was taken as maybe the caller's, and copied (``1.0 * v``)."""
    args = make()
    text = _checked_three_times(f, wrt, args).source_for(*args)
    assert "+=" in text and "1.0 *" not in text.splitlines()[-1]


def _swapped(Q, K):  # K_bar = np.swapaxes(<a product>, -1, -2): a view of the derivative's own
    return 0.5 * np.sum((Q @ np.swapaxes(K, -1, -2)) ** 2)


def _reshaped(x):  # x_bar = np.reshape(<a product>, x.shape)
    return np.sum(np.reshape(x, (2, 3)) ** 3)


def _transposed(x, y):  # y_bar = np.transpose(x): a view of the caller's x
    return np.sum(np.transpose(x) * y)


VIEWS = [(_swapped, (0, 1), lambda: (RNG.normal(size=(2, 3, 4)), RNG.normal(size=(2, 5, 4))), ""),
         (_reshaped, 0, lambda: (RNG.normal(size=6),), ""),
         (_transposed, (0, 1), lambda: (RNG.normal(size=(2, 3)), RNG.normal(size=(3, 2))),
          "1.0 * y_bar")]


@pytest.mark.parametrize("f, wrt, make, copied", VIEWS, ids=[row[0].__name__ for row in VIEWS])
def test_a_numpy_view_is_copied_only_where_its_operand_may_be_the_callers(f, wrt, make, copied):
    """``np.swapaxes``, ``np.reshape``, ``np.transpose``... return a view of their first operand
    (or a new array), never of another: a gradient that is a view of an array the derivative
    made is returned as it is; a view of an argument is still copied."""
    args = make()
    last = _checked_three_times(f, wrt, args).source_for(*args).splitlines()[-1]
    assert (copied in last) if copied else ("1.0 *" not in last), last


def _half_square(u, k):  # u_bar = 2 * (0.5 * u) with the seed 1.0: 1.0 * u, which is u
    lap = np.roll(u, 1) - 2 * u + np.roll(u, -1)
    return 0.5 * np.sum(u * u) - k * np.sum(np.roll(u, 2) * lap)


@pytest.mark.parametrize("before", ["2 * (0.5 * e)", "2 * (e * 0.5)"])
def test_a_unit_factor_a_doubling_made_goes(before):
    """The folder's ``2 * (0.5 * e)`` is ``1.0 * e``: ``e`` (the same numbers as ``1.0 * e``;
    as every doubling fold, the same as ``before`` bit for bit where ``0.5 * e`` is exact, i.e.
    outside the subnormal range), also in a sum, where no copy is needed; the gradient of
    ``0.5 * np.sum(u * u) + ...`` specialized to the unit seed reads ``u`` itself."""
    import gast

    from tangentish import ir
    from tangentish.passes.derivative import Derivative
    from tangentish.passes.optimize import fold_constants
    from tangentish.syntax.naming import Namer
    from tangentish.syntax.printer import expression_text

    stmt = gast.parse(f"v = f + {before}").body[0]
    ir.note(stmt).adjoint = True
    fold_constants(Derivative("g", None, [stmt], Namer(set())))
    assert expression_text(stmt.value) == "f + e"
    args = (RNG.normal(size=9), 0.3)
    derivative = tangentish.grad(_half_square, wrt=(0, 1))
    results = specialized_calls(derivative, args, 3)
    assert "1.0 * u" not in derivative.source_for(*args)
    np.testing.assert_allclose(results[2][0], numeric_grad(_half_square, args, 0), rtol=1e-6)
    np.testing.assert_array_equal(results[0][0], results[2][0])
