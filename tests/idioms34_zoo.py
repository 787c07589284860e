"""NumPy written the way people write it (idioms34, part one): Kalman filters in Joseph and
information form and RTS smoothers by ``np.linalg.solve``, a steady-state Riccati ``while``
loop, finite-horizon LQR, Gaussian-process marginal likelihoods (``cho_factor``/``cho_solve``,
``solve_triangular``, a Woodbury-form sparse GP, a periodic kernel, kernel ridge validation),
generalised linear models by ``scipy.special`` (negative binomial, zero-inflated Poisson,
ordinal logits, 2PL item response, Dirichlet-multinomial, von Mises, beta and gamma regression),
mixture-density nets, and variational bounds on draws from a seeded ``np.random.default_rng``."""

from __future__ import annotations

import numpy as np
from scipy import linalg as sla
from scipy import special

# Kalman filters and smoothers


def _cv_model(dt):
    F = np.array([[1.0, dt], [0.0, 1.0]])
    H = np.array([[1.0, 0.0]])
    return F, H


def kalman_joseph(log_q, ys, r=0.3):
    """A constant-velocity filter; the gain by ``solve`` (never ``inv``), the covariance update
    in Joseph form, the log-likelihood from the innovations."""
    F, H = _cv_model(0.5)
    Q = np.exp(log_q) * np.array([[0.25, 0.5], [0.5, 1.0]])
    R = np.array([[r]])
    x, P = np.zeros(2), np.eye(2)
    ll = 0.0
    for y in ys:
        x = F @ x
        P = F @ P @ F.T + Q
        S = H @ P @ H.T + R
        K = np.linalg.solve(S.T, (P @ H.T).T).T
        v = y - H @ x
        x = x + K @ v
        IKH = np.eye(2) - K @ H
        P = IKH @ P @ IKH.T + K @ R @ K.T
        ll -= 0.5 * (np.log(2 * np.pi * S[0, 0]) + v[0] ** 2 / S[0, 0])
    return ll


def information_filter(log_r, ys):
    """The information form: ``Y = P^-1``, ``y = Y x``; the measurement update adds
    ``H^T R^-1 H``; the state recovered by ``solve`` at the end."""
    F, H = _cv_model(1.0)
    Q = 0.1 * np.eye(2)
    Rinv = np.exp(-log_r)
    Y, yv = np.eye(2) * 0.5, np.zeros(2)
    for z in ys:
        x = np.linalg.solve(Y, yv)
        P = F @ np.linalg.inv(Y) @ F.T + Q
        Y = np.linalg.inv(P)
        yv = Y @ (F @ x)
        Y = Y + Rinv * H.T @ H
        yv = yv + Rinv * H[0] * z
    x = np.linalg.solve(Y, yv)
    return x @ x + np.trace(np.linalg.inv(Y))


def rts_smoother(a, ys, q=0.2, r=0.5):
    """A forward filter keeping lists of means and covariances, then the Rauch-Tung-Striebel
    pass backwards over ``reversed(range(...))``; the smoother gain by ``solve``."""
    F = np.array([[a, 0.1], [0.0, a]])
    H = np.array([[1.0, 0.0]])
    m, P = np.zeros(2), np.eye(2)
    ms, Ps, mps, Pps = [], [], [], []
    for y in ys:
        mp, Pp = F @ m, F @ P @ F.T + q * np.eye(2)
        S = H @ Pp @ H.T + r
        K = Pp @ H.T / S
        m = mp + (K * (y - H @ mp)).ravel()
        P = Pp - K @ H @ Pp
        ms.append(m)
        Ps.append(P)
        mps.append(mp)
        Pps.append(Pp)
    ms_s = [ms[-1]]
    for t in reversed(range(len(ys) - 1)):
        G = np.linalg.solve(Pps[t + 1].T, (Ps[t] @ F.T).T).T
        ms_s.insert(0, ms[t] + G @ (ms_s[0] - mps[t + 1]))
    return np.sum(np.array(ms_s)[:, 0] ** 2)


def riccati_steady_state(log_q, tol=1e-11):
    """The steady-state prediction covariance by iterating the Riccati map in a ``while`` loop
    until it stops moving; its trace."""
    F, H = _cv_model(0.3)
    Q = np.exp(log_q) * np.eye(2)
    P = np.eye(2)
    change, it = np.inf, 0
    while change > tol and it < 500:
        S = H @ P @ H.T + 0.5
        P_new = F @ (P - P @ H.T @ np.linalg.solve(S, H @ P)) @ F.T + Q
        change = np.max(np.abs(P_new - P))
        P = P_new
        it += 1
    return np.trace(P)


def lqr_finite_horizon(log_r, x0, N=6):
    """Backward Riccati recursion for the gains (``solve``), then the closed-loop rollout's
    quadratic cost."""
    A = np.array([[1.0, 0.2], [-0.1, 0.95]])
    B = np.array([[0.0], [0.3]])
    Qc, R = np.eye(2), np.exp(log_r) * np.eye(1)
    P, gains = Qc, []
    for _ in range(N):
        K = np.linalg.solve(R + B.T @ P @ B, B.T @ P @ A)
        P = Qc + A.T @ P @ (A - B @ K)
        gains.append(K)
    x, cost = x0, 0.0
    for K in gains[::-1]:
        u = -K @ x
        cost += x @ Qc @ x + u @ R @ u
        x = A @ x + B @ u
    return cost + x @ x


# Gaussian processes


def _sqdist(A, B):
    return np.sum(A ** 2, 1)[:, None] + np.sum(B ** 2, 1)[None, :] - 2.0 * A @ B.T


def gp_cho_dict(params, X, y):
    """A negative log marginal likelihood from a dict of log hyperparameters;
    ``cho_factor``/``cho_solve`` and the log-determinant from the factor's diagonal."""
    ell, sf2, sn2 = (np.exp(params[k]) for k in ("log_ell", "log_sf2", "log_sn2"))
    K = sf2 * np.exp(-0.5 * _sqdist(X, X) / ell ** 2) + (sn2 + 1e-8) * np.eye(len(X))
    c, low = sla.cho_factor(K, lower=True)
    alpha = sla.cho_solve((c, low), y)
    return 0.5 * y @ alpha + np.sum(np.log(np.diag(c))) + 0.5 * len(X) * np.log(2 * np.pi)


def gp_ard_triangular(theta, X, y):
    """ARD lengthscales (one per column) from a flat vector; ``cholesky`` and two
    ``solve_triangular``s."""
    d = X.shape[1]
    Xs = X / np.exp(theta[:d])
    K = np.exp(2 * theta[d]) * np.exp(-0.5 * _sqdist(Xs, Xs)) + np.exp(2 * theta[d + 1]) * np.eye(
        len(X))
    L = np.linalg.cholesky(K)
    w = sla.solve_triangular(L, y, lower=True)
    return 0.5 * w @ w + np.log(np.diag(L)).sum()


def sparse_gp_woodbury(Z, X, y, sn2=0.1):
    """A DTC sparse GP in Woodbury form: ``(sn2 I + Kfu Kuu^-1 Kuf)^-1`` through an ``m x m``
    system; differentiated in the inducing inputs ``Z``."""
    Kuu = np.exp(-0.5 * _sqdist(Z, Z)) + 1e-6 * np.eye(len(Z))
    Kuf = np.exp(-0.5 * _sqdist(Z, X))
    A = sn2 * Kuu + Kuf @ Kuf.T
    b = Kuf @ y
    quad = (y @ y - b @ np.linalg.solve(A, b)) / sn2
    logdet = (np.linalg.slogdet(A)[1] - np.linalg.slogdet(Kuu)[1]
              + (len(X) - len(Z)) * np.log(sn2))
    return 0.5 * (quad + logdet)


def gp_periodic(theta, t, y):
    """An exp-sine-squared kernel on ``np.subtract.outer``; ``slogdet`` and ``solve``."""
    period, ell, sn = np.exp(theta)
    tau = np.subtract.outer(t, t)
    K = np.exp(-2.0 * np.sin(np.pi * tau / period) ** 2 / ell ** 2) + sn ** 2 * np.eye(len(t))
    sign, logdet = np.linalg.slogdet(K)
    return 0.5 * (y @ np.linalg.solve(K, y) + logdet)


def kernel_ridge_validation(log_lam, X, y, Xv, yv):
    """Kernel ridge regression fitted by ``cho_solve``; the validation error as a function of the
    log regularisation (a hyperparameter gradient through the solve)."""
    K = np.exp(-_sqdist(X, X))
    c = sla.cho_factor(K + np.exp(log_lam) * np.eye(len(X)))
    coef = sla.cho_solve(c, y)
    pred = np.exp(-_sqdist(Xv, X)) @ coef
    return np.mean((pred - yv) ** 2)


# Generalised linear models


def negbin_glm(params, X, y):
    """NB2 regression: the last parameter is ``log alpha``; ``gammaln`` terms and a log link."""
    beta, alpha = params[:-1], np.exp(params[-1])
    mu = np.exp(X @ beta)
    r = 1.0 / alpha
    ll = (special.gammaln(y + r) - special.gammaln(r) - special.gammaln(y + 1)
          + r * np.log(r / (r + mu)) + y * np.log(mu / (r + mu)))
    return -ll.sum()


def zero_inflated_poisson(params, X, y):
    """A zero-inflated Poisson: zeros by ``logaddexp`` of the two ways, counts by ``xlogy``;
    the two cases chosen by ``np.where(y == 0, ...)``."""
    beta, logit_pi = params[:-1], params[-1]
    log_mu = X @ beta
    log_pi, log_1mpi = special.log_expit(logit_pi), special.log_expit(-logit_pi)
    zero = np.logaddexp(log_pi, log_1mpi - np.exp(log_mu))
    pos = log_1mpi + special.xlogy(y, np.exp(log_mu)) - np.exp(log_mu) - special.gammaln(y + 1)
    return -np.sum(np.where(y == 0, zero, pos))


def ordinal_logit(params, X, y, n_cut=3):
    """Proportional odds: ordered cutpoints by ``cumsum`` of a first one and ``exp`` gaps,
    class probabilities as differences of ``expit``s padded with 0 and 1."""
    cut = np.cumsum(np.concatenate([params[:1], np.exp(params[1:n_cut])]))
    beta = params[n_cut:]
    eta = X @ beta
    cdf = special.expit(cut[None, :] - eta[:, None])
    cdf = np.hstack([np.zeros((len(y), 1)), cdf, np.ones((len(y), 1))])
    probs = np.diff(cdf, axis=1)
    return -np.sum(np.log(probs[np.arange(len(y)), y]))


def irt_2pl(theta, responses, a, b):
    """A two-parameter item-response model: ``a_j (theta_i - b_j)`` by broadcasting; the
    Bernoulli log-likelihood by ``xlogy`` and ``xlog1py`` with a normal prior on abilities."""
    p = special.expit(a[None, :] * (theta[:, None] - b[None, :]))
    ll = special.xlogy(responses, p) + special.xlog1py(1 - responses, -p)
    return -ll.sum() + 0.5 * theta @ theta


def dirichlet_multinomial(log_alpha, counts):
    """The Dirichlet-multinomial log-likelihood of rows of counts (``gammaln`` throughout)."""
    alpha = np.exp(log_alpha)
    A = alpha.sum()
    n = counts.sum(axis=1)
    ll = (special.gammaln(A) - special.gammaln(n + A)
          + np.sum(special.gammaln(counts + alpha) - special.gammaln(alpha), axis=1))
    return -ll.sum()


def von_mises_nll(params, angles):
    """Von Mises angles: ``log I0(kappa)`` written ``log(i0e(kappa)) + kappa`` for stability."""
    mu, kappa = params[0], np.exp(params[1])
    log_norm = np.log(2 * np.pi) + np.log(special.i0e(kappa)) + kappa
    return np.sum(log_norm - kappa * np.cos(angles - mu))


def beta_regression(params, X, y):
    """Beta regression with a logit mean and a log precision: ``betaln`` normaliser."""
    beta, phi = params[:-1], np.exp(params[-1])
    mu = special.expit(X @ beta)
    a, b = mu * phi, (1 - mu) * phi
    ll = (a - 1) * np.log(y) + (b - 1) * np.log1p(-y) - special.betaln(a, b)
    return -np.mean(ll)


def gamma_glm(params, X, y):
    """Gamma regression with a log link and a shared shape ``k``."""
    k = np.exp(params[0])
    mu = np.exp(X @ params[1:])
    ll = k * np.log(k / mu) + (k - 1) * np.log(y) - k * y / mu - special.gammaln(k)
    return -ll.sum()


# Mixture-density nets and variational bounds


def mdn_nll(W, X, y, K=3):
    """A mixture-density net: one tanh layer, heads split by ``np.split`` into logits, means and
    log-scales; the mixture log-density by ``logsumexp`` of a ``log_softmax``."""
    h = np.tanh(X @ W[:, :4])
    logits, mu, log_s = np.split(h @ W[:4, 4:4 + 3 * K].reshape(4, 3 * K), 3, axis=1)
    log_pi = special.log_softmax(logits, axis=1)
    z = (y[:, None] - mu) / np.exp(log_s)
    comp = log_pi - 0.5 * z ** 2 - log_s - 0.5 * np.log(2 * np.pi)
    return -special.logsumexp(comp, axis=1).mean()


def elbo_bayes_linear(q, X, y, n_samples=4):
    """Mean-field Gaussian ``q(w)``, reparameterised draws ``mu + sigma * eps`` from a seeded
    ``default_rng`` inside the program; the Monte-Carlo expected log-likelihood minus the
    closed-form KL to ``N(0, I)``."""
    d = X.shape[1]
    mu, log_sigma = q[:d], q[d:]
    sigma = np.exp(log_sigma)
    eps = np.random.default_rng(0).standard_normal((n_samples, d))
    W = mu + sigma * eps
    resid = y[None, :] - W @ X.T
    exp_ll = -0.5 * np.mean(np.sum(resid ** 2, axis=1))
    kl = 0.5 * np.sum(sigma ** 2 + mu ** 2 - 1.0 - 2.0 * log_sigma)
    return -(exp_ll - kl)


def iwae_bound(q, x, K=5):
    """An importance-weighted bound: ``log mean exp`` of the log weights over ``K`` draws
    (``logsumexp - log K``) for a latent Gaussian model."""
    mu, log_s = q
    rng = np.random.default_rng(7)
    z = mu + np.exp(log_s) * rng.standard_normal(K)
    log_p = -0.5 * z ** 2 - 0.5 * np.sum((x[None, :] - z[:, None]) ** 2, axis=1)
    log_q = -0.5 * ((z - mu) / np.exp(log_s)) ** 2 - log_s
    return -(special.logsumexp(log_p - log_q) - np.log(K))


def gumbel_softmax_cost(logits, cost, tau=0.5):
    """A relaxed categorical: fixed Gumbel noise from a seeded generator, a tempered softmax,
    the expected cost of the relaxed sample."""
    g = -np.log(-np.log(np.random.default_rng(3).uniform(size=logits.shape)))
    y = special.softmax((logits + g) / tau, axis=-1)
    return np.sum(y * cost)


def take_along_xent(W, X, labels):
    """Softmax regression: the log-probabilities of the labels by ``np.take_along_axis``."""
    logp = special.log_softmax(X @ W, axis=1)
    return -np.take_along_axis(logp, labels[:, None], axis=1).mean()


def label_smoothing_xent(W, X, labels, eps=0.1):
    """Label smoothing: one-hot rows by ``np.eye(K)[labels]`` mixed with the uniform."""
    K = W.shape[1]
    target = (1 - eps) * np.eye(K)[labels] + eps / K
    logits = X @ W
    logp = logits - special.logsumexp(logits, axis=1, keepdims=True)
    return -np.sum(target * logp) / len(X)
