"""Finance and robotics as outside code writes them (re-imagined, none copied): portfolio
variance and Sharpe ratios, Black-Scholes with a polynomial (erf-free) normal CDF, discounting
loops, bond prices and durations, binomial trees, Monte Carlo with fixed draws; forward
kinematics of a planar arm by rotation matrices, its Jacobian, Jacobian-transpose and damped
least-squares steps.  ``tests/test_idioms16_finance.py`` differentiates each in every mode."""

import math

import numpy as np

# --- finance ------------------------------------------------------------------------------------


def portfolio_variance(w, cov):
    w = w / np.sum(w)
    return w @ cov @ w


def sharpe_ratio(w, mu, cov, rf=0.01):
    ret = np.dot(w, mu) - rf
    vol = np.sqrt(w.T @ cov @ w)
    return ret / vol


def softmax_weights_risk(z, returns):
    w = np.exp(z - z.max())
    w /= w.sum()
    port = returns @ w
    return np.std(port, ddof=1) - 2.0 * port.mean()


def _norm_cdf(x):
    # Abramowitz-Stegun 26.2.17, no erf
    k = 1.0 / (1.0 + 0.2316419 * np.abs(x))
    poly = k * (0.319381530 + k * (-0.356563782 + k * (1.781477937 + k * (-1.821255978
                                                                         + k * 1.330274429))))
    pdf = np.exp(-0.5 * x * x) / np.sqrt(2 * np.pi)
    upper = 1.0 - pdf * poly
    return np.where(x >= 0, upper, 1.0 - upper)


def black_scholes_call(S, K, T, r, sigma):
    d1 = (np.log(S / K) + (r + 0.5 * sigma ** 2) * T) / (sigma * np.sqrt(T))
    d2 = d1 - sigma * np.sqrt(T)
    return np.sum(S * _norm_cdf(d1) - K * np.exp(-r * T) * _norm_cdf(d2))


def black_scholes_logistic(S, K, sigma, T=1.0, r=0.02):
    cdf = lambda x: 1.0 / (1.0 + np.exp(-1.702 * x))  # noqa: E731  (a logistic approximation)
    vol = sigma * math.sqrt(T)
    d1 = (np.log(S / K) + (r + vol * vol / 2)) / vol
    return float(np.sum(S * cdf(d1) - K * math.exp(-r * T) * cdf(d1 - vol)))


def discounted_cashflows(rate, flows):
    total = 0.0
    for t, cf in enumerate(flows):
        total += cf / (1.0 + rate) ** (t + 1)
    return total


def npv_vectorised(rate, flows):
    t = np.arange(1, len(flows) + 1)
    return np.sum(flows * np.exp(-rate * t))


def bond_duration(y, coupons):
    times = np.arange(1.0, len(coupons) + 1.0)
    disc = (1 + y) ** -times
    price = np.sum(coupons * disc)
    return np.sum(times * coupons * disc) / price


def yield_curve_forwards(zero_rates):
    t = np.arange(1, len(zero_rates) + 1, dtype=float)
    log_df = -zero_rates * t
    fwd = -np.diff(log_df)
    return np.sum(fwd ** 2) + zero_rates[0] ** 2


def irr_newton(flows, guess=0.1):
    r = guess
    for _ in range(30):
        t = np.arange(len(flows))
        f = np.sum(flows / (1 + r) ** t)
        df = np.sum(-t * flows / (1 + r) ** (t + 1))
        step = f / df
        r = r - step
        if abs(step) < 1e-12:
            break
    return r


def binomial_tree(S0, sigma, K=1.0, n=6, r=0.01):
    dt = 1.0 / n
    u = np.exp(sigma * np.sqrt(dt))
    d = 1.0 / u
    p = (np.exp(r * dt) - d) / (u - d)
    prices = S0 * u ** np.arange(n, -1, -1) * d ** np.arange(0, n + 1)
    values = np.maximum(prices - K, 0.0)
    for _ in range(n):
        values = np.exp(-r * dt) * (p * values[:-1] + (1 - p) * values[1:])
    return values[0]


def monte_carlo_asian(S0, sigma, Z, K=1.0, r=0.0):
    n_paths, n_steps = Z.shape
    dt = 1.0 / n_steps
    paths = S0 * np.exp(np.cumsum((r - 0.5 * sigma ** 2) * dt + sigma * np.sqrt(dt) * Z, axis=1))
    payoff = np.maximum(paths.mean(axis=1) - K, 0.0)
    return np.exp(-r) * payoff.mean()


def ewma_volatility(returns, lam=0.94):
    var = returns[0] ** 2
    for x in returns[1:]:
        var = lam * var + (1 - lam) * x ** 2
    return np.sqrt(var)


def max_drawdown_soft(returns):
    wealth = np.cumprod(1.0 + returns)
    peak = np.maximum.accumulate(wealth)
    return np.max((peak - wealth) / peak)


def mean_variance_utility(w, mu, cov, gamma=3.0):
    return -(mu @ w - 0.5 * gamma * np.einsum("i,ij,j->", w, cov, w))


def risk_parity_loss(w, cov):
    port = cov @ w
    contrib = w * port / np.sqrt(w @ port)
    target = contrib.sum() / len(w)
    return np.sum((contrib - target) ** 2)


def annuity_while(rate, payment, balance=10.0):
    months = 0
    paid = 0.0
    while balance > 0 and months < 40:
        interest = balance * rate
        balance = balance + interest - payment
        paid += payment
        months += 1
    return paid + balance


# --- robotics -----------------------------------------------------------------------------------


def _rot(theta):
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s], [s, c]])


def planar_fk(thetas, lengths):
    R = np.eye(2)
    p = np.zeros(2)
    for th, ell in zip(thetas, lengths, strict=True):
        R = R @ _rot(th)
        p = p + R @ np.array([ell, 0.0])
    return p


def fk_reach_loss(thetas, lengths, target):
    return np.sum((planar_fk(thetas, lengths) - target) ** 2)


def fk_cumsum(thetas, lengths):
    phi = np.cumsum(thetas)
    x = np.sum(lengths * np.cos(phi))
    y = np.sum(lengths * np.sin(phi))
    return x * x + 0.5 * y


def fk_homogeneous(thetas, lengths):
    T = np.eye(3)
    for th, ell in zip(thetas, lengths, strict=True):
        c, s = np.cos(th), np.sin(th)
        step = np.array([[c, -s, ell * c], [s, c, ell * s], [0.0, 0.0, 1.0]])
        T = T @ step
    return T[:2, 2]


def _arm_jacobian(thetas, lengths):
    phi = np.cumsum(thetas)
    xs = lengths * np.cos(phi)
    ys = lengths * np.sin(phi)
    tail_x = np.cumsum(xs[::-1])[::-1]
    tail_y = np.cumsum(ys[::-1])[::-1]
    return np.stack([-tail_y, tail_x])


def jacobian_transpose_step(thetas, lengths, target, alpha=0.1):
    for _ in range(3):
        err = target - planar_fk(thetas, lengths)
        thetas = thetas + alpha * _arm_jacobian(thetas, lengths).T @ err
    return np.sum((planar_fk(thetas, lengths) - target) ** 2)


def damped_least_squares(thetas, lengths, target, lam=0.1):
    J = _arm_jacobian(thetas, lengths)
    err = target - planar_fk(thetas, lengths)
    dq = J.T @ np.linalg.solve(J @ J.T + lam ** 2 * np.eye(2), err)
    return np.sum((thetas + dq) ** 2)


def manipulability(thetas, lengths):
    J = _arm_jacobian(thetas, lengths)
    return np.sqrt(np.linalg.det(J @ J.T))


def joint_limit_penalty(q, lo=-1.0, hi=1.0):
    over = np.clip(q - hi, 0.0, None)
    under = np.clip(lo - q, 0.0, None)
    return np.sum(over ** 2 + under ** 2) + 0.01 * q @ q


def trajectory_smoothness(waypoints, dt=0.1):
    vel = np.diff(waypoints, axis=0) / dt
    acc = np.diff(vel, axis=0) / dt
    return 0.5 * np.sum(acc ** 2) * dt


def unicycle_rollout(controls, x0):
    state = x0.copy()
    for v, w in controls:
        state = state + 0.1 * np.array([v * np.cos(state[2]), v * np.sin(state[2]), w])
    return state[0] ** 2 + state[1] ** 2 + 0.1 * state[2] ** 2


def rotation_angle_loss(theta, points, targets):
    moved = points @ _rot(theta).T
    return np.mean(np.linalg.norm(moved - targets, axis=1) ** 2)


def pd_controller(gains, q0, qd0, target=0.5):
    kp, kd = gains
    q, qd = q0, qd0
    cost = 0.0
    for _ in range(10):
        qdd = kp * (target - q) - kd * qd
        qd = qd + 0.05 * qdd
        q = q + 0.05 * qd
        cost += (q - target) ** 2
    return cost
