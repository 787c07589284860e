"""Sums of products of two float64 vectors as their dot product in a derivative specialized to
float64 arguments (passes/inner_products.py): ``(g * x).sum(axis=0)`` is ``g.dot(x)``, one call and
no array of products; a matrix, a vector of length one against a longer one, a number or a value
of unproven kind keeps the sum.  Each row's gradients (the generic first call, the specialized
later ones) against central finite differences, and the specialized against the generic."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad, specialized_calls

import tangentish
from tangentish.passes import inner_products

RNG = np.random.default_rng(5450)


def softplus(z):
    return np.log1p(np.exp(-np.abs(z))) + np.maximum(z, 0.0)


def layers(x, scale):  # the benchmark's helpers workload: the scale's adjoint, twice
    y = softplus(scale * x + 0.1) - 0.5 * x
    z = softplus(scale * y - 0.2) - 0.5 * y
    return np.sum(z * z) / x.shape[0]


def scaled_tanh(x, scale):  # one product summed
    return np.sum(np.tanh(scale * x + 1.0) ** 2)


def two_scales(x, a, b):  # two numbers scaling one vector, an adjoint made in place
    u = a * x
    v = np.sin(u) * b * x
    return np.sum(v * u)


def scale_matrix(x, scale):  # a matrix: its sum over rows is no dot product
    return np.sum(np.tanh(scale * x) ** 2)


def row_scale(x, w):  # a row of weights over a matrix: (g * x).sum(axis=0) of matrices
    return np.sum(np.tanh(x * w) ** 2)


def one_against_many(x, w):  # a vector of length one against a longer one
    return np.sum(np.tanh(x * w) ** 2)


FOLDED = [
    (layers, (RNG.normal(size=9), 0.8), 2),
    (layers, (RNG.normal(size=300), 0.8), 2),  # (past _rt.step's branch-free size)
    (scaled_tanh, (RNG.normal(size=6), -0.4), 1),
    (two_scales, (RNG.normal(size=5), 0.7, -1.3), 2),
]
KEPT = [
    (scale_matrix, (RNG.normal(size=(4, 3)), 0.6)),
    (row_scale, (RNG.normal(size=(4, 3)), RNG.normal(size=3))),
    (one_against_many, (RNG.normal(size=1), RNG.normal(size=5))),
    (scaled_tanh, (RNG.normal(size=6).astype(np.float32), np.float32(-0.4))),  # (no float64)
]


def _code(derivative, args) -> str:
    return "\n".join(line for line in derivative.source_for(*args).splitlines()
                     if not line.strip().startswith("#"))


def _checked(fn, args, tolerance: float) -> str:
    wrt = tuple(range(len(args)))
    derivative = tangentish.grad(fn, wrt=wrt)
    got = specialized_calls(derivative, args, 3)  # generic, then specialized twice
    expected = numeric_grad(fn, [np.asarray(a, np.float64) for a in args], wrt)
    for gradients in got:
        for gradient, want in zip(gradients, expected, strict=True):
            np.testing.assert_allclose(gradient, want, rtol=tolerance, atol=tolerance)
        for gradient, first in zip(gradients, got[0], strict=True):
            assert np.shape(gradient) == np.shape(first)
            np.testing.assert_allclose(gradient, first, rtol=1e-12, atol=1e-14)
    return _code(derivative, args)


@pytest.mark.parametrize("fn, args, count", FOLDED,
                         ids=[f"{row[0].__name__}-{np.size(row[1][0])}" for row in FOLDED])
def test_sums_of_products_of_vectors_are_dot_products(fn, args, count):
    code = _checked(fn, args, 1e-6)
    assert code.count(".dot(") == count, code
    assert ".sum(" not in code and "np.sum(" not in code, code


@pytest.mark.parametrize("fn, args", KEPT, ids=[row[0].__name__ + str(np.shape(row[1][0]))
                                                 for row in KEPT])
def test_no_dot_product_where_a_factor_is_not_a_proven_vector(fn, args):
    code = _checked(fn, args, 2e-3 if args[0].dtype == np.float32 else 1e-6)
    assert ".dot(" not in code, code


@pytest.mark.parametrize("shape", [(1,), (7,), (1000,)])
def test_the_dot_product_is_the_sum_of_the_products(shape):
    """What the rewrite relies on, for the NumPy it runs with: the same value up to rounding
    (a few units in the last place of the sum of magnitudes), NaN and inf alike, a NumPy float."""
    rng = np.random.default_rng(len(shape))
    a, b = rng.normal(size=shape), rng.normal(size=shape) * 1e3
    got, want = a.dot(b), (a * b).sum(axis=0)
    assert got.__class__ is want.__class__ is np.float64
    assert abs(got - want) <= 8 * np.finfo(float).eps * np.abs(a * b).sum()
    for special in (np.inf, -np.inf, np.nan):
        a[0], b[-1] = special, 0.0
        with np.errstate(invalid="ignore"):  # (inf * 0: both warn alike)
            got, want = a.dot(b), (a * b).sum(axis=0)
        assert np.array_equal(got, want, equal_nan=True), (special, got, want)


def test_the_proof_refuses_a_name_bound_to_two_ranks():
    """A name bound to a vector on one path and a number on another proves nothing (a dot
    product of a number and a vector is a vector)."""
    import gast

    from tangentish.passes.derivative import Derivative

    body = gast.parse("u = x * 2.0\nif c:\n    u = s * 1.0\nr = (u * x).sum(axis=0)\n"
                      "w = x * 3.0\nq = (w * x).sum(axis=0)\n").body
    fn = Derivative.__new__(Derivative)
    fn.body, fn.float64 = body, {"x": (False,), "s": ()}
    fn.args = gast.parse("def f(x, s, c): pass").body[0].args
    fn.machinery = type("Machinery", (), {"aliases": {"np": "np", "_rt": "_rt"}})()
    known = inner_products._known(fn)
    assert known["w"] == (False,) and known["u"] is None, known


def product_tanh(a, b):
    return np.sum(np.tanh(a * b) ** 2)


def product_shifted(a, b):
    return np.sum(np.sin(a * b + a) * b)


SHAPES = [((), (5,)), ((5,), ()), ((1,), (5,)), ((5,), (1,)), ((5,), (5,)), ((1,), (1,)),
          ((4,), (3, 4)), ((3, 4), (4,)), ((3, 1), (3, 4)), ((1, 4), (3, 4)), ((), (3, 4))]


@pytest.mark.parametrize("fn", [product_tanh, product_shifted])
@pytest.mark.parametrize("shapes", SHAPES, ids=[f"{a}x{b}" for a, b in SHAPES])
def test_every_pairing_of_ranks_and_lengths_keeps_the_gradient(fn, shapes):
    """The class: a product's adjoint summed over the axes broadcasting added or stretched, for
    every pairing of a number, a vector of length one or more and a matrix (rows or columns of
    length one), each gradient in its argument's shape, against finite differences and the
    generic derivative; a dot product only where a number scales a vector of proven factors."""
    rng = np.random.default_rng(len(str(shapes)))
    args = tuple(float(rng.normal()) if shape == () else rng.normal(size=shape)
                 for shape in shapes)
    code = _checked(fn, args, 1e-6)
    scaled = sorted(shapes) == [(), (5,)]
    assert ".dot(" not in code or scaled, code
    assert ".dot(" in code or not scaled or fn is product_shifted, code  # (whose adjoint may
    # read _rt.unreduce(1.0, a, view=True), which proves nothing: the sum stays)
