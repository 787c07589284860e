"""Simulation, signal processing and numerics as small research scripts write them in NumPy
(re-imagined, none copied): an N-body leapfrog whose force closure fills the diagonal in place,
a Kalman filter with default matrix arguments, an RK4 pendulum through a right-hand-side helper
called with keywords, a moving average by ``np.convolve`` and an autocorrelation by
``np.correlate``, a drawdown by ``np.maximum.accumulate``, a rolling z-score by
``sliding_window_view``, strided in-place updates and ``np.add.at``, conjugate gradients with
a ``break``, Welford's running variance with an early return.  ``tests/test_idioms21.py``
differentiates each.  (The Thomas algorithm is ``realistic_numerics_zoo.thomas``.)"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def nbody_leapfrog(pos, vel, masses, dt=0.01, steps=2, soft=0.1):
    pos = pos.copy()
    vel = vel.copy()

    def accel(p):
        d = p[None, :, :] - p[:, None, :]
        r2 = np.sum(d ** 2, axis=-1) + soft ** 2
        inv = r2 ** -1.5
        np.fill_diagonal(inv, 0.0)
        return np.einsum("ij,ijk,j->ik", inv, d, masses)

    a = accel(pos)
    for _ in range(steps):
        vel += 0.5 * dt * a
        pos += dt * vel
        a = accel(pos)
        vel += 0.5 * dt * a
    kinetic = 0.5 * np.sum(masses[:, None] * vel ** 2)
    return kinetic + np.sum(pos[:, 0])


F_CV = np.array([[1.0, 1.0], [0.0, 1.0]])
H_POS = np.array([[1.0, 0.0]])


def kalman_filter_nll(q, r, ys, F=F_CV, H=H_POS):
    x = np.zeros(2)
    P = np.eye(2)
    Q = q * np.eye(2)
    nll = 0.0
    for y in ys:
        x = F @ x
        P = F @ P @ F.T + Q
        S = H @ P @ H.T + r
        K = P @ H.T / S
        innov = y - (H @ x)[0]
        x = x + K[:, 0] * innov
        P = (np.eye(2) - K @ H) @ P
        nll += 0.5 * (np.log(2 * np.pi * S[0, 0]) + innov ** 2 / S[0, 0])
    return nll


def _pendulum_rhs(t, y, g=9.81, length=1.0, damping=0.1):
    theta, omega = y
    return np.array([omega, -g / length * np.sin(theta) - damping * omega])


def rk4_pendulum(y0, length, dt=0.05, n=4):
    y = np.asarray(y0, dtype=float)
    t = 0.0
    for _ in range(n):
        k1 = _pendulum_rhs(t, y, length=length)
        k2 = _pendulum_rhs(t + dt / 2, y + dt / 2 * k1, length=length)
        k3 = _pendulum_rhs(t + dt / 2, y + dt / 2 * k2, length=length)
        k4 = _pendulum_rhs(t + dt, y + dt * k3, length=length)
        y = y + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        t += dt
    return y[0] ** 2 + 0.1 * y[1]


def smooth_and_correlate(x, width=3):
    kernel = np.ones(width) / width
    smooth = np.convolve(x, kernel, mode="valid")
    centred = smooth - smooth.mean()
    ac = np.correlate(centred, centred, mode="full")[len(centred) - 1:]
    return ac[1] / ac[0] + np.sum(smooth ** 2)


def max_drawdown_soft(prices):
    peak = np.maximum.accumulate(prices)
    dd = (peak - prices) / peak
    return np.sum(dd ** 2) + np.log(prices[-1] / prices[0])


def rolling_zscore(x, window=3):
    w = sliding_window_view(x, window)
    mu = w.mean(axis=-1)
    sd = w.std(axis=-1)
    return np.sum(((x[window - 1:] - mu) / (sd + 1e-3)) ** 2)


def strided_update(x):
    y = x.copy()
    y[::2] += 1.0
    y[1::2] *= y[::2]
    np.add.at(y, [0, 0, 3], x[:3])
    return np.sum(y ** 2)


def cg_solve(A_raw, b, iters=3):
    A = A_raw @ A_raw.T + np.eye(len(b))
    x = np.zeros_like(b)
    r = b - A @ x
    p = r.copy()
    rs = r @ r
    for _ in range(iters):
        Ap = A @ p
        alpha = rs / (p @ Ap)
        x += alpha * p
        r -= alpha * Ap
        rs_new = r @ r
        if np.sqrt(rs_new) < 1e-12:
            break
        p = r + (rs_new / rs) * p
        rs = rs_new
    return np.sum(x ** 2)


def welford_variance(xs):
    n = 0
    mean = 0.0
    m2 = 0.0
    for x in xs:
        n += 1
        delta = x - mean
        mean += delta / n
        m2 += delta * (x - mean)
    if n < 2:
        return 0.0
    return m2 / (n - 1)
