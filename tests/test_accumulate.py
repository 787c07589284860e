"""Adjoints summed in place (passes/accumulate.py): ``v += e`` only for an accumulator nothing else
holds, in derivatives specialized to float64 arguments; each gradient against finite differences,
the generic derivative's values, and no input changed or gradient sharing memory."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad, specialized_calls

import tangentish


def recurrent(w, b, h, xs):
    for t in range(xs.shape[0]):
        h = np.tanh(h @ w + xs[t] + b)
    return np.sum(h * h)


def every_other_step(w, b, h, xs):
    for t in range(xs.shape[0]):
        if t % 2 == 0:  # (a branch of statements: the sums into b_bar sit in one)
            h = np.tanh(h @ w + b)
            h = 0.9 * h
        else:
            h = np.sin(h @ w) + xs[t]
    return np.sum(h ** 2)


def used_outside_too(w, b, h, xs):
    total = np.sum(w * w) + np.sum(b)
    for t in range(xs.shape[0]):
        h = np.tanh(h @ w + xs[t] * b)
        total = total + np.sum(h)
    return total


def until_small(w, b, h, xs):
    n = 0
    while n < xs.shape[0]:
        h = 0.5 * np.tanh(h @ w) + b + xs[n]
        n = n + 1
    return np.sum(h * h)


def shared_adjoint(w, b, h, xs):  # a = w + b: both adjoints start as a's (one array)
    a = w[0] + b
    return np.sum(np.sin(a) * a) + np.sum(w * w) + np.sum(b * np.cos(b)) + np.sum(h) * 0.0


def reread_terms(w, b, h, xs):  # an adjoint read by later terms between its own sums
    u = np.sin(h) * b + 0.5 * h
    v = np.exp(-0.1 * h * h) + np.log1p(b * b)
    z = np.tanh(u - v) * np.sqrt(1.0 + h * h)
    return np.sum(z * u + 0.1 * v * v - 0.3 * np.abs(h - b)) + np.sum(w) + np.sum(xs) * 0.0


def softplus(z):
    return np.log1p(np.exp(-np.abs(z))) + np.maximum(z, 0.0)


def softplus_layers(w, b, h, xs):  # a ReLU's adjoint (``_rt.chosen``) starts z's sums
    z = softplus(h * w[0] + b) - 0.5 * h
    z = softplus(z * w[1] - b) - 0.5 * z
    return np.sum(z * z) + np.sum(xs) * 0.0


RNG = np.random.default_rng(3)
ARGS = (RNG.normal(size=(3, 3)) * 0.5, RNG.normal(size=3) * 0.5, RNG.normal(size=(2, 3)),
        RNG.normal(size=(4, 2, 3)))


@pytest.mark.parametrize("fn", [recurrent, every_other_step, used_outside_too, until_small,
                                shared_adjoint, reread_terms, softplus_layers])
def test_sums_in_place_match_finite_differences(fn):
    args = tuple(np.array(a) for a in ARGS)
    kept = [a.copy() for a in args]
    derivative = tangentish.grad(fn, wrt=(0, 1, 2))
    generic = derivative(*args)
    for _ in range(2):
        got = derivative(*args)
        for position, value in enumerate(got):
            np.testing.assert_allclose(value, numeric_grad(fn, args, position), rtol=1e-6,
                                       atol=1e-8)
            np.testing.assert_allclose(value, generic[position], rtol=1e-12, atol=1e-14)
        assert not any(np.shares_memory(a, b) for i, a in enumerate(got) for b in got[i + 1:])
        assert not any(np.shares_memory(g, a) for g in got for a in args)
    for before, after in zip(kept, args, strict=True):
        np.testing.assert_array_equal(before, after)


def test_which_adjoints_are_summed_in_place():
    """The adjoints that start new and are read only by arithmetic are; one that starts as
    another's array (``x_bar = a_bar``), or that another name copies, is not."""
    derivative = tangentish.grad(reread_terms, wrt=(1, 2))
    derivative(*ARGS), derivative(*ARGS)
    text = derivative.source_for(*ARGS)
    assert "+= " in text, text
    derivative = tangentish.grad(shared_adjoint, wrt=(0, 1))
    derivative(*ARGS), derivative(*ARGS)
    text = derivative.source_for(*ARGS)
    pairs = [[part.strip() for part in line.split(" = ")] for line in text.splitlines()
             if line.count(" = ") == 1]
    copies = {name for pair in pairs if pair[1].isidentifier() for name in pair}
    assert not any(f"{name} += " in text for name in copies), text


def test_a_selections_adjoint_is_summed_in_place():
    """``v = _rt.chosen(g, w)`` is a new float64 array (as a ufunc's result), and ``chosen``
    keeps no reference to ``g``: both the adjoint it starts and one it reads are summed in place
    (``v -= ...``), as the softplus of the helpers benchmark needs."""
    derivative = tangentish.grad(softplus_layers, wrt=(0, 1, 2))
    derivative(*ARGS), derivative(*ARGS)
    text = derivative.source_for(*ARGS)
    lines = [line.strip() for line in text.splitlines()]
    started = {line.split(" = ")[0] for line in lines if " = _rt.chosen(" in line}
    read = {line.split("_rt.chosen(")[1].split(",")[0] for line in lines if "_rt.chosen(" in line}
    assert len(started) == 2, text
    assert all(any(line.startswith(f"{name} -= ") for line in lines) for name in started), text
    assert any(line.startswith(f"{name} += ") for name in read for line in lines), text


def test_the_recurrent_weights_are_summed_in_place():
    derivative = tangentish.grad(recurrent, wrt=(0, 1))
    derivative(*ARGS), derivative(*ARGS)
    text = derivative.source_for(*ARGS)
    assert "w_bar += " in text and "b_bar += " in text, text
    assert "+=" not in derivative.source  # (generic: a float32 sum into float64 would narrow)
    float32 = tuple(a.astype(np.float32) for a in ARGS)
    derivative(*float32), derivative(*float32)
    assert "+=" not in derivative.source_for(*float32)


def test_terms_from_several_uses_stay_right():
    """``w`` used twice outside any loop: its adjoint's terms, summed or not, stay right."""
    def twice(w, v):
        return np.sum(np.tanh(w @ v) * w)

    args = (RNG.normal(size=(3, 3)), RNG.normal(size=3))
    derivative = tangentish.grad(twice, wrt=(0, 1))
    for _ in range(3):
        got = derivative(*args)
        for position, value in enumerate(got):
            np.testing.assert_allclose(value, numeric_grad(twice, args, position), rtol=1e-6,
                                       atol=1e-8)


def negated_terms(w, b, h, xs):
    return np.sum(np.cos(w) * b) - np.sum(np.sin(b) * np.exp(-w)) + np.sum(h) * 0.0 + \
        np.sum(xs) * 0.0


def test_negated_terms_are_subtracted():
    """``v = v + -(x) * y`` is ``v = v - x * y``, bit for bit (generic and specialized)."""
    derivative = tangentish.grad(negated_terms, wrt=(0, 1))
    args = (RNG.normal(size=3), RNG.normal(size=3), ARGS[2], ARGS[3])
    results = specialized_calls(derivative, args, 3)
    for text in (derivative.source, derivative.source_for(*args)):
        assert "+ -" not in text and "+= -" not in text, text
    for position in (0, 1):
        np.testing.assert_allclose(results[2][position],
                                   numeric_grad(negated_terms, args, position), rtol=1e-6)
        np.testing.assert_array_equal(results[0][position], results[2][position])


def slice_differences(u, w):
    d = u[1:] - u[:-1]
    return np.sum(d * d) + np.sum(u * u) + np.sum(w[1:] * (1.0 - u[:-1]))


def test_negated_terms_are_subtracted_in_place():
    """``t = -x`` read only by the next statement, ``v[i] += t``, is ``v[i] -= x`` (``t`` gone);
    ``v[i] += -x * y`` is ``v[i] -= x * y``: bit for bit the generic derivative's values."""
    derivative = tangentish.grad(slice_differences, wrt=(0, 1))
    args = (RNG.normal(size=7), RNG.normal(size=7))
    results = specialized_calls(derivative, args, 3)
    special = derivative.source_for(*args)
    assert "u_bar[:-1] -= d_bar" in special and "+= -" not in special and \
        "= -d_bar" not in special, special
    for position in (0, 1):
        np.testing.assert_allclose(results[2][position],
                                   numeric_grad(slice_differences, args, position), rtol=1e-6)
        np.testing.assert_array_equal(results[0][position], results[2][position])


C32 = (np.linspace(0.1, 1.0, 3) / 3.0).astype(np.float32)


def times_float32_constant(x, y):
    return np.sum(np.sin(x) * y) + np.sum(x * C32)


def test_a_float32_start_is_never_summed_in_place():
    """``x_bar = out_bar * C32`` is float32 (a Python float times float32), so ``x_bar += t`` of
    a float64 term would round it; the sum must stay ``x_bar = x_bar + t`` (float64)."""
    args = (np.linspace(0.3, 0.9, 3) / 7.0, np.linspace(-1.0, 1.0, 3) / 3.0)
    derivative = tangentish.grad(times_float32_constant, wrt=(0, 1))
    generic = derivative(*args)
    for _ in range(2):
        got = derivative(*args)
        assert got[0].dtype == np.float64
        np.testing.assert_array_equal(got[0], generic[0])
        np.testing.assert_array_equal(got[0], C32.astype(np.float64) + np.cos(args[0]) * args[1])
    assert "x_bar += " not in derivative.source_for(*args)


def sums_of_sums(x):  # the adjoints of the partial sums are copies of the seed
    return (np.sum(np.asarray(x, dtype=np.float64) * 2.0) + np.sum(np.asanyarray(x) ** 2)
            + np.sum(np.ascontiguousarray(x) * x) + np.sum(np.asarray(x, dtype=int) * x)
            + np.sum(np.asfortranarray(x)))


@pytest.mark.parametrize("args", [(np.linspace(0.5, 2.5, 4),),
                                  (np.linspace(0.5, 2.5, 6).reshape(2, 3),)])
def test_a_copy_of_the_seed_keeps_the_seed(args):
    """Copies of ``out_bar`` (a parameter, bound again by the seed check) are never coalesced
    into it: the seed reads the parameter, not a name bound after it."""
    for make in (tangentish.grad, tangentish.value_and_grad):
        derivative = make(sums_of_sums)
        assert "out_bar = _rt.seed(out, out_bar, " in derivative.source, derivative.source
        for _ in range(3):
            got = derivative(*args)
            got = got if make is tangentish.grad else got[1]
            np.testing.assert_allclose(got, numeric_grad(sums_of_sums, args, 0), rtol=1e-6)


def rolled(u, k):  # u_bar = 1.0 * u (the unit seed's copy), then np.roll's terms summed in
    lap = np.roll(u, 1) - 2 * u + np.roll(u, -1)
    return 0.5 * np.sum(u * u) + k * np.sum(lap * lap)


def test_a_copy_summed_into_first_is_the_sum():
    """``u_bar = 1.0 * u`` followed by ``u_bar += e`` is ``u_bar = u + e``: bit for bit the
    generic derivative's values (``1.0 * u`` is ``u``), one array pass less, and still no
    gradient sharing the caller's memory."""
    args, fn = (RNG.normal(size=9), 0.3), rolled
    derivative = tangentish.grad(fn, wrt=(0, 1))
    results = specialized_calls(derivative, args, 3)
    special = derivative.source_for(*args)
    assert "1.0 * u" not in special and "u_bar = u " in special, special
    np.testing.assert_allclose(results[2][0], numeric_grad(fn, args, 0), rtol=1e-6)
    np.testing.assert_array_equal(results[0][0], results[2][0])
    assert not np.shares_memory(results[2][0], args[0])
