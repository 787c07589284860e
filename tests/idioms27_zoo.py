"""NumPy written the way people write it, in forms the earlier zoos do not take (part one):
science and engineering scripts: Euler-angle rotations composed by ``functools.reduce``, a
Denavit-Hartenberg chain over a tuple of ``NamedTuple`` links, a planar arm's joint angles by
``itertools.accumulate`` and its manipulability from ``np.cross`` columns, unicycle odometry over
``for v, w in controls``; Black-Scholes greeks returned in a dict (``scipy.special.ndtr``), an
implied volatility by Newton with a ``break``, risk parity through ``np.cov(rowvar=False)``, an
Asian option on fixed draws; Lotka-Volterra by RK4 into ``out = np.empty(...)``, competition by
``n += dt * r * n * (1 - A @ n)``, a Leslie matrix filled by index arrays and its growth rate by
power iteration; orbital elements to a position (Kepler by Newton, ``arctan2``, three
rotations), state vectors to elements (``np.cross``, ``arccos``); a multiple-dose oral PK model
(``np.where`` per dose from a tuple of pairs), a two-compartment model by ``scipy.linalg.expm``,
an Emax/Hill fit, a trapezoid AUC; Cox-de Boor B-splines by recursion, de Casteljau by augmented
slice assignment, a natural cubic spline's bending energy; a Harris corner response by slicing
sums, an unsharp mask through ``np.pad(mode="reflect")``; a Laplacian's heat kernel by
``expm`` and label propagation by ``solve``."""

from __future__ import annotations

import functools
import itertools
import math
from typing import NamedTuple

import numpy as np
from scipy.linalg import expm
from scipy.special import ndtr

# --- robotics ---


def rot_x(a):
    c, s = np.cos(a), np.sin(a)
    return np.array([[1.0, 0.0, 0.0], [0.0, c, -s], [0.0, s, c]])


def rot_y(a):
    c, s = np.cos(a), np.sin(a)
    return np.array([[c, 0.0, s], [0.0, 1.0, 0.0], [-s, 0.0, c]])


def rot_z(a):
    c, s = np.cos(a), np.sin(a)
    return np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])


def euler_pointing(angles, v):
    yaw, pitch, roll = angles
    R = functools.reduce(np.matmul, [rot_z(yaw), rot_y(pitch), rot_x(roll)])
    d = R @ v
    return np.sum((d - np.array([1.0, 0.0, 0.0])) ** 2) + 0.1 * np.trace(R)


class DH(NamedTuple):
    a: float
    alpha: float
    d: float


LINKS = (DH(0.0, math.pi / 2, 0.3), DH(0.5, 0.0, 0.0), DH(0.4, 0.0, 0.0))


def dh_matrix(theta, link):
    ct, st = np.cos(theta), np.sin(theta)
    ca, sa = math.cos(link.alpha), math.sin(link.alpha)
    return np.array([[ct, -st * ca, st * sa, link.a * ct],
                     [st, ct * ca, -ct * sa, link.a * st],
                     [0.0, sa, ca, link.d],
                     [0.0, 0.0, 0.0, 1.0]])


def dh_tip_error(q, goal):
    T = np.eye(4)
    for theta, link in zip(q, LINKS, strict=True):
        T = T @ dh_matrix(theta, link)
    tip = T[:3, 3]
    return 0.5 * np.sum((tip - goal) ** 2)


def planar_arm_tip(q, lengths):
    phis = np.array(list(itertools.accumulate(q)))
    x = np.sum(lengths * np.cos(phis))
    y = np.sum(lengths * np.sin(phis))
    return np.array([x, y])


def arm_manipulability(q, lengths):
    phis = np.cumsum(q)
    joints = np.zeros((len(q) + 1, 3))
    joints[1:, 0] = np.cumsum(lengths * np.cos(phis))
    joints[1:, 1] = np.cumsum(lengths * np.sin(phis))
    z = np.array([0.0, 0.0, 1.0])
    J = np.stack([np.cross(z, joints[-1] - p) for p in joints[:-1]], axis=1)[:2]
    return np.sqrt(np.linalg.det(J @ J.T))


def unicycle_odometry(controls, dt=0.1):
    x = y = th = 0.0
    for v, w in controls:
        x += v * np.cos(th) * dt
        y += v * np.sin(th) * dt
        th += w * dt
    return (x - 0.3) ** 2 + (y - 0.1) ** 2 + 0.5 * th ** 2


# --- finance ---


def bs_greeks(S, K, T, r, sigma):
    sqrt_t = np.sqrt(T)
    d1 = (np.log(S / K) + (r + 0.5 * sigma ** 2) * T) / (sigma * sqrt_t)
    d2 = d1 - sigma * sqrt_t
    pdf = np.exp(-0.5 * d1 ** 2) / math.sqrt(2 * math.pi)
    return {"price": S * ndtr(d1) - K * np.exp(-r * T) * ndtr(d2),
            "delta": ndtr(d1), "gamma": pdf / (S * sigma * sqrt_t), "vega": S * pdf * sqrt_t}


def hedged_book(spots, sigma, strike=1.0):
    g = bs_greeks(spots, strike, 0.75, 0.02, sigma)
    return np.sum(g["price"] - g["delta"] * spots) + 0.5 * g["gamma"].sum() + 0.01 * g["vega"].sum()


def implied_vol(price, S=1.0, K=1.05, T=0.5, r=0.01):
    sigma = 0.3
    for _ in range(30):
        g = bs_greeks(S, K, T, r, sigma)
        step = (g["price"] - price) / g["vega"]
        sigma = sigma - step
        if abs(step) < 1e-13:
            break
    return sigma


def risk_parity_loss(logits, returns):
    w = np.exp(logits) / np.exp(logits).sum()
    cov = np.cov(returns, rowvar=False)
    port_var = w @ cov @ w
    contrib = w * (cov @ w) / port_var
    return np.sum((contrib - 1.0 / len(w)) ** 2)


def asian_call_mc(sigma, s0=1.0, strike=0.9, r=0.01, steps=4, paths=6):
    rng = np.random.default_rng(0)
    z = rng.standard_normal((paths, steps))
    dt = 1.0 / steps
    increments = (r - 0.5 * sigma ** 2) * dt + sigma * np.sqrt(dt) * z
    S = s0 * np.exp(np.cumsum(increments, axis=1))
    payoff = np.maximum(S.mean(axis=1) - strike, 0.0)
    return np.exp(-r) * payoff.mean()


# --- ecology ---

LV_OBS = np.array([[1.0, 0.5], [1.08, 0.52], [1.14, 0.55], [1.18, 0.6], [1.2, 0.66]])


def lotka_volterra_fit(params, y0, dt=0.05, steps=40):
    a, b, c, d = params

    def rhs(y):
        prey, pred = y
        return np.array([a * prey - b * prey * pred, c * prey * pred - d * pred])

    out = np.empty((steps + 1, 2))
    out[0] = y0
    y = y0
    for i in range(steps):
        k1 = rhs(y)
        k2 = rhs(y + 0.5 * dt * k1)
        k3 = rhs(y + 0.5 * dt * k2)
        k4 = rhs(y + dt * k3)
        y = y + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        out[i + 1] = y
    return np.mean((np.log(out[::10]) - np.log(LV_OBS)) ** 2)


def competitive_lv(r, A, n0, dt=0.1, steps=30):
    n = n0.copy()
    for _ in range(steps):
        n += dt * r * n * (1.0 - A @ n)
    return -np.sum(np.log(n))


def leslie_growth(fecundity, survival):
    k = len(fecundity)
    L = np.zeros((k, k))
    L[0, :] = fecundity
    L[np.arange(1, k), np.arange(k - 1)] = survival
    v = np.ones(k) / k
    for _ in range(40):
        v = L @ v
        v /= v.sum()
    lam = (L @ v).sum() / v.sum()
    return np.log(lam)


# --- astronomy ---


def elements_to_position(elements):
    a, e, inc, raan, argp, M = elements
    E = M
    for _ in range(12):
        E = E - (E - e * np.sin(E) - M) / (1 - e * np.cos(E))
    nu = 2 * np.arctan2(np.sqrt(1 + e) * np.sin(E / 2), np.sqrt(1 - e) * np.cos(E / 2))
    r = a * (1 - e * np.cos(E))
    p_orb = r * np.array([np.cos(nu), np.sin(nu), 0.0])
    return rot_z(raan) @ rot_x(inc) @ rot_z(argp) @ p_orb


def state_to_elements(r, v, mu=1.0):
    h = np.cross(r, v)
    r_norm = np.linalg.norm(r)
    energy = 0.5 * v @ v - mu / r_norm
    a = -mu / (2 * energy)
    e_vec = np.cross(v, h) / mu - r / r_norm
    inc = np.arccos(h[2] / np.linalg.norm(h))
    return np.array([a, np.linalg.norm(e_vec), inc])


# --- pharmacokinetics ---

DOSES = ((0.0, 100.0), (12.0, 100.0), (24.0, 50.0))


def oral_doses(log_params, t):
    ka, ke, V = np.exp(log_params)
    conc = np.zeros_like(t)
    for t_dose, amount in DOSES:
        on = t >= t_dose
        dt = np.where(on, t - t_dose, 0.0)
        conc += np.where(on, amount * ka / (V * (ka - ke)) * (np.exp(-ke * dt) - np.exp(-ka * dt)),
                         0.0)
    return conc


def pk_nll(log_params, t, y, sigma=0.5):
    pred = oral_doses(log_params, t)
    resid = np.log(y) - np.log(pred + 1e-3)
    return 0.5 * np.sum(resid ** 2) / sigma ** 2


def two_compartment(k, times):
    k10, k12, k21 = k
    K = np.array([[-(k10 + k12), k21], [k12, -k21]])
    x0 = np.array([1.0, 0.0])
    amounts = np.stack([expm(K * t) @ x0 for t in times])
    return amounts[:, 0]


def emax_hill(theta, conc, effect):
    e0, emax, ec50, hill = theta
    pred = e0 + emax * conc ** hill / (ec50 ** hill + conc ** hill)
    return np.mean((pred - effect) ** 2)


def auc_and_peak(log_params, t):
    c = oral_doses(log_params, t)
    auc = 0.5 * np.sum((c[1:] + c[:-1]) * np.diff(t))
    peak = np.log(np.sum(np.exp(4.0 * c))) / 4.0
    return auc + peak


# --- splines ---

KNOTS = np.array([0.0, 0.0, 0.0, 0.0, 0.35, 0.7, 1.0, 1.0, 1.0, 1.0])


def bspline_basis(i, k, t, knots=KNOTS):
    if k == 0:
        return np.where((knots[i] <= t) & (t < knots[i + 1]), 1.0, 0.0)
    left = right = 0.0
    if knots[i + k] > knots[i]:
        left = (t - knots[i]) / (knots[i + k] - knots[i]) * bspline_basis(i, k - 1, t)
    if knots[i + k + 1] > knots[i + 1]:
        right = ((knots[i + k + 1] - t) / (knots[i + k + 1] - knots[i + 1])
                 * bspline_basis(i + 1, k - 1, t))
    return left + right


def bspline_fit(coefs, t):
    y = sum(c * bspline_basis(i, 3, t) for i, c in enumerate(coefs))
    return np.sum((y - np.sin(2 * np.pi * t)) ** 2)


def de_casteljau(ctrl, t):
    P = ctrl.copy()
    n = len(P)
    for r in range(1, n):
        P[: n - r] = (1 - t) * P[: n - r] + t * P[1: n - r + 1]
    return P[0]


def natural_spline_energy(y, h=1.0):
    n = len(y)
    idx = np.arange(n - 2)
    A = np.zeros((n - 2, n - 2))
    A[idx, idx] = 4.0 * h
    A[idx[:-1], idx[1:]] = h
    A[idx[1:], idx[:-1]] = h
    rhs = 6.0 / h * (y[2:] - 2 * y[1:-1] + y[:-2])
    M = np.zeros(n)
    M[1:-1] = np.linalg.solve(A, rhs)
    return h * np.sum(M[:-1] ** 2 + M[:-1] * M[1:] + M[1:] ** 2) / 3


# --- images ---


def box3(a):
    H, W = a.shape[0] - 2, a.shape[1] - 2
    out = np.zeros((H, W))
    for di in range(3):
        for dj in range(3):
            out += a[di:di + H, dj:dj + W]
    return out / 9.0


def harris_response(img, k=0.05):
    Ix = 0.5 * (img[1:-1, 2:] - img[1:-1, :-2])
    Iy = 0.5 * (img[2:, 1:-1] - img[:-2, 1:-1])
    Sxx, Syy, Sxy = box3(Ix * Ix), box3(Iy * Iy), box3(Ix * Iy)
    R = Sxx * Syy - Sxy ** 2 - k * (Sxx + Syy) ** 2
    return R.sum()


def unsharp_mask(img, amount=0.7):
    padded = np.pad(img, 1, mode="reflect")
    blurred = box3(padded)
    sharp = img + amount * (img - blurred)
    return np.sum(np.tanh(sharp) ** 2)


# --- graphs ---

GRAPH_EDGES = [(0, 1), (1, 2), (2, 3), (3, 0), (0, 2)]


def graph_laplacian(w, n=4):
    i, j = np.array(GRAPH_EDGES).T
    L = np.zeros((n, n))
    np.add.at(L, (i, j), -w)
    np.add.at(L, (j, i), -w)
    np.add.at(L, (i, i), w)
    np.add.at(L, (j, j), w)
    return L


def heat_kernel_smoothing(w, signal, t=0.5):
    smoothed = expm(-t * graph_laplacian(w)) @ signal
    return np.sum(smoothed[:2] ** 2) - smoothed[3]


def label_propagation(w, labels, alpha=0.5):
    L = graph_laplacian(w)
    deg = np.diag(L)
    d_inv_sqrt = 1.0 / np.sqrt(deg)
    S = np.eye(4) - d_inv_sqrt[:, None] * L * d_inv_sqrt[None, :]
    F = np.linalg.solve(np.eye(4) - alpha * S, labels)
    return -np.sum(np.log(np.exp(F) / np.exp(F).sum(axis=1, keepdims=True))[[1, 3], [0, 1]])
