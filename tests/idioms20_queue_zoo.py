"""Queueing, point processes and reliability as operations researchers write them in NumPy
(re-imagined, none copied): M/M/1 and M/M/c (Erlang C by a loop over servers), Erlang B by its
recursion, Little's law over a tandem line, a Jackson network's traffic equations by a solve,
waiting times by Lindley's recursion on fixed arrivals, a Pollaczek-Khinchine mean wait, a
birth-death chain's stationary law by products, a CTMC's transient law by uniformisation, a
Hawkes process log-likelihood with its exponential kernel carried in a loop, an inhomogeneous
Poisson likelihood by the trapezoid rule, a renewal process's Weibull likelihood, a Kingman
approximation, an inventory (s, S) cost by soft ordering, a newsvendor expected cost by
quadrature, a k-out-of-n reliability by a dynamic programme filled in place, a fault tree's
top event, a Markov-modulated arrival stream, a priority queue's waits by a cumulative sum, a
load balancer by softmin.  ``tests/test_idioms20.py`` differentiates
each."""

import math

import numpy as np


def mm1_metrics(lam, mu):
    rho = lam / mu
    if rho >= 1.0:
        raise ValueError(f"unstable queue: rho={rho:.3f}")
    L = rho / (1 - rho)
    W = L / lam
    metrics = {"L": L, "W": W, "Wq": W - 1 / mu}
    return metrics["Wq"] + metrics["L"]


def erlang_c(lam, mu, c=3):
    a = lam / mu
    rho = a / c
    s = 0.0
    term = 1.0
    for k in range(c):
        if k > 0:
            term = term * a / k
        s += term
    top = term * a / c / (1 - rho)
    p_wait = top / (s + top)
    return p_wait / (c * mu - lam)


def erlang_b(a, servers=5):
    b = 1.0
    for n in range(1, servers + 1):
        b = a * b / (n + a * b)
    return b


def tandem_little(rates, lam):
    rho = lam / rates
    L = rho / (1.0 - rho)
    return L.sum() / lam


def jackson_network(external, routing, mu):
    n = len(external)
    lam = np.linalg.solve(np.eye(n) - routing.T, external)
    rho = lam / mu
    return np.sum(rho / (1 - rho))


def lindley_waits(service, interarrival):
    w = 0.0
    waits = []
    for s, a in zip(service[:-1], interarrival[1:], strict=True):
        w = max(0.0, w + s - a)
        waits.append(w)
    return np.mean(waits)


def pollaczek_khinchine(lam, mean_s, var_s):
    rho = lam * mean_s
    es2 = var_s + mean_s ** 2
    return lam * es2 / (2 * (1 - rho))


def birth_death_stationary(birth, death):
    ratios = birth / death
    pi = np.concatenate([[1.0], np.cumprod(ratios)])
    pi /= pi.sum()
    return pi @ np.arange(len(pi))


def ctmc_uniformisation(Q_offdiag, t=0.7, terms=25):
    Q = Q_offdiag - np.diag(Q_offdiag.sum(axis=1))
    q = np.max(-np.diag(Q)) * 1.05
    P = np.eye(len(Q)) + Q / q
    p = np.zeros(len(Q))
    p[0] = 1.0
    term = p.copy()
    out = math.exp(-q * t) * term
    weight = math.exp(-q * t)
    for k in range(1, terms):
        term = term @ P
        weight = weight * q * t / k
        out = out + weight * term
    return out[-1]


def hawkes_loglik(params, times, horizon):
    mu, alpha, beta = params
    ll = 0.0
    a = 0.0
    prev = None
    for t in times:
        if prev is not None:
            a = np.exp(-beta * (t - prev)) * (1.0 + a)
        ll += np.log(mu + alpha * a)
        prev = t
    compensator = mu * horizon + alpha / beta * np.sum(1 - np.exp(-beta * (horizon - times)))
    return ll - compensator


def inhomogeneous_poisson(coef, events, horizon=10.0, n_grid=41):
    def rate(t):
        return np.exp(coef[0] + coef[1] * np.sin(2 * np.pi * t / horizon))

    grid = np.linspace(0.0, horizon, n_grid)
    integral = np.trapezoid(rate(grid), grid) if hasattr(np, "trapezoid") else np.trapz(rate(grid), grid)
    return np.sum(np.log(rate(events))) - integral


def weibull_renewal(params, gaps, censored_last=True):
    k, lam = params
    z = gaps / lam
    logf = np.log(k / lam) + (k - 1) * np.log(z) - z ** k
    if censored_last:
        return np.sum(logf[:-1]) - z[-1] ** k
    return np.sum(logf)


def kingman_wait(lam, mu, ca2, cs2):
    rho = lam / mu
    return (rho / (1 - rho)) * ((ca2 + cs2) / 2) * (1 / mu)


def inventory_soft(params, demand, holding=1.0, backlog=4.0, order_cost=2.0):
    s, S = params
    level = S
    cost = 0.0
    for d in demand:
        level = level - d
        gate = 1.0 / (1.0 + np.exp(-(s - level) * 4.0))
        order = gate * (S - level)
        cost += order_cost * gate
        level = level + order
        cost += holding * np.logaddexp(0.0, level) + backlog * np.logaddexp(0.0, -level)
    return cost


def newsvendor_cost(q, mu=10.0, sigma=3.0, price=5.0, cost=3.0, n=60):
    d = np.linspace(mu - 4 * sigma, mu + 4 * sigma, n)
    pdf = np.exp(-0.5 * ((d - mu) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi))
    sold = d - np.logaddexp(0.0, (d - q) * 3.0) / 3.0
    profit = price * sold - cost * q
    dd = d[1] - d[0]
    return -np.sum(profit * pdf) * dd


def k_out_of_n(p, k=2):
    n = len(p)
    table = np.zeros((n + 1, n + 1))
    table[0, 0] = 1.0
    for i in range(1, n + 1):
        table[i, 0] = table[i - 1, 0] * (1 - p[i - 1])
        for j in range(1, i + 1):
            table[i, j] = table[i - 1, j] * (1 - p[i - 1]) + table[i - 1, j - 1] * p[i - 1]
    return table[n, k:].sum()


def fault_tree(q):
    gate_or = lambda *ps: 1.0 - np.prod([1.0 - x for x in ps])  # noqa: E731
    gate_and = lambda *ps: np.prod(ps)  # noqa: E731
    pump = gate_or(q[0], q[1])
    valve = gate_and(q[2], q[3])
    return gate_or(gate_and(pump, q[4]), valve)


def markov_modulated_rate(log_rates, P, counts):
    rates = np.exp(log_rates)
    belief = np.full(len(rates), 1.0 / len(rates))
    ll = 0.0
    for c in counts:
        like = rates ** c * np.exp(-rates)
        joint = belief * like
        norm = joint.sum()
        ll += np.log(norm)
        belief = (joint / norm) @ P
    return ll


def priority_waits(service, weights):
    order = np.argsort(-weights / service)
    finish = np.cumsum(service[order])
    return np.sum(weights[order] * finish)


def softmin_balancer(loads, capacity, tau=0.5):
    util = loads / capacity
    w = np.exp(-util / tau)
    share = w / w.sum()
    return np.sum(share * util ** 2) + np.var(util)


def mmc_queue_class(lam, mu):
    q = _Station(mu, servers=2)
    return q.mean_response(lam) + q.utilisation(lam) ** 2


class _Station:
    def __init__(self, mu, servers=1):
        self.mu = mu
        self.c = servers

    def utilisation(self, lam):
        return lam / (self.c * self.mu)

    def mean_response(self, lam):
        return erlang_c(lam, self.mu, self.c) + 1.0 / self.mu


def retrial_sweep(lam, mu, theta, sweeps=30, tol=1e-12):
    p_busy = lam / mu
    for _ in range(sweeps):
        orbit = lam * p_busy / theta
        new = (lam + theta * orbit * p_busy) / (mu + lam + theta * orbit * p_busy)
        if abs(new - p_busy) < tol:
            break
        p_busy = new
    return p_busy + orbit
