"""NumPy written the way people write it (idioms33, part one): hidden Markov models in log space
and scaled, Gaussian-mixture log-likelihoods, pairwise energies by broadcasting (Lennard-Jones,
Coulomb, springs), PDE stencils by slices and ``np.roll`` (heat, wave, Burgers, Jacobi),
assembly by ``np.add.at`` and ``np.bincount`` (finite elements, weighted histograms), option
pricing by ``math.erf`` and ``scipy.special``, robust losses (Huber, pinball, log-cosh), ranking
and contrastive losses, and ``np.interp`` splines."""

from __future__ import annotations

import math

import numpy as np
from scipy import special
from scipy.special import logsumexp

# Hidden Markov models


def hmm_forward_log(log_emit, log_A, log_pi):
    """The forward algorithm in log space: ``alpha_t = logsumexp(alpha_{t-1} + log A) + e_t``."""
    alpha = log_pi + log_emit[0]
    for t in range(1, log_emit.shape[0]):
        alpha = logsumexp(alpha[:, None] + log_A, axis=0) + log_emit[t]
    return logsumexp(alpha)


def hmm_forward_scaled(emit, A, pi):
    """The scaled forward recursion: the log-likelihood is the sum of the log normalizers."""
    alpha = pi * emit[0]
    c = alpha.sum()
    alpha = alpha / c
    loglik = np.log(c)
    for t in range(1, len(emit)):
        alpha = (alpha @ A) * emit[t]
        c = alpha.sum()
        alpha /= c
        loglik += np.log(c)
    return loglik


def hmm_gaussian_emissions(means, obs, log_A):
    """A Gaussian-emission HMM: the emission log-densities built by broadcasting, then forward."""
    K = means.shape[0]
    log_e = -0.5 * (obs[:, None] - means[None, :]) ** 2 - 0.5 * np.log(2 * np.pi)
    alpha = log_e[0] - np.log(K)
    for row in log_e[1:]:
        m = np.max(alpha)
        alpha = m + np.log(np.exp(alpha - m) @ np.exp(log_A)) + row
    return -logsumexp(alpha)


def hmm_logits_transitions(logits, log_emit):
    """Transitions from unconstrained logits by a row-wise log-softmax."""
    log_A = logits - logsumexp(logits, axis=1, keepdims=True)
    alpha = log_emit[0] - np.log(len(logits))
    for e in log_emit[1:]:
        alpha = e + logsumexp(alpha[:, np.newaxis] + log_A, axis=0)
    return float(logsumexp(alpha))


# Gaussian mixtures


def gmm_loglik(means, X, log_w):
    """Isotropic mixture: ``(N, 1, D) - (1, K, D)`` by broadcasting, logsumexp over components."""
    d2 = np.sum((X[:, None, :] - means[None, :, :]) ** 2, axis=-1)
    D = X.shape[1]
    log_norm = -0.5 * D * np.log(2 * np.pi)
    log_w = log_w - logsumexp(log_w)
    return np.sum(logsumexp(log_w + log_norm - 0.5 * d2, axis=1))


def gmm_diag_einsum(log_sig, means, X):
    """Diagonal covariances; the Mahalanobis terms by ``einsum``."""
    inv_var = np.exp(-2.0 * log_sig)
    diff = X[:, None, :] - means
    maha = np.einsum("nkd,kd->nk", diff ** 2, inv_var)
    log_det = 2.0 * log_sig.sum(axis=1)
    comp = -0.5 * (maha + log_det + X.shape[1] * np.log(2 * np.pi))
    return -logsumexp(comp - np.log(len(means)), axis=1).mean()


def gmm_responsibility_em(means, X):
    """One EM step of the means (responsibilities by a stable softmax), then the loss at it."""
    d2 = ((X[:, None] - means) ** 2).sum(-1)
    logits = -0.5 * d2
    logits -= logits.max(axis=1, keepdims=True)
    r = np.exp(logits)
    r /= r.sum(axis=1, keepdims=True)
    new_means = (r.T @ X) / r.sum(axis=0)[:, None]
    return np.sum((new_means - means) ** 2) + np.sum(r * d2)


# Pairwise energies


def lennard_jones(pos, eps=1.0, sigma=1.0):
    diff = pos[:, None, :] - pos[None, :, :]
    r2 = np.sum(diff ** 2, axis=-1)
    i, j = np.triu_indices(len(pos), k=1)
    s6 = (sigma ** 2 / r2[i, j]) ** 3
    return np.sum(4 * eps * (s6 ** 2 - s6))


def coulomb_energy(pos, q):
    n = len(pos)
    r = np.sqrt(((pos[:, None] - pos[None]) ** 2).sum(-1) + np.eye(n))
    qq = np.outer(q, q)
    mask = 1.0 - np.eye(n)
    return 0.5 * np.sum(mask * qq / r)


def spring_network(x, edges, rest):
    """Springs along an edge list: ``x[edges[:, 0]] - x[edges[:, 1]]``."""
    d = x[edges[:, 0]] - x[edges[:, 1]]
    length = np.linalg.norm(d, axis=1)
    return 0.5 * np.sum((length - rest) ** 2)


def gravity_nbody_step(pos, vel, masses, dt=0.01, steps=5):
    """Softened N-body gravity by a leapfrog; the final kinetic energy."""
    for _ in range(steps):
        diff = pos[None, :, :] - pos[:, None, :]
        inv_r3 = (np.sum(diff ** 2, axis=2) + 0.1) ** -1.5
        acc = np.einsum("ij,ijk,j->ik", inv_r3, diff, masses)
        vel = vel + dt * acc
        pos = pos + dt * vel
    return 0.5 * np.sum(masses[:, None] * vel ** 2) + np.sum(pos[:, 0])


# PDE stencils


def heat_roll_periodic(u0, alpha, steps=10):
    u = u0.copy()
    dt, dx = 0.1, 1.0
    for _ in range(steps):
        lap = np.roll(u, 1) + np.roll(u, -1) - 2 * u
        u = u + alpha * dt / dx ** 2 * lap
    return np.sum(u ** 2)


def heat_dirichlet_slices(u0, steps=8, r=0.3):
    """Fixed ends, the interior updated in place on a copy: ``u[1:-1] += r * (...)``."""
    u = np.array(u0, dtype=float)
    for _ in range(steps):
        u[1:-1] += r * (u[2:] - 2 * u[1:-1] + u[:-2])
    return u @ np.linspace(0.0, 1.0, len(u))


def wave_leapfrog(u0, c, steps=12):
    dt, dx = 0.05, 0.1
    k = (c * dt / dx) ** 2
    u_prev = u0.copy()
    u = u0.copy()
    for _ in range(steps):
        u_next = np.zeros_like(u)
        u_next[1:-1] = 2 * u[1:-1] - u_prev[1:-1] + k * (u[2:] - 2 * u[1:-1] + u[:-2])
        u_prev, u = u, u_next
    return np.sum(u ** 2)


def burgers_upwind(u0, nu=0.05, steps=6):
    u = u0
    dt, dx = 0.02, 0.1
    for _ in range(steps):
        back = (u - np.roll(u, 1)) / dx
        fwd = (np.roll(u, -1) - u) / dx
        adv = np.where(u > 0, u * back, u * fwd)
        diff = nu * (np.roll(u, -1) - 2 * u + np.roll(u, 1)) / dx ** 2
        u = u - dt * adv + dt * diff
    return np.mean(u ** 3)


def poisson_jacobi_2d(f, iters=6):
    """Jacobi sweeps on a grid with zero boundary; the interior by four shifted slices."""
    u = np.zeros_like(f)
    h2 = 0.25 ** 2
    for _ in range(iters):
        new = u.copy()
        new[1:-1, 1:-1] = 0.25 * (u[:-2, 1:-1] + u[2:, 1:-1] + u[1:-1, :-2] + u[1:-1, 2:]
                                  + h2 * f[1:-1, 1:-1])
        u = new
    return np.sum(u * f)


def heat_2d_roll_axes(u0, kappa, steps=4):
    u = u0
    for _ in range(steps):
        lap = (np.roll(u, 1, axis=0) + np.roll(u, -1, axis=0) + np.roll(u, 1, axis=1)
               + np.roll(u, -1, axis=1) - 4 * u)
        u = u + 0.1 * kappa * lap
    return np.linalg.norm(u)


# Assembly by add.at and bincount


def fem_1d_poisson(log_k, f):
    """Linear elements on [0, 1]: element stiffness scattered by ``np.add.at``, Dirichlet ends
    dropped, then ``solve``; the compliance ``f . u``."""
    n_el = len(log_k)
    h = 1.0 / n_el
    k = np.exp(log_k)
    K = np.zeros((n_el + 1, n_el + 1))
    local = np.array([[1.0, -1.0], [-1.0, 1.0]]) / h
    for e in range(n_el):
        idx = np.array([e, e + 1])
        np.add.at(K, (idx[:, None], idx[None, :]), k[e] * local)
    Ki = K[1:-1, 1:-1]
    u = np.linalg.solve(Ki, f)
    return f @ u


def fem_load_add_at(nodal, elements):
    """A load vector assembled from element midpoints by ``np.add.at`` over an index array."""
    mid = 0.5 * (nodal[elements[:, 0]] + nodal[elements[:, 1]])
    load = np.zeros(len(nodal))
    np.add.at(load, elements[:, 0], 0.5 * np.sin(mid))
    np.add.at(load, elements[:, 1], 0.5 * np.sin(mid))
    return np.sum(load ** 2)


def weighted_histogram(w, bins):
    """A histogram of weights by ``np.bincount``, compared with a target shape."""
    h = np.bincount(bins, weights=np.exp(w), minlength=4)
    p = h / h.sum()
    target = np.array([0.1, 0.2, 0.3, 0.4])
    return np.sum(p * np.log(p / target))


def segment_means(values, seg):
    """Per-segment means: sums by ``bincount`` over counts."""
    sums = np.bincount(seg, weights=values)
    counts = np.bincount(seg)
    means = sums / counts
    return np.sum((values - means[seg]) ** 2)


# Option pricing


def _norm_cdf(x):
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def black_scholes_loop(sigma, strikes, S=100.0, r=0.01, T=0.5):
    """Scalar ``math`` Black-Scholes over a list of strikes."""
    total = 0.0
    for K in strikes:
        d1 = (math.log(S / K) + (r + 0.5 * sigma ** 2) * T) / (sigma * math.sqrt(T))
        d2 = d1 - sigma * math.sqrt(T)
        total += S * _norm_cdf(d1) - K * math.exp(-r * T) * _norm_cdf(d2)
    return total


def black_scholes_special(params, K, T):
    """Vectorized, by ``scipy.special.erf``; ``params`` the spot and the log-volatility."""
    S, sigma = params[0], np.exp(params[1])
    d1 = (np.log(S / K) + 0.5 * sigma ** 2 * T) / (sigma * np.sqrt(T))
    d2 = d1 - sigma * np.sqrt(T)
    N = lambda z: 0.5 * (1.0 + special.erf(z / np.sqrt(2.0)))  # noqa: E731
    call = S * N(d1) - K * N(d2)
    put = call - S + K
    return np.sum(call) + 0.5 * np.sum(put)


def implied_vol_newton(price, S=1.0, K=1.1, T=1.0):
    """Implied volatility by Newton iterations with the vega from ``special.ndtr``' density."""
    sigma = 0.3
    for _ in range(6):
        d1 = (np.log(S / K) + 0.5 * sigma ** 2 * T) / (sigma * np.sqrt(T))
        d2 = d1 - sigma * np.sqrt(T)
        model = S * special.ndtr(d1) - K * special.ndtr(d2)
        vega = S * np.exp(-0.5 * d1 ** 2) / np.sqrt(2 * np.pi) * np.sqrt(T)
        sigma = sigma - (model - price) / vega
    return sigma


# Robust losses


def huber_loss(w, X, y, delta=0.5):
    r = X @ w - y
    small = np.abs(r) <= delta
    return np.mean(np.where(small, 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta)))


def pinball_loss(pred, y, quantiles):
    """Quantile regression over several quantiles at once: ``(N, 1)`` against ``(Q,)``."""
    r = y[:, None] - pred
    return np.mean(np.maximum(quantiles * r, (quantiles - 1) * r))


def log_cosh_loss(w, X, y):
    r = X @ w - y
    return np.sum(np.logaddexp(r, -r) - np.log(2.0))


def smooth_l1_masked(pred, target, valid):
    diff = np.abs(pred - target)
    loss = np.where(diff < 1.0, 0.5 * diff ** 2, diff - 0.5)
    return (loss * valid).sum() / max(valid.sum(), 1)


# Ranking and contrastive losses


def pairwise_hinge_rank(scores, rel):
    diff = scores[:, None] - scores[None, :]
    better = rel[:, None] > rel[None, :]
    return np.sum(np.maximum(0.0, 1.0 - diff)[better]) / better.sum()


def ranknet_logistic(scores, rel):
    s = scores[:, None] - scores[None, :]
    P = (rel[:, None] > rel[None, :]).astype(float)
    return np.sum(P * np.logaddexp(0.0, -s))


def info_nce(z1, z2, tau=0.5):
    a = z1 / np.linalg.norm(z1, axis=1, keepdims=True)
    b = z2 / np.linalg.norm(z2, axis=1, keepdims=True)
    logits = a @ b.T / tau
    log_p = logits - logsumexp(logits, axis=1, keepdims=True)
    return -np.mean(np.diag(log_p))


def triplet_margin(anchor, pos, neg, margin=1.0):
    d_ap = np.sqrt(np.sum((anchor - pos) ** 2, axis=1) + 1e-9)
    d_an = np.sqrt(np.sum((anchor - neg) ** 2, axis=1) + 1e-9)
    return np.mean(np.clip(d_ap - d_an + margin, 0.0, None))


def listnet_softmax(scores, rel):
    p_true = np.exp(rel) / np.exp(rel).sum()
    log_p = scores - np.log(np.sum(np.exp(scores)))
    return -np.dot(p_true, log_p)


# Interpolation


def interp_values_fit(values, knots, xq, yq):
    """A piecewise-linear model by ``np.interp``: the values at the knots are the parameters."""
    return np.sum((np.interp(xq, knots, values) - yq) ** 2)


def interp_query_position(xq, knots, values):
    """``np.interp`` with respect to the query points (the slope of the segment)."""
    return np.sum(np.interp(xq, knots, values) ** 2)


def interp_yield_curve(rates, tenors, cash_times, cash):
    """A bond priced off a zero curve linearly interpolated at its cash-flow times."""
    r = np.interp(cash_times, tenors, rates)
    return np.sum(cash * np.exp(-r * cash_times))
