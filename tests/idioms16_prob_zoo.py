"""Probabilistic models and numerical methods as outside code writes them (re-imagined, none
copied): Gaussian mixtures through ``logsumexp``, the HMM forward algorithm in a Python loop,
Kalman filter steps with ``np.linalg.solve``/``inv``, Newton iterations with ``while``/``break``,
quadrature by ``np.trapezoid`` and ``np.diff``, ``np.interp``, RK4 for Lotka-Volterra and a
pendulum.  ``tests/test_idioms16_prob.py`` differentiates each in every mode."""

import numpy as np
from scipy.special import logsumexp

# --- probabilistic models -----------------------------------------------------------------------


def gmm_loglik(x, means, log_sigmas, logits):
    log_w = logits - logsumexp(logits)
    sig = np.exp(log_sigmas)
    z = (x[:, None] - means[None, :]) / sig
    comp = -0.5 * z ** 2 - log_sigmas - 0.5 * np.log(2 * np.pi)
    return np.sum(logsumexp(comp + log_w, axis=1))


def gmm_manual_lse(x, means, logits):
    log_w = logits - np.log(np.sum(np.exp(logits)))
    a = -0.5 * (x[:, None] - means) ** 2 + log_w
    m = a.max(axis=1, keepdims=True)
    return np.sum(m[:, 0] + np.log(np.exp(a - m).sum(axis=1)))


def gmm_responsibilities(x, means):
    a = -0.5 * (x[:, None] - means) ** 2
    r = np.exp(a - logsumexp(a, axis=1, keepdims=True))
    return np.sum(r * x[:, None] ** 2)


def hmm_forward(log_pi, log_A, log_B, obs):
    alpha = log_pi + log_B[:, obs[0]]
    for o in obs[1:]:
        alpha = logsumexp(alpha[:, None] + log_A, axis=0) + log_B[:, o]
    return logsumexp(alpha)


def hmm_forward_scaled(pi, A, B, obs):
    alpha = pi * B[:, obs[0]]
    loglik = 0.0
    for t in range(len(obs)):
        if t > 0:
            alpha = (alpha @ A) * B[:, obs[t]]
        c = alpha.sum()
        alpha = alpha / c
        loglik += np.log(c)
    return loglik


def hmm_softmax_params(logits_A, logits_B, obs):
    A = np.exp(logits_A) / np.exp(logits_A).sum(axis=1, keepdims=True)
    B = np.exp(logits_B) / np.exp(logits_B).sum(axis=1, keepdims=True)
    alpha = np.full(len(A), 1.0 / len(A)) * B[:, obs[0]]
    for o in obs[1:]:
        alpha = (A.T @ alpha) * B[:, o]
    return np.log(alpha.sum())


def kalman_joseph(x, P, z, F, H, Q, R):
    x_pred = F @ x
    P_pred = F @ P @ F.T + Q
    S = H @ P_pred @ H.T + R
    K = np.linalg.solve(S.T, (P_pred @ H.T).T).T
    I_KH = np.eye(len(x)) - K @ H
    P_new = I_KH @ P_pred @ I_KH.T + K @ R @ K.T
    return np.sum((x_pred + K @ (z - H @ x_pred)) ** 2) + np.trace(P_new)


def kalman_nll(zs, q, r):
    x, P = np.zeros(2), np.eye(2)
    F = np.array([[1.0, 1.0], [0.0, 1.0]])
    H = np.array([[1.0, 0.0]])
    nll = 0.0
    for z in zs:
        x, P = F @ x, F @ P @ F.T + q * np.eye(2)
        S = H @ P @ H.T + r
        innov = z - H @ x
        K = np.linalg.solve(S, H @ P).T
        x = x + K @ innov
        P = P - K @ H @ P
        nll += 0.5 * (np.log(np.linalg.det(S)) + innov @ np.linalg.solve(S, innov))
    return nll


def bayes_linear_evidence(log_alpha, X, y, beta=4.0):
    alpha = np.exp(log_alpha)
    A = alpha * np.eye(X.shape[1]) + beta * X.T @ X
    m = beta * np.linalg.solve(A, X.T @ y)
    _, logdet = np.linalg.slogdet(A)
    fit = beta / 2 * np.sum((y - X @ m) ** 2) + alpha / 2 * m @ m
    return fit + 0.5 * logdet - X.shape[1] / 2 * log_alpha


def student_t_nll(x, loc, log_scale, nu=4.0):
    s = np.exp(log_scale)
    z = (x - loc) / s
    return np.sum((nu + 1) / 2 * np.log1p(z ** 2 / nu) + log_scale)


def mixture_of_experts(x, W_gate, W_exp):
    gates = np.exp(x @ W_gate)
    gates = gates / gates.sum(axis=1, keepdims=True)
    outs = np.tanh(np.einsum("nd,kd->nk", x, W_exp))
    return np.sum(gates * outs)


def elbo_gaussian(mu, log_var, eps):
    z = mu + np.exp(0.5 * log_var) * eps
    log_p = -0.5 * np.sum(z ** 2)
    kl = -0.5 * np.sum(1 + log_var - mu ** 2 - np.exp(log_var))
    return log_p - kl


# --- numerical methods --------------------------------------------------------------------------


def newton_sqrt(a):
    x = a
    while True:
        nxt = 0.5 * (x + a / x)
        if abs(nxt - x) < 1e-13:
            break
        x = nxt
    return nxt


def newton_kepler(M, e):
    E = M
    it = 0
    while it < 50:
        f = E - e * np.sin(E) - M
        E = E - f / (1 - e * np.cos(E))
        it += 1
        if abs(f) < 1e-14:
            break
    return E


def newton_vector(c):
    x = np.ones_like(c)
    for _ in range(20):
        f = x ** 3 + x - c
        x = x - f / (3 * x ** 2 + 1)
        if np.max(np.abs(f)) < 1e-14:
            break
    return np.sum(x ** 2)


def trapezoid_energy(y, x):
    return np.trapezoid(y ** 2, x)


def trapezoid_dx(y):
    return np.trapezoid(np.sin(y), dx=0.1)


def trapezoid_manual(y, x):
    return np.sum(np.diff(x) * (y[1:] + y[:-1]) / 2)


def simpson(f_vals, h=0.1):
    return h / 3 * (f_vals[0] + 4 * np.sum(f_vals[1:-1:2]) + 2 * np.sum(f_vals[2:-1:2])
                    + f_vals[-1])


def interp_loss(fp, x):
    xp = np.linspace(0.0, 1.0, len(fp))
    return np.sum(np.interp(x, xp, fp) ** 2)


def interp_query(x, fp):
    xp = np.array([0.0, 0.3, 0.7, 1.0])
    return np.sum(np.sin(np.interp(x, xp, fp)))


def _lv(state, a, b, c, d):
    x, y = state
    return np.array([a * x - b * x * y, c * x * y - d * y])


def rk4_lotka_volterra(params, state0, h=0.05, steps=8):
    a, b, c, d = params
    s = state0
    for _ in range(steps):
        k1 = _lv(s, a, b, c, d)
        k2 = _lv(s + h / 2 * k1, a, b, c, d)
        k3 = _lv(s + h / 2 * k2, a, b, c, d)
        k4 = _lv(s + h * k3, a, b, c, d)
        s = s + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    return np.sum(s ** 2)


def rk4_pendulum(theta0, omega0, length, g=9.81, h=0.02):
    def f(th, om):
        return om, -g / length * np.sin(th)
    th, om = theta0, omega0
    for _ in range(10):
        a1, b1 = f(th, om)
        a2, b2 = f(th + h / 2 * a1, om + h / 2 * b1)
        a3, b3 = f(th + h / 2 * a2, om + h / 2 * b2)
        a4, b4 = f(th + h * a3, om + h * b3)
        th = th + h / 6 * (a1 + 2 * a2 + 2 * a3 + a4)
        om = om + h / 6 * (b1 + 2 * b2 + 2 * b3 + b4)
    return th ** 2 + 0.1 * om ** 2


def euler_heat(u0, kappa, steps=5):
    u = u0.copy()
    for _ in range(steps):
        lap = np.zeros_like(u)
        lap[1:-1] = u[2:] - 2 * u[1:-1] + u[:-2]
        u = u + kappa * lap
    return np.sum(u ** 2)


def bisection_root(c):
    lo, hi = 0.0, 2.0
    for _ in range(40):
        mid = 0.5 * (lo + hi)
        if mid ** 3 - c > 0:
            hi = mid
        else:
            lo = mid
    for _ in range(2):  # (bisection is piecewise constant in c; Newton polishes carry it)
        mid = mid - (mid ** 3 - c) / (3 * mid ** 2)
    return c * mid


def fixed_point_cos(a):
    x = 0.5
    for _ in range(60):
        x = np.cos(a * x)
    return x


def gradient_fd_stencil(u, h=0.1):
    du = np.gradient(u, h)
    return np.sum(du ** 2)


def cumulative_trapezoid(y, dx=0.1):
    areas = (y[1:] + y[:-1]) * dx / 2
    return np.sum(np.cumsum(areas) ** 2)


def chebyshev_series(coef, x):
    return np.sum(np.polynomial.chebyshev.chebval(x, coef) ** 2)


def horner(coef, x):
    acc = np.zeros_like(x)
    for c in coef:
        acc = acc * x + c
    return np.sum(acc ** 2)


def gauss_legendre_series(coef):
    nodes, weights = np.polynomial.legendre.leggauss(5)
    return weights @ np.polynomial.legendre.legval(nodes, coef) ** 2


def hermite_expansion_nll(coef, x):
    from numpy.polynomial import hermite_e as He
    density = np.exp(-0.5 * x ** 2) * He.hermeval(x, coef) ** 2
    return -np.sum(np.log(density + 1e-3))


def power_series_slope(c, x):
    from numpy.polynomial import polynomial as P
    return np.sum(P.polyval(x, P.polyder(c)) ** 2) + P.polyval(0.5, c)
