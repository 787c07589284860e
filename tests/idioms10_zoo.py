"""A tenth batch of programs written the way people write NumPy (ML losses, small networks,
physics, statistics, signal processing), none in the zoo's style: masked means and
``initial=`` reductions, keyword-only parameter dicts, closure factories and lambdas rebound in
turn, ``np.apply_along_axis``, ``np.poly1d``, ``np.vectorize``, ``np.convolve``, a DFT written
out, tuple-swapping integrators, ``np.linalg.solve``/``slogdet``.  ``tests/test_idioms10.py``
differentiates each in every mode against finite differences."""

import numpy as np

# --- machine learning ---------------------------------------------------------------------------


def huber(pred, target, delta=1.0):
    r = np.abs(pred - target)
    quad = 0.5 * r ** 2
    lin = delta * (r - 0.5 * delta)
    return np.mean(np.where(r <= delta, quad, lin))


def focal_loss(logits, y, gamma=2.0, eps=1e-7):
    p = 1.0 / (1.0 + np.exp(-logits))
    p = np.clip(p, eps, 1.0 - eps)
    pt = np.where(y == 1, p, 1.0 - p)
    return -np.mean((1.0 - pt) ** gamma * np.log(pt))


def layer_norm(x, gain, bias, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    y = (x - mu) / np.sqrt(var + eps) * gain + bias
    return np.sum(y ** 3) / y.size


def attention(Q, K, V):
    d = Q.shape[-1]
    scores = np.einsum("id,jd->ij", Q, K) / np.sqrt(d)
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    return np.sum((w @ V) ** 2)


def kl_logits(p_logits, q_logits):
    def log_softmax(z):
        m = np.max(z, axis=-1, keepdims=True)
        return z - m - np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))
    lp, lq = log_softmax(p_logits), log_softmax(q_logits)
    return np.sum(np.exp(lp) * (lp - lq)) / p_logits.shape[0]


def masked_mse(pred, target, mask):
    err = (pred - target) ** 2
    per_row = np.mean(err, axis=1, where=mask)
    return np.mean(per_row) + 0.1 * err.mean(where=mask)


def mlp_kwonly(x, *, params, act=np.tanh):
    h = act(x @ params["W1"] + params["b1"])
    out = h @ params["W2"] + params["b2"]
    return np.mean(out ** 2)


def gelu_mlp(x, W):
    z = x @ W
    g = 0.5 * z * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (z + 0.044715 * z ** 3)))
    return np.sum(g)


def conv1d_valid(x, k):
    n = len(x) - len(k) + 1
    out = np.empty(n)
    for i in range(n):
        out[i] = np.dot(x[i:i + len(k)], k[::-1])
    return np.sum(np.maximum(out, 0.0) ** 2)


def label_smoothing(logits, labels, smoothing=0.1):
    n, k = logits.shape
    target = np.full((n, k), smoothing / (k - 1))
    target[np.arange(n), labels] = 1.0 - smoothing
    z = logits - logits.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return -(target * logp).sum() / n


def cosine_loss(A, B, eps=1e-8):
    num = np.sum(A * B, axis=1)
    den = np.maximum(np.linalg.norm(A, axis=1) * np.linalg.norm(B, axis=1), eps)
    return np.mean(1.0 - num / den)


# --- physics --------------------------------------------------------------------------------------


def pendulum_midpoint(theta0, g, length=1.0, dt=0.05, steps=8):
    def make_rhs(g, length):  # (a closure factory: the right-hand side for these constants)
        def rhs(state):
            th, om = state
            return np.array([om, -g / length * np.sin(th)])
        return rhs
    f = make_rhs(g, length)
    s = np.array([theta0, 0.0])
    for _ in range(steps):
        half = s + 0.5 * dt * f(s)
        s = s + dt * f(half)
    return s[0] ** 2 + s[1]


def ring_chain_energy(x, k):
    stretch = np.roll(x, -1) - x - 1.0
    return 0.5 * k * np.sum(stretch ** 2)


def orbit_energy(pos, vel, gm=1.0):
    r = np.linalg.norm(pos, axis=1)
    kinetic = 0.5 * np.sum(vel ** 2, axis=1)
    return np.sum(kinetic - gm / r)


def spring_euler(x0, v0, k, dt=0.1, steps=10):
    x, v = x0, v0
    for _ in range(steps):
        x, v = x + dt * v, v - dt * k * x
    return x * x + v


def heat_implicit(u0, alpha, steps=3):
    n = len(u0)
    A = np.diag(np.full(n, 1.0 + 2.0 * alpha)) - alpha * np.eye(n, k=1) - alpha * np.eye(n, k=-1)
    u = u0
    for _ in range(steps):
        u = np.linalg.solve(A, u)
    return np.sum(u ** 2)


def highest_point(v0, angles, g=9.81):
    heights = (v0 * np.sin(angles)) ** 2 / (2.0 * g)
    tallest = np.max(heights, initial=0.5)
    return tallest + np.sum(heights, initial=0.0) * 0.01


# --- statistics -----------------------------------------------------------------------------------


def gaussian_nll(mu, log_sigma, y):
    sigma = np.exp(log_sigma)
    return np.sum(0.5 * ((y - mu) / sigma) ** 2 + log_sigma + 0.5 * np.log(2 * np.pi))


def logreg_l2(w, X, y, lam=0.1):
    z = X @ w
    return np.mean(np.logaddexp(0.0, -y * z)) + 0.5 * lam * w @ w


def weighted_moments(x, w):
    m = np.average(x, weights=w)
    v = np.average((x - m) ** 2, weights=w)
    return m + np.sqrt(v)


def poisson_glm(beta, X, counts):
    eta = X @ beta
    return np.sum(np.exp(eta) - counts * eta)


def standardized_cubes(x):
    z = (x - x.mean()) / x.std(ddof=1)
    return np.mean(z ** 3)


def ewma_vol(returns, lam=0.94):
    var = returns[0] ** 2
    for r in returns[1:]:
        var = lam * var + (1 - lam) * r ** 2
    return np.sqrt(var)


def polyfit_residual(coeffs, t, y):
    fitted = np.poly1d(coeffs)(t)
    return np.sum((fitted - y) ** 2) + 0.01 * np.sum(np.polyval(coeffs, t[:2]))


def row_norm_penalty(X):
    norms = np.apply_along_axis(lambda r: np.sqrt(r @ r), 1, X)
    return np.sum((norms - 1.0) ** 2)


# --- signal processing ----------------------------------------------------------------------------


def moving_rms(x, width=3):
    kernel = np.ones(width) / width
    return np.sum(np.sqrt(np.convolve(x ** 2, kernel, mode="valid") + 1e-12))


def dft_band_power(x):  # (np.fft is complex: the real DFT written as cosines and sines)
    n = len(x)
    k = np.arange(1, n // 2)[:, None]
    phase = 2.0 * np.pi * k * np.arange(n)[None, :] / n
    windowed = x * np.hanning(n)
    re, im = np.cos(phase) @ windowed, -np.sin(phase) @ windowed
    return np.sum(re ** 2 + im ** 2) / n


def vectorized_piecewise(x, w):
    ramp = np.vectorize(lambda t: t * t if t > 0 else w * t)
    return np.sum(ramp(x) * x)


def iir_filter(b, a, x):
    y = []
    prev_x, prev_y = 0.0, 0.0
    for xn in x:
        yn = b[0] * xn + b[1] * prev_x - a * prev_y
        y.append(yn)
        prev_x, prev_y = xn, yn
    return np.sum(np.array(y) ** 2)


def total_variation(img, eps=1e-6):
    dx = np.diff(img, axis=1)[:-1, :]
    dy = np.diff(img, axis=0)[:, :-1]
    return np.sum(np.sqrt(dx ** 2 + dy ** 2 + eps))


# --- optimisation and the rest --------------------------------------------------------------------


def rosenbrock(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)


def lasso_prox_objective(x, lam):
    shrunk = np.sign(x) * np.maximum(np.abs(x) - lam, 0.0)
    return np.sum((shrunk - 0.5) ** 2) + lam * np.abs(shrunk).sum()


def gated_products(x):
    return np.prod(x, where=x > 0.0, initial=1.5) + np.sum(x[::2], initial=-1.0) + \
        np.min(x, initial=0.0)


def schedule_by_lambdas(x):
    f = lambda t: t * t  # noqa: E731
    early = sum(map(f, x))
    f = lambda t: np.log1p(t * t)  # noqa: E731
    late = sum(map(f, x))
    return early - late


def kwonly_shift(x, *, scale=1.0, shift):
    return np.sum(np.tanh(scale * x + shift) ** 2)


def drawdown(prices):
    peak = np.maximum.accumulate(prices)
    return np.max((peak - prices) / peak)


def softplus_sum(x):
    return np.sum(np.logaddexp(0.0, x)) - np.sum(x) / 2


def bilinear(x, W, y):
    return np.einsum("i,ij,j->", x, W, y)


def gram_logdet(X, jitter):
    G = X.T @ X + jitter * np.eye(X.shape[1])
    sign, logdet = np.linalg.slogdet(G)
    return sign * logdet
