"""More of the ``idioms24`` zoo: the Python people write around NumPy (a dict of activation
callables picked by a string, ``functools.partial``, ``*args`` and ``**kwargs`` helpers,
``nonlocal`` counters, recursion, ``zip(*rows)``, ``map``), aliasing (``b = a`` then ``b += ``,
``out=``, ``np.fill_diagonal``, a ``ravel`` view written into, ``x.sort()`` in place), float
arithmetic people forget is piecewise (``%``, ``//``, ``np.floor``, builtin ``abs``/``max``/
``round``), and linear algebra by ``eigh``/``svd``/``det``/``expm``/``matrix_power``/``kron``."""

from __future__ import annotations

import functools

import numpy as np
import scipy.linalg

ACTS = {"tanh": np.tanh, "softplus": lambda v: np.logaddexp(0.0, v), "sin": np.sin}


def act_by_name(W, X, names=("tanh", "softplus", "sin")):
    h = X
    for name in names:
        h = ACTS[name](h @ W)
    return np.sum(h ** 2)


def _scaled_power(x, scale, p):
    return scale * x ** p


def partial_terms(x):
    cube = functools.partial(_scaled_power, p=3)
    square = functools.partial(_scaled_power, scale=0.5, p=2)
    return np.sum(cube(x, 0.1) + square(x))


def _total(*terms, weight=1.0, **extra):
    s = sum(terms)
    for v in extra.values():
        s = s + v
    return weight * s


def star_args(a, b):
    return np.sum(_total(a ** 2, a * b, np.sin(b), weight=0.5, bias=np.cos(a)))


def nonlocal_counter(x):
    calls = 0
    total = 0.0

    def step(v):
        nonlocal calls, total
        calls += 1
        total = total + np.exp(-calls * v)

    for v in x:
        step(v)
    return total / calls


def _tree_sum(x, depth):
    if depth == 0:
        return np.sum(np.sin(x))
    half = len(x) // 2
    return _tree_sum(x[:half], depth - 1) * _tree_sum(x[half:], depth - 1)


def recursive_halves(x):
    return _tree_sum(x, 2)


def out_argument(x, y):
    buf = np.empty_like(x)
    np.multiply(x, y, out=buf)
    np.add(buf, np.sin(x), out=buf)
    return np.sum(buf ** 2)


def fill_diagonal_cov(L, d):
    S = L @ L.T
    np.fill_diagonal(S, np.exp(d))
    return np.linalg.slogdet(S + 3 * np.eye(len(d)))[1]


def sort_in_place(x):
    y = x * 2.0
    y.sort()
    w = np.arange(1.0, len(x) + 1)
    return np.dot(w, y)


def mod_floor_phase(t, freq):
    phase = (t * freq) % 1.0
    cycles = np.floor(t * freq)
    return np.sum(np.sin(2 * np.pi * phase) + 0.1 * cycles * t)


def floordiv_bins(x, width):
    k = x // width
    return np.sum((x - k * width) ** 2)


def builtin_abs_max_round(a, b):
    scale = round(2.6)
    return abs(a - b) * scale + max(a, b) ** 2 - min(a * b, 1.0)


def eigh_energy(A):
    S = 0.5 * (A + A.T)
    w, V = np.linalg.eigh(S)
    return np.sum(w ** 2) + np.sum(V[:, -1] ** 4)


def svd_nuclear(A):
    s = np.linalg.svd(A, compute_uv=False)
    U, s2, Vt = np.linalg.svd(A, full_matrices=False)
    return np.sum(s) + np.sum(s2 ** 2) + np.sum((U[:, 0] * Vt[0, 0]) ** 2)


def det_inverse(A):
    return np.linalg.det(A) + np.sum(np.linalg.inv(A) ** 2)


def expm_generator(theta):
    G = np.array([[0.0, theta[0], theta[1]], [-theta[0], 0.0, theta[2]],
                  [-theta[1], -theta[2], 0.0]])
    R = scipy.linalg.expm(G + 0.1 * np.diag(theta))
    return np.trace(R) + R[0, 2]


def matrix_power_chain(A, v):
    P = np.linalg.matrix_power(A, 3)
    return v @ P @ v


def kron_lift(a, B):
    K = np.kron(np.diag(a), B)
    return np.sum(np.tanh(K @ np.arange(1.0, K.shape[1] + 1)))


def bincount_weights(w, idx):
    s = np.bincount(idx, weights=w, minlength=4)
    return np.sum(np.sqrt(s ** 2 + 1.0))


def clip_active_bounds(x, lo, hi):
    return np.sum(np.clip(x, lo, hi) ** 2) + lo * hi


def reduceat_segments(x):
    starts = np.array([0, 2, 5])
    seg = np.add.reduceat(x ** 2, starts)
    return np.sum(np.log1p(seg))


def logaddexp_reduce(x):
    return np.logaddexp.reduce(x) + np.minimum.reduce(x ** 2 + 1.0)


def split_chunks(x):
    parts = np.array_split(x, 3)
    return sum(np.prod(p) for p in parts)


def argsort_reorder(x, y):
    order = np.argsort(x)
    return np.sum(np.cumsum(y[order]) * x[order])


def searchsorted_lookup(grid_values, q):
    grid = np.linspace(0.0, 1.0, len(grid_values))
    i = np.clip(np.searchsorted(grid, q) - 1, 0, len(grid) - 2)
    t = (q - grid[i]) / (grid[i + 1] - grid[i])
    return np.sum((1 - t) * grid_values[i] + t * grid_values[i + 1])


def rot90_flip_stencil(img):
    a = np.rot90(img) + np.flip(img, axis=0).T
    return np.sum(a[1:, :] * a[:-1, :]) + np.sum(np.swapaxes(img[None], 1, 2) ** 2)


def diff_prepend(x):
    d = np.diff(x, prepend=0.0, append=x[-1] * 2)
    return np.sum(d ** 2) + np.sum(np.ediff1d(x) ** 3)


def convolve_same(x, k):
    return np.sum(np.convolve(x, k, mode="same") ** 2)


def nan_guarded(x):
    y = np.log(np.where(x > 0, x, np.nan))
    return np.nansum(y) + np.sum(np.nan_to_num(y, nan=0.0) * x)


def trace_offset_diagonal(A):
    return np.trace(A, offset=1) + np.sum(np.diagonal(A, -1) ** 2) + np.sum(np.triu(A, 1) * A)


def einsum_ellipsis(A, B):
    C = np.einsum("...ij,...jk->...ik", A, B)
    return np.einsum("bii->", C) + np.sum(np.tensordot(A, B, axes=([1, 2], [2, 1])))


def qr_orthogonality(A):
    Q, R = np.linalg.qr(A)
    return np.sum(np.abs(np.diag(R))) + np.sum(Q[:, 0] ** 3)


def repeat_tile(x):
    r = np.repeat(x, [1, 2, 3])
    t = np.tile(x, 2)
    return np.sum(r[:6] * t)


# --- dict parameters stepped by a loop over their keys ---


def sgd_step_comprehension(params, grads, x, lr=0.1):
    new = {k: params[k] - lr * grads[k] for k in params}
    h = np.tanh(x @ new["W"] + new["b"])
    return np.sum(h ** 2)


def sgd_step_items(params, grads, x, lr=0.1):
    updated = {}
    for name, value in params.items():
        updated[name] = value - lr * grads[name] / (1.0 + grads[name] ** 2)
    return np.sum(np.tanh(x @ updated["W"] + updated["b"]) ** 2)


def decay_over_keys(params, x, wd=0.01):
    decayed = {}
    reg = 0.0
    for k in params:
        decayed[k] = params[k] * (1.0 - wd)
        reg = reg + np.sum(params[k] ** 2)
    return np.sum((x @ decayed["W"] + decayed["b"]) ** 2) + wd * reg
