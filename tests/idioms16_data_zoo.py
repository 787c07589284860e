"""Data-structure idioms as outside code writes them (re-imagined, none copied): dataclasses
holding arrays, namedtuples of parameters, nested dicts, generators consumed by ``sum()``,
``sorted`` with ``key=``, ``np.add.at``/``np.bincount`` scatter, boolean masks, ``zip`` of lists,
dict comprehensions, ``enumerate`` with ``start=``, ``min``/``max`` with ``key=``.
``tests/test_idioms16_data.py`` differentiates each in every mode."""

from collections import namedtuple
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

Params = namedtuple("Params", ["w", "b"])


class Layer(NamedTuple):
    W: np.ndarray
    b: np.ndarray


@dataclass
class Gaussian:
    mu: np.ndarray
    log_sigma: np.ndarray


@dataclass
class Spring:
    k: float
    rest: float


def namedtuple_linear(p, x, y):
    pred = x @ p.w + p.b
    return np.mean((pred - y) ** 2)


def namedtuple_built_inside(w, b, x):
    p = Params(w=w, b=b)
    return np.sum(np.tanh(x @ p.w + p.b))


def typed_namedtuple_layers(layers, x):
    h = x
    for layer in layers:
        h = np.tanh(h @ layer.W + layer.b)
    return np.sum(h ** 2)


def dataclass_nll(g, x):
    sigma = np.exp(g.log_sigma)
    return np.sum(0.5 * ((x - g.mu) / sigma) ** 2 + g.log_sigma)


def dataclass_built_inside(mu, log_sigma, x):
    g = Gaussian(mu, log_sigma)
    return np.sum(((x - g.mu) * np.exp(-g.log_sigma)) ** 2)


def springs_energy(springs, pos):
    total = 0.0
    for i, s in enumerate(springs):
        stretch = np.abs(pos[i + 1] - pos[i]) - s.rest
        total = total + 0.5 * s.k * stretch ** 2
    return total


def nested_dict_mlp(params, x):
    h = np.tanh(x @ params["enc"]["W"] + params["enc"]["b"])
    return np.sum((h @ params["dec"]["W"] + params["dec"]["b"]) ** 2)


def dict_of_lists(params, x):
    out = x
    for W in params["weights"]:
        out = np.tanh(out @ W)
    return np.sum(out) + params["scale"] * np.sum(out ** 2)


def generator_l2(params):
    return sum(np.sum(v ** 2) for v in params.values())


def generator_over_list(ws, x):
    return sum(np.sum(np.tanh(x @ w)) for w in ws)


def generator_with_condition(x):
    return sum(x[i] * x[i + 1] for i in range(len(x) - 1) if i % 2 == 0)


def sorted_keys_dict(params):
    total = 0.0
    for name in sorted(params):
        total = total * 0.5 + np.sum(params[name] ** 2)
    return total


def sorted_by_key_len(params):
    total = 0.0
    for i, name in enumerate(sorted(params, key=len)):
        total += (i + 1) * np.sum(np.sin(params[name]))
    return total


def sorted_list_of_pairs(x):
    pairs = [(2, x[0]), (0, x[1]), (1, x[2])]
    ordered = sorted(pairs, key=lambda pair: pair[0])
    return sum(k * v ** 2 for k, v in ordered)


def sorted_values(x):
    vals = sorted([x[0] * 2, x[1] + 1.0, x[2] ** 2])
    return vals[0] + 2 * vals[-1]


def add_at_scatter(values, idx):
    out = np.zeros(3)
    np.add.at(out, idx, values)
    return np.sum(out ** 2)


def bincount_weights(values, idx):
    sums = np.bincount(idx, weights=values, minlength=3)
    counts = np.bincount(idx, minlength=3)
    return np.sum((sums / np.maximum(counts, 1)) ** 2)


def segment_softmax(scores, seg):
    m = np.full(3, -np.inf)
    np.maximum.at(m, seg, scores)
    e = np.exp(scores - m[seg])
    denom = np.zeros(3)
    np.add.at(denom, seg, e)
    return np.sum(e / denom[seg] * scores)


def boolean_mask_loss(pred, target):
    valid = ~np.isnan(target)
    return np.mean((pred[valid] - target[valid]) ** 2)


def mask_where_huber(r, delta=1.0):
    small = np.abs(r) <= delta
    return np.sum(np.where(small, 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta)))


def masked_assignment(x):
    y = x.copy()
    y[y < 0] = 0.1 * y[y < 0]
    return np.sum(y ** 2)


def mask_count_mean(x):
    pos = x > 0
    return np.sum(x * pos) / max(pos.sum(), 1)


def zip_lists_weighted(ws, xs):
    return sum(w * np.sum(x ** 2) for w, x in zip(ws, xs, strict=True))


def dict_comprehension_scale(params, s):
    scaled = {k: v * s for k, v in params.items()}
    return np.sum(scaled["a"] ** 2) + np.sum(np.cos(scaled["b"]))


def enumerate_start(x):
    total = 0.0
    for i, v in enumerate(x, start=1):
        total += v ** 2 / i
    return total


def list_of_arrays_stack(x):
    rows = []
    for k in range(3):
        rows.append(x * (k + 1))
    M = np.stack(rows)
    return np.sum(M @ M.T)


def max_with_key(x):
    cands = [x[0] ** 2, x[1] * 3.0, np.sin(x[2])]
    best = max(range(3), key=lambda i: float(cands[i]))
    return cands[best] + x[0]


def tuple_of_params_unpack(params, x):
    (W1, b1), (W2, b2) = params
    return np.sum(np.tanh(np.tanh(x @ W1 + b1) @ W2 + b2))


def dict_get_default(cfg, x):
    scale = cfg.get("scale", 1.0)
    shift = cfg.get("shift", 0.0)
    return np.sum((scale * x + shift) ** 2)


def argsort_gather(x, y):
    order = np.argsort(x)
    return np.sum(y[order] * np.arange(1, len(y) + 1))


def unique_inverse_means(values, labels):
    uniq, inv = np.unique(labels, return_inverse=True)
    sums = np.zeros(len(uniq))
    np.add.at(sums, inv, values)
    return np.sum(sums ** 2)


def histogram_weights(x, w):
    counts, _ = np.histogram(x, bins=3, range=(-2.0, 2.0), weights=w)
    return np.sum(counts ** 2)


Stats = namedtuple("Stats", "mean var")


def _stats(x):
    return Stats(np.mean(x), np.var(x))


def namedtuple_from_helper(x):
    s = _stats(x)
    return s.mean + s.var


def namedtuples_in_a_list(w, x):
    layers = [Layer(w, np.zeros(2)), Layer(2 * w, np.ones(2))]
    return sum(np.sum(x @ p.W + p.b) for p in layers)
