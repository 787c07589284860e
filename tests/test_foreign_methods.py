"""A record of a class defined in another file, built in the function and called
(``from foreign_layers import Dense``; ``layer = Dense(W, b)``; ``layer(x)``): its method is
inlined, its module's own names read through that module (passes/foreign_methods.py; refused
before as "used as a whole"), checked
against central differences; the generated comments cite the call's line of this file.  A
method reading its own module's constant or helper reads it through that module, when the
derivative runs (a constant rebound later is read anew; a helper rebound later derives again)."""

from __future__ import annotations

import re

import foreign_layers
import numpy as np
import pytest
from foreign_layers import Dense, step
from idioms15_check import Case
from idioms20_check import check_quietly

import tangentish

W = np.array([[0.2, -0.1], [0.4, 0.3], [-0.5, 0.1]])
X = np.array([[0.3, 0.1, -0.2], [0.5, -0.4, 0.2]])


def called(W, X):
    layer = Dense(W, np.zeros(2))
    return np.sum(layer(X) ** 2) + layer.penalty(0.1)


def property_read(W, X):
    layer = Dense(W, np.full(2, 0.1))
    return layer.norm * np.sum(layer(X))


def helper_handed_it(W, X):
    layer = Dense(W, np.ones(2) * 0.1)
    return np.sum(step(layer, X) ** 2)


ROWS = [Case("called", called, (W, X)), Case("property_read", property_read, (W, X)),
        Case("helper_handed_it", helper_handed_it, (W, X))]


@pytest.mark.parametrize("case, mode", [(ROWS[0], "value_and_grad"), (ROWS[1], "hvp"),
                                        (ROWS[2], "jvp")], ids=lambda v: getattr(v, "name", v))
def test_another_files_method_against_finite_differences(case, mode):
    check_quietly(case, mode)


def test_the_generated_comments_cite_this_files_lines():
    text = tangentish.source(called)
    first, last = called.__code__.co_firstlineno, called.__code__.co_firstlineno + 3
    cited = [int(n) for n in re.findall(r"\[test_foreign_methods\.py:(\d+)\]", text)]
    assert cited and all(first <= n <= last for n in cited), cited
    assert "foreign_layers.py" not in text


def scaled(W, X):
    layer = Dense(W, np.zeros(2))
    return np.sum(layer.scaled(X))


def via_helper(W, X):
    layer = Dense(W, np.zeros(2))
    return np.sum(layer.via_helper(X))


@pytest.mark.parametrize("mode", ["value_and_grad", "jvp", "hvp"])
@pytest.mark.parametrize("f", [scaled, via_helper], ids=lambda f: f.__name__)
def test_a_method_reading_its_own_modules_names(f, mode):
    """A constant or a helper of the method's own module: read through that module
    (``_foreign_layers.SCALE``), which was refused."""
    check_quietly(Case(f.__name__, f, (W, X)), mode)


def test_its_modules_constant_is_read_when_the_derivative_runs(monkeypatch):
    d = tangentish.grad(scaled)
    assert "_foreign_layers.SCALE" in d.source
    np.testing.assert_allclose(d(W, X), 2.0 * np.tile(X.sum(axis=0)[:, None], (1, 2)), atol=1e-12)
    monkeypatch.setattr(foreign_layers, "SCALE", 3.0)
    np.testing.assert_allclose(d(W, X), 3.0 * np.tile(X.sum(axis=0)[:, None], (1, 2)), atol=1e-12)


def test_its_modules_helper_rebound_derives_again(monkeypatch):
    d = tangentish.grad(via_helper)
    before = d(W, X)
    monkeypatch.setattr(foreign_layers, "_act", np.sin)  # (the derivative built for _act: stale)
    after = d(W, X)
    np.testing.assert_allclose(after, tangentish.grad(via_helper)(W, X), rtol=1e-12)
    np.testing.assert_allclose(after, X.T @ np.cos(X @ W), rtol=1e-12)
    assert not np.allclose(before, after)


def test_redefining_the_method_derives_again(monkeypatch):
    d = tangentish.grad(called)
    before = d(W, X)
    monkeypatch.setattr(Dense, "__call__", lambda self, x: np.sin(x @ self.W + self.b))
    after = d(W, X)
    h, e = 1e-6, np.zeros_like(W)
    e[0, 0] = h
    assert not np.allclose(before, after)
    np.testing.assert_allclose(after[0, 0], (called(W + e, X) - called(W - e, X)) / (2 * h),
                               rtol=1e-6)
