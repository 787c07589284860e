"""Python control flow and NumPy/SciPy calls as outside code writes them (re-imagined, none
copied): ``for``/``else``, ``while`` with a tolerance and a counter, nested lists, ``zip(*pairs)``,
chained indexing, list items changed in place, strided and masked assignments,
``np.put_along_axis``/``np.add.at``/``np.bincount``/``np.searchsorted``/``np.unique`` grouping,
``np.block``, ``np.split``, parameters by name in a loop, order statistics, weighted averages,
``scipy.linalg``/``scipy.stats``/``scipy.special`` calls, ``np.tensordot``, pairwise distances
over ``np.triu_indices``, frozen dataclasses with ``replace``, named tuples with ``_replace``,
``**options`` to NumPy.  ``tests/test_idioms15_spellings.py`` differentiates each in every
mode against central differences."""

from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np
from scipy import linalg, special, stats


def for_else(x):
    s = 0.0
    for v in x:
        if v > 10:
            break
        s += v ** 2
    else:
        s *= 2.0
    return s

def while_tol_counter(x):
    y, err, it = x, 1.0, 0
    while err > 1e-8 and it < 50:
        y_new = 0.5 * (y + x / y)
        err = np.max(np.abs(y_new - y))
        y = y_new
        it += 1
    return np.sum(y)

def nested_lists(x):
    grid = [[x[i] * x[j] for j in range(len(x))] for i in range(len(x))]
    return sum(sum(row) for row in grid)

def unzip_pairs(x, y):
    pairs = [(a * 2, b ** 2) for a, b in zip(x, y)]  # noqa: B905  (as users write it)
    first, second = zip(*pairs)  # noqa: B905
    return sum(first) * sum(second)

def chained_index(A):
    return A[0][1] * A[1][0] + A[2][2]

def list_item_aug(x):
    ys = [0.0, 0.0]
    for i, v in enumerate(x):
        ys[i % 2] += v ** 2
    return ys[0] * ys[1]

def step_slice_assign(x):
    y = np.zeros(6)
    y[::2] = x[1::2]
    y[1::2] = x[::2] ** 2
    return np.sum(y * np.arange(6))

def mask_assign_active(x):
    y = x.copy()
    m = y > 0
    y[m] = x[m] ** 2
    y[~m] = -x[~m]
    return np.sum(y)

def put_along(x):
    A = np.zeros((3, 4))
    idx = np.array([[1], [3], [0]])
    np.put_along_axis(A, idx, x[:, None], axis=1)
    return np.sum(A ** 2 + A)

def add_at_active(x):
    out = np.zeros(3)
    np.add.at(out, np.array([0, 2, 0, 1]), x)
    return np.sum(out ** 2)

def searchsorted_gather(x):
    edges = np.array([-1.0, 0.0, 1.0])
    i = np.searchsorted(edges, x)
    w = np.array([0.5, 1.0, 2.0, 3.0])
    return np.sum(w[i] * x ** 2) + np.sum(np.digitize(x, edges) * x)

def bincount_weights(x):
    return np.sum(np.bincount(np.array([0, 1, 1, 2]), weights=x) ** 2)

def sort_inplace_copy(x):
    y = x.copy()
    y.sort()
    return np.sum(y * np.arange(len(y)))

def unique_group_mean(x):
    labels = np.array([2, 0, 2, 1, 0])
    u, inv = np.unique(labels, return_inverse=True)
    sums = np.bincount(inv, weights=x)
    counts = np.bincount(inv)
    return np.sum((sums / counts) ** 2)

def block_concat(a, B):
    M = np.block([[B, a[:, None]], [a[None, :], np.ones((1, 1))]])
    C = np.concatenate([B, B ** 2], axis=1)
    return np.sum(M ** 2) + np.sum(C)

def split_list(x):
    parts = np.split(x, 3)
    arrs = np.array_split(x, 4)
    return sum(np.sum(p ** 2) * (i + 1) for i, p in enumerate(parts)) + sum(a.sum() for a in arrs)

def names_loop(params, x):
    h = x
    for name in ["W1", "W2"]:
        h = np.tanh(h @ params[name])
    return np.sum(h)

def getattr_activation(x, name="tanh"):
    act = getattr(np, name)
    return np.sum(act(x))

def reductions_misc(x):
    return (np.ptp(x) + np.median(x) + np.percentile(x, 75) + np.quantile(x, 0.25)
            + x.max(axis=0, keepdims=True).sum() + np.sum(x, axis=None, dtype=np.float64))

def average_weights(x, w):
    return np.average(x ** 2, weights=np.exp(w))

def scipy_linalg_misc(A, b):
    L = np.tril(A) + 3 * np.eye(3)
    z = linalg.solve_triangular(L, b, lower=True)
    return np.sum(z ** 2) + np.sum(linalg.expm(0.1 * A))

def scipy_stats_misc(mu, x):
    return np.sum(stats.norm.logpdf(x, loc=mu, scale=2.0)) + np.sum(
        stats.multivariate_normal.logpdf(x.reshape(-1, 2), mean=np.array([mu, 0.0])))

def special_misc(x):
    return np.sum(special.logit(special.expit(x) * 0.9 + 0.05)) + np.sum(special.log_softmax(x))

def polynomial_polyval(c, x):
    return np.sum(np.polynomial.polynomial.polyval(x, c) ** 2)

def tensordot_axes(A, B):
    return np.sum(np.tensordot(A, B, axes=([1], [0])) ** 2) + \
        np.sum(np.einsum("bij,bjk->bik", A[None], B[None]))

def pairwise_triu(X):
    D = np.sqrt(np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=-1) + 1e-9)
    iu = np.triu_indices(len(X), 1)
    return np.sum(1.0 / D[iu])

@dataclass(frozen=True)
class Params:
    w: np.ndarray
    b: float

def frozen_replace(w, x):
    p = Params(w, 0.5)
    p2 = replace(p, b=p.b * 2)
    return np.sum(np.tanh(x @ p2.w + p2.b))

class NT(NamedTuple):
    w: np.ndarray
    s: float

def namedtuple_replace(w):
    p = NT(w, 1.0)
    for _ in range(2):
        p = p._replace(w=p.w * p.s - 0.1 * p.w ** 3)
    return np.sum(p.w ** 2)

def kwargs_to_numpy(X):
    opts = {"axis": 0, "keepdims": True}
    return np.sum(np.mean(X, **opts) ** 2)

def lambda_defaults_comp(x):
    fs = [lambda v, k=k: v ** k for k in range(1, 4)]
    return sum(np.sum(f(x)) for f in fs)

def hypot_chain(x, y):
    return np.sum(np.hypot(x, y) + np.sqrt(x ** 2 + y ** 2 + 1) + np.abs(x - y))
