"""Objects, containers and configuration as people write them (oop34): ``numpy.polynomial``'s
series objects called (``Polynomial(c)(x)``, ``p.deriv()(x)``, ``Chebyshev(c)(x)``), sums
over a constant config dict's items (a generator, a loop reading a dict local or a dict of
functions at the config's keys), one layer object applied twice (``layer(layer(x))``), a
record built by a helper then read, ``np.put_along_axis`` into a temporary, one layer in two
fields of a record or twice in a model's list.  Rows: :data:`CASES` (``tests/test_oop32.py``)."""

from __future__ import annotations

import numpy as np
from idioms15_check import Case, seeded
from oop32_zoo import W1, W2, X4, Dense, Sequential, softplus
from oop33_zoo import build_model

_n, _u, _ = seeded(3401)

Polynomial = np.polynomial.Polynomial
POWERS = {1: 0.5, 2: -1.5, 3: 0.25}
WEIGHTS = {"data": 1.0, "l2": 0.1}
MIX = {"softplus": 0.5, "sin": 2.0}
SETTINGS = {"act": "sin"}


# numpy.polynomial's series objects


def polynomial_called(c, x):
    return np.sum(np.polynomial.Polynomial(c)(x) ** 2)


def polynomial_bound(x, c):
    p = Polynomial(c)
    return np.sum(np.sin(p(x)))


def polynomial_slope(c, x):
    p = Polynomial(c)
    dp = p.deriv()
    return np.sum(p(x) * dp(x)) + np.sum(p.deriv(2)(x))


def chebyshev_fit_residual(c, x, y):
    r = np.polynomial.Chebyshev(c)(x) - y
    return 0.5 * np.mean(r ** 2)


def legendre_coefficients_read(c, x):
    series = np.polynomial.Legendre(c * 2.0)
    return np.sum(series(x)) + np.sum(series.coef ** 2)


# a constant config dict passed as an argument


def powers_from_config(x, cfg=POWERS):
    return np.sum(sum(w * x ** p for p, w in cfg.items()))


def powers_as_dict(x, cfg=POWERS):
    terms = {p: w * np.sum(x ** p) for p, w in cfg.items()}
    return sum(terms.values())


def scaled_by_config(x, cfg=MIX):
    scaled = {k: v * np.tanh(x) for k, v in cfg.items()}
    total = 0.0
    for values in scaled.values():
        total = total + np.sum(values ** 2)
    return total


def weighted_terms(w, X, y, weights=WEIGHTS):
    terms = {"data": np.mean((X @ w - y) ** 2), "l2": np.sum(w ** 2)}
    total = 0.0
    for name, scale in weights.items():
        total = total + scale * terms[name]
    return total


def activations_by_config(x, cfg=MIX):
    acts = {"tanh": np.tanh, "softplus": softplus, "sin": np.sin}
    total = 0.0
    for name in cfg:
        total = total + cfg[name] * np.sum(acts[name](x))
    return total


def get_activation(name):
    """The activation called ``name``."""
    return {"tanh": np.tanh, "softplus": softplus, "sin": np.sin}[name]


def activation_from_getter(W, x, act_name="softplus"):
    act = get_activation(act_name)
    h = act(W @ x)
    return np.sum(act(h) ** 2)


def configured_activation():
    return {"tanh": np.tanh, "sin": np.sin}[SETTINGS["act"]]


def activation_from_settings(W, x):
    act = configured_activation()
    if not np.all(np.isfinite(x)):
        return 0.0
    return np.mean(act(W @ x)) + 0.1 * np.sum(W ** 2)


def activation_at_config(W, x):
    act = get_activation(SETTINGS["act"])
    return np.sum(act(W @ x))


# one object used twice, a record from a helper


class Pair:
    def __init__(self, first, second):
        self.first = first
        self.second = second


def make_layer(W, act=np.tanh):
    return Dense(W, np.full(W.shape[0], 0.1), act=act)


def layer_applied_twice(W, x):
    layer = Dense(W, np.zeros(3))
    return np.sum(layer(layer(x)) ** 2)


def layer_in_loop_twice(W, x):
    layer = Dense(W, np.ones(3) * 0.2, act=softplus)
    for _ in range(2):
        x = layer(x)
    return np.sum(x)


def layer_from_helper(W, x):
    layer = make_layer(W)
    return np.sum(layer(x) * layer.b) + np.sum(layer.W ** 2)


def same_layer_in_two_fields(W, x):
    layer = Dense(W, np.zeros(3))
    pair = Pair(layer, layer)
    return np.sum(pair.second(pair.first(x)) ** 2)


def same_layer_in_a_model(W, x):
    layer = Dense(W, np.ones(3) * 0.1, act=softplus)
    model = Sequential([layer, layer])
    return np.sum(model(x)) + np.sum(layer(x))


def same_layer_listed(W, x):
    layer = Dense(W, np.zeros(3))
    layers = [layer, Dense(np.eye(3), np.ones(3)), layer]
    for each in layers:
        x = each(x)
    return np.sum(x)


def model_from_imported_factory(W1, W2, x):
    model = build_model(W1, W2)  # (a helper of another module: `from model import build_model`)
    return np.sum(model(x) ** 2) + 0.1 * np.sum(model.layers[0].W ** 2)


# np.put_along_axis into a temporary


def put_along_rows(v, x):
    idx = np.argmax(x, axis=1)[:, None]
    out = np.zeros_like(x)
    np.put_along_axis(out, idx, v, axis=1)
    return np.sum(out * x) + np.sum(out ** 2)


def put_along_then_softmax(x):
    idx = np.argsort(x, axis=1)[:, :1]
    out = np.zeros_like(x)
    np.put_along_axis(out, idx, np.take_along_axis(x, idx, axis=1) * 2.0, axis=1)
    e = np.exp(out - np.max(out, axis=1, keepdims=True))
    return np.sum(np.log(np.sum(e, axis=1)))


XP = _u(-0.9, 0.9, 6)
C4 = _n(4)
XM = _n(4, 3)

CASES = [
    Case("polynomial_called", polynomial_called, (C4, XP)),
    Case("polynomial_bound", polynomial_bound, (XP, C4)),
    Case("polynomial_slope", polynomial_slope, (C4, XP), wrt=(0, 1)),  # (second order in c and
    # x at once: each basis function's slope at the points, _rt.series_slope)
    Case("chebyshev_fit_residual", chebyshev_fit_residual, (C4, XP, np.cos(XP)), wrt=(0, 1)),
    Case("legendre_coefficients_read", legendre_coefficients_read, (C4, XP), wrt=(0, 1)),
    Case("powers_from_config", powers_from_config, (XP,)),
    Case("powers_as_dict", powers_as_dict, (XP,)),
    Case("scaled_by_config", scaled_by_config, (XP,)),
    Case("weighted_terms", weighted_terms, (_n(3), XM, _n(4))),
    Case("activations_by_config", activations_by_config, (XP,)),
    Case("activation_from_getter", activation_from_getter, (W1, X4)),
    Case("activation_at_config", activation_at_config, (W1, X4)),
    Case("activation_from_settings", activation_from_settings, (W1, X4)),
    Case("layer_applied_twice", layer_applied_twice, (_n(3, 3, scale=0.5), X4[:3]), wrt=(0, 1)),
    Case("layer_in_loop_twice", layer_in_loop_twice, (_n(3, 3, scale=0.5), X4[:3]), wrt=(0, 1)),
    Case("layer_from_helper", layer_from_helper, (W1, X4), wrt=(0, 1)),
    Case("same_layer_in_two_fields", same_layer_in_two_fields, (_n(3, 3, scale=0.5), X4[:3]),
         wrt=(0, 1)),
    Case("same_layer_in_a_model", same_layer_in_a_model, (_n(3, 3, scale=0.5), X4[:3])),
    Case("same_layer_listed", same_layer_listed, (_n(3, 3, scale=0.5), X4[:3])),
    Case("model_from_imported_factory", model_from_imported_factory, (W1, W2, X4), wrt=(0, 1)),
    Case("put_along_rows", put_along_rows, (_n(4, 1), XM), wrt=(0, 1), second=False),
    Case("put_along_then_softmax", put_along_then_softmax, (XM,), second=False),
]


# Refused, each naming what it cannot follow (``tests/test_oop32.py``): (program, arguments,
# words the message holds).


def polynomial_on_a_domain(c, x):
    return np.sum(Polynomial(c, domain=[0.0, 2.0])(x))


def shared_layer_then_written(W, x):
    layer = Dense(W, np.zeros(3))
    pair = Pair(layer, layer)
    pair.first.b = np.ones(3)  # (pair.second.b too: one object)
    return np.sum(pair.second(x))


REFUSED = [
    (polynomial_on_a_domain, (C4, XP), ("Polynomial(c, domain=[0.0, 2.0])",)),
    (shared_layer_then_written, (_n(3, 3), X4[:3]), ("Pair(layer, layer)", "used as a whole")),
]
