"""passes/negated_starts.py: an adjoint sum that starts from a negation is one subtraction
(poisson's ``eta_bar = exp_eta - y``, not ``eta_bar = -y`` then ``eta_bar += exp_eta``), bit for
bit.  Rows' gradients (generic first call, specialized later ones) against central finite
differences; the pass on texts run before and after at special values."""

from __future__ import annotations

import gast
import numpy as np
import pytest
from helpers import numeric_grad, specialized_calls

import tangentish
from tangentish import ir
from tangentish.passes.negated_starts import subtract_negated_starts
from tangentish.syntax.printer import function_text

RNG = np.random.default_rng(5977)


def poisson(w, X, y):
    eta = X @ w
    return np.sum(np.exp(eta) - y * eta)


ROWS = [(poisson, 0, (0.1 * RNG.normal(size=4), 0.1 * RNG.normal(size=(7, 4)),
                      RNG.poisson(1.0, size=7).astype(float)))]


@pytest.mark.parametrize("fn, wrt, args", ROWS, ids=[r[0].__name__ for r in ROWS])
def test_a_negated_start_is_one_subtraction(fn, wrt, args):
    derivative = tangentish.grad(fn, wrt=wrt)
    results = specialized_calls(derivative, args, 3)  # generic, then specialized twice
    for got in results:
        np.testing.assert_allclose(got, numeric_grad(fn, args, wrt), rtol=1e-6, atol=1e-8)
    assert "eta_bar = exp_eta - y" in derivative.source_for(*args)


_BASE = "def g(y, e, k):\n    v = -y\n    v = v + e * k\n    return v\n"


def _changed(text: str, adjoint=(0, 1), float64=("y",)) -> tuple[str, bool]:
    tree = gast.parse(text).body[0]
    for index in adjoint:
        ir.note(tree.body[index]).adjoint = True
    changed = subtract_negated_starts(tree.body, set(float64))
    return function_text(tree), changed


def test_the_subtraction_and_what_each_condition_refuses():
    text, changed = _changed(_BASE)
    assert changed and "v = e * k - y\n" in text and "v + " not in text, text
    refused = {
        "the term reads the sum": _BASE.replace("e * k", "e * v"),
        "a statement between": _BASE.replace("    v = v +", "    k = 2\n    v = v +"),
        "another sum": _BASE.replace("v = v + e", "v = k + e"),
        "a difference": _BASE.replace("v = v + e", "v = v - e"),
    }
    for reason, text in refused.items():
        assert not _changed(text)[1], reason
    assert not _changed(_BASE, adjoint=(0,))[1], "primal code"
    assert not _changed(_BASE, float64=())[1], "the negated value not proven float64 (its dtype)"


def test_the_subtraction_is_bit_for_bit():
    special = np.array([0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, np.nan, 1e-300, -1e300, 5e-324])
    y, e = (a.ravel() for a in np.meshgrid(special, special))
    results = []
    for source in (_BASE, _changed(_BASE)[0]):
        space: dict = {}
        exec(source, space)  # (the texts of this test)
        with np.errstate(all="ignore"):
            results.append(space["g"](y, e, 1.0))
    before, after = results
    same = (before == after) & (np.signbit(before) == np.signbit(after))
    assert np.all(same | np.isnan(before) & np.isnan(after))
