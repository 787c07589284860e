"""Python habits around NumPy that the other idioms zoos reach less (re-imagined, none copied): a
dict display subscripted at once, ``dict.get`` with a default, ``setdefault``, ``**kwargs``
handed on, a config dataclass with ``field(default_factory=...)``, ``__post_init__``, a class
with ``__getitem__``, a property computed from two others, ``@classmethod`` constructors,
``list.insert``/``extend``/slicing assignment, ``sorted(zip(...))`` unpacked, ``reversed`` with
``enumerate``, ``any``/``all`` guards that never fire, ``while True`` with ``break``, ``for ...
else``, a generator expression into ``np.fromiter``-free ``np.array``, nested helper returning a
tuple unpacked with ``*rest``, ``np.einsum`` with explicit output, ``np.take_along_axis``,
``np.linalg.slogdet``, ``out=`` into a preallocated array, ``np.where`` with a scalar branch,
``np.errstate`` around a masked log, in-place ``np.clip(..., out=x)``, ``math.fsum`` over
floats, integer-power loops, ``np.stack`` of a comprehension, float32 kept float32; and NumPy
reached less: ``np.maximum.accumulate``, ``np.diff(prepend=, append=)``, ``np.interp`` with
moving knots, ``np.linalg.lstsq``/``eigh``, ``np.polyfit``, ``np.kron``/``np.tril``,
``np.meshgrid``, ``np.percentile``, ``np.mean(where=)``, a view of a copy changed in place,
``getattr(np, name)`` dispatch, a recursive helper, lambdas capturing a default, ``isinstance``,
method chains, ``np.linalg.norm(ord=)``, ``match``, ``nonlocal``.  ``tests/test_idioms20.py``
differentiates each (``tests/test_idioms20_refusals.py`` names the refused ones)."""

import math
from dataclasses import dataclass, field

import numpy as np


def dict_get_default(params, x):
    scale = params.get("scale", 1.0)
    shift = params.get("shift", 0.0)
    return np.sum((scale * x + shift) ** 2)


def kwargs_forwarded(x, **opts):
    return _penalty(x, **opts) + np.sum(x)


def _penalty(x, weight=0.5, power=2):
    return weight * np.sum(np.abs(x) ** power)


@dataclass
class Config:
    lr: float = 0.1
    steps: int = 5
    decay: list = field(default_factory=lambda: [1.0, 0.9, 0.8, 0.7, 0.6])


def configured_descent(w, cfg=None):
    cfg = cfg if cfg is not None else Config()
    for k in range(cfg.steps):
        g = 2 * (w - 1.0) + np.sin(w)
        w = w - cfg.lr * cfg.decay[k] * g
    return np.sum((w - 1.0) ** 2)


@dataclass
class Box:
    low: np.ndarray
    high: np.ndarray

    def __post_init__(self):
        assert np.all(self.low < self.high), "an empty box"

    @property
    def centre(self):
        return 0.5 * (self.low + self.high)

    @property
    def volume(self):
        return np.prod(self.high - self.low)


def box_objective(low, high):
    b = Box(low, high)
    return b.volume + np.sum(b.centre ** 2)


class Polynomial:
    def __init__(self, coeffs):
        self.coeffs = coeffs

    @classmethod
    def from_roots(cls, roots):
        c = np.array([1.0])
        for r in roots:
            c = np.convolve(c, np.array([1.0, -r]))
        return cls(c)

    def __getitem__(self, k):
        return self.coeffs[k]

    def __call__(self, x):
        y = np.zeros_like(x)
        for c in self.coeffs:
            y = y * x + c
        return y


def poly_from_roots(roots, x):
    p = Polynomial.from_roots(roots)
    return np.sum(p(x) ** 2) + p[1]


def list_insert_extend(x):
    parts = [x[1:3]]
    parts.insert(0, x[:1] * 2.0)
    parts.extend([x[3:] ** 2, np.exp(x[:2])])
    return np.sum(np.concatenate(parts) ** 2)


def slice_assign_list(x):
    vals = list(x)
    vals[1:3] = [vals[1] * vals[2], vals[2] + 1.0]
    return sum(v * v for v in vals)


def sorted_pairs(x, w):
    total = 0.0
    for rank, (xi, wi) in enumerate(sorted(zip(x, w, strict=True), key=lambda p: p[0])):
        total += (rank + 1) * xi * wi
    return total


def reversed_enumerate(x):
    acc = 0.0
    for k, v in reversed(list(enumerate(x))):
        acc = acc * 0.5 + (k + 1) * v
    return acc ** 2


def guarded_any_all(x, y):
    if any(v < -1e6 for v in x) or not all(np.isfinite(y)):
        raise ValueError("bad input")
    return np.sum(x * y) / (1.0 + np.sum(y ** 2))


def while_true_break(x, tol=1e-10):
    y = x.copy()
    k = 0
    while True:
        nxt = 0.5 * (y + x / y)
        k += 1
        if np.max(np.abs(nxt - y)) < tol or k > 60:
            y = nxt
            break
        y = nxt
    return np.sum(y)


def for_else_search(x, target=2.0):
    for k, v in enumerate(x):
        if v > target:
            found = v * k
            break
    else:
        found = x[-1]
    return found * np.sum(x)


def unpack_rest(x):
    first, *rest = _split(x)
    return first * sum(r ** 2 for r in rest)


def _split(x):
    return np.sum(x), np.mean(x), np.max(x), np.min(x)


def einsum_out(A, B, v):
    C = np.einsum("ij,jk->ik", A, B)
    quad = np.einsum("i,ij,j->", v, C, v)
    tr = np.einsum("ii->", C)
    return quad + tr


def take_along(x, scores):
    idx = np.argsort(scores, axis=1)[:, -2:]
    top = np.take_along_axis(x, idx, axis=1)
    return np.sum(top ** 2)


def slogdet_penalty(A):
    sign, logdet = np.linalg.slogdet(A @ A.T + np.eye(len(A)))
    return sign * logdet - np.trace(A) ** 2


def out_argument(x, y):
    buf = np.empty_like(x)
    np.multiply(x, y, out=buf)
    np.add(buf, x ** 2, out=buf)
    return np.sum(buf ** 2)


def where_scalar_branch(x):
    y = np.where(x > 0.0, x ** 2, 0.5)
    return np.sum(y * x)


def masked_log_errstate(x):
    with np.errstate(divide="ignore", invalid="ignore"):
        lg = np.where(x > 0, np.log(x), 0.0)
    return np.sum(lg * x)


def clip_in_place(x, lo=-0.5, hi=0.8):
    y = x * 1.5
    np.clip(y, lo, hi, out=y)
    return np.sum(y ** 2 + y)


def fsum_of_terms(x):
    terms = [math.exp(-k * 0.1) * float(v) ** 2 for k, v in enumerate(x)]
    return math.fsum(terms)


def integer_power_loop(x, n=4):
    p = np.ones_like(x)
    for _ in range(n):
        p *= x
    return np.sum(p)


def stack_comprehension(W, xs):
    hs = np.stack([np.tanh(W @ x) for x in xs])
    return np.sum(hs[1:] * hs[:-1])


def float32_norm(x):
    assert x.ndim == 1, f"a vector, not {x.shape}"
    n = np.sqrt(np.sum(x * x, dtype=np.float32))
    return n / np.float32(len(x))


def setdefault_cache(x):
    cache = {}
    total = 0.0
    for k in range(3):
        v = cache.setdefault(k % 2, np.sin(x) * (k + 1))
        total = total + np.sum(v)
    return total


def dict_display_subscript(x, kind="l2"):
    return {"l1": np.sum(np.abs(x)), "l2": np.sum(x ** 2)}[kind]


def ternary_default_dict(x, opts=None):
    opts = opts or {"alpha": 0.3}
    return np.sum(np.exp(opts["alpha"] * x))


def running_peak_drawdown(prices):
    peak = np.maximum.accumulate(prices)
    return np.max((peak - prices) / peak)


def diff_prepend(x):
    d = np.diff(x, prepend=x[0] * 0.5, append=x[-1] * 2.0)
    return np.sum(d ** 2 * np.arange(len(d)))


def interp_moving_knots(knots, values, t):
    xp = np.cumsum(np.exp(knots))
    return np.sum(np.interp(t, xp, values) ** 2)


def lstsq_residual(A, b):
    coef, *_ = np.linalg.lstsq(A, b, rcond=None)
    r = A @ coef - b
    return r @ r + coef @ coef


def eigh_spread(S):
    sym = 0.5 * (S + S.T)
    w, V = np.linalg.eigh(sym)
    return w[-1] - w[0] + np.sum(V[:, -1] ** 4)


def polyfit_curvature(y, deg=2):
    x = np.linspace(-1.0, 1.0, len(y))
    c = np.polyfit(x, y, deg)
    return c[0] ** 2 + np.sum(np.polyval(c, x) ** 2)


def trapezoid_nonuniform(t, y):
    dt = np.diff(t)
    return np.sum(0.5 * dt * (y[1:] + y[:-1]))


def outer_diag_in_place(v, lam=0.3):
    M = np.outer(v, v)
    M[np.diag_indices_from(M)] += lam
    sign, logdet = np.linalg.slogdet(M)
    return logdet


def sorted_trimmed(x, cut=1):
    s = np.sort(x)
    return np.mean(s[cut:-cut] ** 2)


def kron_tril(A, B):
    K = np.kron(A, B)
    return np.sum(np.tril(K) ** 2) - np.trace(K)


def meshgrid_field(params):
    xs = np.linspace(-1.0, 1.0, 5)
    X, Y = np.meshgrid(xs, xs, indexing="xy")
    field = params[0] * np.exp(-((X - params[1]) ** 2 + (Y - params[2]) ** 2))
    return np.sum(field[1:, :] * field[:-1, :])


def view_of_copy_in_place(x):
    y = x.copy()
    head = y[:3]
    head *= 2.0
    y[3:] = np.sqrt(np.abs(y[3:]) + 1.0)
    return np.sum(y * x)


def cumprod_survival(hazard):
    surv = np.cumprod(1.0 - hazard)
    return np.sum(surv) + surv[-1] ** 2


def percentile_band(x):
    lo, hi = np.percentile(x, [25.0, 75.0])
    return (hi - lo) * np.mean(x ** 2)


def masked_mean_where(x, mask):
    return np.mean(x ** 2, where=mask) + np.sum(x, where=~mask)


def getattr_dispatch(x, names=("sin", "tanh", "exp")):
    total = 0.0
    for name in names:
        total = total + np.sum(getattr(np, name)(x) * x)
    return total


def recursive_horner(coeffs, x):
    if len(coeffs) == 1:
        return coeffs[0] * np.ones_like(x)
    return coeffs[0] + x * recursive_horner(coeffs[1:], x)


def recursion_sum(x):
    return np.sum(recursive_horner(np.array([1.0, -0.5, 0.25, 0.1]), x) ** 2)


def lambdas_capture_default(x):
    fs = [lambda v, k=k: np.sin(k * v) for k in range(1, 4)]
    return sum(np.sum(f(x)) for f in fs)


def isinstance_branch(x, scale=2.0):
    if isinstance(scale, (int, float)):  # noqa: SIM108  (as people write it)
        y = x * scale
    else:
        y = x @ scale
    return np.sum(np.tanh(y) ** 2)


def method_chains(X, y):
    Xc = X - X.mean(axis=0, keepdims=True)
    return Xc.T.dot(y).clip(-3.0, 3.0).sum() + (Xc ** 2).sum(axis=1).max()


def norm_orders(x):
    return np.linalg.norm(x, ord=1) + np.linalg.norm(x, ord=np.inf) + np.linalg.norm(x, 3)


def match_loss(x, kind="huber"):
    match kind:
        case "l2":
            return np.sum(x ** 2)
        case "huber":
            a = np.abs(x)
            return np.sum(np.where(a < 1.0, 0.5 * x ** 2, a - 0.5))
        case _:
            raise ValueError(f"unknown loss {kind!r}")


def nonlocal_counter(x):
    calls = 0

    def f(v):
        nonlocal calls
        calls += 1
        return np.exp(-v * v)

    total = f(x) + f(2 * x)
    return np.sum(total) * calls
