"""A fourteenth batch of programs written the way people write NumPy, after the example and test
programs of autodiff libraries and numerical tutorials (re-imagined, none copied): Gaussian
mixtures through ``logsumexp``, a Kalman filter step, Black-Scholes with ``math.erf``, softmax
regression with one-hot rows from ``np.eye(k)[labels]``, ``np.einsum`` contractions of several
kinds, ``np.linalg`` (``det``, ``slogdet``, ``inv``, ``solve``, ``eigh``, ``norm``, ``qr``),
cumulative operations, ``np.interp`` in its values, ``np.outer``/``np.kron``/``np.tile``/
``np.repeat``, fancy indexing read and written, ``np.maximum.accumulate``, sorting in the value,
``np.where`` chains, ``np.clip`` with array bounds, ``math.lgamma`` in a loop, reductions over
axis tuples, float32 end to end, configs in dicts, callable objects, iteration helpers, fixed-depth
recursion, loops with tolerances and early returns. ``tests/test_idioms14.py`` differentiates
each in every mode against central finite differences."""

import math

import numpy as np

# --- mixtures, filters, finance ------------------------------------------------------------------


def _logsumexp(a, axis=None, keepdims=False):
    m = np.max(a, axis=axis, keepdims=True)
    s = np.log(np.sum(np.exp(a - m), axis=axis, keepdims=True)) + m
    return s if keepdims else np.squeeze(s, axis=axis)


def gmm_loglik(means, x, log_sigma=-0.3, weights=(0.3, 0.7)):
    sigma = np.exp(log_sigma)
    logw = np.log(np.asarray(weights))
    z = (x[:, None] - means[None, :]) / sigma
    logp = logw - 0.5 * z ** 2 - np.log(sigma) - 0.5 * np.log(2 * np.pi)
    return np.sum(_logsumexp(logp, axis=1))


def gmm_2d(mu, X):
    diff = X[:, None, :] - mu[None, :, :]
    sq = np.einsum("nkd,nkd->nk", diff, diff)
    return -np.mean(_logsumexp(-0.5 * sq, axis=1))


def kalman_step(m, P, y, A, Q, H, R):
    m_pred = A @ m
    P_pred = A @ P @ A.T + Q
    S = H @ P_pred @ H.T + R
    K = P_pred @ H.T @ np.linalg.inv(S)
    m_new = m_pred + K @ (y - H @ m_pred)
    P_new = (np.eye(len(m)) - K @ H) @ P_pred
    return np.sum(m_new ** 2) + np.trace(P_new)


def kalman_filter(ys, q=0.1, r=0.5):
    m, P = 0.0, 1.0
    nll = 0.0
    for y in ys:
        P = P + q
        S = P + r
        nll += 0.5 * (math.log(2 * math.pi * S) + (y - m) ** 2 / S)
        K = P / S
        m = m + K * (y - m)
        P = (1 - K) * P
    return nll


def _norm_cdf(x):
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def black_scholes(S, K=100.0, T=1.0, r=0.02, sigma=0.25):
    d1 = (math.log(S / K) + (r + 0.5 * sigma ** 2) * T) / (sigma * math.sqrt(T))
    d2 = d1 - sigma * math.sqrt(T)
    return S * _norm_cdf(d1) - K * math.exp(-r * T) * _norm_cdf(d2)


def black_scholes_vol(sigma, S=105.0, K=100.0, T=0.5, r=0.01):
    return black_scholes(S, K, T, r, sigma)


def bs_vectorized(S, sigma, K=1.0, T=1.0):
    from math import erf, sqrt
    d1 = (np.log(S / K) + 0.5 * sigma ** 2 * T) / (sigma * sqrt(T))
    d2 = d1 - sigma * sqrt(T)
    cdf = np.vectorize(lambda v: 0.5 * (1 + erf(v / sqrt(2))))
    return np.sum(S * cdf(d1) - K * cdf(d2))


def bs_erf_loop(S, sigma, K=1.0):
    total = 0.0
    for s, v in zip(S, sigma):  # noqa: B905
        d1 = (math.log(s / K) + 0.5 * v * v) / v
        total += s * 0.5 * math.erfc(-d1 / math.sqrt(2)) - K * 0.5 * math.erfc(-(d1 - v) / math.sqrt(2))
    return total


# --- classifiers ------------------------------------------------------------------------------------


def softmax_regression(W, X, labels, k=3):
    Y = np.eye(k)[labels]
    logits = X @ W
    logits -= logits.max(axis=1, keepdims=True)
    logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    return -np.sum(Y * logp) / X.shape[0]


def softmax_regression_bias(params, X, labels):
    W, b = params["W"], params["b"]
    logits = X @ W + b
    onehot = np.zeros_like(logits)
    onehot[np.arange(len(labels)), labels] = 1.0
    return -np.mean(np.sum(onehot * (logits - _logsumexp(logits, axis=1, keepdims=True)), axis=1))


def nll_gather(logits, labels):
    logp = logits - np.log(np.sum(np.exp(logits), axis=-1, keepdims=True))
    return -logp[np.arange(logits.shape[0]), labels].mean()


def label_smoothing(logits, labels, eps=0.1):
    k = logits.shape[1]
    target = np.full(logits.shape, eps / k)
    target[range(len(labels)), labels] += 1.0 - eps
    logp = logits - _logsumexp(logits, axis=1, keepdims=True)
    return -(target * logp).sum() / len(labels)


# --- einsum contractions ----------------------------------------------------------------------------


def einsum_kinds(A, B, v):
    mm = np.einsum("ij,jk->ik", A, B)
    rows = np.einsum("bi,bi->b", A, B.T)
    tr = np.einsum("ii->", A @ B)
    diag = np.einsum("ii->i", mm)
    outer = np.einsum("i,j->ij", v, v)
    return np.sum(mm ** 2) + np.sum(rows) + tr + np.sum(diag * v) + np.sum(outer * A)


def einsum_batched(Xs, W):
    H = np.einsum("bij,jk->bik", Xs, W)
    return np.einsum("bik,bik->", H, H)


def einsum_ellipsis(X, w):
    return np.sum(np.tanh(np.einsum("...i,i->...", X, w)))


def einsum_three(a, M, b):
    return np.einsum("i,ij,j->", a, M, b)


def einsum_transpose(A):
    return np.sum(np.einsum("ij->ji", A) * A) + np.einsum("ij,ij", A, A)


def einsum_bilinear_batch(x, W, y):
    return np.sum(np.einsum("ni,kij,nj->nk", x, W, y) ** 2)


# --- linear algebra ------------------------------------------------------------------------------


def linalg_mix(A):
    S = A @ A.T + 3.0 * np.eye(A.shape[0])
    sign, logdet = np.linalg.slogdet(S)
    b = np.arange(1.0, A.shape[0] + 1)
    x = np.linalg.solve(S, b)
    return sign * logdet + x @ b + np.linalg.det(S) * 1e-2 + np.trace(np.linalg.inv(S))


def eigh_top(A):
    S = 0.5 * (A + A.T)
    w, V = np.linalg.eigh(S)
    return w[-1] + np.sum(V[:, -1] ** 4)


def eigvalsh_sum(A):
    S = A.T @ A
    return np.sum(np.sqrt(np.linalg.eigvalsh(S) + 1.0))


def norms_many(X):
    return (np.linalg.norm(X, ord="fro") + np.linalg.norm(X, axis=0).sum()
            + np.linalg.norm(X[0], ord=1) + np.linalg.norm(X[1], ord=np.inf)
            + np.linalg.norm(X, ord=1, axis=1).sum() + np.linalg.norm(X.ravel(), 3))


def qr_regression(X, y):
    Q, R = np.linalg.qr(X)
    beta = np.linalg.solve(R, Q.T @ y)
    return np.sum((X @ beta - y) ** 2) + np.sum(beta ** 2)


def batched_solve(A, b):
    S = A @ np.swapaxes(A, -1, -2) + np.eye(A.shape[-1])
    x = np.linalg.solve(S, b[..., None])[..., 0]
    return np.sum(x ** 2) + np.sum(np.linalg.det(S))


def multi_dot_power(A, B):
    return np.trace(np.linalg.multi_dot([A, B, A.T])) + np.sum(np.linalg.matrix_power(A, 3))


def pinv_fit(X, y):
    beta = np.linalg.pinv(X) @ y
    return np.sum(beta ** 2)


def svd_nuclear(A):
    s = np.linalg.svd(A, compute_uv=False)
    return np.sum(s) + np.linalg.norm(A, "nuc")


def cholesky_logdet(A):
    S = A @ A.T + np.eye(len(A))
    L = np.linalg.cholesky(S)
    return 2.0 * np.sum(np.log(np.diagonal(L)))


# --- cumulative, differences, integrals, interpolation -------------------------------------------


def cumulative_mix(x):
    c = np.cumsum(x)
    p = np.cumprod(1.0 + 0.1 * x)
    back = np.cumsum(x[::-1])[::-1]
    return np.sum(c * p) + np.sum(back ** 2) + x.cumsum()[-1]


def cumsum_axis(X):
    return np.sum(np.cumsum(X, axis=1) ** 2) + np.sum(X.cumprod(axis=0))


def diff_orders(x):
    d1 = np.diff(x)
    d2 = np.diff(x, n=2)
    dp = np.diff(x, prepend=0.0, append=x[-1])
    return np.sum(d1 ** 2) + np.sum(d2 ** 2) + np.sum(dp ** 3)


def gradient_spacing(y, dx=0.3):
    g = np.gradient(y, dx)
    t = np.linspace(0.0, 1.0, len(y))
    g2 = np.gradient(y, t)
    return np.sum(g ** 2) + np.sum(g2 * y)


def gradient_2d(Z):
    gy, gx = np.gradient(Z)
    return np.sum(gx ** 2 + gy ** 2)


def trapezoid_area(y, x):
    integrate = getattr(np, "trapezoid", None) or np.trapz
    return integrate(y ** 2, x) + integrate(y, dx=0.5)


def interp_values(fp, x=np.array([0.1, 0.5, 1.7, 2.9, 3.2])):  # noqa: B008
    xp = np.arange(len(fp), dtype=float)
    return np.sum(np.interp(x, xp, fp) ** 2)


def interp_table(fp, scale):
    xs = np.linspace(0.0, 3.0, 7) * scale
    return np.sum(np.interp(xs, [0.0, 1.0, 2.0, 3.0], fp, left=0.0, right=fp[-1]) * xs)


# --- outer, kron, tile, repeat ----------------------------------------------------------------------


def outer_kron(u, v):
    M = np.outer(u, v)
    K = np.kron(M, np.eye(2))
    return np.sum(K ** 2) + np.sum(np.kron(u, v))


def tile_repeat(x):
    t = np.tile(x, 3)
    T2 = np.tile(x, (2, 1))
    r = np.repeat(x, 2)
    rr = np.repeat(x, [1, 2, 0, 3])
    return np.sum(t * np.arange(len(t))) + np.sum(T2 ** 2) + np.sum(r ** 3) + np.sum(rr)


def repeat_axis(X):
    return np.sum(np.repeat(X, 2, axis=0) * np.arange(X.shape[1])) + np.sum(X.repeat(3, axis=1) ** 2)


# --- fancy indexing read and written --------------------------------------------------------------


def fancy_read_write(x, idx):
    y = np.zeros(6)
    y[idx] += x[idx] ** 2
    y[::2] = y[::2] * 3.0
    return np.sum(y * np.arange(6))


def add_at_repeated(x, idx):
    out = np.zeros(4)
    np.add.at(out, idx, x)
    return np.sum(out ** 2)


def mask_written(x):
    y = x.copy()
    y[y < 0] = 0.0
    y[y > 1.0] *= 0.5
    return np.sum(y ** 2)


def mask_read_reduce(X):
    m = X > 0
    return np.sum(X[m] ** 2) - np.sum(X[~m]) + np.mean(X[X[:, 0] > -5.0], axis=0).sum()


def argmax_select(X, W):
    scores = X @ W
    best = np.argmax(scores, axis=1)
    chosen = np.take_along_axis(scores, best[:, None], axis=1)
    other = scores[np.arange(len(best)), best]
    return np.sum(chosen ** 2) + np.sum(other)


def argsort_topk(x, k=3):
    order = np.argsort(-x)
    return np.sum(x[order[:k]] * np.array([3.0, 2.0, 1.0]))


def scatter_rows(W, idx):
    G = np.zeros((5, W.shape[1]))
    G[idx] = W
    return np.sum(G ** 2 * np.arange(5)[:, None])


def repeated_index_assign(x, idx):
    y = np.zeros(4)
    y[idx] = x
    return np.sum(y * np.arange(1.0, 5.0))


# --- accumulations, sorting, where chains, clip --------------------------------------------------


def running_max_drawdown(prices):
    peak = np.maximum.accumulate(prices)
    return np.max((peak - prices) / peak)


def minimum_accumulate(x):
    return np.sum(np.minimum.accumulate(x) ** 2) + np.add.accumulate(x)[-1] + np.multiply.reduce(x)


def sort_in_value(x):
    s = np.sort(x)
    trimmed = s[1:-1]
    return np.mean(trimmed) + np.sum(np.sort(x)[::-1] * np.arange(len(x)))


def partition_median(x):
    k = len(x) // 2
    p = np.partition(x, k)
    return p[k] + np.sum(np.partition(x, 1)[:1])


def where_chain(x):
    y = np.where(x < -1.0, -1.0 - 0.1 * x, np.where(x < 1.0, x ** 3, np.where(x < 2.0, np.sqrt(x), 2.0)))
    return np.sum(y)


def clip_array_bounds(x, lo, hi):
    return np.sum(np.clip(x, lo, hi) ** 2) + np.sum(x.clip(lo, None))


def logaddexp_forms(a, b):
    return np.sum(np.logaddexp(a, b)) + np.logaddexp.reduce(a) + np.sum(np.logaddexp2(a, 0.0))


def lgamma_loop(alpha):
    total = 0.0
    for a in alpha:
        total += math.lgamma(a) - math.lgamma(a + 0.5)
    return total + math.lgamma(float(np.sum(alpha)))


def beta_log_prob(x, a, b):
    lbeta = math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
    return np.sum((a - 1) * np.log(x) + (b - 1) * np.log1p(-x)) - len(x) * lbeta


# --- reductions, dtypes, configs, callables -------------------------------------------------------


def axis_tuples(T):
    m = T.mean(axis=(1, 2), keepdims=True)
    v = ((T - m) ** 2).sum(axis=(0, 2))
    return np.sum(v) + np.max(T, axis=(0, 1)).sum() + T.std(axis=(0, 2), ddof=1).sum()


def float32_pipeline(x):
    w = np.linspace(0.5, 1.5, x.shape[0], dtype=x.dtype)
    h = np.tanh(x * w) + x.dtype.type(0.1) * x ** 2
    return np.sum(h.astype(x.dtype)) / len(x)


def float32_matrix(W, x):
    h = np.maximum(W @ x, 0.0)
    return (h ** 2).mean(dtype=W.dtype)


CONFIG = {"activation": "softplus", "l2": 0.01, "layers": 2, "scale": 0.5}


def config_model(w, x):
    h = x
    for _ in range(CONFIG["layers"]):
        h = h * w * CONFIG["scale"]
        if CONFIG["activation"] == "softplus":  # noqa: SIM108
            h = np.log1p(np.exp(h))
        else:
            h = np.tanh(h)
    return np.sum(h) + CONFIG["l2"] * np.sum(w ** 2)


def config_argument(w, cfg={"p": 3, "eps": 1e-3}):  # noqa: B006  (as written in the wild)
    return np.sum((np.abs(w) + cfg["eps"]) ** cfg["p"]) ** (1.0 / cfg["p"])


class Polynomial:
    def __init__(self, coefs):
        self.coefs = np.asarray(coefs, dtype=float)

    def __call__(self, x):
        out = np.zeros_like(x)
        for c in self.coefs[::-1]:
            out = out * x + c
        return out


POLY = Polynomial([1.0, -2.0, 0.5, 0.25])


def callable_object(x):
    return np.sum(POLY(x) ** 2)


class Scaler:
    def __init__(self, scale):
        self.scale = scale

    def __call__(self, x):
        return self.scale * np.sin(x)


def callable_list(x):
    fs = [Scaler(1.0), Scaler(0.5), np.cos]
    return sum(np.sum(f(x)) for f in fs)


SCALERS = (Scaler(1.0), Scaler(0.5))


def local_function_list(x):
    acts = [np.tanh, np.sin, SCALERS[1]]
    total = 0.0
    for k, act in enumerate(acts):
        total = total + (k + 1) * np.sum(act(x) ** 2)
    for act, w in zip(reversed(acts), (0.5, 2.0, 1.0)):  # noqa: B905
        total = total + w * np.sum(act(2.0 * x))
    return total + len(acts) + sum(np.sum(a(x)) for a in acts)


# --- iteration helpers, recursion, while, early return --------------------------------------------


def enumerate_zip_reversed(xs, ys):
    total = 0.0
    for i, (a, b) in enumerate(zip(xs, ys)):  # noqa: B905
        total += (i + 1) * a * b
    for a in reversed(xs):
        total = 0.5 * total + a
    return total


def rows_iteration(X):
    acc = np.zeros(X.shape[1])
    for k, row in enumerate(X):
        acc = acc + row ** 2 / (k + 1)
    return np.sum(acc) + sum(np.sum(c) for c in X.T)


def _bisect_sum(x, depth):
    if depth == 0:
        return np.sum(x ** 2)
    n = len(x) // 2
    return _bisect_sum(x[:n], depth - 1) + 2.0 * _bisect_sum(x[n:], depth - 1)


def recursive_halves(x):
    return _bisect_sum(x, 2)


def _horner(coefs, x):
    if len(coefs) == 1:
        return coefs[0]
    return coefs[0] + x * _horner(coefs[1:], x)


def recursive_horner(c, x=0.7):
    return _horner(c, x)


def newton_sqrt(a, tol=1e-10):
    x = a
    while abs(x * x - a) > tol:
        x = 0.5 * (x + a / x)
    return x


def fixed_point_tol(theta):
    x = np.zeros_like(theta)
    err = 1.0
    it = 0
    while err > 1e-9 and it < 200:
        x_new = 0.5 * np.cos(x) + theta
        err = np.max(np.abs(x_new - x))
        x = x_new
        it += 1
    return np.sum(x ** 2)


def early_return_loop(x, threshold=2.0):
    s = 0.0
    for i in range(len(x)):
        s = s + x[i] ** 2
        if s > threshold:
            return s * (i + 1)
    return -s


def first_positive(x):
    for v in x:
        if v > 0:
            return v ** 2
    return 0.0


# --- a second batch: products with zeros, shape helpers, statistics, builtins ---------------------


def prod_with_zero(x):
    return np.prod(x) + np.sum(np.cumprod(x)) + np.prod(x.reshape(2, 3), axis=1).sum()


def prod_keepdims(X):
    return np.sum(X / np.prod(X, axis=0, keepdims=True) ** 0.25)


def tensordot_forms(A, B, v):
    return (np.tensordot(A, B, axes=1).sum() + np.tensordot(A, B.T, axes=2)
            + np.vdot(v, v) + np.inner(A[0], v) + np.dot(v, A).sum())


def triangular_parts(A):
    return np.sum(np.triu(A, k=1) ** 2) + np.sum(np.tril(A) * 2.0) + np.trace(A, offset=1)


def pad_roll(x):
    p = np.pad(x, 2)
    e = np.pad(x, (1, 2), mode="edge")
    r = np.roll(x, 2)
    return np.sum(p * np.arange(len(p))) + np.sum(e ** 2) + np.sum(r * x)


def meshgrid_field(a, b):
    xs, ys = np.meshgrid(np.linspace(-1, 1, 3), np.linspace(0, 1, 4))
    field = a * np.exp(-(xs ** 2 + ys ** 2) / b)
    return np.sum(field ** 2)


def polyval_fit(c, x=np.linspace(-1, 1, 5)):  # noqa: B008
    return np.sum(np.polyval(c, x) ** 2) + np.polyval(c, 0.3)


def polyval_in_x(x):
    return np.sum(np.polyval([1.0, -0.5, 2.0], x))


def convolve_same(x, k):
    return np.sum(np.convolve(x, k, mode="same") ** 2) + np.sum(np.correlate(x, k, mode="valid"))


def covariance_stats(X):
    C = np.cov(X, rowvar=False)
    return np.sum(C ** 2) + np.trace(C)


def corrcoef_loss(X):
    return np.sum(np.corrcoef(X) ** 2)


def weighted_average(x, w):
    return np.average(x, weights=w) + np.average(x ** 2, weights=w, axis=0)


def median_loss(x):
    return np.median(x) + np.sum(np.abs(x - np.median(x)))


def hypot_arctan(x, y):
    return np.sum(np.hypot(x, y) + np.arctan2(y, x) ** 2)


def special_elementwise(x):
    return np.sum(np.sinc(x) + np.cbrt(x) + np.exp2(x) + np.log10(np.abs(x) + 1.0)
                  + np.square(x) + np.reciprocal(x + 3.0) + np.arcsinh(x) + np.deg2rad(x))


def split_stack(x):
    a, b, c = np.split(x, 3)
    parts = np.array_split(x, 4)
    S = np.stack([a, b, c], axis=-1)
    return np.sum(S ** 2 * np.arange(3)) + sum(np.sum(p) * (i + 1) for i, p in enumerate(parts))


def block_diag(A, B):
    Z = np.zeros((A.shape[0], B.shape[1]))
    M = np.block([[A, Z], [Z.T, B]])
    return np.sum(M @ M)


def diag_build(v):
    D = np.diag(v) + np.diagflat(v[::-1])
    return np.sum(np.linalg.inv(D + 3.0 * np.eye(len(v))))


def fill_diagonal_copy(A):
    B = A.copy()
    np.fill_diagonal(B, 1.0)
    return np.sum(B ** 2)


def ix_block(A, rows=np.array([0, 2]), cols=np.array([1, 2])):  # noqa: B008
    return np.sum(A[np.ix_(rows, cols)] ** 2)


def take_choose(x):
    t = np.take(x, [0, 2, 2, 4])
    c = np.choose([0, 1, 0], [x[:3], x[3:]])
    return np.sum(t ** 2) + np.sum(c * 3.0)


def apply_rows(X):
    return np.sum(np.apply_along_axis(lambda r: np.sum(r ** 2), 1, X))


def errstate_log(x):
    with np.errstate(divide="ignore"):
        y = np.log(np.abs(x))
    return np.sum(y)


def local_lambda(x):
    sq = lambda v: v * v  # noqa: E731
    return np.sum(sq(x) + sq(np.sin(x)))


def closure_helper(x, scale=2.0):
    def inner(v):
        return scale * np.tanh(v)
    return np.sum(inner(x) * inner(2 * x))


def map_and_reduce(xs):
    import functools
    return functools.reduce(lambda a, b: a * 0.5 + b, map(np.sin, xs))


def builtin_minmax(x):
    best = max(range(len(x)), key=lambda i: x[i])
    return x[best] ** 2 + min(x) * abs(x[0]) + pow(x[1], 3)


WEIGHTS = {"a": 1.0, "b": 2.0, "c": 0.5}


def dict_generators(x):
    parts = {"a": x[0], "b": x[1] * x[2], "c": np.sum(x)}
    scale = {"a": 1.0, "b": 2.0, "c": 0.5}
    total = sum(scale[k] * v ** 2 for k, v in parts.items())
    total += sum([WEIGHTS[k] * parts[k] for k in parts if k != "a"])
    return total + max(v for v in parts.values()) + math.fsum(WEIGHTS[k] * v for k, v in parts.items())


def dict_items_loop(x):
    weights = {"a": 1.0, "b": 2.0, "c": 0.5}
    parts = {"a": x[0], "b": x[1] * x[2], "c": np.sum(x)}
    return sum(weights[k] * v ** 2 for k, v in parts.items())


def list_comp_filter(x):
    squares = [v ** 2 for v in x if v > 0]
    return sum(squares) + np.array([v * 2.0 for v in x]).sum()


def shape_unpack(X, w):
    n, d = X.shape
    assert d == len(w), "shapes"
    return float(np.sum((X @ w) ** 2)) / n


def item_and_float(x):
    s = np.sum(x ** 2)
    return math.sqrt(float(s)) + x[0].item() * 2.0 + float(x[1]) ** 2


def floor_index(t, table=np.linspace(0.0, 1.0, 5)):  # noqa: B008
    i = int(np.floor(t * 3))
    frac = t * 3 - i
    return table[i] * (1 - frac) + table[i + 1] * frac + t ** 2


def seeded_noise(x):
    rng = np.random.default_rng(0)
    noise = rng.normal(size=x.shape)
    return np.sum((x + 0.1 * noise) ** 2)


def math_scalars(a, b):
    return (math.hypot(a, b) + math.atan2(b, a) + math.log1p(a * a) + math.expm1(b)
            + math.tanh(a) + math.fabs(b) + math.copysign(a * a, b))


def sum_where(x):
    return np.sum(x ** 2, where=x > 0) + np.max(x, initial=-10.0) + np.mean(x, where=x < 0.5)


def mixed_promotion(x32, w):
    return np.sum((x32 * w) ** 2)


def inplace_normalize(x):
    v = x * 2.0
    v /= np.linalg.norm(v)
    v -= v.mean()
    return np.sum(v ** 3)


def unique_groups(x, keys=np.array([2, 0, 2, 1, 0])):  # noqa: B008
    uniq, inverse = np.unique(keys, return_inverse=True)
    sums = np.bincount(inverse, weights=x, minlength=len(uniq))
    return np.sum(sums ** 2)


def nonzero_select(x):
    (idx,) = np.nonzero(x > 0)
    single = np.where(x < 0)[0]
    return np.sum(x[idx] ** 2) + np.sum(x[single])


def strided_update(x):
    y = x.copy()
    y[::2] += y[1::2]
    y[-1] *= 3.0
    return np.sum(y ** 2)


def flat_writes(X):
    Y = X.copy()
    Y.ravel()[::3] = 0.0
    Y.flat[1] = 2.0 * X[0, 0]
    return np.sum(Y ** 2)


# --- a third batch: buffers filled in loops, implicit einsum, scipy.special, decorators ------------


def fill_empty(x):
    out = np.empty_like(x)
    for i in range(len(x)):
        out[i] = np.sin(x[i]) * (i + 1)
    buf = np.zeros((len(x),), dtype=x.dtype)
    buf[:] = out ** 2
    return buf.sum()


def einsum_implicit(A, x):
    return (np.einsum("i,i", x, x) + np.einsum("ii", A) + np.sum(np.einsum("ij,jk", A, A))
            + np.sum(np.einsum("ij,ij->i", A, A, optimize=True)))


def matrix_rhs_solve(A, B):
    S = A @ A.T + np.eye(3)
    X = np.linalg.solve(S, B)
    return np.sum(X ** 2) + np.linalg.norm(S, 2) + np.linalg.norm(A[0], -np.inf)


def eigh_indexed(A):
    S = A + A.T
    return np.sum(np.linalg.eigh(S)[0] ** 2) + np.linalg.eigvalsh(S)[0]


def scipy_special_mix(w, X, y):
    from scipy.special import expit, gammaln, logsumexp, softmax
    p = expit(X @ w)
    ll = np.sum(y * np.log(p) + (1 - y) * np.log1p(-p))
    return -ll + logsumexp(w) + np.sum(softmax(X, axis=1)[:, 0]) + np.sum(gammaln(np.abs(w) + 1))


def powers_mix(x, y):
    return np.sum(x ** 3 + x ** -1 + 2.0 ** x + np.power(np.abs(x), y) + np.float_power(y * y, 0.5))


def builtin_sum_rows(X):
    s = sum(X)
    return np.sum(s ** 2) + max(X[0]) * len(X) + X.shape[0] * np.sum(X)


def unbound_methods(X):
    return np.ndarray.sum(X ** 2) + np.ndarray.mean(X, axis=0).sum() + X.reshape(-1, 2).sum(1)[0]


def casting_inside(x):
    y = np.asarray(x, dtype=np.float64) * 2.0
    z = y.astype(np.float64) + np.copy(x)
    return np.sum(z ** 2) + float(np.float64(x[0]))


def softmax_inplace(x):
    e = np.exp(x - x.max())
    e /= e.sum()
    return -np.sum(np.log(np.clip(e, 1e-12, 1.0)) * np.arange(len(x)))


def _traced(fn):
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper


@_traced
def _decorated_helper(v):
    return np.tanh(v) * 2.0


def decorated_helper(x):
    return np.sum(_decorated_helper(x) ** 2)


class Model:
    def __init__(self, scale):
        self.scale = scale

    @property
    def bias(self):
        return 0.5 * self.scale

    @staticmethod
    def activation(v):
        return np.log1p(np.exp(v))

    def loss(self, w, X):
        return np.sum(self.activation(X @ w * self.scale + self.bias) ** 2)


MODEL = Model(1.5)


def pair_loops(P):
    import itertools
    e = 0.0
    for i, j in itertools.combinations(range(len(P)), 2):
        e = e + 1.0 / np.sum((P[i] - P[j]) ** 2)
    for i, j in np.ndindex(2, 2):
        e = e + P[i, j] ** 2
    return e


def kalman_smoother_stack(ys, q=0.2, r=0.4):
    ms, Ps = [], []
    m, P = 0.0, 1.0
    for y in ys:
        P = P + q
        K = P / (P + r)
        m = m + K * (y - m)
        P = (1 - K) * P
        ms.append(m)
        Ps.append(P)
    M = np.stack(ms)
    for t in range(len(ys) - 2, -1, -1):
        G = Ps[t] / (Ps[t] + q)
        M[t] = M[t] + G * (M[t + 1] - M[t])
    return np.sum(M ** 2)


def mask_assign_from(x, y):
    z = x.copy()
    m = x > y
    z[m] = y[m] * 2.0
    z[~m] += np.where(m, 0.0, x)[~m]
    return np.sum(z ** 2)


def add_at_2d(W, rows=np.array([0, 2, 0]), cols=np.array([1, 1, 1])):  # noqa: B008
    G = np.zeros((3, 3))
    np.add.at(G, (rows, cols), W[rows, cols] * 2.0)
    return np.sum(G * W)


def argmin_distance(X, c):
    d = np.linalg.norm(X - c, axis=1)
    k = d.argmin()
    return d[k] + np.sum(X[k] * c)


def flag_branch(x, flip=True):
    return np.sum(-x if flip else x) + (np.sum(x ** 2) if not flip else 0.0)


# --- a fourth batch: views, aliases, swaps, jumps in loops, index arithmetic --------------------


def view_write_back(x):
    a = x * 1.0
    b = a[::2]
    b += 1.0
    c = a.reshape(2, 3)
    c[0] *= 2.0
    return np.sum(a ** 2)


def transpose_view_write(X):
    A = X.copy()
    A.T[0] = np.sin(X[:, 1])
    return np.sum(A ** 2)


def chained_alias(x):
    a = b = np.zeros(3)
    a[0] = x[0] * 2.0
    b[1] = x[1] ** 2
    return np.sum(a * b) + b[0] + a[1]


def fibonacci_swap(x, n=6):
    a, b = x, 1.0 + 0.0 * x
    for _ in range(n):
        a, b = b, a + 0.5 * b
    return np.sum(a * b)


def break_continue(x):
    total = 0.0
    for i in range(len(x)):
        if x[i] < -1.0:
            continue
        total = total + x[i] ** 2
        if total > 3.0:
            break
    return total


def nested_early_return(X):
    for i in range(X.shape[0]):
        for j in range(X.shape[1]):
            if X[i, j] > 1.0:
                return X[i, j] * i + np.sum(X[:i] ** 2)
    return np.sum(X)


def index_arithmetic(x):
    n = len(x)
    s = 0.0
    for i in range(2 * n):
        s = s + x[i // 2] * x[i % n] + x[-1 - i % 3]
    return s + np.sum(x[::-2]) + np.sum(x[-3:-1] ** 2)


def ellipsis_none(X):
    outer = X[..., 0][:, None] * X[..., 1][None, :]
    return np.sum(outer ** 2) + np.sum(X[None, ..., None])


def active_branches(x):
    if x[0] > 0 and x[1] < 0:
        y = x * 2.0
    elif x[0] > 0 or x[2] > 0:
        y = np.sin(x)
    else:
        y = -x
    return np.sum(y ** 2)


def sorted_scalars(x):
    vals = [x[0] * 2.0, x[1] - 1.0, np.sin(x[2]), x[3] ** 2]
    return sorted(vals)[1] + max(vals) - min(vals[1:])


def stack_mixed(a, b):
    v = np.array([a, b, a * b])
    M = np.stack([v, v ** 2]).T
    return np.sum(M @ M.T)


def tensordot_pairs(A, B):
    return np.tensordot(A, B, axes=([0, 1], [1, 0])) + np.sum(np.tensordot(A, B, axes=0) ** 2)


def float32_inplace(x):
    y = x.astype(x.dtype)
    y *= 2.0
    y += x.dtype.type(1.0)
    return np.sum(y ** 2)


def integer_data(w, counts=np.array([3, 0, 2, 5])):  # noqa: B008
    rate = np.exp(counts @ np.ones((4, 2)) * 0.1 * w)
    return np.sum(counts[:2] * np.log(rate) - rate) + np.dot(counts, np.tile(w, 2))


def safe_reciprocal(x):
    inv = np.where(x != 0, 1.0 / np.where(x != 0, x, 1.0), 0.0)
    return np.sum(inv * x ** 2) + np.sum(np.abs(x) ** 1.5)


def loop_dict_state(x, steps=4):
    state = {"h": np.zeros_like(x), "c": 0.0}
    for t in range(steps):
        state["h"] = state["h"] * 0.5 + np.tanh(x * (t + 1))
        state["c"] = state["c"] + np.sum(state["h"])
    return state["c"] + np.sum(state["h"] ** 2)


def list_reverse_array(x):
    out = []
    for v in x:
        out.append(v * v)
    out.reverse()
    return np.sum(np.array(out) * np.arange(len(out)))


def _stats(v):
    return {"mean": np.mean(v), "var": np.var(v)}


def _moments(v):
    return np.mean(v), np.mean(v ** 2)


def helper_tuple_dict(x):
    m1, m2 = _moments(x)
    return m2 - m1 ** 2 + _moments(2.0 * x)[1]


def keyword_order(x):
    return np.sum(_scaled(scale=2.0, v=x, shift=x[0])) + np.sum(_scaled(x, shift=0.5))


def _scaled(v, scale=1.0, shift=0.0):
    return scale * v + shift


def permuted(x):
    perm = np.random.default_rng(3).permutation(len(x))
    return np.sum(x[perm] * np.arange(len(x))) + np.sum(np.diff(x[perm]) ** 2)


def batched_inverse_loop(A):
    total = 0.0
    for k in range(A.shape[0]):
        M = A[k] @ A[k].T + np.eye(2)
        total = total + np.trace(np.linalg.inv(M)) + np.linalg.det(M)
    return total


def power_abs_negative(x):
    return np.sum(np.sign(x) * np.abs(x) ** 2.5) + np.sum(x ** 2.0) + np.sum(np.cbrt(x) ** 3)


def square_masked_inplace(x):
    y = x.copy()
    y[y > 0] **= 2
    y[y < -0.5] = -0.5
    return np.sum(y * np.arange(len(y)))


# --- a fifth batch: stable activations, manual interpolation, unpacked parameters, scipy ---------


def stable_activations(x):
    softplus = np.log1p(np.exp(-np.abs(x))) + np.maximum(x, 0.0)
    sig = np.where(x >= 0, 1.0 / (1.0 + np.exp(-np.abs(x))), np.exp(-np.abs(x)) / (1.0 + np.exp(-np.abs(x))))
    return np.sum(softplus * sig) + np.sum(np.logaddexp(0.0, -x))


def manual_interp(fp, x=np.array([0.15, 0.5, 1.25, 2.7])):  # noqa: B008
    xp = np.array([0.0, 1.0, 2.0, 3.0])
    i = np.clip(np.searchsorted(xp, x) - 1, 0, len(xp) - 2)
    t = (x - xp[i]) / (xp[i + 1] - xp[i])
    return np.sum((fp[i] * (1 - t) + fp[i + 1] * t) ** 2)


def unpacked_theta(theta, t=np.linspace(0.0, 2.0, 6)):  # noqa: B008
    a, b, c = theta
    y = a * np.exp(-b * t) + c
    return np.sum((y - 1.0) ** 2)


def tuple_parameter(ab, x):
    a, b = ab
    return np.sum(np.tanh(a * x + b) ** 2)


def nested_config(w, cfg={"opt": {"lr": 0.1, "steps": 3}, "reg": {"l2": 0.01}}):  # noqa: B006
    for _ in range(cfg["opt"]["steps"]):
        w = w - cfg["opt"]["lr"] * (2.0 * w - 1.0)
    return np.sum(w ** 2) + cfg["reg"]["l2"] * np.sum(np.abs(w))


def _penalty(w, l1=0.0, l2=0.0):
    return l1 * np.sum(np.abs(w)) + l2 * np.sum(w ** 2)


def kwargs_config(w):
    cfg = {"l1": 0.1, "l2": 0.5}
    return _penalty(w, **cfg) + _penalty(w * 2.0, l2=cfg["l2"] * 2.0)


def kwargs_display(w):
    return _penalty(w, **{"l2": 1.0})


def rows_written_in_loop(X):
    Y = X.copy()
    for row in Y:
        row *= 2.0
        row[0] = np.sin(row[1])
    return np.sum(Y ** 2)


def concat_append(x):
    y = np.concatenate([x[:1], x[1:] * 2.0])
    z = np.append(y, np.sum(x))
    w = np.insert(z, 1, x[0] ** 2)
    return np.sum(np.delete(w, 2) ** 2) + np.sum(np.flipud(x) * np.arange(len(x)))


def unravel_argmax(A):
    i, j = np.unravel_index(np.argmax(A), A.shape)
    B = A.copy()
    B[np.diag_indices(3)] += 1.0
    return A[i, j] ** 2 + np.sum(B ** 2)


def meshgrid_active(a, b):
    X, Y = np.meshgrid(a, b)
    return np.sum(np.sin(X) * Y ** 2) + np.sum(np.vander(a, 3) ** 2)


def fft_power(x):
    spec = np.fft.rfft(x)
    return np.sum(np.abs(spec) ** 2) / len(x)


def product_builtins(x):
    import functools
    import operator
    return math.prod([x[0], x[1], 2.0]) + functools.reduce(operator.mul, list(x[:3])) + np.prod(list(x))


def nan_data_stats(x, data=np.array([1.0, np.nan, 2.5, np.nan, -0.5])):  # noqa: B008
    # (its gradient was NaN where data is: the nan reductions' 0 met the partial data, NaN)
    return np.nanmean(data * x) + np.nansum((data - x) ** 2) + np.nanmax(data + x)


def check_finite(x):
    y = np.log1p(x ** 2)
    if not np.all(np.isfinite(y)):
        raise ValueError("non-finite")
    if np.isnan(y).any():
        return 0.0
    return np.sum(y)


def allclose_loop(x):
    y = x
    for _ in range(50):
        y_new = 0.5 * (y + x / np.maximum(y, 1e-3))
        if np.allclose(y_new, y, atol=1e-12):
            break
        y = y_new
    return np.sum(y)


def scipy_linalg_solves(A, b):
    from scipy.linalg import cho_factor, cho_solve, solve_triangular
    S = A @ A.T + 2.0 * np.eye(3)
    c = cho_factor(S)
    x = cho_solve(c, b)
    L = np.linalg.cholesky(S)
    z = solve_triangular(L, b, lower=True)
    return np.sum(x ** 2) + np.sum(z ** 2)


def scipy_stats_logpdf(mu, x):
    from scipy import stats
    return np.sum(stats.norm.logpdf(x, loc=mu, scale=1.5)) + stats.norm(mu, 2.0).logpdf(0.3)


def hyperbolic_mix(x):
    return np.sum(np.sinh(x) * np.cosh(x) + np.arccos(x * 0.5) + np.arctan(x) / np.pi
                  + np.heaviside(x, 0.5) * x)


def keepdims_normalize(X):
    Xn = X / np.linalg.norm(X, axis=-1, keepdims=True)
    G = Xn @ Xn.T
    return np.sum(G ** 2) + np.sum(X / np.linalg.norm(X))


def argsort_take(x, k=2):
    top = np.argsort(x)[::-1][:k]
    return np.sum(np.take(x, top) ** 2) + np.sum(x[np.argsort(x)] * np.arange(len(x)))


def lexsort_rows(X):
    order = np.lexsort((X[:, 1], X[:, 0]))
    return np.sum(X[order] * np.arange(X.shape[0])[:, None])


# --- a sixth batch: after autograd's and JAX's example programs (re-imagined) --------------------


def black_box_vi(params, n_samples=4):
    mean, log_std = params[:2], params[2:]
    rs = np.random.RandomState(0)
    samples = rs.randn(n_samples, 2) * np.exp(log_std) + mean
    logp = -0.5 * np.sum((samples - 1.0) ** 2, axis=1) - np.sum(samples ** 4, axis=1) * 0.01
    entropy = 0.5 * 2 * (1.0 + np.log(2 * np.pi)) + np.sum(log_std)
    return -(np.mean(logp) + entropy)


def bilinear_sample(field, pts=np.array([[0.3, 1.2], [1.7, 0.4], [2.2, 2.9]])):  # noqa: B008
    x0 = np.floor(pts[:, 0]).astype(int)
    y0 = np.floor(pts[:, 1]).astype(int)
    sx, sy = pts[:, 0] - x0, pts[:, 1] - y0
    f = (field[x0, y0] * (1 - sx) * (1 - sy) + field[x0 + 1, y0] * sx * (1 - sy)
         + field[x0, y0 + 1] * (1 - sx) * sy + field[x0 + 1, y0 + 1] * sx * sy)
    return np.sum(f ** 2)


def advect_roll(u, steps=3):
    for _ in range(steps):
        u = u - 0.2 * (u - np.roll(u, 1, axis=0)) - 0.1 * (u - np.roll(u, -1, axis=1))
    return np.sum(u ** 2)


def maxpool_reshape(X):
    n, h, w = X.shape
    pooled = X.reshape(n, h // 2, 2, w // 2, 2).max(axis=(2, 4))
    return np.sum(pooled ** 2)


def maml_inner(w, X, y, lr=0.1):
    import tangentish
    def inner(v):
        return np.mean((X @ v - y) ** 2)
    adapted = w - lr * tangentish.grad(inner)(w)
    return inner(adapted)


def vae_like(params, x):
    W_enc, W_dec = params
    h = np.tanh(x @ W_enc)
    mu, log_var = h[:, :2], h[:, 2:]
    eps = np.random.default_rng(1).standard_normal(mu.shape)
    z = mu + np.exp(0.5 * log_var) * eps
    recon = z @ W_dec
    kl = -0.5 * np.sum(1 + log_var - mu ** 2 - np.exp(log_var))
    return np.sum((recon - x) ** 2) + kl


def wave_equation(u0, c=0.5, steps=4):
    u_prev, u = u0.copy(), u0.copy()
    for _ in range(steps):
        lap = np.zeros_like(u)
        lap[1:-1] = u[2:] - 2 * u[1:-1] + u[:-2]
        u_prev, u = u, 2 * u - u_prev + c ** 2 * lap
    return np.sum(u ** 2)


def rosenbrock_descent(p, lr=1e-3, steps=5):
    x, y = p[0], p[1]
    for _ in range(steps):
        gx = -2 * (1 - x) - 400 * x * (y - x ** 2)
        gy = 200 * (y - x ** 2)
        x, y = x - lr * gx, y - lr * gy
    return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2


def mixture_density(params, x, y):
    W, b = params["W"], params["b"]
    out = np.tanh(x[:, None] * W + b)
    logits, mus = out[:, :2], out[:, 2:]
    logw = logits - _logsumexp(logits, axis=1, keepdims=True)
    comp = logw - 0.5 * (y[:, None] - mus) ** 2
    return -np.sum(_logsumexp(comp, axis=1))


def scipy_logsumexp_b(a, w):
    from scipy.special import logsumexp
    return logsumexp(a, b=w) + np.sum(logsumexp(np.outer(a, w), axis=1))


def cross_and_outer(a, b):
    n = np.cross(a, b)
    return np.sum(n ** 2) + np.sum(np.outer(a, n)) + np.dot(np.cross(n, a), b)


def svd_full(A):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return np.sum(s ** 2) + np.sum((U @ np.diag(s) @ Vt - A) ** 2) + s[0]


def vstack_growing(x):
    rows = []
    for k in range(3):
        rows.append(np.sin(x * (k + 1)))
    M = np.vstack(rows)
    return np.sum(M.T @ M)


def closure_default_args(x):
    fs = [lambda v, k=k: v * k for k in range(1, 4)]
    return sum(np.sum(f(x) ** 2) for f in fs)


# --- a seventh batch: vector- and matrix-valued functions (residuals, right-hand sides, maps) ----


def residuals(theta, t=np.linspace(0.0, 1.0, 5), y=np.array([1.0, 0.8, 0.7, 0.5, 0.45])):  # noqa: B008
    a, k = theta
    return a * np.exp(-k * t) - y


def lorenz_rhs(s, sigma=10.0, rho=28.0, beta=8.0 / 3.0):
    x, y, z = s
    return np.array([sigma * (y - x), x * (rho - z) - y, x * y - beta * z])


def softmax_vector(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


def polar_to_cartesian(p):
    r, phi = p[0], p[1]
    return np.stack([r * np.cos(phi), r * np.sin(phi)])


def normalize_rows(X):
    return X / np.linalg.norm(X, axis=1, keepdims=True)


def cumulative_returns_vec(r):
    return np.cumprod(1.0 + r) - 1.0


def matrix_exp_series(A, terms=8):
    out = np.eye(A.shape[0])
    term = np.eye(A.shape[0])
    for k in range(1, terms):
        term = term @ A / k
        out = out + term
    return out


def rk4_state(y0, h=0.1, steps=3):
    def f(y):
        return np.array([y[1], -np.sin(y[0])])
    y = y0
    for _ in range(steps):
        k1 = f(y)
        k2 = f(y + 0.5 * h * k1)
        k3 = f(y + 0.5 * h * k2)
        k4 = f(y + h * k3)
        y = y + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
    return y


def pairwise_distances(X):
    sq = np.sum(X ** 2, axis=1)
    D2 = sq[:, None] + sq[None, :] - 2.0 * X @ X.T
    return np.sqrt(np.maximum(D2, 0.0) + 1e-6)


def batched_quadratic(x, A):
    return np.einsum("bi,ij,bj->b", x, A, x)


def running_mean_vec(x, alpha=0.3):
    out = []
    m = x[0]
    for v in x:
        m = alpha * v + (1 - alpha) * m
        out.append(m)
    return np.array(out)


def sorted_vector(x):
    return np.sort(x)[::-1] * np.arange(1.0, len(x) + 1)


def solve_map(b, A=np.array([[3.0, 1.0, 0.0], [1.0, 4.0, 0.5], [0.0, 0.5, 2.0]])):  # noqa: B008
    return np.linalg.solve(A, b) ** 2


def gram_matrix(X):
    return X.T @ X / X.shape[0]


def tuple_output(x):
    return np.sum(x ** 2), np.tanh(x)
