"""passes/merged_selections.py: the two weights of one selection, each multiplied into a term of
one adjoint sum, are one ``np.where`` of the terms (huber's ``r_bar = np.where(_t1, r,
np.sign(r))``, not two arrays of ones and zeros, two products and a sum).  Rows' gradients
(generic first call, specialized later ones) against central finite differences; the pass on
texts run before and after at special values."""

from __future__ import annotations

import gast
import numpy as np
import pytest
from helpers import numeric_grad, specialized_calls

import tangentish
from tangentish import ir
from tangentish.passes.merged_selections import merge_selections
from tangentish.syntax.printer import function_text

RNG = np.random.default_rng(5976)


def huber(w, X, y):  # the weights bound to names, the second term added in place
    r = X @ w - y
    a = np.abs(r)
    return np.sum(np.where(a < 1.0, 0.5 * r * r, a - 0.5))


def square_or_sine(x):  # a doubled product: 2 * (w * x)
    return np.sum(np.where(x > 0.3, x * x, np.sin(x)))


def exp_or_identity(x):  # a weight alone is a term: 1.0
    return np.sum(np.where(x > 0.0, np.exp(x), x))


ROWS = [
    (huber, 0, (RNG.normal(size=3), RNG.normal(size=(9, 3)), 3 * RNG.normal(size=9))),
    (square_or_sine, 0, (RNG.normal(size=8),)),
    (exp_or_identity, 0, (RNG.normal(size=8),)),
]


@pytest.mark.parametrize("fn, wrt, args", ROWS, ids=[r[0].__name__ for r in ROWS])
def test_two_weights_of_one_selection_are_one_selection(fn, wrt, args):
    derivative = tangentish.grad(fn, wrt=wrt)
    results = specialized_calls(derivative, args, 3)  # generic, then specialized twice
    for got in results:
        np.testing.assert_allclose(got, numeric_grad(fn, args, wrt), rtol=1e-6, atol=1e-8)
    code = "\n".join(line for line in derivative.source_for(*args).splitlines()
                     if not line.strip().startswith("#"))
    assert code.count("np.where(") == 1 and "1.0, 0.0" not in code, code


_BASE = ("def g(c, r, s, k):\n"
         "    w = np.where(c, 1.0, 0.0)\n"
         "    u = np.where(c, 0.0, 1.0)\n"
         "    v = w * r\n"
         "    v = v + u * np.sign(s)\n"
         "    return v\n")


def _merged(text: str, adjoint=(0, 1, 2, 3), float64=("r", "s")) -> tuple[str, bool]:
    tree = gast.parse(text).body[0]
    for index in adjoint:
        ir.note(tree.body[index]).adjoint = True
    merged = merge_selections(tree.body, set(float64), "np")
    return function_text(tree), merged


def test_the_merge_and_what_each_condition_refuses():
    text, merged = _merged(_BASE)
    assert merged and "v = np.where(c, r, np.sign(s))" in text and "v + " not in text, text
    refused = {
        "a weight read twice": _BASE.replace("return v", "return v, w"),
        "two conditions": _BASE.replace("u = np.where(c,", "u = np.where(k,"),
        "one side twice": _BASE.replace("np.where(c, 0.0, 1.0)", "np.where(c, 1.0, 0.0)"),
        "a weight of 2": _BASE.replace("np.where(c, 0.0, 1.0)", "np.where(c, 0.0, 2.0)"),
        "the condition rebound": _BASE.replace("    w =", "    c = k\n    c = ~k\n    w ="),
        "a statement between": _BASE.replace("    v = v +", "    k = 2\n    v = v +"),
        "the term reads the sum": _BASE.replace("np.sign(s)", "np.sign(v)"),
        "another sum": _BASE.replace("v = v + u", "v = k + u"),
    }
    for reason, changed in refused.items():
        assert not _merged(changed)[1], reason
    assert not _merged(_BASE, adjoint=(0, 1))[1], "primal code"
    loop = ("def g(c, r, s, k):\n"
            "    for i in k:\n"
            "        w = np.where(c, 1.0, 0.0)\n"
            "        u = np.where(c, 0.0, 1.0)\n"
            "        v = w * r\n"
            "        v = v + u * np.sign(s)\n"
            "    return v\n")
    terms = "        v = w * r\n        v = v + u * np.sign(s)\n"
    weights = "        w = np.where(c, 1.0, 0.0)\n        u = np.where(c, 0.0, 1.0)\n"
    for text, merges in ((loop, True),  # (in order in one step)
                         (loop.replace(weights + terms, terms + weights), False),  # (weights of
                         (loop.replace(weights, weights + "        c = i > 0\n"), False)):  # the
        tree = gast.parse(text).body[0]                            # step before, of another c)
        for stmt in tree.body[0].body:
            ir.note(stmt).adjoint = True
        assert merge_selections(tree.body, {"r", "s"}, "np") is merges, text
    assert not _merged(_BASE, float64=())[1], "no term proven float64 (its dtype)"


def test_the_merge_is_bit_for_bit_where_the_unused_term_is_finite():
    special = np.array([0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, np.nan, 1e-300, -1e300, 3.0])
    c, r, s = (a.ravel() for a in np.meshgrid([True, False], special, special))
    results = []
    for source in (_BASE, _merged(_BASE)[0]):
        space: dict = {"np": np}
        exec(source, space)  # (the texts of this test)
        with np.errstate(all="ignore"):
            results.append(space["g"](c, r, s, 0))
    before, after = results
    unused_finite = np.where(c, np.isfinite(s), np.isfinite(r))
    same = (before == after) | np.isnan(before) & np.isnan(after)
    assert np.all(same | ~unused_finite)
    signs = np.signbit(before) == np.signbit(after)
    assert np.all(signs | (before == 0) | np.isnan(before) | ~unused_finite)  # (zeros' signs)
    # where the unused term is inf or NaN: NaN before (0.0 * inf), the used term's value after
    chosen = np.where(c, r, np.sign(s))
    np.testing.assert_array_equal(after[~unused_finite], chosen[~unused_finite])
