"""More programs written the way people write NumPy (hunter1's set, distinct from
``realworld_zoo``): docstrings, asserts, shape unpacking, helpers calling helpers with keywords,
parameter dicts and lists of layers, scalar accumulators, in-place updates of copies, boolean masks,
``while`` loops with a tolerance, early returns and module constants.
``tests/test_realistic_models.py`` differentiates each in every mode against finite differences."""

import math

import numpy as np

EPS = 1e-12
LOG_2PI = np.log(2.0 * np.pi)
GRAVITY = 9.81


# --- losses and classifiers -------------------------------------------------------------------

def logistic_l2(w, X, y, lam=0.1):
    """Mean logistic loss with labels in {-1, +1}, plus an L2 penalty."""
    n, d = X.shape
    margins = y * (X @ w)
    loss = np.sum(np.logaddexp(0.0, -margins)) / n
    return loss + 0.5 * lam * np.sum(w ** 2)


def _log_softmax(z):
    z_max = np.max(z, axis=-1, keepdims=True)
    shifted = z - z_max
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def softmax_xent(W, b, X, labels):
    logits = X @ W + b
    logp = _log_softmax(logits)
    n = X.shape[0]
    return -np.mean(logp[np.arange(n), labels])


def softmax_xent_onehot(logits, Y):
    m = logits.max(axis=1)[:, None]
    lse = m + np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
    return -(Y * (logits - lse)).sum() / len(logits)


def huber(r, delta=0.5):
    abs_r = np.abs(r)
    quad = 0.5 * r ** 2
    lin = delta * (abs_r - 0.5 * delta)
    return np.sum(np.where(abs_r < delta, quad, lin))


def hinge_squared(w, X, y):
    margin = 1.0 - y * X.dot(w)
    margin[margin < 0] = 0.0
    return (margin ** 2).mean()


def binary_xent_clipped(logits, targets):
    p = 1.0 / (1.0 + np.exp(-logits))
    p = np.clip(p, EPS, 1.0 - EPS)
    return -np.mean(targets * np.log(p) + (1.0 - targets) * np.log(1.0 - p))


# --- networks ---------------------------------------------------------------------------------

def relu(x):
    return np.maximum(x, 0)


def mlp_dict(params, X, y):
    h = np.tanh(X @ params["W1"] + params["b1"])
    h = relu(h @ params["W2"] + params["b2"])
    pred = h.reshape(-1)
    return np.mean((pred - y) ** 2)


def mlp_layers(layers, x):
    """Forward pass through a list of (W, b) pairs, tanh between layers."""
    h = x
    for i, (W, b) in enumerate(layers):
        h = h @ W + b
        if i < len(layers) - 1:
            h = np.tanh(h)
    return 0.5 * np.sum(h ** 2)


def mlp_weights_list(weights, x):
    h = x
    for W in weights[:-1]:
        h = np.tanh(W @ h)
    out = weights[-1] @ h
    return float(out @ out)


def attention_einsum(Q, K, V):
    d = Q.shape[-1]
    scores = np.einsum("id,jd->ij", Q, K) / np.sqrt(d)
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights /= weights.sum(axis=-1, keepdims=True)
    return np.einsum("ij,jd->id", weights, V)


def attention_causal(x, Wq, Wk):
    T = x.shape[0]
    q, k = x @ Wq, x @ Wk
    s = q @ k.T / math.sqrt(q.shape[1])
    mask = np.triu(np.ones((T, T)), k=1).astype(bool)
    s[mask] = -np.inf
    s = s - s.max(-1, keepdims=True)
    p = np.exp(s)
    p = p / p.sum(-1, keepdims=True)
    return (p @ x).sum()


def layer_norm_affine(x, g, b, eps=1e-5):
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * g + b


def conv2d_valid(img, kernel):
    H, W = img.shape
    kh, kw = kernel.shape
    out = np.zeros((H - kh + 1, W - kw + 1))
    for i in range(H - kh + 1):
        for j in range(W - kw + 1):
            out[i, j] = (img[i:i + kh, j:j + kw] * kernel).sum()
    return np.sum(np.tanh(out))


def gru_cell_loss(h, x, Wz, Wr, Wh):
    def sigmoid(a):
        return 1.0 / (1.0 + np.exp(-a))

    hx = np.concatenate([h, x])
    zg = sigmoid(Wz @ hx)
    rg = sigmoid(Wr @ hx)
    cand = np.tanh(Wh @ np.concatenate([rg * h, x]))
    h_new = (1 - zg) * h + zg * cand
    return h_new @ h_new


# --- statistics -------------------------------------------------------------------------------

def gmm_loglik(x, means, log_stds, weights_logits):
    log_w = weights_logits - np.log(np.sum(np.exp(weights_logits)))
    stds = np.exp(log_stds)
    diff = x[:, np.newaxis] - means[np.newaxis, :]
    log_pdf = -0.5 * (diff / stds) ** 2 - log_stds - 0.5 * LOG_2PI
    a = log_pdf + log_w
    amax = np.max(a, axis=1)
    return np.sum(amax + np.log(np.sum(np.exp(a - amax[:, None]), axis=1)))


def gp_neg_log_marginal(theta, X, y):
    ell, sigma_f, sigma_n = np.exp(theta)
    n = X.shape[0]
    sq = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=-1)
    K = sigma_f ** 2 * np.exp(-sq / (2 * ell ** 2)) + (sigma_n ** 2 + 1e-8) * np.eye(n)
    L = np.linalg.cholesky(K)
    alpha = np.linalg.solve(K, y)
    return 0.5 * y @ alpha + np.log(np.diag(L)).sum() + 0.5 * n * LOG_2PI


def gp_nlml_slogdet(log_ell, X, y):
    K = np.exp(-0.5 * (X[:, None] - X[None, :]) ** 2 / np.exp(2 * log_ell)) + 0.1 * np.eye(len(X))
    _, logdet = np.linalg.slogdet(K)
    return 0.5 * (y @ np.linalg.solve(K, y) + logdet)


def poisson_glm(beta, X, y, offset):
    eta = X @ beta + offset
    return np.sum(np.exp(eta)) - y @ eta


def mvn_logpdf(x, mu, A):
    cov = A @ A.T + np.eye(len(mu))
    d = x - mu
    sign, logdet = np.linalg.slogdet(cov)
    maha = d @ np.linalg.inv(cov) @ d
    return -0.5 * (maha + logdet + len(mu) * LOG_2PI)


def kalman_loglik(q, ys, a=0.9, r=0.5):
    """Scalar random walk: log likelihood by the Kalman filter, process noise q."""
    m, P = 0.0, 1.0
    ll = 0.0
    for y in ys:
        m_pred = a * m
        P_pred = a * a * P + q
        S = P_pred + r
        K = P_pred / S
        innov = y - m_pred
        ll -= 0.5 * (np.log(2 * np.pi * S) + innov ** 2 / S)
        m = m_pred + K * innov
        P = (1 - K) * P_pred
    return ll


def kalman_matrix(F, ys, H, Q, R):
    n = F.shape[0]
    x = np.zeros(n)
    P = np.eye(n)
    nll = 0.0
    for t in range(len(ys)):
        x = F @ x
        P = F @ P @ F.T + Q
        S = H @ P @ H.T + R
        K = P @ H.T @ np.linalg.inv(S)
        v = ys[t] - H @ x
        nll = nll + 0.5 * (v @ np.linalg.solve(S, v) + np.log(np.linalg.det(S)))
        x = x + K @ v
        P = (np.eye(n) - K @ H) @ P
    return nll


# --- ODEs and simulations ---------------------------------------------------------------------

def _decay_rhs(t, y, k):
    return -k * y + np.sin(t)


def euler_trajectory(y0, k, dt=0.05, n_steps=40):
    ys = [y0]
    y, t = y0, 0.0
    for _ in range(n_steps):
        y = y + dt * _decay_rhs(t, y, k)
        t += dt
        ys.append(y)
    return np.array(ys).sum()


def _pendulum(state, params):
    theta, omega = state
    g_over_l, damping = params
    return np.array([omega, -g_over_l * np.sin(theta) - damping * omega])


def rk4_pendulum(state0, params, dt=0.05, steps=20):
    s = state0
    for _ in range(steps):
        k1 = _pendulum(s, params)
        k2 = _pendulum(s + 0.5 * dt * k1, params)
        k3 = _pendulum(s + 0.5 * dt * k2, params)
        k4 = _pendulum(s + dt * k3, params)
        s = s + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
    return s[0] ** 2 + 0.1 * s[1] ** 2


def spring_mass_while(k, x0=1.0, v0=0.0, m=1.0, dt=0.01, t_end=0.5):
    x, v, t = x0, v0, 0.0
    energy = 0.0
    while t < t_end:
        a = -k / m * x
        v += a * dt
        x += v * dt
        t += dt
        energy += 0.5 * m * v * v * dt
    return energy + x


def projectile_until_ground(v0, angle, drag=0.1, dt=0.01):
    vx, vy = v0 * np.cos(angle), v0 * np.sin(angle)
    x, y = 0.0, 0.0
    while y >= 0.0:
        speed = np.sqrt(vx ** 2 + vy ** 2)
        vx = vx - drag * speed * vx * dt
        vy = vy - (GRAVITY + drag * speed * vy) * dt
        x += vx * dt
        y += vy * dt
    return x


def chain_of_springs(pos, k=10.0):
    """Energy of masses on a line joined by springs of rest length 1, ends fixed at 0 and n+1."""
    full = np.concatenate(([0.0], pos, [len(pos) + 1.0]))
    stretch = np.diff(full) - 1.0
    return 0.5 * k * np.dot(stretch, stretch)


# --- optimisation test functions and numerics -------------------------------------------------

def rosenbrock(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)


def himmelblau(p):
    x, y = p
    return (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2


def polyval_fit(c, t, y):
    resid = np.polyval(c, t) - y
    return resid @ resid


def laplacian_energy(u, h=0.1):
    lap = np.zeros_like(u)
    lap[1:-1, 1:-1] = (u[2:, 1:-1] + u[:-2, 1:-1] + u[1:-1, 2:] + u[1:-1, :-2]
                       - 4 * u[1:-1, 1:-1]) / h ** 2
    return 0.5 * np.sum(lap ** 2) * h * h


def survival_loglik(hazard_logits, event_time):
    hazard = 1.0 / (1.0 + np.exp(-hazard_logits))
    surv = np.cumprod(1.0 - hazard)
    return np.log(surv[event_time - 1]) + np.log(hazard[event_time])


def cumsum_path(increments):
    path = np.cumsum(increments)
    return np.max(path) - np.mean(path)


def inplace_scan(x, decay=0.5):
    y = x.copy()
    for i in range(1, len(y)):
        y[i] += decay * y[i - 1]
    return np.sum(y * y)


def masked_mean(x, mask_threshold=0.0):
    mask = x > mask_threshold
    if not np.any(mask):
        return 0.0
    return x[mask].mean() + (x[~mask] ** 2).sum()


def safe_log_early(x):
    if np.all(x > 0):
        return np.sum(np.log(x))
    return np.sum(x)


def generator_sum(w, x):
    return sum(w[i] * x[i] ** 2 for i in range(len(w)))


def accumulate_python_loop(x):
    total = 0.0
    n = len(x)
    for i in range(n):
        for j in range(i + 1, n):
            total += (x[i] - x[j]) ** 2 / (1.0 + abs(i - j))
    return total


def newton_cubic_root(c, tol=1e-12, max_iter=50):
    """Root of x**3 + x - c by Newton's method."""
    x = 1.0
    for _ in range(max_iter):
        fx = x ** 3 + x - c
        if abs(fx) < tol:
            break
        x = x - fx / (3 * x ** 2 + 1)
    return x


def float32_model(w, X):
    z = X @ w
    return np.sum(np.tanh(z) ** 2) / np.float32(len(z))


def bilinear_einsum(A, x, y):
    return np.einsum("i,ij,j->", x, A, y) + np.trace(A.T @ A)


def normalize_rows_keepdims(X):
    norms = np.sqrt((X ** 2).sum(axis=-1, keepdims=True))
    Xn = X / norms
    return (Xn @ Xn.T).sum()


class LinearModel:
    def __init__(self, scale):
        self.scale = scale

    def loss(self, w, X, y):
        pred = self.scale * (X @ w)
        return np.mean((pred - y) ** 2)
