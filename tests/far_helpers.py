"""Helpers in a module of their own (not inlined into a caller from another module: their
derivatives are generic, handed whatever the caller passes): for test_far_container_helpers
and test_contraction_supports (a matrix made here, read by a triangular solve there)."""

import numpy as np


def sum_of_squares(ws):
    total = 0.0
    for w in ws:
        total = total + np.sum(w ** 2)
    return total


def layers(params, x):
    for W, b in params:
        x = np.tanh(x @ W + b)
    return np.sum(x ** 2)


def zipped(ws, scales):
    total = 0.0
    for w, s in zip(ws, scales, strict=True):
        total = total + s * np.sum(np.sin(w))
    return total


def two_layers(params, x):
    W1, b1 = params[0]
    W2, b2 = params[1]
    return np.sum(np.tanh(np.tanh(x @ W1 + b1) @ W2 + b2))


def indexed(ws):
    return np.sum(ws[0] ** 2) * np.sum(ws[-1]) + len(ws)


def enumerated(ws):
    total = 0.0
    for i, w in enumerate(ws):
        total = total + (i + 1.0) * np.sum(np.cos(w))
    return total


def handed_on(params, x):
    """A helper handing its list parameter on to another helper."""
    return layers(params, x) * 0.5 + two_layers(params, x)


def joins(xs, ys):
    return np.sum(np.stack(xs + ys) ** 2)


def pair_of(x):
    return [x, 2.0 * x]


def dict_loss(params, x):
    h = np.tanh(x @ params["w"] + params["b"])
    return np.sum(h ** 2) * params.get("scale", 1.0)


def nested_dict_loss(params, x):
    for layer in params["layers"]:
        x = np.sin(x @ layer["w"])
    return np.sum(x) + dict_loss(params["out"], x)


def dict_handed_on(params, x):
    """A helper handing its dict parameter on, whole, to another helper."""
    return dict_loss(params, x) + 0.5 * len(params) * np.sum(params["w"] ** 2)


def grow(params):
    params["extra"] = 1.0
    return np.sum(params["w"])


def concat_all(*arrays):
    return np.concatenate(arrays)


def weighted(scale, *terms):
    total = 0.0
    for t in terms:
        total = total + scale * np.sum(t * t)
    return total


def softsign(z):
    return z / (1.0 + np.abs(z))


def far_layer(x, w, act=np.tanh, *, final=np.sin):
    """Another module's helper with function defaults (it gets a derivative of its own)."""
    return final(act(x @ w)) * 2.0


def shifted(x, out=0.0, scale=2.0, power=1.0):
    """A parameter named ``out`` (NumPy's write target's name) that is only a value."""
    return np.sin(x + out) * scale * power


def magnitudes(a):
    return np.sqrt(a * a) + 2.0 * np.eye(len(a))
