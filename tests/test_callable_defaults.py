"""A parameter whose default is a function, called in the body (``def mlp(x, act=np.tanh)``,
keyword-only ``def mlp(x, *, act=np.tanh)``, and autograd's own test idiom
``def fun(a, _r=reduction)``): its calls are the default's (passes/callable_defaults.py); it was
refused as "a call to a local value".  Another function passed for it raises TypeError naming
the parameter (but a helper of another module handed one is differentiated for it); a default the
function's scope cannot name stays refused.  Checked against
finite differences, at first and second order."""

import numpy as np
import pytest
import scipy.stats as sst
from far_helpers import far_layer, softsign

import tangentish


def swish(v):
    return v / (1.0 + np.exp(-v))


def mlp(x, w, act=np.tanh):
    return np.sum(act(x @ w) ** 2)


def user_activation(x, act=swish, scale=2.0):
    return np.sum(act(x) * scale) + np.sum(act(x * 0.5))


def two_defaults(x, reduce=np.max, inner=np.sin):
    return reduce(inner(x) * x)


def keyword_only(x, w, *, act=np.tanh, out=swish, scale=0.5):
    return np.sum(out(act(x @ w) * scale) ** 2)


def loop_idiom():  # def fun(a, _r=r) in a loop: each its own default
    made = []
    for r in (np.sum, np.prod, np.max, np.min):
        def fun(a, _r=r):
            return _r(np.exp(a) * np.array([0.6, 1.1, 1.7]))

        def keyword(a, *, _r=r):  # (the same code, another keyword-only default: built anew)
            return _r(np.sin(a) * np.array([0.6, 1.1, 1.7]))
        made += [fun, keyword]
    return made


X = np.array([[0.3, -0.5], [0.8, 0.1]])
W = np.array([[0.2, -0.4], [0.7, 0.5]])


@pytest.mark.parametrize("order", [1, 2])
def test_defaults_are_differentiated(order):
    tangentish.check_grads(mlp, (X, W), wrt=(0, 1), order=order, warn=False)
    tangentish.check_grads(user_activation, (X[0],), order=order, warn=False)
    tangentish.check_grads(two_defaults, (X[0],), order=order, warn=False)
    tangentish.check_grads(keyword_only, (X, W), wrt=(0, 1), order=order, warn=False)
    for fun in loop_idiom():
        tangentish.check_grads(fun, (0.7,), order=order, warn=False)


def test_closed_form_and_jvp():
    g = tangentish.grad(mlp, wrt=1)(X, W)
    t = np.tanh(X @ W)
    np.testing.assert_allclose(g, X.T @ (2.0 * t * (1.0 - t ** 2)))
    _, tangent = tangentish.jvp(mlp)(X, W, x_dot=np.ones_like(X))
    assert np.isfinite(tangent)


def test_the_default_given_explicitly_is_fine_and_another_function_is_refused():
    g = tangentish.grad(mlp)
    np.testing.assert_allclose(g(X, W, np.tanh), g(X, W))
    with pytest.raises(TypeError, match="built for its default act=np.tanh"):
        g(X, W, np.sin)
    k = tangentish.grad(keyword_only)
    np.testing.assert_allclose(k(X, W, act=np.tanh), k(X, W))
    with pytest.raises(TypeError, match="built for its default out=swish"):
        k(X, W, out=np.tanh)


def test_a_default_the_scope_cannot_name_stays_refused():
    def f(x, act=lambda v: v * v):
        return np.sum(act(x))

    def g(x, *, act=lambda v: np.sin(v)):
        return np.sum(act(x))
    for fn in (f, g):
        with pytest.raises(tangentish.UnsupportedConstructError, match="call to a local value"):
            tangentish.grad(fn)(X[0])


def test_the_persistent_cache_keeps_no_derivative_holding_a_default(tmp_path, monkeypatch):
    from tangentish.cache import CACHE
    from tangentish.persist import store
    from tangentish.pipeline import refresh_environment

    monkeypatch.setenv("TANGENTISH_CACHE_DIR", str(tmp_path / "cache"))
    refresh_environment()
    CACHE.clear()
    try:
        stores = store.STATS.stores
        funs = loop_idiom()
        for fun in funs:
            for _ in range(2):  # (in memory, then again after clearing it: read from disk?)
                tangentish.check_grads(fun, (0.7,), warn=False)
                CACHE.clear()
        assert store.STATS.stores == stores  # (each default: a derivative of its own, not kept)
    finally:
        monkeypatch.delenv("TANGENTISH_CACHE_DIR")
        refresh_environment()
        CACHE.clear()


def passes_functions(x, w):  # (another module's helper: each call its own derivative)
    return np.sum(far_layer(x, w, act=np.cos) + far_layer(x, w, softsign, final=np.exp)
                  + far_layer(x, w) ** 2)


@pytest.mark.parametrize("order", [1, 2])
def test_a_function_passed_for_a_function_default_of_another_modules_helper(order):
    """``far_layer(x, w, act=np.cos)``: the helper's derivative is built for the function the
    call passes, as it is for its default (it raised TypeError: "built for its default act=")."""
    tangentish.check_grads(passes_functions, (X, W), wrt=(0, 1), order=order, warn=False)
    for _ in range(2):
        value, _ = tangentish.value_and_grad(passes_functions)(X, W)
        assert value == passes_functions(X, W)


class _Scaled:
    def __init__(self, w):
        self.w = w

    def loss(self, x):
        return np.sum(np.tanh(self.w * x) ** 2)


SCALED = _Scaled(1.5)


# A bound method as the default (each read of it makes a new method object, equal to it):
def nll(mu, x, meth=sst.norm.logpdf, *, tail=sst.logistic.logcdf):
    return -np.sum(meth(x, mu, 1.0)) - np.sum(tail(x * mu))


def outer(x, lossf=SCALED.loss):
    return lossf(x) * 3.0


@pytest.mark.parametrize("order", [1, 2])
def test_a_bound_method_default_is_differentiated(order):
    """``meth=sst.norm.logpdf``, ``lossf=model.loss``: spelled by the object's path and checked
    with ``!=`` (it was refused as a call to a local value)."""
    tangentish.check_grads(nll, (0.3, X[0]), order=order, warn=False)
    tangentish.check_grads(outer, (X[1],), order=order, warn=False)


def test_a_bound_method_default_given_again_is_fine_and_another_is_refused():
    g = tangentish.grad(nll)
    np.testing.assert_allclose(g(0.3, X[0], sst.norm.logpdf), g(0.3, X[0]))
    with pytest.raises(TypeError, match=r"built for its default meth=sst\.norm\.logpdf"):
        g(0.3, X[0], sst.norm.logcdf)
    with pytest.raises(TypeError, match=r"built for its default tail=sst\.logistic\.logcdf"):
        g(0.3, X[0], tail=sst.norm.logcdf)
