"""NumPy models written with objects held in objects (oop33): a model holding a list of layers
passed to its ``__init__`` (``Sequential([Dense(W1, b1), Dense(W2, b2)])``), its loop over them
stopping early (``break`` at a layer flagged ``last`` or when the activations grow), a model
holding layers in named fields (``Model(encoder=Dense(...), head=Dense(...))``), a residual
block around a layer, ``getattr(self, name)`` at a constant name or over a loop of constant
names, a dict of arrays stored by ``__init__``, a module's function table at a key a module
config dict's ``get`` gives, and a layer bound in a loop over positions (``layer =
self.layers[i]``).  Rows: :data:`CASES` (``tests/test_oop32.py``)."""

from __future__ import annotations

import numpy as np
from idioms15_check import Case, seeded
from oop32_zoo import (
    B1,
    B2,
    W1,
    W2,
    X4,
    XS,
    YS,
    Affine,
    Dense,
    Params,
    Residual,
    Sequential,
    softplus,
)

_n, _u, _ = seeded(3301)

SETTINGS = {"act": "softplus", "depth": 2}
ACTS = {"tanh": np.tanh, "softplus": softplus, "sin": np.sin}


class Flagged:
    def __init__(self, W, b, last=False):
        self.W = W
        self.b = b
        self.last = last

    def __call__(self, x):
        return np.tanh(self.W @ x + self.b)


class StopAtLast:
    def __init__(self, layers):
        self.layers = layers

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
            if layer.last:
                break
        return x


class Bounded:
    def __init__(self, layers, limit=10.0):
        self.layers = layers
        self.limit = limit

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
            if np.max(np.abs(x)) > self.limit:
                break
        return x


class Model:
    def __init__(self, encoder, head):
        self.encoder = encoder
        self.head = head

    def __call__(self, x):
        return self.head(self.encoder(x))


class TwoWeights:
    def __init__(self, w1, w2):
        self.w1 = w1
        self.w2 = w2

    def first(self):
        return getattr(self, "w1")  # noqa: B009  (the form followed)

    def penalty(self):
        total = 0.0
        for name in ("w1", "w2"):
            total += np.sum(getattr(self, name) ** 2)
        return total


class Indexed:
    def __init__(self, layers):
        self.layers = layers

    def __call__(self, x):
        for i in range(len(self.layers)):
            layer = self.layers[i]
            x = np.tanh(layer.W @ x + layer.b)
        return x


class MLP:
    def __init__(self, layers):
        self.layers = layers

    def __call__(self, x):
        for i, layer in enumerate(self.layers):
            x = layer.W @ x + layer.b
            if i < len(self.layers) - 1:
                x = np.tanh(x)
        return x


class Stored:
    def __init__(self, w, b, scale=2.0):
        self.params = {"w": w, "b": b * scale}

    def loss(self, X, y):
        r = X @ self.params["w"] + self.params["b"] - y
        return np.mean(r ** 2)


# programs


def sequential_from_list(W1, b1, W2, b2, x):
    model = Sequential([Dense(W1, b1), Dense(W2, b2, act=np.sin)])
    return np.sum(model(x))


def sequential_bound_list(W1, W2, x):
    layers = [Dense(W1, np.zeros(3), act=softplus), Dense(W2, np.zeros(2))]
    model = Sequential(layers)
    return np.sum(model(x) ** 2)


def stop_at_last_flag(W1, x):
    model = StopAtLast([Flagged(W1, np.zeros(3)), Flagged(np.eye(3), np.ones(3), last=True),
                        Flagged(np.eye(3) * 5.0, np.ones(3))])
    return np.sum(model(x) ** 2)


def stop_when_large(W1, x):
    model = Bounded([Dense(W1, np.zeros(3)), Dense(np.eye(3) * 4.0, np.ones(3), act=np.sinh),
                     Dense(np.eye(3), np.zeros(3))], limit=2.0)
    return np.sum(model(x))


def break_in_function_loop(W1, x):
    layers = [Dense(W1, np.zeros(3)), Dense(np.eye(3) * 3.0, np.ones(3), act=np.sinh),
              Dense(np.eye(3) * 0.1, np.zeros(3))]
    for layer in layers:
        x = layer(x)
        if np.sum(x ** 2) > 4.0:
            break
    return np.sum(x)


def continue_in_function_loop(W1, x):
    layers = [Flagged(W1, np.zeros(3)), Flagged(np.eye(3), np.ones(3), last=True),
              Flagged(np.eye(3) * 0.5, np.zeros(3))]
    total = 0.0
    for layer in layers:
        x = layer(x)
        if layer.last:
            continue
        total = total + np.sum(x ** 2)
    return total + np.sum(x)


def encoder_and_head(W1, b1, W2, b2, x):
    model = Model(encoder=Dense(W1, b1), head=Dense(W2, b2, act=softplus))
    return np.sum(model(x) ** 2)


def encoder_head_bound_first(W1, W2, x):
    enc = Dense(W1, np.zeros(3), act=softplus)
    head = Dense(W2, np.ones(2))
    model = Model(enc, head)
    return np.sum(model(x) ** 2)


def residual_of_sequential(x, W):
    block = Residual(Sequential([Dense(W, np.zeros(3)), Dense(W.T, np.zeros(3), act=np.sin)]))
    return np.sum(block(x) ** 2)


def model_of_models(W1, x):
    inner = Model(Dense(W1, np.zeros(3)), Dense(np.eye(3), np.ones(3), act=np.sin))
    model = Model(inner, Dense(np.ones((2, 3)) * 0.5, np.zeros(2), act=softplus))
    return np.sum(model(x))


def getattr_constant_name(w1, w2):
    weights = TwoWeights(w1, w2)
    return np.sum(weights.first() ** 3) + weights.penalty()


def getattr_in_function(w1, w2):
    weights = TwoWeights(w1, w2)
    total = 0.0
    for name in ("w1", "w2"):
        total = total + np.sum(np.sin(getattr(weights, name)))
    return total * getattr(weights, "w2")[0]  # noqa: B009


def params_dict_read(W, x):
    layer = Params(W, np.zeros(3))
    return np.sum(layer(x) ** 2)


def params_dict_computed(w, X, y):
    return Stored(w, 0.1).loss(X, y)


def table_at_config_get(x):
    return np.sum(ACTS[SETTINGS.get("act", "tanh")](x) * x)


def display_at_config_get(W, x):
    act = {"tanh": np.tanh, "softplus": softplus}[SETTINGS.get("act", "tanh")]
    return np.sum(act(W @ x))


def layer_bound_by_index(W1, W2, x):
    model = Indexed([Dense(W1, np.zeros(3)), Dense(W2, np.ones(2))])
    return np.sum(model(x) ** 2)


def mlp_last_layer_linear(W1, W2, x):
    model = MLP([Dense(W1, np.zeros(3)), Dense(np.eye(3), np.ones(3)), Dense(W2, np.zeros(2))])
    return np.sum(model(x) ** 2) / len(model.layers)


def build_model(W1, W2):
    return Sequential([Dense(W1, np.zeros(3)), Dense(W2, np.zeros(2), act=softplus)])


def model_from_factory(W1, W2, x):
    model = build_model(W1, W2)
    return np.sum(model(x) ** 2)


def layer_alias_in_range_loop(W1, x):
    layers = [Dense(W1, np.zeros(3)), Dense(np.eye(3) * 0.5, np.ones(3), act=softplus)]
    for i in range(2):
        layer = layers[i]
        x = layer(x)
    return np.sum(x ** 2)


def layer_alias_enumerated(W1, x):
    layers = [Dense(W1, np.zeros(3)), Dense(np.eye(3) * 0.5, np.ones(3), act=softplus)]
    total = 0.0
    for i, layer in enumerate(layers):
        x = layer(x)
        total = total + (i + 1) * np.sum(x)
    return total


def layer_alias_two_classes(W1, x):
    layers = [Dense(W1, np.zeros(3)), Affine(0.5, 0.1), Flagged(np.eye(3), np.ones(3))]
    for i in range(len(layers)):
        layer = layers[i]
        x = layer(x)
    return np.sum(x ** 2)


def layers_loop_else(W1, x):
    layers = [Dense(W1, np.zeros(3)), Dense(np.eye(3), np.ones(3), act=softplus)]
    for layer in layers:
        x = layer(x)
    else:
        x = layer(x) * 2.0
    return np.sum(x) + np.sum(layer(x))


CASES = [
    Case("sequential_from_list", sequential_from_list, (W1, B1, W2, B2, X4)),
    Case("sequential_bound_list", sequential_bound_list, (W1, W2, X4), wrt=1),
    Case("stop_at_last_flag", stop_at_last_flag, (W1, X4)),
    Case("stop_when_large", stop_when_large, (W1, X4)),
    Case("break_in_function_loop", break_in_function_loop, (W1, X4)),
    Case("continue_in_function_loop", continue_in_function_loop, (W1, X4)),
    Case("encoder_and_head", encoder_and_head, (W1, B1, W2, B2, X4), wrt=2),
    Case("encoder_head_bound_first", encoder_head_bound_first, (W1, W2, X4)),
    Case("residual_of_sequential", residual_of_sequential, (_n(3), _n(3, 3, scale=0.5)),
         wrt=1),
    Case("model_of_models", model_of_models, (W1, X4)),
    Case("getattr_constant_name", getattr_constant_name, (_n(3), _n(2))),
    Case("getattr_in_function", getattr_in_function, (_n(3), _n(2)), wrt=1),
    Case("params_dict_read", params_dict_read, (W1, X4)),
    Case("params_dict_computed", params_dict_computed, (_n(4), XS, YS)),
    Case("table_at_config_get", table_at_config_get, (X4,)),
    Case("display_at_config_get", display_at_config_get, (W1, X4)),
    Case("layer_bound_by_index", layer_bound_by_index, (W1, W2, X4), wrt=1),
    Case("mlp_last_layer_linear", mlp_last_layer_linear, (W1, W2, X4), wrt=1),
    Case("model_from_factory", model_from_factory, (W1, W2, X4), wrt=1),
    Case("layer_alias_in_range_loop", layer_alias_in_range_loop, (W1, X4)),
    Case("layer_alias_enumerated", layer_alias_enumerated, (W1, X4)),
    Case("layer_alias_two_classes", layer_alias_two_classes, (W1, X4)),
    Case("layers_loop_else", layers_loop_else, (W1, X4)),
]


# Refused, each naming what it cannot follow (``tests/test_oop32.py``): (program, arguments,
# words the message holds).


def layer_read_after_break(W1, x):
    layers = [Dense(W1, np.zeros(3)), Dense(np.eye(3) * 3.0, np.ones(3), act=np.sinh)]
    for layer in layers:
        x = layer(x)
        if np.sum(x ** 2) > 1.0:
            break
    return np.sum(layer.b * x)


def getattr_at_unknown_name(w1, w2, name="w2"):
    weights = TwoWeights(w1, w2)
    return np.sum(getattr(weights, name) ** 2)


def getattr_no_such_field(w1, w2):
    weights = TwoWeights(w1, w2)
    total = 0.0
    for name in ("w1", "w3"):
        total = total + np.sum(getattr(weights, name, 0.0))
    return total


REFUSED = [
    (layer_read_after_break, (W1, X4), ("layer(x)", "after a `break`")),
    (getattr_at_unknown_name, (_n(3), _n(2)),
     ("getattr(weights, name)", "getattr(weights, ...)", "not a constant", "TwoWeights")),
    (getattr_no_such_field, (_n(3), _n(2)), ("getattr(weights, name, 0.0)", "TwoWeights")),
]
