"""A twelfth batch of programs written the way people write NumPy, in areas the other zoos leave
alone: textbook models with an intercept column and one-hot labels, PCA and EM written out, a
Kalman step and Black-Scholes, unrolled Newton and conjugate-gradient loops, ``np.einsum`` in its
everyday forms, ``np.linalg`` as tutorials use it, ``np.pad``/``np.roll``/``np.kron`` stencils,
ordering by ``np.argsort``, ``math`` scalar code, closures, lambdas, classes with static helpers,
``functools.partial``, keyword-only and boolean parameters, float32 and 0-d inputs, empty loops.
``tests/test_idioms12.py`` differentiates each in every mode against finite differences."""

import dataclasses
import functools
import math

import numpy as np

# --- textbook models ------------------------------------------------------------------------------


def logreg_intercept(w, X, y, lam=0.1):
    Xb = np.hstack([np.ones((X.shape[0], 1)), X])
    z = Xb @ w
    p = 1.0 / (1.0 + np.exp(-z))
    eps = 1e-12
    nll = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
    return nll + lam / 2 * np.sum(w[1:] ** 2)


def softmax_regression(W, X, labels, n_classes=3):
    Y = np.eye(n_classes)[labels]
    scores = X @ W
    scores = scores - scores.max(axis=1, keepdims=True)
    probs = np.exp(scores) / np.sum(np.exp(scores), axis=1, keepdims=True)
    return -np.sum(Y * np.log(probs)) / X.shape[0]


def pca_reconstruction(W, X):
    Xc = X - X.mean(axis=0)
    Z = Xc @ W
    X_hat = Z @ W.T
    return np.linalg.norm(Xc - X_hat, "fro") ** 2 / len(X)


def em_loglik(mu, X, sigma=1.0):
    K = mu.shape[0]
    pi = np.ones(K) / K
    for _ in range(2):
        d2 = ((X[:, None, :] - mu[None, :, :]) ** 2).sum(-1)
        logp = np.log(pi) - d2 / (2 * sigma ** 2)
        logp -= logp.max(axis=1, keepdims=True)
        r = np.exp(logp)
        r /= r.sum(axis=1, keepdims=True)
        Nk = r.sum(axis=0)
        mu = (r.T @ X) / Nk[:, None]
        pi = Nk / len(X)
    d2 = ((X[:, None, :] - mu[None, :, :]) ** 2).sum(-1)
    comp = pi[None, :] * np.exp(-d2 / (2 * sigma ** 2))
    return np.log(comp.sum(axis=1)).sum()


def kalman_step(x, P, z, F, H, Q, R):
    x_pred = F @ x
    P_pred = F @ P @ F.T + Q
    S = H @ P_pred @ H.T + R
    K = P_pred @ H.T @ np.linalg.inv(S)
    y = z - H @ x_pred
    x_new = x_pred + K @ y
    P_new = (np.eye(len(x)) - K @ H) @ P_pred
    return np.sum(x_new ** 2) + np.trace(P_new)


def _norm_cdf(v):
    return 0.5 * (1.0 + math.erf(v / math.sqrt(2.0)))


def black_scholes_call(S, K, T, r, sigma):
    d1 = (math.log(S / K) + (r + 0.5 * sigma ** 2) * T) / (sigma * math.sqrt(T))
    d2 = d1 - sigma * math.sqrt(T)
    return S * _norm_cdf(d1) - K * math.exp(-r * T) * _norm_cdf(d2)


def black_scholes_vec(S, K, T, r, sigma):
    from scipy.special import ndtr
    sq = sigma * np.sqrt(T)
    d1 = (np.log(S / K) + (r + sigma ** 2 / 2) * T) / sq
    d2 = d1 - sq
    return np.sum(S * ndtr(d1) - K * np.exp(-r * T) * ndtr(d2))


# --- unrolled solvers -----------------------------------------------------------------------------


def newton_implicit(a, b, iters=6):
    x = np.ones_like(a)
    for _ in range(iters):
        fx = x ** 3 + a * x - b
        dfx = 3 * x ** 2 + a
        x = x - fx / dfx
    return np.sum(x)


def gd_inner(theta, A, b, steps=5, lr=0.1):
    x = np.zeros_like(b)
    for _ in range(steps):
        g = A @ x - b + theta * x
        x = x - lr * g
    return 0.5 * x @ A @ x - b @ x


def conjugate_gradient(A, b, n_iter=3):
    x = np.zeros_like(b)
    r = b - A @ x
    p = r.copy()
    rs_old = r @ r
    for _ in range(n_iter):
        Ap = A @ p
        alpha = rs_old / (p @ Ap)
        x = x + alpha * p
        r = r - alpha * Ap
        rs_new = r @ r
        p = r + (rs_new / rs_old) * p
        rs_old = rs_new
    return np.sum(x ** 2)


def fixed_steps_empty(x, steps=0):
    y = x * 1.0
    for _ in range(steps):
        y = np.sin(y)
    for i in range(len(x), 0):
        y = y + i
    return np.sum(y ** 2)


# --- einsum and linear algebra ------------------------------------------------------------------


def einsum_forms(A, B, v):
    rowdots = np.einsum("ij,ij->i", A, B)
    prod = np.einsum("ij,jk->ik", A, B.T)
    tr = np.einsum("ii->", prod)
    quad = np.einsum("i,ij,j->", v, prod, v)
    outer = np.einsum("i,j->ij", v, v)
    return np.sum(rowdots) + tr + quad + np.einsum("ij,ij", outer, prod)


def batched_bilinear(X, W):
    H = np.einsum("bi,ij->bj", X, W)
    G = np.einsum("bj,bk->bjk", H, H)
    return np.einsum("bjj->", G) / X.shape[0]


def linear_system(theta, b):
    A = np.array([[2.0 + theta[0], theta[1]], [theta[1], 3.0 + theta[2]]])
    x = np.linalg.solve(A, b)
    sign, logdet = np.linalg.slogdet(A)
    return x @ x + logdet + np.linalg.det(A) * 0.1


def cholesky_whiten(S, X):
    L = np.linalg.cholesky(S @ S.T + np.eye(len(S)))
    Z = np.linalg.solve(L, X.T)
    return np.sum(Z ** 2) + 2 * np.sum(np.log(np.diag(L)))


def eigh_spread(A):
    S = 0.5 * (A + A.T)
    w, V = np.linalg.eigh(S)
    return w[-1] - w[0] + np.sum(V[:, -1] ** 4)


def inv_quadratic(A, x):
    M = A @ A.T + np.eye(A.shape[0])
    Minv = np.linalg.inv(M)
    return x @ Minv @ x


# --- grids, stencils, kron ---------------------------------------------------------------------


def meshgrid_field(cx, cy, s=0.5):
    xs = np.linspace(-1, 1, 5)
    ys = np.linspace(-1, 1, 4)
    Xg, Yg = np.meshgrid(xs, ys)
    field = np.exp(-((Xg - cx) ** 2 + (Yg - cy) ** 2) / (2 * s ** 2))
    return field.sum() * (xs[1] - xs[0]) * (ys[1] - ys[0])


def kron_separable(a, b, x):
    K = np.kron(np.outer(a, a), np.diag(b))
    return x @ K @ x


def padded_laplacian(u):
    up = np.pad(u, 1, mode="edge")
    lap = up[:-2, 1:-1] + up[2:, 1:-1] + up[1:-1, :-2] + up[1:-1, 2:] - 4 * u
    return np.sum(lap ** 2)


def roll_periodic(u, c=0.3, dt=0.1, steps=3):
    for _ in range(steps):
        u = u - c * dt * (np.roll(u, -1) - np.roll(u, 1)) / 2.0
    return np.sum(u ** 2) + u[0]


def triangular_masks(A):
    lower = np.tril(A)
    strict_upper = np.triu(A, k=1)
    mask = np.tril(np.ones_like(A), -1).astype(bool)
    return np.sum(lower ** 2) - np.sum(strict_upper) + np.sum(A[mask] ** 3)


# --- gathers and ordering ------------------------------------------------------------------------


def take_along_topk(scores, k=2):
    idx = np.argsort(-scores, axis=1)[:, :k]
    top = np.take_along_axis(scores, idx, axis=1)
    return np.sum(top ** 2)


def argsort_reorder(x, w):
    order = np.argsort(x)
    xs = x[order]
    return np.sum(w * xs) + np.sum(np.diff(xs) ** 2)


def interp_curve(fp, x):
    xp = np.linspace(0.0, 1.0, len(fp))
    y = np.interp(x, xp, fp)
    return np.sum(y ** 2)


def polyval_loss(coeffs, t, y):
    pred = np.polyval(coeffs, t)
    return np.mean((pred - y) ** 2)


def rank_weighted(losses):
    s = np.sort(losses)[::-1]
    weights = 1.0 / np.arange(1, len(s) + 1)
    return np.dot(weights, s)


def cumsum_pipeline(v, dt=0.1):
    pos = np.cumsum(v) * dt
    vel = np.diff(pos, prepend=0.0) / dt
    acc = np.diff(vel)
    return np.sum(pos ** 2) + 0.1 * np.sum(acc ** 2)


def cumprod_survival(hazard):
    s = np.cumprod(1.0 - hazard)
    return -np.sum(np.log(s[-1:])) + np.sum(s)


# --- losses with clips and smooth extremes -------------------------------------------------------


def clipped_bce(logits, y):
    p = 1 / (1 + np.exp(-logits))
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def smooth_max_min(x, beta=5.0):
    smax = np.log(np.sum(np.exp(beta * x))) / beta
    soft_relu = 0.5 * (x + np.sqrt(x ** 2 + 1e-2))
    return smax + np.sum(np.minimum(soft_relu, 1.0)) + np.sum(np.maximum(x, -0.5))


def pairwise_reshape(x):
    d = x.reshape(-1, 1) - x.reshape(1, -1)
    k = np.exp(-d ** 2)
    return np.sum(k) - np.sum(np.abs(x[:, None] - x[None, :]) ** 3)


def keepdims_normalise(X):
    P = np.abs(X) + 0.1
    P = P / P.sum(axis=1, keepdims=True)
    H = -(P * np.log(P)).sum(axis=1)
    Z = (X - X.mean(axis=0, keepdims=True)) / X.std(axis=0, ddof=1, keepdims=True)
    return H.sum() + np.sum(Z[:, 0] * X[:, -1])


def log_cosh(pred, y):
    r = pred - y
    return np.mean(np.log(np.cosh(r)))


# --- lists, generators, math ----------------------------------------------------------------------


def stacked_features(x, degree=3):
    cols = []
    for k in range(degree + 1):
        cols.append(x ** k)
    Phi = np.vstack(cols).T
    rows = [np.hstack([xi, xi ** 2]) for xi in x]
    return np.sum(Phi @ np.ones(degree + 1)) + np.sum(np.stack(rows) ** 2)


def generator_energy(xs, k=2.0):
    n = len(xs)
    springs = sum(k * (xs[i + 1] - xs[i] - 1.0) ** 2 for i in range(n - 1))
    gravity = sum(9.81 * x for x in xs)
    return springs + gravity + max(xs) - min(xs)


def math_scalar(a, b):
    r = math.hypot(a, b)
    theta = math.atan2(b, a)
    return r * math.cos(2 * theta) + math.exp(-r) * math.pi + math.log1p(a * a)


def math_mixed(x, a):
    scale = math.sqrt(a) + math.tanh(a)
    return scale * np.sum(np.sin(x)) + math.exp(a) * np.mean(x ** 2)


# --- functions, closures, classes ------------------------------------------------------------------


def make_loss(alpha):
    def loss(w, X, y):
        r = X @ w - y
        return np.mean(r ** 2) + alpha * np.sum(np.abs(w))
    return loss


CLOSED_LOSS = make_loss(0.3)


def nested_helpers(x, w):
    def act(v):
        return v / (1.0 + np.abs(v))

    sq = lambda t: t * t  # noqa: E731
    h = act(x * w)
    return np.sum(sq(h)) + np.sum(act(h - 0.5))


class Ridge:
    def __init__(self, lam):
        self.lam = lam

    @staticmethod
    def _predict(X, w):
        return X @ w

    def loss(self, w, X, y):
        r = self._predict(X, w) - y
        return r @ r / len(y) + self.lam * w @ w


class Scaled:
    def __init__(self, scale):
        self.scale = scale

    def __call__(self, x):
        return self.scale * np.sum(np.tanh(x) ** 2)


def elastic_net(w, X, y, l1=0.1, l2=0.2):
    r = y - X @ w
    return 0.5 * np.mean(r ** 2) + l1 * np.sum(np.abs(w)) + l2 * np.sum(w ** 2)


PARTIAL_NET = functools.partial(elastic_net, l1=0.05)


def kwonly_flags(x, w, *, normalize=True, power=2, center=False):
    if center:
        x = x - x.mean()
    h = np.tanh(x * w)
    if normalize:
        h = h / np.sqrt(np.sum(h ** 2) + 1e-8)
    return np.sum(np.abs(h) ** power)


def int_bool_params(x, n, use_log):
    total = 0.0
    for i in range(n):
        total = total + x[i % len(x)] ** 2
    if use_log:
        total = np.log1p(total)
    return total


def float32_layer(x, W):
    h = np.tanh(x @ W)
    return (h * h).sum()


def zero_d(x, a):
    return np.sin(x) * a + x ** 2


def center_inplace(D, t):
    for di in D:
        di -= t
    return np.sum(D ** 2)


def _normalize_inplace(v, eps=1e-8):
    n = np.sqrt(np.sum(v ** 2)) + eps
    v /= n
    return n


def helper_normalize_rows(X):
    X = X.copy()
    norms = []
    for i in range(X.shape[0]):
        row = X[i]
        norms.append(_normalize_inplace(row))
    return np.sum(X[:, 0] * X[:, 1]) + np.sum(np.array(norms) ** 2)


# --- a second batch: defaults of None, properties, inheritance, rng noise, comprehensions ------


def weighted_loss(x, *, w=None, mask=None):
    if w is None:
        w = np.ones_like(x)
    if mask is not None:
        x = np.where(mask, x, 0.0)
    return np.sum(w * x ** 2) / np.sum(w)


def fixed_noise_loss(theta, X):
    rng = np.random.default_rng(0)
    noise = rng.normal(size=X.shape[0])
    pred = X @ theta + 0.1 * noise
    return np.mean(pred ** 2)


class Affine:
    def __init__(self, W, b):
        self._W = W
        self.b = b

    @property
    def W(self):
        return self._W

    def forward(self, x):
        return x @ self.W + self.b


class Squashed(Affine):
    def forward(self, x):
        return np.tanh(super().forward(x))

    def loss(self, x, y):
        return np.mean((self.forward(x) - y) ** 2)


def even_terms(w, x):
    n = len(x)
    return sum(w[i] * x[i] ** 2 for i in range(n) if i % 2 == 0)


def kernel_matrix(xs, ell=0.5):
    K = np.array([[np.exp(-(a - b) ** 2 / (2 * ell ** 2)) for b in xs] for a in xs])
    return np.sum(np.linalg.solve(K + 0.1 * np.eye(len(xs)), np.ones(len(xs))))


def scaled_dict(params, x):
    scaled = {k: 2.0 * v for k, v in params.items()}
    return np.sum(scaled["w"] * x) + scaled["b"]


def enumerate_zip(xs, ys):
    total = 0.0
    for i, (a, b) in enumerate(zip(xs, ys)):  # noqa: B905  (as written in the wild)
        total += (i + 1) * a * b
    return total


def polar_stack(t, r):
    pts = np.stack([r * np.cos(t), r * np.sin(t)], axis=-1)
    d = np.linalg.norm(pts[1:] - pts[:-1], axis=-1, keepdims=True)
    return np.sum(d) + np.sum(pts[:, 0] * pts[:, 1])


def newton_tolerance(a, x0=1.0, tol=1e-10):
    x = x0
    while abs(x * x - a) > tol:
        x = 0.5 * (x + a / x)
    return x


def fsum_reduce(A):
    import functools as ft
    mats = [A, A.T, 0.5 * A]
    P = ft.reduce(np.matmul, mats)
    return math.fsum([float(np.trace(P)), 0.5]) + np.sum(P ** 2)


def top_k_sorted(x, k=3):
    return np.sort(x)[::-1][:k].sum() + np.clip(x, 0, None).sum() + x.clip(-0.5).sum()


def tuple_axes_mean(X):
    return np.mean(X, axis=(0, 1)).sum() + X.mean(axis=(1, 2)).var()


def solve_matrix_rhs(A, B):
    M = A @ A.T + np.eye(A.shape[0])
    Y = np.linalg.solve(M, B)
    return np.sum(Y * B) + np.log(np.abs(np.linalg.det(M)))


def tensordot_axes(A, B):
    C = np.tensordot(A, B, axes=([1], [0]))
    return np.sum(C ** 2) + np.linalg.eigvalsh(A @ A.T).max()


def float32_scalar(x):
    y = np.float32(0.5) * x + x ** 2
    return np.sum(np.tanh(y))


def sigmoid_logaddexp(x):
    s = np.exp(-np.logaddexp(0.0, -x))
    return np.sum(s * (1 - s)) + np.sum(np.sign(x) * np.sqrt(np.abs(x) + 0.1))


def gaussian_kl(mu1, log_s1, mu2=0.0, log_s2=0.0):
    s1, s2 = math.exp(log_s1), math.exp(log_s2)
    return math.log(s2 / s1) + (s1 ** 2 + (mu1 - mu2) ** 2) / (2 * s2 ** 2) - 0.5


def softmax_temperature(z, T):
    e = np.exp(z / T - np.max(z / T))
    p = e / e.sum()
    return -np.sum(p * np.log(p))


def newaxis_gram(X):
    Xc = X - X.mean(0)
    C = Xc.T @ Xc / (X.shape[0] - 1)
    d = X[..., None] * X[:, np.newaxis, :]
    return np.trace(C) + np.sum(d ** 2) / np.prod(X.shape)


def ndim_branch(x):
    if x.ndim == 1:
        x = np.atleast_2d(x).T
    return np.sum(x @ x.T) + len(x.shape)


def concat_scaled(x):
    y = np.concatenate([x[:1], x[1:] * 2.0])
    return np.sum(y ** 2) + np.sum(np.nan_to_num(np.log(np.abs(y))))


def _moments(v):
    return np.mean(v), np.var(v)


def helper_tuple_loop(X):
    total = 0.0
    for row in X:
        m, s2 = _moments(row)
        total = total + m ** 2 + s2
    return total


def isclose_guard(x, y):
    if np.allclose(x, y):
        return np.sum(x)
    return np.sum((x - y) ** 2) + float(np.isclose(x, y).sum())


def heaviside_mix(x):
    return np.sum(np.heaviside(x, 0.5) * x ** 2) + np.sum(abs(x))


class DataModel:
    @dataclasses.dataclass
    class _Unused:
        a: float = 0.0

    def __init__(self, X, y):
        self.X, self.y = X, y

    def nll(self, w, scale=1.0):
        z = self.X @ w
        return scale * np.sum(np.logaddexp(0.0, -self.y * z))


# --- a third batch: filters, geometry, interpolation, scipy.special, closures that append ------


def kalman_filter_loglik(q, zs, r=0.5):
    x, P = 0.0, 1.0
    ll = 0.0
    for z in zs:
        P = P + q
        S = P + r
        K = P / S
        innov = z - x
        ll += -0.5 * (math.log(2 * math.pi * S) + innov ** 2 / S)
        x = x + K * innov
        P = (1 - K) * P
    return ll


def viterbi_score(log_T, log_e):
    score = log_e[0].copy()
    for t in range(1, log_e.shape[0]):
        cand = score[:, None] + log_T
        score = np.max(cand, axis=0) + log_e[t]
    return np.max(score)


def gumbel_softmax(logits, tau=0.5):
    rng = np.random.default_rng(3)
    g = -np.log(-np.log(rng.uniform(0.01, 0.99, size=logits.shape)))
    y = (logits + g) / tau
    y = np.exp(y - y.max())
    return np.sum((y / y.sum()) * np.arange(len(logits)))


def bilinear_sample(img, pts):
    x, y = pts[:, 0], pts[:, 1]
    x0 = np.floor(x).astype(int)
    y0 = np.floor(y).astype(int)
    wx, wy = x - x0, y - y0
    v = (img[y0, x0] * (1 - wx) * (1 - wy) + img[y0, x0 + 1] * wx * (1 - wy)
         + img[y0 + 1, x0] * (1 - wx) * wy + img[y0 + 1, x0 + 1] * wx * wy)
    return np.sum(v ** 2)


def ray_sphere(origin, direction, radius=1.0):
    d = direction / np.linalg.norm(direction)
    b = 2 * np.dot(origin, d)
    c = np.dot(origin, origin) - radius ** 2
    disc = b * b - 4 * c
    t = np.where(disc > 0, (-b - np.sqrt(np.maximum(disc, 0.0))) / 2, 1e3)
    return t


def quaternion_rotate(q, v):
    q = q / np.linalg.norm(q)
    w, u = q[0], q[1:]
    return np.sum((v + 2 * w * np.cross(u, v) + 2 * np.cross(u, np.cross(u, v))) ** 2 * v)


def spline_eval(coefs, x, knots):
    idx = np.clip(np.searchsorted(knots, x) - 1, 0, len(knots) - 2)
    t = x - knots[idx]
    c = coefs[idx]
    return np.sum(c[:, 0] + c[:, 1] * t + c[:, 2] * t ** 2)


def image_gradients(img):
    p = np.pad(img, ((1, 1), (1, 1)), mode="reflect")
    gx = np.diff(p, axis=1)[1:-1, :-1]
    gy = np.diff(p, axis=0)[:-1, 1:-1]
    return np.sum(np.sqrt(gx ** 2 + gy ** 2 + 1e-6))


def take_along_xent(logits, y):
    logp = logits - np.log(np.sum(np.exp(logits), axis=1, keepdims=True))
    picked = np.take_along_axis(logp, y[:, None], axis=1)
    return -picked.mean()


def cosine_schedule_sum(lr0, steps=5):
    total = 0.0
    for k in range(steps):
        lr = 0.5 * lr0 * (1 + math.cos(math.pi * k / steps))
        total += lr ** 2
    return total


def contrastive_fill(Z, tau=0.5):
    Zn = Z / np.linalg.norm(Z, axis=1, keepdims=True)
    S = Zn @ Zn.T / tau
    np.fill_diagonal(S, -1e9)
    logp = S - np.log(np.sum(np.exp(S), axis=1, keepdims=True))
    n = len(Z) // 2
    pos = np.concatenate([np.arange(n, 2 * n), np.arange(n)])
    return -np.mean(logp[np.arange(2 * n), pos])


def poisson_offset(b, X, counts, exposure):
    eta = X @ b + np.log(exposure)
    return np.sum(np.exp(eta) - counts * eta)


def wls_inverse(w, X, y):
    W = np.diag(w)
    beta = np.linalg.inv(X.T @ W @ X) @ X.T @ W @ y
    return np.sum((y - X @ beta) ** 2)


def partition_percentile(x, k=2):
    low = np.partition(x, k)[:k]
    return np.sum(low) + np.percentile(x, 90) + np.median(x)


def sliding_max(x, w=3):
    win = np.lib.stride_tricks.sliding_window_view(x, w)
    return np.sum(win.max(axis=1)) + np.sum(np.where(np.isnan(x), 0.0, x) ** 2)


def scipy_special_mix(x, W):
    from scipy.special import expit, log_softmax, logsumexp
    h = expit(x @ W)
    return np.sum(logsumexp(h, axis=1)) - np.sum(log_softmax(h, axis=1)[:, 0])


def qr_orthogonal(A, b):
    Q, R = np.linalg.qr(A)
    return np.sum((Q.T @ b) ** 2) + np.sum(np.abs(np.diag(R)))


def block_matrix(a, B):
    M = np.block([[B, a[:, None]], [a[None, :], np.ones((1, 1))]])
    return np.sum(np.linalg.solve(M + 3 * np.eye(len(M)), np.ones(len(M))))


def closure_appends(x):
    out = []

    def add(v):
        out.append(v * v)

    for xi in x:
        add(xi)
    return sum(out)


def math_on_elements(x):
    vals = [math.exp(-float(xi) ** 2) for xi in x]
    return np.sum(np.array(vals) * x) + x[0].item() ** 2


def halves(x):
    n = len(x) // 2
    first, second = x[:n], x[n:]
    return np.dot(first, second[:n]) + np.sum(np.outer(x, x)[np.triu_indices(len(x))])


def inv_times_vector(A, b):
    return np.sum(np.linalg.inv(A + 4 * np.eye(len(A))) @ b)


# --- a fourth batch: classes as people write them -------------------------------------------------


class Regressor:
    EPS = 1e-3

    def __init__(self, var):
        self.var = var

    @property
    def precision(self):
        return 1.0 / (self.var + self.EPS)

    @classmethod
    def default(cls):
        return cls(0.5)

    @staticmethod
    def _sq(r):
        return r * r

    def activation(self, z):
        return z

    def loss(self, w, X, y):
        r = self.activation(X @ w) - y
        return 0.5 * self.precision * np.sum(self._sq(r)) + Regressor.EPS * np.sum(w ** 2)

    def __call__(self, w, X, y):
        return self.loss(w, X, y)


class TanhRegressor(Regressor):
    def activation(self, z):
        return np.tanh(z)


@dataclasses.dataclass
class Prior:
    mu: float
    scale: float

    def logp(self, w):
        return -0.5 * np.sum(((w - self.mu) / self.scale) ** 2)


def class_static_call(w):
    return np.sum(Regressor._sq(w)) + Prior(0.1, 2.0).mu * np.sum(w)
