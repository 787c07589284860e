"""Dicts handed whole, and values handed through ``*args``, to a helper of another module (which
gets a derivative of its own): the helper's derivative is built over the leaves of the display
the caller hands it (passes/displays.py: ``Options.structure``, as for a container under
``wrt``).  A dict parameter handed on becomes the display of its leaves (passes/containers.py), a
dict built in the function the display of what it holds there when the helper provably only
reads it (passes/dict_handed.py), and what ``*args`` collects is a tuple display.  Each was
refused ("this use of the dict", "used as a whole", "through its `*args` parameter").  Every
form in both modes and at second order, against central differences; a helper that writes into
the dict stays refused.  A dict handed by keyword to a positional parameter is handed by position
(passes/keyword_calls.py: it was refused, "this use of the dict" or "a dict display")."""

import numpy as np
import pytest
from far_helpers import concat_all, dict_handed_on, dict_loss, grow, nested_dict_loss, weighted

import tangentish

RS = np.random.RandomState(5)
X = RS.randn(4, 3) * 0.5
P = {"w": RS.randn(3, 2) * 0.5, "b": RS.randn(2) * 0.5}
NESTED = {"layers": [{"w": RS.randn(3, 3) * 0.5}, {"w": RS.randn(3, 3) * 0.5}],
          "out": {"w": RS.randn(3, 2) * 0.5, "b": RS.randn(2) * 0.5, "scale": 2.0}}


def parameter_dict(params):
    return dict_loss(params, X)


def nested_parameter(params):
    return nested_dict_loss(params, X)


def handed_on(params):
    return dict_handed_on(params, X)


def built_here(w):
    params = {"w": w, "b": np.ones(2) * 0.1}
    params["scale"] = 3.0
    return dict_loss(params, X) + dict_handed_on(params, X)


def display(w):
    return dict_loss({"w": w * 2.0, "b": w[0], "scale": 0.5}, X)


def _beside(params, x):  # (a helper of this module handed a dict: its own derivative too)
    return np.sum(np.cos(x @ params["w"]) * params["b"])


def same_module(params):
    return _beside(params, X) + dict_loss(params, X)


def through_star(w):
    return np.sum(concat_all(w[0], np.sin(w[1]), w[2]) ** 2)


def star_after_positional(w):
    return weighted(1.5, w, np.cos(w), w[:1])


def by_keyword(w):
    return dict_loss(params={"w": w, "b": 0.0}, x=X)


def parameter_by_keyword(params):  # (keywords out of order: plain values, bound as Python does)
    return dict_loss(x=X, params=params) + _beside(params, x=X * 2.0)


def nested_by_keyword(params):
    return nested_dict_loss(params=params, x=X) + _beside(x=X, params=params["out"])


CASES = {parameter_dict: P, same_module: P, nested_parameter: NESTED, handed_on: P, built_here: P["w"],
         display: P["w"], through_star: P["w"], star_after_positional: P["w"], by_keyword: P["w"],
         parameter_by_keyword: P, nested_by_keyword: NESTED}


@pytest.mark.parametrize("f", list(CASES), ids=lambda f: f.__name__)
@pytest.mark.parametrize("order", [1, 2])
def test_every_mode_matches_differences(f, order):
    tangentish.check_grads(f, (CASES[f],), order=order, seed=7, warn=False)


def test_closed_form():
    g = tangentish.grad(display)(P["w"])
    w = P["w"]
    h = np.tanh(X @ (2.0 * w) + w[0])
    d = 0.5 * 2.0 * h * (1.0 - h ** 2)  # d/d(pre-activation)
    expected = 2.0 * X.T @ d
    expected[0] += d.sum(axis=0)
    np.testing.assert_allclose(g, expected, rtol=1e-12, atol=1e-12)


def written(w):
    params = {"w": w}
    return grow(params) + np.sum(params["w"])


def _keyword_only(x, *, params):
    return np.sum(x @ params["w"])


def keyword_only(params):
    return _keyword_only(X, params=params)


@pytest.mark.parametrize("f, message", [(written, "used as a whole"),
                                        (keyword_only, "this use of the dict")],
                         ids=["written", "keyword_only"])
def test_what_stays_refused(f, message):
    with pytest.raises(tangentish.UnsupportedConstructError, match=message):
        tangentish.grad(f)(P if f is keyword_only else P["w"])
