"""NumPy spellings as outside code writes them (re-imagined, none copied): ``enumerate``/``zip``
of tuples, stacked comprehensions, ``np.einsum`` dots, ``functools.reduce``, ``math`` in loops,
``np.linspace``/``np.full`` of a differentiated endpoint or fill value, cumulative products,
``np.pad``/``np.roll`` keywords, axis moves, ``np.interp`` of its values, reductions with
``initial``/``keepdims``/axis tuples, fixed noise, Python-float branches, recurrences written
in place, kernels filled by double loops, classes with ``__call__``/class and static methods,
``np.vectorize``, ``*data`` helpers, ``np.asarray``/``atleast_1d`` validation preambles, results
made Python floats, lists of scalars made arrays.  ``tests/test_idioms15_spellings.py``
differentiates each in every mode against central differences."""

import functools
import math

import numpy as np
from scipy import special


def enum_zip_tuple(x, y):
    s = 0.0
    for i, (a, b) in enumerate(zip(x, y)):  # noqa: B905  (as users write it)
        s += (i + 1) * a * b
    return s

def stack_comp(x):
    return np.sum(np.stack([np.sin(v) * np.arange(3) for v in x]) ** 2)

def einsum_dot(x, A):
    return np.einsum("i,i->", x, x) + np.einsum("ij,j->i", A, x).sum()

def norm_keepdims(X, c):
    d = np.linalg.norm(X - c, axis=-1, keepdims=True)
    return np.sum(X / (1 + d))

def reduce_prod(x):
    return functools.reduce(lambda a, b: a * b, x)

def builtin_max0(x):
    return sum(max(0.0, v) ** 2 for v in x)

def math_exp_loop(x):
    s = 0.0
    for v in x:
        s += math.exp(v) * math.sin(v)
    return s

def float64_astype(x):
    return np.sum(np.float64(x[0]) * x.astype(float) ** 2)

def linspace_active(s):
    t = np.linspace(0.0, s, 5)
    return np.sum(np.sin(t))

def arange_times(x):
    return np.sum(np.arange(len(x)) * x ** 2)

def full_active(s, x):
    return np.sum(np.full(3, s) * x + np.full_like(x, s) ** 2)

def cumprod_rev(x):
    return np.sum(np.cumprod(x)) + np.sum(x[::-1].cumsum()[::-1] ** 2)

def outer_trace(x, A):
    return np.outer(x, x).trace() + np.sum(np.diag(x) @ A)

def solve_mat(A, B):
    M = A @ A.T + 3 * np.eye(3)
    return np.sum(np.linalg.solve(M, B) ** 2)

def roll_pad_kw(x, s):
    return np.sum(np.roll(x, shift=1) * x) + np.sum(np.pad(x, 1, constant_values=s) ** 2)

def clip_none(x):
    return np.sum(np.clip(x, a_min=None, a_max=0.5) ** 2)

def where_idx(x):
    idx = np.where(x > 0)[0]
    return np.sum(x[idx] ** 3)

def soft_thresh(x, t):
    return np.sum((np.sign(x) * np.maximum(np.abs(x) - t, 0)) ** 2)

def reshape_T(x, y):
    return np.sum(x.reshape(2, -1).T @ y)

def axes_moves(A):
    B = np.swapaxes(A, 0, 1)
    C = np.moveaxis(A[..., None], -1, 0)
    return np.sum(B ** 2 * np.squeeze(C, 0).T) + np.sum(np.expand_dims(A, 0)) + np.sum(np.atleast_2d(A[0]))

def broadcast_to(x):
    return np.sum(np.broadcast_to(x, (3, x.size)) * np.arange(3)[:, None])

def matrix_power(A):
    return np.sum(np.linalg.matrix_power(A, 3)) + np.sum(np.kron(A, A))

def interp_fp(fp):
    return np.sum(np.interp(np.array([0.2, 0.7, 1.5]), np.array([0.0, 1.0, 2.0]), fp) ** 2)

def gammaln_scalar(a):
    return special.gammaln(a) + math.lgamma(a + 1)

def nansum_init(x):
    return np.nansum(x ** 2) + np.max(x, initial=0.0) + np.sum(x, keepdims=True)[0]

def mean_axes(X):
    return X.mean(axis=(0, 1)).sum() + np.std(X, axis=(1, 2)).sum()

def cov_T(X):
    return np.sum(np.cov(X.T) ** 2)

def fixed_noise(x):
    rng = np.random.default_rng(0)
    return np.sum((x + 0.1 * rng.normal(size=x.shape)) ** 2)

def scalar_branches(x):
    if x > 0:
        y = x ** 2
    elif x > -1:
        y = -x
    else:
        y = 1.0
    return y * math.cos(x)

def pow_arange(x):
    return np.sum(x ** np.arange(3)) + np.sum(2 ** x)

def softplus_stable(x):
    return np.sum(np.log1p(np.exp(-np.abs(x))) + np.maximum(x, 0))

def recurrence_inplace(x, a):
    y = np.zeros_like(x)
    y[0] = x[0]
    for i in range(1, len(x)):
        y[i] = y[i - 1] * a + x[i]
    return np.sum(y ** 2)

def kernel_double_loop(X, ls):
    n = X.shape[0]
    K = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            K[i, j] = np.exp(-np.sum((X[i] - X[j]) ** 2) / ls)
    return np.sum(K)

def size_ndim(X):
    return X.sum() / X.size + X.ndim * X.shape[0] * X.mean()

def dots_1d(x, y):
    return np.dot(x, y.T) + np.vdot(x, y) + np.inner(x, y)

def arctan2_both(y, x):
    return np.sum(np.arctan2(y, x) ** 2)

def floor_frac(x):
    return np.sum((x - np.floor(x)) ** 2 + x % 1.0 + np.round(x) * x + np.fmod(x, 0.7))

def allclose_guard(x):
    if np.allclose(x, 0):
        return 0.0
    assert x.shape == (3,), "shape"
    return np.sum(x ** 2)

def eigvalsh_sym(A):
    return np.sum(np.linalg.eigvalsh(A + A.T) ** 2)

def logical_masks(x):
    m = np.logical_and(x > -1, x < 1)
    return np.sum(np.where(m, x ** 2, np.abs(x)))

def sorted_key_abs(x):
    s = sorted(x, key=abs)
    return s[0] * 3 + s[-1]

class Model:
    def __init__(self, params):
        self.params = params

    def __call__(self, x):
        h = np.tanh(x @ self.params["W"] + self.params["b"])
        return h @ self.params["v"]

    def loss(self, x, y):
        return np.mean((self(x) - y) ** 2)

MODEL = Model({"W": np.ones((3, 2)) * 0.3, "b": np.array([0.1, -0.1]), "v": np.array([1.0, -2.0])})

def model_loss(x, y):
    return MODEL.loss(x, y)

class Stepper:
    dt = 0.1

    @classmethod
    def step(cls, x, v):
        return x + cls.dt * v

    @staticmethod
    def force(x):
        return -np.sin(x)

def stepper_loop(x):
    v = np.zeros_like(x)
    for _ in range(3):
        v = v + 0.1 * Stepper.force(x)
        x = Stepper.step(x, v)
    return np.sum(x ** 2)

def dict_arg_sum(params, x):
    return sum(np.sum(p ** 2) for p in params.values()) + np.sum(params["a"] * x)

def has_aux_like(x):
    loss = np.sum(x ** 2)
    return loss

def vectorized_helper(x):
    f = np.vectorize(lambda v: v ** 2 if v > 0 else -v)
    return np.sum(f(x))

def divmod_use(x):
    q, r = divmod(x, 0.5)
    return np.sum(r ** 2 + q * x)


# --- validation preambles, conversions, lists ------------------------------------------------


def star_data(params, *data):
    X, y = data
    return np.mean((X @ params - y) ** 2)

def call_star_data(w, X, y):
    return star_data(w, X, y) + star_data(w, X[:2], y[:2])

def asarray_start(x):
    x = np.asarray(x, dtype=float)
    x = np.atleast_1d(x)
    X = np.array(x)
    if X.ndim == 1:
        X = X[None, :]
    n, d = X.shape
    if not np.isfinite(X).all():
        raise ValueError("bad")
    return np.sum(X ** 2) / (n * d)

def float_return(x):
    loss = np.sum(np.sin(x) ** 2)
    return float(loss)

def item_return(x):
    return (x ** 2).sum().item()

def list_of_scalars_np(x):
    vals = []
    for v in x:
        vals.append(v ** 2 + 1)
    arr = np.array(vals)
    return np.sum(arr * np.log(arr)) + np.sum([v * 2 for v in vals]) + np.mean([np.sin(v) for v in x])

def np_max_of_list(x):
    a = np.sum(x ** 2)
    b = np.sum(np.abs(x))
    return np.max([a, b]) + np.min(np.array([a, 2 * b])) + np.hstack([a, b]).sum()

def float_wrapper(x):
    return np.float64(np.sum(x) ** 2) + np.float32(1.0) * x[0]

def scalar_input_array_ops(t):
    v = np.array([np.cos(t), np.sin(t)])
    R = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
    return v @ R @ v + np.linalg.det(R) * t

def zero_d_array(x):
    s = np.array(0.0)
    for v in x:
        s = s + v * v
    return s

def accumulate_rows(X):
    out = np.zeros(X.shape[1])
    for row in X:
        out += row ** 2
    return np.sum(np.sqrt(out))

def reverse_cumsum_loop(r, gamma=0.9):
    G = 0.0
    returns = []
    for ri in r[::-1]:
        G = ri + gamma * G
        returns.insert(0, G)
    returns = np.array(returns)
    return np.sum((returns - returns.mean()) ** 2)

def shape_zero_safe(x):
    if x.size == 0:
        return 0.0
    return np.mean(x ** 2)

def chain_methods(X):
    return X.T.dot(X).diagonal().sum() + X.clip(-1, 1).round(0).sum() * 0 + X.cumsum(axis=0)[-1].sum()

def linalg_on_rows(X):
    return np.sum([np.linalg.norm(r) for r in X])

def any_branch(X):
    if (X > 3).any():
        X = X / 3
    return np.sum(X ** 2)
