"""NumPy written the way people write it, in domains the earlier zoos take little of (part one):
physics (a spring chain, n-body and Lennard-Jones energies by ``np.triu_indices``, explicit heat
equation steps by slicing, velocity Verlet for a pendulum, a projectile with drag), finance
(portfolio variance and Sharpe ratio of softmax weights, Black-Scholes by ``math.erf`` on floats
and by ``scipy.special.ndtr`` on arrays, a bond's price and duration, CVaR by ``np.sort``, a
geometric Brownian motion priced on fixed draws), robotics (a planar arm by rotation matrices,
homogeneous transforms by ``functools.reduce``, differential drive odometry over ``enumerate``,
pose-graph residuals with angles wrapped by ``arctan2``) and statistics (a Gaussian mixture, a
leave-one-out kernel density, Poisson and Student-t likelihoods by ``gammaln``, an AR(1)
likelihood, a logistic regression by ``np.logaddexp``)."""

from __future__ import annotations

import functools
import math

import numpy as np
from scipy import special

# physics


def spring_chain_energy(x, k, rest=1.0):
    stretch = np.diff(x) - rest
    anchor = 0.5 * k[0] * x[0] ** 2
    return anchor + 0.5 * np.sum(k[1:] * stretch ** 2)


def nbody_potential(pos, masses, G=1.0, soft=1e-2):
    i, j = np.triu_indices(len(masses), k=1)
    d = pos[i] - pos[j]
    r = np.sqrt(np.sum(d * d, axis=1) + soft ** 2)
    return -G * np.sum(masses[i] * masses[j] / r)


def lennard_jones(pos, eps=1.0, sigma=1.0):
    n = pos.shape[0]
    diff = pos[:, None, :] - pos[None, :, :]
    r2 = np.sum(diff ** 2, axis=-1) + np.eye(n)
    sr6 = (sigma ** 2 / r2) ** 3
    pair = 4.0 * eps * (sr6 ** 2 - sr6)
    return 0.5 * np.sum(pair * (1.0 - np.eye(n)))


def heat_steps(u0, alpha, steps=4, dx=0.25, dt=0.01):
    u = u0.copy()
    r = alpha * dt / dx ** 2
    for _ in range(steps):
        lap = u[2:] - 2.0 * u[1:-1] + u[:-2]
        u[1:-1] = u[1:-1] + r * lap
        u[0] = u[-1] = 0.0
    return np.sum(u ** 2) * dx


def pendulum_verlet(theta0, omega0, length, g=9.81, dt=0.05, n=12):
    theta, omega = theta0, omega0
    acc = -g / length * math.sin(theta)
    for _ in range(n):
        theta = theta + omega * dt + 0.5 * acc * dt * dt
        new_acc = -g / length * math.sin(theta)
        omega = omega + 0.5 * (acc + new_acc) * dt
        acc = new_acc
    return 0.5 * length ** 2 * omega ** 2 + g * length * (1.0 - math.cos(theta))


def projectile_range(v0, angle, drag=0.1, dt=0.02):
    pos = np.zeros(2)
    vel = v0 * np.array([np.cos(angle), np.sin(angle)])
    t = 0.0
    while t < 0.6:
        speed = np.linalg.norm(vel)
        accel = -drag * speed * vel + np.array([0.0, -9.81])
        vel = vel + dt * accel
        pos = pos + dt * vel
        t += dt
    return pos[0] - 0.1 * pos[1] ** 2


# finance


def portfolio_sharpe(logits, mu, cov, rf=0.01):
    w = np.exp(logits - logits.max())
    w /= w.sum()
    excess = w @ mu - rf
    variance = w @ cov @ w
    return -excess / np.sqrt(variance)


def _norm_cdf(z):
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def bs_call_math(spot, strike, vol, t=0.5, rate=0.02):
    d1 = (math.log(spot / strike) + (rate + 0.5 * vol * vol) * t) / (vol * math.sqrt(t))
    d2 = d1 - vol * math.sqrt(t)
    return spot * _norm_cdf(d1) - strike * math.exp(-rate * t) * _norm_cdf(d2)


def bs_book_value(spots, strikes, vols, t=0.75, rate=0.03):
    sq = vols * np.sqrt(t)
    d1 = (np.log(spots / strikes) + (rate + 0.5 * vols ** 2) * t) / sq
    d2 = d1 - sq
    calls = spots * special.ndtr(d1) - strikes * np.exp(-rate * t) * special.ndtr(d2)
    puts = calls - spots + strikes * np.exp(-rate * t)
    return np.sum(calls) - 0.5 * np.sum(puts)


def bond_price_duration(y, coupon=0.05, years=5, face=100.0):
    times = np.arange(1, years + 1)
    flows = np.full(years, coupon * face)
    flows[-1] += face
    disc = (1.0 + y) ** -times
    price = np.sum(flows * disc)
    duration = np.sum(times * flows * disc) / price
    return price + 10.0 * duration


def cvar_loss(w, scenarios, alpha=0.4):
    losses = -(scenarios @ w)
    worst = np.sort(losses)[::-1]
    k = max(1, int(alpha * len(worst)))
    return np.mean(worst[:k]) + 0.1 * np.sum(w ** 2)


def gbm_basket_call(sigma, draws, s0=1.0, strike=1.02, t=1.0):
    steps = draws.shape[1]
    dt = t / steps
    log_paths = np.cumsum((-0.5 * sigma ** 2) * dt + sigma * math.sqrt(dt) * draws, axis=1)
    final = s0 * np.exp(log_paths[:, -1])
    return np.mean(np.maximum(final - strike, 0.0))


# robotics


def _rot(theta):
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s], [s, c]])


def planar_arm_rotations(q, lengths, target):
    tip = np.zeros(2)
    frame = np.eye(2)
    for angle, ell in zip(q, lengths, strict=True):
        frame = frame @ _rot(angle)
        tip = tip + frame @ np.array([ell, 0.0])
    return np.sum((tip - target) ** 2)


def _homogeneous(theta, ell):
    c, s = math.cos(theta), math.sin(theta)
    return np.array([[c, -s, ell * c], [s, c, ell * s], [0.0, 0.0, 1.0]])


def chain_by_reduce(q, lengths):
    frames = [_homogeneous(a, ell) for a, ell in zip(q, lengths, strict=True)]
    pose = functools.reduce(lambda a, b: a @ b, frames, np.eye(3))
    return pose[0, 2] ** 2 + pose[1, 2] + math.atan2(pose[1, 0], pose[0, 0])


def diff_drive(controls, wheel_base=0.5, dt=0.1):
    x = y = heading = 0.0
    path = 0.0
    for step, (v_left, v_right) in enumerate(controls):
        v = 0.5 * (v_left + v_right)
        heading += dt * (v_right - v_left) / wheel_base
        x += dt * v * np.cos(heading)
        y += dt * v * np.sin(heading)
        path += (step + 1) * v ** 2
    return (x - 1.0) ** 2 + (y - 0.5) ** 2 + 1e-3 * path


def pose_graph_error(poses, edges, measured):
    total = 0.0
    for (a, b), z in zip(edges, measured, strict=True):
        dx, dy = poses[b, :2] - poses[a, :2]
        c, s = np.cos(poses[a, 2]), np.sin(poses[a, 2])
        local = np.array([c * dx + s * dy, -s * dx + c * dy])
        dtheta = poses[b, 2] - poses[a, 2] - z[2]
        wrapped = np.arctan2(np.sin(dtheta), np.cos(dtheta))
        total = total + np.sum((local - z[:2]) ** 2) + wrapped ** 2
    return total


# statistics


def gmm_nll(means, log_sds, logit_w, data):
    w = np.exp(logit_w) / np.sum(np.exp(logit_w))
    sds = np.exp(log_sds)
    z = (data[:, None] - means[None, :]) / sds
    logp = -0.5 * z ** 2 - np.log(sds) - 0.5 * np.log(2 * np.pi) + np.log(w)
    top = logp.max(axis=1, keepdims=True)
    return -np.sum(top[:, 0] + np.log(np.sum(np.exp(logp - top), axis=1)))


def loo_kde(log_h, data):
    h = np.exp(log_h)
    n = len(data)
    u = (data[:, None] - data[None, :]) / h
    k = np.exp(-0.5 * u ** 2) / math.sqrt(2 * math.pi)
    k = k * (1.0 - np.eye(n))
    dens = k.sum(axis=1) / ((n - 1) * h)
    return -np.mean(np.log(dens))


def poisson_glm(beta, X, counts):
    eta = X @ beta
    return -np.sum(counts * eta - np.exp(eta) - special.gammaln(counts + 1.0))


def student_t_nll(params, data):
    loc, log_scale, log_nu = params
    scale, nu = np.exp(log_scale), np.exp(log_nu)
    z = (data - loc) / scale
    const = special.gammaln((nu + 1) / 2) - special.gammaln(nu / 2) - 0.5 * np.log(nu * np.pi)
    return -np.sum(const - np.log(scale) - (nu + 1) / 2 * np.log1p(z ** 2 / nu))


def ar1_nll(phi, sigma, series):
    resid = series[1:] - phi * series[:-1]
    var0 = sigma ** 2 / (1.0 - phi ** 2)
    head = 0.5 * (np.log(2 * np.pi * var0) + series[0] ** 2 / var0)
    return head + 0.5 * np.sum(np.log(2 * np.pi * sigma ** 2) + resid ** 2 / sigma ** 2)


def logistic_l2(w, X, y, lam=0.1):
    margins = X @ w
    return np.mean(np.logaddexp(0.0, margins) - y * margins) + 0.5 * lam * w @ w
