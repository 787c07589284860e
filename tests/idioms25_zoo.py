"""NumPy written the way people write it, in forms the earlier zoos do not take (part one):
optimisation test functions written with Python loops over coordinates and over rows of
module-level tables (Bohachevsky, Hartmann-3, Shekel, Levy N.13, Salomon, Schaffer N.2,
Perm(d, beta), Qing, Colville, sum of different powers, Alpine N.2, Easom); scikit-learn-style
losses with ``sample_weight=None`` defaults, class weights from a dict, masks through
``np.where``, ``scipy.special.xlogy``, Tweedie deviance, ``r2`` with a ``multioutput`` keyword;
small integrators stepping a dict of state (leapfrog, RK4 built by comprehensions over the
dict's keys, a Boris pusher with ``np.cross``, Crank-Nicolson by ``np.linalg.solve``, a
symplectic Euler by ``while t < t_end``); and Kalman filters (a predict/update pair over a dict,
an extended filter with its Jacobian, an information filter, an innovation log-likelihood by
``slogdet`` over a list of measurements, an alpha-beta tracker updated in place)."""

from __future__ import annotations

import math

import numpy as np
import scipy.special

# --- optimisation test functions, the way the papers' pseudo-code reads ---

HARTMANN_A = np.array([[3.0, 10.0, 30.0], [0.1, 10.0, 35.0], [3.0, 10.0, 30.0], [0.1, 10.0, 35.0]])
HARTMANN_P = 1e-4 * np.array([[3689.0, 1170.0, 2673.0], [4699.0, 4387.0, 7470.0],
                              [1091.0, 8732.0, 5547.0], [381.0, 5743.0, 8828.0]])
HARTMANN_ALPHA = [1.0, 1.2, 3.0, 3.2]
SHEKEL_C = np.array([[4.0, 4.0], [1.0, 1.0], [8.0, 8.0], [6.0, 6.0], [3.0, 7.0]])
SHEKEL_BETA = 0.1 * np.array([1.0, 2.0, 2.0, 4.0, 4.0])


def bohachevsky(x):
    total = 0.0
    for i in range(len(x) - 1):
        total += (x[i] ** 2 + 2.0 * x[i + 1] ** 2 - 0.3 * np.cos(3 * np.pi * x[i])
                  - 0.4 * np.cos(4 * np.pi * x[i + 1]) + 0.7)
    return total


def hartmann3(x):
    outer = 0.0
    for i in range(4):
        inner = 0.0
        for j in range(3):
            inner += HARTMANN_A[i, j] * (x[j] - HARTMANN_P[i, j]) ** 2
        outer += HARTMANN_ALPHA[i] * np.exp(-inner)
    return -outer


def shekel(x, m=5):
    total = 0.0
    for i in range(m):
        diff = x - SHEKEL_C[i]
        total -= 1.0 / (diff @ diff + SHEKEL_BETA[i])
    return total


def levy13(xy):
    x, y = xy
    term1 = np.sin(3 * np.pi * x) ** 2
    term2 = (x - 1) ** 2 * (1 + np.sin(3 * np.pi * y) ** 2)
    term3 = (y - 1) ** 2 * (1 + np.sin(2 * np.pi * y) ** 2)
    return term1 + term2 + term3


def salomon(x):
    r = np.sqrt(np.sum(x ** 2))
    return 1.0 - np.cos(2 * np.pi * r) + 0.1 * r


def schaffer2_chain(x):
    value = 0.0
    for a, b in zip(x[:-1], x[1:], strict=True):
        s = a * a + b * b
        value += 0.5 + (np.sin(a * a - b * b) ** 2 - 0.5) / (1.0 + 0.001 * s) ** 2
    return value


def perm_beta(x, beta=0.5):
    d = len(x)
    total = 0.0
    for i in range(1, d + 1):
        inner = 0.0
        for j in range(1, d + 1):
            inner += (j ** i + beta) * ((x[j - 1] / j) ** i - 1.0)
        total += inner ** 2
    return total


def qing(x):
    return sum((xi ** 2 - i) ** 2 for i, xi in enumerate(x, start=1))


def colville(x):
    x1, x2, x3, x4 = x
    return (100 * (x1 ** 2 - x2) ** 2 + (x1 - 1) ** 2 + (x3 - 1) ** 2 + 90 * (x3 ** 2 - x4) ** 2
            + 10.1 * ((x2 - 1) ** 2 + (x4 - 1) ** 2) + 19.8 * (x2 - 1) * (x4 - 1))


def sum_different_powers(x):
    powers = np.arange(2, len(x) + 2)
    return np.sum(np.abs(x) ** powers)


def alpine2(x):
    return -np.prod(np.sqrt(x) * np.sin(x))


def easom(p):
    x, y = p[0], p[1]
    return -math.cos(x) * math.cos(y) * math.exp(-((x - math.pi) ** 2 + (y - math.pi) ** 2))


# --- scikit-learn-style losses ---


def weighted_log_loss(y_prob, y_true, sample_weight=None, eps=1e-15):
    p = np.clip(y_prob, eps, 1 - eps)
    losses = -(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))
    if sample_weight is None:
        return losses.mean()
    return np.average(losses, weights=sample_weight)


def class_weighted_ce(logits, labels, class_weight):
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    weights = np.array([class_weight[int(c)] for c in labels])
    picked = log_p[np.arange(len(labels)), labels]
    return -np.sum(weights * picked) / weights.sum()


def masked_huber(pred, target, mask, delta=1.0):
    r = np.where(mask, pred - target, 0.0)
    a = np.abs(r)
    loss = np.where(a <= delta, 0.5 * r ** 2, delta * (a - 0.5 * delta))
    return loss.sum() / max(mask.sum(), 1)


def crammer_singer_hinge(W, X, y):
    scores = X @ W
    correct = scores[np.arange(len(y)), y][:, None]
    margins = np.maximum(0.0, 1.0 + scores - correct)
    margins = np.where(np.arange(W.shape[1])[None, :] == y[:, None], 0.0, margins)
    return margins.max(axis=1).mean()


def poisson_deviance_glm(w, X, y):
    mu = np.exp(X @ w)
    dev = 2.0 * (scipy.special.xlogy(y, y) - scipy.special.xlogy(y, mu) - y + mu)
    return dev.mean()


def tweedie_deviance(log_mu, y, power=1.5):
    mu = np.exp(log_mu)
    p = power
    dev = 2 * (np.power(np.maximum(y, 0), 2 - p) / ((1 - p) * (2 - p))
               - y * np.power(mu, 1 - p) / (1 - p) + np.power(mu, 2 - p) / (2 - p))
    return np.mean(dev)


def linear_svc_loss(w, X, y, *, C=1.0, penalty="l2", intercept=0.0):
    margin = y * (X @ w + intercept)
    hinge = np.where(margin < 1, (1 - margin) ** 2, 0.0)
    reg = 0.5 * w @ w if penalty == "l2" else np.sum(np.abs(w))
    return reg + C * hinge.sum()


def svc_callers(w, X, y):
    return linear_svc_loss(w, X, y, C=0.5) + linear_svc_loss(w, X, y, penalty="l1", intercept=0.2)


def ridge_centered(w, X, y, alpha=0.5, fit_intercept=True):
    if fit_intercept:
        X_offset, y_offset = X.mean(axis=0), y.mean()
        X, y = X - X_offset, y - y_offset
    resid = y - X @ w
    return resid @ resid + alpha * (w @ w)


def r2_loss(pred, y, multioutput="uniform_average"):
    ss_res = ((y - pred) ** 2).sum(axis=0)
    ss_tot = ((y - y.mean(axis=0)) ** 2).sum(axis=0)
    scores = 1 - ss_res / ss_tot
    if multioutput == "raw_values":
        return scores
    if multioutput == "variance_weighted":
        return np.average(scores, weights=ss_tot)
    return np.mean(scores)


def multi_quantile_loss(pred, y, quantiles=(0.1, 0.5, 0.9)):
    total = 0.0
    for k, q in enumerate(quantiles):
        diff = y - pred[:, k]
        total += np.mean(np.where(diff >= 0, q * diff, (q - 1) * diff))
    return total / len(quantiles)


# --- integrators over a dict of state ---


def leapfrog_dict(state, k=1.5, dt=0.1, steps=5):
    s = dict(state)
    for _ in range(steps):
        s["p"] = s["p"] - 0.5 * dt * k * s["q"]
        s["q"] = s["q"] + dt * s["p"] / s["m"]
        s["p"] = s["p"] - 0.5 * dt * k * s["q"]
    return 0.5 * np.sum(s["p"] ** 2) / s["m"] + 0.5 * k * np.sum(s["q"] ** 2)


def _damped_rhs(s, k, c):
    return {"x": s["v"], "v": -k * s["x"] - c * s["v"]}


def rk4_dict(state, k, c=0.3, dt=0.1, steps=4):
    s = dict(state)
    for _ in range(steps):
        k1 = _damped_rhs(s, k, c)
        k2 = _damped_rhs({n: s[n] + 0.5 * dt * k1[n] for n in s}, k, c)
        k3 = _damped_rhs({n: s[n] + 0.5 * dt * k2[n] for n in s}, k, c)
        k4 = _damped_rhs({n: s[n] + dt * k3[n] for n in s}, k, c)
        s = {n: s[n] + dt / 6 * (k1[n] + 2 * k2[n] + 2 * k3[n] + k4[n]) for n in s}
    return s["x"] ** 2 + 0.5 * s["v"] ** 2


def boris_push(v0, B, E, q_over_m=1.0, dt=0.1, steps=4):
    x = np.zeros(3)
    v = v0
    for _ in range(steps):
        v_minus = v + 0.5 * dt * q_over_m * E
        t = 0.5 * dt * q_over_m * B
        s = 2 * t / (1 + t @ t)
        v_prime = v_minus + np.cross(v_minus, t)
        v_plus = v_minus + np.cross(v_prime, s)
        v = v_plus + 0.5 * dt * q_over_m * E
        x = x + dt * v
    return x @ x + v @ v


def crank_nicolson(u0, kappa, dt=0.1, steps=3):
    n = len(u0)
    L = -2 * np.eye(n) + np.eye(n, k=1) + np.eye(n, k=-1)
    A = np.eye(n) - 0.5 * dt * kappa * L
    B = np.eye(n) + 0.5 * dt * kappa * L
    u = u0
    for _ in range(steps):
        u = np.linalg.solve(A, B @ u)
    return np.sum(u ** 2)


def symplectic_pendulum(theta0, omega0, g_over_l=9.81, dt=0.05, t_end=0.3):
    theta, omega, t = theta0, omega0, 0.0
    while t < t_end - 1e-9:
        omega -= dt * g_over_l * np.sin(theta)
        theta += dt * omega
        t += dt
    return 0.5 * omega ** 2 - g_over_l * np.cos(theta)


def spring_chain_inplace(x0, v0, k=2.0, dt=0.05, steps=4):
    x, v = x0.copy(), v0.copy()
    for _ in range(steps):
        f = np.zeros_like(x)
        stretch = x[1:] - x[:-1] - 1.0
        f[:-1] += k * stretch
        f[1:] -= k * stretch
        v += dt * f
        x += dt * v
    return np.sum(x ** 2) + np.sum(v ** 2)


# --- Kalman filters ---


def kalman_predict_update(belief, z, F, H, q=0.1, r=0.2):
    x, P = belief["x"], belief["P"]
    x = F @ x
    P = F @ P @ F.T + q * np.eye(len(x))
    S = H @ P @ H.T + r * np.eye(H.shape[0])
    K = np.linalg.solve(S, H @ P).T
    y = z - H @ x
    new = {"x": x + K @ y, "P": (np.eye(len(x)) - K @ H) @ P}
    return new["x"] @ new["x"] + np.trace(new["P"])


def ekf_pendulum(x0, zs, dt=0.1, q=0.01, r=0.1):
    x, P = x0, np.eye(2)
    nll = 0.0
    for z in zs:
        theta, omega = x
        x = np.array([theta + dt * omega, omega - dt * 9.81 * np.sin(theta)])
        F = np.array([[1.0, dt], [-dt * 9.81 * np.cos(theta), 1.0]])
        P = F @ P @ F.T + q * np.eye(2)
        h = np.sin(x[0])
        Hrow = np.array([np.cos(x[0]), 0.0])
        s = Hrow @ P @ Hrow + r
        gain = P @ Hrow / s
        innovation = z - h
        x = x + gain * innovation
        P = P - np.outer(gain, Hrow @ P)
        nll += 0.5 * (np.log(2 * np.pi * s) + innovation ** 2 / s)
    return nll


def information_filter(y0, Y0, z, H, R_inv):
    y = y0 + H.T @ R_inv @ z
    Y = Y0 + H.T @ R_inv @ H
    x = np.linalg.solve(Y, y)
    return x @ x + np.log(np.linalg.det(Y))


def kalman_innovations(x0, zs, A, C, q=0.05, r=0.1):
    x, P = x0, np.eye(len(x0))
    total = 0.0
    for z in zs:
        x, P = A @ x, A @ P @ A.T + q * np.eye(len(x))
        S = C @ P @ C.T + r * np.eye(len(z))
        e = z - C @ x
        sign, logdet = np.linalg.slogdet(S)
        total += 0.5 * (logdet + e @ np.linalg.solve(S, e))
        K = P @ C.T @ np.linalg.inv(S)
        x, P = x + K @ e, P - K @ S @ K.T
    return total


def alpha_beta_tracker(zs, gains, dt=0.5):
    est = np.zeros(2)  # position, velocity
    sq = 0.0
    for z in zs:
        est[0] += dt * est[1]
        resid = z - est[0]
        est[0] += gains[0] * resid
        est[1] += gains[1] * resid / dt
        sq += resid ** 2
    return sq
