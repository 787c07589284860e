"""Functions written the way scientists and ML people write NumPy (not in the zoo's style): models,
losses, integrators and small simulations with methods, keywords, in-place updates, helpers with
defaults, early returns, comprehensions and loops.  ``tests/test_realworld.py`` differentiates each
in every mode against finite differences."""

import math

import numpy as np

try:  # SciPy is optional (tests/rules/__init__.py): without it, its rows are left out
    import scipy.linalg as scipy_linalg
    import scipy.special as scipy_special
except ImportError:  # pragma: no cover
    scipy_linalg = scipy_special = None

# --- statistics and Gaussian processes --------------------------------------------------------

def rbf_kernel(x1, x2, lengthscale=1.0, variance=1.0):
    sqdist = np.sum(x1 ** 2, axis=1)[:, None] + np.sum(x2 ** 2, axis=1)[None, :] - 2 * x1 @ x2.T
    return variance * np.exp(-0.5 * sqdist / lengthscale ** 2)


def gp_nll(log_params, X, y):
    lengthscale, variance, noise = np.exp(log_params)
    K = rbf_kernel(X, X, lengthscale, variance) + noise * np.eye(X.shape[0])
    L = np.linalg.cholesky(K)
    alpha = np.linalg.solve(L.T, np.linalg.solve(L, y))
    n = len(y)
    return 0.5 * y @ alpha + np.sum(np.log(np.diag(L))) + 0.5 * n * np.log(2 * np.pi)


def gp_nll_slogdet(log_params, X, y):
    ell, sf2, sn2 = np.exp(log_params[0]), np.exp(log_params[1]), np.exp(log_params[2])
    d = X[:, None, :] - X[None, :, :]
    K = sf2 * np.exp(-0.5 * (d ** 2).sum(axis=-1) / ell ** 2)
    K += sn2 * np.eye(len(X))
    sign, logdet = np.linalg.slogdet(K)
    return 0.5 * y.dot(np.linalg.solve(K, y)) + 0.5 * logdet


def gaussian_mixture_logpdf(x, means, log_sigmas, logits):
    # log p(x) = logsumexp_k [log pi_k + log N(x | mu_k, sigma_k)], summed over points
    log_pi = logits - np.max(logits)
    log_pi = log_pi - np.log(np.sum(np.exp(log_pi)))
    sigmas = np.exp(log_sigmas)
    z = (x[:, None] - means[None, :]) / sigmas
    comp = -0.5 * z ** 2 - log_sigmas - 0.5 * np.log(2 * np.pi) + log_pi
    m = comp.max(axis=1, keepdims=True)
    lse = m + np.log(np.exp(comp - m).sum(axis=1, keepdims=True))
    return lse.sum()


def poisson_glm_nll(beta, X, counts):
    eta = X @ beta
    mu = np.exp(eta)
    return np.sum(mu - counts * eta)


def logistic_regression(w, b, X, labels, l2=1e-2):
    logits = X.dot(w) + b
    p = 1.0 / (1.0 + np.exp(-logits))
    eps = 1e-12
    nll = -np.mean(labels * np.log(p + eps) + (1 - labels) * np.log(1 - p + eps))
    return nll + 0.5 * l2 * np.dot(w, w)


def ridge_closed_form(lam, X, y):
    d = X.shape[1]
    A = X.T @ X + lam * np.eye(d)
    w = np.linalg.solve(A, X.T @ y)
    resid = y - X @ w
    return resid @ resid + lam * w @ w


def kmeans_soft_loss(centers, X, beta=2.0):
    d2 = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(-1)
    logits = -beta * d2
    logits = logits - logits.max(axis=1, keepdims=True)
    resp = np.exp(logits)
    resp /= resp.sum(axis=1, keepdims=True)
    return np.sum(resp * d2) / X.shape[0]


def polyfit_loss(coeffs, t, y):
    pred = np.polyval(coeffs, t)
    return np.mean((pred - y) ** 2)


def horner(coeffs, t):
    acc = np.zeros_like(t)
    for c in coeffs:
        acc = acc * t + c
    return acc


# --- neural network pieces ----------------------------------------------------------------

def batch_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    xhat = (x - mu) / np.sqrt(var + eps)
    return gamma * xhat + beta


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = np.mean(x, axis=-1, keepdims=True)
    sigma = np.std(x, axis=-1, keepdims=True)
    return gamma * (x - mu) / (sigma + eps) + beta


def softmax(z, axis=-1):
    z = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def attention(q, k, v, mask=None):
    d = q.shape[-1]
    scores = q @ k.swapaxes(-1, -2) / np.sqrt(d)
    if mask is not None:
        scores = np.where(mask, scores, -1e9)
    return softmax(scores) @ v


def multi_head_attention(x, Wq, Wk, Wv, Wo, n_heads=2):
    T, D = x.shape
    hd = D // n_heads
    q = (x @ Wq).reshape(T, n_heads, hd).transpose(1, 0, 2)
    k = (x @ Wk).reshape(T, n_heads, hd).transpose(1, 0, 2)
    v = (x @ Wv).reshape(T, n_heads, hd).transpose(1, 0, 2)
    causal = np.tril(np.ones((T, T), dtype=bool))
    heads = attention(q, k, v, causal)
    out = heads.transpose(1, 0, 2).reshape(T, D)
    return out @ Wo


def mlp_loss(W1, b1, W2, b2, X, Y):
    h = np.maximum(X @ W1 + b1, 0.0)
    out = np.tanh(h) @ W2 + b2
    return 0.5 * np.mean(np.sum((out - Y) ** 2, axis=1))


def cross_entropy_smoothed(logits, labels, temperature=1.0, smoothing=0.1):
    n, k = logits.shape
    z = logits / temperature
    z = z - z.max(axis=1, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    targets = np.full((n, k), smoothing / (k - 1))
    targets[np.arange(n), labels] = 1.0 - smoothing
    return -(targets * log_probs).sum() / n


def huber_loss(pred, target, delta=1.0):
    r = pred - target
    a = np.abs(r)
    return np.where(a <= delta, 0.5 * r ** 2, delta * (a - 0.5 * delta)).mean()


def quantile_loss(pred, y, q=0.7):
    e = y - pred
    return np.mean(np.maximum(q * e, (q - 1) * e))


def focal_loss(logits, y, gamma=2.0, alpha=0.25):
    p = 1 / (1 + np.exp(-logits))
    pt = np.where(y == 1, p, 1 - p)
    at = np.where(y == 1, alpha, 1 - alpha)
    return -np.sum(at * (1 - pt) ** gamma * np.log(pt))


def conv1d_loops(x, w):
    n, k = len(x), len(w)
    out = np.zeros(n - k + 1)
    for i in range(n - k + 1):
        out[i] = np.sum(x[i:i + k] * w)
    return out


def conv1d_numpy(x, w):
    y = np.convolve(x, w[::-1], mode="valid")
    return np.sum(y ** 2)


def rnn_loss(h0, Wh, Wx, xs):
    h = h0
    total = 0.0
    for t, x_t in enumerate(xs):
        h = np.tanh(Wh @ h + Wx @ x_t)
        total += (t + 1) * h.sum()
    return total


def adam_like_step(w, g, lr=0.1, b1=0.9, b2=0.999, eps=1e-8):
    m = (1 - b1) * g
    v = (1 - b2) * g * g
    mhat = m / (1 - b1)
    vhat = v / (1 - b2)
    return w - lr * mhat / (np.sqrt(vhat) + eps)


# --- physics and integrators --------------------------------------------------------------

def spring_energy(pos, k=1.0, rest=1.0):
    diff = pos[:, None, :] - pos[None, :, :]
    dist = np.sqrt((diff ** 2).sum(axis=-1) + np.eye(len(pos)))
    stretch = dist - rest
    mask = 1.0 - np.eye(len(pos))
    return 0.25 * k * np.sum(mask * stretch ** 2)


def pairwise_1d(x):
    d = x[:, None] - x[None, :]
    return np.sum(np.triu(d ** 2, k=1))


def euler_decay(y0, k, dt=0.1, steps=20):
    y = y0
    for _ in range(steps):
        y = y + dt * (-k * y)
    return y


def rk4_oscillator(state, omega, dt=0.05, n_steps=10):
    def f(s):
        return np.array([s[1], -omega ** 2 * s[0]])

    s = state
    for _ in range(n_steps):
        k1 = f(s)
        k2 = f(s + 0.5 * dt * k1)
        k3 = f(s + 0.5 * dt * k2)
        k4 = f(s + dt * k3)
        s = s + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
    return s


def ballistic_range(v0, angle, g=9.81, dt=0.01):
    x, y = 0.0, 0.0
    vx, vy = v0 * np.cos(angle), v0 * np.sin(angle)
    t = 0.0
    while True:
        x += vx * dt
        y += vy * dt
        vy -= g * dt
        t += dt
        if y < 0:
            break
    return x


def damped_pendulum(theta0, damping, dt=0.02, steps=30):
    theta, omega = theta0, 0.0
    energies = []
    for _ in range(steps):
        alpha = -np.sin(theta) - damping * omega
        omega = omega + dt * alpha
        theta = theta + dt * omega
        energies.append(0.5 * omega ** 2 + (1 - np.cos(theta)))
    return sum(energies) / len(energies)


def heat_equation(u0, kappa, steps=5):
    u = u0.copy()
    for _ in range(steps):
        lap = np.zeros_like(u)
        lap[1:-1] = u[2:] - 2 * u[1:-1] + u[:-2]
        u += kappa * lap
    return u


# --- sequences, sorting, cumulative ops ---------------------------------------------------

def cumulative_returns(log_r):
    wealth = np.exp(np.cumsum(log_r))
    drawdown = np.maximum.accumulate(wealth) - wealth
    return wealth[-1] - drawdown.max()


def discounted_sum(rewards, gamma):
    discounts = np.cumprod(np.full(len(rewards), gamma)) / gamma
    return np.dot(discounts, rewards)


def total_variation(x):
    return np.abs(np.diff(x)).sum() + 0.1 * np.sum(np.diff(x, n=2) ** 2)


def trimmed_mean(x, trim=1):
    s = np.sort(x)
    return s[trim:len(s) - trim].mean()


def ranked_weighted(x, w):
    order = np.argsort(x)
    ranked = np.take(x, order)
    return np.sum(ranked * w)


def top_k_sum(x, k=2):
    idx = np.argsort(x)[::-1][:k]
    return x[idx].sum()


# --- style: helpers, comprehensions, early returns, asserts ---------------------------------

def _normalize(v, eps=1e-8):
    return v / (np.linalg.norm(v) + eps)


def cosine_similarity_loss(a, b):
    assert a.shape == b.shape, "shape mismatch"
    return 1.0 - np.dot(_normalize(a), _normalize(b))


def weighted_parts(x, weights):
    parts = [w * xi ** 2 for xi, w in zip(x, weights, strict=True)]
    return sum(parts)


def piecewise_early_return(x, threshold=0.5):
    n = x.sum()
    if n > threshold:
        return np.log(n)
    if n < -threshold:
        return -n ** 2
    return n


def unpack_stats(x):
    mean, std = x.mean(), x.std()
    lo, hi = x.min(), x.max()
    return (hi - lo) / std + mean


def clipped_objective(x, lo=-0.5, hi=0.5):
    y = x.clip(lo, hi)
    return (y * x).reshape(-1).sum()


def gram_trace(A, B):
    G = A.T.dot(B)
    return np.trace(G @ G.T)


def float_scalar_param(alpha, x):
    if x.ndim != 1:
        raise ValueError("x must be a vector")
    return np.sum(np.exp(-alpha * x ** 2))


def integer_data_regression(w, X, n_iter):
    loss = 0.0
    for i in range(n_iter):
        loss = loss + np.sum((X[i % X.shape[0]] @ w) ** 2)
    return loss / n_iter


def sliced_update(x):
    y = np.zeros(2 * len(x))
    y[::2] = x
    y[1::2] = x ** 2
    y[0] += 1.0
    return np.sum(y * np.arange(len(y)))


def logsumexp_rows(x, axis=1, keepdims=False):
    m = np.max(x, axis=axis, keepdims=True)
    out = m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return out


# --- a second batch: more library calls and idioms -------------------------------------------

def vae_elbo(mu, log_var, x, W, seed=0):
    rng = np.random.default_rng(seed)
    eps = rng.standard_normal(mu.shape)
    z = mu + np.exp(0.5 * log_var) * eps
    recon = z @ W
    kl = -0.5 * np.sum(1 + log_var - mu ** 2 - np.exp(log_var))
    return np.sum((recon - x) ** 2) + kl


def newton_sqrt(a, iters=6):
    x = a
    for _ in range(iters):
        x = 0.5 * (x + a / x)
    return x


def fixed_point_tol(a, tol=1e-10):
    x = 1.0
    for _ in range(100):
        x_new = np.cos(a * x)
        if abs(x_new - x) < tol:
            break
        x = x_new
    return x_new


def einsum_bilinear(x, A, y):
    return np.einsum("i,ij,j->", x, A, y)


def einsum_batch(X, W):
    H = np.einsum("bi,ij->bj", X, W)
    return np.einsum("bj,bj->b", H, H)


def det_inverse(A):
    inv = np.linalg.inv(A)
    return np.log(np.abs(np.linalg.det(A))) + np.trace(inv)


def boolean_mask_loss(x, threshold=0.0):
    pos = x[x > threshold]
    return np.sum(pos ** 2) - np.sum(x[x <= threshold])


def stack_in_loop(x, n=3):
    rows = []
    for i in range(n):
        rows.append(x * (i + 1))
    M = np.stack(rows)
    return np.sum(M ** 2, axis=0)


def concat_features(x):
    feats = np.concatenate([x, x ** 2, np.sin(x)])
    return feats @ feats


def norms_rows(X):
    n = np.linalg.norm(X, axis=1)
    return np.sum(n / (1.0 + n))


def builtin_math(a, b):
    total = math_like(a) + max(a, b) + abs(a - b)
    return total * float(b)


def math_like(a):
    return math.exp(a) + math.sqrt(a * a + 1.0)


def trapezoid_integral(y, x):
    return np.sum(0.5 * (y[1:] + y[:-1]) * np.diff(x))


def interp_loss(yp, xq):
    xp = np.linspace(0.0, 1.0, len(yp))
    return np.sum(np.interp(xq, xp, yp) ** 2)


def cov_loss(X):
    C = np.cov(X, rowvar=False)
    return np.sum(C ** 2)


def weighted_average(x, w):
    return np.average(x, weights=w) + np.var(x, ddof=1)


def median_abs(x):
    return np.median(np.abs(x - np.median(x)))


def lstsq_residual(X, y):
    w, *_ = np.linalg.lstsq(X, y, rcond=None)
    return np.sum((X @ w - y) ** 2) + np.sum(w ** 2)


def svd_nuclear(A):
    s = np.linalg.svd(A, compute_uv=False)
    return s.sum()


def qr_loss(A):
    Q, Rm = np.linalg.qr(A)
    return np.sum(np.abs(np.diag(Rm)))


def eigh_top(A):
    S = A + A.T
    w, V = np.linalg.eigh(S)
    return w[-1] + np.sum(V[:, -1] ** 4)


def arctan_polar(xy):
    r = np.hypot(xy[:, 0], xy[:, 1])
    theta = np.arctan2(xy[:, 1], xy[:, 0])
    return np.sum(r * np.cos(2 * theta))


def expand_broadcast(x, y):
    d = x[..., None] - np.expand_dims(y, 0)
    return np.sum(np.logaddexp(d, 0.0))


def outer_kron(a, b):
    return np.sum(np.outer(a, b) ** 2) + np.sum(np.kron(a, b))


def inplace_param(x, y):
    x = x.copy()
    x += y
    x *= 2.0
    x[0] -= y[1]
    return x


def scaled_tuple_return(x):
    s = x.sum()
    return s, s * x


def item_and_float(x):
    m = x.max().item()
    return np.sum(x / m) + float(np.mean(x)) ** 2


def where_one_arg(x):
    idx = np.where(x > 0)[0]
    return np.sum(x[idx] ** 3)


def nonzero_take(x):
    idx = np.nonzero(x > 0.2)
    return np.sum(np.take(x, idx[0]))


def reduce_multi_axis(x):
    return x.mean(axis=(0, 2)).sum() + x.max(axis=-1).min()


def power_rules(x, p):
    return np.sum(np.abs(x) ** p) ** (1.0 / p)


def matrix_power_chain(A):
    B = np.linalg.matrix_power(A, 3)
    return np.sum(B) + np.sum(A @ A @ A)


def tril_solve(A, b):
    L = np.tril(A) + 3.0 * np.eye(len(b))
    return np.linalg.solve(L, b).sum()


def sigmoid_classes(W, X):
    Z = X @ W
    P = 1 / (1 + np.exp(-Z))
    pred = P.argmax(axis=1)
    return np.sum(P[np.arange(len(X)), pred])


def gaussian_logpdf_mv(x, mu, L_flat):
    d = len(mu)
    L = np.zeros((d, d))
    L[np.tril_indices(d)] = L_flat
    Sigma = L @ L.T + 0.5 * np.eye(d)
    diff = x - mu
    sol = np.linalg.solve(Sigma, diff)
    sign, logdet = np.linalg.slogdet(Sigma)
    return -0.5 * (diff @ sol + logdet + d * np.log(2 * np.pi))


def running_max_while(x):
    i = 0
    best = x[0]
    total = 0.0
    while i < len(x):
        if x[i] > best:
            best = x[i]
        total = total + best
        i += 1
    return total


def gradient_descent_last(x0, lr=0.1, steps=5):
    x = x0
    for _ in range(steps):
        g = 2 * x + np.cos(x)
        x_next = x - lr * g
        x = x_next
    return x_next


# --- a third batch: loops over elements, fancy indexing, padding, closures ----------------------

LENGTHS = np.array([0.5, 1.0, 2.0])


def kernel_by_loops(x, ell):
    n = len(x)
    K = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            K[i, j] = np.exp(-(x[i] - x[j]) ** 2 / (2 * ell ** 2))
    return np.sum(K @ x)


def nested_unpack_loop(xs, ys):
    total = 0.0
    for i, (a, b) in enumerate(zip(xs, ys, strict=True)):
        total += (i + 1) * a * b
    return total


def filtered_comprehension(x):
    pos = [v for v in x if v > 0]
    return sum(v ** 2 for v in pos) + np.sum(np.array([np.sin(v) for v in x]))


def positional_axes(X):
    return X.sum(0).dot(X.mean(-1)) + np.sum(X, 1).max()


def norm_orders(x, A):
    return np.linalg.norm(x, ord=1) + np.linalg.norm(A, "fro") + np.linalg.norm(x, np.inf)


def fancy_slices(X):
    a = X[:, ::-1]
    b = X[::2, 1:]
    c = X[[0, 2]]
    return np.sum(a * X) + np.sum(b ** 2) + np.sum(c[:, 0])


def pad_roll_tile(x):
    p = np.pad(x, 1)
    r = np.roll(x, 1)
    t = np.tile(x, 2)
    rep = np.repeat(x, 2)
    return np.sum(p ** 2) + np.sum(r * x) + t @ rep


def lambda_activation(W, x):
    act = lambda t: np.tanh(t) * 0.5 + t * 0.5  # noqa: E731  (as people write it)
    h = act(W @ x)
    return h @ h


def conditional_expression(x, c):
    y = x * c if c > 0 else x / (1 - c)
    return np.sum(y ** 2)


def early_return_in_loop(x, budget=1.5):
    acc = 0.0
    for v in x:
        acc += v ** 2
        if acc > budget:
            return acc * 2
    return acc


def quadratic_forms(x, A):
    return x @ A @ x + x.T @ A.T @ x + np.dot(np.dot(x, A), x)


def softplus_diag(v):
    D = np.diag(np.logaddexp(0, v))
    return np.sum(np.diagonal(D @ D)) + np.trace(np.diag(v) @ D)


def ellipsis_einsum(X, Y):
    return np.einsum("...i,...i->...", X, Y).sum()


def global_lengths(x):
    return np.sum(np.exp(-x[:, None] ** 2 / LENGTHS[None, :]))


def indexed_accumulate(x, w):
    total = 0.0
    for i in range(len(x)):
        total += w[i] * x[i] ** 2
    return total


def flatten_ravel(X):
    return X.flatten() @ X.ravel() + np.ravel(X.T)[1]


def topk_sorted_tail(x, k=2):
    return np.sum(np.sort(x)[-k:]) - np.sort(x)[::-1][0]


def state_helper(x, v, dt):
    a = -x
    return x + dt * v, v + dt * a


def leapfrog(x0, v0, dt=0.1, n=8):
    x, v = x0, v0
    for _ in range(n):
        x, v = state_helper(x, v, dt)
    return 0.5 * np.sum(v ** 2) + 0.5 * np.sum(x ** 2)


def inv_times(A, b):
    return np.sum(np.linalg.inv(A) @ b) + np.sqrt(b @ b)


def float32_mixed(x):
    y = x * 0.5 + 1
    return np.sum(y ** 2) / len(x)


def newton_root_vec(c, tol=1e-12):
    x = np.ones_like(c)
    while np.max(np.abs(x ** 3 - c)) > tol:
        x = x - (x ** 3 - c) / (3 * x ** 2)
    return x


def nan_guarded(x):
    y = np.nan_to_num(np.log(np.clip(x, 1e-6, None)))
    return np.sum(y * x)


def power_family(x):
    return np.sum(np.power(x, 3) + np.square(x) + np.reciprocal(x) + x ** 0.5 + np.cbrt(x))


def scipy_special_loss(x):
    from_logs = scipy_special.logsumexp(x)
    return from_logs + np.sum(scipy_special.expit(x)) + np.sum(scipy_special.gammaln(x + 2))


def scipy_triangular(A, b):
    L = np.tril(A) + 2 * np.eye(len(b))
    y = scipy_linalg.solve_triangular(L, b, lower=True)
    return y @ y


def stacked_columns(x, y):
    M = np.column_stack([x, y, x * y])
    V = np.vstack([x, y])
    H = np.hstack([x, y])
    return np.sum(M ** 2) + np.sum(V.T @ V) + H @ H


def mse_with_reshape(w, X, y):
    pred = (X @ w.reshape(-1, 1)).reshape(-1)
    return ((pred - y) ** 2).mean()


def pairwise_cdist(A, B):
    d = np.sqrt(((A[:, None, :] - B[None, :, :]) ** 2).sum(-1) + 1e-9)
    return d.min(axis=1).sum() + d.mean()


# --- a fourth batch: aliasing, in-place methods, reversed loops --------------------------------

def inplace_normalize(x):
    p = np.exp(x)
    p /= p.sum()
    return -np.sum(p * np.log(p))


def alias_then_augment(x):
    y = x.copy()
    z = y
    z += 1.0
    return np.sum(y * x)


def masked_copy(x, threshold=0.1):
    out = x.copy()
    out[np.abs(out) < threshold] = 0.0
    return np.sum(out ** 2)


def leaky_relu_dropout(x, mask, slope=0.01):
    h = np.where(x > 0, x, slope * x)
    return np.sum(h * mask) / max(mask.sum(), 1)


def discounted_returns(rewards, gamma=0.9):
    T = len(rewards)
    returns = np.zeros(T)
    G = 0.0
    for t in reversed(range(T)):
        G = rewards[t] + gamma * G
        returns[t] = G
    return np.sum(returns ** 2)


def reverse_cumsum(x):
    return np.sum(x[::-1].cumsum()[::-1] * np.arange(1, len(x) + 1))


def sort_method_copy(x):
    y = x.copy()
    y.sort()
    return np.sum(y * np.arange(len(y)))


def policy_gradient_loss(theta, features, actions, advantages):
    logits = features @ theta
    logits = logits - logits.max(axis=1, keepdims=True)
    log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    chosen = log_probs[np.arange(len(actions)), actions]
    return -(chosen * advantages).mean()


def add_at_histogram(values, idx):
    hist = np.zeros(3)
    np.add.at(hist, idx, values)
    return np.sum(hist ** 2)


def min_builtin(x, y):
    return min(np.sum(x), np.sum(y)) + max(x[0], y[0], 0.5)


def slice_assign_whole(x):
    buf = np.empty_like(x)
    buf[:] = x * 2
    buf[1:] += x[:-1]
    return buf @ buf


def gauss_newton_step(params, t, y):
    a, b = params
    pred = a * np.exp(-b * t)
    J = np.stack([np.exp(-b * t), -a * t * np.exp(-b * t)], axis=1)
    r = pred - y
    step = np.linalg.solve(J.T @ J + 1e-3 * np.eye(2), J.T @ r)
    new = params - step
    return np.sum((new[0] * np.exp(-new[1] * t) - y) ** 2)


def lotka_volterra(state0, params, dt=0.01, steps=40):
    alpha, beta, delta, gamma = params
    x, y = state0[0], state0[1]
    traj = []
    for _ in range(steps):
        dx = alpha * x - beta * x * y
        dy = delta * x * y - gamma * y
        x, y = x + dt * dx, y + dt * dy
        traj.append(x + y)
    return np.mean(np.array(traj))


def sgd_inner_loop(w0, X, y, lr=0.05, epochs=3):
    w = w0.copy()
    for _epoch in range(epochs):
        for xi, yi in zip(X, y, strict=True):
            err = xi @ w - yi
            w -= lr * err * xi
    return np.sum((X @ w - y) ** 2)


def bounce_simulation(h0, v0, restitution=0.8, dt=0.01, t_end=1.0):
    h, v, t = h0, v0, 0.0
    bounces = 0
    while t < t_end:
        v = v - 9.81 * dt
        h = h + v * dt
        if h < 0:
            h = -h
            v = -restitution * v
            bounces += 1
            if bounces > 5:
                break
        t += dt
    return h + 0.1 * v


def hidden_state_aux(a):
    s = 0.0
    for i in range(3):
        h = np.tanh(a * (i + 1))
        s = s + np.sum(h ** 2)
    return s, h


def last_pair(a):
    for i in range(3):
        y = np.cos(a * (i + 1))
        z = np.sin(y) * a
    return y, z
