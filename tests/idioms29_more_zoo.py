"""NumPy written the way other projects write it (part two): image operations by slicing
(forward-difference gradients with a smoothed total variation, a 2-D box filter by ``np.cumsum``
on both axes, a five-point Laplacian, Sobel magnitudes, 2x2 average pooling by ``reshape``,
neighbours added by ``+=`` on slices), ODE integrators (RK4 on Lotka-Volterra by a helper
returning ``np.array``, leapfrog on a harmonic chain, Euler run by ``while t < T``, an
adaptive-free midpoint method on a pendulum), Gaussian process marginal likelihoods
(``np.linalg.cholesky`` with ``scipy.linalg.solve_triangular``, ``np.linalg.slogdet`` with
``np.linalg.solve``, a predictive mean with ``cho_solve``), physics energies by ``np.einsum``
(dipoles, an inertia tensor, a spring network, a bilinear form), and polynomials (``np.polyval``
fits, ``np.vander`` least squares, Horner's rule by a loop, a Chebyshev recurrence)."""

from __future__ import annotations

import numpy as np
from scipy import linalg

# images


def total_variation(img, eps=1e-2):
    dx = img[:, 1:] - img[:, :-1]
    dy = img[1:, :] - img[:-1, :]
    return np.sum(np.sqrt(dx[:-1, :] ** 2 + dy[:, :-1] ** 2 + eps))


def box_filter_cumsum(img, r=1):
    pad = np.pad(img, ((1, 0), (1, 0)))
    s = pad.cumsum(axis=0).cumsum(axis=1)
    k = 2 * r + 1
    box = s[k:, k:] - s[:-k, k:] - s[k:, :-k] + s[:-k, :-k]
    return np.sum((box / k ** 2) ** 2)


def laplacian_energy(u):
    lap = (u[:-2, 1:-1] + u[2:, 1:-1] + u[1:-1, :-2] + u[1:-1, 2:]
           - 4.0 * u[1:-1, 1:-1])
    return 0.5 * np.sum(lap ** 2)


def sobel_magnitude(img):
    gx = (img[:-2, 2:] + 2 * img[1:-1, 2:] + img[2:, 2:]
          - img[:-2, :-2] - 2 * img[1:-1, :-2] - img[2:, :-2])
    gy = (img[2:, :-2] + 2 * img[2:, 1:-1] + img[2:, 2:]
          - img[:-2, :-2] - 2 * img[:-2, 1:-1] - img[:-2, 2:])
    return np.sqrt(gx ** 2 + gy ** 2 + 1e-6).mean()


def avg_pool_reshape(img, w):
    h, v = img.shape
    pooled = img.reshape(h // 2, 2, v // 2, 2).mean(axis=(1, 3))
    return np.sum(pooled * w)


def neighbour_sum_inplace(img):
    acc = np.zeros_like(img)
    acc[1:, :] += img[:-1, :]
    acc[:-1, :] += img[1:, :]
    acc[:, 1:] += img[:, :-1]
    acc[:, :-1] += img[:, 1:]
    return np.sum(img * acc) - np.sum(img ** 4)


# ODE integrators


def lotka_volterra(t, z, a, b):
    x, y = z
    return np.array([a * x - b * x * y, b * x * y - y])


def rk4_lotka(z0, a, b, h=0.1, steps=8):
    z, t = z0, 0.0
    for _ in range(steps):
        k1 = lotka_volterra(t, z, a, b)
        k2 = lotka_volterra(t + h / 2, z + h / 2 * k1, a, b)
        k3 = lotka_volterra(t + h / 2, z + h / 2 * k2, a, b)
        k4 = lotka_volterra(t + h, z + h * k3, a, b)
        z = z + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        t += h
    return z


def leapfrog_chain(q0, p0, k, dt=0.05, steps=10):
    def force(q):
        stretch = np.diff(q)
        f = np.zeros_like(q)
        f[:-1] += k * stretch
        f[1:] -= k * stretch
        return f

    q, p = q0.copy(), p0.copy()
    p = p + 0.5 * dt * force(q)
    for _ in range(steps - 1):
        q = q + dt * p
        p = p + dt * force(q)
    q = q + dt * p
    return np.sum(q ** 2) + 0.1 * np.sum(p ** 2)


def euler_while(y0, rate, T=1.0, dt=0.125):
    t, y = 0.0, y0
    while t < T - 1e-12:
        y = y + dt * (-rate * y + np.sin(y))
        t += dt
    return y


def midpoint_pendulum(state, length, g=9.81, dt=0.02, n=15):
    theta, omega = state[0], state[1]
    for _ in range(n):
        th_mid = theta + 0.5 * dt * omega
        om_mid = omega - 0.5 * dt * g / length * np.sin(theta)
        theta, omega = theta + dt * om_mid, omega - dt * g / length * np.sin(th_mid)
    return 0.5 * omega ** 2 - g / length * np.cos(theta)


# Gaussian processes


def rbf(X1, X2, ell, sf):
    d2 = np.sum((X1[:, np.newaxis, :] - X2[np.newaxis, :, :]) ** 2, axis=-1)
    return sf ** 2 * np.exp(-0.5 * d2 / ell ** 2)


def gp_nll_cholesky(log_params, X, y):
    ell, sf, sn = np.exp(log_params)
    K = rbf(X, X, ell, sf) + sn ** 2 * np.eye(len(y))
    L = np.linalg.cholesky(K)
    alpha = linalg.solve_triangular(L, y, lower=True)
    return 0.5 * alpha @ alpha + np.sum(np.log(np.diag(L))) + 0.5 * len(y) * np.log(2 * np.pi)


def gp_nll_slogdet(log_params, X, y):
    ell, sf, sn = np.exp(log_params)
    K = rbf(X, X, ell, sf) + (sn ** 2 + 1e-8) * np.eye(X.shape[0])
    sign, logdet = np.linalg.slogdet(K)
    return 0.5 * (y @ np.linalg.solve(K, y) + logdet)


def gp_predict_mean(Xs, X, y, ell=0.8, sf=1.2, sn=0.1):
    K = rbf(X, X, ell, sf) + sn ** 2 * np.eye(len(X))
    c = linalg.cho_factor(K, lower=True)
    alpha = linalg.cho_solve(c, y)
    return rbf(Xs, X, ell, sf) @ alpha


# physics energies by einsum


def dipole_energy(pos, mom):
    d = pos[:, None, :] - pos[None, :, :]
    r2 = np.einsum("ijk,ijk->ij", d, d) + np.eye(len(pos))
    r = np.sqrt(r2)
    mm = np.einsum("ik,jk->ij", mom, mom)
    md_i = np.einsum("ik,ijk->ij", mom, d)
    md_j = np.einsum("jk,ijk->ij", mom, d)
    e = (mm - 3.0 * md_i * md_j / r2) / r ** 3
    return 0.5 * np.sum(np.triu(e, k=1))


def inertia_eigs(pos, masses):
    r2 = np.einsum("ij,ij->i", pos, pos)
    tensor = (np.einsum("i,i->", masses, r2) * np.eye(3)
              - np.einsum("i,ij,ik->jk", masses, pos, pos))
    return np.trace(tensor @ tensor)


def spring_network(x, edges, k, rest):
    i, j = edges[:, 0], edges[:, 1]
    d = x[i] - x[j]
    length = np.sqrt(np.einsum("ed,ed->e", d, d))
    return 0.5 * np.einsum("e,e->", k, (length - rest) ** 2)


def bilinear_form(u, A, v):
    return np.einsum("i,ij,j", u, A, v) + np.einsum("ii", A) ** 2


# polynomials


def polyval_fit(coeffs, x, y):
    return np.mean((np.polyval(coeffs, x) - y) ** 2)


def vander_lstsq_residual(y, x, deg=2):
    V = np.vander(x, deg + 1)
    coef = np.linalg.solve(V.T @ V, V.T @ y)
    r = y - V @ coef
    return r @ r


def horner_loop(coeffs, x):
    acc = np.zeros_like(x)
    for c in coeffs:
        acc = acc * x + c
    return np.sum(acc ** 2)


def chebyshev_series(c, x):
    t_prev, t_cur = np.ones_like(x), x
    total = c[0] * t_prev + c[1] * t_cur
    for k in range(2, len(c)):
        t_prev, t_cur = t_cur, 2.0 * x * t_cur - t_prev
        total = total + c[k] * t_cur
    return total
