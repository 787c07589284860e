"""NumPy written the way people write it, in forms the earlier zoos do not take (part one):
numerics in Python loops: a Kalman step returning a tuple and run over a list of measurements,
an adaptive Heun-Euler pair accepting or rejecting steps in a ``while t < t_end`` loop, a
velocity-Verlet chain with a closure for the force, a
semi-implicit pendulum with ``math.sin`` of a float, Newton's method on Kepler's equation by
``while abs(step) > tol``, a tridiagonal solve eliminating into copies of its
diagonal and right-hand sides (``b[i] -= w * c[i - 1]``, a 2-D right-hand side) for an implicit
diffusion step, Horner's rule by ``for c in coeffs[::-1]``, ``np.polyval`` of a
fitted polynomial, ``np.interp`` lookup tables, compound growth by ``np.cumprod``, a discrete
heat equation stepped by ``np.roll`` and by ``np.pad(mode="edge")``, ``np.clip`` inside a
projected-gradient loop, moving averages by ``np.convolve`` (``mode="valid"``/``"same"``) and
by ``sliding_window_view``, and ``math.*`` scalars mixed with arrays."""

from __future__ import annotations

import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

# --- filters ---


def kalman_step(x, P, z, F, H, Q, R):
    x_pred = F @ x
    P_pred = F @ P @ F.T + Q
    y = z - H @ x_pred
    S = H @ P_pred @ H.T + R
    K = P_pred @ H.T @ np.linalg.inv(S)
    x_new = x_pred + K @ y
    P_new = (np.eye(len(x)) - K @ H) @ P_pred
    return x_new, P_new


def kalman_step_loss(x, P, z, F, H, Q, R):
    x_new, P_new = kalman_step(x, P, z, F, H, Q, R)
    return x_new @ x_new + np.sum(P_new * P_new.T)


def kalman_run(q, zs):
    F = np.array([[1.0, 0.1], [0.0, 1.0]])
    H = np.array([[1.0, 0.0]])
    Q = q * np.eye(2)
    R = np.array([[0.25]])
    x, P = np.zeros(2), np.eye(2)
    total = 0.0
    for z in zs:
        x, P = kalman_step(x, P, np.atleast_1d(z), F, H, Q, R)
        total = total + x[0] ** 2 + np.trace(P)
    return total


def scalar_kalman_nll(params, ys):
    a, log_q, log_r = params[0], params[1], params[2]
    q, r = math.exp(0.0) * np.exp(log_q), np.exp(log_r)
    m, p = 0.0, 1.0
    nll = 0.0
    for y in ys:
        m, p = a * m, a * a * p + q
        s = p + r
        nll += 0.5 * (np.log(2 * math.pi * s) + (y - m) ** 2 / s)
        k = p / s
        m, p = m + k * (y - m), (1 - k) * p
    return nll


# --- integrators ---


def heun_euler_adaptive(y0, omega, t_end=1.0, tol=1e-4):
    def f(y):
        return np.array([y[1], -omega ** 2 * np.sin(y[0])])

    t, h, y = 0.0, 0.1, y0
    steps = 0
    while t < t_end and steps < 50:
        h = min(h, t_end - t)
        k1 = f(y)
        k2 = f(y + h * k1)
        y_high = y + 0.5 * h * (k1 + k2)
        err = np.linalg.norm(y_high - (y + h * k1))
        if err <= tol:
            t, y = t + h, y_high
        h = 0.9 * h * min(2.0, max(0.2, math.sqrt(tol / (err + 1e-16))))
        steps += 1
    return y


def verlet_chain(pos, k=2.0, dt=0.02, steps=6):
    vel = np.zeros_like(pos)

    def force(p):
        stretch = np.diff(p) - 1.0
        f = np.zeros_like(p)
        f[:-1] += k * stretch
        f[1:] -= k * stretch
        return f

    acc = force(pos)
    for _ in range(steps):
        pos = pos + vel * dt + 0.5 * acc * dt ** 2
        new_acc = force(pos)
        vel = vel + 0.5 * (acc + new_acc) * dt
        acc = new_acc
    return 0.5 * np.sum(vel ** 2) + np.sum(pos ** 2)


def pendulum_energy(theta0, length):
    g, dt = 9.81, 0.01
    theta, omega = theta0, 0.0
    for _ in range(10):
        omega -= g / length * math.sin(0.0) + g / length * np.sin(theta) * dt
        theta += omega * dt
    return 0.5 * length ** 2 * omega ** 2 + g * length * (1 - np.cos(theta))


# --- root finding and linear solves ---


def kepler_eccentric(mean_anomaly, e):
    E = mean_anomaly if e < 0.8 else math.pi
    step = 1.0
    while abs(step) > 1e-12:
        step = (E - e * np.sin(E) - mean_anomaly) / (1 - e * np.cos(E))
        E = E - step
    return E


def newton_sqrt_array(a):
    x = np.ones_like(a)
    for _ in range(30):
        x_new = 0.5 * (x + a / x)
        if np.max(np.abs(x_new - x)) < 1e-13:
            x = x_new
            break
        x = x_new
    return np.sum(x * a)


def tridiag_solve_inplace(a, b, c, d):
    b, d = b.copy(), d.copy()
    n = len(b)
    for i in range(1, n):
        w = a[i - 1] / b[i - 1]
        b[i] -= w * c[i - 1]
        d[i] -= w * d[i - 1]
    x = np.zeros_like(d)
    x[-1] = d[-1] / b[-1]
    for i in reversed(range(n - 1)):
        x[i] = (d[i] - c[i] * x[i + 1]) / b[i]
    return x


def implicit_diffusion(u0, kappa):
    n = len(u0)
    r = kappa * 0.1 * (n + 1) ** 2
    off = np.full(n - 1, -r)
    u = np.stack([u0, u0 ** 2], axis=1)
    for _ in range(2):
        u = tridiag_solve_inplace(off, np.full(n, 1 + 2 * r), off, u)
    return np.sum(u[:, 0] * u[:, 1])


# --- polynomials and tables ---


def horner(coeffs, x):
    result = np.zeros_like(x)
    for c in coeffs[::-1]:
        result = result * x + c
    return result


def horner_list(x):
    coeffs = [1.0, -0.5, 0.25, 0.125]
    acc = 0.0
    for c in reversed(coeffs):
        acc = acc * x + c
    return np.sum(acc)


def polyfit_residual(y):
    t = np.linspace(0.0, 1.0, len(y))
    p = np.polyfit(t, y, 2)
    return np.sum((np.polyval(p, t) - y) ** 2) + p[0] ** 2


def polyval_deriv(p, x):
    dp = np.polyder(p)
    return np.sum(np.polyval(p, x) * np.polyval(dp, x))


def lookup_table(x, table):
    knots = np.linspace(0.0, 1.0, len(table))
    return np.interp(x, knots, table).sum()


def compound_growth(rates):
    growth = np.cumprod(1.0 + rates)
    return growth[-1] - np.mean(growth)


def discounted_cumprod(survival):
    alive = np.concatenate(([1.0], np.cumprod(survival)[:-1]))
    return np.sum(alive * (1 - survival) * np.arange(1, len(survival) + 1))


# --- stencils and smoothing ---


def heat_roll(u, alpha=0.2, steps=5):
    for _ in range(steps):
        u = u + alpha * (np.roll(u, 1) - 2 * u + np.roll(u, -1))
    return u


def heat_pad_edge(u, alpha=0.2, steps=4):
    for _ in range(steps):
        padded = np.pad(u, 1, mode="edge")
        u = u + alpha * (padded[:-2] - 2 * u + padded[2:])
    return u


def laplacian_2d(img):
    p = np.pad(img, ((1, 1), (1, 1)), mode="reflect")
    lap = p[:-2, 1:-1] + p[2:, 1:-1] + p[1:-1, :-2] + p[1:-1, 2:] - 4 * img
    return np.sum(lap ** 2)


def projected_gradient(x0, target, lr=0.3):
    x = x0
    for _ in range(5):
        x = np.clip(x - lr * (x - target), -0.5, 0.5)
    return np.sum(x * target)


def moving_average_valid(x, w=3):
    kernel = np.ones(w) / w
    return np.convolve(x, kernel, mode="valid")


def convolve_same(x, kernel):
    return np.sum(np.convolve(x, kernel, mode="same") ** 2)


def sliding_max_pool(x):
    windows = sliding_window_view(x, 3)
    return np.sum(windows.max(axis=-1) * np.arange(windows.shape[0]))


def sliding_std(x):
    win = np.lib.stride_tricks.sliding_window_view(x, window_shape=4)
    return win.std(axis=1)


def reversed_cumsum(x):
    return np.cumsum(x[::-1])[::-1] * x


def math_mixed(x, scale):
    norm = math.sqrt(len(x)) * math.log(2.0)
    return np.sum(np.tanh(x / scale)) / norm + math.pi * scale ** 2
