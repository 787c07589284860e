"""Statistical learning as researchers write it in NumPy (re-imagined, none copied): Rasch and
2PL item-response likelihoods with person and item index arrays, a Tobit likelihood with
censoring masks, NMF by multiplicative updates, a planar normalizing flow's log-density, a VAE
ELBO with a fixed reparameterisation draw, an RBF maximum mean discrepancy, a Spearman loss on
soft ranks, an L-BFGS two-loop recursion over stored pairs, an unscented transform with
sigma points from a Cholesky factor, a bootstrap particle filter's likelihood on fixed noise
with systematic weights, log-domain Sinkhorn with a ``while`` and a tolerance, a GP marginal
likelihood through ``scipy.linalg.solve_triangular``, EM responsibilities with
``scipy.special.logsumexp``, a graph convolution with ``np.add.at`` message passing, a
recommender with user/item index arrays and an L2 term from a dict of parameters, a
Plackett-style contrastive InfoNCE, a mixture density network loss, a quantile regression
forest-free pinball sum, a Student-t regression, ordinal logistic cut-points made monotone by
``np.cumsum(np.exp(...))``.  ``tests/test_idioms20.py`` differentiates
each."""

import numpy as np
import scipy.linalg
from scipy.special import expit, logsumexp


def rasch_loglik(theta, b, person, item, y):
    eta = theta[person] - b[item]
    return np.sum(y * eta - np.logaddexp(0.0, eta))


def two_pl_loglik(params, person, item, y, n_items):
    theta = params[:-2 * n_items]
    a = np.exp(params[-2 * n_items:-n_items])
    b = params[-n_items:]
    p = expit(a[item] * (theta[person] - b[item]))
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return np.sum(y * np.log(p) + (1 - y) * np.log1p(-p))


def tobit_loglik(beta, log_sigma, X, y, lower=0.0):
    sigma = np.exp(log_sigma)
    mu = X @ beta
    cens = y <= lower
    z = (y - mu) / sigma
    ll_obs = -0.5 * z[~cens] ** 2 - log_sigma - 0.5 * np.log(2 * np.pi)
    zc = (lower - mu[cens]) / sigma
    ll_cens = np.log(0.5 * scipy_erfc(-zc / np.sqrt(2)))
    return ll_obs.sum() + ll_cens.sum()


def scipy_erfc(x):
    from scipy.special import erfc

    return erfc(x)


def nmf_multiplicative(V, W0, H0, iters=5, eps=1e-9):
    W, H = W0.copy(), H0.copy()
    for _ in range(iters):
        H *= (W.T @ V) / (W.T @ W @ H + eps)
        W *= (V @ H.T) / (W @ H @ H.T + eps)
    return np.linalg.norm(V - W @ H) ** 2


def planar_flow_logdensity(z, u, w, b):
    lin = z @ w + b
    h = np.tanh(lin)
    f = z + np.outer(h, u)
    psi = np.outer(1 - h ** 2, w)
    logdet = np.log(np.abs(1 + psi @ u))
    base = -0.5 * np.sum(z ** 2, axis=1) - z.shape[1] / 2 * np.log(2 * np.pi)
    return np.mean(base - logdet) + 1e-3 * np.sum(f ** 2)


def vae_elbo(params, x, eps):
    We, Wmu, Wlv, Wd = params["enc"], params["mu"], params["logvar"], params["dec"]
    h = np.tanh(x @ We)
    mu, logvar = h @ Wmu, h @ Wlv
    z = mu + np.exp(0.5 * logvar) * eps
    logits = z @ Wd
    rec = np.sum(x * logits - np.logaddexp(0.0, logits))
    kl = -0.5 * np.sum(1 + logvar - mu ** 2 - np.exp(logvar))
    return rec - kl


def rbf_mmd(x, y, gamma=0.5):
    def k(a, b):
        d2 = np.sum(a ** 2, 1)[:, None] + np.sum(b ** 2, 1)[None, :] - 2 * a @ b.T
        return np.exp(-gamma * d2)

    return k(x, x).mean() + k(y, y).mean() - 2 * k(x, y).mean()


def soft_rank_spearman(pred, target, tau=0.3):
    diff = (pred[:, None] - pred[None, :]) / tau
    ranks = 0.5 + np.sum(expit(diff), axis=1)
    r = ranks - ranks.mean()
    t = target - target.mean()
    return -(r @ t) / np.sqrt((r @ r) * (t @ t))


def lbfgs_direction(g, s_list, y_list):
    q = g.copy()
    alphas = []
    for s, y in zip(reversed(s_list), reversed(y_list), strict=True):
        rho = 1.0 / (y @ s)
        a = rho * (s @ q)
        q = q - a * y
        alphas.append((rho, a))
    s, y = s_list[-1], y_list[-1]
    r = (s @ y) / (y @ y) * q
    for (s, y), (rho, a) in zip(zip(s_list, y_list, strict=True), reversed(alphas), strict=True):
        beta = rho * (y @ r)
        r = r + s * (a - beta)
    return np.sum(r ** 2)


def unscented_transform(mean, cov, alpha=1.0, beta=2.0, kappa=0.0):
    n = len(mean)
    lam = alpha ** 2 * (n + kappa) - n
    L = np.linalg.cholesky((n + lam) * cov)
    sigma = [mean] + [mean + L[:, i] for i in range(n)] + [mean - L[:, i] for i in range(n)]
    sigma = np.stack(sigma)
    wm = np.full(2 * n + 1, 1.0 / (2 * (n + lam)))
    wc = wm.copy()
    wm[0] = lam / (n + lam)
    wc[0] = wm[0] + (1 - alpha ** 2 + beta)
    ys = np.column_stack([np.sin(sigma[:, 0]) + sigma[:, 1] ** 2, sigma[:, 0] * sigma[:, 1]])
    ym = wm @ ys
    dy = ys - ym
    return np.sum(ym ** 2) + np.trace((wc[:, None] * dy).T @ dy)


def particle_filter_loglik(params, obs, noise, n_particles=6):
    phi, log_q = params
    q = np.exp(log_q)
    x = noise[0, :n_particles]
    ll = 0.0
    for t, y in enumerate(obs):
        x = phi * x + q * noise[t + 1, :n_particles]
        logw = -0.5 * (y - x) ** 2
        m = np.max(logw)
        w = np.exp(logw - m)
        ll += m + np.log(np.mean(w))
        w = w / w.sum()
        x = np.sum(w * x) + 0.0 * x  # (a soft resampling: every particle to the weighted mean)
    return ll


def sinkhorn_log(a, b, C, eps=1.0, tol=1e-9, max_iter=200):
    f = np.zeros_like(a)
    g = np.zeros_like(b)
    it = 0
    err = np.inf
    while err > tol and it < max_iter:
        f_new = eps * np.log(a) - eps * logsumexp((g[None, :] - C) / eps, axis=1)
        g = eps * np.log(b) - eps * logsumexp((f_new[:, None] - C) / eps, axis=0)
        err = np.max(np.abs(f_new - f))
        f = f_new
        it += 1
    P = np.exp((f[:, None] + g[None, :] - C) / eps)
    return np.sum(P * C)


def gp_log_marginal(log_params, X, y):
    ell, sf, sn = np.exp(log_params)
    d2 = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=-1)
    K = sf ** 2 * np.exp(-0.5 * d2 / ell ** 2) + (sn ** 2 + 1e-8) * np.eye(len(X))
    L = np.linalg.cholesky(K)
    alpha = scipy.linalg.solve_triangular(L, y, lower=True)
    return -0.5 * alpha @ alpha - np.sum(np.log(np.diag(L))) - 0.5 * len(X) * np.log(2 * np.pi)


def em_responsibilities(x, means, log_sd, logits):
    sd = np.exp(log_sd)
    logp = (-0.5 * ((x[:, None] - means[None, :]) / sd) ** 2 - log_sd - 0.5 * np.log(2 * np.pi)
            + logits - logsumexp(logits))
    lse = logsumexp(logp, axis=1, keepdims=True)
    resp = np.exp(logp - lse)
    nk = resp.sum(axis=0)
    new_means = (resp * x[:, None]).sum(axis=0) / nk
    return np.sum(lse) + np.sum(new_means ** 2)


def gcn_message_passing(H, W, edges, n_nodes):
    src, dst = edges[:, 0], edges[:, 1]
    deg = np.bincount(dst, minlength=n_nodes).astype(float) + 1.0
    agg = H.copy()
    np.add.at(agg, dst, H[src])
    agg = agg / deg[:, None]
    out = np.maximum(agg @ W, 0.0)
    return np.sum(out ** 2)


def recommender_loss(params, users, items, ratings, reg=None):
    reg = reg if reg is not None else {"user": 0.1, "item": 0.05}
    P, Q, bu, bi = params["P"], params["Q"], params["bu"], params["bi"]
    pred = np.sum(P[users] * Q[items], axis=1) + bu[users] + bi[items] + params["mu"]
    err = ratings - pred
    return (err @ err + reg["user"] * np.sum(P ** 2) + reg["item"] * np.sum(Q ** 2)) / len(err)


DEFAULT_REG = {"user": 0.1, "item": 0.05}


def recommender_loss_module_default(params, users, items, ratings, reg=DEFAULT_REG):
    pred = np.einsum("ij,ij->i", params["P"][users], params["Q"][items])
    pred = pred + params["bu"][users] + params["bi"][items] + params["mu"]
    err = ratings - pred
    penalty = reg["user"] * np.sum(params["P"] ** 2) + reg["item"] * np.sum(params["Q"] ** 2)
    return (err @ err + penalty) / len(err)


def info_nce(za, zb, temperature=0.2):
    za = za / np.linalg.norm(za, axis=1, keepdims=True)
    zb = zb / np.linalg.norm(zb, axis=1, keepdims=True)
    logits = za @ zb.T / temperature
    idx = np.arange(len(za))
    return -np.mean(logits[idx, idx] - logsumexp(logits, axis=1))


def mdn_loss(h, W_pi, W_mu, W_ls, y):
    logits = h @ W_pi
    mu = h @ W_mu
    log_s = h @ W_ls
    log_pi = logits - logsumexp(logits, axis=1, keepdims=True)
    comp = -0.5 * ((y[:, None] - mu) / np.exp(log_s)) ** 2 - log_s - 0.5 * np.log(2 * np.pi)
    return -np.mean(logsumexp(log_pi + comp, axis=1))


def pinball_sum(pred, y, quantiles=(0.1, 0.5, 0.9)):
    total = 0.0
    for k, tau in enumerate(quantiles):
        r = y - pred[:, k]
        total += np.mean(np.maximum(tau * r, (tau - 1) * r))
    return total


def student_t_regression(beta, X, y, nu=4.0, log_scale=0.0):
    r = (y - X @ beta) / np.exp(log_scale)
    return np.sum(-(nu + 1) / 2 * np.log1p(r ** 2 / nu)) - len(y) * log_scale


def ordinal_logistic(beta, raw_cuts, X, y):
    cuts = np.cumsum(np.concatenate([raw_cuts[:1], np.exp(raw_cuts[1:])]))
    eta = X @ beta
    upper = np.concatenate([cuts, [np.inf]])
    lower = np.concatenate([[-np.inf], cuts])
    p = expit(upper[y] - eta) - expit(lower[y] - eta)
    return np.sum(np.log(p))
