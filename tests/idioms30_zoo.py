"""NumPy written the way other projects write it (idioms30, part one): state-space models
(a Kalman filter's log-likelihood loop in the statsmodels style, an RTS smoother, an
information filter, missing observations skipped), a transformer's attention layer
(heads split by ``reshape``/``transpose``, ``np.einsum('bhqd,bhkd->bhqk')``, causal and
padding masks, layer norm, a pre-norm block), mixture models (EM responsibilities with a
naive ``np.log(np.sum(np.exp(...)))``, one EM step then the log-likelihood, Poisson and
Student-t mixtures) and HMC/Langevin log-densities (``scipy.stats`` priors, leapfrog
steps, a Metropolis-adjusted Langevin proposal density)."""

from __future__ import annotations

import numpy as np
from scipy import special, stats

# state-space models


def local_linear_trend_loglik(log_vars, y):
    """Local linear trend model: level + slope, one observation per step."""
    s_obs, s_level, s_slope = np.exp(log_vars)
    F = np.array([[1.0, 1.0], [0.0, 1.0]])
    H = np.array([[1.0, 0.0]])
    Q = np.diag([s_level, s_slope])
    R = np.array([[s_obs]])
    x = np.array([y[0], 0.0])
    P = np.eye(2) * 10.0
    loglik = 0.0
    for t in range(1, len(y)):
        x = F @ x
        P = F @ P @ F.T + Q
        v = y[t] - H @ x
        S = H @ P @ H.T + R
        K = P @ H.T @ np.linalg.inv(S)
        x = x + K @ v
        P = (np.eye(2) - K @ H) @ P
        loglik += -0.5 * (np.log(2 * np.pi) + np.log(np.linalg.det(S)) + v @ np.linalg.solve(S, v))
    return loglik


def ar1_kalman_scalar(params, y):
    phi, log_q, log_r = params
    q, r = np.exp(log_q), np.exp(log_r)
    m, p = 0.0, q / (1.0 - phi ** 2)
    ll = 0.0
    for obs in y:
        s = p + r
        ll -= 0.5 * (np.log(2.0 * np.pi * s) + (obs - m) ** 2 / s)
        gain = p / s
        m = m + gain * (obs - m)
        p = (1.0 - gain) * p
        m, p = phi * m, phi * phi * p + q
    return ll


def rts_smoother_energy(log_q, y, r=0.5):
    q = np.exp(log_q)
    n = len(y)
    means, covs, pred_m, pred_p = [], [], [], []
    m, p = 0.0, 1.0
    for t in range(n):
        pred_m.append(m)
        pred_p.append(p)
        k = p / (p + r)
        m = m + k * (y[t] - m)
        p = (1 - k) * p
        means.append(m)
        covs.append(p)
        p = p + q
    smoothed = [means[-1]]
    for t in reversed(range(n - 1)):
        g = covs[t] / pred_p[t + 1]
        smoothed.append(means[t] + g * (smoothed[-1] - pred_m[t + 1]))
    smoothed = np.array(smoothed[::-1])
    return np.sum((smoothed - y) ** 2) + np.sum(np.diff(smoothed) ** 2)


def kalman_missing_obs(log_r, y, A, Q):
    """Multivariate Kalman filter; rows of ``y`` with a NaN are skipped (predict only)."""
    n, d = y.shape
    R = np.exp(log_r) * np.eye(d)
    x = np.zeros(d)
    P = np.eye(d)
    nll = 0.0
    for t in range(n):
        x = A @ x
        P = A @ P @ A.T + Q
        if np.any(np.isnan(y[t])):
            continue
        S = P + R
        resid = y[t] - x
        L = np.linalg.cholesky(S)
        z = np.linalg.solve(L, resid)
        nll += 0.5 * z @ z + np.sum(np.log(np.diag(L)))
        K = np.linalg.solve(S, P).T
        x = x + K @ resid
        P = P - K @ S @ K.T
    return nll


def information_filter(log_q, y, H):
    """Information form: Y = P^-1, yhat = P^-1 x, measurement updates are additions."""
    d = H.shape[1]
    Qinv = np.exp(-log_q) * np.eye(d)
    Y = np.eye(d)
    yhat = np.zeros(d)
    for obs in y:
        Y = Y + H.T @ H
        yhat = yhat + H.T @ obs
        P = np.linalg.inv(Y)
        M = np.linalg.inv(P + np.linalg.inv(Qinv))
        Y = M
        yhat = M @ (P @ yhat)
    return np.linalg.slogdet(Y)[1] + yhat @ yhat


# attention


def _softmax(z, axis=-1):
    z = z - z.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def _layer_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


def multihead_causal(x, Wq, Wk, Wv, Wo, n_heads=2):
    b, t, d = x.shape
    dh = d // n_heads

    def split(h):
        return h.reshape(b, t, n_heads, dh).transpose(0, 2, 1, 3)

    q, k, v = split(x @ Wq), split(x @ Wk), split(x @ Wv)
    scores = np.einsum('bhqd,bhkd->bhqk', q, k) / np.sqrt(dh)
    mask = np.triu(np.ones((t, t), dtype=bool), k=1)
    scores = np.where(mask, -1e9, scores)
    attn = _softmax(scores)
    out = np.einsum('bhqk,bhkd->bhqd', attn, v)
    out = out.transpose(0, 2, 1, 3).reshape(b, t, d)
    return np.sum((out @ Wo) ** 2)


def padded_cross_attention(q_in, memory, key_valid, W):
    """Cross attention over padded memories: invalid keys get -inf before the softmax."""
    q = q_in @ W
    scores = np.einsum('bqd,bkd->bqk', q, memory) / np.sqrt(q.shape[-1])
    scores = np.where(key_valid[:, None, :], scores, -np.inf)
    weights = np.exp(scores - np.max(scores, axis=-1, keepdims=True))
    weights /= weights.sum(-1, keepdims=True)
    ctx = weights @ memory
    return np.mean(np.tanh(ctx))


def prenorm_block(x, params):
    g1, b1, Wqkv, g2, b2, W1, W2 = params
    h = _layer_norm(x, g1, b1)
    q, k, v = np.split(h @ Wqkv, 3, axis=-1)
    a = _softmax(q @ k.swapaxes(-1, -2) / np.sqrt(q.shape[-1]))
    x = x + a @ v
    h = _layer_norm(x, g2, b2)
    u = h @ W1
    gelu = 0.5 * u * (1 + np.tanh(np.sqrt(2 / np.pi) * (u + 0.044715 * u ** 3)))
    x = x + gelu @ W2
    return float(np.sum(x[:, -1] ** 2))


def attention_entropy(q, k, temperature):
    logits = q @ k.T / temperature
    logp = logits - special.logsumexp(logits, axis=1, keepdims=True)
    p = np.exp(logp)
    return -np.sum(p * logp) / len(q)


# mixture models


def gmm_naive_em_loglik(x, logits, mu, log_sigma):
    w = np.exp(logits) / np.sum(np.exp(logits))
    sigma = np.exp(log_sigma)
    dens = w * np.exp(-0.5 * ((x[:, None] - mu) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi))
    resp = dens / dens.sum(axis=1, keepdims=True)
    nk = resp.sum(axis=0)
    mu_new = (resp * x[:, None]).sum(axis=0) / nk
    var_new = (resp * (x[:, None] - mu_new) ** 2).sum(axis=0) / nk
    w_new = nk / len(x)
    logp = (np.log(w_new) - 0.5 * np.log(2 * np.pi * var_new)
            - 0.5 * (x[:, None] - mu_new) ** 2 / var_new)
    return np.sum(np.log(np.sum(np.exp(logp), axis=1)))


def gmm2d_responsibility_entropy(X, means, log_scales):
    log_p = []
    for k in range(means.shape[0]):
        s = np.exp(log_scales[k])
        diff = (X - means[k]) / s
        log_p.append(-0.5 * np.sum(diff ** 2, axis=1) - 2 * np.log(s))
    log_p = np.stack(log_p, axis=1)
    log_norm = np.log(np.sum(np.exp(log_p - log_p.max(1, keepdims=True)), axis=1, keepdims=True))
    log_r = log_p - log_p.max(1, keepdims=True) - log_norm
    return -np.sum(np.exp(log_r) * log_r)


def poisson_mixture_em(rates, counts, pis):
    log_rates = np.log(rates)
    ll = counts[:, None] * log_rates - rates - special.gammaln(counts[:, None] + 1)
    ll += np.log(pis)
    resp = np.exp(ll - special.logsumexp(ll, axis=1)[:, None])
    q = np.sum(resp * ll)
    h = -np.sum(special.xlogy(resp, resp))
    return q + h


def student_t_mixture(x, locs, log_scales, df=4.0):
    comps = np.column_stack([
        stats.t.logpdf(x, df, loc=locs[j], scale=np.exp(log_scales[j])) for j in range(len(locs))
    ])
    return -np.sum(special.logsumexp(comps + np.log(0.5), axis=1))


# HMC and Langevin


def eight_schools_noncentered(theta, y, sigma):
    mu, log_tau = theta[0], theta[1]
    eta = theta[2:]
    tau = np.exp(log_tau)
    school = mu + tau * eta
    lp = np.sum(stats.norm.logpdf(y, loc=school, scale=sigma))
    lp += np.sum(stats.norm.logpdf(eta))
    lp += stats.norm.logpdf(mu, 0.0, 5.0)
    lp += stats.cauchy.logpdf(tau, 0.0, 5.0) + log_tau
    return lp


def _banana_logp(q, b=0.1):
    return -0.5 * q[0] ** 2 / 4.0 - 0.5 * (q[1] + b * q[0] ** 2 - 4.0 * b) ** 2


def _banana_grad(q, b=0.1):
    inner = q[1] + b * q[0] ** 2 - 4.0 * b
    return np.array([-q[0] / 4.0 - inner * 2.0 * b * q[0], -inner])


def hmc_energy_error(q0, p0, eps, n_steps=4):
    q, p = q0.copy(), p0.copy()
    p = p + 0.5 * eps * _banana_grad(q)
    for i in range(n_steps):
        q = q + eps * p
        if i != n_steps - 1:
            p = p + eps * _banana_grad(q)
    p = p + 0.5 * eps * _banana_grad(q)
    h0 = -_banana_logp(q0) + 0.5 * p0 @ p0
    h1 = -_banana_logp(q) + 0.5 * p @ p
    return h1 - h0


def mala_log_accept(x, y, step):
    """log of the Metropolis-adjusted Langevin acceptance ratio for a logistic-regression
    posterior with a Gaussian prior (scipy.stats for the prior and the proposal)."""

    def log_post(w):
        z = X_MALA @ w
        return np.sum(Y_MALA * z - np.logaddexp(0.0, z)) + np.sum(stats.norm.logpdf(w, 0.0, 2.0))

    def grad_log_post(w):
        return X_MALA.T @ (Y_MALA - special.expit(X_MALA @ w)) - w / 4.0

    fwd = stats.multivariate_normal.logpdf(y, x + step * grad_log_post(x), 2 * step)
    bwd = stats.multivariate_normal.logpdf(x, y + step * grad_log_post(y), 2 * step)
    return log_post(y) - log_post(x) + bwd - fwd


X_MALA = np.array([[1.0, 0.3], [1.0, -1.2], [1.0, 0.8], [1.0, 2.0], [1.0, -0.5]])
Y_MALA = np.array([1.0, 0.0, 1.0, 1.0, 0.0])


def gamma_beta_priors(theta, data):
    log_a, logit_p = theta
    a = np.exp(log_a)
    p = special.expit(logit_p)
    lp = stats.gamma.logpdf(a, 2.0, scale=1.0) + log_a
    lp += stats.beta.logpdf(p, 2.0, 3.0) + np.log(p) + np.log1p(-p)
    lp += np.sum(special.gammaln(data + a) - special.gammaln(a) + a * np.log(p)
                 + data * np.log1p(-p))
    return lp
