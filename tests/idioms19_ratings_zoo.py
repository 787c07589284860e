"""Sports ratings, econometrics and quantitative finance as analysts write them (re-imagined,
none copied): Elo updates over a match list, Bradley-Terry and Plackett-Luce likelihoods,
Thurstone with the normal CDF, a Glicko-like variance update; GARCH(1,1), GJR-GARCH and EGARCH
likelihoods by recursion, ARMA(1,1) by the innovations, a VAR(1) least-squares loss; American
options on a binomial tree with early exercise, Heston and Merton paths on fixed noise, a
Nelson-Siegel curve fit, a CIR bond price, a smooth CVaR, a Kelly log-growth, mean-variance with
a covariance by ``np.cov``, a tracking error.  ``tests/test_idioms19_ratings.py``
differentiates each in every mode."""

import math

import numpy as np


def elo_ratings(ratings, matches, k=20.0, scale=400.0):
    r = ratings.copy()
    for a, b, outcome in matches:
        expected = 1.0 / (1.0 + 10.0 ** ((r[b] - r[a]) / scale))
        r[a] += k * (outcome - expected)
        r[b] -= k * (outcome - expected)
    return np.sum((r - 1500.0) ** 2) / 1e4


def bradley_terry_nll(strength, winners, losers, reg=0.1):
    diff = strength[winners] - strength[losers]
    return np.sum(np.logaddexp(0.0, -diff)) + reg * np.sum(strength ** 2)


def plackett_luce_nll(scores, rankings):
    nll = 0.0
    for ranking in rankings:
        s = scores[ranking]
        for j in range(len(s) - 1):
            rest = s[j:]
            m = rest.max()
            nll -= s[j] - (m + np.log(np.sum(np.exp(rest - m))))
    return nll


def thurstone_probit(mu, pairs, wins, sigma=1.0):
    from scipy.special import ndtr
    i, j = pairs[:, 0], pairs[:, 1]
    p = ndtr((mu[i] - mu[j]) / (math.sqrt(2.0) * sigma))
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return -np.sum(wins * np.log(p) + (1 - wins) * np.log1p(-p))


def glicko_like(rating, rd, opp, opp_rd, scores):
    q = math.log(10) / 400.0
    g = 1.0 / np.sqrt(1.0 + 3.0 * q ** 2 * opp_rd ** 2 / math.pi ** 2)
    E = 1.0 / (1.0 + 10.0 ** (-g * (rating - opp) / 400.0))
    d2 = 1.0 / (q ** 2 * np.sum(g ** 2 * E * (1 - E)))
    new_rd = np.sqrt(1.0 / (1.0 / rd ** 2 + 1.0 / d2))
    new_rating = rating + q * new_rd ** 2 * np.sum(g * (scores - E))
    return new_rating + new_rd


def garch11_nll(params, returns):
    omega, alpha, beta = np.exp(params)
    var = np.var(returns)
    nll = 0.0
    for r in returns:
        nll += 0.5 * (np.log(2 * np.pi * var) + r * r / var)
        var = omega + alpha * r * r + beta * var
    return nll


def gjr_garch_nll(params, returns):
    omega, alpha, gamma, beta = params
    h = np.empty_like(returns)
    h[0] = returns.var()
    for t in range(1, len(returns)):
        neg = 1.0 if returns[t - 1] < 0 else 0.0
        h[t] = omega + (alpha + gamma * neg) * returns[t - 1] ** 2 + beta * h[t - 1]
    return 0.5 * np.sum(np.log(h) + returns ** 2 / h)


def egarch_nll(params, returns):
    omega, alpha, gamma, beta = params
    log_h = math.log(np.var(returns))
    total = 0.0
    for r in returns:
        h = np.exp(log_h)
        z = r / np.sqrt(h)
        total += 0.5 * (log_h + z * z)
        log_h = omega + alpha * (abs(z) - math.sqrt(2 / math.pi)) + gamma * z + beta * log_h
    return total


def arma11_css(params, y):
    c, phi, theta = params
    eps_prev = 0.0
    sse = 0.0
    for t in range(1, len(y)):
        pred = c + phi * y[t - 1] + theta * eps_prev
        eps_prev = y[t] - pred
        sse += eps_prev ** 2
    return sse / (len(y) - 1)


def var1_loss(A, Y):
    pred = Y[:-1] @ A.T
    resid = Y[1:] - pred
    return np.trace(resid.T @ resid) / len(Y)


def american_put_binomial(sigma, S0=100.0, K=100.0, r=0.03, T=1.0, steps=40):
    dt = T / steps
    u = np.exp(sigma * np.sqrt(dt))
    d = 1.0 / u
    p = (np.exp(r * dt) - d) / (u - d)
    disc = np.exp(-r * dt)
    j = np.arange(steps + 1)
    prices = S0 * u ** (steps - j) * d ** j
    values = np.maximum(K - prices, 0.0)
    for _ in range(steps - 1, -1, -1):
        prices = prices[:-1] / u
        cont = disc * (p * values[:-1] + (1 - p) * values[1:])
        values = np.maximum(cont, K - prices)
    return values[0]


def heston_euler_paths(params, z1, z2, S0=1.0, dt=1 / 50):
    kappa, theta, xi, rho = params
    n_paths, n_steps = z1.shape
    S = np.full(n_paths, S0)
    v = np.full(n_paths, theta)
    for t in range(n_steps):
        w = rho * z1[:, t] + np.sqrt(1 - rho ** 2) * z2[:, t]
        vp = np.maximum(v, 0.0)
        S = S * np.exp(-0.5 * vp * dt + np.sqrt(vp * dt) * z1[:, t])
        v = v + kappa * (theta - vp) * dt + xi * np.sqrt(vp * dt) * w
    return np.mean(np.maximum(S - 1.0, 0.0))


def merton_jump_paths(params, z, jumps, sizes, dt=0.02):
    mu, sigma, lam_size = params
    log_s = np.zeros(z.shape[0])
    for t in range(z.shape[1]):
        log_s += (mu - 0.5 * sigma ** 2) * dt + sigma * math.sqrt(dt) * z[:, t]
        log_s += jumps[:, t] * lam_size * sizes[:, t]
    return np.mean(np.exp(log_s))


def nelson_siegel_fit(params, maturities, yields):
    b0, b1, b2, log_tau = params
    tau = np.exp(log_tau)
    x = maturities / tau
    f1 = (1 - np.exp(-x)) / x
    f2 = f1 - np.exp(-x)
    model = b0 + b1 * f1 + b2 * f2
    return np.sum((model - yields) ** 2) * 1e4


def cir_bond_price(params, r0=0.03, T=5.0):
    kappa, theta, sigma = params
    gamma = np.sqrt(kappa ** 2 + 2 * sigma ** 2)
    e = np.exp(gamma * T) - 1.0
    denom = (gamma + kappa) * e + 2 * gamma
    A = (2 * gamma * np.exp((kappa + gamma) * T / 2) / denom) ** (2 * kappa * theta / sigma ** 2)
    B = 2 * e / denom
    return A * np.exp(-B * r0)


def smooth_cvar(weights, scenarios, alpha=0.9, temp=0.05):
    losses = -(scenarios @ weights)
    var = np.quantile(losses, alpha)
    excess = temp * np.logaddexp(0.0, (losses - var) / temp)
    return var + np.mean(excess) / (1 - alpha)


def kelly_growth(fractions, outcomes, probs):
    wealth = 1.0 + outcomes @ fractions
    return -np.sum(probs * np.log(wealth))


def mean_variance_cov(w, returns, risk_aversion=3.0):
    mu = returns.mean(axis=0)
    cov = np.cov(returns, rowvar=False)
    w = w / w.sum()
    return risk_aversion / 2 * w @ cov @ w - mu @ w


def tracking_error(w, asset_returns, bench):
    active = asset_returns @ w - bench
    te = np.std(active, ddof=1) * np.sqrt(252)
    return te + 10 * (np.sum(w) - 1.0) ** 2


def drawdown_penalty(w, returns):
    equity = np.cumprod(1.0 + returns @ w)
    peak = np.maximum.accumulate(equity)
    return np.max((peak - equity) / peak) + np.mean((peak - equity) ** 2)


def bond_ytm_newton(price, coupons, times, y0=0.05, tol=1e-12):
    y = y0
    for _ in range(50):
        disc = np.exp(-y * times)
        f = coupons @ disc - price
        fp = -(coupons * times) @ disc
        y_new = y - f / fp
        if abs(y_new - y) < tol:
            y = y_new
            break
        y = y_new
    return y
