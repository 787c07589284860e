"""NumPy written the way people write it (idioms32, part one): ODE integrators (RK4 and
Runge-Kutta-Fehlberg steps, Heun, a velocity Verlet, an implicit midpoint by fixed-point
iterations, a shooting residual), Gaussian-process and kernel log-likelihoods through
``cholesky``, ``cho_solve``, ``solve_triangular`` and ``slogdet``, Kalman filter steps (predict and
update, the innovation log-likelihood, a Rauch-Tung-Striebel pass), Gauss-Newton and
Levenberg-Marquardt steps on residuals, and image filters by slices and ``np.pad``."""

from __future__ import annotations

import numpy as np
import scipy.linalg as sla

# ODE integrators


def _rhs_vdp(y, mu):
    return np.array([y[1], mu * (1.0 - y[0] ** 2) * y[1] - y[0]])


_RK4_A = np.array([[0.0, 0.0, 0.0, 0.0], [0.5, 0.0, 0.0, 0.0], [0.0, 0.5, 0.0, 0.0],
                   [0.0, 0.0, 1.0, 0.0]])
_RK4_B = np.array([1.0, 2.0, 2.0, 1.0]) / 6.0


def rk4_van_der_pol(y0, mu, h=0.05, steps=12):
    """Van der Pol by an explicit Runge-Kutta method given by its Butcher tableau."""
    y = y0
    for _ in range(steps):
        ks = []
        for i in range(4):
            stage = y + h * sum(_RK4_A[i, j] * ks[j] for j in range(i)) if i else y
            ks.append(_rhs_vdp(stage, mu))
        y = y + h * sum(b * k for b, k in zip(_RK4_B, ks))  # noqa: B905
    return np.sum(y ** 2)


def rk4_linear_system(A, y0, h=0.1, steps=8):
    """``y' = A y`` by RK4, the trajectory stacked and compared with a decay."""
    ys = [y0]
    for _ in range(steps):
        y = ys[-1]
        k1 = A @ y
        k2 = A @ (y + 0.5 * h * k1)
        k3 = A @ (y + 0.5 * h * k2)
        k4 = A @ (y + h * k3)
        ys.append(y + h * (k1 + 2.0 * k2 + 2.0 * k3 + k4) / 6.0)
    traj = np.stack(ys)
    target = np.exp(-np.arange(steps + 1) * h)[:, None] * y0
    return np.mean((traj - target) ** 2)


def heun_logistic(params, t_obs, y_obs):
    r, K = np.exp(params)
    y, t, h = y_obs[0], 0.0, 0.1
    loss = 0.0
    for t_next, target in zip(t_obs[1:], y_obs[1:]):  # noqa: B905
        while t < t_next - 1e-9:
            f0 = r * y * (1 - y / K)
            y_pred = y + h * f0
            y = y + 0.5 * h * (f0 + r * y_pred * (1 - y_pred / K))
            t += h
        loss += (y - target) ** 2
    return loss


def rkf45_step_error(y, h):
    """One Runge-Kutta-Fehlberg step of ``y' = -y + sin(y)``: the embedded error estimate."""
    f = lambda v: -v + np.sin(v)  # noqa: E731
    k1 = h * f(y)
    k2 = h * f(y + k1 / 4)
    k3 = h * f(y + 3 * k1 / 32 + 9 * k2 / 32)
    k4 = h * f(y + 1932 * k1 / 2197 - 7200 * k2 / 2197 + 7296 * k3 / 2197)
    k5 = h * f(y + 439 * k1 / 216 - 8 * k2 + 3680 * k3 / 513 - 845 * k4 / 4104)
    k6 = h * f(y - 8 * k1 / 27 + 2 * k2 - 3544 * k3 / 2565 + 1859 * k4 / 4104 - 11 * k5 / 40)
    y4 = y + 25 * k1 / 216 + 1408 * k3 / 2565 + 2197 * k4 / 4104 - k5 / 5
    y5 = y + 16 * k1 / 135 + 6656 * k3 / 12825 + 28561 * k4 / 56430 - 9 * k5 / 50 + 2 * k6 / 55
    return np.sum((y5 - y4) ** 2) + np.sum(y5)


def velocity_verlet_spring(state, k_spring, dt=0.05, steps=20):
    x, v = state[:2], state[2:]
    a = -k_spring * x
    energy = []
    for _ in range(steps):
        x = x + v * dt + 0.5 * a * dt ** 2
        a_new = -k_spring * x
        v = v + 0.5 * (a + a_new) * dt
        a = a_new
        energy.append(0.5 * v @ v + 0.5 * k_spring * x @ x)
    return np.var(energy) + x[0]


def implicit_midpoint(y0, lam, h=0.2, steps=5, iters=6):
    """Implicit midpoint for ``y' = lam * y**2 - y`` by fixed-point iterations."""
    y = y0
    for _ in range(steps):
        z = y
        for _ in range(iters):
            mid = 0.5 * (y + z)
            z = y + h * (lam * mid ** 2 - mid)
        y = z
    return np.sum(y)


def shooting_residual(v0, g=9.81, drag=0.1, dt=0.02, steps=40):
    pos, vel = np.zeros(2), np.asarray(v0, dtype=float)
    for _ in range(steps):
        speed = np.sqrt(vel @ vel)
        acc = np.array([0.0, -g]) - drag * speed * vel
        vel = vel + dt * acc
        pos = pos + dt * vel
    return np.sum((pos - np.array([4.0, 0.5])) ** 2)


# Gaussian processes and kernels


def _rbf(X1, X2, ell, sf2):
    d2 = np.sum(X1 ** 2, 1)[:, None] + np.sum(X2 ** 2, 1)[None, :] - 2 * X1 @ X2.T
    return sf2 * np.exp(-0.5 * d2 / ell ** 2)


def gp_nll_ard_periodic(log_params, X, y):
    """A GP with one length per input dimension times a periodic kernel of the first."""
    ells, log_p, sn2 = np.exp(log_params[:2]), log_params[2], np.exp(log_params[3])
    Z = X / ells
    sq = np.sum((Z[:, None, :] - Z[None, :, :]) ** 2, axis=-1)
    per = np.sin(np.pi * (X[:, None, 0] - X[None, :, 0]) / np.exp(log_p)) ** 2
    K = np.exp(-0.5 * sq - 2.0 * per) + sn2 * np.eye(len(y))
    L = np.linalg.cholesky(K)
    alpha = np.linalg.solve(L.T, np.linalg.solve(L, y))
    return 0.5 * y @ alpha + np.log(np.diag(L)).sum()


def gp_nll_cho_solve(log_params, X, y):
    ell, sf2, sn2 = np.exp(log_params)
    K = _rbf(X, X, ell, sf2) + sn2 * np.eye(X.shape[0])
    c, low = sla.cho_factor(K, lower=True)
    alpha = sla.cho_solve((c, low), y)
    return 0.5 * np.dot(y, alpha) + np.sum(np.log(np.diag(c)))


def gp_nll_triangular(log_params, X, y):
    ell, sf2, sn2 = np.exp(log_params)
    K = _rbf(X, X, ell, sf2) + sn2 * np.eye(len(y))
    L = sla.cholesky(K, lower=True)
    v = sla.solve_triangular(L, y, lower=True)
    return 0.5 * v @ v + np.log(np.diag(L)).sum()


def gp_nll_slogdet(log_params, X, y):
    ell, sf2, sn2 = np.exp(log_params)
    K = _rbf(X, X, ell, sf2) + sn2 * np.eye(len(y))
    sign, logdet = np.linalg.slogdet(K)
    return 0.5 * y @ np.linalg.solve(K, y) + 0.5 * logdet


def gp_predictive_mean(X_train, y, X_test, ell=0.8):
    K = _rbf(X_train, X_train, ell, 1.0) + 0.1 * np.eye(len(y))
    Ks = _rbf(X_test, X_train, ell, 1.0)
    mean = Ks @ np.linalg.solve(K, y)
    var = 1.0 - np.einsum("ij,ji->i", Ks, np.linalg.solve(K, Ks.T))
    return np.sum(mean ** 2) + np.sum(np.log(var))


def matern32_nll(log_params, x, y):
    ell, sf2 = np.exp(log_params)
    r = np.abs(x[:, None] - x[None, :]) + np.eye(len(x))  # (off the kink: the diagonal moved)
    s = np.sqrt(3.0) * r / ell
    K = sf2 * (1 + s) * np.exp(-s) + (sf2 + 0.05) * np.eye(len(x)) - sf2 * (
        1 + np.sqrt(3.0) / ell) * np.exp(-np.sqrt(3.0) / ell) * np.eye(len(x))
    L = np.linalg.cholesky(K)
    z = np.linalg.solve(L, y)
    return 0.5 * z @ z + np.sum(np.log(np.diag(L)))


def kernel_ridge_loo(log_lam, K, y):
    """Leave-one-out error of kernel ridge regression through the hat matrix."""
    lam = np.exp(log_lam)
    H = K @ np.linalg.inv(K + lam * np.eye(len(y)))
    resid = (y - H @ y) / (1.0 - np.diag(H))
    return np.mean(resid ** 2)


# Kalman filters


def kalman_loglik(params, ys):
    a, log_q, log_r = params
    q, r = np.exp(log_q), np.exp(log_r)
    m, P, ll = 0.0, 1.0, 0.0
    for y in ys:
        m, P = a * m, a * a * P + q
        S = P + r
        K = P / S
        ll -= 0.5 * (np.log(2 * np.pi * S) + (y - m) ** 2 / S)
        m, P = m + K * (y - m), (1 - K) * P
    return ll


H_POS = np.array([[1.0, 0.0]])
R_POS = np.array([[0.2]])


def kalman_2d_update(F, Q, ys, H=H_POS, R=R_POS):
    m, P = np.zeros(2), np.eye(2)
    total = 0.0
    for y in ys:
        m = F @ m
        P = F @ P @ F.T + Q
        S = H @ P @ H.T + R
        K = P @ H.T @ np.linalg.inv(S)
        innov = y - H @ m
        total += innov @ np.linalg.solve(S, innov) + np.log(np.linalg.det(S))
        m = m + K @ innov
        P = (np.eye(2) - K @ H) @ P
    return total


def kalman_joseph_form(q, ys):
    F = np.array([[1.0, 0.1], [0.0, 1.0]])
    H = np.array([[1.0, 0.0]])
    m, P = np.array([0.0, 1.0]), np.eye(2) * 0.5
    for y in ys:
        m, P = F @ m, F @ P @ F.T + q * np.eye(2)
        S = (H @ P @ H.T)[0, 0] + 0.1
        K = (P @ H.T)[:, 0] / S
        m = m + K * (y - m[0])
        IKH = np.eye(2) - np.outer(K, H[0])
        P = IKH @ P @ IKH.T + 0.1 * np.outer(K, K)
    return np.trace(P) + m @ m


def rts_smoother(a, ys, q=0.1, r=0.3):
    ms, Ps, mp, Pp = [], [], [], []
    m, P = 0.0, 1.0
    for y in ys:
        m_pred, P_pred = a * m, a * a * P + q
        K = P_pred / (P_pred + r)
        m, P = m_pred + K * (y - m_pred), (1 - K) * P_pred
        ms.append(m)
        Ps.append(P)
        mp.append(m_pred)
        Pp.append(P_pred)
    smoothed = [ms[-1]]
    for k in range(len(ys) - 2, -1, -1):
        G = Ps[k] * a / Pp[k + 1]
        smoothed.append(ms[k] + G * (smoothed[-1] - mp[k + 1]))
    return np.sum(np.array(smoothed) ** 2)


# Gauss-Newton and least squares


def _exp_residuals(theta, t, y):
    return theta[0] * np.exp(-theta[1] * t) + theta[2] - y


def gauss_newton_steps(theta, t, y, iters=3):
    for _ in range(iters):
        r = _exp_residuals(theta, t, y)
        J = np.column_stack([np.exp(-theta[1] * t), -theta[0] * t * np.exp(-theta[1] * t),
                             np.ones_like(t)])
        theta = theta - np.linalg.solve(J.T @ J, J.T @ r)
    return np.sum(_exp_residuals(theta, t, y) ** 2)


def levenberg_marquardt_step(theta, t, y, lam=0.1):
    r = _exp_residuals(theta, t, y)
    e = np.exp(-theta[1] * t)
    J = np.stack([e, -theta[0] * t * e, np.ones_like(t)], axis=1)
    A = J.T @ J
    step = np.linalg.solve(A + lam * np.diag(np.diag(A)), -J.T @ r)
    return 0.5 * np.sum(_exp_residuals(theta + step, t, y) ** 2)


def lstsq_fit_residual(X, y):
    coef, *_ = np.linalg.lstsq(X, y, rcond=None)
    resid = y - X @ coef
    return resid @ resid


def circle_fit_residuals(params, pts):
    cx, cy, r = params
    d = np.hypot(pts[:, 0] - cx, pts[:, 1] - cy)
    return np.sum((d - r) ** 2)


def weighted_normal_equations(w, X, y):
    W = np.diag(np.exp(w))
    beta = np.linalg.solve(X.T @ W @ X, X.T @ W @ y)
    return np.sum((X @ beta - y) ** 2)


# image filters


def box_blur_pad(img):
    p = np.pad(img, 1, mode="edge")
    out = (p[:-2, :-2] + p[:-2, 1:-1] + p[:-2, 2:] + p[1:-1, :-2] + p[1:-1, 1:-1]
           + p[1:-1, 2:] + p[2:, :-2] + p[2:, 1:-1] + p[2:, 2:]) / 9.0
    return np.sum(out ** 2)


def sobel_magnitude(img):
    p = np.pad(img, 1, mode="reflect")
    gx = (p[:-2, 2:] + 2 * p[1:-1, 2:] + p[2:, 2:]) - (p[:-2, :-2] + 2 * p[1:-1, :-2] + p[2:, :-2])
    gy = (p[2:, :-2] + 2 * p[2:, 1:-1] + p[2:, 2:]) - (p[:-2, :-2] + 2 * p[:-2, 1:-1] + p[:-2, 2:])
    return np.sum(np.sqrt(gx ** 2 + gy ** 2 + 1e-3))


def laplacian_wrap(img):
    p = np.pad(img, ((1, 1), (1, 1)), mode="wrap")
    lap = p[:-2, 1:-1] + p[2:, 1:-1] + p[1:-1, :-2] + p[1:-1, 2:] - 4 * img
    return 0.5 * np.sum(lap ** 2)


def gaussian_separable(img, sigma=0.8):
    x = np.arange(-2, 3)
    k = np.exp(-0.5 * (x / sigma) ** 2)
    k = k / k.sum()
    p = np.pad(img, ((0, 0), (2, 2)), mode="constant")
    rows = sum(k[i] * p[:, i:i + img.shape[1]] for i in range(5))
    p = np.pad(rows, ((2, 2), (0, 0)), mode="symmetric")
    cols = sum(k[i] * p[i:i + img.shape[0], :] for i in range(5))
    return np.sum(cols * img)


def total_variation_denoise(u, f, lam=0.3):
    dx = np.diff(u, axis=1, append=u[:, -1:])
    dy = np.diff(u, axis=0, append=u[-1:, :])
    tv = np.sum(np.sqrt(dx ** 2 + dy ** 2 + 1e-2))
    return 0.5 * np.sum((u - f) ** 2) + lam * tv


def unsharp_mask(img, amount=0.7):
    p = np.pad(img, 1, mode="edge")
    blur = (p[1:-1, :-2] + p[1:-1, 2:] + p[:-2, 1:-1] + p[2:, 1:-1] + 4 * img) / 8.0
    sharp = img + amount * (img - blur)
    return np.sum(np.tanh(sharp))


def max_pool_2x2(img):
    h, w = img.shape
    blocks = img.reshape(h // 2, 2, w // 2, 2)
    pooled = blocks.max(axis=(1, 3))
    return np.sum(pooled ** 2)


def conv2d_windows(img, kernel):
    """A convolution as a contraction of sliding windows (im2col without the copy)."""
    windows = np.lib.stride_tricks.sliding_window_view(img, kernel.shape)
    out = np.einsum("ijkl,kl->ij", windows, kernel)
    return np.sum(np.maximum(out, 0.0) ** 2)
