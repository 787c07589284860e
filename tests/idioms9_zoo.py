"""A ninth batch of programs written the way people write NumPy (ML losses, simulations,
statistics, optimisation, signal processing, tutorial code), none in the zoo's style: helpers with
defaults and keywords, loops, in-place updates, broadcasting, reductions, np.linalg, np.where,
clipping, fancy indexing, scipy.optimize-style ``fun(x, *args)``, dicts of parameters handed by
keyword, ``sorted(..., key=...)`` and ``zip(*rows)`` in comprehensions.  ``tests/test_idioms9.py``
differentiates each in every mode against finite differences."""

import math
from operator import itemgetter

import numpy as np

# --- machine learning ---------------------------------------------------------------------------


def one_hot(labels, k):
    return np.eye(k)[labels]


def softmax_xent(W, b, X, labels, reg=1e-3):
    logits = X @ W + b
    logits -= logits.max(axis=1, keepdims=True)
    probs = np.exp(logits)
    probs /= probs.sum(axis=1, keepdims=True)
    Y = one_hot(labels, W.shape[1])
    loss = -np.sum(Y * np.log(probs + 1e-12)) / X.shape[0]
    return loss + reg * np.sum(W * W)


def relu(z):
    return np.maximum(z, 0.0)


def mlp_minibatches(W1, W2, X, y, batch=2):
    total = 0.0
    n = X.shape[0]
    for start in range(0, n, batch):
        xb, yb = X[start:start + batch], y[start:start + batch]
        h = relu(xb @ W1)
        pred = (h @ W2).ravel()
        total += np.mean((pred - yb) ** 2) * len(yb)
    return total / n


def train_logreg(w0, X, y, lr=0.5, steps=4):
    w = w0.copy()
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(X @ w)))
        w -= lr * X.T @ (p - y) / len(y)
    p = 1.0 / (1.0 + np.exp(-(X @ w)))
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def svm_hinge(w, X, y, C=1.0):
    margins = 1.0 - y * (X @ w)
    return 0.5 * w @ w + C * np.sum(np.clip(margins, 0.0, None))


def triplet_loss(anchor, positive, negative, margin=0.5):
    d_pos = np.sum((anchor - positive) ** 2, axis=-1)
    d_neg = np.sum((anchor - negative) ** 2, axis=-1)
    return np.mean(np.maximum(d_pos - d_neg + margin, 0.0))


def info_nce(Z1, Z2, temperature=0.5):
    Z1 = Z1 / np.linalg.norm(Z1, axis=1, keepdims=True)
    Z2 = Z2 / np.linalg.norm(Z2, axis=1, keepdims=True)
    sim = Z1 @ Z2.T / temperature
    m = sim.max(axis=1, keepdims=True)
    lse = (m + np.log(np.exp(sim - m).sum(axis=1, keepdims=True))).ravel()
    return np.mean(lse - np.diag(sim))


def batchnorm_train(x, gamma, beta, running, momentum=0.9, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    running = running.copy()
    running[0] = momentum * running[0] + (1 - momentum) * mu
    running[1] = momentum * running[1] + (1 - momentum) * var
    xhat = (x - mu) / np.sqrt(var + eps)
    out = gamma * xhat + beta
    return np.sum(out ** 2) + 0.1 * np.sum(running)


def gmm_responsibilities(means, X, log_var=0.0):
    d2 = (X[:, None] - means[None, :]) ** 2
    logp = -0.5 * d2 * np.exp(-log_var)
    logp -= logp.max(axis=1, keepdims=True)
    resp = np.exp(logp)
    resp /= resp.sum(axis=1, keepdims=True)
    nk = resp.sum(axis=0)
    new_means = (resp * X[:, None]).sum(axis=0) / nk
    return np.sum((new_means - means) ** 2)


def policy_with_baseline(theta, features, actions, rewards):
    logits = features @ theta
    logits = logits - logits.max(axis=1, keepdims=True)
    logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    chosen = logp[np.arange(len(actions)), actions]
    adv = (rewards - rewards.mean()) / (rewards.std() + 1e-8)
    return -np.sum(chosen * adv)


# --- physics -------------------------------------------------------------------------------------


def nbody_potential(pos, masses, soft=0.1):
    energy = 0.0
    n = len(masses)
    for i in range(n):
        for j in range(i + 1, n):
            r = np.sqrt(np.sum((pos[i] - pos[j]) ** 2) + soft ** 2)
            energy -= masses[i] * masses[j] / r
    return energy


def spring_chain_verlet(x0, k, dt=0.05, steps=6):
    x = x0.copy()
    v = np.zeros_like(x)
    def force(x):
        f = np.zeros_like(x)
        stretch = np.diff(x) - 1.0
        f[:-1] += k * stretch
        f[1:] -= k * stretch
        return f
    a = force(x)
    for _ in range(steps):
        x += dt * v + 0.5 * dt ** 2 * a
        a_new = force(x)
        v += 0.5 * dt * (a + a_new)
        a = a_new
    return np.sum(x ** 2) + np.sum(v)


def heat_stencil(u0, alpha, steps=5):
    u = u0.copy()
    for _ in range(steps):
        lap = np.zeros_like(u)
        lap[1:-1] = u[:-2] - 2 * u[1:-1] + u[2:]
        u = u + alpha * lap
    return np.sum(u * np.linspace(0.0, 1.0, len(u)))


def projectile_drag(v0, angle, drag=0.1, dt=0.05):
    vx, vy = v0 * math.cos(angle), v0 * math.sin(angle)
    x, y = 0.0, 0.0
    while y >= 0.0:
        speed = math.sqrt(vx * vx + vy * vy)
        vx -= drag * speed * vx * dt
        vy -= (9.81 + drag * speed * vy) * dt
        x += vx * dt
        y += vy * dt
    return x


def lennard_jones_cutoff(pos, cutoff=2.5):
    diff = pos[:, None, :] - pos[None, :, :]
    r2 = np.sum(diff ** 2, axis=-1) + np.eye(len(pos))
    inv6 = 1.0 / r2 ** 3
    pair = 4.0 * (inv6 ** 2 - inv6)
    pair = np.where(r2 < cutoff ** 2, pair, 0.0)
    pair[np.diag_indices(len(pos))] = 0.0
    return 0.5 * np.sum(pair)


def morse_bonds(coords, bonds, D=1.0, a=1.5, r0=1.0):
    total = 0.0
    for i, j in bonds:
        r = np.linalg.norm(coords[i] - coords[j])
        total += D * (1.0 - np.exp(-a * (r - r0))) ** 2
    return total


def two_link_arm(angles, target, l1=1.0, l2=0.7):
    t1, t2 = angles
    elbow = np.array([l1 * np.cos(t1), l1 * np.sin(t1)])
    hand = elbow + l2 * np.array([np.cos(t1 + t2), np.sin(t1 + t2)])
    heading = np.arctan2(hand[1], hand[0])
    return np.sum((hand - target) ** 2) + 0.01 * heading ** 2


# --- statistics ----------------------------------------------------------------------------------


def mvn_loglik(mu, L_flat, X):
    d = len(mu)
    L = np.tril(L_flat.reshape(d, d))
    L[np.diag_indices(d)] = np.exp(np.diag(L))
    cov = L @ L.T
    sign, logdet = np.linalg.slogdet(cov)
    diff = X - mu
    sol = np.linalg.solve(cov, diff.T)
    return -0.5 * np.sum(diff.T * sol) - 0.5 * len(X) * (logdet + d * np.log(2 * np.pi))


def student_t_nll(params, y):
    loc, log_scale, log_df = params
    scale, df = np.exp(log_scale), np.exp(log_df) + 1.0
    z = (y - loc) / scale
    const = math.lgamma(0.5 * (df + 1)) - math.lgamma(0.5 * df) - 0.5 * np.log(df * np.pi)
    return -np.sum(const - np.log(scale) - 0.5 * (df + 1) * np.log1p(z ** 2 / df))


def weighted_lstsq(beta_scale, X, y, w):
    W = np.diag(w)
    beta = np.linalg.solve(X.T @ W @ X, X.T @ W @ y) * beta_scale
    resid = y - X @ beta
    return resid @ W @ resid


def kde_leave_one_out(log_bw, x):
    bw = np.exp(log_bw)
    d = (x[:, None] - x[None, :]) / bw
    k = np.exp(-0.5 * d ** 2) / (bw * np.sqrt(2 * np.pi))
    np.fill_diagonal(k, 0.0)
    dens = k.sum(axis=1) / (len(x) - 1)
    return -np.sum(np.log(dens))


def bayes_evidence(log_alpha, log_beta, Phi, t):
    alpha, beta = np.exp(log_alpha), np.exp(log_beta)
    n, m = Phi.shape
    A = alpha * np.eye(m) + beta * Phi.T @ Phi
    mN = beta * np.linalg.solve(A, Phi.T @ t)
    E = 0.5 * beta * np.sum((t - Phi @ mN) ** 2) + 0.5 * alpha * mN @ mN
    return 0.5 * m * np.log(alpha) + 0.5 * n * np.log(beta) - E - 0.5 * np.linalg.slogdet(A)[1]


# --- optimisation ---------------------------------------------------------------------------------


def rosenbrock(x, a=1.0, b=100.0):
    return np.sum(b * (x[1:] - x[:-1] ** 2) ** 2 + (a - x[:-1]) ** 2)


def penalized(x, mu=10.0):
    g = np.array([x[0] + x[1] - 1.0, x[0] ** 2 - x[2]])
    h = x @ x - 2.0
    return rosenbrock(x) + mu * np.sum(np.maximum(g, 0.0) ** 2) + mu * h ** 2


def newton_cubic_root(a, b, iters=6):
    x = 1.0
    for _ in range(iters):
        x = x - (x ** 3 + a * x - b) / (3 * x ** 2 + a)
    return x


def objective_star(theta, *args):  # scipy.optimize.minimize(fun, x0, args=(X, y, lam), jac=...)
    X, y, lam = args
    r = X @ theta - y
    return 0.5 * r @ r + 0.5 * lam * theta @ theta


def layer(x, params, act=np.tanh):
    return act(x @ params["W"] + params["b"])


def dict_params_by_keyword(params, X):
    h = layer(X, params=params["hidden"])
    out = layer(h, params=params["out"], act=lambda z: z)
    return np.mean(out ** 2)


def softsign(z):
    return z / (1.0 + np.abs(z))


def dict_params_named_act(params, X):
    h = layer(X, params=params["hidden"], act=softsign)
    return np.mean(layer(h, act=np.sin, params=params["out"]) ** 2)


def dict_params_default_act(params, X):
    h = layer(X, params=params["hidden"])
    return np.mean(layer(h, params=params["out"]) ** 2)


def clipped_gradient_step(w, X, y, lr=0.1, max_norm=1.0):
    g = X.T @ (X @ w - y) / len(y)
    norm = np.linalg.norm(g)
    if norm > max_norm:
        g = g * (max_norm / norm)
    w_new = w - lr * g
    return np.sum((X @ w_new - y) ** 2)


# --- signal processing -----------------------------------------------------------------------------


def fir_filter_loss(h, x, target):
    y = np.convolve(x, h, mode="same")
    return np.mean((y - target) ** 2)


def moving_average_cumsum(x, w=3):
    c = np.cumsum(np.concatenate([[0.0], x]))
    ma = (c[w:] - c[:-w]) / w
    return np.sum(ma ** 2)


def dft_power(x, k_max=3):
    n = len(x)
    t = np.arange(n)
    k = np.arange(k_max)
    angles = 2 * np.pi * np.outer(k, t) / n
    re = np.cos(angles) @ x
    im = -np.sin(angles) @ x
    return np.sum(re ** 2 + im ** 2) / n


def exponential_smoothing(x, alpha):
    s = [x[0]]
    for v in x[1:]:
        s.append(alpha * v + (1 - alpha) * s[-1])
    s = np.array(s)
    return np.sum((s[:-1] - x[1:]) ** 2)


# --- tutorials and misc ----------------------------------------------------------------------------


def vander_fit(coeffs, t, y):
    V = np.vander(t, len(coeffs))
    pred = V @ coeffs
    return np.sum((pred - y) ** 2) / len(y)


def quickstart_reshapes(a):
    m = a.reshape(3, 4)
    col_means = m.mean(axis=0)
    centered = m - col_means[np.newaxis, :]
    best = centered[np.arange(3), np.argmax(centered, axis=1)]
    return np.sum(centered.T @ centered) + np.sum(best)


def portfolio(weights, returns, risk_aversion=3.0):
    w = np.clip(weights, 0.0, None)
    w = w / w.sum()
    mu = returns.mean(axis=0)
    cov = np.cov(returns, rowvar=False)
    return -(w @ mu - 0.5 * risk_aversion * w @ cov @ w)


def logistic_harvest(r, K, h, x0=0.5, steps=8):
    x = x0
    for _ in range(steps):
        x = x + r * x * (1 - x / K) - h * x
        x = min(max(x, 0.0), K)
    return x


def sorted_by_key_losses(x):
    losses = [np.sum((x - c) ** 2) for c in (0.0, 0.5, -0.5, 1.0)]
    pairs = sorted(zip(losses, range(4)), key=itemgetter(0))  # noqa: B905  (as people write it)
    best_two = [loss for loss, _ in pairs[:2]]
    return sum(best_two) + max(losses, key=abs) * 0.1


def zip_star_rows(W, x):
    rows = [W[0] * x, W[1] * x ** 2, np.cos(W[2]) * x]
    return sum([a * b - c for a, b, c in zip(*rows)])  # noqa: B905
