"""A small helper with ``*args`` (``def total(*parts)``), inlined where it is called: its
``*args`` is the tuple of the positional arguments left after the named ones, as Python makes it
(passes/inline.py ``_bind``).  Each caller in grad, value_and_grad, vjp and jvp against central
differences, and the second order against the project's checker; a helper that is not inlined
(``tangentish.checkpoint``) gets a derivative over the tuple its ``*args`` collects
(passes/displays.py), once refused."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_every_mode, numeric_grad

import tangentish


def _total(*parts):
    s = 0.0
    for p in parts:
        s = s + np.sum(p)
    return s


def _weighted(w, *terms, scale=1.0):
    return scale * sum(w * np.sum(t ** 2) for t in terms) + len(terms)


def _first_and_rest(*xs):
    if len(xs) == 0:
        return 0.0
    return np.sum(xs[0] * xs[-1]) + np.sum(np.stack(xs[1:]) if len(xs) > 1 else xs[0])


@tangentish.checkpoint
def _checkpointed(*parts):
    return np.sum(parts[0]) * np.sum(np.cos(parts[-1]))


def _scaled(x, y, *, scale=1.0, power=2):
    return scale * np.sum((x - y) ** power)


def _apply(fn, *args, **kwargs):
    return fn(*args, **kwargs)


def sums(x):
    return _total(x, x ** 2, np.cos(x)) + _total() + _total(2.0, x[0])


def weighted(x):
    return _weighted(0.5, x, np.sin(x), scale=2.0) + _weighted(x[1])


def first_and_rest(x):
    return _first_and_rest(x, x * 3.0, np.exp(x)) + _first_and_rest(x) + _first_and_rest()


def not_inlined(x):
    return _checkpointed(x * 2.0) + _checkpointed(x, 3.0, np.sin(x))


def forwarded(x):
    """``fn(*args, **kwargs)`` in a helper, inlined: a parameter per positional argument
    (passes/keyword_collect.py ``collect_positionals``) spread to a callee with keyword-only
    parameters (syntax/star.py; idioms30's ``args_kwargs_forward``, refused before)."""
    opts = {"scale": 0.5, "power": 4}
    return _apply(_scaled, x, np.sin(x), **opts) + _apply(_scaled, x, 1.0) + _apply(np.sum, x)


CASES = [sums, weighted, first_and_rest, not_inlined]
X = np.array([0.7, -0.4, 1.3])


@pytest.mark.parametrize("f", CASES, ids=lambda f: f.__name__)
def test_every_mode(f):
    assert_every_mode(f, X, np.array([1.0, -2.0, 0.5]))
    tangentish.check_grads(f, (X,), order=2, seed=5)


def test_a_helper_forwarding_its_star_args_and_keywords():
    """(grad alone: idioms30's args_kwargs_forward runs it in two more modes.)"""
    np.testing.assert_allclose(tangentish.grad(forwarded)(X), numeric_grad(forwarded, (X,)),
                               rtol=1e-6, atol=1e-8)


def test_the_tuple_is_built_where_the_helper_is_called():
    assert "(x, x_pow_2, cos_x)" in tangentish.grad(sums).source.replace("_1", "")


def test_a_helper_that_is_not_inlined_gets_a_derivative_over_its_star_args():
    assert "_checkpointed_wrt_parts(" in tangentish.grad(not_inlined).source
