"""A thirteenth batch of programs written the way people write NumPy, from scientific-Python
tutorials the other zoos leave alone: fixed-step ODE integrators, 1-D finite elements, ray-sphere
hits, pair potentials over ``np.triu_indices``, Gaussian-process likelihoods, attention and
normalisation layers, ``np.convolve`` and sliding windows, losses of classifiers and embeddings,
``np.linalg.norm`` with ``ord``/``axis``, masked means, ``np.nan_to_num``/``np.piecewise``/
``np.select``, binning by ``np.searchsorted``, parameters held by dataclasses, named tuples,
dicts and nested lists, keyword-only and ``**kwargs`` helpers, float32 and 0-d inputs; and the
star arguments, ``dict(zip(NAMES, x))`` and ``x.sort()`` that were refused before.
``tests/test_idioms13.py`` differentiates each in every mode against finite differences."""

import dataclasses
from typing import NamedTuple

import numpy as np

# --- star arguments, zip of constant names, sorting a parameter -------------------------------------

NAMES = ("mass", "damping", "stiffness")
COEFFS = ["a", "b"]


def _bilinear(a, b):
    return a * np.tanh(b)


def star_noise_shape(x):
    noise = np.random.randn(*x.shape)
    return np.sum(x ** 2) + 0.0 * np.sum(noise)


def star_max_min(x):
    return max(*x) ** 2 - min(*x) * max(*x)


def star_ufunc(p):
    return np.sum(np.hypot(*p) + np.arctan2(*p))


def star_helper_tuple(x):
    args = (x[0], x[1:] * 2.0)
    return np.sum(_bilinear(*args))


def star_helper_array(X):
    return np.sum(_bilinear(*X) ** 2)


def star_stack_rows(x):
    rows = [x * 2.0, np.sin(x)]
    return np.sum(np.stack([*rows, x]) ** 2)


def star_zeros_shape(x):
    z = np.zeros((*x.shape, 2))
    z[..., 0] = x
    z[..., 1] = x ** 2
    return np.sum(z * z)


def dict_of_zip(theta):
    p = dict(zip(NAMES, theta))  # noqa: B905  (as written in the wild)
    omega = np.sqrt(p["stiffness"] / p["mass"])
    return omega * np.exp(-p["damping"] / (2.0 * p["mass"]))


def dict_comprehension_zip(theta):
    p = {name: value ** 2 for name, value in zip(COEFFS, theta)}  # noqa: B905
    return p["a"] * 3.0 + np.sin(p["b"])


def sort_parameter(x):
    x.sort()
    w = np.linspace(1.0, 2.0, x.shape[0])
    return np.sum(w * x)


def sort_parameter_axis(X):
    X.sort(axis=0)
    return np.sum(X[-1] ** 2) - np.sum(X[0])


# --- ODEs with a fixed number of steps ----------------------------------------------------------------


def _lotka(z, a, b):
    x, y = z
    return np.array([a * x - b * x * y, b * x * y - 0.5 * y])


def rk4_lotka(z0, a, b=0.4, dt=0.05, steps=8):
    z = z0
    for _ in range(steps):
        k1 = _lotka(z, a, b)
        k2 = _lotka(z + 0.5 * dt * k1, a, b)
        k3 = _lotka(z + 0.5 * dt * k2, a, b)
        k4 = _lotka(z + dt * k3, a, b)
        z = z + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
    return z[0] + 2.0 * z[1]


def logistic_growth(r, K=10.0, n0=0.5, dt=0.1, steps=20):
    n = n0
    total = 0.0
    for _ in range(steps):
        n = n + dt * r * n * (1.0 - n / K)
        total += n
    return total / steps


def leapfrog_oscillator(q0, p0, k=1.3, dt=0.1, steps=10):
    q, p = q0, p0
    for _ in range(steps):
        p = p - 0.5 * dt * k * q
        q = q + dt * p
        p = p - 0.5 * dt * k * q
    return 0.5 * p ** 2 + 0.5 * k * q ** 2 + q


def euler_heat(u0, alpha=0.2, steps=5):
    u = u0.copy()
    for _ in range(steps):
        lap = np.zeros_like(u)
        lap[1:-1] = u[:-2] - 2 * u[1:-1] + u[2:]
        u = u + alpha * lap
    return np.sum(u ** 2)


# --- finite elements, geometry, physics ----------------------------------------------------------------


def fem_1d_energy(u_inner, k):
    n = u_inner.shape[0] + 1
    h = 1.0 / n
    K = np.zeros((n + 1, n + 1))
    for e in range(n):
        ke = k[e] / h * np.array([[1.0, -1.0], [-1.0, 1.0]])
        K[e:e + 2, e:e + 2] += ke
    u = np.concatenate([[0.0], u_inner, [0.0]])
    f = np.full(n + 1, h)
    return 0.5 * u @ K @ u - f @ u


def ray_sphere_hits(origins, direction, radius):
    d = direction / np.linalg.norm(direction)
    b = origins @ d
    c = np.sum(origins ** 2, axis=1) - radius ** 2
    disc = b ** 2 - c
    hit = disc > 0
    t = np.where(hit, -b - np.sqrt(np.where(hit, disc, 1.0)), 0.0)
    return np.sum(t)


def lennard_jones(pos, eps=1.0, sigma=1.0):
    i, j = np.triu_indices(pos.shape[0], k=1)
    r = np.linalg.norm(pos[i] - pos[j], axis=1)
    sr6 = (sigma / r) ** 6
    return np.sum(4 * eps * (sr6 ** 2 - sr6))


def spring_chain(x, k=2.0, rest=1.0):
    bonds = np.diff(x, axis=0)
    lengths = np.sqrt(np.sum(bonds ** 2, axis=1))
    return 0.5 * k * np.sum((lengths - rest) ** 2)


def projectile_range(v0, angle, g=9.81, drag=0.05, steps=30):
    dt = 0.02
    vx, vy = v0 * np.cos(angle), v0 * np.sin(angle)
    x = y = 0.0
    for _ in range(steps):
        speed = np.sqrt(vx * vx + vy * vy)
        vx = vx - drag * speed * vx * dt
        vy = vy - (g + drag * speed * vy) * dt
        x, y = x + vx * dt, y + vy * dt
    return x + 0.1 * y


# --- Gaussian processes, attention, normalisation ------------------------------------------------------


def gp_marginal_likelihood(log_ell, X, y, noise=0.1):
    ell = np.exp(log_ell)
    d2 = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=-1)
    K = np.exp(-0.5 * d2 / ell ** 2) + noise * np.eye(X.shape[0])
    L = np.linalg.cholesky(K)
    alpha = np.linalg.solve(L.T, np.linalg.solve(L, y))
    return 0.5 * y @ alpha + np.sum(np.log(np.diag(L))) + 0.5 * len(y) * np.log(2 * np.pi)


def attention(Q, K, V):
    scores = Q @ K.T / np.sqrt(Q.shape[-1])
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    return np.sum((w @ V) ** 2)


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    xhat = (x - mu) / np.sqrt(var + eps)
    return np.sum(np.tanh(gamma * xhat + beta))


def batch_norm(x, gamma, beta, eps=1e-5):
    mean = np.mean(x, axis=0)
    std = np.std(x, axis=0)
    out = gamma * (x - mean) / (std + eps) + beta
    return np.sum(out ** 3)


def conv1d_valid(signal, kernel):
    out = np.convolve(signal, kernel, mode="valid")
    return np.sum(np.maximum(out, 0.0) ** 2)


def sliding_windows(x, w):
    windows = np.lib.stride_tricks.sliding_window_view(x, 3)
    return np.sum((windows @ w) ** 2)


# --- losses -----------------------------------------------------------------------------------------------


def distillation_kl(student, teacher, T=2.0):
    ps = np.exp(student / T - np.max(student / T, axis=1, keepdims=True))
    ps = ps / ps.sum(axis=1, keepdims=True)
    pt = np.exp(teacher / T)
    pt /= pt.sum(axis=1, keepdims=True)
    return T * T * np.mean(np.sum(pt * (np.log(pt) - np.log(ps)), axis=1))


def focal_loss(z, y, gamma=2.0, alpha=0.25):
    p = 1.0 / (1.0 + np.exp(-z))
    pt = np.where(y == 1, p, 1 - p)
    at = np.where(y == 1, alpha, 1 - alpha)
    return -np.mean(at * (1 - pt) ** gamma * np.log(pt))


def triplet_loss(anchor, positive, negative, margin=0.5):
    dp = np.sum((anchor - positive) ** 2, axis=1)
    dn = np.sum((anchor - negative) ** 2, axis=1)
    return np.mean(np.maximum(dp - dn + margin, 0.0))


def cosine_similarity(a, B):
    num = B @ a
    den = np.linalg.norm(B, axis=1) * np.linalg.norm(a)
    return np.sum(num / den)


def norms_ord_axis(A):
    return (np.linalg.norm(A, ord=1) + np.linalg.norm(A, ord=np.inf)
            + np.sum(np.linalg.norm(A, ord=3, axis=0)) + np.linalg.norm(A, "fro"))


def masked_mean(x, mask):
    return np.sum(np.where(mask, x ** 2, 0.0)) / np.maximum(np.sum(mask), 1)


def nan_safe_log(x):
    y = np.log(x)
    return np.sum(np.nan_to_num(y * x, nan=0.0, neginf=-5.0))


def piecewise_ramp(x):
    y = np.piecewise(x, [x < 0, x >= 0], [lambda t: 0.1 * t, lambda t: t ** 2])
    return np.sum(y)


def select_bands(x):
    y = np.select([x < -0.5, x > 0.5], [x ** 2, np.sin(x)], default=0.5 * x)
    return np.sum(y)


def binned_means(x, values):
    edges = np.array([-1.0, -0.3, 0.3, 1.0])
    idx = np.clip(np.searchsorted(edges, x) - 1, 0, 2)
    centres = np.array([-0.65, 0.0, 0.65])
    return np.sum(values * (x - centres[idx]) ** 2)


def huber_loss(pred, target, delta=0.5):
    r = np.abs(pred - target)
    return np.mean(np.where(r < delta, 0.5 * r ** 2, delta * (r - 0.5 * delta)))


# --- parameters in containers and signatures ------------------------------------------------------------


@dataclasses.dataclass
class Layer:
    W: np.ndarray
    b: np.ndarray


class Affine(NamedTuple):
    scale: np.ndarray
    shift: float


def dataclass_params(x, layer: Layer):
    return np.sum(np.tanh(x @ layer.W + layer.b))


def namedtuple_params(params: Affine, x):
    return np.sum((params.scale * x + params.shift) ** 2)


def dict_params(params, X):
    h = np.tanh(X @ params["W1"] + params["b1"])
    return np.sum((h @ params["w2"]) ** 2)


def nested_list_params(layers, x):
    h = x
    for W, b in layers:
        h = np.tanh(h @ W + b)
    return np.sum(h)


def _scaled(x, *, power=2, scale=1.0):
    return scale * x ** power


def _forwarding(x, **kwargs):
    return _scaled(x, **kwargs)


def kwargs_helper(x):
    options = {"power": 3, "scale": 0.5}
    return np.sum(_scaled(x, **options)) + np.sum(_scaled(x, power=1))


def _options(x, shift=0.0, **opts):
    s = opts.get("scale", 1.0)
    if "bias" in opts:
        x = x + opts["bias"]
    return s * np.tanh(x + shift)


def kwargs_forwarding(x, b):
    return np.sum(_forwarding(x, power=3, scale=b)) + np.sum(_options(x, scale=2.0, bias=b)) + \
        np.sum(_options(x)) + np.sum(_options(x, 0.3, scale=b))


def _keeps_options(x, **opts):
    return _scaled(x, power=len(opts)) * _first_value(opts)


def _first_value(d):
    return d["w"]


def kwargs_passed_whole(x):
    return np.sum(_keeps_options(x, w=2.0))


def _computed_key(x, name, **opts):
    return x * opts[name]


def kwargs_computed_key(x):
    return np.sum(_computed_key(x, "w", w=2.0))


def kwonly_model(x, *, temperature=0.7, bias=0.1):
    return np.log(np.sum(np.exp((x + bias) / temperature)))


def float32_mix(w, x):
    y = w.astype(np.float64) * x
    return np.sum(np.sin(y))


def zero_d_ops(a, b):
    return float(np.exp(a) * b + np.sum(a * b))


def polynomial_features(x, w):
    feats = np.stack([np.ones_like(x), x, x ** 2, x ** 3], axis=1)
    return np.mean((feats @ w - np.cos(x)) ** 2)


def softplus_regression(w, X, y):
    z = X @ w
    return np.mean(np.logaddexp(0.0, -y * z))


def running_stats(x, momentum=0.9):
    mean = 0.0
    var = 1.0
    for v in x:
        mean = momentum * mean + (1 - momentum) * v
        var = momentum * var + (1 - momentum) * (v - mean) ** 2
    return mean + np.sqrt(var)


def gram_schmidt(A):
    q1 = A[:, 0] / np.linalg.norm(A[:, 0])
    v = A[:, 1] - (q1 @ A[:, 1]) * q1
    q2 = v / np.linalg.norm(v)
    return q1 @ A[:, 0] + q2 @ A[:, 1] ** 2 + np.sum(np.outer(q1, q2))


# --- a second batch: reductions, indexing, linear algebra, control flow ---------------------------------

ACTIVATIONS = {"relu": lambda v: np.maximum(v, 0.0), "tanh": np.tanh}
CONFIG = {"lr": 0.1, "steps": 3, "act": "tanh"}


def activation_table(x, W):
    act = ACTIVATIONS[CONFIG["act"]]
    h = act(x @ W)
    return np.sum(ACTIVATIONS["relu"](h - 0.1) ** 2)


def gd_with_config(w, X, y):
    for _ in range(CONFIG["steps"]):
        r = X @ w - y
        w = w - CONFIG["lr"] * X.T @ r / len(y)
    return 0.5 * np.mean((X @ w - y) ** 2)


def slogdet_logdet(A):
    sign, logdet = np.linalg.slogdet(A @ A.T + np.eye(A.shape[0]))
    return sign * logdet + np.trace(A) ** 2


def lstsq_fit(X, y):
    coef, *_ = np.linalg.lstsq(X, y, rcond=None)
    return np.sum(coef ** 2)


def bincount_weights(x, idx):
    sums = np.bincount(idx, weights=x ** 2, minlength=3)
    return np.sum(np.sqrt(sums + 1.0))


def scatter_add(x, idx):
    out = np.zeros(3)
    np.add.at(out, idx, x)
    out[idx] += 0.5 * x
    return np.sum(out ** 2)


def reduce_where(x):
    return np.sum(x ** 2, where=x > 0) + np.mean(x, where=x < 0.5)


def median_percentile(x):
    return np.median(x) + np.percentile(x, 75) + np.quantile(x, 0.25)


def gradient_trapezoid(y):
    t = np.linspace(0.0, 1.0, y.shape[0])
    dy = np.gradient(y, t)
    return np.trapezoid(dy ** 2, t) if hasattr(np, "trapezoid") else np.trapz(dy ** 2, t)


def ddof_stats(X):
    return np.sum(X.std(axis=0, ddof=1)) + np.var(X, ddof=1) + np.sum(X.mean(0) ** 2)


def norm_keepdims(X):
    U = X / np.linalg.norm(X, axis=-1, keepdims=True)
    return np.sum(U @ U.T)


def expand_and_einsum(A, B):
    C = np.einsum("...ij,...jk->...ik", A[None], B[None])
    D = np.expand_dims(C, 0)
    return np.sum(D ** 2) + np.einsum("ii", A @ B)


def cross_geometry(p, q):
    n = np.cross(p, q)
    area = 0.5 * np.linalg.norm(n)
    return area + np.dot(p, q) / (np.linalg.norm(p) * np.linalg.norm(q))


def tolerance_loop(a):
    x = 1.0
    for _ in range(50):
        x_new = 0.5 * (x + a / x)
        if abs(x_new - x) < 1e-12:
            break
        x = x_new
    return x_new


def promote_rank(x):
    if x.ndim == 1:
        x = x[None, :]
    return np.sum(np.tanh(x) * np.arange(x.shape[1]))


def assert_and_print(x):
    assert x.ndim == 1, "vector expected"
    n = len(x)
    total = 0.0
    for i in range(n - 1):
        total += (x[i + 1] - x[i]) ** 2
    return total / n


def dropout_fixed(x, w):
    rng = np.random.default_rng(0)
    mask = rng.uniform(size=x.shape) > 0.3
    return np.sum(np.where(mask, x * w, 0.0) / 0.7)


def special_functions(x):
    return np.sum(np.log1p(np.exp(x)) + np.expm1(0.1 * x) + np.sinc(x) + np.cbrt(x ** 2 + 1))


def scipy_special(x):
    from scipy.special import expit, logsumexp
    return logsumexp(x) + np.sum(expit(x) ** 2)


def argmax_onehot(logits, y):
    onehot = np.zeros_like(logits)
    onehot[np.arange(len(logits)), np.argmax(logits, axis=1)] = 1.0
    return np.sum(onehot * logits) + np.sum((logits - y) ** 2)


def where_indices(x):
    (pos,) = np.where(x > 0)
    return np.sum(x[pos] ** 3)


def cumulative_returns(r):
    wealth = np.cumprod(1.0 + r)
    peak = np.maximum.accumulate(wealth)
    return np.min(wealth / peak) + wealth[-1]


def swap_tensordot(A, B):
    T = np.swapaxes(A, 0, 1)
    return np.sum(np.tensordot(T, B, axes=([1], [0])) ** 2)


def interp_and_diff(y):
    xs = np.linspace(0.0, 1.0, y.shape[0])
    fine = np.interp(np.linspace(0.05, 0.95, 9), xs, y)
    return np.sum(np.diff(fine, n=2) ** 2)


def enumerate_pairs(X, Y):
    total = 0.0
    for i, (a, b) in enumerate(zip(X, Y)):  # noqa: B905
        total += (i + 1) * np.dot(a, b)
    return total


def sorted_key(xs):
    ordered = sorted(xs, key=abs)
    return ordered[0] * 2.0 + ordered[-1] ** 2


def clip_keywords(x):
    return np.sum(np.clip(x, a_min=None, a_max=0.5) ** 2) + np.sum(x.clip(min=-0.2))


def inv_and_det(A):
    M = A @ A.T + np.eye(A.shape[0])
    return np.linalg.det(M) + np.sum(np.linalg.inv(M))


def float32_constants(x):
    c = np.asarray([0.5, -1.0, 2.0, 0.25], dtype=np.float32)
    y = c * x + np.float32(0.5)
    return float(np.sum(y ** 2) + np.sum(x ** 2))


def apply_along_rows(X):
    return np.sum(np.apply_along_axis(lambda r: np.sum(r ** 2), 1, X))


# --- refused, or checked when the derivative runs ---------------------------------------------------------


class Counted:
    def __init__(self):
        self.calls = 0

    def loss(self, x):
        self.calls += 1
        return np.sum(x ** 2)


def cholesky_or_identity(A):
    try:
        L = np.linalg.cholesky(A)
    except np.linalg.LinAlgError:
        L = np.eye(A.shape[0])
    return np.sum(L)


WEIGHTS = np.ones((2, 3))


def shift_global_rows(x):
    for row in WEIGHTS:
        row += 1.0
    return np.sum(x * WEIGHTS[0])


def noise_like(x):
    return x * np.random.randn(*x.shape)


def put_along_rows(X, w):
    Z = np.zeros((3, 4))
    idx = np.argsort(X, axis=1)[:, :2]
    np.put_along_axis(Z, idx, np.take_along_axis(X, idx, axis=1) * w, axis=1)
    return np.sum(Z ** 2 * np.arange(4.0))


def put_along_parameter(x, rows):
    np.put_along_axis(x, rows, x[:1] ** 2, axis=0)
    return np.sum(x ** 3)


def polyfit_trend(y):
    t = np.linspace(0.0, 1.0, y.shape[0])
    coeffs = np.polyfit(t, y, 2)
    trend = np.polyval(coeffs, t)
    return np.sum((y - trend) ** 2) + coeffs[0] ** 2



def dict_of_zip_generator(theta):
    p = dict(zip(NAMES, (2.0 * t for t in theta)))  # noqa: B905
    return p["mass"] * p["damping"] + np.sin(p["stiffness"])


def scatter_into_parameter(x, rows):
    x[rows, np.arange(2)] = x[:1] ** 2
    return np.sum(x ** 3)
